"""Topic tagger accuracy on hand-labelled articles: top-1 accuracy and macro-F1 over the IPTC top-level topics.

    python bench/topics_eval.py [--corpus /work/shared/corpus] [--labels bench/data/topic_labels.jsonl]
                                [--tagger iptc_topics_v1] [--errors]

Labels (bench/data/topic_labels.jsonl, written by the wirelake team) hold ids and topics only; the texts are read
from the shared corpus (third-party pages, never copied into the repository) and from our own CC0 fixtures:
- ``extraction-benchmark:<key>``: the body of ``ground-truth.json`` (no headline in that set);
- ``news-html:<file>``: fundus's expected title + body in ``fundus-expected.jsonl``;
- ``fixture:<id>``: ``tests/fixtures/topics/articles.jsonl``.

An article's first label is its main topic; the others are also acceptable (a story about a tech company's results is
both economy and technology). top-1 counts the tagger's best topic as right when it is any gold label; strict top-1
wants the main topic. Macro-F1 compares the tagger's set of top-level topics with the gold set, per topic, averaged
over the topics present in the gold labels. Articles in languages the tagger does not read must come back
``unsupported_language``; they are counted apart.
"""

from __future__ import annotations

import argparse
import gzip  # noqa: F401 - documents that the corpus pages are gzipped; texts come from the JSON files
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COARSE = {
    "medtop:11000000": "politics",
    "medtop:04000000": "economy/business",
    "medtop:15000000": "sport",
    "medtop:13000000": "science-technology",
    "medtop:01000000": "arts-culture-entertainment",
}


def load_texts(corpus: Path) -> dict[str, tuple[str, str]]:
    texts: dict[str, tuple[str, str]] = {}
    gt = corpus / "extraction-benchmark" / "ground-truth.json"
    if gt.exists():
        for key, item in json.loads(gt.read_text(encoding="utf-8")).items():
            texts[f"extraction-benchmark:{key}"] = ("", item.get("articleBody") or "")
    fundus = corpus / "news-html" / "fundus-expected.jsonl"
    if fundus.exists():
        for line in fundus.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            exp = rec["expected"]
            body = exp.get("body") or {}
            parts = list(body.get("summary") or [])
            for section in body.get("sections") or []:
                parts += list(section.get("headline") or []) + list(section.get("paragraphs") or [])
            texts[f"news-html:{rec['file']}"] = (exp.get("title") or "", "\n\n".join(parts))
    fixtures = ROOT / "tests" / "fixtures" / "topics" / "articles.jsonl"
    for line in fixtures.read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            texts[f"fixture:{rec['id']}"] = (rec.get("title") or "", rec.get("text") or "")
    return texts


def main(argv: list[str] | None = None) -> int:
    sys.path.insert(0, str(ROOT))
    from wirelake.transforms.topics import create_tagger

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default="/work/shared/corpus", type=Path)
    ap.add_argument("--labels", default=ROOT / "bench" / "data" / "topic_labels.jsonl", type=Path)
    ap.add_argument("--tagger", default="iptc_topics_v1")
    ap.add_argument("--errors", action="store_true", help="List the misclassified articles.")
    args = ap.parse_args(argv)

    tagger = create_tagger(args.tagger)
    texts = load_texts(args.corpus)
    labels = [json.loads(x) for x in args.labels.read_text(encoding="utf-8").splitlines() if x.strip()]
    missing = [r["id"] for r in labels if r["id"] not in texts]
    if missing:
        print(f"{len(missing)} labelled ids have no text in {args.corpus} (first: {missing[0]})", file=sys.stderr)
    tp: Counter = Counter()
    fp: Counter = Counter()
    fn: Counter = Counter()
    n = correct = strict = 0
    coarse_n = coarse_ok = 0
    per_topic: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    foreign = foreign_ok = 0
    statuses: Counter = Counter()
    for rec in labels:
        if rec["id"] not in texts:
            continue
        title, text = texts[rec["id"]]
        gold = rec["topics"]
        lang = rec.get("language", "en")
        outcome = tagger.classify(title, text, None)  # language detected, as for CLI input without one
        statuses[outcome.status] += 1
        if lang != "en":
            foreign += 1
            foreign_ok += outcome.status == "unsupported_language"
            continue
        predicted = [t["code"] for t in outcome.topics if t["code"].endswith("000000")]
        best = predicted[0] if predicted else None
        n += 1
        ok = best in gold
        correct += ok
        strict += best == gold[0]
        per_topic[gold[0]][0] += 1
        per_topic[gold[0]][1] += ok
        if gold[0] in COARSE:
            coarse_n += 1
            coarse_ok += ok
        for code in set(predicted) | set(gold):
            if code in predicted and code in gold:
                tp[code] += 1
            elif code in predicted:
                fp[code] += 1
            else:
                fn[code] += 1
        if args.errors and not ok:
            print(f"MISS {rec['id'][:70]} gold={gold} got={predicted} status={outcome.status} :: {title[:60]!r}")
    f1s = []
    for code in sorted({c for r in labels if r.get("language", "en") == "en" for c in r["topics"]}):
        p = tp[code] / (tp[code] + fp[code]) if tp[code] + fp[code] else 0.0
        r = tp[code] / (tp[code] + fn[code]) if tp[code] + fn[code] else 0.0
        f1s.append(2 * p * r / (p + r) if p + r else 0.0)
    print(f"tagger {args.tagger}: {n} English articles, {len(set(c for r in labels for c in r['topics'][:1]))} topics")
    print(f"top-1 accuracy (any gold label): {correct / n:.3f}")
    print(f"top-1 accuracy (main label):     {strict / n:.3f}")
    print(
        f"coarse sections top-1 ({coarse_n} articles whose main label is politics/economy/sport/sci-tech/arts): "
        f"{coarse_ok / max(coarse_n, 1):.3f}"
    )
    print(f"macro-F1 (top-level sets, {len(f1s)} topics): {sum(f1s) / len(f1s):.3f}")
    print(f"non-English left untagged (unsupported_language): {foreign_ok}/{foreign}")
    print("statuses:", dict(statuses))
    per = {k.split(":")[1][:2]: f"{v[1]}/{v[0]}" for k, v in sorted(per_topic.items())}
    print("per main topic (right/total):", per)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
