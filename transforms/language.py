"""Language codes and detection, shared by extraction and tagging."""

from __future__ import annotations

_SAMPLE_CHARS = 2000  # enough for a confident guess; classify() time grows with the length


def language_code(tag: str | None) -> str | None:
    """ISO 639-1 code from a language tag as pages and feeds write it ("en-GB", "pt_BR", " EN ")."""
    if not tag:
        return None
    return tag.strip().lower().replace("_", "-").split("-")[0] or None


def detect_language(text: str, min_chars: int = 40) -> str | None:
    """ISO 639-1 code of the text's language (py3langid), or None when the text is shorter than ``min_chars``."""
    if len(text) < min_chars:
        return None
    import py3langid  # noqa: PLC0415 - its model loads on first use, not when the tagger CLI starts

    lang, _score = py3langid.classify(text[:_SAMPLE_CHARS])
    return lang
