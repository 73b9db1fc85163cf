from __future__ import annotations

import itertools
import os

import pytest
from moto import mock_aws

from chalicelib.adapters.dynamo.models import bind_models
from chalicelib.adapters.dynamo.repository import ContentRepository, SiteRepository
from chalicelib.adapters.dynamo.tables import ensure_table
from tools.dynamodb_local import running_dynamodb_local

_names = itertools.count()


@pytest.fixture(scope="session")
def dynamodb_local_endpoint():
    with running_dynamodb_local() as endpoint:
        yield endpoint


@pytest.fixture(params=["moto", "dynamodb-local"])
def models(request, monkeypatch):
    """Fresh table on moto and on a real DynamoDB Local: the same contract holds on both."""
    name = f"adapter-test-{next(_names)}"
    if request.param == "moto":
        with mock_aws():
            m = bind_models(name, "cn-north-1")
            ensure_table(m)
            yield m
    else:
        endpoint = request.getfixturevalue("dynamodb_local_endpoint")
        monkeypatch.setenv("AWS_ENDPOINT_URL_DYNAMODB", endpoint)
        m = bind_models(name + "-ddblocal", "cn-north-1")
        ensure_table(m)
        yield m


@pytest.fixture
def sites(models):
    return SiteRepository(models)


@pytest.fixture
def content(models):
    return ContentRepository(models)
