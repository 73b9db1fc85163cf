"""Page view models: what the templates get (see templates/ for the markup).

Each builder reads what it needs through the repository (at most two DynamoDB
requests per page: the site's columns, plus the listing or the article).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from markupsafe import Markup

from chalicelib.adapters.dynamo.repository import ContentRepository
from chalicelib.domain.content import Article, Column, ColumnType, ListingEntry, column_tree
from chalicelib.domain.cursor import decode_cursor, encode_cursor
from chalicelib.domain.dates import date_cn, datetime_cn, iso_date, to_beijing, today_cn
from chalicelib.domain.tenancy import (
    AddressMode,
    Registry,
    Site,
    SiteKind,
    effective_marks,
    police_record_number,
)
from chalicelib.settings import Settings
from chalicelib.web.links import SiteLinks

PAGE_SIZE = 20
ICP_URL = "https://beian.miit.gov.cn/"
POLICE_URL = "http://www.beian.gov.cn/portal/registerSystemInfo?recordcode={}"
JIUCUO_URL = "https://zfwzzc.www.gov.cn/check_web/errorInfo_querySiteInfo.action?idCode={}"
PLATFORM_NAME = "武穴市政府网站集约化平台"


@dataclass(frozen=True)
class Item:
    title: str
    url: str
    date: str
    iso: str
    doc_number: str | None = None
    summary: str | None = None


@dataclass(frozen=True)
class Link:
    name: str
    url: str
    external: bool = False
    active: bool = False
    children: tuple["Link", ...] = ()


@dataclass(frozen=True)
class Marks:
    sponsor: str
    organizer: str | None
    address: str
    phone: str
    email: str | None
    site_code: str | None
    icp: str | None
    icp_url: str
    police_record: str | None
    police_url: str | None
    conac_url: str | None
    jiucuo_url: str


@dataclass(frozen=True)
class SiteView:
    name: str
    kind: str
    kind_label: str
    is_portal: bool
    home_url: str


@dataclass(frozen=True)
class PortalView:
    name: str
    home_url: str


@dataclass
class PageContext:
    """Context every page gets."""

    site: Site
    links: SiteLinks
    registry: Registry
    settings: Settings
    now: datetime
    columns: list[Column] = field(default_factory=list)

    @property
    def portal(self) -> Site | None:
        return self.registry.portal()

    def column_url(self, column: Column) -> str:
        if column.type is ColumnType.LINK and column.link_url:
            return column.link_url
        return self.links.column(column.slug)

    def item(self, entry: ListingEntry) -> Item:
        return Item(
            title=entry.title,
            url=self.links.article(entry.article_id),
            date=date_cn(entry.published_at),
            iso=iso_date(entry.published_at),
            doc_number=entry.doc_number,
            summary=entry.summary,
        )

    def marks(self) -> Marks:
        site, portal = self.site, self.portal
        marks = effective_marks(site, portal)
        mounted = portal is not None and not site.is_portal and site.address_mode is AddressMode.PATH
        sponsor = (portal.sponsor or portal.name) if mounted and portal else (site.sponsor or site.name)
        organizer = (site.sponsor or site.name) if mounted else None
        police_no = police_record_number(marks.police_record)
        return Marks(
            sponsor=sponsor,
            organizer=organizer if organizer != sponsor else None,
            address=site.contact.address,
            phone=site.contact.phone,
            email=site.contact.email,
            site_code=marks.site_code,
            icp=marks.icp,
            icp_url=ICP_URL,
            police_record=marks.police_record,
            police_url=POLICE_URL.format(police_no) if police_no else None,
            conac_url=marks.conac_url,
            jiucuo_url=JIUCUO_URL.format(marks.site_code or ""),
        )

    def nav(self, active_slug: str | None = None) -> list[Link]:
        return [
            Link(
                name=c.name,
                url=self.column_url(c),
                external=c.type is ColumnType.LINK,
                active=active_slug in (c.slug, *(k.slug for k in kids)),
            )
            for c, kids in column_tree(self.columns)
        ]

    def site_meta(self) -> list[tuple[str, str]]:
        marks = effective_marks(self.site, self.portal)
        return [
            ("SiteName", self.site.name),
            ("SiteDomain", self.links.host),
            ("SiteIDCode", marks.site_code or ""),
        ]

    def base(self, title: str, canonical_path: str, meta: list[tuple[str, str]], active: str | None = None) -> dict[str, Any]:
        portal = self.portal
        portal_links = SiteLinks.primary(portal, self.settings) if portal else None
        return {
            "title": title,
            "canonical_url": self.links.absolute(canonical_path),
            "meta": self.site_meta() + meta,
            "site": SiteView(
                name=self.site.name,
                kind=self.site.kind.value,
                kind_label=self.site.kind.label,
                is_portal=self.site.is_portal,
                home_url=self.links.home(),
            ),
            "portal": PortalView(name=portal.name, home_url=portal_links.absolute("/")) if portal and portal_links else None,
            "nav": self.nav(active),
            "marks": self.marks(),
            "sitemap_url": self.links.sitemap(),
            "demo": self.site.demo,
            "today": today_cn(self.now),
            "feeds": [
                {"title": f"{self.site.name} RSS", "type": "application/rss+xml", "url": f"{self.links.base}/rss.xml"},
                {"title": f"{self.site.name} Atom", "type": "application/atom+xml", "url": f"{self.links.base}/atom.xml"},
            ],
        }

    def title(self, *parts: str) -> str:
        return " - ".join([*parts, self.site.name])


# --- builders -------------------------------------------------------------


def home_page(ctx: PageContext) -> tuple[str, dict[str, Any]]:
    sections = []
    headline: Item | None = None
    newest: ListingEntry | None = None
    for column, children in column_tree(ctx.columns):
        entries = _section_entries(column, children)
        for e in entries:
            if column.type is ColumnType.NEWS and (newest is None or e.published_at > newest.published_at):
                newest = e
        sections.append(
            {
                "name": column.name,
                "url": ctx.column_url(column),
                "type": column.type.value,
                "type_label": column.type.label,
                "external_url": column.link_url if column.type is ColumnType.LINK else None,
                "items": [ctx.item(e) for e in entries[:7]],
            }
        )
    if newest is not None:
        headline = ctx.item(newest)
    unit_groups = []
    if ctx.site.is_portal:
        for kind in (SiteKind.DEPARTMENT, SiteKind.TOWN, SiteKind.SUBDISTRICT):
            members = [s for s in ctx.registry.sites if s.kind is kind]
            if members:
                unit_groups.append(
                    {
                        "label": kind.label,
                        "sites": [
                            {"name": s.name, "url": SiteLinks.primary(s, ctx.settings).home_url()}
                            for s in members
                        ],
                    }
                )
    context = ctx.base(ctx.site.name, ctx.links.home(), [("ColumnName", "首页"), ("ColumnType", "首页")])
    context.update(headline=headline, sections=sections, unit_groups=unit_groups)
    return "home.html", context


def _section_entries(column: Column, children: list[Column]) -> list[ListingEntry]:
    """A top-level column's newest items, including its sub-columns' items."""
    pool = {e.article_id: e for c in [column, *children] for e in c.latest}
    return sorted(pool.values(), key=lambda e: e.published_at, reverse=True)


def column_page(
    ctx: PageContext, column: Column, content: ContentRepository, cursor: str | None
) -> tuple[str, dict[str, Any]]:
    after = decode_cursor(cursor)
    by_slug = {c.slug: c for c in ctx.columns}
    parent = by_slug.get(column.parent_slug) if column.parent_slug else None
    siblings_of = parent or column
    subcolumns = [
        Link(name=c.name, url=ctx.column_url(c), external=c.type is ColumnType.LINK, active=c.slug == column.slug)
        for c in sorted(ctx.columns, key=lambda c: (c.order, c.slug))
        if c.parent_slug == siblings_of.slug and not c.hidden
    ]
    page_article = None
    items: list[Item] = []
    next_url = None
    if column.type is ColumnType.PAGE:
        if column.latest:
            article = content.get_article(ctx.site.site_id, column.latest[0].article_id)
            if article is not None and article.is_public:
                page_article = article_view(article)
    else:
        rows, next_key = content.list_column_articles(ctx.site.site_id, column.slug, limit=PAGE_SIZE, after=after)
        items = [ctx.item(entry) for _, entry in rows]
        if next_key:
            next_url = f"{ctx.links.column(column.slug)}?cursor={encode_cursor(next_key)}"
    breadcrumbs = [Link("首页", ctx.links.home())]
    if parent:
        breadcrumbs.append(Link(parent.name, ctx.column_url(parent)))
    breadcrumbs.append(Link(column.name, ctx.links.column(column.slug)))
    meta = [
        ("ColumnName", column.name),
        ("ColumnDescription", column.description or column.name),
        ("ColumnKeywords", ",".join(column.keywords) or column.name),
        ("ColumnType", column.type.label),
    ]
    context = ctx.base(ctx.title(column.name), ctx.links.column(column.slug), meta, active=column.slug)
    if column.type.lists_articles:
        context["feeds"] = [
            {"title": f"{column.name} RSS", "type": "application/rss+xml", "url": f"{ctx.links.column(column.slug)}/rss.xml"},
            {"title": f"{column.name} Atom", "type": "application/atom+xml", "url": f"{ctx.links.column(column.slug)}/atom.xml"},
            *context["feeds"],
        ]
    context.update(
        column={
            "name": column.name,
            "type_label": column.type.label,
            "description": column.description,
            "url": ctx.links.column(column.slug),
        },
        breadcrumbs=breadcrumbs,
        items=items,
        subcolumns=subcolumns,
        next_url=next_url,
        first_url=ctx.links.column(column.slug) if after else None,
        page=page_article,
    )
    return "column.html", context


def article_view(article: Article) -> dict[str, Any]:
    return {
        "title": article.title,
        "subtitle": article.subtitle,
        "source": article.source,
        "author": article.author,
        "date": datetime_cn(article.published_at),
        "datetime_iso": to_beijing(article.published_at).isoformat(),
        "body_html": Markup(article.body_html),  # sanitised before it was stored
        "cover_url": article.cover_image,
        "attachments": [
            {"name": a.name, "url": a.url, "size_label": _size_label(a.size)} for a in article.attachments
        ],
        "doc_number": article.doc_number,
        "index_number": article.index_number,
        "keywords": list(article.keywords),
        "summary": article.summary,
        "demo": article.demo,
    }


def _size_label(size: int | None) -> str:
    if not size:
        return ""
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f} MB"
    return f"{max(1, round(size / 1024))} KB"


def article_page(ctx: PageContext, article: Article) -> tuple[str, dict[str, Any]]:
    by_slug = {c.slug: c for c in ctx.columns}
    column = next((by_slug[s] for s in article.column_slugs if s in by_slug), None)
    breadcrumbs = [Link("首页", ctx.links.home())]
    if column is not None:
        parent = by_slug.get(column.parent_slug) if column.parent_slug else None
        if parent:
            breadcrumbs.append(Link(parent.name, ctx.column_url(parent)))
        breadcrumbs.append(Link(column.name, ctx.links.column(column.slug)))
    breadcrumbs.append(Link("正文", ctx.links.article(article.article_id)))
    url = ctx.links.absolute(ctx.links.article(article.article_id))
    meta = [
        ("ColumnName", column.name if column else ""),
        ("ColumnType", column.type.label if column else ""),
        ("ArticleTitle", article.title),
        ("PubDate", to_beijing(article.published_at).strftime("%Y-%m-%d %H:%M")),
        ("ContentSource", article.source or ctx.site.name),
        ("Keywords", ",".join(article.keywords)),
        ("Author", article.author or ""),
        ("Description", article.summary or article.title),
        ("Image", article.cover_image or ""),
        ("Url", url),
    ]
    context = ctx.base(
        ctx.title(article.title), ctx.links.article(article.article_id), meta, active=column.slug if column else None
    )
    context.update(
        article=article_view(article),
        column={"name": column.name, "url": ctx.links.column(column.slug)} if column else None,
        breadcrumbs=breadcrumbs,
    )
    return "article.html", context


def sitemap_page(ctx: PageContext) -> tuple[str, dict[str, Any]]:
    tree = [
        Link(
            name=c.name,
            url=ctx.column_url(c),
            external=c.type is ColumnType.LINK,
            children=tuple(Link(k.name, ctx.column_url(k), k.type is ColumnType.LINK) for k in kids),
        )
        for c, kids in column_tree(ctx.columns)
    ]
    context = ctx.base(ctx.title("网站地图"), ctx.links.sitemap(), [("ColumnName", "网站地图"), ("ColumnType", "网站地图")])
    context["tree"] = tree
    return "sitemap.html", context


def not_found_page(ctx: PageContext | None, message: str) -> tuple[str, dict[str, Any]]:
    if ctx is None:
        return "not_found.html", {
            "title": f"页面不存在 - {PLATFORM_NAME}",
            "canonical_url": None,
            "meta": [],
            "site": None,
            "portal": None,
            "nav": [],
            "marks": None,
            "sitemap_url": None,
            "demo": False,
            "today": "",
            "feeds": [],
            "message": message,
        }
    context = ctx.base(ctx.title("页面不存在"), ctx.links.home(), [])
    context["message"] = message
    return "not_found.html", context


def error_page(ctx: PageContext | None, message: str, status: int) -> tuple[str, dict[str, Any]]:
    template, context = not_found_page(ctx, message)
    context["status"] = status
    context["title"] = context["title"].replace("页面不存在", "出错了")
    return "error.html", context
