"""Bytes to text for web pages: HTTP header, then BOM, then <meta charset>, then statistical detection."""

from __future__ import annotations

import codecs
import re

import charset_normalizer

from wirelake.transforms.errors import StageError

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.IGNORECASE)
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


class Undecodable(StageError):
    code = "undecodable"


def charset_from_content_type(content_type: str | None) -> str | None:
    match = re.search(r"charset\s*=\s*[\"']?([^\s;\"']+)", content_type or "", re.IGNORECASE)
    return match.group(1) if match else None


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().lower()).name
    except LookupError:
        return None


def decode_html(body: bytes, content_type: str | None = None) -> tuple[str, str]:
    """Return (text, encoding used). Raises Undecodable for binary content."""
    if b"\x00" in body[:4096] and not body.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise Undecodable("content looks binary (NUL bytes), not HTML text")
    for bom, name in _BOMS:
        if body.startswith(bom):
            return body[len(bom) :].decode(name, "replace"), name
    declared = [_codec(charset_from_content_type(content_type))]
    meta = _META_CHARSET.search(body[:4096])
    declared.append(_codec(meta.group(1).decode("ascii", "ignore")) if meta else None)
    utf8 = _utf8(body)
    for name in declared:
        if not name:
            continue
        if utf8 is not None and name != "utf-8" and not body.isascii() and _single_byte(name):
            # Multi-byte UTF-8 sequences are vanishingly rare in real Latin-1/Windows-125x text: the page is UTF-8
            # mislabelled, and decoding it as declared would produce mojibake ("CafÃ©").
            return utf8, "utf-8"
        try:
            return body.decode(name), name
        except UnicodeDecodeError:
            continue  # a wrong declaration: let detection decide
    if utf8 is None:
        utf8 = _mostly_utf8(body)
    if utf8 is not None:
        return utf8, "utf-8"
    best = charset_normalizer.from_bytes(body[:200_000]).best()
    text, name = (body.decode(best.encoding, "replace"), best.encoding) if best and best.encoding else (None, None)
    if text is None or _garbled(text):
        raise Undecodable("content is neither valid UTF-8 nor text in any detectable encoding")
    return text, name


def _utf8(body: bytes) -> str | None:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _mostly_utf8(body: bytes) -> str | None:
    """UTF-8 with a few corrupt bytes (a truncated character, a stray byte) keeps its UTF-8 reading: detection on
    the whole page would turn every accented character into mojibake to explain a handful of bad bytes."""
    text = body.decode("utf-8", "replace")
    bad = text.count("\ufffd")
    multibyte = sum(1 for c in text if c > "\x7f") - bad
    return text if bad <= max(8, len(body) // 500) and multibyte >= bad else None


def _single_byte(name: str) -> bool:
    return name.startswith(("latin", "iso8859", "cp125", "windows-125", "ascii", "cp437", "mac-roman", "koi8"))


def _garbled(text: str) -> bool:
    """Replacement characters or control codes in more than 2% of the first 100,000 characters."""
    sample = text[:100_000]
    bad = sum(1 for c in sample if c == "\ufffd" or (c < " " and c not in "\t\n\r\f"))
    return bad > 0.02 * max(1, len(sample))
