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
    for name in declared:
        if name:
            try:
                return body.decode(name), name
            except UnicodeDecodeError:
                continue  # a wrong declaration: let detection decide
    try:
        return body.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(body[:200_000]).best()
    if best is not None and best.encoding:
        return body.decode(best.encoding, "replace"), best.encoding
    return body.decode("utf-8", "replace"), "utf-8"
