import datetime as dt
import json
import subprocess
import sys

import pytest
from conftest import FIXTURES

from wirelake.transforms.charset import Undecodable, decode_html
from wirelake.transforms.extract import NotArticle, PageTooLarge, extract_article, split_authors


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
