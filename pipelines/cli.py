"""The ``wirelake`` command: a thin layer over the pipelines and their PipelineOptions."""

from __future__ import annotations

import argparse
import json
import sys

from wirelake.pipelines.metrics import counter_report
from wirelake.pipelines.options import WirelakeOptions, config_flags

_EPILOG = "Run 'wirelake COMMAND --help' for a command's options."


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="wirelake",
        description="Ingest news feeds into a Parquet lake: fetch, extract, cluster syndicated copies.",
        epilog=_EPILOG,
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = commands.add_parser(
        "run",
        help="Run the batch job once over a feed list.",
        description="Run the batch job: poll every feed, fetch and extract new articles, write the lake. "
        "Any Apache Beam option (--runner, --direct_num_workers, --project, ...) is passed to Beam.",
    )
    run.add_argument("--config", help="YAML file of option: value pairs; command-line flags override it.")
    WirelakeOptions._add_argparse_args(run)
    run.set_defaults(handler=_run)

    stream = commands.add_parser(
        "stream",
        help="Run the streaming job: feeds polled on a schedule and work items from Pub/Sub.",
        description="Run the streaming job. Sources: the --feeds list, polled every --poll_interval seconds "
        "(conditional GET, per-feed backoff), and/or work items on --input_subscription (JSON: "
        '{"kind": "feed"|"article", "url": ..., optional "name", "title", "feed_url", "published_at", '
        '"language", "tags", "is_wire"}). Sinks: the lake (windowed Parquet, one file per window and shard), '
        "--output_topic (articles as JSON with cluster_id, is_original, language, wire_agency and topics "
        "attributes) and --dead_letter_topic (dead letters, also in the lake). Locally it runs on the "
        "DirectRunner until Ctrl-C or --duration; on Dataflow pass --runner=DataflowRunner and the usual options.",
    )
    stream.add_argument("--config", help="YAML file of option: value pairs; command-line flags override it.")
    stream.add_argument("--duration", type=float, help="Stop after this many seconds (local runs).")
    WirelakeOptions._add_argparse_args(stream)
    stream.set_defaults(handler=_stream)

    query = commands.add_parser(
        "query",
        help="Query the lake with DuckDB SQL.",
        description="Run SQL over the lake. Views: articles, clusters (current; clusters_history has every version), "
        "dead_letters, feed_log.",
    )
    query.add_argument("sql", help='e.g. "select source_name, count(*) from articles group by 1"')
    query.add_argument("--lake", default="lake", help="Lake directory (default: ./lake).")
    query.add_argument("--format", choices=["table", "csv", "json"], default="table")
    query.set_defaults(handler=_query)

    extract = commands.add_parser(
        "extract",
        help="Extract articles from HTML files, directories or URLs and print them.",
        description="Extract the article from each HTML file (.html or .html.gz), each HTML file under a directory, "
        "or each URL, with the same code the pipeline runs, for debugging what it would store. A page that fails "
        "(not an article, too large, undecodable, unreachable) prints an error record and the exit status is 1.",
    )
    extract.add_argument("sources", nargs="+", metavar="URL_OR_PATH")
    extract.add_argument(
        "--format",
        choices=["json", "jsonl", "text", "markdown"],
        default="json",
        help="json: one object (an array for several inputs); jsonl: one object a line, each with 'source', "
        "failures as {source, error, message}; text or markdown: for reading (default: json).",
    )
    extract.add_argument(
        "--allow-private-networks", action="store_true", help="Allow fetching from loopback/private addresses."
    )
    extract.set_defaults(handler=_extract)

    feed = commands.add_parser(
        "feed",
        help="Parse one feed (file or URL) and print its entries as JSON lines.",
        description="Parse an RSS/Atom/RDF feed, JSON Feed, news sitemap or sitemap index from a file or URL with "
        'the pipeline\'s code. Prints one line per entry: {"url" (canonical), "link", "title", "published_at" '
        '(ISO 8601 UTC), "summary", ...}; for a sitemap index one {"child_feed": URL} line per sitemap. A feed that '
        'cannot be fetched or parsed prints {"source", "error", "message"} and exits with status 1.',
    )
    feed.add_argument("source", metavar="FILE_OR_URL")
    feed.add_argument(
        "--allow-private-networks", action="store_true", help="Allow fetching from loopback/private addresses."
    )
    feed.set_defaults(handler=_feed)

    demo = commands.add_parser(
        "demo",
        help="Serve the bundled demo news site locally and ingest it.",
        description="Serve a bundled demo news site on 127.0.0.1, run the batch job against it and print a summary.",
    )
    demo.add_argument("--lake", default="lake", help="Lake directory (default: ./lake).")
    demo.set_defaults(handler=_demo)

    dedup = commands.add_parser(
        "dedup",
        help="Cluster syndicated copies in a JSON-lines file.",
        description='Cluster the articles of INPUT.jsonl (lines of {"id", "url", "title", "text", '
        '"published_at"}; extra fields ignored) exactly as the pipeline does. Prints one line per input: '
        '{"id", "cluster_id", "original_id", "is_original", "similarity", "containment", '
        '"wire_agency"}. With --explain ID1 ID2, prints the scores behind the decision for two articles.',
    )
    dedup.add_argument("input", metavar="INPUT.jsonl", help="JSON lines; '-' for standard input.")
    dedup.add_argument("-o", "--output", help="Write the result here instead of standard output.")
    dedup.add_argument("--explain", nargs=2, metavar=("ID1", "ID2"), help="Explain the decision for two ids.")
    dedup.set_defaults(handler=_dedup)

    from wirelake.pipelines import tag_cli

    tag_cli.add_parser(commands)

    schema = commands.add_parser("schema", help="Print the lake's table schemas.")
    schema.add_argument("--format", choices=["markdown", "bigquery"], default="markdown")
    schema.set_defaults(handler=_schema)

    args, beam_args = parser.parse_known_args(argv)
    if beam_args and args.command not in ("run", "stream"):
        parser.error(f"unrecognized arguments: {' '.join(beam_args)}")
    return args.handler(args, beam_args, argv if argv is not None else sys.argv[1:])


def _fail(message: str) -> int:
    print(f"wirelake: error: {message}", file=sys.stderr)
    return 1


def _run(args, _beam_args, argv) -> int:
    from wirelake.pipelines import batch
    from wirelake.transforms.feedlist import FeedListError

    try:
        result = batch.run(_job_flags(args, argv))
    except (FeedListError, ValueError, OSError) as exc:
        return _fail(str(exc))
    print(f"wirelake: job {result.state}\n{counter_report(result)}")
    return 0


def _stream(args, _beam_args, argv) -> int:
    import time

    from wirelake.pipelines import streaming
    from wirelake.transforms.feedlist import FeedListError

    try:
        result = streaming.start(_job_flags(args, argv, "--duration"))
    except (FeedListError, ValueError, OSError) as exc:
        return _fail(str(exc))
    print("wirelake: streaming job started" + (f" for {args.duration:g}s" if args.duration else "; Ctrl-C stops it"))
    try:
        if args.duration:
            time.sleep(args.duration)
        else:
            result.wait_until_finish()
    except KeyboardInterrupt:
        pass
    finally:
        if not _terminal(result):
            result.cancel()
    print(f"wirelake: streaming job {result.state}\n{counter_report(result)}")
    return 0


def _terminal(result) -> bool:
    from apache_beam.runners.runner import PipelineState

    return PipelineState.is_terminal(result.state)


def _job_flags(args, argv: list[str], *cli_only: str) -> list[str]:
    """The pipeline's flags: the command line after the command, without the CLI's own options, after the
    --config file's (so the command line wins)."""
    flags = list(argv[1:])
    for name in ("--config", *cli_only):
        flags = _without(flags, name)
    return (config_flags(args.config) if args.config else []) + flags


def _without(flags: list[str], name: str) -> list[str]:
    """flags without ``--name VALUE`` / ``--name=VALUE`` (options the CLI handles itself, not Beam)."""
    out, skip = [], False
    for flag in flags:
        if skip:
            skip = False
        elif flag == name:
            skip = True
        elif not flag.startswith(name + "="):
            out.append(flag)
    return out


def _query(args, _beam_args, _argv) -> int:
    import duckdb

    from wirelake.pipelines.query import connect

    try:
        relation = connect(args.lake).sql(args.sql)
    except duckdb.Error as exc:
        return _fail(str(exc))
    if relation is None:
        return 0
    if args.format == "table":
        relation.show(max_width=200)
    else:
        table = relation.fetch_arrow_table()
        if args.format == "csv":
            import pyarrow.csv

            pyarrow.csv.write_csv(table, sys.stdout.buffer)
        else:
            for row in table.to_pylist():
                print(json.dumps(row, default=str, ensure_ascii=False))
    return 0


def _extract(args, _beam_args, _argv) -> int:
    from wirelake.pipelines.extract_one import expand_sources, extract_all, render

    sources = list(expand_sources(args.sources))
    if not sources:
        return _fail("no HTML files found in " + " ".join(args.sources))
    records, failed = [], False
    for index, record in enumerate(extract_all(sources, allow_private=args.allow_private_networks)):
        failed = failed or "error" in record
        if "error" in record:
            print(f"wirelake: error: {record['source']}: {record['message']}", file=sys.stderr)
        if args.format == "json" and len(sources) > 1:
            records.append(record)  # one JSON array for several inputs
        else:
            if index and args.format in ("text", "markdown"):
                print("\n" + "-" * 72 + "\n")  # between articles
            print(render(record, args.format), flush=True)
    if records:
        print(json.dumps(records, ensure_ascii=False, indent=2))
    return 1 if failed else 0


def _feed(args, _beam_args, _argv) -> int:
    from wirelake.pipelines.feed_cli import run_feed

    return run_feed(args.source, allow_private=args.allow_private_networks)


def _demo(args, _beam_args, _argv) -> int:
    from wirelake.pipelines.demo import run_demo

    return run_demo(args.lake)


def _dedup(args, _beam_args, _argv) -> int:
    from wirelake.pipelines.dedup_cli import dedup, explain, read_documents
    from wirelake.pipelines.jsonl import JsonlInputError, write_jsonl

    try:
        if args.input == "-":
            docs = read_documents(sys.stdin, "<stdin>")
        else:
            with open(args.input, encoding="utf-8") as handle:
                docs = read_documents(handle, args.input)
        if args.explain:
            print(json.dumps(explain(docs, *args.explain), indent=2, ensure_ascii=False))
        elif args.output:
            with open(args.output, "w", encoding="utf-8") as out:
                write_jsonl(dedup(docs), out)
        else:
            write_jsonl(dedup(docs), sys.stdout)
    except (JsonlInputError, OSError, UnicodeDecodeError) as exc:
        return _fail(str(exc))
    return 0


def _schema(args, _beam_args, _argv) -> int:
    from wirelake.schemas import TABLES, docs

    if args.format == "markdown":
        print(docs.markdown_all())
    else:
        print(json.dumps({t.name: docs.bigquery_schema(t) for t in TABLES}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
