"""Tokenising and folding shared by the taggers: cheap, deterministic, no model."""

from __future__ import annotations

import re

# Input beyond this is not read: tagging time is bounded whatever the article's length.
MAX_CHARS = 20_000

WORD = re.compile(r"[^\W_]+(?:[&\-'’.][^\W_]+)*", re.UNICODE)


def fold(token: str) -> str:
    """Lower case, possessive and plural folded: ``Elections`` -> ``election``, ``women's`` -> ``women``."""
    t = token.lower().replace("’", "'")
    if t.endswith("'s"):
        t = t[:-2]
    if len(t) > 4 and t.endswith("ies"):
        return t[:-3] + "y"
    if len(t) > 4 and t.endswith(("sses", "xes", "ches", "shes", "zes")):
        return t[:-2]
    if len(t) > 3 and t.endswith("s") and not t.endswith(("ss", "us", "is", "'s")):
        return t[:-1]
    return t


def words(text: str) -> list[str]:
    return WORD.findall(text)
