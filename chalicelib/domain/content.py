"""Columns (栏目) and articles: the content model and its pure rules."""
from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum
from typing import Iterable

from chalicelib.errors import ValidationError


class ColumnType(str, Enum):
    NEWS = "news"
    NOTICE = "notice"
    POLICY = "policy"
    PAGE = "page"
    LINK = "link"

    @property
    def label(self) -> str:
        return _TYPE_LABELS[self]

    @property
    def default_cadence_days(self) -> int | None:
        """Expected update cadence under the national check rules (policy §2.2)."""
        return _CADENCE[self]

    @property
    def lists_articles(self) -> bool:
        return self in (ColumnType.NEWS, ColumnType.NOTICE, ColumnType.POLICY)


_TYPE_LABELS = {
    ColumnType.NEWS: "动态",
    ColumnType.NOTICE: "通知公告",
    ColumnType.POLICY: "政策文件",
    ColumnType.PAGE: "单页",
    ColumnType.LINK: "外部链接",
}
_CADENCE = {
    ColumnType.NEWS: 14,
    ColumnType.NOTICE: 180,
    ColumnType.POLICY: 180,
    ColumnType.PAGE: None,
    ColumnType.LINK: None,
}


class ArticleStatus(str, Enum):
    DRAFT = "draft"
    PUBLISHED = "published"
    WITHDRAWN = "withdrawn"


@dataclass(frozen=True)
class ListingEntry:
    """What a column list needs of an article; denormalised at publish time."""

    article_id: str
    title: str
    published_at: datetime
    doc_number: str | None = None
    summary: str | None = None


@dataclass(frozen=True)
class Column:
    site_id: str
    slug: str
    name: str
    type: ColumnType
    parent_slug: str | None = None
    order: int = 0
    cadence_days: int | None = None
    description: str = ""
    keywords: tuple[str, ...] = ()
    link_url: str | None = None
    hidden: bool = False
    latest: tuple[ListingEntry, ...] = ()  # digest of the newest items, for home pages
    version: int = 0


@dataclass(frozen=True)
class Attachment:
    name: str
    url: str
    size: int | None = None


@dataclass(frozen=True)
class Article:
    site_id: str
    article_id: str
    title: str
    column_slugs: tuple[str, ...]
    published_at: datetime
    body_html: str = ""
    subtitle: str | None = None
    source: str = ""
    author: str | None = None
    cover_image: str | None = None
    attachments: tuple[Attachment, ...] = ()
    doc_number: str | None = None  # 文号, e.g. 武政办发〔2016〕35号
    index_number: str | None = None  # 索引号
    keywords: tuple[str, ...] = ()
    summary: str | None = None
    status: ArticleStatus = ArticleStatus.DRAFT
    demo: bool = False
    version: int = 0

    @property
    def is_public(self) -> bool:
        return self.status is ArticleStatus.PUBLISHED

    def listing_entry(self) -> ListingEntry:
        return ListingEntry(
            article_id=self.article_id,
            title=self.title,
            published_at=self.published_at,
            doc_number=self.doc_number,
            summary=self.summary,
        )


DIGEST_SIZE = 8

_SLUG = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$")
_ARTICLE_ID = re.compile(r"^[a-z0-9]{6,40}$")
_ID_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz"


def validate_slug(raw: str | None) -> str:
    slug = (raw or "").strip().lower()
    if not _SLUG.match(slug):
        raise ValidationError(
            "栏目标识只能包含小写英文字母、数字和连字符，长度 1 到 40 个字符，且不能以连字符开头或结尾。",
            code="slug_invalid",
        )
    return slug


def is_article_id(raw: str) -> bool:
    return bool(_ARTICLE_ID.match(raw))


def new_article_id(published_at: datetime, token: str | None = None) -> str:
    """Date-prefixed id as Chinese CMSs do (t20261125_xxx), e.g. '20261125k3j9x2'."""
    suffix = token or "".join(secrets.choice(_ID_ALPHABET) for _ in range(6))
    return published_at.strftime("%Y%m%d") + suffix


def column_tree(columns: Iterable[Column]) -> list[tuple[Column, list[Column]]]:
    """Top-level visible columns in order, each with its visible children in order."""
    visible = [c for c in columns if not c.hidden]
    slugs = {c.slug for c in visible}
    key = lambda c: (c.order, c.slug)  # noqa: E731
    roots = sorted((c for c in visible if not c.parent_slug or c.parent_slug not in slugs), key=key)
    return [(r, sorted((c for c in visible if c.parent_slug == r.slug), key=key)) for r in roots]
