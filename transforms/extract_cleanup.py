"""Page fixes before trafilatura reads the page, and residual furniture removed from the body tree it returns.

``prepare_page`` works on the parsed HTML page: it repairs layouts that make trafilatura miss or mix up part of the
body. ``clean_body`` works on trafilatura's body, a small XML tree (``p``, ``head``, ``list``/``item``, ``quote``,
``table``...) where block kinds are still known: headline repeats, teaser cards, prompts, tails. Every rule is kept
only when it measurably raises quality on the public article-extraction benchmark (``bench/extraction_eval.py``).
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
# The class of a container that holds the body itself ("article__body", "story-content", "post_text"...).
_BODY_CHUNK_CLASS = re.compile(r"(?:article|story|post|entry)[-_]*(?:body|content|text)\b", re.IGNORECASE)
_COMMENT = re.compile(r"comment", re.IGNORECASE)
# A short label introducing links to other stories ("More great WIRED stories", "Related articles", "Read next").
_LINKS_LABEL = re.compile(
    r"""^\W*(?:
        more\b.{0,30}\b(?:stories|articles|news|reading|coverage)
      | related(?:\s+(?:stories|articles|posts|content|coverage|reading|news))?
      | (?:read|see)\s+(?:more|also|next)|also\s+(?:read|on)|don'?t\s+miss|recommended(?:\s+for\s+you)?
      | you\s+(?:may|might)\s+(?:also\s+)?(?:like|enjoy)|most\s+(?:read|popular|viewed)|top\s+stories
      | trending(?:\s+now)?
    )\W*$""",
    re.IGNORECASE | re.VERBOSE,
)
_LINKS_LABEL_MAX_WORDS = 8
_LISTS = etree.XPath("//ul|//ol")
_EMBEDDED_POSTS = etree.XPath(
    "//blockquote[contains(@class, 'twitter-tweet') or contains(@class, 'instagram-media')"
    " or contains(@class, 'tiktok-embed')]"
)
_SCRIPT_TAGS = ("script", "noscript", "style")
_LINKED_PARAGRAPHS = etree.XPath("//p[.//a]")
_LINK_PARAGRAPH_MIN_WORDS = 4
_PARAGRAPH_PARENTS = etree.XPath("//p/parent::*[@class]")
_HOVER_CARDS = etree.XPath(  # only inside paragraphs: a third of the cost of searching every element's class
    "//p//*[contains(@class, 'tooltip') or contains(@class, 'popover') or contains(@class, 'rollover')"
    " or contains(@class, 'hovercard') or contains(@class, 'hover-card')]"
)
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


def merge_split_body(tree: etree._Element) -> None:
    """A body cut into several containers of one class (ads or embeds between them) becomes one container.

    trafilatura reads the first element its body XPaths match, so on such pages it returned the first chunk only.
    Later chunks are moved, whole, to the end of the first; what stood between them stays where it was.
    """
    chunks: dict[tuple[str, str], list[etree._Element]] = {}
    for element in _PARAGRAPH_PARENTS(tree):
        if _BODY_CHUNK_CLASS.search(element.get("class")):
            chunks.setdefault((element.tag, element.get("class")), []).append(element)
    for group in chunks.values():
        if len(group) < 2 or any(_in_comments(chunk) for chunk in group):
            continue
        first = group[0]
        for chunk in group[1:]:
            if first in chunk.iterancestors() or chunk in first.iterancestors():
                continue
            _remove(chunk)
            chunk.tail = None
            first.append(chunk)


def drop_labelled_link_lists(tree: etree._Element) -> None:
    """A list right after a label such as "More great stories" or "Related articles" goes, with its label.

    trafilatura keeps such a list when it sits inside the body container; its label, a short block, is usually
    dropped, and the list is left as a run of other stories' headlines at the end of the article.
    """
    for lst in _LISTS(tree):
        label = lst.getprevious()
        if label is None or not isinstance(label.tag, str) or label.tag in ("ul", "ol"):
            continue
        text = " ".join(" ".join(label.itertext()).split())
        if words(text) <= _LINKS_LABEL_MAX_WORDS and _LINKS_LABEL.match(text):
            _remove(lst)
            _remove(label)


def drop_hover_cards(tree: etree._Element) -> None:
    """Cards shown when the pointer rests on a name or term: a tooltip-like class and a picture or several links.

    They sit inside the sentence, after the link that opens them, so their text (a profile and headlines) would
    be read into the paragraph. The innermost such element goes: its wrappers also hold the visible link.
    """
    cards = [e for e in _HOVER_CARDS(tree) if e.find(".//img") is not None or len(e.findall(".//a")) >= 2]
    wrappers = {parent for card in cards for parent in card.iterancestors()}
    for card in cards:
        if card not in wrappers:
            _remove(card)


def lift_embedded_posts(tree: etree._Element) -> None:
    """An embedded social-media post replaces the wrappers that hold nothing else (but its loader script).

    Publishers quote posts as a blockquote inside "social embed" or "widget" containers, which trafilatura discards
    as page furniture; the post itself is a quotation the article shows, so it is kept where it stands.
    """
    for post in _EMBEDDED_POSTS(tree):
        wrapper, parent = post, post.getparent()
        while parent is not None and parent.tag not in ("body", "article") and _holds_only(parent, wrapper):
            wrapper, parent = parent, parent.getparent()
        if wrapper is not post:
            post.tail = wrapper.tail
            wrapper.getparent().replace(wrapper, post)


def drop_link_paragraphs(tree: etree._Element) -> None:
    """A paragraph that is one link and nothing else, a headline long, points to another story or an app.

    Publishers set such teasers between the paragraphs of the article ("SEAN SPICER ELIMINATED FROM ...", "Get
    the app"); a paragraph of the article holds some text of its own around its links.
    """
    for p in _LINKED_PARAGRAPHS(tree):
        text = _squash(p)
        if (
            text
            and text == "".join(_squash(a) for a in p.iter("a"))
            and words(block_text(p)) >= _LINK_PARAGRAPH_MIN_WORDS
        ):
            _remove(p)


def _squash(element: etree._Element) -> str:
    return "".join("".join(element.itertext()).split())


def _holds_only(parent: etree._Element, child: etree._Element) -> bool:
    if (parent.text or "").strip():
        return False
    return all(c is child or c.tag in _SCRIPT_TAGS for c in parent) and not any((c.tail or "").strip() for c in parent)


def _in_comments(element: etree._Element) -> bool:
    return any(_COMMENT.search(f"{a.get('class', '')} {a.get('id', '')}") for a in element.iterancestors())


def prepare_page(tree: etree._Element) -> None:
    """Layout repairs on the parsed page before trafilatura reads it (together well under a millisecond a page)."""
    merge_split_body(tree)
    drop_labelled_link_lists(tree)
    drop_hover_cards(tree)
    lift_embedded_posts(tree)
    drop_link_paragraphs(tree)


def clean_body(body: etree._Element, title: str | None) -> etree._Element:
    unwrap_layout_tables(body)
    drop_link_lists_as_text(body)
    drop_leading_headings(body, title)
    drop_teaser_items(body)
    drop_furniture(body)
    return body
