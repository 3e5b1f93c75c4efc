"""Near-duplicate clustering and wire attribution: pure logic, no Beam."""

import datetime as dt
import json
import subprocess
import sys

import pytest

from wirelake.pipelines.demo_site import stories
from wirelake.transforms.neardup import (
    DedupDocument,
    Fingerprint,
    Fingerprinter,
    cluster_documents,
    compare,
)
from wirelake.transforms.shingling import Normalizer
from wirelake.transforms.wire import WireDetector

UTC = dt.UTC


def paragraphs(slug: str) -> list[str]:
    return next(s for s in stories()["stories"] if s["slug"] == slug)["paragraphs"]


def doc(id_, paras, day=20, **kw):
    text = paras if isinstance(paras, str) else "\n\n".join(paras)
    return DedupDocument(id=id_, text=text, published_at=dt.datetime(2026, 11, day, tzinfo=UTC), **kw)


def clusters_of(docs):
    return {a.id: a.cluster_id for a in cluster_documents(docs)}


# -- normalisation ----------------------------------------------------------------------------------------------------
def test_spelling_variants_and_typography_fold_together():
    n = Normalizer(Fingerprinter().config.variants)
    a = n.token_hashes("“Kiev's organisation,” Zelenskiy said — the colour of défense.")
    b = n.token_hashes('"Kyiv\'s organization," Zelensky said - the color of defense.')
    assert a.tolist() == b.tolist()


def test_fingerprint_is_small_and_round_trips():
    fp = Fingerprinter().fingerprint(doc("a", paragraphs("kyiv-drone-attack-power-cuts")))
    data = fp.to_bytes()
    assert len(data) <= 1024
    back = Fingerprint.from_bytes(data)
    assert back.order == fp.order and back.band_keys == fp.band_keys and back.exact == fp.exact
    assert back.sketch.tolist() == fp.sketch.tolist() and back.entity_sketch.tolist() == fp.entity_sketch.tolist()
    assert compare(back, fp).similarity == 1.0


def test_fingerprints_are_the_same_in_every_process():
    """Hashes must not depend on PYTHONHASHSEED: workers compare fingerprints made elsewhere."""
    text = "\n\n".join(paragraphs("kyiv-drone-attack-power-cuts"))
    code = (
        "import sys,json; from wirelake.transforms.neardup import Fingerprinter, DedupDocument;"
        "fp=Fingerprinter().fingerprint(DedupDocument(id='a', text=sys.stdin.read()));"
        "print(json.dumps([list(fp.band_keys), fp.sketch.tolist()]))"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code],
            input=text,
            capture_output=True,
            text=True,
            check=True,
            env={"PYTHONHASHSEED": seed, "PATH": ""},
        ).stdout
        for seed in ("1", "2")
    }
    assert len(outputs) == 1


# -- the demo's syndicated story --------------------------------------------------------------------------------------
def test_demo_wire_copies_cluster_and_independent_story_does_not():
    original = doc("orig", paragraphs("kyiv-drone-attack-power-cuts"), day=21, byline="Reuters")
    trimmed = doc("trim", paragraphs("ukraine-capital-blackouts-drones"), day=22)
    rewrite = doc("rewrite", paragraphs("kiev-plunged-into-darkness"), day=22)
    independent = doc("independent", paragraphs("kyiv-residents-count-hours-without-power"), day=21)
    result = {a.id: a for a in cluster_documents([rewrite, independent, trimmed, original])}
    assert {result[i].original_id for i in ("orig", "trim", "rewrite")} == {"orig"}
    assert result["orig"].is_original and not result["trim"].is_original
    assert result["independent"].cluster_id != result["orig"].cluster_id
    assert {result[i].wire_agency for i in ("orig", "trim", "rewrite")} == {"reuters"}
    assert result["trim"].containment > 0.9 and 0 < result["trim"].similarity < 1


# -- edits a copy survives ---------------------------------------------------------------------------------------------
BASE = paragraphs("kyiv-drone-attack-power-cuts")
EDITS = {
    "new headline and byline": lambda p: p,
    "trimmed ending": lambda p: p[:5],
    "reordered paragraphs": lambda p: [p[0], p[3], p[1], p[2], *p[4:]],
    "dropped paragraphs": lambda p: [x for i, x in enumerate(p) if i not in (2, 5)],
    "outlet intro and sign-off": lambda p: (
        ["Here is what we know so far about the overnight attack."]
        + p
        + ["Follow the Daily Example on social media for live updates on this story."]
    ),
    "local spelling": lambda p: [x.replace("Kyiv", "Kiev").replace("Zelenskiy", "Zelensky") for x in p],
    "curly quotes": lambda p: [x.replace('"', "\u201c").replace("'", "\u2019") for x in p],
    "light paraphrase": lambda p: [
        x.replace("said on", "told reporters on").replace("officials", "authorities").replace("about", "roughly")
        for x in p
    ],
}


@pytest.mark.parametrize("edit", list(EDITS))
def test_copy_survives_edit(edit):
    original = doc("orig", BASE, day=20)
    copy = doc("copy", EDITS[edit](list(BASE)), day=21, title="A different headline")
    result = clusters_of([copy, original])
    assert result["copy"] == result["orig"], compare(*[Fingerprinter().fingerprint(d) for d in (original, copy)])


# -- hard negatives ---------------------------------------------------------------------------------------------------
def brief(company, quarter_profit, revenue, change, city):
    return (
        f"{company} said on Tuesday its third-quarter net profit rose to ${quarter_profit} million, beating analyst "
        f"forecasts, as revenue climbed {change}% to ${revenue} billion.\n\n"
        f"The {city}-based company said demand in its core markets remained strong and it expects full-year "
        f"revenue to grow by between {change - 2}% and {change + 1}%.\n\n"
        f"Shares of {company} rose in after-hours trading. The company will report fourth-quarter results in "
        f"February."
    )


def test_templated_briefs_are_not_copies_but_their_copies_are():
    a = doc("acme", brief("Acme Robotics", 412, 3.1, 8, "Denver"), day=20)
    b = doc("bolt", brief("Boltline Energy", 96, 1.4, 5, "Calgary"), day=20)
    a_copy = doc("acme-copy", brief("Acme Robotics", 412, 3.1, 8, "Denver") + "\n\n(Editing by Jane Roe)", day=21)
    result = clusters_of([a, b, a_copy])
    assert result["acme"] != result["bolt"]
    assert result["acme-copy"] == result["acme"]


def test_stories_sharing_a_background_paragraph_are_not_copies():
    background = paragraphs("kyiv-drone-attack-power-cuts")[-2:]
    first = doc("first", paragraphs("fed-cuts-rates-third-time")[:5] + background, day=20)
    second = doc("second", paragraphs("kyiv-residents-count-hours-without-power")[:5] + background, day=21)
    first_copy = doc("first-copy", paragraphs("fed-cuts-rates-third-time")[:5] + background[:1], day=22)
    result = clusters_of([first, second, first_copy])
    assert result["first"] != result["second"]
    assert result["first-copy"] == result["first"]


def test_no_chaining_through_a_middle_document():
    x, y = paragraphs("kyiv-drone-attack-power-cuts"), paragraphs("fed-cuts-rates-third-time")
    a = doc("a", x[:3], day=20)
    b = doc("b", x[:3] + y[:3], day=21)  # contains all of a and all of c
    c = doc("c", y[:3], day=22)
    result = clusters_of([a, b, c])
    assert result["b"] == result["a"]
    assert result["c"] != result["a"]


# -- cluster semantics and bad input ----------------------------------------------------------------------------------
def test_agency_copy_is_the_original_when_published_first_and_ties_break_deterministically():
    copy = doc("copy", BASE, day=20)
    agency = doc("agency", BASE, day=20, url="https://www.reuters.com/world/kyiv-attack")
    for order in ([copy, agency], [agency, copy]):
        result = {a.id: a for a in cluster_documents(order)}
        assert result["agency"].is_original and result["copy"].original_id == "agency"


def test_result_does_not_depend_on_input_order():
    docs = [doc(f"d{i}", paragraphs(s["slug"]), day=18 + i % 7) for i, s in enumerate(stories()["stories"])]
    assert sorted(map(repr, cluster_documents(docs))) == sorted(map(repr, cluster_documents(docs[::-1])))


@pytest.mark.parametrize(
    ("text", "a_with_b"), [("", False), ("   ", False), ("Breaking.", True), ("Short text of five words", True)]
)
def test_empty_and_tiny_texts_only_join_identical_texts(text, a_with_b):
    result = clusters_of([doc("a", text), doc("b", text), doc("c", BASE)])
    assert (result["a"] == result["b"]) is a_with_b
    assert result["c"] not in (result["a"], result["b"])


def test_identical_tiny_texts_cluster_but_empty_ones_do_not():
    assert len(set(clusters_of([doc("a", "Breaking news."), doc("b", "Breaking  NEWS")]).values())) == 1
    assert len(set(clusters_of([doc("a", ""), doc("b", "")]).values())) == 2


def test_missing_dates_sort_last():
    dated = doc("dated", BASE, day=25)
    undated = DedupDocument(id="undated", text="\n\n".join(BASE))
    result = {a.id: a for a in cluster_documents([undated, dated])}
    assert result["undated"].original_id == "dated"


def test_duplicate_ids_are_refused():
    with pytest.raises(ValueError, match="duplicate document id 'a'"):
        cluster_documents([doc("a", BASE), doc("a", BASE)])


# -- wire attribution -------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "byline", "expected"),
    [
        ("KYIV, Nov 21 (Reuters) - Russian drones struck overnight.", None, "reuters"),
        ("WASHINGTON (AP) — The Federal Reserve cut rates.", None, "ap"),
        ("PARIS (AFP) - Strikes continued.", None, "afp"),
        ("Putin left for Belarus, Reuters reported. Talks followed.", None, "reuters"),
        ("The text.\n\n(Reporting by Jane Doe; Editing by John Roe)", None, "reuters"),
        ("The text.\n\n— The Associated Press", None, "ap"),
        ("New Delhi, Nov 21 (PTI) The government said...", None, "pti"),
        ("Dhaka, Nov 21 (UNB) - The cabinet approved...", None, "unb"),
        ("Officials met in Beijing, according to Xinhua.", None, None),
        ("A local story about AAA batteries and an AP exam.", None, None),
        ("A story with no dateline.", "By Jane Doe, AFP", "afp"),
        ("Ankara (AA) - Turkish officials said...", None, "anadolu"),
    ],
)
def test_wire_detection(text, byline, expected):
    assert WireDetector().detect(text, byline) == expected


def test_agency_domains():
    detector = WireDetector()
    assert detector.own_copy("https://apnews.com/article/x") == "ap"
    assert detector.own_copy("https://news.example.com/reuters-story") is None


# -- the CLI -----------------------------------------------------------------------------------------------------------
def wirelake(*args, stdin=None):
    return subprocess.run(
        [sys.executable, "-m", "wirelake.pipelines.cli", *args], input=stdin, capture_output=True, text=True
    )


def test_cli_dedup_and_explain(tmp_path):
    lines = [
        {
            "id": "orig",
            "url": "https://a.example/1",
            "title": "T",
            "text": "\n\n".join(BASE),
            "published_at": "2026-11-21T08:00:00Z",
            "extra": 1,
        },
        {
            "id": "copy",
            "url": "https://b.example/1",
            "title": "T2",
            "text": "\n\n".join(BASE[:5]),
            "published_at": "2026-11-21T10:00:00+01:00",
        },
        {"id": "other", "text": "\n\n".join(paragraphs("fed-cuts-rates-third-time"))},
    ]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    out = wirelake("dedup", str(path), "-o", str(tmp_path / "out.jsonl"))
    assert out.returncode == 0, out.stderr
    rows = [json.loads(x) for x in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert [r["id"] for r in rows] == ["orig", "copy", "other"]
    assert set(rows[0]) == {
        "id",
        "cluster_id",
        "original_id",
        "is_original",
        "similarity",
        "containment",
        "wire_agency",
    }
    assert rows[1]["original_id"] == "orig" and rows[1]["cluster_id"] == rows[0]["cluster_id"]
    assert rows[2]["is_original"] and rows[2]["wire_agency"] == "ap"
    explained = json.loads(wirelake("dedup", "--explain", "orig", "other", str(path)).stdout)
    assert explained["copies"] is False and "containment" in explained["reason"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"id": "a", "text": "x"}\n{"id": "a", "text": "y"}\n', "in.jsonl:2: duplicate id 'a' (first on line 1)"),
        ('{"id": "a", "text": "x"}\nnot json\n', "in.jsonl:2: not valid JSON"),
        ('{"text": "x"}\n', "in.jsonl:1: missing or invalid 'id'"),
        ('{"id": "a", "text": "x", "published_at": "yesterday"}\n', "in.jsonl:1: 'published_at' must be an ISO"),
    ],
)
def test_cli_dedup_bad_input(tmp_path, content, message):
    path = tmp_path / "in.jsonl"
    path.write_text(content)
    out = wirelake("dedup", str(path))
    assert out.returncode == 1 and message in out.stderr and "Traceback" not in out.stderr
