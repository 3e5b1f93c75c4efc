"""Which articles a language-specific tagger may label: never a guess in a language it does not read."""

from __future__ import annotations

from collections.abc import Iterable

from wirelake.transforms.language import detect_language, language_code

# Short function words: a text in English has many of them, text in another language almost none.
_ENGLISH_FUNCTION_WORDS = frozenset(
    "the of and to in a is that for on with was as it by at from his her be are have has had not but they this "
    "which were said been will would their an or who its he she we".split()
)
_MIN_TOKENS_FOR_CHECK = 20
_MIN_ENGLISH_RATIO = 0.08


class LanguageGate:
    """``supported(language, title, text, tokens)``: the declared language (else a detected one) is one we tag,
    and for English the text really reads as English (a mislabelled page is not tagged with an English guess)."""

    def __init__(self, languages: Iterable[str]):
        self.languages = frozenset(languages)

    def detect(self, title: str, text: str) -> str | None:
        return detect_language(title + "\n" + text, min_chars=0)

    def supported(self, language: str | None, title: str, text: str, tokens: list[str]) -> bool:
        declared = language_code(language)
        lang = declared or self.detect(title, text)
        if lang not in self.languages:
            return False
        if declared == "en" and len(tokens) >= _MIN_TOKENS_FOR_CHECK:
            sample = tokens[:400]
            hits = sum(1 for t in sample if t.lower() in _ENGLISH_FUNCTION_WORDS)
            if hits / len(sample) < _MIN_ENGLISH_RATIO:
                # Few English function words: a mislabelled page, or English tables (scores, prices)?
                return self.detect(title, text) == "en"
        return True
