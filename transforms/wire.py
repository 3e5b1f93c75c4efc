"""Which news agency a text is wire copy from: datelines, credit lines and bylines.

Evidence is weighed so that a story that merely cites an agency ("according to Xinhua") is not attributed to it,
while a dateline ("KYIV, Nov 21 (Reuters) -"), a credit line ("Reporting by ...; Editing by ...", "— The Associated
Press"), a byline or an explicit attribution ("Reuters reported") is.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from urllib.parse import urlsplit


@dataclasses.dataclass(frozen=True)
class Agency:
    code: str  # stable value written to the lake
    names: tuple[str, ...]  # how the agency is written in text, case-sensitive regex fragments
    domains: tuple[str, ...] = ()  # the agency's own sites: a page there is the agency's own copy
    credit_format: str | None = None  # a credit line that identifies the agency without naming it


DEFAULT_AGENCIES: tuple[Agency, ...] = (
    Agency(
        "reuters",
        ("Reuters", "REUTERS"),
        ("reuters.com",),
        credit_format=r"^\s*\(?(?:Reporting|Additional reporting) by [^\n]+(?:Editing|Writing) by ",
    ),
    Agency("ap", ("AP", "The Associated Press", "Associated Press"), ("apnews.com", "ap.org")),
    Agency("afp", ("AFP", "Agence France-Presse", "Agence France Presse"), ("afp.com",)),
    Agency("dpa", ("dpa", "DPA", "Deutsche Presse-Agentur"), ("dpa.com",)),
    Agency("pti", ("PTI", "Press Trust of India"), ("ptinews.com",)),
    Agency("xinhua", ("Xinhua",), ("xinhuanet.com", "news.cn")),
    Agency("tass", ("TASS", "Tass"), ("tass.com", "tass.ru")),
    Agency("anadolu", ("Anadolu", "Anadolu Agency", "AA"), ("aa.com.tr",)),
    Agency("unb", ("UNB", "United News of Bangladesh"), ("unb.com.bd",)),
    Agency("bss", ("BSS", "Bangladesh Sangbad Sangstha"), ("bssnews.net",)),
    Agency("efe", ("EFE",), ("efe.com",)),
    Agency("ansa", ("ANSA",), ("ansa.it",)),
    Agency("kyodo", ("Kyodo", "Kyodo News"), ("kyodonews.net",)),
    Agency("yonhap", ("Yonhap",), ("yna.co.kr",)),
    Agency("ians", ("IANS",), ("ians.in",)),
    Agency("ani", ("ANI",), ("aninews.in",)),
    Agency("bloomberg", ("Bloomberg",), ("bloomberg.com",)),
)

_STRONG, _MEDIUM = 3, 2


class WireDetector:
    """``detect(text, byline)`` -> agency code or None. Build once; patterns are compiled per agency."""

    name = "wire_agency_v1"

    def __init__(self, agencies: Iterable[Agency] = DEFAULT_AGENCIES):
        self.agencies = tuple(agencies)
        self._patterns = {a.code: _patterns(a) for a in self.agencies}
        # One pass finds which agencies are named at all; only those are examined further.
        alternatives = "|".join(
            f"(?P<{a.code}>{'|'.join(re.escape(n) for n in sorted(a.names, key=len, reverse=True))})"
            for a in self.agencies
        )
        self._named = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")
        self._credit_formats = [
            (a.code, re.compile(a.credit_format, re.MULTILINE)) for a in self.agencies if a.credit_format
        ]

    def _credited(self, tail: str) -> set[str]:
        return {code for code, pattern in self._credit_formats if pattern.search(tail)}

    def detect(self, text: str, byline: str | None = None) -> str | None:
        named = {m.lastgroup for m in self._named.finditer(text)} | self._credited(text[-600:])
        if byline:
            named.update(m.lastgroup for m in self._named.finditer(byline))
        head, tail = text[:400], text[-600:]
        best, best_score = None, 0
        for agency in self.agencies:
            if agency.code not in named:
                continue
            dateline, credit, attribution, byline_re = self._patterns[agency.code]
            score = 0
            if dateline.search(head):
                score += _STRONG
            if credit.search(tail):
                score += _STRONG
            if byline and byline_re.search(byline):
                score += _STRONG
            if attribution.search(text):
                score += _MEDIUM
            if score > best_score:
                best, best_score = agency.code, score
        return best if best_score >= _MEDIUM else None

    def own_copy(self, url: str | None) -> str | None:
        """The agency whose own site ``url`` is on, if any."""
        if not url:
            return None
        host = (urlsplit(url).hostname or "").lower()
        for agency in self.agencies:
            if any(host == d or host.endswith("." + d) for d in agency.domains):
                return agency.code
        return None


def _patterns(agency: Agency) -> tuple[re.Pattern, re.Pattern, re.Pattern, re.Pattern]:
    names = "|".join(re.escape(n) for n in sorted(agency.names, key=len, reverse=True))
    name = rf"(?:{names})"
    dash = r"[-\u2013\u2014]"
    # "KYIV, Nov 21 (Reuters) -", "WASHINGTON (AP) —", "New Delhi, Nov 21 (PTI)"
    dateline = re.compile(rf"\(\s*{name}\s*\)")
    credits = [
        rf"{dash}\s*{name}\.?\s*$",  # "— The Associated Press"
        rf"^\s*\(?\s*{name}\s*\)?\.?\s*$",  # "(AFP)" alone on the last lines
        rf"^.*(?:contributed to this report|Copyright \d{{4}}|\u00a9\s*\d{{4}}).*{name}",
    ]
    if agency.credit_format:
        credits.append(agency.credit_format)
    credit = re.compile("|".join(f"(?:{c})" for c in credits), re.MULTILINE)
    # Explicit attribution of this text to the agency; a mere citation ("according to Xinhua") does not count.
    attribution = re.compile(
        rf"\b{name} (?:reported|news agency reported|could not (?:immediately |independently )?(?:verify|confirm))"
        rf"|\btold {name}\b"
    )
    byline_re = re.compile(rf"(?:^|\b|\(){name}(?:\b|\)|$)")
    return dateline, credit, attribution, byline_re
