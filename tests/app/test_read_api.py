"""The JSON read API and its OpenAPI 3.1 document."""
from __future__ import annotations

import json

import jsonschema
import pytest
from openapi_spec_validator import validate

from tests.app.conftest import get, publish


def body(resp):
    return json.loads(resp.body)


@pytest.fixture
def spec(cluster, client):
    r = get(client, "www.wuxue.gov.cn", "/api/openapi.json")
    assert r.status_code == 200
    doc = body(r)
    validate(doc)  # a valid OpenAPI 3.1 document
    return doc


def check(spec, path, status, payload):
    op = spec["paths"][path]["get"]
    schema = op["responses"][str(status)]["content"]["application/json"]["schema"]
    resolver_doc = {"components": spec["components"], **schema}
    jsonschema.validate(payload, resolver_doc, cls=jsonschema.Draft202012Validator)


def test_sites_on_portal_lists_every_site_with_absolute_urls(spec, client):
    data = body(get(client, "www.wuxue.gov.cn", "/api/v1/sites"))
    check(spec, "/api/v1/sites", 200, data)
    by_label = {s["label"]: s for s in data["items"]}
    assert set(by_label) == {"www", "jyj", "gaj"}
    assert by_label["jyj"]["url"] == "https://www.wuxue.gov.cn/jyj/"
    assert by_label["gaj"]["url"] == "https://gaj.wuxue.gov.cn/"
    assert by_label["gaj"]["aliases"] == ["https://wxga.gov.cn/"]


def test_sites_on_unit_lists_only_itself(spec, client):
    data = body(get(client, "gaj.wuxue.gov.cn", "/api/v1/sites"))
    assert [s["label"] for s in data["items"]] == ["gaj"]


def test_columns_and_articles_validate_against_the_document(spec, client):
    cols = body(get(client, "www.wuxue.gov.cn", "/jyj/api/v1/columns"))
    check(spec, "/api/v1/columns", 200, cols)
    assert [c["slug"] for c in cols["items"]] == ["xwdt", "tzgg", "jgzn", "bszn"]
    assert cols["items"][0]["url"] == "https://www.wuxue.gov.cn/jyj/column/xwdt"
    arts = body(get(client, "www.wuxue.gov.cn", "/jyj/api/v1/articles?column=xwdt"))
    check(spec, "/api/v1/articles", 200, arts)
    [item] = arts["items"]
    one = body(get(client, "www.wuxue.gov.cn", f"/jyj/api/v1/articles/{item['id']}"))
    check(spec, "/api/v1/articles/{id}", 200, one)
    assert one["title"] == item["title"] and one["url"] == item["url"]


def test_api_pagination_and_errors(deps, spec, client):
    for i in range(5):
        publish(deps, "gaj", f"api{i:07d}", f"接口测试{i}", ("tzgg",), days_ago=3 + i)
    seen, cursor = [], None
    while True:
        q = "/api/v1/articles?column=tzgg&limit=2" + (f"&cursor={cursor}" if cursor else "")
        page = body(get(client, "gaj.wuxue.gov.cn", q))
        check(spec, "/api/v1/articles", 200, page)
        seen += [i["id"] for i in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert len(seen) == len(set(seen)) == 6  # 5 + the fixture's article filed in tzgg
    for query, status, code in (
        ("", 400, "column_required"),
        ("?column=tzgg&limit=0", 400, "invalid_limit"),
        ("?column=tzgg&limit=abc", 400, "invalid_limit"),
        ("?column=tzgg&cursor=@@", 400, "invalid_cursor"),
        ("?column=nosuch", 404, "column_not_found"),
    ):
        r = get(client, "gaj.wuxue.gov.cn", "/api/v1/articles" + query)
        assert r.status_code == status, query
        payload = body(r)
        assert payload["error"]["code"] == code
        check(spec, "/api/v1/articles", status, payload)
    assert get(client, "gaj.wuxue.gov.cn", "/api/v1/nosuch").status_code == 404


def test_openapi_servers_point_at_the_site(spec, client):
    assert spec["servers"] == [{"url": "https://www.wuxue.gov.cn"}]
    mounted = body(get(client, "www.wuxue.gov.cn", "/jyj/api/openapi.json"))
    assert mounted["servers"] == [{"url": "https://www.wuxue.gov.cn/jyj"}]


def test_every_documented_path_is_routed(spec, client):
    for path in spec["paths"]:
        concrete = path.replace("{id}", "20261125aaaaaa")
        r = get(client, "www.wuxue.gov.cn", concrete + ("?column=xwdt" if path.endswith("/articles") else ""))
        assert r.status_code == 200, path
