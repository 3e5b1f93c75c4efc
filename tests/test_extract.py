import datetime as dt
import gzip
import json
import subprocess
import sys
import time

import pytest

from wirelake.pipelines.extract_one import read_page_file
from wirelake.transforms.charset import Undecodable, decode_html
from wirelake.transforms.errors import StageError
from wirelake.transforms.extract import NotArticle, PageTooLarge, article_words, extract_article, split_authors
from wirelake.transforms.extract_cleanup import is_furniture

from conftest import FIXTURES

FURNITURE_PAGE = FIXTURES / "own_article_furniture.html"


@pytest.fixture(scope="module")
def rewrite():
    return extract_article((FIXTURES / "demo_article_rewrite.html").read_bytes(), "https://demo.wirelake.example/x")


def test_extracts_metadata(rewrite):
    assert rewrite.title == "Kiev plunged into darkness by Russian drone strikes as Putin heads to Minsk"
    assert rewrite.authors == ("Oliver Brandt",)
    assert rewrite.published_at == dt.datetime(2026, 11, 21, 12, 15, tzinfo=dt.UTC)
    assert rewrite.language == "en"
    assert rewrite.site_name == "The Northern Ledger"
    assert rewrite.canonical_url == "https://demo.wirelake.example/northern-ledger/2026/11/kiev-plunged-into-darkness"
    assert rewrite.description.startswith("Two substations serving the Ukrainian capital")
    assert rewrite.image_url.endswith("/static/img/kiev-plunged-into-darkness.jpg")


def test_body_keeps_paragraphs_and_drops_furniture(rewrite):
    paragraphs = rewrite.text.split("\n\n")
    assert len(paragraphs) >= 8
    assert paragraphs[0].startswith("Russian drones struck energy facilities in and around Kiev")
    assert paragraphs[-1].startswith("For more news, follow the Northern Ledger")
    for furniture in (
        "We use cookies",
        "Accept all",
        "Share this article",
        "Sign up",
        "More from",
        "Log in to join",
        "All rights reserved",
        "Subscribe",
    ):
        assert furniture not in rewrite.text


def test_page_without_article_is_not_article():
    with pytest.raises(NotArticle, match="no article body"):
        extract_article((FIXTURES / "demo_video_page.html").read_bytes())


@pytest.mark.parametrize("page", [b"", b"<html></html>", b"   ", "<p>Too short.</p>"])
def test_empty_documents_are_not_articles(page):
    with pytest.raises(NotArticle):
        extract_article(page)


def test_binary_content_is_undecodable():
    with pytest.raises(Undecodable):
        extract_article(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))


def test_huge_page_is_refused():
    with pytest.raises(PageTooLarge):
        extract_article("<html><body>" + "<p>word </p>" * 600_000 + "</body></html>")


@pytest.mark.parametrize(
    ("body", "content_type", "expected"),
    [
        ("Grüße".encode("latin-1"), "text/html; charset=ISO-8859-1", "Grüße"),
        ('<meta charset="windows-1252"><p>café</p>'.encode("cp1252"), None, "café"),
        ("\ufeffnaïve".encode("utf-8"), "text/html; charset=latin-1", "naïve"),  # BOM beats the header
        ("Zürich".encode(), "text/html; charset=ascii", "Zürich"),  # wrong declaration, detected
    ],
)
def test_decode_html(body, content_type, expected):
    assert expected in decode_html(body, content_type)[0]


def test_split_authors():
    assert split_authors("Jane Doe; John Roe and Ann Poe") == ("Jane Doe", "John Roe", "Ann Poe")
    assert split_authors(None) == ()


def test_cli_extract_prints_json():
    out = subprocess.run(
        [sys.executable, "-m", "wirelake.pipelines.cli", "extract", str(FIXTURES / "demo_article_rewrite.html")],
        capture_output=True,
        text=True,
        check=True,
    )
    record = json.loads(out.stdout)
    assert {"title", "text", "authors", "published_at", "language", "source"} <= set(record)
    assert record["published_at"] == "2026-11-21T12:15:00+00:00"


def test_cli_extract_reports_non_article_without_traceback():
    out = subprocess.run(
        [sys.executable, "-m", "wirelake.pipelines.cli", "extract", str(FIXTURES / "demo_video_page.html")],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 1
    assert json.loads(out.stdout)["error"] == "not_article"
    assert "Traceback" not in out.stderr


@pytest.fixture(scope="module")
def cafe():
    return extract_article(FURNITURE_PAGE.read_bytes())


def test_residual_furniture_is_removed(cafe):
    paragraphs = cafe.text.split("\n\n")
    assert len(paragraphs) == 5  # the layout table is unwrapped into its paragraphs
    assert paragraphs[0].startswith("The little café at the end of the old pier")
    assert paragraphs[-1].endswith("until the end of March.")
    for furniture in (
        "Harbour café reopens",  # the headline, already in `title`
        "Volunteers rebuilt",  # the standfirst heading
        "Share this",
        "Photo:",
        "Read more",
        "Sign up",
        "Related",
        "Rowing club raises funds",  # teaser cards
        "All rights reserved",
        "Home",
    ):
        assert furniture not in cafe.text
    assert (cafe.title, cafe.authors, cafe.site_name) == (
        "Harbour café reopens after the winter floods",
        ("Mira Okafor",),
        "The Quayside Courier",
    )
    assert cafe.published_at == dt.datetime(2026, 2, 14, 8, 30, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("text", "furniture"),
    [
        ("Read more: Storm surge damages six businesses", True),
        ("DON'T MISS", True),
        ("Thanks for signing up!", True),
        ("https://example.com/some/article", True),
        ("Plane passengers quarantined after outbreak [NEWS]", True),
        ("Read the full report, published on Monday, before the vote.", True),
        ("The council read more than forty letters from residents before it voted on the wall.", False),
        ("Sign language interpreters will attend every session of the inquiry, the chair said.", False),
    ],
)
def test_is_furniture(text, furniture):
    assert is_furniture(text) is furniture


def test_unspaced_scripts_count_as_words():
    assert article_words("今日は港のカフェが再開しました。多くの漁師が朝早くから並びました。") >= 8


def test_home_page_is_not_article():
    with pytest.raises(NotArticle):
        extract_article((FIXTURES / "own_home_page.html").read_bytes())


def test_utf8_page_declared_as_latin1_is_not_mojibake():
    page = FURNITURE_PAGE.read_bytes().replace(b'<meta charset="utf-8">', b'<meta charset="iso-8859-1">')
    for content_type in (None, "text/html; charset=windows-1252"):
        article = extract_article(page, content_type=content_type)
        assert "little café" in article.text and "Ã" not in article.text


def test_latin1_page_declared_as_utf8_is_detected():
    page = FURNITURE_PAGE.read_text("utf-8").replace("“", '"').replace("”", '"').encode("latin-1")
    assert "little café" in extract_article(page, content_type="text/html; charset=utf-8").text


def test_raw_page_over_the_byte_limit_is_refused_before_decoding():
    started = time.monotonic()
    with pytest.raises(PageTooLarge):
        extract_article(b"<html><body>" + b"<p>word </p>" * 2_600_000)  # 31 MB
    assert time.monotonic() - started < 1


def test_page_with_too_many_elements_is_refused():
    with pytest.raises(PageTooLarge, match="elements"):
        extract_article("<html><body>" + "<span>x</span>" * 60_000 + "</body></html>")


@pytest.mark.parametrize("depth", [300, 20_000])
def test_deeply_nested_html_ends_quickly(depth):
    sentence = "<p>" + "This is a sentence long enough to count as article prose in the test. " * 3 + "</p>"
    page = "<html><body>" + "<div>" * depth + sentence * 12 + "</div>" * depth + "</body></html>"
    started = time.monotonic()
    try:
        article = extract_article(page)
    except StageError as exc:
        assert exc.code in ("not_article", "too_large")
    else:
        assert "sentence long enough" in article.text
    assert time.monotonic() - started < 10


def test_read_page_file_gunzips_within_the_limit(tmp_path):
    (tmp_path / "page.html.gz").write_bytes(gzip.compress(FURNITURE_PAGE.read_bytes()))
    assert read_page_file(str(tmp_path / "page.html.gz")) == FURNITURE_PAGE.read_bytes()
    (tmp_path / "bomb.html.gz").write_bytes(gzip.compress(b" " * 3_000_000))
    with pytest.raises(PageTooLarge):
        read_page_file(str(tmp_path / "bomb.html.gz"), limit=1_000_000)


def _cli(*args):
    return subprocess.run(
        [sys.executable, "-m", "wirelake.pipelines.cli", "extract", *args], capture_output=True, text=True
    )


def test_cli_extract_jsonl_reports_every_input(tmp_path):
    (tmp_path / "cafe.html.gz").write_bytes(gzip.compress(FURNITURE_PAGE.read_bytes()))
    (tmp_path / "home.html").write_bytes((FIXTURES / "own_home_page.html").read_bytes())
    (tmp_path / "image.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (tmp_path / "empty.html").write_bytes(b"")
    (tmp_path / "notes.txt").write_text("not an HTML file, skipped")
    out = _cli(str(tmp_path), str(FURNITURE_PAGE), str(tmp_path / "missing.html"), "--format", "jsonl")
    records = [json.loads(line) for line in out.stdout.splitlines()]
    by_name = {record["source"].rsplit("/", 1)[-1]: record for record in records}
    assert list(by_name) == [
        "cafe.html.gz",
        "empty.html",
        "home.html",
        "image.html",
        "own_article_furniture.html",
        "missing.html",
    ]
    assert by_name["cafe.html.gz"]["title"] == by_name["own_article_furniture.html"]["title"]
    assert {name: r.get("error") for name, r in by_name.items() if "error" in r} == {
        "empty.html": "not_article",
        "home.html": "not_article",
        "image.html": "undecodable",
        "missing.html": "io_error",
    }
    assert all(r["message"] for r in records if "error" in r)
    assert out.returncode == 1
    assert "Traceback" not in out.stderr


@pytest.mark.parametrize("output_format", ["text", "markdown"])
def test_cli_extract_readable_formats(output_format):
    out = _cli(str(FURNITURE_PAGE), "--format", output_format)
    assert out.returncode == 0
    first_line = out.stdout.splitlines()[0]
    assert first_line == ("# " if output_format == "markdown" else "") + "Harbour café reopens after the winter floods"
    assert "\n\nThe little café at the end of the old pier" in out.stdout


_PROSE = (
    "The harbour board met on {n} occasions this winter to agree how the damaged sea wall should be rebuilt, "
    "and residents were invited to every one of those meetings."
)


def _article(body: str, before: str = "", after: str = "") -> str:
    """A small page: navigation, the given body markup between two runs of prose, and a footer."""
    prose = "".join(f"<p>{_PROSE.format(n=n)}</p>" for n in range(3))
    return (
        "<html><head><title>Sea wall rebuilt</title></head><body><nav><a href='/'>Home</a></nav>"
        f"{before}<article><div class='article-body'>{prose}{body}{prose}</div></article>{after}"
        "<footer>Contact us</footer></body></html>"
    )


def test_body_split_across_containers_is_read_whole():
    first = "".join(f"<p>First part: {_PROSE.format(n=n)}</p>" for n in range(4))
    second = "".join(f"<p>Second part: {_PROSE.format(n=n)}</p>" for n in range(4))
    page = (
        "<html><body><article>"
        f"<div class='chunk'><div class='article__body'>{first}</div></div>"
        "<div class='ad-slot'><p>Advertisement: a sofa sale that ends this weekend, hurry to the store.</p></div>"
        f"<div class='chunk'><div class='article__body'>{second}</div></div>"
        "</article></body></html>"
    )
    text = extract_article(page).text
    assert text.count("First part:") == 4 and text.count("Second part:") == 4
    assert "sofa sale" not in text


def test_comment_bodies_are_not_merged_into_the_article():
    prose = "".join(f"<p>{_PROSE.format(n=n)}</p>" for n in range(4))
    comments = "".join(
        f"<li class='comment'><div class='entry-content'><p>Reader {n} thinks the wall was far too expensive "
        "for a town of this size.</p></div></li>"
        for n in range(3)
    )
    page = f"<html><body><div class='entry-content'>{prose}</div><ol class='comment-list'>{comments}</ol></body></html>"
    assert "Reader" not in extract_article(page).text


def test_labelled_list_of_other_stories_is_dropped():
    links = "".join(
        f"<li><a href='/s{n}'>Another story about something else entirely, number {n}</a></li>" for n in range(4)
    )
    text = extract_article(_article(f"<div class='heading'>More Great Quayside Stories</div><ul>{links}</ul>")).text
    assert "Another story" not in text
    kept = extract_article(_article("<p>The works include:</p><ul><li>a new wall of granite blocks</li></ul>")).text
    assert "a new wall of granite blocks" in kept


def test_hover_card_text_stays_out_of_the_sentence():
    card = (
        "<span class='rollover-people'><a href='/people/ann-poe'>Ann Poe</a>"
        "<span class='rollover-block'><img src='/poe.jpg'><a href='/people/ann-poe'>Ann Poe</a>"
        "<a href='/other'>Poe backs the bypass plan in a close vote</a></span></span>"
    )
    text = extract_article(
        _article(f"<p>Councillor {card} (Harbour ward) voted for the new sea wall on Monday.</p>")
    ).text
    assert "Councillor Ann Poe (Harbour ward) voted for the new sea wall on Monday." in text
    assert "bypass" not in text


def test_embedded_post_in_a_widget_is_kept():
    post = (
        "<div class='social-embed widget'><div class='embed__inner'><blockquote class='twitter-tweet'>"
        "<p>The new wall looks magnificent from the pier this morning, well done to the builders</p>"
        "&mdash; Quayside Rowing (@quayrowing) <a href='https://twitter.com/x/status/1'>March 1, 2026</a>"
        "</blockquote><script src='https://platform.twitter.com/widgets.js'></script></div></div>"
    )
    assert "looks magnificent from the pier" in extract_article(_article(post)).text


def test_paragraph_that_is_only_a_link_is_a_teaser():
    teaser = "<p><a href='/other'><strong>MAYOR OPENS NEW LIBRARY AFTER TWO YEARS</strong></a></p>"
    own = "<p>The <a href='/report'>engineers' report</a> puts the cost of the works at four million pounds.</p>"
    text = extract_article(_article(teaser + own)).text
    assert "MAYOR OPENS" not in text
    assert "The engineers' report puts the cost of the works at four million pounds." in text
