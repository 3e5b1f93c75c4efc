"""``wirelake tag``: the pipeline's topic, place and entity tagging over a JSON-lines file."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from wirelake.pipelines.jsonl import JsonlInputError, optional_str, read_objects, write_jsonl
from wirelake.pipelines.options import load_custom_topics, topic_languages
from wirelake.transforms.topics import ArticleTagger
from wirelake.transforms.topics.tagging import DEFAULT_TOPIC_TAGGER


def read_articles(lines: Iterable[str], source: str) -> Iterator[dict]:
    """Parse ``{"id", "title", "text"}`` lines (optional ``language``); extra fields are ignored."""
    for where, doc_id, obj in read_objects(lines, source):
        yield {
            "id": doc_id,
            "title": optional_str(obj, "title", where) or "",
            "text": optional_str(obj, "text", where) or "",
            "language": optional_str(obj, "language", where),
        }


def tag(
    articles: Iterable[dict],
    custom_topics: Iterable[Mapping] | None = None,
    topic_tagger: str = DEFAULT_TOPIC_TAGGER,
    languages: Iterable[str] = ("en",),
) -> Iterator[dict]:
    tagger = ArticleTagger(topic_tagger=topic_tagger, custom_topics=custom_topics, topic_languages=languages)
    for article in articles:
        result = tagger.tag(article["title"], article["text"], article["language"])
        yield {"id": article["id"], **result.as_dict()}


def add_parser(commands) -> None:
    """Register ``wirelake tag`` on the CLI's sub-parsers (``pipelines/cli.py`` calls this)."""
    parser = commands.add_parser(
        "tag",
        help="Tag articles in a JSON-lines file with topics, places, people and organisations.",
        description='Tag the articles of INPUT.jsonl (lines of {"id", "title", "text"}, optional "language"; extra '
        'fields ignored) exactly as the pipeline does. Prints one line per input: {"id", "topics": [{"code", '
        '"label", "score"}], "topic_status", "places", "people", "organisations"}.',
    )
    parser.add_argument("input", metavar="INPUT.jsonl", help="JSON lines; '-' for standard input.")
    parser.add_argument("-o", "--output", help="Write the result here instead of standard output.")
    parser.add_argument("--config", help="wirelake YAML config file; its 'topics' list adds user topics.")
    parser.add_argument(
        "--topic_tagger", default=DEFAULT_TOPIC_TAGGER, help="Registered topic tagger (default: %(default)s)."
    )
    parser.add_argument(
        "--topic_languages", default="en", help="Comma-separated languages to tag topics in: en, de (default: en)."
    )
    parser.set_defaults(handler=run)


def run(args, _beam_args=None, _argv=None) -> int:
    import sys  # noqa: PLC0415

    from wirelake.transforms.topics.iptc_keywords import UnsupportedTopicLanguageError  # noqa: PLC0415
    from wirelake.transforms.topics.registry import UnknownTaggerError  # noqa: PLC0415
    from wirelake.transforms.topics.taxonomy import TopicConfigError  # noqa: PLC0415

    try:
        languages = topic_languages(args.topic_languages)
        custom = load_custom_topics(args.config)
        if args.input == "-":
            rows = tag(read_articles(sys.stdin, "<stdin>"), custom, args.topic_tagger, languages)
            _emit(rows, args.output)
        else:
            with open(args.input, encoding="utf-8") as handle:
                _emit(tag(read_articles(handle, args.input), custom, args.topic_tagger, languages), args.output)
    except (
        JsonlInputError,
        TopicConfigError,
        UnknownTaggerError,
        UnsupportedTopicLanguageError,
        OSError,
        UnicodeDecodeError,
    ) as exc:
        print(f"wirelake tag: {exc}", file=sys.stderr)
        return 2
    return 0


def _emit(rows: Iterable[dict], output: str | None) -> None:
    import sys  # noqa: PLC0415

    if output:
        with open(output, "w", encoding="utf-8") as out:
            write_jsonl(rows, out)
    else:
        write_jsonl(rows, sys.stdout)


def main(argv: list[str] | None = None) -> int:
    import argparse  # noqa: PLC0415

    parser = argparse.ArgumentParser(prog="wirelake")
    add_parser(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return args.handler(args)


if __name__ == "__main__":
    raise SystemExit(main())
