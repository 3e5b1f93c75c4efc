"""Speed and memory of near-duplicate candidate search: wirelake beside datasketch, on the same synthetic texts.

    python bench/dedup_bench.py [--sizes 10000,30000] [--seed N] [--self-check]

For each size N, generates N synthetic articles (150-800 words from a Zipf vocabulary; a fifth of them edited copies
of earlier ones), then, each in a fresh subprocess so that peak memory is its own:
- wirelake: ``signatures(texts)`` from wirelake.transforms.neardup, then per article ``LshIndex.candidates(sig)``
  followed by ``LshIndex.add(id, sig)``;
- datasketch: MinHash(num_perm=128) over word 5-gram shingles (update_batch), then MinHashLSH(threshold=0.5)
  query followed by insert.
It prints per method and size: articles/s for signatures, for the index and overall, candidate pairs found, peak RSS
and the RSS added over the texts themselves, and how time per article and memory per article grow relative to the
smallest size. --self-check runs both paths at small sizes with a stand-in for wirelake built on datasketch.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import subprocess
import sys
import time

import numpy as np

METHODS = ("datasketch", "wirelake")


def synthetic_texts(n: int, seed: int) -> list[str]:
    rng = np.random.default_rng(seed)
    syllables = ["ka", "lo", "mi", "ter", "san", "do", "vel", "ra", "nu", "pe", "sto", "li", "gar", "en", "ob", "qui"]
    vocab = np.array(["".join(rng.choice(syllables, rng.integers(1, 4))) for _ in range(20000)])
    weights = 1.0 / np.arange(1, len(vocab) + 1)
    weights /= weights.sum()
    texts = []
    for i in range(n):
        if i > 10 and rng.random() < 0.2:  # an edited copy: trimmed, a few words changed
            words = texts[int(rng.integers(0, i))].split()
            words = words[: max(50, int(len(words) * rng.uniform(0.5, 1.0)))]
            for j in rng.integers(0, len(words), len(words) // 20):
                words[j] = str(rng.choice(vocab))
            texts.append(" ".join(words))
        else:
            texts.append(" ".join(rng.choice(vocab, int(rng.integers(150, 800)), p=weights)))
    return texts


def rss_mb() -> float:
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("VmRSS")) / 1024


def datasketch_path():
    from datasketch import MinHash, MinHashLSH

    def signatures(texts):
        out = []
        for t in texts:
            w = re.findall(r"\w+", t.lower())
            m = MinHash(num_perm=128)
            m.update_batch([" ".join(w[i : i + 5]).encode() for i in range(max(1, len(w) - 4))])
            out.append(m)
        return out

    class Index:
        def __init__(self):
            self.lsh = MinHashLSH(threshold=0.5, num_perm=128)

        def add(self, key, sig):
            self.lsh.insert(key, sig)

        def candidates(self, sig):
            return self.lsh.query(sig)

    return signatures, Index


def wirelake_path(stand_in: bool):
    if stand_in:
        return datasketch_path()
    from wirelake.transforms.neardup import LshIndex, signatures

    return signatures, LshIndex


def worker(method: str, n: int, seed: int, stand_in: bool) -> dict:
    texts = synthetic_texts(n, seed)
    signatures, index_cls = datasketch_path() if method == "datasketch" else wirelake_path(stand_in)
    base = rss_mb()
    started = time.perf_counter()
    sigs = list(signatures(texts))
    signed = time.perf_counter()
    index, pairs = index_cls(), 0
    for i, sig in enumerate(sigs):
        pairs += sum(1 for c in index.candidates(sig) if c != i)
        index.add(i, sig)
    done = time.perf_counter()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return dict(
        method=method, n=n, sig_s=signed - started, index_s=done - signed, pairs=pairs, base_mb=base, peak_mb=peak
    )


def run(method: str, n: int, seed: int, stand_in: bool) -> dict | None:
    cmd = [sys.executable, __file__, "--worker", method, str(n), "--seed", str(seed)]
    proc = subprocess.run(cmd + (["--self-check"] if stand_in else []), capture_output=True, text=True)
    if proc.returncode:
        print(f"  {method} n={n}: failed: {proc.stderr.strip().splitlines()[-1] if proc.stderr else proc.returncode}")
        return None
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,30000")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--methods", default=",".join(METHODS))
    parser.add_argument("--self-check", action="store_true", help="use a datasketch stand-in for wirelake")
    parser.add_argument("--worker", nargs=2, metavar=("METHOD", "N"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        print(json.dumps(worker(args.worker[0], int(args.worker[1]), args.seed, args.self_check)))
        return 0
    sizes = [int(s) for s in args.sizes.split(",")] if not args.self_check else [1000, 3000]
    print(
        f"{'method':20s} {'n':>8s} {'sig/s':>9s} {'index/s':>9s} {'total/s':>9s} {'pairs':>8s} {'peak MB':>8s} "
        f"{'+MB':>7s} {'time/doc x':>10s} {'MB/doc x':>9s}"
    )
    status = 0
    for method in args.methods.split(","):
        first = None
        for n in sizes:
            r = run(method, n, args.seed, args.self_check)
            if r is None:
                status = 1
                break
            total = r["sig_s"] + r["index_s"]
            added = max(r["peak_mb"] - r["base_mb"], 0.0)
            first = first or (total / n, max(added, 1e-9) / n)
            name = method + (" (stand-in)" if args.self_check and method == "wirelake" else "")
            print(
                f"{name:20s} {n:8d} {n / r['sig_s']:9.0f} {n / r['index_s']:9.0f} {n / total:9.0f} "
                f"{r['pairs']:8d} {r['peak_mb']:8.0f} {added:7.0f} {total / n / first[0]:10.2f} "
                f"{added / n / first[1]:9.2f}"
            )
    print("time/doc x and MB/doc x: growth relative to the smallest size (1.00 = linear scaling)")
    return status


if __name__ == "__main__":
    sys.exit(main())
