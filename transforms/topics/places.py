"""``places_v1``: countries (ISO 3166-1 alpha-2), US states (ISO 3166-2) and major cities named in an article.

Gazetteer: GeoNames (CC BY 4.0) countries, US states, cities of 1M+ people and national capitals, in
``data/gazetteer.json``, plus English exonyms, short forms and demonyms below. Names are matched case-sensitively on
token boundaries, longest first ("Papua New Guinea" before "Guinea", "New Jersey" before "Jersey").

Ambiguous names are decided by context and left out when the context does not decide:
- "Georgia": the country (Tbilisi, Georgian, Caucasus...) or the US state (Atlanta, other US states, Gov....);
- "Jordan", "Chad": a person when a name is next to it ("Michael Jordan", "Chad Smith"), else the country only with
  a cue (Amman/Jordanian; N'Djamena/Chadian) or a preposition of place ("in Jordan");
- "Turkey": Türkiye when capitalised, unless the text is about food (Thanksgiving, roast) without Turkish cues;
- "Congo": the Republic (Brazzaville) or else the Democratic Republic; "Washington": the US capital unless part of a
  name ("George Washington", "Washington Post") or "Washington State".
"""

from __future__ import annotations

import dataclasses
import json
import re
from functools import cache
from importlib import resources

from wirelake.transforms.topics.registry import register
from wirelake.transforms.topics.text import MAX_CHARS

_TOKEN = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W_]+(?:(?:[.\-]|['’](?!s\b))[^\W_]+)*|['’]s\b|[^\w\s]", re.UNICODE)
_MAX_NAME_TOKENS = 6

# Alternative names -> ISO code ("" = a phrase that is not a country mention and must not be read as one).
COUNTRY_ALIASES = {
    "United States": "US",
    "United States of America": "US",
    "U.S.": "US",
    "US": "US",
    "U.S.A.": "US",
    "USA": "US",
    "America": "US",
    "Latin America": "",
    "South America": "",
    "North America": "",
    "Central America": "",
    "Bank of America": "",
    "Captain America": "",
    "Americas": "",
    "UK": "GB",
    "U.K.": "GB",
    "Britain": "GB",
    "Great Britain": "GB",
    "England": "GB",
    "Scotland": "GB",
    "Wales": "GB",
    "Northern Ireland": "GB",
    "New England": "",
    "Bank of England": "",
    "Russian Federation": "RU",
    "South Korea": "KR",
    "Republic of Korea": "KR",
    "North Korea": "KP",
    "DPRK": "KP",
    "Czech Republic": "CZ",
    "Ivory Coast": "CI",
    "Côte d'Ivoire": "CI",
    "Cote d'Ivoire": "CI",
    "Türkiye": "TR",
    "Turkiye": "TR",
    "Holland": "NL",
    "the Netherlands": "NL",
    "Burma": "MM",
    "DRC": "CD",
    "DR Congo": "CD",
    "Democratic Republic of Congo": "CD",
    "Democratic Republic of the Congo": "CD",
    "Republic of Congo": "CG",
    "Republic of the Congo": "CG",
    "Congo-Brazzaville": "CG",
    "UAE": "AE",
    "Emirates": "",
    "Vatican": "VA",
    "Vatican City": "VA",
    "Holy See": "VA",
    "East Timor": "TL",
    "Timor-Leste": "TL",
    "Swaziland": "SZ",
    "Macedonia": "MK",
    "Palestine": "PS",
    "Gaza": "PS",
    "Gaza Strip": "PS",
    "West Bank": "PS",
    "Viet Nam": "VN",
    "Cape Verde": "CV",
    "Bosnia": "BA",
    "Bosnia and Herzegovina": "BA",
    "Laos": "LA",
    "Syria": "SY",
    "Iran": "IR",
    "Moldova": "MD",
    "Micronesia": "FM",
    "Taiwan": "TW",
    "Hong Kong": "HK",
    "Macau": "MO",
    "Kosovo": "XK",
    "Guinea pig": "",
    "New Guinea": "",
    "Georgia Tech": "",
    "Jordan River": "",
    "River Jordan": "",
    "Lake Chad": "TD",
    "New Mexico": "",
    "Mexico City": "",
    "Dominican Republic": "DO",
    "Saudi": "SA",
    "Korea": "",
}
DEMONYMS = {
    "American": "US",
    "Americans": "US",
    "British": "GB",
    "Briton": "GB",
    "Britons": "GB",
    "Scottish": "GB",
    "Welsh": "GB",
    "French": "FR",
    "German": "DE",
    "Germans": "DE",
    "Italian": "IT",
    "Spanish": "ES",
    "Portuguese": "PT",
    "Dutch": "NL",
    "Belgian": "BE",
    "Swiss": "CH",
    "Austrian": "AT",
    "Swedish": "SE",
    "Norwegian": "NO",
    "Danish": "DK",
    "Finnish": "FI",
    "Polish": "PL",
    "Czech": "CZ",
    "Hungarian": "HU",
    "Romanian": "RO",
    "Bulgarian": "BG",
    "Greek": "GR",
    "Serbian": "RS",
    "Croatian": "HR",
    "Ukrainian": "UA",
    "Ukrainians": "UA",
    "Russian": "RU",
    "Russians": "RU",
    "Belarusian": "BY",
    "Turkish": "TR",
    "Israeli": "IL",
    "Israelis": "IL",
    "Palestinian": "PS",
    "Palestinians": "PS",
    "Lebanese": "LB",
    "Syrian": "SY",
    "Iraqi": "IQ",
    "Iranian": "IR",
    "Saudi": "SA",
    "Jordanian": "JO",
    "Egyptian": "EG",
    "Libyan": "LY",
    "Tunisian": "TN",
    "Algerian": "DZ",
    "Moroccan": "MA",
    "Nigerian": "NG",
    "Ghanaian": "GH",
    "Kenyan": "KE",
    "Ethiopian": "ET",
    "Somali": "SO",
    "Sudanese": "SD",
    "Chadian": "TD",
    "Malian": "ML",
    "Congolese": "",
    "South African": "ZA",
    "Zimbabwean": "ZW",
    "Chinese": "CN",
    "Japanese": "JP",
    "Korean": "",
    "South Korean": "KR",
    "North Korean": "KP",
    "Taiwanese": "TW",
    "Vietnamese": "VN",
    "Thai": "TH",
    "Filipino": "PH",
    "Indonesian": "ID",
    "Malaysian": "MY",
    "Indian": "IN",
    "Pakistani": "PK",
    "Bangladeshi": "BD",
    "Afghan": "AF",
    "Sri Lankan": "LK",
    "Nepali": "NP",
    "Australian": "AU",
    "Canadian": "CA",
    "Mexican": "MX",
    "Brazilian": "BR",
    "Argentine": "AR",
    "Argentinian": "AR",
    "Chilean": "CL",
    "Colombian": "CO",
    "Venezuelan": "VE",
    "Peruvian": "PE",
    "Cuban": "CU",
    "Irish": "IE",
    "Georgian": "",
    "Latin American": "",
    "African American": "",
    "Native American": "",
    "Asian American": "",
    "North American": "",
    "South American": "",
    "Central American": "",
    "Mexican American": "",
    "Indian Ocean": "",
    "American Express": "",
    "American Airlines": "",
    "Chinese New Year": "",
}
CITY_ALIASES = {
    "New York": "New York City",
    "Kiev": "Kyiv",
    "Bombay": "Mumbai",
    "Calcutta": "Kolkata",
    "Madras": "Chennai",
    "Peking": "Beijing",
    "Saigon": "Ho Chi Minh City",
    "Washington, D.C.": "Washington",
    "Washington DC": "Washington",
    "Mecca": "Makkah",
    "Medina": "Madinah",
}

AMBIGUOUS = {"Georgia", "Jordan", "Chad", "Turkey", "Congo", "Jersey", "Washington", "Guinea", "Niger"}
_PERSON_GUARDED = {
    "Jordan",
    "Chad",
    "Georgia",
    "Washington",
    "Paris",
    "Sydney",
    "Houston",
    "Dallas",
    "Austin",
    "Florence",
    "Adelaide",
    "Israel",
    "India",
    "Kenya",
    "Lima",
    "Santiago",
    "Salvador",
    "Chelsea",
}
_CUES = {
    "GE": {
        "Tbilisi",
        "Georgian",
        "Caucasus",
        "Abkhazia",
        "Ossetia",
        "Kobakhidze",
        "Saakashvili",
        "Zourabichvili",
        "Batumi",
        "Ivanishvili",
        "Kutaisi",
        "Armenia",
        "Azerbaijan",
    },
    "US-GA": {
        "Atlanta",
        "Savannah",
        "Kemp",
        "Raffensperger",
        "Fulton",
        "Macon",
        "Braves",
        "Bulldogs",
        "Republican",
        "Republicans",
        "Democrat",
        "Democrats",
        "Senate",
        "governor",
        "Gov.",
        "county",
        "Carolina",
        "Florida",
        "Alabama",
        "Tennessee",
        "Texas",
        "Arizona",
        "Pennsylvania",
        "Michigan",
    },
    "JO": {"Amman", "Jordanian", "Hashemite", "Aqaba", "Petra", "Safadi", "Rania", "Abdullah"},
    "TD": {"N'Djamena", "Chadian", "Sahel", "Darfur", "Déby", "Deby", "Mahamat"},
    "TR": {"Ankara", "Istanbul", "Erdogan", "Erdoğan", "Turkish", "Kurdish", "Bosphorus", "Türkiye", "lira", "Izmir"},
    "food": {"Thanksgiving", "roast", "stuffing", "gravy", "recipe", "oven", "carving", "dinner", "sandwich"},
    "CG": {"Brazzaville", "Sassou", "Nguesso"},
    "JE": {"Channel Islands", "St Helier", "Guernsey"},
    "GN": {"Conakry", "Guinean"},
    "NE": {"Niamey", "Nigerien", "Sahel", "Tchiani", "Bazoum"},
}
_PLACE_PREPOSITIONS = {
    "in",
    "to",
    "from",
    "of",
    "across",
    "into",
    "visit",
    "visited",
    "neighbouring",
    "neighboring",
    "between",
    "against",
    "toward",
    "towards",
    "near",
    "via",
}
_NOT_NAME = {
    "The",
    "A",
    "An",
    "In",
    "On",
    "At",
    "For",
    "To",
    "And",
    "But",
    "Of",
    "From",
    "With",
    "By",
    "As",
    "If",
    "When",
    "While",
    "After",
    "Before",
    "New",
    "North",
    "South",
    "East",
    "West",
    "Northern",
    "Southern",
    "Eastern",
    "Western",
    "Central",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "President",
    "King",
    "Queen",
}
_BLOCK_AFTER = {
    "Washington": {
        "Post",
        "Commanders",
        "Nationals",
        "Wizards",
        "Capitals",
        "Mystics",
        "Examiner",
        "Times",
        "Free",
        "Monthly",
        "Huskies",
    }
}


@dataclasses.dataclass(frozen=True)
class _Entry:
    kind: str  # "country" | "region" | "city"
    code: str  # ISO 3166-1 (country), ISO 3166-2 (region), country code (city)
    name: str  # canonical name
    geonameid: int | None = None


@cache
def _gazetteer() -> tuple[dict[tuple[str, ...], _Entry], dict[str, str]]:
    data = json.loads(resources.files(__package__).joinpath("data", "gazetteer.json").read_text(encoding="utf-8"))
    names: dict[tuple[str, ...], _Entry] = {}
    country_names = {code: c["name"] for code, c in data["countries"].items()}
    country_names["XK"] = "Kosovo"

    def add(surface: str, entry: _Entry, override: bool = False) -> None:
        key = tuple(_TOKEN.findall(surface))
        if override or key not in names:
            names[key] = entry

    for city in reversed(data["cities"]):  # most populous last, so it wins a shared name
        add(city["name"], _Entry("city", city["country"], city["name"], city["geonameid"]), override=True)
    for code, name in data["us_states"].items():
        add(name, _Entry("region", f"US-{code}", name), override=True)
    for code, name in country_names.items():
        add(name, _Entry("country", code, name), override=True)
    washington = next(c for c in data["cities"] if c["name"] == "Washington" and c["country"] == "US")
    add("Washington", _Entry("city", "US", "Washington", washington["geonameid"]), override=True)  # the capital
    by_name = {c["name"]: c for c in data["cities"]}
    for alias, target in CITY_ALIASES.items():
        if target in by_name:
            c = by_name[target]
            add(alias, _Entry("city", c["country"], c["name"], c["geonameid"]), override=True)
    for table, kind in ((COUNTRY_ALIASES, "country"), (DEMONYMS, "demonym")):
        for alias, code in table.items():
            add(alias, _Entry(kind if code else "none", code, country_names.get(code, alias)), override=True)
    return names, country_names


@register("places_v1")
class PlaceTagger:
    name = "places_v1"

    def __init__(self):
        self._names, self._country_names = _gazetteer()
        self._first = {k[0] for k in self._names}

    def tag(self, title: str | None, text: str | None) -> list[dict]:
        full = ((title or "") + "\n\n" + (text or ""))[:MAX_CHARS]
        tokens = _TOKEN.findall(full)
        present = set(tokens)
        found: dict[tuple[str, str], dict] = {}
        i, n = 0, len(tokens)
        while i < n:
            tok = tokens[i]
            if tok not in self._first or not tok[:1].isupper():
                i += 1
                continue
            match = None
            for length in range(min(_MAX_NAME_TOKENS, n - i), 0, -1):
                entry = self._names.get(tuple(tokens[i : i + length]))
                if entry is not None:
                    match = (length, entry)
                    break
            if match is None:
                i += 1
                continue
            length, entry = match
            if length == 1 and entry.name in AMBIGUOUS | _PERSON_GUARDED or tok in AMBIGUOUS:
                entry = self._resolve(tokens, i, entry, present)
            if entry is not None and entry.kind != "none":
                self._count(found, entry)
            i += length
        return self._output(found)

    def _resolve(self, tokens: list[str], i: int, entry: _Entry, present: set[str]) -> _Entry | None:
        tok = tokens[i]
        prev = tokens[i - 1] if i else ""
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        if tok in _PERSON_GUARDED and (_is_name(prev) or _is_name(nxt) or nxt in _BLOCK_AFTER.get(tok, ())):
            return None  # "Michael Jordan", "Chad Smith", "Paris Hilton", "Washington Post"
        if tok not in AMBIGUOUS:
            return entry

        def cues(key: str) -> int:
            return sum(1 for c in _CUES[key] if c in present)

        placed = prev.lower() in _PLACE_PREPOSITIONS
        if tok == "Georgia":
            ge, us = cues("GE"), cues("US-GA")
            if ge > us:
                return _Entry("country", "GE", "Georgia")
            if us > ge:
                return _Entry("region", "US-GA", "Georgia")
            return None
        if tok == "Jordan":
            return entry if cues("JO") or placed else None
        if tok == "Chad":
            return entry if cues("TD") or placed else None
        if tok == "Turkey":
            return None if cues("food") and not cues("TR") else entry
        if tok == "Congo":
            return (
                _Entry("country", "CG", self._country_names["CG"])
                if cues("CG")
                else _Entry("country", "CD", self._country_names["CD"])
            )
        if tok == "Jersey":
            return entry if cues("JE") else None
        if tok == "Guinea":
            return entry if cues("GN") or placed else None
        if tok == "Niger":
            return entry if cues("NE") or placed else None
        if tok == "Washington":
            if nxt in ("State", "state"):
                return _Entry("region", "US-WA", "Washington")
            return entry
        return entry

    def _count(self, found: dict, entry: _Entry) -> None:
        if entry.kind == "demonym":
            entry = _Entry("country", entry.code, self._country_names.get(entry.code, entry.code))
            key = ("country", entry.code)
            item = found.setdefault(key, _place(entry))
            item["mentions"] += 1
            return
        key = (entry.kind, entry.code if entry.kind != "city" else str(entry.geonameid))
        found.setdefault(key, _place(entry))["mentions"] += 1

    def _output(self, found: dict) -> list[dict]:
        # A city or a US state implies its country, so filtering on a country finds the article.
        for (kind, _), item in list(found.items()):
            country = item["country"]
            if kind in ("city", "region") and ("country", country) not in found and country in self._country_names:
                found[("country", country)] = {
                    "type": "country",
                    "code": country,
                    "name": self._country_names[country],
                    "country": country,
                    "mentions": 0,
                }
        order = {"country": 0, "region": 1, "city": 2}
        return sorted(found.values(), key=lambda p: (order[p["type"]], -p["mentions"], p["name"]))


def _place(entry: _Entry) -> dict:
    if entry.kind == "country":
        return {"type": "country", "code": entry.code, "name": entry.name, "country": entry.code, "mentions": 0}
    if entry.kind == "region":
        return {"type": "region", "code": entry.code, "name": entry.name, "country": entry.code[:2], "mentions": 0}
    return {"type": "city", "code": str(entry.geonameid), "name": entry.name, "country": entry.code, "mentions": 0}


def _is_name(token: str) -> bool:
    """A capitalised word that could be part of a person's name (not a function word, not all capitals)."""
    return len(token) > 1 and token[0].isupper() and token[1:].islower() and token not in _NOT_NAME and token.isalpha()
