"""Topic tagger accuracy on hand-labelled articles: top-1 accuracy and macro-F1 over the IPTC top-level topics.

    python bench/topics_eval.py [--corpus /work/shared/corpus] [--labels bench/data/topic_labels.jsonl]
                                [--tagger iptc_topics_v2] [--errors {tune,holdout,all}] [--derive-sections]
                                [--blend KEY=VALUE] [--compare]

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

Held-out protocol. Every labelled id falls in a fixed half, ``tune`` or ``holdout``, by the parity of the first byte
of its SHA-1 (``split_of``); every number is reported for all, tune and holdout. Term lists are tuned on ``tune``
errors only (``--errors`` lists tune misses by default; ``--errors holdout`` exists to audit, not to tune). The split
was introduced after the lists had been tuned on the whole set, so holdout is only cleaner from then on.

Publisher sections (``bench/data/topic_sections.jsonl``): a second, untouched check, never used for tuning. For
news-html pages *not* in the hand labels, the publisher's own section (URL path segments) or categories/topics
metadata are mapped to the five coarse sections by ``SECTION_TERMS`` (a page is kept only when exactly one coarse
section matches); ``--derive-sections`` rebuilds the file from the corpus metadata. It stores ids and labels only.
"""

from __future__ import annotations

import argparse
import csv
import gzip  # noqa: F401 - documents that the corpus pages are gzipped; texts come from the JSON files
import hashlib
import json
import re
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
SECTIONS_FILE = ROOT / "bench" / "data" / "topic_sections.jsonl"
SOURCES = {  # id prefix -> what its pages are
    "extraction-benchmark": "mixed web pages: news, blogs, company and shop pages",
    "news-html": "news outlets' article pages",
    "fixture": "our own short CC0 texts",
}
# Publisher section word (URL path segment, or a category/topic given by the publisher, lower case) -> coarse topic.
SECTION_TERMS = {
    "medtop:11000000": {"politics", "politik", "politique", "politica", "polityka", "elections", "election"},
    "medtop:04000000": {"business", "economy", "economics", "wirtschaft", "finance", "finanzen", "markets", "money"},
    "medtop:15000000": {"sport", "sports", "football", "soccer", "deportes"},
    "medtop:13000000": {"technology", "tech", "science", "wissen", "astronomy", "archaeology", "space", "digital"},
    "medtop:01000000": {"culture", "kultur", "arts", "entertainment", "film", "cinema", "music", "books"},
}


def split_of(article_id: str) -> str:
    """The fixed half an id belongs to: ``tune`` or ``holdout`` (stable across runs, machines and label edits)."""
    return "holdout" if hashlib.sha1(article_id.encode("utf-8"), usedforsecurity=False).digest()[0] % 2 else "tune"


def section_of(url: str, categories: list[str]) -> str | None:
    """The one coarse topic a publisher's URL path and categories name, else None (none, or several)."""
    path = re.sub(r"^[a-z]+://[^/]+", "", url.lower())
    found = set()
    for word in re.split(r"[/?#]", path)[:-1] + [c.strip().lower() for c in categories]:
        for code, terms in SECTION_TERMS.items():
            if word in terms:
                found.add(code)
    return found.pop() if len(found) == 1 else None


def derive_sections(corpus: Path, labelled: set[str]) -> list[dict]:
    """Publisher-section labels for news-html pages that are not hand-labelled (ids and labels only)."""
    root = corpus / "news-html"
    meta: dict[str, list[str]] = {}
    for name in ("fundus-expected.jsonl", "trafilatura-expected.jsonl"):
        for line in (root / name).read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            exp = rec.get("expected") or rec
            meta[rec["file"]] = list(exp.get("topics") or []) + list(exp.get("categories") or [])
    out = []
    with (root / "manifest.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            article_id = f"news-html:{row['file']}"
            if article_id in labelled:
                continue
            code = section_of(row["source_url"] or "", meta.get(row["file"], []))
            if code:
                out.append({"id": article_id, "topics": [code], "source": "publisher-section"})
    return out


def load_texts(corpus: Path, raw_pages: bool = False) -> dict[str, tuple[str, str]]:
    """Texts by id; ``raw_pages`` also extracts the trafilatura HTML pages (no expected body) with trafilatura."""
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
    trafilatura_pages = corpus / "news-html" / "trafilatura"
    if raw_pages and trafilatura_pages.exists():
        import trafilatura  # noqa: PLC0415 - only these raw pages need extracting

        for page in sorted(trafilatura_pages.glob("*.html")):
            doc = trafilatura.bare_extraction(page.read_bytes().decode("utf-8", "replace"), with_metadata=True)
            if doc is not None:
                doc = doc if isinstance(doc, dict) else doc.as_dict()
                texts[f"news-html:trafilatura/{page.name}"] = (doc.get("title") or "", doc.get("text") or "")
    fixtures = ROOT / "tests" / "fixtures" / "topics" / "articles.jsonl"
    for line in fixtures.read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            texts[f"fixture:{rec['id']}"] = (rec.get("title") or "", rec.get("text") or "")
    return texts


def score(tagger, texts: dict[str, tuple[str, str]], labels: list[dict], errors: bool = False) -> dict:
    """Accuracy figures over ``labels`` (those with a text); ``errors`` prints the misses."""
    tp: Counter = Counter()
    fp: Counter = Counter()
    fn: Counter = Counter()
    n = correct = strict = 0
    coarse_n = coarse_ok = 0
    per_topic: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    foreign = foreign_ok = 0
    other: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # language -> [articles, best topic right]
    statuses: Counter = Counter()
    for rec in labels:
        if rec["id"] not in texts:
            continue
        title, text = texts[rec["id"]]
        gold = rec["topics"]
        lang = rec.get("language", "en")
        outcome = tagger.classify(title, text, None)  # language detected, as for CLI input without one
        statuses[outcome.status] += 1
        read_in = getattr(tagger, "languages", {"en"})
        if (rec.get("source") != "publisher-section" and lang not in read_in) or (
            outcome.status == "unsupported_language" and rec.get("source") == "publisher-section"
        ):
            foreign += 1  # publisher-section pages carry no language: the ones the tagger does not read are apart
            foreign_ok += outcome.status == "unsupported_language"
            continue
        if outcome.language not in (None, "en"):  # read in another language: counted apart from the English figures
            best = outcome.topics[0]["code"] if outcome.topics else None
            tally = other[outcome.language]
            tally[0] += 1
            tally[1] += best in rec["topics"]
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
        if errors and not ok:
            print(f"MISS {rec['id'][:70]} gold={gold} got={predicted} status={outcome.status} :: {title[:60]!r}")
    f1s = []
    for code in sorted({c for r in labels if r.get("language", "en") == "en" for c in r["topics"]}):
        p = tp[code] / (tp[code] + fp[code]) if tp[code] + fp[code] else 0.0
        r = tp[code] / (tp[code] + fn[code]) if tp[code] + fn[code] else 0.0
        f1s.append(2 * p * r / (p + r) if p + r else 0.0)
    return {
        "n": n,
        "top1": correct / max(n, 1),
        "strict": strict / max(n, 1),
        "coarse_n": coarse_n,
        "coarse": coarse_ok / max(coarse_n, 1),
        "macro_f1": sum(f1s) / max(len(f1s), 1),
        "f1_topics": len(f1s),
        "foreign": foreign,
        "other_languages": {k: f"{v[1]}/{v[0]}" for k, v in sorted(other.items())},
        "foreign_ok": foreign_ok,
        "statuses": dict(statuses),
        "per_topic": {k.split(":")[1][:2]: f"{v[1]}/{v[0]}" for k, v in sorted(per_topic.items())},
    }


def compare(texts: dict[str, tuple[str, str]], halves: dict[str, list[dict]]) -> None:
    """v1, v2 and v2's word model alone on the same labels. The word model never saw these texts and none of its
    settings was chosen on them, so its row is the one number here that no tuning has touched."""
    from wirelake.transforms.topics import create_tagger
    from wirelake.transforms.topics.blended import BlendConfig

    taggers = {
        "iptc_topics_v1 (terms)": create_tagger("iptc_topics_v1"),
        "iptc_topics_v2 (blend)": create_tagger("iptc_topics_v2"),
        "word model alone": create_tagger("iptc_topics_v2", blend=BlendConfig(model_weight=1.0)),
    }
    print(f"{'':24}{'top-1 (17 topics)':>24}{'coarse sections top-1':>26}{'macro-F1':>10}")
    print(f"{'':24}{'all  tune  hold':>24}{'all  tune  hold':>26}{'all':>10}")
    for name, tagger in taggers.items():
        r = {h: score(tagger, texts, recs) for h, recs in halves.items()}
        top1 = " ".join(f"{r[h]['top1']:.3f}" for h in ("all", "tune", "holdout"))
        coarse = " ".join(f"{r[h]['coarse']:.3f}" for h in ("all", "tune", "holdout"))
        print(f"{name:24}{top1:>24}{coarse:>26}{r['all']['macro_f1']:>10.3f}")


def main(argv: list[str] | None = None) -> int:
    sys.path.insert(0, str(ROOT))
    from wirelake.transforms.topics import create_tagger
    from wirelake.transforms.topics.tagging import DEFAULT_TOPIC_TAGGER

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default="/work/shared/corpus", type=Path)
    ap.add_argument("--labels", default=ROOT / "bench" / "data" / "topic_labels.jsonl", type=Path)
    ap.add_argument("--sections", default=SECTIONS_FILE, type=Path)
    ap.add_argument("--tagger", default=DEFAULT_TOPIC_TAGGER)
    ap.add_argument(
        "--blend", action="append", default=[], metavar="KEY=VALUE", help="BlendConfig override (iptc_topics_v2)."
    )
    ap.add_argument(
        "--errors", nargs="?", const="tune", choices=("tune", "holdout", "all"), help="List misses (tune half)."
    )
    ap.add_argument("--derive-sections", action="store_true", help="Rebuild --sections from corpus metadata.")
    ap.add_argument(
        "--compare",
        action="store_true",
        help="Also print v1 (terms only), v2 and v2's word model alone side by side.",
    )
    args = ap.parse_args(argv)

    settings = {}
    if args.blend:
        from wirelake.transforms.topics.blended import BlendConfig

        settings["blend"] = BlendConfig(**{k: float(v) for k, v in (item.split("=", 1) for item in args.blend)})
    # Every language the tagger can read, opt-in ones included: the German figures are printed apart.
    readable = create_tagger(args.tagger, **settings).readable_languages
    tagger = create_tagger(args.tagger, languages=sorted(readable), **settings)
    labels = [json.loads(x) for x in args.labels.read_text(encoding="utf-8").splitlines() if x.strip()]
    if args.derive_sections:
        rows = derive_sections(args.corpus, {r["id"] for r in labels})
        args.sections.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        print(f"wrote {len(rows)} publisher-section labels to {args.sections}")
    sections = []
    if args.sections.exists():
        sections = [json.loads(x) for x in args.sections.read_text(encoding="utf-8").splitlines() if x.strip()]
    texts = load_texts(args.corpus, raw_pages=bool(sections))
    missing = [r["id"] for r in labels + sections if r["id"] not in texts]
    if missing:
        print(f"{len(missing)} labelled ids have no text in {args.corpus} (first: {missing[0]})", file=sys.stderr)
    halves = {
        "all": labels,
        "tune": [r for r in labels if split_of(r["id"]) == "tune"],
        "holdout": [r for r in labels if split_of(r["id"]) == "holdout"],
    }
    if args.errors:
        score(tagger, texts, halves[args.errors], errors=True)
    results = {name: score(tagger, texts, recs) for name, recs in halves.items()}
    a = results["all"]
    n_topics = len({r["topics"][0] for r in labels})
    print(f"tagger {args.tagger}: {a['n']} English articles, {n_topics} topics")
    print(f"{'':34}{'all':>8}{'tune':>8}{'holdout':>8}")
    rows = [
        ("English articles", "n", "{:>8d}"),
        ("top-1 accuracy (any gold label)", "top1", "{:>8.3f}"),
        ("top-1 accuracy (main label)", "strict", "{:>8.3f}"),
        ("coarse sections: articles", "coarse_n", "{:>8d}"),
        ("coarse sections top-1", "coarse", "{:>8.3f}"),
        ("macro-F1 (top-level sets)", "macro_f1", "{:>8.3f}"),
    ]
    for label, key, fmt in rows:
        print(f"{label:34}" + "".join(fmt.format(results[h][key]) for h in ("all", "tune", "holdout")))
    for source, note in SOURCES.items():
        r = score(tagger, texts, [x for x in labels if x["id"].startswith(source + ":")])
        print(
            f"  {source:22} {r['n']:>4} articles: top-1 {r['top1']:.3f}; "
            f"coarse sections {r['coarse']:.3f} of {r['coarse_n']} ({note})"
        )
    print(f"non-English left untagged (unsupported_language): {a['foreign_ok']}/{a['foreign']}")
    print("statuses:", a["statuses"])
    print("per main topic (right/total), all:    ", a["per_topic"])
    print("per main topic (right/total), holdout:", results["holdout"]["per_topic"])
    if args.compare:
        compare(texts, halves)
    if sections:
        sec = score(tagger, texts, sections, errors=args.errors == "all")
        print(
            f"publisher sections (untouched, {len(sections)} pages, {sec['n']} read as English): "
            f"coarse top-1 {sec['coarse']:.3f} ({round(sec['coarse'] * sec['coarse_n'])}/{sec['coarse_n']}); "
            f"per section {sec['per_topic']}"
        )
        if sec["other_languages"]:
            print(f"publisher sections read in other languages (coarse top-1 right/total): {sec['other_languages']}")
    print(f"hand-labelled articles read in other languages (top-1 right/total): {a['other_languages'] or 'none'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
