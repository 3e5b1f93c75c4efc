"""Residual page furniture removed from trafilatura's body tree: headline repeats, teaser cards, prompts, tails.

trafilatura returns the body as a small XML tree (``p``, ``head``, ``list``/``item``, ``quote``, ``table``...). These
rules work on that tree, where block kinds are still known, and are kept only when they measurably raise precision
on the public article-extraction benchmark (``bench/extraction_eval.py``) without costing recall.
"""

from __future__ import annotations

import re

from lxml import etree

_WORD = re.compile(r"\w+")
_BLOCKS = ("p", "head", "list", "quote", "table", "code")

# Short blocks that are navigation, prompts or credits rather than article prose (matched at the block's start).
_FURNITURE = re.compile(
    r"""^\W*(?:
        (?:read|see|show|load|view)\s+(?:more|also|next|full|the\s+full)\b
      | (?:also\s+(?:on|in|read)|related(?:\s+(?:articles?|stories|posts?|content|coverage|topics))?
        |more\s+(?:from|on|stories|news)|don'?t\s+miss|must\s+read|recommended|trending|popular|most\s+(?:read|popular|viewed)|top\s+stories
        |you\s+(?:may|might)\s+(?:also\s+)?(?:like|enjoy|be\s+interested))\b
      | (?:share|tweet|email|print)(?:\s+(?:this|on|via|the|article|story|page))?\s*[:!.]?\s*$
      | (?:like\s+this\s+(?:story|article)|share\s+(?:this|it)\s+with)\b
      | (?:sign\s+up|subscribe|join\s+our|get\s+our|thanks?\s+(?:you\s+)?for\s+(?:signing|subscribing))\b
      | (?:newsletter|advertisement|sponsored|order\s+reprints|print\s+article|comments?|tags?|topics?)\s*:?\s*$
      | (?:copyright|all\s+rights\s+reserved)\b|©
      | (?:photo|image|picture|video|credit|source|caption)s?\s*(?:by|credit)?\s*:
      | there\s+was\s+an\s+error|an\s+error\s+has\s+occurred|please\s+try\s+again
    )""",
    re.IGNORECASE | re.VERBOSE,
)
_TEASER_TAG = re.compile(r"\[[A-Z][A-Z ]{2,}\]\W*$")  # "Headline of another story [VIDEO]"
_URL_ONLY = re.compile(r"^\W*(?:https?://|www\.)\S+\W*$")
_EMAIL_LINE = re.compile(r"\S+@\S+\.\w+")
_FURNITURE_MAX_WORDS = 25
_MENU_RUN = 6
_BEFORE_TITLE_SHARE = 0.3


def words(text: str | None) -> int:
    return len(_WORD.findall(text or ""))


def block_text(element: etree._Element) -> str:
    return " ".join(" ".join(element.itertext()).split())


def _norm(text: str | None) -> str:
    return " ".join(_WORD.findall((text or "").lower()))


def _remove(element: etree._Element) -> None:
    parent = element.getparent()
    if parent is None:
        return
    if element.tail and element.tail.strip():
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def is_furniture(text: str) -> bool:
    """A short block that is a prompt, label, credit or link to elsewhere, not a sentence of the article."""
    n = words(text)
    if n == 0 or n > _FURNITURE_MAX_WORDS:
        return False
    if _FURNITURE.match(text) or _TEASER_TAG.search(text) or _URL_ONLY.match(text):
        return True
    return n <= 12 and bool(_EMAIL_LINE.search(text))


def drop_leading_headings(body: etree._Element, title: str | None) -> None:
    """Everything above the headline, the headline, and kicker or standfirst headings above the first paragraph.

    When the title shows up as a block in the first part of the body, what precedes it belongs to another story
    or to the page's furniture.
    """
    title_norm = _norm(title)
    children = list(body)
    if title_norm:
        sizes = [len("".join(c.itertext())) for c in children]
        limit, seen = _BEFORE_TITLE_SHARE * sum(sizes), 0
        for index, child in enumerate(children):
            if seen >= limit:
                break
            if sizes[index] < 3 * len(title_norm) and _norm(block_text(child)) == title_norm:
                for dropped in children[: index + 1]:
                    _remove(dropped)
                children = children[index + 1 :]
                break
            seen += sizes[index]
    for child in children:
        text_norm = _norm(block_text(child))
        if child.tag == "head" or (title_norm and text_norm and text_norm == title_norm):
            _remove(child)
            continue
        if text_norm:
            break


def drop_teaser_items(body: etree._Element) -> None:
    """List items holding a heading are cards linking to other stories; lists left empty go too."""
    for item in body.iter("item"):
        if item.find(".//head") is not None:
            item.set("_drop", "1")
    for item in [i for i in body.iter("item") if i.get("_drop")]:
        _remove(item)
    for lst in [e for e in body.iter("list") if len(e) == 0 and not (e.text or "").strip()]:
        _remove(lst)


def drop_furniture(body: etree._Element) -> None:
    for element in [e for e in body.iter("p", "head", "item") if is_furniture(block_text(e))]:
        _remove(element)


def unwrap_layout_tables(body: etree._Element) -> None:
    """A table laid out as a page (one row, or cells holding paragraphs) becomes the blocks it contains."""
    for table in reversed(list(body.iter("table"))):
        cells = table.findall(".//cell")
        holds_blocks = any(c.find("p") is not None or c.find("head") is not None for c in cells)
        if len(table.findall(".//row")) > 1 and not holds_blocks:
            continue
        blocks = []
        for cell in cells:
            if (cell.text or "").strip():
                p = etree.Element("p")
                p.text = cell.text.strip()
                blocks.append(p)
            for child in cell:
                if child.tag in ("row", "cell"):
                    continue
                if child.tag in _BLOCKS or child.tag == "table":
                    child.tail = None
                    blocks.append(child)
                elif (child.tail or child.text or "").strip():
                    p = etree.Element("p")
                    p.text = " ".join(child.itertext()).strip()
                    blocks.append(p)
        parent = table.getparent()
        if parent is None:
            continue
        index = parent.index(table)
        parent.remove(table)
        for offset, block in enumerate(blocks):
            parent.insert(index + offset, block)


def _is_menu_line(line: str) -> bool:
    return words(line) <= 3 and len(line.strip()) <= 30


def drop_link_lists_as_text(body: etree._Element) -> None:
    """Runs of many short lines inside one paragraph are a menu flattened into text; they go, the rest stays."""
    for p in list(body.iter("p")):
        if len(p) or not p.text or p.text.count("\n") < _MENU_RUN:
            continue
        lines, run, kept = p.text.splitlines(), [], []
        for line in [*lines, "\x00 end of paragraph sentinel line"]:
            if line.strip() and _is_menu_line(line):
                run.append(line)
                continue
            if len(run) < _MENU_RUN:
                kept.extend(run)
            run = []
            kept.append(line)
        kept = [line for line in kept[:-1] if line.strip()]
        if not kept:
            _remove(p)
        elif len(kept) < len([line for line in lines if line.strip()]):
            p.text = "\n".join(kept)


def clean_body(body: etree._Element, title: str | None) -> etree._Element:
    unwrap_layout_tables(body)
    drop_link_lists_as_text(body)
    drop_leading_headings(body, title)
    drop_teaser_items(body)
    drop_furniture(body)
    return body
