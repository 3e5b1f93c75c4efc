"""Quality of syndicated-copy clustering: wirelake's cluster_documents beside a plain MinHash-LSH baseline.

    python bench/dedup_eval.py CORPUS_DIR [--seed N] [--thresholds 0.3,0.4,...] [--self-check]

Builds the labelled set of bench/syndication.py from CORPUS_DIR/ground-truth.json and prints, for each method:
pairwise precision / recall / F1 (over all document pairs: "same cluster" predicted vs true) and the adjusted Rand
index, side by side; then, per method, the false merges by negative kind (pairs, and distinct pairs of true
clusters merged), the copies separated from their original by edit kind, and for wirelake the wire-agency and
original-picking accuracy.

The baseline is one-threshold MinHash-LSH: datasketch MinHash(num_perm=128) over word 5-gram shingles of the
lower-cased text (\\w+ tokens), MinHashLSH at threshold t, candidate pairs kept if their estimated Jaccard >= t,
clusters = connected components. Every threshold is tried and the one with the best F1 is shown.

The same report is printed for tests/fixtures/syndication_cases.jsonl and, if it exists, for every *.jsonl file in
CORPUS_DIR/../news-copy/ (rows with at least id, text, cluster; optional title, url, published_at, byline, kind,
wire_agency).

wirelake is imported lazily from wirelake.transforms.neardup. --self-check checks the metrics on known values and
runs the whole report with a stand-in clusterer (exact body hash), so the harness can be tested on its own.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import hashlib
import json
import re
import sys
import time
from math import comb
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent))
import syndication  # noqa: E402
from syndication import NEGATIVE_KINDS, Doc  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
FIXTURE = REPO / "tests" / "fixtures" / "syndication_cases.jsonl"


# ---------------------------------------------------------------------------------------------------------------
# Metrics


def pair_scores(true: list[str], pred: list[str]) -> dict[str, float]:
    """Pairwise precision, recall, F1 and adjusted Rand index of two labelings of the same items."""
    n = len(true)
    cells = collections.Counter(zip(true, pred, strict=True))
    tp = sum(comb(c, 2) for c in cells.values())
    true_pairs = sum(comb(c, 2) for c in collections.Counter(true).values())
    pred_pairs = sum(comb(c, 2) for c in collections.Counter(pred).values())
    precision = tp / pred_pairs if pred_pairs else 1.0
    recall = tp / true_pairs if true_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    expected = true_pairs * pred_pairs / comb(n, 2) if n > 1 else 0.0
    top = (true_pairs + pred_pairs) / 2 - expected
    ari = (tp - expected) / top if top else 1.0
    return dict(precision=precision, recall=recall, f1=f1, ari=ari, tp=tp, fp=pred_pairs - tp, fn=true_pairs - tp)


def false_merges(docs: list[Doc], pred: list[str]) -> tuple[collections.Counter, collections.Counter]:
    """Pairs predicted together but truly apart, by negative kind; and distinct true-cluster pairs merged."""
    pairs, merged = collections.Counter(), collections.defaultdict(set)
    by_pred = collections.defaultdict(list)
    for d, p in zip(docs, pred, strict=True):
        by_pred[p].append(d)
    for members in by_pred.values():
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                if a.cluster != b.cluster:
                    kind = negative_kind(a, b)
                    pairs[kind] += 1
                    merged[kind].add(tuple(sorted((a.cluster, b.cluster))))
    return pairs, collections.Counter({k: len(v) for k, v in merged.items()})


def negative_kind(a: Doc, b: Doc) -> str:
    if a.neg_group and a.neg_group == b.neg_group:
        return a.neg_group.split(":")[0]
    for d in (a, b):
        if d.kind in NEGATIVE_KINDS:
            return d.kind
    return "unrelated"


def separated_copies(docs: list[Doc], pred: list[str]) -> tuple[collections.Counter, collections.Counter]:
    """Per edit kind: copies carrying that edit, and how many of them are not in their original's cluster."""
    pred_of = {d.id: p for d, p in zip(docs, pred, strict=True)}
    original = {d.cluster: d.id for d in docs if d.is_original}
    total, missed = collections.Counter(), collections.Counter()
    for d in docs:
        if d.is_original or d.cluster not in original:
            continue
        for e in d.edits or ("verbatim",):
            total[e] += 1
            missed[e] += pred_of[d.id] != pred_of[original[d.cluster]]
    return total, missed


# ---------------------------------------------------------------------------------------------------------------
# Methods


def shingle_tokens(text: str) -> list[bytes]:
    w = re.findall(r"\w+", text.lower())
    return [" ".join(w[i : i + 5]).encode("utf-8") for i in range(max(1, len(w) - 4))]


def minhash_baseline(docs: list[Doc], thresholds: list[float]) -> list[tuple[float, list[str], float]]:
    """Connected components of MinHash-LSH candidates with estimated Jaccard >= t, for each t: (t, labels, s)."""
    from datasketch import MinHash, MinHashLSH

    started = time.perf_counter()
    sigs = []
    for d in docs:
        m = MinHash(num_perm=128)
        m.update_batch(shingle_tokens(d.text))
        sigs.append(m)
    hashing = time.perf_counter() - started
    out = []
    for t in thresholds:
        started = time.perf_counter()
        lsh = MinHashLSH(threshold=t, num_perm=128)
        for i, m in enumerate(sigs):
            lsh.insert(i, m)
        parent = list(range(len(docs)))

        def find(i, parent=parent):
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        for i, m in enumerate(sigs):
            for j in lsh.query(m):
                if j != i and m.jaccard(sigs[j]) >= t:
                    parent[find(i)] = find(j)
        out.append((t, [f"b{find(i)}" for i in range(len(docs))], hashing + time.perf_counter() - started))
    return out


def load_wirelake():
    from wirelake.transforms import neardup

    return neardup


def stand_in() -> SimpleNamespace:
    """A trivial clusterer with wirelake's interface: identical normalised bodies share a cluster."""

    def cluster_documents(documents):
        out = []
        for d in documents:
            key = hashlib.sha256(" ".join(re.findall(r"\w+", d.text.lower())).encode()).hexdigest()[:16]
            out.append(
                SimpleNamespace(
                    id=d.id,
                    cluster_id=key,
                    original_id=d.id,
                    is_original=True,
                    similarity=1.0,
                    containment=1.0,
                    wire_agency=None,
                )
            )
        return out

    return SimpleNamespace(DedupDocument=SimpleNamespace, cluster_documents=cluster_documents)


def run_wirelake(impl, docs: list[Doc]) -> tuple[list, float]:
    inputs = [
        impl.DedupDocument(id=d.id, text=d.text, title=d.title, url=d.url, published_at=d.published_at, byline=d.byline)
        for d in docs
    ]
    started = time.perf_counter()
    assignments = list(impl.cluster_documents(inputs))
    elapsed = time.perf_counter() - started
    if [a.id for a in assignments] != [d.id for d in docs]:
        raise SystemExit("cluster_documents must return one assignment per input, in input order")
    return assignments, elapsed


# ---------------------------------------------------------------------------------------------------------------
# Report


def load_jsonl(path: Path) -> list[Doc]:
    docs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        kind = row.get("kind") or "unknown"
        edits = () if kind in NEGATIVE_KINDS or kind in ("original", "unknown", "verbatim") else kind.split("+")
        published = row.get("published_at")
        docs.append(
            Doc(
                id=row["id"],
                text=row["text"],
                title=row.get("title") or "",
                url=row.get("url") or "",
                published_at=dt.datetime.fromisoformat(published.replace("Z", "+00:00")) if published else None,
                byline=row.get("byline"),
                cluster=row["cluster"],
                kind=kind,
                edits=tuple(edits),
                agency=row.get("wire_agency"),
                neg_group=None,
            )
        )
    first = {}  # a cluster's original: its earliest published document
    for d in sorted(docs, key=lambda d: d.published_at or dt.datetime.max.replace(tzinfo=dt.UTC)):
        first.setdefault(d.cluster, d)
    for d in first.values():
        d.is_original = True
    return docs


def print_table(rows: dict[str, dict[str, float]]) -> None:
    names = list(rows)
    print(f"  {'':12s}" + "".join(f"{n:>28s}" for n in names))
    for key in ("precision", "recall", "f1", "ari"):
        print(f"  {key:12s}" + "".join(f"{rows[n][key]:28.4f}" for n in names))
    for key in ("fp", "fn", "seconds"):
        print(f"  {key:12s}" + "".join(f"{rows[n][key]:28.{1 if key == 'seconds' else 0}f}" for n in names))


def print_breakdown(name: str, docs: list[Doc], pred: list[str]) -> None:
    pairs, merged = false_merges(docs, pred)
    print(f"  {name}: false merges (doc pairs / true-cluster pairs) by negative kind")
    for kind in sorted(set(pairs) | {"templated_brief", "shared_background", "same_event_real"}):
        print(f"    {kind:24s} {pairs[kind]:6d} / {merged[kind]:4d}")
    total, missed = separated_copies(docs, pred)
    print(f"  {name}: copies not in their original's cluster, by edit kind")
    for kind in sorted(total, key=lambda k: -missed[k] / total[k]):
        print(f"    {kind:24s} {missed[kind]:4d} of {total[kind]:4d}  ({missed[kind] / total[kind]:5.1%})")


def attribution_report(docs: list[Doc], assignments: list) -> None:
    wire = [(d, a) for d, a in zip(docs, assignments, strict=True) if d.agency]
    plain = [(d, a) for d, a in zip(docs, assignments, strict=True) if not d.agency]
    if wire:
        ok = sum((a.wire_agency or "").lower() == d.agency for d, a in wire)
        print(f"  wire agency: {ok} of {len(wire)} wire copies named correctly ({ok / len(wire):.1%}); ", end="")
    if plain:
        bad = sum(bool(a.wire_agency) for _d, a in plain)
        print(f"{bad} of {len(plain)} non-wire documents given an agency")
    originals = {d.cluster: d.id for d in docs if d.is_original}
    multi = [
        (d, a)
        for d, a in zip(docs, assignments, strict=True)
        if d.cluster in originals and sum(x.cluster == d.cluster for x in docs) > 1
    ]
    if multi:
        ok = sum(a.original_id == originals[d.cluster] for d, a in multi)
        print(
            f"  original: {ok} of {len(multi)} documents in multi-copy clusters point at the true original "
            f"({ok / len(multi):.1%})"
        )


def evaluate(title: str, docs: list[Doc], impl, impl_name: str, thresholds: list[float]) -> dict[str, dict]:
    print(f"\n== {title}: {len(docs)} documents, {len(set(d.cluster for d in docs))} true clusters")
    true = [d.cluster for d in docs]
    runs = minhash_baseline(docs, thresholds)
    scored = [(t, labels, s, pair_scores(true, labels)) for t, labels, s in runs]
    print("  baseline F1 by threshold: " + "  ".join(f"{t:.2f}:{sc['f1']:.3f}" for t, _l, _s, sc in scored))
    t, base_labels, base_s, base = max(scored, key=lambda r: r[3]["f1"])
    rows = {f"MinHash-LSH t={t:.2f}": dict(base, seconds=base_s)}
    assignments = None
    if impl is not None:
        assignments, seconds = run_wirelake(impl, docs)
        wl_labels = [str(a.cluster_id) for a in assignments]
        rows[impl_name] = dict(pair_scores(true, wl_labels), seconds=seconds)
    print_table(rows)
    print_breakdown(f"baseline t={t:.2f}", docs, base_labels)
    if assignments is not None:
        print_breakdown(impl_name, docs, wl_labels)
        attribution_report(docs, assignments)
    return rows


def self_check() -> None:
    assert abs(pair_scores(list("aabb"), list("aabc"))["ari"] - 0.5714285714285715) < 1e-12
    perfect = pair_scores(list("aabbc"), list("xxyyz"))
    assert perfect["f1"] == perfect["ari"] == 1.0, perfect
    singles = pair_scores(list("aabb"), list("wxyz"))
    assert singles["recall"] == 0 and singles["precision"] == 1.0 and abs(singles["ari"]) < 1e-12, singles
    print("self-check: metrics agree with known values")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus_dir", type=Path)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--thresholds", default="0.3,0.4,0.5,0.6,0.7,0.8")
    parser.add_argument("--self-check", action="store_true", help="test the harness with a stand-in clusterer")
    args = parser.parse_args(argv)
    thresholds = [float(x) for x in args.thresholds.split(",")]

    status = 0
    if args.self_check:
        self_check()
        impl, impl_name = stand_in(), "stand-in (exact hash)"
    else:
        try:
            impl, impl_name = load_wirelake(), "wirelake"
        except ImportError as exc:
            print(f"wirelake.transforms.neardup is not importable ({exc}); showing the baseline only")
            impl, impl_name, status = None, "", 1

    docs = syndication.generate(syndication.load_sources(args.corpus_dir), args.seed)
    rows = evaluate(f"generated set (seed {args.seed})", docs, impl, impl_name, thresholds)
    if args.self_check:
        oracle = pair_scores([d.cluster for d in docs], [d.cluster for d in docs])
        assert oracle["f1"] == oracle["ari"] == 1.0
        assert rows[impl_name]["precision"] > 0.99, "identical bodies must be true copies"
    if FIXTURE.exists():
        evaluate(f"fixtures ({FIXTURE.relative_to(REPO)})", load_jsonl(FIXTURE), impl, impl_name, thresholds)
    news_copy = args.corpus_dir.resolve().parent / "news-copy"
    for path in sorted(news_copy.glob("*.jsonl")) if news_copy.is_dir() else []:
        evaluate(f"news-copy ({path.name})", load_jsonl(path), impl, impl_name, thresholds)
    if impl is not None and not args.self_check:
        wl = rows[impl_name]
        verdict = "meets" if wl["f1"] >= 0.97 and wl["precision"] >= 0.99 else "misses"
        print(f"\nwirelake {verdict} the target on the generated set (F1 >= 0.97 with precision >= 0.99)")
    return status


if __name__ == "__main__":
    sys.exit(main())
