"""Registered taggers, by versioned name (STYLE rule 7). An unknown name fails at construction."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

_TAGGERS: dict[str, Callable[..., Any]] = {}


class UnknownTaggerError(ValueError):
    pass


def register(name: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Class decorator: ``@register("iptc_topics_v1")``. Names are versioned and never reused for other behaviour."""

    def decorate(factory: Callable[..., Any]) -> Callable[..., Any]:
        if name in _TAGGERS and _TAGGERS[name] is not factory:
            raise ValueError(f"tagger {name!r} is already registered")
        _TAGGERS[name] = factory
        return factory

    return decorate


def known_taggers() -> list[str]:
    return sorted(_TAGGERS)


def create(name: str, **config: Any) -> Any:
    """Build the tagger registered as ``name``; an unknown name lists the known ones."""
    try:
        factory = _TAGGERS[name]
    except KeyError:
        raise UnknownTaggerError(f"unknown tagger {name!r}; known taggers: {', '.join(known_taggers())}") from None
    return factory(**config)
