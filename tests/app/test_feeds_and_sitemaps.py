"""RSS/Atom feeds parse with a real feed parser; sitemap.xml validates against the protocol schema."""
from __future__ import annotations

import re
from pathlib import Path

import feedparser
import pytest
import xmlschema

from tests.app.conftest import get, publish

SITEMAP_SCHEMA = xmlschema.XMLSchema(str(Path(__file__).resolve().parents[1] / "schemas" / "sitemap-0.9.xsd"))


def parsed(resp):
    assert resp.status_code == 200
    feed = feedparser.parse(resp.body)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


@pytest.mark.parametrize("name, version, ctype", [("rss.xml", "rss20", "application/rss+xml"), ("atom.xml", "atom10", "application/atom+xml")])
def test_site_feeds_list_the_sites_newest_articles(cluster, client, name, version, ctype):
    r = get(client, "gaj.wuxue.gov.cn", f"/{name}")
    assert r.headers["Content-Type"].startswith(ctype) and "s-maxage=" in r.headers["Cache-Control"]
    feed = parsed(r)
    assert feed.version == version
    assert feed.feed.title == "武穴市公安局"
    [entry] = feed.entries
    assert entry.title == "公安局：冬季道路交通安全提示"  # filed in two columns, listed once
    assert entry.link == "https://gaj.wuxue.gov.cn/article/20261123eeeeee"
    assert entry.published_parsed[:3] == (2026, 11, 23)


def test_mounted_site_feed_uses_its_primary_address_and_excludes_other_tenants(cluster, client):
    feed = parsed(get(client, "www.wuxue.gov.cn", "/jyj/rss.xml"))
    links = [e.link for e in feed.entries]
    assert links and all(l.startswith("https://www.wuxue.gov.cn/jyj/article/") for l in links)
    assert "门户要闻" not in " ".join(e.title for e in feed.entries)


def test_column_feeds_and_newest_first(deps, cluster, client):
    publish(deps, "www", "20261125zzzzzz", "最新通知", ("tzgg",), days_ago=0.01)
    for name in ("rss.xml", "atom.xml"):
        feed = parsed(get(client, "www.wuxue.gov.cn", f"/column/tzgg/{name}"))
        assert [e.title for e in feed.entries] == ["最新通知", "关于做好2027年元旦春节期间有关工作的通知"]
    assert get(client, "www.wuxue.gov.cn", "/column/jgzn/rss.xml").status_code == 404  # single page: no feed
    assert get(client, "www.wuxue.gov.cn", "/column/nosuch/rss.xml").status_code == 404


def test_withdrawn_articles_leave_the_feeds_and_the_sitemap(deps, cluster, client):
    from dataclasses import replace

    from chalicelib.domain.content import ArticleStatus
    art = deps.content.get_article("gaj", "20261123eeeeee")
    deps.content.save_article(replace(art, status=ArticleStatus.WITHDRAWN), art)
    assert parsed(get(client, "gaj.wuxue.gov.cn", "/rss.xml")).entries == []
    assert "20261123eeeeee" not in get(client, "gaj.wuxue.gov.cn", "/sitemap.xml").body.decode()


def test_pages_advertise_their_feeds(cluster, client):
    page = get(client, "www.wuxue.gov.cn", "/jyj/column/xwdt").body.decode()
    assert 'type="application/rss+xml"' in page and 'href="/jyj/column/xwdt/rss.xml"' in page
    assert 'href="/jyj/atom.xml"' in page


def test_portal_sitemap_lists_every_page_on_its_host_once(cluster, client):
    r = get(client, "www.wuxue.gov.cn", "/sitemap.xml")
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("application/xml")
    SITEMAP_SCHEMA.validate(r.body.decode())  # raises on any violation, duplicates included
    locs = re.findall(r"<loc>([^<]+)</loc>", r.body.decode())
    assert len(locs) == len(set(locs))
    assert "https://www.wuxue.gov.cn/" in locs and "https://www.wuxue.gov.cn/jyj/" in locs
    assert "https://www.wuxue.gov.cn/jyj/article/20261124cccccc" in locs
    assert "https://www.wuxue.gov.cn/column/tzgg" in locs
    assert not any("gaj" in l for l in locs)  # the subdomain unit has its own sitemap
    assert not any("bszn" in l for l in locs)  # external links are not our pages
    gaj = get(client, "gaj.wuxue.gov.cn", "/sitemap.xml").body.decode()
    SITEMAP_SCHEMA.validate(gaj)
    assert "https://gaj.wuxue.gov.cn/article/20261123eeeeee" in gaj and "jyj" not in gaj


def test_sitemap_and_robots_live_at_the_host_root_only(cluster, client):
    robots = get(client, "gaj.wuxue.gov.cn", "/robots.txt")
    assert robots.status_code == 200 and robots.headers["Content-Type"].startswith("text/plain")
    assert "Sitemap: https://gaj.wuxue.gov.cn/sitemap.xml" in robots.body.decode()
    assert get(client, "www.wuxue.gov.cn", "/jyj/sitemap.xml").status_code == 404
    assert get(client, "www.wuxue.gov.cn", "/jyj/robots.txt").status_code == 404


def test_sitemap_schema_rejects_what_it_should(cluster, client):
    bad = ('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
           "<url><loc>/relative</loc></url></urlset>")
    assert not SITEMAP_SCHEMA.is_valid(bad)
    dup = ('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
           "<url><loc>https://a.cn/x</loc></url><url><loc>https://a.cn/x</loc></url></urlset>")
    assert not SITEMAP_SCHEMA.is_valid(dup)
