"""The read-only JSON API (/api/v1/...), served on every host.

Shapes are described in web/openapi.py; tests validate responses against it.
"""
from __future__ import annotations

from typing import Any

from chalicelib.adapters.dynamo.repository import ContentRepository
from chalicelib.domain.content import Article, Column, ListingEntry, is_article_id
from chalicelib.domain.cursor import decode_cursor, encode_cursor
from chalicelib.domain.dates import to_beijing
from chalicelib.domain.tenancy import Registry, Site
from chalicelib.errors import NotFoundError, ValidationError
from chalicelib.settings import Settings
from chalicelib.web.links import SiteLinks

DEFAULT_LIMIT = 20
MAX_LIMIT = 100


def site_json(site: Site, settings: Settings) -> dict[str, Any]:
    links = SiteLinks.primary(site, settings)
    return {
        "site_id": site.site_id,
        "label": site.label,
        "name": site.name,
        "kind": site.kind.value,
        "kind_label": site.kind.label,
        "address_mode": site.address_mode.value,
        "parent_id": site.parent_id,
        "url": links.home_url(),
        "aliases": [settings.origin(a) + "/" for a in site.aliases],
    }


def sites(site: Site, registry: Registry, settings: Settings) -> dict[str, Any]:
    """On the portal: every site of the cluster; on a unit site: that site."""
    members = registry.sites if site.is_portal else (site,)
    return {"items": [site_json(s, settings) for s in members]}


def column_json(column: Column, links: SiteLinks) -> dict[str, Any]:
    return {
        "slug": column.slug,
        "name": column.name,
        "type": column.type.value,
        "type_label": column.type.label,
        "parent": column.parent_slug,
        "order": column.order,
        "cadence_days": column.cadence_days,
        "description": column.description,
        "keywords": list(column.keywords),
        "link_url": column.link_url,
        "url": column.link_url if column.link_url else links.absolute(links.column(column.slug)),
    }


def columns(site: Site, links: SiteLinks, content: ContentRepository) -> dict[str, Any]:
    visible = [c for c in content.list_columns(site.site_id) if not c.hidden]
    visible.sort(key=lambda c: (c.parent_slug or "", c.order, c.slug))
    return {"items": [column_json(c, links) for c in visible]}


def _entry_json(entry: ListingEntry, links: SiteLinks) -> dict[str, Any]:
    return {
        "id": entry.article_id,
        "title": entry.title,
        "published_at": to_beijing(entry.published_at).isoformat(),
        "doc_number": entry.doc_number,
        "summary": entry.summary,
        "url": links.absolute(links.article(entry.article_id)),
    }


def _limit(raw: str | None) -> int:
    if raw is None or raw == "":
        return DEFAULT_LIMIT
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_LIMIT:
        raise ValidationError(f"limit 应为 1 到 {MAX_LIMIT} 之间的整数。", code="invalid_limit")
    return int(raw)


def articles(
    site: Site, links: SiteLinks, content: ContentRepository, query: dict[str, str]
) -> dict[str, Any]:
    slug = (query.get("column") or "").strip()
    if not slug:
        raise ValidationError("请用 column 参数指定栏目，例如 ?column=tzgg。", code="column_required")
    limit = _limit(query.get("limit"))
    after = decode_cursor(query.get("cursor"))
    rows, next_key = content.list_column_articles(site.site_id, slug, limit=limit, after=after)
    if not rows and after is None and slug not in {c.slug for c in content.list_columns(site.site_id)}:
        raise NotFoundError(f"栏目“{slug}”不存在。", code="column_not_found")
    return {
        "items": [_entry_json(e, links) for _, e in rows],
        "next_cursor": encode_cursor(next_key) if next_key else None,
    }


def article_json(article: Article, links: SiteLinks) -> dict[str, Any]:
    return {
        "id": article.article_id,
        "title": article.title,
        "subtitle": article.subtitle,
        "source": article.source,
        "author": article.author,
        "published_at": to_beijing(article.published_at).isoformat(),
        "body_html": article.body_html,
        "cover_image": article.cover_image,
        "attachments": [{"name": a.name, "url": a.url, "size": a.size} for a in article.attachments],
        "doc_number": article.doc_number,
        "index_number": article.index_number,
        "keywords": list(article.keywords),
        "summary": article.summary,
        "columns": list(article.column_slugs),
        "url": links.absolute(links.article(article.article_id)),
        "demo": article.demo,
    }


def article(site: Site, links: SiteLinks, content: ContentRepository, article_id: str) -> dict[str, Any]:
    found = content.get_article(site.site_id, article_id) if is_article_id(article_id) else None
    if found is None or not found.is_public:
        raise NotFoundError("文章不存在或已撤下。", code="article_not_found")
    return article_json(found, links)


def error_json(code: str, message: str) -> dict[str, Any]:
    return {"error": {"code": code, "message": message}}
