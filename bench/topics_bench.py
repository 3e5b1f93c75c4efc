"""Tagging throughput on one core and peak memory.

    python bench/topics_bench.py [--corpus /work/shared/corpus] [--articles 3000]

Texts: the extraction benchmark's 181 bodies and fundus's expected bodies (read locally, never copied), cycled to
``--articles``. Prints articles/s for the whole ArticleTagger (topics + places + people/organisations) and for the
topic tagger alone, in this single process (one core), and the process's peak resident memory.
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

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default="/work/shared/corpus", type=Path)
    ap.add_argument("--articles", type=int, default=3000)
    args = ap.parse_args(argv)

    texts = list(load_texts(args.corpus).values())
    chars = sum(len(t) + len(x) for t, x in texts) / len(texts)
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    tagger = ArticleTagger()
    load = time.perf_counter() - started
    sample = list(islice(cycle(texts), args.articles))
    for title, text in sample[:50]:  # warm-up
        tagger.tag(title, text, "en")
    t0 = time.perf_counter()
    for title, text in sample:
        tagger.tag(title, text, "en")
    full = time.perf_counter() - t0
    t0 = time.perf_counter()
    for title, text in sample:
        tagger.topics.classify(title, text, "en")
    topics_only = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"{args.articles} articles (mean {chars:,.0f} chars, {len(texts)} distinct), 1 process")
    print(f"tagger load (once per worker): {load * 1000:.0f} ms")
    print(f"full tagging (topics+places+entities): {args.articles / full:,.0f} articles/s")
    print(f"topics only: {args.articles / topics_only:,.0f} articles/s")
    print(f"peak RSS: {peak / 1024:.0f} MB (interpreter + corpus before the tagger: {rss0 / 1024:.0f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
