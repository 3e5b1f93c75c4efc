"""One page, file or URL, through the pipeline's extraction: what ``wirelake extract`` prints."""

from __future__ import annotations

from wirelake.transforms.extract import extract_article
from wirelake.transforms.http import FetchPolicy, HttpClient


def extract_source(source: str, allow_private: bool = False) -> dict:
    if source.startswith(("http://", "https://")):
        client = HttpClient(FetchPolicy(allow_private_networks=allow_private, min_host_interval=0))
        response = client.get(source, accept="text/html,application/xhtml+xml;q=0.9,*/*;q=0.5")
        body, url, content_type = response.body, response.url, response.headers.get("content-type")
    else:
        with open(source, "rb") as handle:
            body = handle.read()
        url, content_type = None, None
    record = extract_article(body, url, content_type).as_json()
    return {"source": url or source, **record}
