"""Structured request logs carry the tenant, and tenant keys do not leak into later requests."""
from __future__ import annotations

import io
import json
import logging

import pytest

from chalicelib.observability import logger
from tests.app.conftest import get


@pytest.fixture
def log_lines():
    buffer = io.StringIO()
    handler = logging.StreamHandler(buffer)
    handler.setFormatter(logger.registered_formatter)
    logger.addHandler(handler)
    previous = logger.log_level
    logger.setLevel("INFO")
    yield lambda: [json.loads(line) for line in buffer.getvalue().splitlines() if line.strip()]
    logger.setLevel(previous)
    logger.removeHandler(handler)


def test_request_log_names_site_and_host_and_is_cleared_after(cluster, client, log_lines):
    get(client, "www.wuxue.gov.cn", "/jyj/api/v1/columns")
    get(client, "nosuch.wuxue.gov.cn", "/")
    first, second = [l for l in log_lines() if l["message"] == "request"]
    assert first["site"] == "jyj" and first["host"] == "www.wuxue.gov.cn" and first["status"] == 200
    assert second["status"] == 404 and "site" not in second and "host" not in second
