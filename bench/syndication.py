"""Seeded generator of syndicated wire copy and hard negatives, with true cluster labels.

    python bench/syndication.py CORPUS_DIR [--seed N] [--out docs.jsonl]

Reads real article bodies from CORPUS_DIR/ground-truth.json ({"<id>": {"articleBody", "url"}}), skips bodies under
80 words, and builds an evaluation set of labelled documents:

- every source becomes one *story cluster*: an original (the agency copy, with a dateline such as
  "LONDON, Nov 19 (Reuters) - " when the story is wire copy; earliest ``published_at``) plus 1-5 republications by
  fictional outlets. Each republication applies a random mix of the edits in ``EDIT_KINDS``: new headline, trimmed
  ending, paragraph reorder, dropped paragraphs, outlet intro, outlet sign-off, spelling (US/UK and
  transliterations such as Kiev/Kyiv), quote style, light paraphrase of a minority of sentences, dateline rewrite
  ("(Reuters) -" becomes "..., Reuters reported") and removal of the agency's reporting credit;
- hard negatives (``NEGATIVE_KINDS``), each its own cluster but sharing a ``neg_group`` with what it must not join:
  templated briefs (automated earnings reports and football results from one template, different companies and
  numbers, some of them syndicated themselves), pairs of distinct, topically related stories sharing a long
  standard background block (25-40% of the shorter text), and same-event independent reporting: the corpus holds
  real groups of articles by different outlets on one event (and a few by one site on one topic), found by TF-IDF
  cosine >= 0.32; they and their syndicated copies must stay apart.

Run directly it prints a summary of the set (counts per kind and the 5-gram overlap of each kind with the document
it is compared with), and with --out writes the documents as JSON lines.
"""

from __future__ import annotations

import argparse
import collections
import dataclasses
import datetime as dt
import json
import math
import random
import re
from pathlib import Path

EDIT_KINDS = (
    "headline",
    "trim",
    "reorder",
    "drop",
    "intro",
    "signoff",
    "spelling",
    "quotes",
    "paraphrase",
    "dateline",
    "credit",
)
NEGATIVE_KINDS = ("templated_brief", "shared_background", "same_event", "same_event_real", "same_site_real")
MIN_WORDS = 80


@dataclasses.dataclass
class Doc:
    id: str
    text: str
    title: str
    url: str
    published_at: dt.datetime
    byline: str | None
    cluster: str  # true cluster label
    kind: str  # "original", "+".join(edits) for a republication, or a negative kind
    edits: tuple[str, ...] = ()
    agency: str | None = None  # expected wire agency of the cluster
    neg_group: str | None = None  # hard-negative group: documents that share it must still not be merged
    is_original: bool = False

    def to_json(self) -> dict:
        return dict(dataclasses.asdict(self), published_at=self.published_at.isoformat(), edits=list(self.edits))

    @classmethod
    def from_json(cls, row: dict) -> Doc:
        row = dict(row)
        row["published_at"] = dt.datetime.fromisoformat(row["published_at"])
        row["edits"] = tuple(row.get("edits", ()))
        return cls(**row)


# ----------------------------------------------------------------------------------------------------------------
# Tables: agencies, outlets, spellings, synonyms. All text here is written for wirelake.

AGENCIES = {
    "reuters": dict(
        byline="Reuters",
        dateline="{CITY}, Nov {day} (Reuters) - ",
        reported=["Reuters reported", "according to Reuters", "Reuters news agency reported"],
        credit="(Reporting by {n1}; Editing by {n2})",
    ),
    "ap": dict(
        byline="The Associated Press",
        dateline="{CITY} (AP) \u2014 ",
        reported=["The Associated Press reported", "according to The Associated Press", "AP reported"],
        credit="Associated Press writer {n1} in {City} contributed to this report.",
    ),
    "afp": dict(
        byline="AFP",
        dateline="{City} (AFP) - ",
        reported=["AFP reported", "according to AFP", "news agency AFP reported"],
        credit="{i1}/{i2}",
    ),
}
CITIES = ["London", "Washington", "New York", "Paris", "Berlin", "Tokyo", "Hong Kong", "Singapore", "Sydney", "Nairobi"]
NAMES = [
    "Maria Lopez",
    "David Chen",
    "Anna Kowalska",
    "Tom Hughes",
    "Priya Nair",
    "Jonas Berg",
    "Leila Haddad",
    "Kenji Sato",
    "Grace Obi",
    "Paul Martin",
    "Sofia Rossi",
    "Omar Farouk",
]

OUTLETS = [
    dict(
        name="The Daily Meridian",
        domain="dailymeridian.example",
        locale="uk",
        translit=1,
        intro="Here is the latest on this story, as reported by our partner news agency.",
        signoff="(The Daily Meridian / 19 November / RK)",
    ),
    dict(
        name="Lakeside Gazette",
        domain="lakesidegazette.example",
        locale="us",
        translit=0,
        intro=None,
        signoff="For more news, follow the Lakeside Gazette on our website and on social media, and sign up for "
        "the free Morning Gazette newsletter, delivered to your inbox every weekday at 6 a.m.",
    ),
    dict(
        name="Harbour Post",
        domain="harbourpost.example",
        locale="uk",
        translit=0,
        intro="Editor's note: this story has been updated with additional details.",
        signoff="Copyright 2019 Harbour Post. All rights reserved. This material may not be published, broadcast, "
        "rewritten or redistributed.",
    ),
    dict(
        name="Prairie Sentinel",
        domain="prairiesentinel.example",
        locale="us",
        translit=2,
        intro=None,
        signoff="Have a news tip? Email the Prairie Sentinel newsdesk. We read every message.",
    ),
    dict(
        name="Asia Wire Digest",
        domain="asiawiredigest.example",
        locale="uk",
        translit=1,
        intro="Our news service brings you this report from the international wires.",
        signoff="Read more: the latest world headlines from Asia Wire Digest.",
    ),
    dict(
        name="Metro Ledger",
        domain="metroledger.example",
        locale="us",
        translit=0,
        intro="Catch up on today's top story.",
        signoff=None,
    ),
    dict(
        name="Coastline Times",
        domain="coastlinetimes.example",
        locale="uk",
        translit=2,
        intro=None,
        signoff="Follow Coastline Times on Facebook and X for breaking news and updates.",
    ),
    dict(
        name="Capital Observer",
        domain="capitalobserver.example",
        locale="us",
        translit=1,
        intro="What you need to know:",
        signoff="The Capital Observer is an independent, reader-funded newsroom. Support our journalism today.",
    ),
]

# (US, UK) spellings; a UK outlet uses the right column, a US outlet the left.
US_UK = [
    ("color", "colour"),
    ("colors", "colours"),
    ("favorite", "favourite"),
    ("honor", "honour"),
    ("labor", "labour"),
    ("neighbor", "neighbour"),
    ("neighbors", "neighbours"),
    ("neighboring", "neighbouring"),
    ("behavior", "behaviour"),
    ("center", "centre"),
    ("centers", "centres"),
    ("theater", "theatre"),
    ("defense", "defence"),
    ("offense", "offence"),
    ("organization", "organisation"),
    ("organizations", "organisations"),
    ("organized", "organised"),
    ("recognize", "recognise"),
    ("recognized", "recognised"),
    ("realize", "realise"),
    ("realized", "realised"),
    ("criticized", "criticised"),
    ("apologized", "apologised"),
    ("analyze", "analyse"),
    ("analyzed", "analysed"),
    ("emphasized", "emphasised"),
    ("traveled", "travelled"),
    ("traveling", "travelling"),
    ("canceled", "cancelled"),
    ("gray", "grey"),
    ("percent", "per cent"),
    ("catalog", "catalogue"),
    ("aging", "ageing"),
    ("toward", "towards"),
    ("program", "programme"),
    ("programs", "programmes"),
    ("jewelry", "jewellery"),
    ("fulfill", "fulfil"),
    ("mom", "mum"),
    ("airplane", "aeroplane"),
    ("license", "licence"),
    ("practiced", "practised"),
]
# Transliteration / romanisation groups; each outlet prefers one column (its "translit" index, clipped).
TRANSLIT = [
    ("Kyiv", "Kiev", "Kiev"),
    ("Zelenskiy", "Zelensky", "Zelenskyy"),
    ("Kharkiv", "Kharkov", "Kharkiv"),
    ("Odesa", "Odessa", "Odessa"),
    ("Gaddafi", "Qaddafi", "Kadhafi"),
    ("al Qaeda", "al-Qaida", "al-Qaeda"),
    ("Hezbollah", "Hizbollah", "Hezbollah"),
    ("Erdogan", "Erdo\u011fan", "Erdogan"),
    ("Lukashenko", "Lukashenka", "Lukashenko"),
    ("Mohammed", "Muhammad", "Mohammad"),
    ("Sao Paulo", "S\u00e3o Paulo", "Sao Paulo"),
    ("Bogota", "Bogot\u00e1", "Bogota"),
    ("Beijing", "Beijing", "Peking"),
]
SYNONYMS = {
    "said": ["stated", "noted"],
    "says": ["states", "notes"],
    "announced": ["unveiled", "revealed"],
    "important": ["significant", "key"],
    "significant": ["considerable", "major"],
    "major": ["big", "key"],
    "large": ["big", "sizeable"],
    "big": ["large", "major"],
    "small": ["modest", "little"],
    "huge": ["massive"],
    "rise": ["increase"],
    "fell": ["dropped", "declined"],
    "rose": ["climbed", "increased"],
    "began": ["started"],
    "company": ["firm"],
    "companies": ["firms"],
    "officials": ["authorities"],
    "authorities": ["officials"],
    "children": ["kids"],
    "quickly": ["rapidly", "swiftly"],
    "recently": ["lately"],
    "currently": ["now"],
    "nearly": ["almost"],
    "almost": ["nearly"],
    "approximately": ["about"],
    "roughly": ["about"],
    "although": ["though"],
    "several": ["a number of"],
    "attempted": ["tried"],
    "received": ["got"],
    "decided": ["chose"],
    "needed": ["required"],
    "despite": ["in spite of"],
    "residents": ["locals"],
    "cars": ["vehicles"],
    "car": ["vehicle"],
    "film": ["movie"],
    "movie": ["film"],
    "films": ["movies"],
    "revealed": ["disclosed"],
    "claimed": ["alleged"],
    "investigation": ["probe", "inquiry"],
    "probe": ["investigation"],
    "difficult": ["hard", "tough"],
    "additional": ["extra", "further"],
    "main": ["chief", "principal"],
    "allowed": ["permitted"],
    "obtain": ["get"],
    "stated": ["said"],
    "ahead of": ["before"],
    "in order to": ["to"],
    "a number of": ["several"],
    "more than": ["over"],
    "as well as": ["and"],
    "people": ["individuals"],
    "percent": ["%"],
    "enormous": ["huge"],
    "purchased": ["bought"],
    "bought": ["purchased"],
    "begin": ["start"],
    "start": ["begin"],
}
_SYN_RE = re.compile(r"\b(" + "|".join(sorted(map(re.escape, SYNONYMS), key=len, reverse=True)) + r")\b", re.I)
_SENT_SPLIT = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"\u201d\u2019)]))\s+(?=[\"\u201c\u2018(]?[A-Z0-9])")
_CLAUSE_OPENERS = "When|After|Before|Although|While|Because|If|As|Since|Despite|Following|Under|In"
_QUOTED = re.compile('["\u201c\u201d]')  # outlets paraphrase reporting, never what someone said
_FUNCTION_WORDS = {
    "the",
    "a",
    "an",
    "it",
    "this",
    "that",
    "there",
    "we",
    "they",
    "he",
    "she",
    "its",
    "our",
    "his",
    "her",
    "their",
    "these",
    "those",
    "some",
    "many",
    "most",
    "all",
    "in",
    "on",
    "at",
    "for",
    "but",
}


# ----------------------------------------------------------------------------------------------------------------
# Small text helpers


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def shingles(text: str, n: int = 5) -> set[tuple[str, ...]]:
    w = words(text)
    return {tuple(w[i : i + n]) for i in range(max(1, len(w) - n + 1))}


def sentences(paragraph: str) -> list[str]:
    return [s for s in _SENT_SPLIT.split(paragraph.strip()) if s]


def n_words(paras: list[str]) -> int:
    return sum(len(p.split()) for p in paras)


def paragraphs_of(body: str) -> list[str]:
    paras = [p.strip() for p in re.split(r"\n\s*\n|\n", body) if p.strip()]
    if len(paras) >= 3:
        return paras
    sents = [s for p in paras for s in sentences(p)]  # one blob: make paragraphs of three sentences
    return [" ".join(sents[i : i + 3]) for i in range(0, len(sents), 3)]


def slugify(text: str) -> str:
    return "-".join(words(text)[:9]) or "story"


def match_case(template: str, word: str) -> str:
    if template.isupper() and len(template) > 1:
        return word.upper()
    if template[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def headline_from(url: str, paras: list[str]) -> str:
    path = [seg for seg in re.split(r"[/?=&]", url) if seg.count("-") >= 3]
    if path:
        slug = re.sub(r"\.\w+$|-?\d{4,}.*$", "", max(path, key=len))
        title = " ".join(w for w in slug.split("-") if w)
        if len(title.split()) >= 3:
            return title[:1].upper() + title[1:]
    first = sentences(paras[0])[0].split()
    return " ".join(first[:12]).rstrip(",.;:")


# ----------------------------------------------------------------------------------------------------------------
# Edits. Each returns new paragraphs (or text); callers record the edit only if it changed something.


def paraphrase_sentence(sent: str, rng: random.Random, swaps: int = 2) -> str:
    """Light paraphrase: move a trailing attribution or a leading clause, then swap a few words for synonyms."""
    s = sent
    m = re.match(r"^(.+), ((?:he|she|they|it|[A-Z][\w.'\- ]{1,40}?) (?:said|says|added|told reporters))\.$", s)
    m2 = re.match(rf"^({_CLAUSE_OPENERS}) ([^,]{{8,90}}), (.+)\.$", s)
    m3 = re.match(r"^According to ([^,]{3,60}), (.+)\.$", s)
    if m and '"' not in m.group(1) and "\u201d" not in m.group(1):
        head, rest = m.group(2), m.group(1)
        first = rest.split(" ", 1)[0]
        if first.lower() in _FUNCTION_WORDS:
            rest = rest[:1].lower() + rest[1:]
        s = f"{head[:1].upper()}{head[1:]} that {rest}."
    elif m2:
        s = f"{m2.group(3)[:1].upper()}{m2.group(3)[1:]} {m2.group(1).lower()} {m2.group(2)}."
    elif m3:
        s = f"{m3.group(2)[:1].upper()}{m3.group(2)[1:]}, according to {m3.group(1)}."
    hits = list(_SYN_RE.finditer(s))
    for hit in sorted(rng.sample(hits, min(swaps, len(hits))), key=lambda h: -h.start()):
        repl = match_case(hit.group(0), rng.choice(SYNONYMS[hit.group(0).lower()]))
        s = s[: hit.start()] + repl + s[hit.end() :]
    return s


def paraphrase(paras: list[str], rng: random.Random, share: float) -> list[str]:
    out = []
    for p in paras:
        sents = sentences(p)
        out.append(
            " ".join(
                paraphrase_sentence(s, rng) if rng.random() < share and not _QUOTED.search(s) else s for s in sents
            )
        )
    return out


def respell(text: str, outlet: dict) -> str:
    col = 1 if outlet["locale"] == "uk" else 0
    for old, new in ((pair[1 - col], pair[col]) for pair in US_UK):  # lower-case only: "Labour Party" stays
        text = re.sub(rf"\b{old}\b", new, text)
    k = outlet["translit"]
    for group in TRANSLIT:
        for other in set(group) - {group[k]}:
            text = re.sub(rf"\b{re.escape(other)}\b", group[k], text)
    return text


def requote(text: str, curly: bool) -> str:
    if not curly:
        return text.translate(str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'"}))
    text = re.sub(r'(^|[\s(\[])"', "\\1\u201c", text)
    text = text.replace('"', "\u201d")
    return re.sub(r"(\w)'(\w)", "\\1\u2019\\2", text)


def rewrite_dateline(paras: list[str], agency: str, rng: random.Random) -> list[str]:
    """'CITY (Reuters) - Text.' -> 'Text, Reuters reported.' on the first sentence."""
    m = re.match(r"^[A-Z][\w .,]*?\((?:Reuters|AP|AFP)\) [-\u2014] ", paras[0])
    if not m:
        return paras
    lead = paras[0][m.end() :]
    sents = sentences(lead)
    if not sents[0].endswith("."):  # a lead like "The Latest on ... (all times local):" just loses its dateline
        return [lead, *paras[1:]]
    first = sents[0].rstrip(".")
    phrase = rng.choice(AGENCIES[agency]["reported"])
    if not phrase.startswith("according") and rng.random() < 0.3:
        if first.split(" ", 1)[0].lower() in _FUNCTION_WORDS:
            first = first[:1].lower() + first[1:]
        first = f"{phrase[:1].upper()}{phrase[1:]} that {first}."
    else:
        first = f"{first}, {phrase}."
    return [" ".join([first, *sents[1:]]), *paras[1:]]


# ----------------------------------------------------------------------------------------------------------------
# Templated briefs (written for wirelake; modelled on automated earnings and results copy)

EARNINGS = (
    "{CITY} (AP) \u2014 {co} ({tk}) on {wd} reported {q} {pl} of {net}.\n\n"
    "The {hq}-based company said it had {pl} of {eps} per share. Earnings, adjusted for one-time gains and "
    "costs, came to {adj} per share.\n\n"
    "The results {beat} Wall Street expectations. The average estimate of {na} analysts surveyed by Zacks "
    "Investment Research was for earnings of {est} per share.\n\n"
    "The {ind} company posted revenue of {rev} in the period, which {beat2} Street forecasts. "
    "Analysts expected {rest}, according to Zacks.\n\n"
    "For the current quarter ending in {month}, {co} said it expects revenue in the range of {lo} to "
    "{hi}.\n\n"
    "{co} shares have {dir} {ytd} percent since the beginning of the year, while the S&P 500 index has risen "
    "{sp} percent. The stock has {dir2} {y12} percent in the last 12 months.\n\n"
    "This story was generated automatically using data from Zacks Investment Research. Access a Zacks stock "
    "report on {tk}."
)
RESULTS = (
    "{CITY}, Nov {day} (Reuters) - {home} beat {away} {hs}-{as_} in the {league} on {wd}, with {scorer} scoring "
    "{ng} as the {side} side moved up to {pos} in the table.\n\n"
    "{away} had taken the lead through {other} in the {m1}th minute, but {home} responded before halftime and "
    "were the better team for long spells after the break in front of a crowd of {crowd}.\n\n"
    '"We showed real character today," {home} manager {mgr} told reporters after the match. "We stayed '
    'patient, we kept the ball and the goals came."\n\n'
    "{home} have now won {streak} of their last five league matches and are {gap} points behind the leaders. "
    "{away} remain in {apos} place with {apts} points from {played} games.\n\n"
    "{home} travel to {next} next weekend, while {away} host {next2}.\n\n"
    "(Reporting by {n1}; Editing by {n2})"
)
CO_A = [
    "Northgate",
    "Bluewater",
    "Pinecrest",
    "Harbor",
    "Summit",
    "Ironwood",
    "Clearfield",
    "Redstone",
    "Silverline",
    "Oakmont",
    "Westbrook",
    "Granite",
    "Meridian",
    "Crescent",
    "Beacon",
    "Falcon",
    "Juniper",
    "Halcyon",
]
CO_B = [
    "Holdings Inc.",
    "Systems Corp.",
    "Therapeutics Inc.",
    "Brands Co.",
    "Energy Partners",
    "Software Inc.",
    "Industries Ltd.",
    "Financial Corp.",
    "Foods Inc.",
    "Logistics Inc.",
]
INDUSTRIES = [
    "software",
    "medical device",
    "packaged foods",
    "regional banking",
    "trucking",
    "oilfield services",
    "specialty retail",
    "semiconductor",
    "insurance",
    "biotechnology",
]
TEAMS = ["Rovers", "United", "Athletic", "City", "Wanderers", "Albion", "Rangers", "Town", "County", "Harriers"]
TOWNS = [
    "Ashford",
    "Brampton",
    "Carlow",
    "Dunmore",
    "Eastleigh",
    "Fenwick",
    "Glenbrook",
    "Hartley",
    "Kilbride",
    "Larkhill",
    "Millbrook",
    "Northam",
    "Oakley",
    "Penrith",
    "Redhill",
    "Stanton",
    "Thornbury",
    "Westfield",
]


def _per_share(cents: int) -> str:
    return f"{cents} cents" if cents < 100 else f"${cents / 100:.2f}"


def _millions(m: float) -> str:
    return f"${m:.1f} million" if m < 1000 else f"${m / 1000:.2f} billion"


def earnings_brief(rng: random.Random) -> tuple[str, str]:
    co = f"{rng.choice(CO_A)} {rng.choice(CO_B)}"
    tk = "".join(c for c in co if c.isupper())[:3] + rng.choice("AEKRSTX")
    net, rev = round(rng.uniform(2, 900), 1), round(rng.uniform(40, 9000), 1)
    eps = rng.randint(3, 240)
    adj, est = eps + rng.randint(0, 30), eps + rng.randint(-20, 30)
    rest = round(rev * rng.uniform(0.93, 1.07), 1)
    beat = "beat" if adj > est else "fell short of" if adj < est else "met"
    f = dict(
        CITY=rng.choice(CITIES).upper(),
        co=co,
        tk=tk,
        wd=rng.choice(["Monday", "Tuesday", "Wednesday"]),
        q=rng.choice(["third-quarter", "fiscal second-quarter", "fourth-quarter"]),
        pl=rng.choice(["net income", "profit", "earnings"]),
        net=_millions(net),
        hq=rng.choice(CITIES + TOWNS),
        eps=_per_share(eps),
        adj=_per_share(adj),
        beat=beat,
        na=rng.randint(2, 14),
        est=_per_share(max(1, est)),
        ind=rng.choice(INDUSTRIES),
        rev=_millions(rev),
        beat2="topped" if rev > rest else "fell short of",
        rest=_millions(rest),
        month=rng.choice(["December", "January", "March"]),
        lo=_millions(rev * 0.95),
        hi=_millions(rev * 1.05),
        dir=rng.choice(["risen", "declined"]),
        ytd=rng.randint(1, 60),
        sp=rng.randint(18, 24),
        dir2=rng.choice(["increased", "decreased"]),
        y12=rng.randint(1, 70),
    )
    verb = {"beat": "beats", "fell short of": "misses", "met": "meets"}[beat]
    return f"{co} {verb} Street {f['q'].replace('fiscal ', '').split('-')[0]}-quarter forecasts", EARNINGS.format(**f)


def results_brief(rng: random.Random) -> tuple[str, str]:
    home, away = (f"{t} {rng.choice(TEAMS)}" for t in rng.sample(TOWNS, 2))
    hs = rng.randint(1, 5)
    f = dict(
        CITY="LONDON",
        day=rng.randint(16, 24),
        home=home,
        away=away,
        hs=hs,
        as_=rng.randint(0, hs - 1),
        league=rng.choice(["Championship", "League One", "National League"]),
        wd=rng.choice(["Saturday", "Sunday"]),
        scorer=rng.choice(NAMES),
        ng=rng.choice(["twice", "once", "a hat-trick"]),
        side="home",
        pos=rng.choice(["third", "fifth", "eighth"]),
        other=rng.choice(NAMES),
        m1=rng.randint(4, 39),
        crowd=f"{rng.randint(4, 38)},{rng.randint(100, 999)}",
        mgr=rng.choice(NAMES),
        streak=rng.choice(["three", "four", "two"]),
        gap=rng.randint(1, 12),
        apos=rng.choice(["12th", "17th", "20th", "22nd"]),
        apts=rng.randint(8, 30),
        played=rng.randint(14, 18),
        next=f"{rng.choice(TOWNS)} {rng.choice(TEAMS)}",
        next2=f"{rng.choice(TOWNS)} {rng.choice(TEAMS)}",
        n1=rng.choice(NAMES),
        n2=rng.choice(NAMES),
    )
    return f"{home} beat {away} {hs}-{f['as_']}", RESULTS.format(**f)


# ----------------------------------------------------------------------------------------------------------------
# Assembly


@dataclasses.dataclass
class Story:
    key: str
    paras: list[str]
    title: str
    url: str
    agency: str | None
    neg_group: str | None = None
    kind: str = "original"
    credit: bool = False  # the last paragraph is the agency's reporting credit
    edits: tuple[str, ...] = ()  # edits already applied (a copy of a copy)


def load_sources(corpus_dir: Path) -> dict[str, dict]:
    data = json.loads((Path(corpus_dir) / "ground-truth.json").read_text(encoding="utf-8"))
    return {k: v for k, v in sorted(data.items()) if len(v["articleBody"].split()) >= MIN_WORDS}


def topic_groups(sources: dict[str, dict], low: float, high: float) -> list[list[str]]:
    """Connected components of sources whose TF-IDF cosine lies in [low, high)."""
    import numpy as np

    keys = list(sources)
    bags = [collections.Counter(re.findall(r"[a-z]{4,}", sources[k]["articleBody"].lower())) for k in keys]
    df = collections.Counter(w for b in bags for w in b)
    vocab = {w: i for i, w in enumerate(df)}
    m = np.zeros((len(keys), len(vocab)))
    for i, bag in enumerate(bags):
        for w, n in bag.items():
            m[i, vocab[w]] = (1 + math.log(n)) * math.log(len(keys) / df[w])
    m /= np.maximum(np.linalg.norm(m, axis=1, keepdims=True), 1e-9)
    sim = m @ m.T
    parent = list(range(len(keys)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in zip(*np.nonzero(np.triu((sim >= low) & (sim < high), 1)), strict=True):
        parent[find(i)] = find(j)
    comps = collections.defaultdict(list)
    for i, k in enumerate(keys):
        comps[find(i)].append(k)
    return [sorted(c) for c in comps.values() if len(c) > 1]


def source_agency(body: str) -> str | None:
    head = body[:300]
    for agency, mark in (("reuters", "(Reuters)"), ("ap", "(AP)"), ("afp", "(AFP)")):
        if mark in head:
            return agency
    return None


def add_wire_furniture(paras: list[str], agency: str, rng: random.Random) -> list[str]:
    a = AGENCIES[agency]
    city = rng.choice(CITIES)
    dateline = a["dateline"].format(CITY=city.upper(), City=city, day=rng.randint(17, 21))
    n1, n2 = rng.sample(NAMES, 2)
    credit = a["credit"].format(n1=n1, n2=n2, City=city, i1=n1[:2].lower(), i2=n2[:2].lower())
    return [dateline + paras[0], *paras[1:], credit]


def republish(story: Story, outlet: dict, rng: random.Random) -> tuple[list[str], str, list[str]]:
    """One outlet's copy of ``story``: (paragraphs, title, edits actually applied)."""
    paras, edits = list(story.paras), []

    def attempt(name, prob, fn):
        nonlocal paras
        if rng.random() < prob:
            new = fn(paras)
            if new != paras:
                paras = new
                edits.append(name)

    credit_last = story.credit
    if credit_last:
        attempt("credit", 0.6, lambda p: p[:-1])
    body = paras[:-1] if credit_last and "credit" not in edits else paras
    tail = paras[len(body) :]
    paras = body
    if len(paras) > 3:
        attempt("drop", 0.3, lambda p: _drop_some(p, rng))
        attempt("reorder", 0.35, lambda p: _swap_some(p, rng))
        attempt("trim", 0.45, lambda p: _trim(p, rng))
    paras = paras + tail  # the credit line stays at the end if it was kept
    if story.agency:
        attempt("dateline", 0.45, lambda p: rewrite_dateline(p, story.agency, rng))
    attempt("paraphrase", 0.4, lambda p: paraphrase(p, rng, share=rng.uniform(0.1, 0.4)))
    attempt("spelling", 0.6, lambda p: [respell(x, outlet) for x in p])
    attempt("quotes", 0.5, lambda p: [requote(x, curly=rng.random() < 0.5) for x in p])
    if outlet["intro"]:
        attempt("intro", 0.5, lambda p: [outlet["intro"], *p])
    if outlet["signoff"]:
        attempt("signoff", 0.6, lambda p: [*p, outlet["signoff"]])
    title = story.title
    if rng.random() < 0.85:
        title = _new_headline(story, outlet, rng)
        edits.insert(0, "headline")
    return paras, title, edits


def _drop_some(p: list[str], rng: random.Random) -> list[str]:
    """Drop one or a few inner paragraphs, at most 30% of the words."""
    drop = set(rng.sample(range(1, len(p) - 1), max(1, len(p) // 6)))
    kept = [x for i, x in enumerate(p) if i not in drop]
    return kept if n_words(kept) >= 0.7 * n_words(p) else p


def _swap_some(p: list[str], rng: random.Random) -> list[str]:
    p = list(p)
    if len(p) < 3:
        return p
    for _ in range(rng.randint(1, 2)):
        i = rng.randrange(1, len(p) - 1)
        p[i], p[i + 1] = p[i + 1], p[i]
    return p


def _trim(p: list[str], rng: random.Random) -> list[str]:
    # a third of trims are short "brief" versions that run only the top of the story
    total, target = n_words(p), rng.uniform(0.2, 0.4) if rng.random() < 0.33 else rng.uniform(0.4, 0.85)
    kept = []
    for x in p:
        kept.append(x)
        if n_words(kept) >= target * total and len(kept) >= 2:
            break
    return kept


def _new_headline(story: Story, outlet: dict, rng: random.Random) -> str:
    choice = rng.randrange(4)
    if choice == 0:
        return f"{story.title} | {outlet['name']}"
    if choice == 1:
        return paraphrase_sentence(story.title, rng, swaps=3)
    lead = re.sub(r"^[A-Z][\w .,]*?\((?:Reuters|AP|AFP)\) [-\u2014] ", "", story.paras[0])
    first = sentences(lead)[0].split()
    if choice == 2:
        return " ".join(first[: rng.randint(7, 12)]).rstrip(",.;:")
    return f"{rng.choice(['UPDATE 1', 'WATCH', 'Breaking', 'Explainer'])}: {story.title}"


def generate(sources: dict[str, dict], seed: int = 0) -> list[Doc]:
    """The labelled evaluation set: story clusters with republications, plus hard negatives."""
    rng = random.Random(seed)
    base = dt.datetime(2019, 11, 18, 6, 0, tzinfo=dt.UTC)
    stories: list[Story] = []
    same_event = topic_groups(sources, 0.32, 1.01)
    in_event = {k: i for i, g in enumerate(same_event) for k in g}
    for key, src in sources.items():
        paras = paragraphs_of(src["articleBody"])
        agency = source_agency(src["articleBody"])
        letters = re.findall(r"[^\W\d_]", src["articleBody"])
        english = sum(c.isascii() for c in letters) >= 0.97 * len(letters)
        credit = english and agency is None and key not in in_event and rng.random() < 0.55
        if credit:
            agency = rng.choice(["reuters", "reuters", "ap", "afp"])
            paras = add_wire_furniture(paras, agency, rng)
        group = None
        if key in in_event:
            members = same_event[in_event[key]]
            domains = {re.sub(r"^https?://(www\.)?([^/]+).*", r"\2", sources[m]["url"]) for m in members}
            group = f"{'same_site_real' if len(domains) == 1 else 'same_event_real'}:{in_event[key]}"
        stories.append(
            Story(
                key[:10],
                paras,
                headline_from(src["url"], paras),
                src["url"],
                agency,
                group,
                group.split(":")[0] if group else "original",
                credit,
            )
        )
    _shared_background_pairs(stories, topic_groups(sources, 0.15, 0.32), rng)
    stories += _templated(rng)

    docs: list[Doc] = []
    for n, story in enumerate(stories):
        cluster = f"c{n:04d}"
        t0 = base + dt.timedelta(minutes=rng.randrange(0, 3 * 24 * 60))
        a = AGENCIES.get(story.agency or "", {})
        docs.append(
            Doc(
                "",
                "\n\n".join(story.paras),
                story.title,
                story.url,
                t0,
                a.get("byline") or rng.choice(NAMES),
                cluster,
                story.kind,
                (),
                story.agency,
                story.neg_group,
                True,
            )
        )
        n_copies = rng.choice([0, 1, 1, 2, 2, 3]) if story.kind == "templated_brief" else rng.randint(1, 5)
        published = []
        for outlet in rng.sample(OUTLETS, n_copies):
            source = story
            if published and rng.random() < 0.2:  # copied from another outlet's copy, not from the wire
                source = rng.choice(published)
            paras, title, edits = republish(source, outlet, rng)
            edits = list(dict.fromkeys([*source.edits, *edits]))
            published.append(
                dataclasses.replace(
                    source, paras=paras, title=title, edits=tuple(edits), credit=source.credit and "credit" not in edits
                )
            )
            byline = rng.choice([a.get("byline"), f"{outlet['name']} staff", None, rng.choice(NAMES)])
            docs.append(
                Doc(
                    "",
                    "\n\n".join(paras),
                    title,
                    f"https://{outlet['domain']}/news/{slugify(title)}",
                    t0 + dt.timedelta(minutes=rng.randint(5, 18 * 60)),
                    byline,
                    cluster,
                    "+".join(edits) or "verbatim",
                    tuple(edits),
                    story.agency,
                    story.neg_group,
                )
            )
    rng.shuffle(docs)
    for i, d in enumerate(docs):
        d.id = f"doc-{i:05d}"
    return docs


def _shared_background_pairs(
    stories: list[Story], related: list[list[str]], rng: random.Random, n_pairs: int = 10
) -> None:
    """Make pairs of distinct, topically related stories end with the same standard background block.

    The block is the closing paragraphs (100+ words) of story A; A and B each keep just enough of their own lead
    paragraphs to make the block 25-40% of their length (B also keeps its agency credit line).
    """
    by_key = {s.key: s for s in stories}
    usable = lambda s: s.neg_group is None and n_words(s.paras) >= 250 and len(s.paras) >= 5  # noqa: E731
    pairs = []
    for group in related:
        members = [by_key[k[:10]] for k in group if usable(by_key[k[:10]])]
        rng.shuffle(members)
        pairs += list(zip(members[::2], members[1::2], strict=False))
    rng.shuffle(pairs)
    for i, (a, b) in enumerate(pairs[:n_pairs]):
        a_body = a.paras[:-1] if a.credit else a.paras
        bg = []
        for p in reversed(a_body[2:]):
            bg.insert(0, p)
            if n_words(bg) >= 100:
                break
        group = f"shared_background:{i}"
        for s, body in ((a, a_body[: len(a_body) - len(bg)]), (b, b.paras[:-1] if b.credit else b.paras)):
            share = rng.uniform(0.25, 0.4)
            own = max(60, int(n_words(bg) * (1 - share) / share))
            kept = []
            for p in body:
                if n_words(kept) >= own:
                    break
                kept.append(p)
            s.paras = kept + bg + (s.paras[-1:] if s.credit else [])
            s.neg_group, s.kind = group, "shared_background"


def _templated(rng: random.Random) -> list[Story]:
    out = []
    for i in range(30):
        title, text = earnings_brief(rng)
        out.append(
            Story(
                f"earn{i}",
                text.split("\n\n"),
                title,
                f"https://apnews.example/earnings/{slugify(title)}",
                "ap",
                "templated_brief:earnings",
                "templated_brief",
            )
        )
    for i in range(20):
        title, text = results_brief(rng)
        out.append(
            Story(
                f"res{i}",
                text.split("\n\n"),
                title,
                f"https://reuters.example/sport/{slugify(title)}",
                "reuters",
                "templated_brief:results",
                "templated_brief",
            )
        )
    return out


def overlap_report(docs: list[Doc]) -> list[tuple[str, int, float, float, float, float]]:
    """Per kind: pairs, then median and extreme 5-gram Jaccard and containment (shared shingles over the smaller
    set) of a copy to its original (extremes = minimum), or of a negative to the documents of its negative group
    outside its own cluster (extremes = maximum)."""
    sh = {d.id: shingles(d.text) for d in docs}

    def overlap(a, b):
        shared = len(sh[a] & sh[b])
        return shared / max(1, len(sh[a] | sh[b])), shared / max(1, min(len(sh[a]), len(sh[b])))

    originals = {d.cluster: d.id for d in docs if d.is_original}
    by_kind = collections.defaultdict(list)
    for d in docs:
        if not d.is_original:
            for e in d.edits or ("verbatim",):
                by_kind["copy/" + e].append(overlap(d.id, originals[d.cluster]))
    groups = collections.defaultdict(list)
    for d in docs:
        if d.neg_group:
            groups[d.neg_group].append(d)
    for name, members in groups.items():
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                if a.cluster != b.cluster:
                    by_kind["negative/" + name.split(":")[0]].append(overlap(a.id, b.id))
    rows = []
    for kind, vals in sorted(by_kind.items()):
        pick = min if kind.startswith("copy/") else max
        js, cs = sorted(v[0] for v in vals), sorted(v[1] for v in vals)
        rows.append((kind, len(vals), js[len(js) // 2], pick(js), cs[len(cs) // 2], pick(cs)))
    return rows


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus_dir", type=Path)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, help="write the documents as JSON lines")
    args = parser.parse_args(argv)
    docs = generate(load_sources(args.corpus_dir), args.seed)
    clusters = collections.Counter(d.cluster for d in docs)
    print(
        f"{len(docs)} documents in {len(clusters)} true clusters ({sum(c > 1 for c in clusters.values())} with copies)"
    )
    print("5-gram overlap with the original (copies: median, minimum) or the negative group (median, maximum)")
    print(f"{'kind':34s} {'pairs':>6s} {'J med':>6s} {'J ext':>6s} {'C med':>6s} {'C ext':>6s}")
    for kind, n, jmed, jext, cmed, cext in overlap_report(docs):
        print(f"{kind:34s} {n:6d} {jmed:6.2f} {jext:6.2f} {cmed:6.2f} {cext:6.2f}")
    if args.out:
        with args.out.open("w", encoding="utf-8") as f:
            for d in docs:
                f.write(json.dumps(d.to_json(), ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
