"""Powertools Logger, Metrics and Tracer for the whole app.

Tracing is disabled automatically outside Lambda; metrics can be switched off
locally with POWERTOOLS_METRICS_DISABLED=1.
"""
from __future__ import annotations

import time

from aws_lambda_powertools import Logger, Metrics, Tracer
from aws_lambda_powertools.metrics import MetricUnit

SERVICE = "wuxue-portal"
TENANT_KEYS = ("site", "host")  # appended by the dispatcher, cleared after each request

logger = Logger(service=SERVICE)
metrics = Metrics(namespace="WuxuePortal", service=SERVICE)
tracer = Tracer(service=SERVICE, patch_modules=["botocore"])


def register(app) -> None:  # noqa: ANN001 - chalice.Chalice
    """Per-request structured log line and metrics, flushed at the end of the request."""

    @app.middleware("http")
    def observe(event, get_response):  # noqa: ANN001, ANN202
        started = time.perf_counter()
        try:
            response = get_response(event)
        except Exception:
            logger.remove_keys(list(TENANT_KEYS))
            raise
        elapsed_ms = (time.perf_counter() - started) * 1000
        status = response.status_code
        metrics.add_metric(name="Requests", unit=MetricUnit.Count, value=1)
        if status >= 500:
            metrics.add_metric(name="ServerErrors", unit=MetricUnit.Count, value=1)
        metrics.add_metric(name="Latency", unit=MetricUnit.Milliseconds, value=elapsed_ms)
        metrics.flush_metrics()
        # With POWERTOOLS_METRICS_DISABLED, flush_metrics keeps the buffer and add_metric
        # would print it anyway once 100 values pile up; drop it explicitly.
        metrics.clear_metrics()
        logger.info("request", extra={"status": status, "ms": round(elapsed_ms, 1), "path": event.path})
        logger.remove_keys(list(TENANT_KEYS))
        return response
