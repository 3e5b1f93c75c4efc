"""Tagging throughput on one core and peak memory.

    python bench/topics_bench.py [--corpus /work/shared/corpus] [--articles 3000]

Texts: the extraction benchmark's 181 bodies and fundus's expected bodies (read locally, never copied), cycled to
``--articles``. Prints, for the baseline topic tagger (``--baseline``, the terms-only v1) and the default one side by
side in this single process (one core): load time, articles/s for the topic tagger alone and for the whole
ArticleTagger (topics + places + people/organisations), and the process's peak resident memory.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from itertools import cycle, islice
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    sys.path.insert(0, str(ROOT / "bench"))
    sys.path.insert(0, str(ROOT))
    from topics_eval import load_texts

    from wirelake.transforms.topics import ArticleTagger
    from wirelake.transforms.topics.tagging import DEFAULT_TOPIC_TAGGER

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default="/work/shared/corpus", type=Path)
    ap.add_argument("--articles", type=int, default=3000)
    ap.add_argument("--baseline", default="iptc_topics_v1", help="Topic tagger timed alongside the default.")
    args = ap.parse_args(argv)

    texts = list(load_texts(args.corpus).values())
    chars = sum(len(t) + len(x) for t, x in texts) / len(texts)
    sample = list(islice(cycle(texts), args.articles))
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"{args.articles} articles (mean {chars:,.0f} chars, {len(texts)} distinct), 1 process")
    print(f"{'topic tagger':24}{'load ms':>9}{'topics/s':>10}{'full tagging/s':>16}")
    for name in (args.baseline, DEFAULT_TOPIC_TAGGER):
        started = time.perf_counter()
        tagger = ArticleTagger(topic_tagger=name)
        load = time.perf_counter() - started
        for title, text in sample[:50]:  # warm-up
            tagger.tag(title, text, "en")
        t0 = time.perf_counter()
        for title, text in sample:
            tagger.topics.classify(title, text, "en")
        topics_only = time.perf_counter() - t0
        t0 = time.perf_counter()
        for title, text in sample:
            tagger.tag(title, text, "en")
        full = time.perf_counter() - t0
        label = name + (" (default)" if name == DEFAULT_TOPIC_TAGGER else " (baseline)")
        print(f"{label:24}{load * 1000:>9.0f}{args.articles / topics_only:>10,.0f}{args.articles / full:>16,.0f}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print("full tagging = topics + places + people/organisations, as TagTopics runs it")
    print(f"peak RSS: {peak / 1024:.0f} MB (interpreter + corpus before the taggers: {rss0 / 1024:.0f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
