"""Robustness of parse_feed over a corpus of feed files (e.g. feedparser's test corpus).

    python bench/feed_corpus.py PATH [--timeout SECONDS] [--workers N] [--verbose]

Every file under PATH (recursively; README/LICENSE files skipped) goes through ``parse_feed`` in a worker process.
A worker that does not answer within ``--timeout`` seconds is killed and the file counted as hung; the next file
gets a fresh worker. For files whose leading comment carries ``Header: Content-type: ...`` (feedparser's corpus
convention) that content type is passed along, as an HTTP response would.

Prints counts: parsed (entries; only entries without an http(s) link, which the poller dead-letters, as most of
feedparser's one-behaviour test feeds are; a valid empty feed; a sitemap index), errored (a clean StageError, by code),
crashed (any other exception) and hung, then the files that crashed or hung, and the seconds taken. Exits with
status 1 when anything crashed or hung.
"""

from __future__ import annotations

import argparse
import collections
import multiprocessing
import os
import re
import sys
import threading
import time
import traceback
from pathlib import Path

_SKIP = {"readme.md", "license", "license.txt", "readme"}
_HEADER = re.compile(r"^Header:\s*Content-type:\s*(.+?)\s*$", re.IGNORECASE | re.MULTILINE)


def corpus_files(root: Path) -> list[Path]:
    if root.is_file():
        return [root]
    return sorted(p for p in root.rglob("*") if p.is_file() and p.name.lower() not in _SKIP)


def declared_content_type(body: bytes) -> str | None:
    """The ``Header: Content-type:`` line of a corpus file's leading comment, in whatever encoding the file uses."""
    head = body[:4096]
    for codec in ("utf-32", "utf-16") if b"\x00" in head else ():
        try:
            head = head.decode(codec, "ignore").encode("utf-8")
            break
        except UnicodeError:
            continue
    match = _HEADER.search(head.decode("utf-8", "ignore"))
    return match.group(1) if match else None


def classify(path: str) -> tuple[str, str]:
    """Parse one file; returns (outcome, detail) with outcome parsed | errored | crashed."""
    from wirelake.transforms.errors import StageError
    from wirelake.transforms.feedlist import FeedSpec
    from wirelake.transforms.feeds import parse_feed

    body = Path(path).read_bytes()
    try:
        parsed = parse_feed(body, FeedSpec(url=f"file://{path}"), declared_content_type(body))
    except StageError as exc:
        return "errored", exc.code
    except BaseException as exc:  # noqa: B036 - the point is to find everything that is not a StageError
        return "crashed", "".join(traceback.format_exception_only(exc)).strip()[:500]
    if parsed.entries:
        return "parsed", "entries"
    if parsed.child_feeds:
        return "parsed", "children"
    return "parsed", "linkless" if parsed.problems else "empty"


def _worker(conn) -> None:
    while True:
        path = conn.recv()
        if path is None:
            return
        conn.send(classify(path))


class _Runner:
    """One worker process answering one file at a time; replaced when it hangs or dies."""

    def __init__(self, ctx):
        self._ctx = ctx
        self._start()

    def _start(self):
        self._conn, child = self._ctx.Pipe()
        self._proc = self._ctx.Process(target=_worker, args=(child,), daemon=True)
        self._proc.start()
        child.close()

    def run(self, path: str, timeout: float) -> tuple[str, str]:
        try:
            self._conn.send(path)
            if self._conn.poll(timeout):
                return self._conn.recv()
            outcome = ("hung", f"no answer within {timeout:g}s")
        except (EOFError, OSError) as exc:
            outcome = ("crashed", f"worker died: {exc!r} (exit code {self._proc.exitcode})")
        self._proc.kill()
        self._proc.join()
        self._conn.close()
        self._start()
        return outcome

    def close(self):
        try:
            self._conn.send(None)
        except OSError:
            pass
        self._proc.join(timeout=5)
        if self._proc.is_alive():
            self._proc.kill()


def run_corpus(files: list[Path], timeout: float, workers: int) -> dict[Path, tuple[str, str]]:
    ctx = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
    results: dict[Path, tuple[str, str]] = {}
    queue = collections.deque(files)
    lock = threading.Lock()

    def drain():
        runner = _Runner(ctx)
        try:
            while True:
                with lock:
                    if not queue:
                        return
                    path = queue.popleft()
                results[path] = runner.run(str(path), timeout)
        finally:
            runner.close()

    threads = [threading.Thread(target=drain) for _ in range(max(1, min(workers, len(files))))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds per file before it counts as hung")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--verbose", action="store_true", help="also list every errored file with its code")
    args = parser.parse_args(argv)
    files = corpus_files(args.path)
    if not files:
        print(f"no files under {args.path}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    results = run_corpus(files, args.timeout, args.workers)
    seconds = time.perf_counter() - started

    outcomes = collections.Counter(outcome for outcome, _ in results.values())
    parsed = collections.Counter(detail for outcome, detail in results.values() if outcome == "parsed")
    errors = collections.Counter(detail for outcome, detail in results.values() if outcome == "errored")
    print(f"files:   {len(files)}")
    print(
        f"parsed:  {outcomes['parsed']} (with entries {parsed['entries']}, only entries without a usable link "
        f"{parsed['linkless']}, valid empty feed {parsed['empty']}, sitemap index {parsed['children']})"
    )
    print(f"errored: {outcomes['errored']}" + "".join(f" {code}={n}" for code, n in sorted(errors.items())))
    print(f"crashed: {outcomes['crashed']}")
    print(f"hung:    {outcomes['hung']}")
    print(f"seconds: {seconds:.1f}")
    for path, (outcome, detail) in sorted(results.items()):
        if outcome in ("crashed", "hung") or (args.verbose and outcome == "errored"):
            print(f"  {outcome}: {path.relative_to(args.path) if args.path.is_dir() else path}: {detail}")
    return 1 if outcomes["crashed"] or outcomes["hung"] else 0


if __name__ == "__main__":
    sys.exit(main())
