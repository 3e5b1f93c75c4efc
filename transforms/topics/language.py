"""Which articles a language-specific tagger may label: never a guess in a language it does not read."""

from __future__ import annotations

from collections.abc import Iterable

from wirelake.transforms.language import detect_language, language_code

# Short function words: a text in the language has many of them, text in another language almost none.
_FUNCTION_WORDS = {
    "en": frozenset(
        "the of and to in a is that for on with was as it by at from his her be are have has had not but they this "
        "which were said been will would their an or who its he she we".split()
    ),
    "de": frozenset(
        "der die das und in zu den von mit sich des auf für ist im dem nicht ein eine als auch es an er hat aus bei "
        "sind noch nach wie einer um am sie über so zum vor wird wurde werden oder".split()
    ),
}
_MIN_TOKENS_FOR_CHECK = 20
_MIN_FUNCTION_WORD_RATIO = 0.08


class LanguageGate:
    """``resolve(language, title, text, tokens)``: the language to tag the article in, or None when the declared
    language (else a detected one) is not one the tagger reads, or the text does not read as that language (a
    mislabelled page is not tagged with a guess)."""

    def __init__(self, languages: Iterable[str]):
        self.languages = frozenset(languages)

    def detect(self, title: str, text: str) -> str | None:
        return detect_language(title + "\n" + text, min_chars=0)

    def resolve(self, language: str | None, title: str, text: str, tokens: list[str]) -> str | None:
        declared = language_code(language)
        lang = declared or self.detect(title, text)
        if lang not in self.languages:
            return None
        function_words = _FUNCTION_WORDS.get(lang)
        if declared and function_words and len(tokens) >= _MIN_TOKENS_FOR_CHECK:
            sample = tokens[:400]
            hits = sum(1 for t in sample if t.lower() in function_words)
            if hits / len(sample) < _MIN_FUNCTION_WORD_RATIO:
                # Few function words: a mislabelled page, or tables (scores, prices) in the declared language?
                detected = self.detect(title, text)
                return detected if detected in self.languages else None
        return lang
