"""Publishing use cases: columns and articles, with the listings and home-page
digests kept in step."""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Protocol

from chalicelib.domain.content import (
    DIGEST_SIZE,
    Article,
    ArticleStatus,
    Column,
    ColumnType,
    ListingEntry,
    validate_slug,
)
from chalicelib.domain.html import sanitize_html
from chalicelib.errors import ValidationError


class ContentStore(Protocol):
    def list_columns(self, site_id: str) -> list[Column]: ...
    def put_column(self, column: Column) -> Column: ...
    def set_column_digest(self, site_id: str, slug: str, latest: list[ListingEntry]) -> None: ...
    def get_article(self, site_id: str, article_id: str) -> Article | None: ...
    def save_article(self, article: Article, previous: Article | None = None) -> Article: ...
    def list_column_articles(
        self, site_id: str, slug: str, *, limit: int, after: str | None = None
    ) -> tuple[list[tuple[str, ListingEntry]], str | None]: ...


def save_column(store: ContentStore, column: Column) -> Column:
    slug = validate_slug(column.slug)
    if not column.name.strip():
        raise ValidationError("请填写栏目名称。", code="column_name_empty")
    if column.type is ColumnType.LINK and not (column.link_url or "").startswith(("http://", "https://")):
        raise ValidationError("外部链接栏目需要填写以 http:// 或 https:// 开头的链接地址。", code="link_url_invalid")
    cadence = column.cadence_days if column.cadence_days is not None else column.type.default_cadence_days
    return store.put_column(replace(column, slug=slug, name=column.name.strip(), cadence_days=cadence))


def publish_article(store: ContentStore, article: Article, *, now: datetime) -> Article:
    """Sanitise, validate and publish; refresh the digests of the affected columns."""
    if not article.title.strip():
        raise ValidationError("请填写文章标题。", code="title_empty")
    if not article.column_slugs:
        raise ValidationError("请至少选择一个栏目。", code="column_missing")
    columns = {c.slug: c for c in store.list_columns(article.site_id)}
    unknown = [s for s in article.column_slugs if s not in columns]
    if unknown:
        raise ValidationError(f"栏目不存在：{'、'.join(unknown)}。", code="column_unknown")
    previous = store.get_article(article.site_id, article.article_id)
    published = replace(
        article,
        title=article.title.strip(),
        body_html=sanitize_html(article.body_html),
        status=ArticleStatus.PUBLISHED,
        published_at=article.published_at or now,
    )
    saved = store.save_article(published, previous)
    touched = set(saved.column_slugs) | set(previous.column_slugs if previous else ())
    for slug in touched:
        refresh_digest(store, article.site_id, slug)
    return saved


def refresh_digest(store: ContentStore, site_id: str, slug: str) -> None:
    rows, _ = store.list_column_articles(site_id, slug, limit=DIGEST_SIZE)
    store.set_column_digest(site_id, slug, [entry for _, entry in rows])
