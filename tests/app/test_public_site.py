"""Public pages through chalice.test.Client with Host headers."""
from __future__ import annotations

import json
import re

import pytest

from tests.app.conftest import NOW, get, publish


def html(resp) -> str:
    return resp.body.decode("utf-8")


def meta(page: str, name: str) -> str | None:
    m = re.search(rf'<meta name="{name}" content="([^"]*)"', page)
    return m.group(1) if m else None


def test_portal_home_lists_its_news_and_the_unit_sites(cluster, client):
    r = get(client, "www.wuxue.gov.cn", "/")
    assert r.status_code == 200
    page = html(r)
    assert "门户要闻：全市秋冬季安全生产工作会议召开" in page
    assert "武穴市教育局" in page and "https://www.wuxue.gov.cn/jyj/" in page
    assert "武穴市公安局" in page and "https://gaj.wuxue.gov.cn/" in page
    assert "教育局：全市中小学开展消防安全演练" not in page  # units' own news stays on their sites
    assert r.headers["Content-Type"].startswith("text/html")


def test_two_tenants_never_see_each_others_articles(cluster, client):
    jyj = html(get(client, "www.wuxue.gov.cn", "/jyj/"))
    gaj = html(get(client, "gaj.wuxue.gov.cn", "/"))
    assert "教育局：全市中小学开展消防安全演练" in jyj and "公安局：冬季道路交通安全提示" not in jyj
    assert "公安局：冬季道路交通安全提示" in gaj and "教育局：全市中小学开展消防安全演练" not in gaj
    # an article id of one tenant is 404 on another
    assert get(client, "gaj.wuxue.gov.cn", "/article/20261124cccccc").status_code == 404
    assert get(client, "www.wuxue.gov.cn", "/jyj/article/20261123eeeeee").status_code == 404
    assert get(client, "www.wuxue.gov.cn", "/article/20261124cccccc").status_code == 404
    r = get(client, "gaj.wuxue.gov.cn", "/api/v1/articles/20261124cccccc")
    assert r.status_code == 404 and json.loads(r.body)["error"]["code"] == "article_not_found"


@pytest.mark.parametrize("host", ["nosuch.wuxue.gov.cn", "evil.example.com", "a.jyj.wuxue.gov.cn", "127.0.0.1", None])
def test_unknown_hosts_get_a_real_404_without_tenant_content(cluster, client, host):
    r = get(client, host, "/")
    assert r.status_code == 404
    page = html(r)
    assert "武穴市政府网站集约化平台" in page
    assert "门户要闻" not in page and "SiteIDCode" not in page


def test_unknown_pages_inside_a_site_are_404(cluster, client):
    for path in ("/nosuch", "/column/nosuch", "/article/zzzzzz999", "/article/..%2f", "/jyj/column/nosuch", "/a/b/c/d/e/f/g/h"):
        r = get(client, "www.wuxue.gov.cn", path)
        assert r.status_code == 404, path


def test_redirects_between_address_forms(cluster, client):
    r = get(client, "jyj.wuxue.gov.cn", "/column/xwdt")
    assert (r.status_code, r.headers["Location"]) == (301, "https://www.wuxue.gov.cn/jyj/column/xwdt")
    r = get(client, "www.wuxue.gov.cn", "/gaj/")
    assert (r.status_code, r.headers["Location"]) == (301, "https://gaj.wuxue.gov.cn/")
    r = get(client, "wxga.gov.cn", "/zwgk/index.htm")
    assert (r.status_code, r.headers["Location"]) == (301, "https://gaj.wuxue.gov.cn/zwgk/index.htm")
    r = get(client, "wuxue.gov.cn", "/")
    assert (r.status_code, r.headers["Location"]) == (301, "https://www.wuxue.gov.cn/")
    r = get(client, "Jyj.Wuxue.Gov.Cn.:443", "/")
    assert (r.status_code, r.headers["Location"]) == (301, "https://www.wuxue.gov.cn/jyj/")


def test_etag_and_304(deps, cluster, client):
    r = get(client, "www.wuxue.gov.cn", "/jyj/column/xwdt")
    etag = r.headers["ETag"]
    assert re.fullmatch(r'"[0-9a-f]{32}"', etag)
    cc = r.headers["Cache-Control"]
    assert "s-maxage=" in cc and "stale-while-revalidate=" in cc and "public" in cc
    again = get(client, "www.wuxue.gov.cn", "/jyj/column/xwdt", **{"If-None-Match": etag})
    assert again.status_code == 304 and again.body in (b"", "") and again.headers["ETag"] == etag
    other = get(client, "www.wuxue.gov.cn", "/jyj/column/xwdt", **{"If-None-Match": '"stale"'})
    assert other.status_code == 200
    publish(deps, "jyj", "20261125ffffff", "新发布的一条教育动态", ("xwdt",))
    changed = get(client, "www.wuxue.gov.cn", "/jyj/column/xwdt", **{"If-None-Match": etag})
    assert changed.status_code == 200 and "新发布的一条教育动态" in html(changed)


def test_forwarded_host_is_trusted_only_with_the_cdn_secret(cluster, client):
    behind_cdn = {"X-Forwarded-Host": "gaj.wuxue.gov.cn", "X-Cdn-Secret": "s3cret-from-ssm"}
    r = get(client, "abc123.execute-api.cn-north-1.amazonaws.com.cn", "/", **behind_cdn)
    assert r.status_code == 200 and "武穴市公安局" in html(r)
    forged = {"X-Forwarded-Host": "gaj.wuxue.gov.cn", "X-Cdn-Secret": "guess"}
    assert get(client, "abc123.execute-api.cn-north-1.amazonaws.com.cn", "/", **forged).status_code == 404
    # without a secret the Host header decides, whatever X-Forwarded-Host says
    r = get(client, "www.wuxue.gov.cn", "/", **{"X-Forwarded-Host": "gaj.wuxue.gov.cn"})
    assert "武穴市人民政府" in html(r) and meta(html(r), "SiteName") == "武穴市人民政府"


def test_government_page_norms_in_footer_and_meta(cluster, client):
    page = html(get(client, "www.wuxue.gov.cn", "/"))
    assert meta(page, "SiteName") == "武穴市人民政府"
    assert meta(page, "SiteDomain") == "www.wuxue.gov.cn"
    assert meta(page, "SiteIDCode") == "4211820001"
    assert "https://beian.miit.gov.cn/" in page and "鄂ICP备00000000号-1" in page
    assert "http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=42118202000001" in page
    assert "我为政府网站找错" in page and "idCode=4211820001" in page
    assert "党政机关" in page and "网站地图" in page and "主办单位" in page and "0713-6211111" in page
    # a path-mounted unit inherits the portal's marks; it is the 承办单位
    jyj = html(get(client, "www.wuxue.gov.cn", "/jyj/"))
    assert meta(jyj, "SiteIDCode") == "4211820001" and meta(jyj, "SiteDomain") == "www.wuxue.gov.cn"
    assert "武穴市人民政府办公室" in jyj and "武穴市教育局" in jyj and "0713-6222222" in jyj
    # a subdomain unit keeps its own code
    gaj = html(get(client, "gaj.wuxue.gov.cn", "/"))
    assert meta(gaj, "SiteIDCode") == "4211820099" and meta(gaj, "SiteDomain") == "gaj.wuxue.gov.cn"


def test_column_and_article_pages_carry_column_and_article_meta(cluster, client):
    col = html(get(client, "www.wuxue.gov.cn", "/column/tzgg"))
    assert meta(col, "ColumnName") == "通知公告" and meta(col, "ColumnType") == "通知公告"
    assert "关于做好2027年元旦春节期间有关工作的通知" in col and "2026年11月20日" in col
    art = html(get(client, "www.wuxue.gov.cn", "/article/20261120bbbbbb"))
    assert meta(art, "ArticleTitle") == "关于做好2027年元旦春节期间有关工作的通知"
    assert meta(art, "PubDate") == "2026-11-20 10:00"
    assert meta(art, "ContentSource") == "武穴市人民政府办公室"
    assert meta(art, "ColumnName") == "通知公告"
    assert "武政办发〔2026〕35号" in art and "2026年11月20日" in art


def test_single_page_column_shows_its_page_and_link_column_redirects(cluster, client):
    page = html(get(client, "www.wuxue.gov.cn", "/jyj/column/jgzn"))
    assert "武穴市教育局机构职能正文" in page
    r = get(client, "www.wuxue.gov.cn", "/column/bszn")
    assert r.status_code == 302 and r.headers["Location"] == "https://zwfw.hubei.gov.cn/"


def test_column_pagination_by_cursor(deps, cluster, client):
    for i in range(25):
        publish(deps, "gaj", f"pg{i:06d}", f"分页测试第{i:02d}条", ("tzgg",), days_ago=10 + i)
    first = html(get(client, "gaj.wuxue.gov.cn", "/column/tzgg"))
    nxt = re.search(r'href="(/column/tzgg\?cursor=[^"]+)"', first)
    assert nxt, "first page links to the next page"
    second = html(get(client, "gaj.wuxue.gov.cn", nxt.group(1).replace("&amp;", "&")))
    titles = lambda p: re.findall(r"分页测试第(\d\d)条", p)  # noqa: E731
    assert titles(first)[:3] == ["00", "01", "02"]
    assert set(titles(first)).isdisjoint(titles(second))
    assert len(titles(first)) + len(titles(second)) == 25
    bad = get(client, "gaj.wuxue.gov.cn", "/column/tzgg?cursor=bogus!")
    assert bad.status_code == 400 and "分页参数无效" in html(bad)
    assert bad.headers["Cache-Control"] == "no-store"


def test_drafts_are_not_public(deps, cluster, client):
    from chalicelib.domain.content import Article
    deps.content.save_article(Article("www", "draft000001", "尚未发布的草稿", ("xwdt",), NOW, body_html="<p>x</p>"))
    assert get(client, "www.wuxue.gov.cn", "/article/draft000001").status_code == 404
    assert "尚未发布的草稿" not in html(get(client, "www.wuxue.gov.cn", "/column/xwdt"))


def test_article_body_is_sanitised_on_publish(deps, cluster, client):
    publish(deps, "www", "xss0000001", "<script>alert(1)</script>标题", ("xwdt",),
            body_html='<p onmouseover="alert(2)">正文</p><script>alert(3)</script><img src=x onerror="alert(4)">')
    page = html(get(client, "www.wuxue.gov.cn", "/article/xss0000001"))
    assert "<script>alert" not in page and "onerror" not in page and "onmouseover" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;标题" in page


def test_static_files_are_served_with_long_cache_when_versioned(cluster, client):
    from chalicelib.web.rendering import static_url
    url = static_url("site.css")
    r = get(client, "www.wuxue.gov.cn", url)
    assert r.status_code == 200 and "immutable" in r.headers["Cache-Control"]
    assert r.headers["Content-Type"].startswith("text/css")
    assert get(client, "www.wuxue.gov.cn", "/static/../app.py").status_code == 404


def test_sitemap_page_lists_columns(cluster, client):
    page = html(get(client, "www.wuxue.gov.cn", "/jyj/sitemap"))
    assert "网站地图" in page and "/jyj/column/xwdt" in page and "/jyj/column/tzgg" in page


def test_storage_failure_gives_a_chinese_503_not_a_stack_trace(deps, cluster, client, monkeypatch):
    def broken(site_id):
        raise RuntimeError("DynamoDB is unreachable")

    monkeypatch.setattr(deps.content, "list_columns", broken)
    r = get(client, "www.wuxue.gov.cn", "/")
    assert r.status_code == 503
    assert "系统繁忙" in html(r) and "DynamoDB" not in html(r) and "Traceback" not in html(r)
    assert r.headers["Cache-Control"] == "no-store" and r.headers["Retry-After"] == "30"
