"""Repository contract on moto and on real DynamoDB Local."""
from __future__ import annotations

import threading
from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest

from chalicelib.adapters.dynamo.repository import translate_claim_error
from chalicelib.domain.content import Article, ArticleStatus, Column, ColumnType
from chalicelib.domain.tenancy import AddressMode, Contact, FooterMarks, Site, SiteKind
from chalicelib.errors import ConflictError
from chalicelib.services import publishing
from chalicelib.services.sites import register_site

NOW = datetime(2026, 11, 25, 2, 0, tzinfo=timezone.utc)


def unit(site_id, label, name):
    return Site(site_id, label, name, SiteKind.DEPARTMENT, AddressMode.SUBDOMAIN, parent_id="www",
                contact=Contact(address="武穴市", phone="0713-1"), marks=FooterMarks(site_code="4211820002"))


def register(sites, site):
    return register_site(sites, site, root_domains=("wuxue.gov.cn",), portal_label="www",
                         is_claim_conflict=translate_claim_error)


def test_site_roundtrip(sites):
    register(sites, unit("jyj", "jyj", "武穴市教育局"))
    [loaded] = sites.load_all()
    assert loaded.name == "武穴市教育局"
    assert loaded.marks.site_code == "4211820002"
    assert loaded.contact.phone == "0713-1"
    assert sites.label_owner("jyj") == "jyj"


def test_concurrent_label_claims_exactly_one_wins(sites):
    contenders = [unit(f"site{i}", "hbj", f"单位{i}") for i in range(8)]
    results: list[object] = [None] * len(contenders)
    barrier = threading.Barrier(len(contenders))

    def claim(i):
        barrier.wait()
        try:
            results[i] = register(sites, contenders[i])
        except ConflictError as exc:
            results[i] = exc

    threads = [threading.Thread(target=claim, args=(i,)) for i in range(len(contenders))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    winners = [r for r in results if isinstance(r, Site)]
    losers = [r for r in results if isinstance(r, ConflictError)]
    assert len(winners) == 1 and len(losers) == 7
    assert all(l.code == "label_taken" and winners[0].name in l.message for l in losers)
    assert [s.site_id for s in sites.load_all()] == [winners[0].site_id]
    assert sites.label_owner("hbj") == winners[0].site_id


def test_add_alias_claims_domain_once(sites):
    a = register(sites, unit("a", "aa", "甲"))
    b = register(sites, unit("b", "bb", "乙"))
    a = sites.add_alias(sites.get("a"), "old-a.gov.cn")
    assert a.aliases == ("old-a.gov.cn",)
    from chalicelib.services.sites import add_alias
    with pytest.raises(ConflictError):
        add_alias(sites, sites.get("b"), "OLD-A.gov.cn", root_domains=("wuxue.gov.cn",), is_claim_conflict=translate_claim_error)
    assert sites.get("b").aliases == ()


def _article(site_id, article_id, title, days_ago=0.0, columns=("xwdt",)):
    return Article(site_id=site_id, article_id=article_id, title=title, column_slugs=columns,
                   published_at=NOW - timedelta(days=days_ago), body_html="<p>x</p>")


def test_listing_paginates_newest_first_with_cursor(content):
    publishing.save_column(content, Column("s1", "xwdt", "工作动态", ColumnType.NEWS))
    for i in range(23):
        content.save_article(replace(_article("s1", f"art{i:04d}", f"第{i}条", days_ago=i), status=ArticleStatus.PUBLISHED))
    seen, after, pages = [], None, 0
    while True:
        rows, after = content.list_column_articles("s1", "xwdt", limit=10, after=after)
        seen += [e.article_id for _, e in rows]
        pages += 1
        if after is None:
            break
    assert pages == 3
    assert seen == [f"art{i:04d}" for i in range(23)]


def test_only_published_articles_are_listed_and_tenants_are_separate(content):
    for site in ("s1", "s2"):
        publishing.save_column(content, Column(site, "xwdt", "动态", ColumnType.NEWS))
    content.save_article(_article("s1", "draft00001", "草稿"))
    publishing.publish_article(content, _article("s1", "pub0000001", "已发布"), now=NOW)
    publishing.publish_article(content, _article("s2", "other00001", "别站"), now=NOW)
    rows, _ = content.list_column_articles("s1", "xwdt", limit=10)
    assert [e.title for _, e in rows] == ["已发布"]
    assert content.get_article("s2", "pub0000001") is None
    [col] = content.list_columns("s1")
    assert [e.title for e in col.latest] == ["已发布"]


def test_article_version_conflict_is_detected_not_overwritten(content):
    publishing.save_column(content, Column("s1", "xwdt", "动态", ColumnType.NEWS))
    first = publishing.publish_article(content, _article("s1", "ver0000001", "原标题"), now=NOW)
    assert first.version == 1
    mine = replace(first, title="我的修改")
    theirs = replace(first, title="别人的修改")
    content.save_article(theirs, first)
    with pytest.raises(ConflictError) as err:
        content.save_article(mine, first)
    assert err.value.code == "version_conflict"
    assert content.get_article("s1", "ver0000001").title == "别人的修改"


def test_moving_article_between_columns_moves_listing_and_digests(content):
    publishing.save_column(content, Column("s1", "a", "甲栏目", ColumnType.NEWS))
    publishing.save_column(content, Column("s1", "b", "乙栏目", ColumnType.NEWS))
    art = publishing.publish_article(content, _article("s1", "mov0000001", "移动", columns=("a",)), now=NOW)
    publishing.publish_article(content, replace(art, column_slugs=("b",)), now=NOW)
    assert content.list_column_articles("s1", "a", limit=5)[0] == []
    assert [e.article_id for _, e in content.list_column_articles("s1", "b", limit=5)[0]] == ["mov0000001"]
    digests = {c.slug: [e.article_id for e in c.latest] for c in content.list_columns("s1")}
    assert digests == {"a": [], "b": ["mov0000001"]}


def test_column_version_conflict(content):
    col = publishing.save_column(content, Column("s1", "xwdt", "动态", ColumnType.NEWS))
    publishing.save_column(content, replace(col, name="改名一"))
    with pytest.raises(ConflictError):
        publishing.save_column(content, replace(col, name="改名二"))
    assert content.list_columns("s1")[0].name == "改名一"


def test_digest_refresh_does_not_break_column_version(content):
    col = publishing.save_column(content, Column("s1", "xwdt", "动态", ColumnType.NEWS))
    publishing.publish_article(content, _article("s1", "dig0000001", "新文章"), now=NOW)
    renamed = publishing.save_column(content, replace(col, name="工作动态"))
    assert renamed.name == "工作动态"
    assert [e.title for e in renamed.latest] == ["新文章"]
