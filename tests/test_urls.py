import pytest
from hypothesis import given
from hypothesis import strategies as st

from wirelake.transforms.urls import InvalidUrl, canonical_url, is_tracking_param, url_id


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("HTTP://WWW.Example.COM/News/Story?utm_source=rss&utm_medium=feed#top", "http://example.com/News/Story"),
        ("https://example.com/a/?b=2&a=1&fbclid=XYZ&gclid=1", "https://example.com/a?a=1&b=2"),
        ("https://example.com:443/a", "https://example.com/a"),
        ("http://example.com:8080/a", "http://example.com:8080/a"),
        ("https://example.com/story/amp/", "https://example.com/story"),
        ("https://example.com/story.amp.html", "https://example.com/story.html"),
        ("https://example.com", "https://example.com/"),
        ("https://example.com//a//b/", "https://example.com/a/b"),
        ("https://example.com/%7Euser/a%20b", "https://example.com/~user/a%20b"),
        ("https://example.com/?id=5&ref_src=twsrc", "https://example.com/?id=5"),
        ("https://EXAMPLE.com./x", "https://example.com/x"),
    ],
)
def test_canonical_url(raw, expected):
    assert canonical_url(raw) == expected


@pytest.mark.parametrize(
    "bad", ["", "ftp://example.com/a", "/relative/path", "mailto:a@b.c", "http://", "https://x:99999/"]
)
def test_canonical_url_rejects_non_http(bad):
    with pytest.raises(InvalidUrl):
        canonical_url(bad)


def test_tracking_params():
    assert is_tracking_param("utm_campaign") and is_tracking_param("UTM_Source") and is_tracking_param("fbclid")
    assert not is_tracking_param("id") and not is_tracking_param("page")


def test_url_id_is_stable_and_distinct():
    assert url_id("https://example.com/a") == url_id("https://example.com/a")
    assert url_id("https://example.com/a") != url_id("https://example.com/b")
    assert len(url_id("https://example.com/a")) == 32


@given(st.text(max_size=200))
def test_canonical_url_never_raises_anything_but_invalid_url(text):
    try:
        canonical_url(text)
    except InvalidUrl:
        pass


_segments = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=12)


@given(
    host=st.from_regex(r"[a-z]{1,10}\.(com|org|co\.uk)", fullmatch=True),
    path=st.lists(_segments, max_size=4),
    params=st.dictionaries(st.sampled_from(["a", "id", "utm_source", "fbclid", "page", "q"]), _segments, max_size=4),
)
def test_canonical_url_is_idempotent(host, path, params):
    from urllib.parse import quote, urlencode

    url = f"https://www.{host}/" + "/".join(quote(p) for p in path) + ("?" + urlencode(params) if params else "")
    once = canonical_url(url)
    assert canonical_url(once) == once
    assert "utm_source" not in once and "fbclid" not in once
