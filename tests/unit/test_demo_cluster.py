"""Invariants of the demo cluster data (chalicelib/demo/cluster.py)."""
from __future__ import annotations

import dataclasses
import re
from collections import Counter

import pytest

from chalicelib.demo import cluster
from chalicelib.demo.cluster import PORTAL, UNITS, DemoArticle, DemoColumn, DemoSite
from chalicelib.domain.content import ColumnType, validate_slug
from chalicelib.domain.tenancy import RESERVED_LABELS, AddressMode, SiteKind, validate_label

SITES = (PORTAL, *UNITS)
BRIEF_RESERVED = set(
    "www admin api static mail column article sitemap search assets cdn m wap ftp login feed rss robots".split()
)
LABEL = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,28}[a-z0-9])$")
SLUG = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,28}[a-z0-9])$")
KEY = re.compile(r"^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$")
DOC_NUMBER = re.compile(r"^[\u4e00-\u9fff]{2,8}〔(2025|2026)〕[1-9]\d{0,3}号$")
PHONE = re.compile(r"^0713-62\d{5}$|^0713-6[2-9]\d{5}$")
KINDS = {"portal", "department", "town", "subdistrict"}
MODES = {"subdomain", "path"}
TYPES = {"news", "notice", "policy", "page", "link"}
LIST_TYPES = {"news", "notice", "policy"}


def site_ids(site: DemoSite) -> str:
    return site.label


def all_columns():
    return [(site, col) for site in SITES for col in site.columns]


def all_articles():
    return [(site, col, art) for site in SITES for col in site.columns for art in col.articles]


def test_types_are_frozen_dataclasses():
    for cls in (DemoArticle, DemoColumn, DemoSite):
        assert dataclasses.is_dataclass(cls)
        assert cls.__dataclass_params__.frozen


def test_enough_real_units():
    assert len(UNITS) >= 24
    kinds = Counter(u.kind for u in UNITS)
    assert kinds["department"] >= 15
    assert kinds["town"] == 8
    assert kinds["subdistrict"] == 3


def test_portal_identity_and_footer_marks():
    assert PORTAL.label == "www"
    assert PORTAL.kind == "portal"
    assert PORTAL.name == "武穴市人民政府"
    assert PORTAL.sponsor == "武穴市人民政府办公室"
    assert re.fullmatch(r"421182\d{4}", cluster.PORTAL_SITE_CODE)
    assert cluster.PORTAL_ICP.startswith("鄂ICP备")
    assert cluster.PORTAL_POLICE_RECORD.startswith("鄂公网安备")


def test_labels_unique_valid_and_not_reserved():
    labels = [s.label for s in SITES]
    assert len(labels) == len(set(labels))
    for unit in UNITS:
        assert LABEL.match(unit.label), unit.label
        assert unit.label not in BRIEF_RESERVED, unit.label
        assert unit.label not in RESERVED_LABELS, unit.label
        assert validate_label(unit.label) == unit.label


def test_kinds_and_modes():
    assert {s.kind for s in SITES} == KINDS
    assert [s.kind for s in SITES].count("portal") == 1
    for site in SITES:
        assert site.kind in KINDS and SiteKind(site.kind)
        assert site.address_mode in MODES and AddressMode(site.address_mode)
    modes = Counter(u.address_mode for u in UNITS)
    assert set(modes) == MODES
    assert 0.35 <= modes["path"] / len(UNITS) <= 0.65


@pytest.mark.parametrize("site", SITES, ids=site_ids)
def test_site_contact(site):
    assert site.name.startswith("武穴市")
    assert site.sponsor
    assert site.address.startswith("湖北省武穴市")
    assert PHONE.match(site.phone), site.phone
    assert site.postcode == "435400"


def test_unit_names_unique():
    names = [s.name for s in SITES]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("site", SITES, ids=site_ids)
def test_columns_slugs_types_and_tree(site):
    slugs = [c.slug for c in site.columns]
    assert len(slugs) == len(set(slugs)), slugs
    by_slug = {c.slug: c for c in site.columns}
    for col in site.columns:
        assert SLUG.match(col.slug), col.slug
        assert validate_slug(col.slug) == col.slug
        assert col.type in TYPES and ColumnType(col.type)
        assert col.name
        if col.parent is not None:
            assert col.parent in by_slug, (site.label, col.slug)
            assert col.parent != col.slug
            assert by_slug[col.parent].parent is None, "at most two levels"
    if site.kind != "portal":
        assert 4 <= len(site.columns) <= 6, site.label


@pytest.mark.parametrize("site", SITES, ids=site_ids)
def test_column_contents(site):
    for col in site.columns:
        if col.type == "page":
            assert len(col.articles) == 1, (site.label, col.slug)
        elif col.type == "link":
            assert col.articles == ()
            assert col.link_url and re.match(r"^https?://[a-z0-9.-]+\.gov\.cn/", col.link_url), col.link_url
        else:
            assert col.articles, (site.label, col.slug)
            low, high = (4, 6) if site.kind == "portal" else (2, 4)
            assert low <= len(col.articles) <= high, (site.label, col.slug, len(col.articles))
        if col.type != "link":
            assert col.link_url is None


def test_portal_columns():
    cols = {c.slug: c for c in PORTAL.columns}
    assert cols["ywdt"].type == "news" and cols["ywdt"].name == "要闻动态"
    children = {c.name: c for c in PORTAL.columns if c.parent == "ywdt"}
    assert set(children) == {"武穴要闻", "部门动态", "镇处动态"}
    assert all(c.type == "news" for c in children.values())
    by_name = {c.name: c for c in PORTAL.columns}
    assert by_name["通知公告"].type == "notice"
    assert by_name["政策文件"].type == "policy"
    assert by_name["政府信息公开"].type == "page"
    assert by_name["市情概况"].type == "page"
    assert by_name["办事服务"].type == "link"
    assert by_name["政策解读"].type in ("news", "policy")


def test_freshness():
    for site, col in all_columns():
        if col.type not in LIST_TYPES:
            continue
        newest = min(a.days_ago for a in col.articles)
        if col.type == "news":
            assert newest <= (3 if site.kind == "portal" else 10), (site.label, col.slug, newest)
        else:
            assert newest <= 120, (site.label, col.slug, newest)


def test_dates_and_hours_plausible():
    for site, col, art in all_articles():
        assert 0 <= art.days_ago <= 185, (site.label, art.key)
        assert 8 <= art.hour <= 18, (site.label, art.key)
    # the dates are spread, not bunched on a few days
    assert len({a.days_ago for _, _, a in all_articles()}) >= 100


@pytest.mark.parametrize("site", SITES, ids=site_ids)
def test_article_keys_unique_per_site(site):
    keys = [a.key for c in site.columns for a in c.articles]
    assert len(keys) == len(set(keys)), [k for k, n in Counter(keys).items() if n > 1]
    for key in keys:
        assert KEY.match(key), key


def test_titles_unique_across_data_set():
    titles = Counter(a.title for _, _, a in all_articles())
    assert [t for t, n in titles.items() if n > 1] == []


def test_article_text():
    for site, col, art in all_articles():
        where = (site.label, art.key)
        assert art.title and len(art.title) <= 80, where
        assert 2 <= len(art.paragraphs) <= 5, where
        for para in art.paragraphs:
            assert para and para == para.strip(), where
            assert not re.search(r"[{}<>]|None", para), where
        assert art.source.startswith("武穴市"), where
        if art.summary is not None:
            assert art.summary and len(art.summary) <= 90, where
        assert all(art.keywords)


def test_doc_numbers():
    numbered = [(s, c, a) for s, c, a in all_articles() if a.doc_number]
    assert len(numbered) >= 60
    for site, col, art in numbered:
        assert DOC_NUMBER.match(art.doc_number), (site.label, art.doc_number)
        assert "[" not in art.doc_number and "（" not in art.doc_number
    # every list of policy documents (政策文件) of a site carries 文号
    for site, col in all_columns():
        if col.type == "policy" and col.slug in ("zcwj", "zwgk"):
            assert all(a.doc_number for a in col.articles), (site.label, col.slug)
    # one 文号 names one document within a site
    for site in SITES:
        numbers = [a.doc_number for c in site.columns for a in c.articles if a.doc_number]
        assert len(numbers) == len(set(numbers)), site.label


def test_units_cover_the_real_towns_and_subdistricts():
    names = {u.name for u in UNITS}
    for town in ("梅川镇", "余川镇", "花桥镇", "大法寺镇", "石佛寺镇", "龙坪镇", "四望镇", "大金镇"):
        assert f"武穴市{town}人民政府" in names
    for street in ("武穴街道", "田镇街道", "刊江街道"):
        assert f"武穴市{street}办事处" in names


def test_helpers():
    assert cluster.doc_number("武教发", 12) == "武教发〔2026〕12号"
    assert cluster.first_sentence("第一句。第二句。") == "第一句。"
    assert cluster.first_sentence("很长" * 60 + "。") is None
    assert cluster.all_sites()[0] is PORTAL
    pairs = list(cluster.iter_articles(PORTAL))
    assert len(pairs) == sum(len(c.articles) for c in PORTAL.columns)
