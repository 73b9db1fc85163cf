"""End to end: the stack `make run` starts (DynamoDB Local + bootstrap + chalice local), over real HTTP.

Runs tools.run_local as a subprocess on free ports with a temporary data dir,
then checks pages, the read API, address redirects, a restart on the same data
(the demo is seeded once) and that SIGINT stops every process it started.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.e2e

PORTAL_NAME = "武穴市人民政府"


def sites(stack) -> list[dict]:
    resp = stack.get(stack.host("www"), "/api/v1/sites")
    assert resp.status_code == 200, resp.text[:500]
    return resp.json()["items"]


def unit(stack, mode: str) -> dict:
    found = [s for s in sites(stack) if s["kind"] != "portal" and s["address_mode"] == mode]
    assert found, f"no {mode} unit site in the demo cluster"
    return found[0]


def article_count(stack, site: dict, slug: str) -> int:
    """All published articles of one column, following the cursor."""
    count, cursor = 0, None
    for _ in range(100):
        query = f"api/v1/articles?column={slug}" + (f"&cursor={cursor}" if cursor else "")
        resp = stack.get_url(site["url"] + query)
        assert resp.status_code == 200, resp.text[:500]
        body = resp.json()
        count += len(body["items"])
        cursor = body.get("next_cursor")
        if not cursor:
            return count
    raise AssertionError("more than 100 pages of articles")


def seeded_counts(stack) -> dict:
    """Sites, and articles of every column of the first path-mounted unit."""
    all_sites = sites(stack)
    site = next(s for s in all_sites if s["kind"] != "portal" and s["address_mode"] == "path")
    resp = stack.get_url(site["url"] + "api/v1/columns")
    assert resp.status_code == 200, resp.text[:500]
    columns = resp.json()["items"]
    return {
        "sites": sorted(s["site_id"] for s in all_sites),
        "columns": sorted(c["slug"] for c in columns),
        "articles": {c["slug"]: article_count(stack, site, c["slug"]) for c in columns},
    }


def assert_stopped_cleanly(stack, seconds: float) -> None:
    assert stack.proc.returncode is not None
    assert seconds < 20, f"run_local took {seconds:.1f} s to exit after SIGINT"
    assert not stack.listening_ports(), f"still listening after SIGINT: {stack.listening_ports()}\n{stack.log_tail()}"
    assert not stack.leftovers(), f"processes left after SIGINT: {stack.leftovers()}\n{stack.log_tail()}"


def test_portal_home_is_html_with_cache_validators(running_stack):
    resp = running_stack.get(running_stack.host("www"), "/")
    assert resp.status_code == 200, resp.text[:500]
    assert resp.headers["Content-Type"].startswith("text/html")
    assert PORTAL_NAME in resp.text
    assert re.search(r'<meta\s+name="SiteIDCode"', resp.text), "national page-norm meta tag missing"
    etag = resp.headers.get("ETag")
    assert etag, "no ETag"
    assert "s-maxage" in resp.headers.get("Cache-Control", "")

    again = running_stack.get(running_stack.host("www"), "/", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""


def test_unknown_host_is_a_real_404(running_stack):
    portal = running_stack.get(running_stack.host("www"), "/")
    resp = running_stack.get(running_stack.host("nosuchsite"), "/")
    assert resp.status_code == 404
    assert resp.text != portal.text
    # none of the portal's own page: not its identity code, not its list of unit sites
    portal_code = re.search(r'<meta\s+name="SiteIDCode"\s+content="([^"]*)"', portal.text)
    if portal_code and portal_code.group(1):
        assert f'content="{portal_code.group(1)}"' not in resp.text
    portal_title = re.search(r"<title>(.*?)</title>", portal.text, re.S)
    if portal_title:
        assert portal_title.group(0) not in resp.text
    unit_names = [s["name"] for s in sites(running_stack) if s["kind"] != "portal"]
    assert sum(name in resp.text for name in unit_names) <= 1


def test_sites_api_lists_the_cluster_with_absolute_urls(running_stack):
    resp = running_stack.get(running_stack.host("www"), "/api/v1/sites")
    assert resp.status_code == 200
    assert resp.headers["Content-Type"].startswith("application/json")
    items = resp.json()["items"]
    assert len(items) >= 21, f"portal + at least 20 units expected, got {len(items)}"
    assert sum(s["kind"] == "portal" for s in items) == 1
    for site in items:
        for key in ("label", "name", "kind", "url"):
            assert site.get(key), (key, site)
        url = urlsplit(site["url"])
        assert url.scheme == "http" and url.hostname.endswith(".wuxue.localhost") and url.port == running_stack.port, site
    assert {s["address_mode"] for s in items if s["kind"] != "portal"} == {"path", "subdomain"}


def test_path_mounted_unit_and_its_subdomain_form(running_stack):
    site = unit(running_stack, "path")
    port = running_stack.port
    assert site["url"] == f"http://www.wuxue.localhost:{port}/{site['label']}/"
    page = running_stack.get_url(site["url"])
    assert page.status_code == 200, page.text[:500]
    assert site["name"] in page.text

    other_form = running_stack.get(running_stack.host(site["label"]), "/")
    assert other_form.status_code == 301
    assert other_form.headers["Location"] == site["url"]


def test_subdomain_unit_and_its_path_form(running_stack):
    site = unit(running_stack, "subdomain")
    port = running_stack.port
    assert site["url"] == f"http://{site['label']}.wuxue.localhost:{port}/"
    page = running_stack.get_url(site["url"])
    assert page.status_code == 200, page.text[:500]
    assert site["name"] in page.text

    other_form = running_stack.get(running_stack.host("www"), f"/{site['label']}/")
    assert other_form.status_code == 301
    assert other_form.headers["Location"] == f"http://{site['label']}.wuxue.localhost:{port}/"


def test_restart_on_the_same_data_seeds_nothing_twice(running_stack):
    before = seeded_counts(running_stack)
    assert len(before["sites"]) >= 21
    assert sum(before["articles"].values()) > 0

    seconds = running_stack.stop()
    assert_stopped_cleanly(running_stack, seconds)
    running_stack.start()

    after = seeded_counts(running_stack)
    assert after == before


def test_sigint_stops_everything(running_stack):
    assert running_stack.leftovers(), "the running stack's processes should be visible"
    seconds = running_stack.stop()
    assert_stopped_cleanly(running_stack, seconds)
