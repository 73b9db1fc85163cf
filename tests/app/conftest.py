from __future__ import annotations

import itertools
from datetime import datetime, timedelta, timezone

import pytest
from chalice.test import Client
from moto import mock_aws

from chalicelib import container
from chalicelib.adapters.dynamo.repository import translate_claim_error
from chalicelib.adapters.dynamo.tables import ensure_table
from chalicelib.domain.content import Article, ArticleStatus, Column, ColumnType
from chalicelib.domain.tenancy import AddressMode, Contact, FooterMarks, Site, SiteKind
from chalicelib.services import publishing
from chalicelib.services.sites import register_site
from chalicelib.settings import load_settings

NOW = datetime(2026, 11, 25, 2, 0, tzinfo=timezone.utc)
_tables = itertools.count()

STAGE_ENV = {
    "STAGE": "test",
    "ROOT_DOMAINS": "wuxue.gov.cn,wuxue.localhost",
    "PUBLIC_SCHEME": "https",
    "CDN_SECRET": "s3cret-from-ssm",
    "REGISTRY_TTL_SECONDS": "60",
}


@pytest.fixture
def deps():
    with mock_aws():
        settings = load_settings({**STAGE_ENV, "TABLE_NAME": f"portal-test-{next(_tables)}", "AWS_DEFAULT_REGION": "cn-north-1"})
        built = container.build(settings)
        ensure_table(built.models)
        container.override(built)
        yield built
        container.reset()


def _register(deps, site: Site) -> Site:
    s = deps.settings
    return register_site(deps.sites, site, root_domains=s.root_domains, portal_label=s.portal_label,
                         is_claim_conflict=translate_claim_error)


def publish(deps, site_id: str, article_id: str, title: str, columns: tuple[str, ...], days_ago: float = 0, **extra) -> Article:
    return publishing.publish_article(
        deps.content,
        Article(site_id=site_id, article_id=article_id, title=title, column_slugs=columns,
                published_at=NOW - timedelta(days=days_ago), body_html=extra.pop("body_html", f"<p>{title}正文</p>"),
                source=extra.pop("source", "武穴市人民政府办公室"), **extra),
        now=NOW,
    )


@pytest.fixture
def cluster(deps):
    """Portal 'www', a path-mounted 教育局 'jyj' and a subdomain 公安局 'gaj' with an alias."""
    portal = _register(deps, Site(
        site_id="www", label="www", name="武穴市人民政府", kind=SiteKind.PORTAL, address_mode=AddressMode.SUBDOMAIN,
        sponsor="武穴市人民政府办公室", contact=Contact(address="湖北省武穴市永宁大道1号", phone="0713-6211111"),
        marks=FooterMarks(site_code="4211820001", icp="鄂ICP备00000000号-1", police_record="鄂公网安备 42118202000001号")))
    jyj = _register(deps, Site(
        site_id="jyj", label="jyj", name="武穴市教育局", kind=SiteKind.DEPARTMENT, address_mode=AddressMode.PATH,
        parent_id="www", sponsor="武穴市教育局", contact=Contact(address="武穴市教育路2号", phone="0713-6222222")))
    gaj = _register(deps, Site(
        site_id="gaj", label="gaj", name="武穴市公安局", kind=SiteKind.DEPARTMENT, address_mode=AddressMode.SUBDOMAIN,
        parent_id="www", aliases=("wxga.gov.cn",), sponsor="武穴市公安局",
        contact=Contact(address="武穴市公安路3号", phone="0713-6233333"),
        marks=FooterMarks(site_code="4211820099")))
    for site_id, prefix in (("www", "门户"), ("jyj", "教育"), ("gaj", "公安")):
        publishing.save_column(deps.content, Column(site_id=site_id, slug="xwdt", name=f"{prefix}动态", type=ColumnType.NEWS, order=0))
        publishing.save_column(deps.content, Column(site_id=site_id, slug="tzgg", name="通知公告", type=ColumnType.NOTICE, order=1))
        publishing.save_column(deps.content, Column(site_id=site_id, slug="jgzn", name="机构职能", type=ColumnType.PAGE, order=2))
        publishing.save_column(deps.content, Column(site_id=site_id, slug="bszn", name="办事服务", type=ColumnType.LINK, order=3, link_url="https://zwfw.hubei.gov.cn/"))
    publish(deps, "www", "20261125aaaaaa", "门户要闻：全市秋冬季安全生产工作会议召开", ("xwdt",))
    publish(deps, "www", "20261120bbbbbb", "关于做好2027年元旦春节期间有关工作的通知", ("tzgg",), days_ago=5, doc_number="武政办发〔2026〕35号")
    publish(deps, "jyj", "20261124cccccc", "教育局：全市中小学开展消防安全演练", ("xwdt",), days_ago=1)
    publish(deps, "jyj", "20261101dddddd", "武穴市教育局机构职能", ("jgzn",), days_ago=24)
    publish(deps, "gaj", "20261123eeeeee", "公安局：冬季道路交通安全提示", ("xwdt", "tzgg"), days_ago=2)
    deps.directory.invalidate()
    return {"portal": portal, "jyj": jyj, "gaj": gaj}


@pytest.fixture
def client(deps):
    import app as app_module

    with Client(app_module.app, stage_name="local") as c:
        yield c


def get(client, host: str | None, path: str, **headers):
    if host is not None:
        headers["Host"] = host
    return client.http.get(path, headers=headers)
