"""Reading a saved HTML page into lines: block-level text, site furniture left out."""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ingest.parsers.lines import normalise_line
from storage.parsed_errors import DocumentError

_BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "table",
        "tr",
        "tbody",
        "thead",
        "tfoot",
        "section",
        "article",
        "header",
        "footer",
        "main",
        "aside",
        "blockquote",
        "pre",
        "dl",
        "dt",
        "dd",
        "hr",
        "form",
        "fieldset",
        "figure",
        "figcaption",
        "caption",
        "address",
        "nav",
        "center",
    ]
)
_HEADING_TAGS = frozenset(["h1", "h2", "h3", "h4", "h5", "h6"])

# Deeper than this, tags are dropped before parsing and only their text is kept. lexbor's
# tree building is quadratic in nesting depth (an item of 100,000 nested <div>s took 47 s);
# real council pages nest a few dozen deep at most.
MAX_DEPTH = 200
_TAG = re.compile(r"(<(/?)([a-zA-Z][^\s/>]*)[^>]*>)")
# Elements that never nest (void), or whose end tag may be left out (so they never count).
_FLAT_TAGS = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
        "p",
        "li",
        "dt",
        "dd",
        "tr",
        "td",
        "th",
        "thead",
        "tbody",
        "tfoot",
        "colgroup",
        "option",
        "optgroup",
        "rb",
        "rt",
        "rp",
        "html",
        "head",
        "body",
    ]
)
_SKIP_TAGS = frozenset(
    ["script", "style", "noscript", "template", "head", "svg", "iframe", "object", "button"]
)


# Site furniture around a saved page: cookie banners, menus, breadcrumbs, sidebars, footers.
_CHROME = re.compile(
    r"cookie|consent|breadcrumb|skip|nav|menu|sidebar|side-bar|site-?header|masthead|footer|"
    r"search|share|social|feedback|related|banner|calendar|subscribe|rss",
    re.IGNORECASE,
)
_CHROME_TAGS = frozenset(["nav", "aside", "footer", "form"])
_CONTENT = ("#mgContent, .mgContent", "#modgov", "main, [role=main]")


def content_root(tree: LexborHTMLParser) -> LexborNode | None:
    """The page's own content: ModernGov's ``mgContent``, else ``modgov``, else ``<main>``."""
    for selector in _CONTENT:
        node = tree.css_first(selector)
        if node is not None and node.text(deep=True).strip():
            return node
    return tree.body or tree.root


def chrome_ids(root: LexborNode, keep: LexborNode | None = None) -> set[int]:
    """mem_ids of site furniture under ``root``; never a node holding ``keep`` or most of the text."""
    found: set[int] = set()
    total = 0
    for node in root.css("nav, aside, footer, form, [class], [id]"):
        attrs = node.attributes
        marks = f"{attrs.get('class') or ''} {attrs.get('id') or ''}"
        if node.tag not in _CHROME_TAGS and not _CHROME.search(marks):
            continue
        if keep is not None and contains(node, keep):
            continue
        total = total or len(root.text(deep=True))
        if len(node.text(deep=True)) * 2 > total:
            continue
        found.add(node.mem_id)
    return found


def contains(node: LexborNode, inner: LexborNode) -> bool:
    current: LexborNode | None = inner
    while current is not None:
        if current.mem_id == node.mem_id:
            return True
        current = current.parent
    return False


def shallow(html: str, limit: int = MAX_DEPTH) -> str:
    """``html`` with the tags nested deeper than ``limit`` left out (their text stays).

    One split in C and one pass over the tags: linear, a fraction of a second for 100,000.
    """
    if html.count("<") <= limit:  # too few tags to nest that deep
        return html
    # [text, tag, "/" or "", name, text, tag, ...]
    parts = _TAG.split(html)
    depth, changed = 0, False
    for at in range(1, len(parts), 4):
        if parts[at + 2].lower() in _FLAT_TAGS or parts[at].endswith("/>"):
            continue
        if parts[at + 1]:
            deep, depth = depth > limit, max(depth - 1, 0)
        else:
            depth += 1
            deep = depth > limit
        if deep:
            parts[at], changed = " ", True
    if not changed:
        return html
    kept = [parts[0]]
    for at in range(1, len(parts), 4):
        kept += (parts[at], parts[at + 3])
    return "".join(kept)


def parse_html(html: str) -> LexborHTMLParser:
    """An HTML page or fragment parsed, at most ``MAX_DEPTH`` elements deep."""
    return LexborHTMLParser(shallow(html))


def read_html(text: str) -> tuple[list[str], set[int], LexborHTMLParser]:
    """The page's lines, the line numbers that were headings, and the parsed tree."""
    tree = parse_html(text)
    root = content_root(tree)
    if root is None:
        raise DocumentError("the HTML page has no body")
    lines, headings = html_lines(root, skip=frozenset(chrome_ids(root)))
    if not any(lines) and tree.body is not None and root is not tree.body:
        lines, headings = html_lines(tree.body)
    title = tree.css_first("title")
    if title is not None:
        title_text = normalise_line(title.text(deep=True))
        if title_text:
            lines += ["", title_text]
    return lines, headings, tree


def html_lines(root: LexborNode, skip: frozenset[int] = frozenset()) -> tuple[list[str], set[int]]:
    """Block-level text of ``root`` as lines, blank between blocks; ``skip`` = node mem_ids."""
    lines: list[str] = []
    headings: set[int] = set()
    buffer: list[str] = []

    def flush(heading: bool = False) -> None:
        line = normalise_line("".join(buffer))
        buffer.clear()
        if line:
            if heading:
                headings.add(len(lines))
            lines.append(line)
            lines.append("")

    stack: list[tuple[LexborNode, bool]] = [(root, False)]
    while stack:
        node, leaving = stack.pop()
        tag = node.tag or ""
        if leaving:
            flush(tag in _HEADING_TAGS)
            continue
        if tag == "-text":
            buffer.append((node.text_content or "").replace("\n", " "))
            continue
        if tag in _SKIP_TAGS or tag.startswith("-") or node.mem_id in skip:
            continue
        if tag == "br":
            flush()
            continue
        if tag in {"td", "th"} and buffer and "".join(buffer).strip():
            buffer.append(" | ")
        if tag in _BLOCK_TAGS:
            flush()
            stack.append((node, True))
        if tag == "li" and node.parent is not None and node.parent.tag == "ol":
            buffer.append(f"{_ordinal(node)}. ")  # an ordered list prints its numbers
        children = list(node.iter(include_text=True))
        stack.extend((child, False) for child in reversed(children))
    flush()
    return lines, headings


def _ordinal(item: LexborNode) -> int:
    """The number an ``<ol>`` shows beside ``item``, counting from its ``start``."""
    parent = item.parent
    start = (parent.attributes.get("start") if parent is not None else None) or "1"
    number = int(start) if start.isdigit() else 1
    sibling = item.prev
    while sibling is not None:
        number += sibling.tag == "li"
        sibling = sibling.prev
    return number
