"""Seed the demo cluster (portal + unit sites) from chalicelib/demo/cluster.py.

Runs once per table: a marker item records that seeding finished. Ids are
deterministic, so a re-run after an interrupted seed completes it without
duplicating anything. Dates are relative to the seeding day, and every site and
article is flagged `demo`, which the pages show.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from chalicelib.demo import cluster
from chalicelib.domain.content import Article, ArticleStatus, Column, ColumnType, new_article_id
from chalicelib.domain.dates import BEIJING, to_beijing
from chalicelib.domain.html import plain_paragraphs_to_html
from chalicelib.domain.tenancy import AddressMode, Contact, FooterMarks, Site, SiteKind
from chalicelib.errors import ConflictError
from chalicelib.services import publishing
from chalicelib.services.publishing import ContentStore
from chalicelib.services.sites import SiteStore, register_site

MARKER = "demo-cluster"


@dataclass(frozen=True)
class SeedReport:
    seeded: bool
    sites: int
    columns: int
    articles: int


def _site(demo: cluster.DemoSite, portal_id: str | None) -> Site:
    is_portal = demo.kind == "portal"
    return Site(
        site_id=demo.label,
        label=demo.label,
        name=demo.name,
        kind=SiteKind(demo.kind),
        address_mode=AddressMode(demo.address_mode),
        parent_id=None if is_portal else portal_id,
        sponsor=demo.sponsor,
        contact=Contact(address=demo.address, phone=demo.phone, email=demo.email, postcode=demo.postcode),
        marks=FooterMarks(
            site_code=cluster.PORTAL_SITE_CODE,
            icp=cluster.PORTAL_ICP,
            police_record=cluster.PORTAL_POLICE_RECORD,
        )
        if is_portal
        else FooterMarks(),
        demo=True,
    )


def _published_at(day: datetime, article: cluster.DemoArticle) -> datetime:
    local_day = to_beijing(day).date() - timedelta(days=article.days_ago)
    moment = datetime(local_day.year, local_day.month, local_day.day, article.hour, 30, tzinfo=BEIJING)
    # never in the future relative to the seeding moment
    return min(moment, to_beijing(day) - timedelta(minutes=5))


def _article_id(site_id: str, key: str, published_at: datetime) -> str:
    token = hashlib.sha256(f"{site_id}/{key}".encode()).hexdigest()[:6]
    return new_article_id(published_at, token=token)


def seed_demo(sites: SiteStore, content: ContentStore, *, marker_store, root_domains: tuple[str, ...],
              portal_label: str, is_claim_conflict, now: datetime) -> SeedReport:
    """Seed once; returns what exists afterwards. `marker_store` has has_marker/put_marker."""
    if marker_store.has_marker(MARKER):
        return SeedReport(False, 0, 0, 0)
    counts = {"sites": 0, "columns": 0, "articles": 0}
    portal = _site(cluster.PORTAL, None)
    for demo in (cluster.PORTAL, *cluster.UNITS):
        site = _site(demo, portal.site_id)
        try:
            register_site(sites, site, root_domains=root_domains, portal_label=portal_label,
                          is_claim_conflict=is_claim_conflict)
        except ConflictError as exc:
            if exc.code != "site_exists":
                raise
        counts["sites"] += 1
        counts["columns"] += _seed_columns(content, site, demo)
        counts["articles"] += _seed_articles(content, site, demo, now)
    marker_store.put_marker(MARKER, {**counts, "seeded_at": now.isoformat()})
    return SeedReport(True, counts["sites"], counts["columns"], counts["articles"])


def _seed_columns(content: ContentStore, site: Site, demo: cluster.DemoSite) -> int:
    existing = {c.slug for c in content.list_columns(site.site_id)}
    for order, col in enumerate(demo.columns):
        if col.slug in existing:
            continue
        publishing.save_column(
            content,
            Column(
                site_id=site.site_id,
                slug=col.slug,
                name=col.name,
                type=ColumnType(col.type),
                parent_slug=col.parent,
                order=order,
                description=col.description,
                keywords=tuple(col.keywords),
                link_url=col.link_url,
            ),
        )
    return len(demo.columns)


def _seed_articles(content: ContentStore, site: Site, demo: cluster.DemoSite, now: datetime) -> int:
    count = 0
    index_seq = 0  # 索引号 are numbered per site, across its columns
    for col in demo.columns:
        for art in col.articles:
            published_at = _published_at(now, art)
            article_id = _article_id(site.site_id, art.key, published_at)
            count += 1
            if col.type in ("policy", "notice"):
                index_seq += 1
            if content.get_article(site.site_id, article_id) is not None:
                continue
            year = to_beijing(published_at).year
            content.save_article(
                Article(
                    site_id=site.site_id,
                    article_id=article_id,
                    title=art.title,
                    column_slugs=(col.slug,),
                    published_at=published_at,
                    body_html=plain_paragraphs_to_html(art.paragraphs),
                    source=art.source,
                    author=art.author,
                    doc_number=art.doc_number,
                    index_number=f"{site.label.upper()}/{year}-{index_seq:05d}" if col.type in ("policy", "notice") else None,
                    keywords=tuple(art.keywords),
                    summary=art.summary,
                    status=ArticleStatus.PUBLISHED,
                    demo=True,
                )
            )
        if col.articles:
            publishing.refresh_digest(content, site.site_id, col.slug)
    return count
