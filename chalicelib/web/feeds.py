"""RSS 2.0 and Atom feeds (feedgen), sitemap.xml and robots.txt."""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Iterable
from xml.sax.saxutils import escape

from feedgen.feed import FeedGenerator

from chalicelib.adapters.dynamo.repository import ContentRepository
from chalicelib.domain.content import Column, ColumnType, ListingEntry
from chalicelib.domain.dates import iso_date, to_beijing
from chalicelib.domain.tenancy import AddressMode, Registry, Site
from chalicelib.settings import Settings
from chalicelib.web.links import SiteLinks

FEED_SIZE = 20
SITEMAP_LIMIT = 50_000  # sitemaps.org: at most 50,000 URLs per file
RSS = "application/rss+xml; charset=utf-8"
ATOM = "application/atom+xml; charset=utf-8"
XML = "application/xml; charset=utf-8"
TEXT = "text/plain; charset=utf-8"


def feed(
    kind: str,
    *,
    title: str,
    description: str,
    links: SiteLinks,
    page_path: str,
    feed_path: str,
    entries: Iterable[ListingEntry],
    author: str,
) -> str:
    """One feed document; kind is 'rss' or 'atom'."""
    entries = list(entries)
    fg = FeedGenerator()
    fg.id(links.absolute(page_path))
    fg.title(title)
    fg.subtitle(description)
    fg.description(description)
    fg.author({"name": author})
    fg.language("zh-CN")
    fg.link(href=links.absolute(page_path), rel="alternate")
    fg.link(href=links.absolute(feed_path), rel="self")
    fg.updated(max((e.published_at for e in entries), default=datetime(2016, 8, 30, tzinfo=timezone.utc)))
    for entry in entries:
        url = links.absolute(links.article(entry.article_id))
        item = fg.add_entry(order="append")
        item.id(url)
        item.guid(url, permalink=True)
        item.title(entry.title)
        item.link(href=url)
        moment = to_beijing(entry.published_at)
        item.published(moment)
        item.updated(moment)
        item.description(entry.summary or entry.title)
    body = fg.rss_str(pretty=True) if kind == "rss" else fg.atom_str(pretty=True)
    return body.decode("utf-8")


def site_feed(kind: str, site: Site, links: SiteLinks, content: ContentRepository) -> str:
    rows, _ = content.list_site_articles(site.site_id, limit=FEED_SIZE)
    return feed(
        kind,
        title=site.name,
        description=f"{site.name}最新信息",
        links=links,
        page_path=links.home(),
        feed_path=feed_path(links, kind),
        entries=[e for _, e in rows],
        author=site.sponsor or site.name,
    )


def column_feed(kind: str, site: Site, column: Column, links: SiteLinks, content: ContentRepository) -> str:
    rows, _ = content.list_column_articles(site.site_id, column.slug, limit=FEED_SIZE)
    return feed(
        kind,
        title=f"{column.name} - {site.name}",
        description=column.description or f"{site.name}“{column.name}”栏目最新信息",
        links=links,
        page_path=links.column(column.slug),
        feed_path=feed_path(links, kind, column.slug),
        entries=[e for _, e in rows],
        author=site.sponsor or site.name,
    )


def feed_path(links: SiteLinks, kind: str, slug: str | None = None) -> str:
    name = "rss.xml" if kind == "rss" else "atom.xml"
    return f"{links.column(slug)}/{name}" if slug else f"{links.base}/{name}"


def sites_on_host(site: Site, registry: Registry) -> list[Site]:
    """The sites whose primary address is on this site's host: the portal's host also
    serves every path-mounted unit."""
    if not site.is_portal:
        return [site]
    return [site, *(s for s in registry.sites if not s.is_portal and s.address_mode is AddressMode.PATH)]


def sitemap(site: Site, registry: Registry, settings: Settings, content: ContentRepository) -> str:
    """Every public page served on this host, once, under its primary address.

    Costs one columns Query per site on the host plus one listing Query per 1,000
    articles; served with the page cache lifetime, so the CDN absorbs repeats.
    """
    urls: list[tuple[str, str | None]] = []
    for member in sites_on_host(site, registry):
        links = SiteLinks.primary(member, settings)
        columns = [c for c in content.list_columns(member.site_id) if not c.hidden and c.type is not ColumnType.LINK]
        newest = max((e.published_at for c in columns for e in c.latest), default=None)
        urls.append((links.absolute(links.home()), iso_date(newest) if newest else None))
        for column in sorted(columns, key=lambda c: (c.parent_slug or "", c.order, c.slug)):
            last = column.latest[0].published_at if column.latest else None
            urls.append((links.absolute(links.column(column.slug)), iso_date(last) if last else None))
        urls.append((links.absolute(links.sitemap()), None))
        after = None
        while len(urls) < SITEMAP_LIMIT:
            rows, after = content.list_site_articles(member.site_id, limit=1000, after=after)
            urls += [(links.absolute(links.article(e.article_id)), iso_date(e.published_at)) for _, e in rows]
            if after is None:
                break
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for loc, lastmod in urls[:SITEMAP_LIMIT]:
        mod = f"<lastmod>{lastmod}</lastmod>" if lastmod else ""
        lines.append(f"  <url><loc>{escape(loc)}</loc>{mod}</url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def robots(site: Site, settings: Settings) -> str:
    links = SiteLinks.primary(site, settings)
    return "\n".join(
        ["User-agent: *", "Allow: /", "Disallow: /api/", f"Sitemap: {links.origin}/sitemap.xml", ""]
    )
