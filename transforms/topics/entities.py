"""``entities_v1``: people and organisations named in English text, by precision-first patterns (no model).

Only what the text itself marks is extracted:
- a person is a run of 2-4 capitalised words introduced by a title ("President Ana Costa", "Dr. Lee Min"), or
  followed/preceded by a reporting verb ("Ana Costa said", "said Ana Costa"); a later bare surname counts as the
  same person;
- an organisation is a capitalised run ending in an organisation word ("Bank", "Ministry of Health", "Acme Corp"),
  or a well-known acronym or name (NATO, the UN, Reuters...).
Names the place gazetteer knows are not people. Recall is modest by design: a wrong name is worse than none.
"""

from __future__ import annotations

import re
from collections import Counter

from wirelake.transforms.topics.registry import register
from wirelake.transforms.topics.text import MAX_CHARS

_CAP = r"(?:[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)*|[A-Z]\.)"
_PARTICLE = r"(?:de|da|van|von|der|bin|al|del|la|le)"
_NAME = rf"{_CAP}(?:\s+(?:{_PARTICLE}\s+)?{_CAP}){{1,3}}"
_TITLES = (
    r"President|Vice President|Prime Minister|Deputy Prime Minister|Chancellor|Minister|Secretary|Senator|Sen\.|"
    r"Rep\.|Representative|Governor|Gov\.|Mayor|King|Queen|Prince|Princess|Pope|Judge|Justice|Mr\.?|Mrs\.?|Ms\.?|"
    r"Dr\.?|Professor|Prof\.|General|Gen\.|Colonel|Col\.|Captain|Capt\.|Ambassador|Chairman|Chairwoman|Chief|"
    r"coach|Coach|striker|defender|midfielder|goalkeeper|quarterback|actor|actress|singer|rapper|director|author|"
    r"chief executive|CEO|founder|spokesman|spokeswoman|spokesperson|lawmaker|Sheikh|Bishop|Archbishop|Rabbi|Imam"
)
_TITLED = re.compile(rf"\b(?:{_TITLES})\s+(?P<name>{_NAME})")
_SAID_AFTER = re.compile(rf"(?P<name>{_NAME}),?\s+(?:said|says|told|added|wrote|tweeted|announced|explained)\b")
_SAID_BEFORE = re.compile(rf"\b(?:said|says|according to)\s+(?P<name>{_NAME})")
_ORG_WORDS = (
    r"Inc\.?|Corp\.?|Corporation|Ltd\.?|LLC|plc|PLC|Group|Holdings|Bank|University|College|Party|Ministry|"
    r"Department|Council|Commission|Committee|Association|Agency|Institute|Foundation|Federation|Union|Court|"
    r"Authority|Organization|Organisation|Company|Co\.|Airlines|Airways|Motors|Technologies|Police|Army|Navy|"
    r"Fund|Club|FC|Service|Services|Office|Assembly|Parliament|Senate|Congress|Reserve|Times|Post|News|Network"
)
_ORG = re.compile(
    rf"\b(?P<name>(?:The\s+)?{_CAP}(?:\s+(?:of|for|and|&|the)?\s*{_CAP}){{0,4}}\s+(?:{_ORG_WORDS}))"
    rf"(?:\s+of\s+(?P<of>{_CAP}(?:\s+{_CAP}){{0,2}}))?"
)
KNOWN_ORGS = {
    "NATO": "NATO",
    "UN": "United Nations",
    "United Nations": "United Nations",
    "EU": "European Union",
    "European Union": "European Union",
    "WHO": "World Health Organization",
    "IMF": "International Monetary Fund",
    "World Bank": "World Bank",
    "FBI": "FBI",
    "CIA": "CIA",
    "OPEC": "OPEC",
    "ECB": "European Central Bank",
    "Federal Reserve": "Federal Reserve",
    "Pentagon": "Pentagon",
    "Kremlin": "Kremlin",
    "Reuters": "Reuters",
    "Associated Press": "Associated Press",
    "AFP": "AFP",
    "BBC": "BBC",
    "CNN": "CNN",
    "Google": "Google",
    "Apple": "Apple",
    "Microsoft": "Microsoft",
    "Amazon": "Amazon",
    "Meta": "Meta",
    "Facebook": "Facebook",
    "Tesla": "Tesla",
    "OpenAI": "OpenAI",
    "Nvidia": "Nvidia",
    "Samsung": "Samsung",
    "Toyota": "Toyota",
    "Boeing": "Boeing",
    "Airbus": "Airbus",
    "Hamas": "Hamas",
    "Hezbollah": "Hezbollah",
    "Taliban": "Taliban",
    "NASA": "NASA",
    "FIFA": "FIFA",
    "UEFA": "UEFA",
    "IOC": "IOC",
    "WTO": "WTO",
    "Netflix": "Netflix",
    "Disney": "Disney",
    "Walmart": "Walmart",
    "Alibaba": "Alibaba",
    "Tencent": "Tencent",
    "Huawei": "Huawei",
}
_KNOWN = re.compile(r"\b(" + "|".join(sorted(map(re.escape, KNOWN_ORGS), key=len, reverse=True)) + r")\b")
_STOP_FIRST = {
    "The",
    "A",
    "An",
    "In",
    "On",
    "At",
    "But",
    "And",
    "For",
    "This",
    "That",
    "When",
    "While",
    "After",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
}
_TITLE_WORDS = {w for t in _TITLES.replace("\\", "").split("|") for w in t.split()} - {"Justice"}
_NOT_PERSON_WORDS = {
    "Street",
    "Road",
    "Avenue",
    "County",
    "City",
    "State",
    "Island",
    "Islands",
    "River",
    "Square",
    "House",
    "Hall",
    "Park",
    "Center",
    "Centre",
    "Airport",
    "Day",
    "Week",
    "Cup",
    "League",
    "Award",
}


@register("entities_v1")
class EntityTagger:
    name = "entities_v1"

    def __init__(self, place_names: frozenset[str] = frozenset()):
        self._place_names = place_names

    def tag(self, title: str | None, text: str | None) -> tuple[list[str], list[str]]:
        full = ((title or "") + ".\n\n" + (text or ""))[:MAX_CHARS]
        people: Counter = Counter()
        for pattern in (_TITLED, _SAID_AFTER, _SAID_BEFORE):
            for m in pattern.finditer(full):
                name = self._clean_person(m["name"])
                if name:
                    people[name] += 1
        orgs: Counter = Counter()
        for m in _ORG.finditer(full):
            name = m["name"]
            if name.startswith("The "):
                name = name[4:]
            if m["of"]:
                name = f"{name} of {m['of']}"
            first = name.split()[0]
            if first in _STOP_FIRST or len(name.split()) < 2:
                continue
            orgs[name] += 1
        for m in _KNOWN.finditer(full):
            orgs[KNOWN_ORGS[m.group(1)]] += 1
        org_words = {w for o in orgs for w in o.split()}
        people_out = [p for p, _ in people.most_common() if not set(p.split()) & org_words - set(p.split()[:1])]
        return people_out, [o for o, _ in orgs.most_common()]

    def _clean_person(self, name: str) -> str | None:
        words = name.split()
        while words and (words[0] in _STOP_FIRST or words[0] in _TITLE_WORDS):
            words = words[1:]
        if len(words) < 2 or any(w in _NOT_PERSON_WORDS for w in words):
            return None
        if " ".join(words) in self._place_names or any(w in self._place_names for w in words[-1:]):
            return None
        return " ".join(words)
