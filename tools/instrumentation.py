"""Count DynamoDB API calls made by this process (benchmarks and request-budget tests)."""
from __future__ import annotations

from collections import Counter
from contextlib import contextmanager
from typing import Iterator

from botocore.client import BaseClient


@contextmanager
def count_dynamodb_calls() -> Iterator[Counter]:
    """Yield a Counter of operation name -> calls while the block runs."""
    calls: Counter = Counter()
    original = BaseClient._make_api_call

    def counting(self, operation_name, api_params):  # noqa: ANN001, ANN202
        if self.meta.service_model.service_name == "dynamodb":
            calls[operation_name] += 1
        return original(self, operation_name, api_params)

    BaseClient._make_api_call = counting
    try:
        yield calls
    finally:
        BaseClient._make_api_call = original
