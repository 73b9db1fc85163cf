"""Server-side sanitising of article bodies (nh3, the maintained ammonia binding)."""
from __future__ import annotations

from html import escape

import nh3

_TAGS = {
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "b", "em", "i", "u", "s",
    "sub", "sup", "small", "span", "div", "blockquote", "pre", "code", "ul", "ol", "li",
    "dl", "dt", "dd", "table", "caption", "colgroup", "col", "thead", "tbody", "tfoot",
    "tr", "th", "td", "a", "img", "figure", "figcaption",
}
_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height", "title"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "col": {"span"},
    "colgroup": {"span"},
    "p": {"align"},
    "ol": {"start"},
}


def sanitize_html(html: str) -> str:
    """Keep structure (headings, tables, lists, emphasis, links, images); drop scripts,
    event handlers, styles and unknown tags."""
    return nh3.clean(
        html or "",
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def plain_paragraphs_to_html(paragraphs: tuple[str, ...] | list[str]) -> str:
    return "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
