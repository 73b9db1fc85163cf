"""Each public page costs at most 2 DynamoDB requests in steady state, and never a Scan."""
from __future__ import annotations

import pytest

from tests.app.conftest import get
from tools.instrumentation import count_dynamodb_calls

PAGES = [
    ("www.wuxue.gov.cn", "/"),
    ("www.wuxue.gov.cn", "/jyj/"),
    ("gaj.wuxue.gov.cn", "/"),
    ("www.wuxue.gov.cn", "/column/tzgg"),
    ("www.wuxue.gov.cn", "/jyj/column/jgzn"),
    ("www.wuxue.gov.cn", "/article/20261120bbbbbb"),
    ("gaj.wuxue.gov.cn", "/sitemap"),
    ("www.wuxue.gov.cn", "/api/v1/sites"),
    ("gaj.wuxue.gov.cn", "/api/v1/columns"),
    ("gaj.wuxue.gov.cn", "/api/v1/articles?column=tzgg"),
    ("gaj.wuxue.gov.cn", "/api/v1/articles/20261123eeeeee"),
    ("gaj.wuxue.gov.cn", "/rss.xml"),
    ("www.wuxue.gov.cn", "/jyj/atom.xml"),
    ("www.wuxue.gov.cn", "/column/tzgg/rss.xml"),
    ("gaj.wuxue.gov.cn", "/robots.txt"),
    ("nosuch.wuxue.gov.cn", "/"),
    ("jyj.wuxue.gov.cn", "/"),
]


@pytest.mark.parametrize("host, path", PAGES)
def test_page_costs_at_most_two_requests_and_no_scan(cluster, client, host, path):
    get(client, "www.wuxue.gov.cn", "/")  # warm the host map cache
    with count_dynamodb_calls() as calls:
        r = get(client, host, path)
    assert r.status_code in (200, 301, 302, 404)
    assert sum(calls.values()) <= 2, dict(calls)
    assert "Scan" not in calls


def test_host_map_is_loaded_once_per_ttl(cluster, client):
    with count_dynamodb_calls() as calls:
        for _ in range(5):
            get(client, "www.wuxue.gov.cn", "/api/v1/sites")
    assert calls["Query"] == 1  # the registry query; later requests use the in-memory map
