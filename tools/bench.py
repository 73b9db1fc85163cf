"""`make bench`: DynamoDB requests and render time per page type, and handler import time.

Runs the real app in-process (chalice.test.Client) against a throwaway in-memory
DynamoDB Local seeded with the demo cluster, so request counts are those of real
DynamoDB calls. Budgets (issue 2): at most 2 DynamoDB requests per public page
in steady state, no Scan on a request path.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[index]


def import_time(runs: int = 5) -> tuple[float, float]:
    """Median seconds to import the handler module in a fresh interpreter (cold, then warm bytecode)."""
    probe = "import time; t=time.perf_counter(); import app; print(time.perf_counter()-t)"
    env = {**os.environ, "POWERTOOLS_TRACE_DISABLED": "1"}
    samples = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", probe], cwd=REPO, env=env, capture_output=True, text=True, check=True)
        samples.append(float(out.stdout.strip().splitlines()[-1]))
    return samples[0], statistics.median(samples[1:])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Portal page benchmarks")
    parser.add_argument("--requests", type=int, default=200, help="requests per page type")
    args = parser.parse_args(argv)

    os.environ.setdefault("AWS_ACCESS_KEY_ID", "bench")
    os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "bench")
    os.environ.setdefault("AWS_DEFAULT_REGION", "cn-north-1")
    os.environ["POWERTOOLS_TRACE_DISABLED"] = "1"
    os.environ["POWERTOOLS_METRICS_DISABLED"] = "1"
    os.environ["POWERTOOLS_LOG_LEVEL"] = "WARNING"

    from chalice.test import Client

    from chalicelib import container
    from chalicelib.adapters.dynamo.repository import translate_claim_error
    from chalicelib.adapters.dynamo.tables import ensure_table
    from chalicelib.demo.seed import seed_demo
    from chalicelib.settings import load_settings
    from chalicelib.web import rendering
    from tools.dynamodb_local import running_dynamodb_local
    from tools.instrumentation import count_dynamodb_calls

    cold, warm = import_time()
    with running_dynamodb_local() as endpoint:
        os.environ["AWS_ENDPOINT_URL_DYNAMODB"] = endpoint
        settings = load_settings({"STAGE": "bench", "ROOT_DOMAINS": "wuxue.gov.cn", "AWS_DEFAULT_REGION": "cn-north-1"})
        deps = container.build(settings)
        ensure_table(deps.models)
        started = time.perf_counter()
        report = seed_demo(deps.sites, deps.content, marker_store=deps.content, root_domains=settings.root_domains,
                           portal_label=settings.portal_label, is_claim_conflict=translate_claim_error,
                           now=datetime.now(timezone.utc))
        seed_s = time.perf_counter() - started
        container.override(deps)
        import app as app_module

        from chalicelib.observability import logger

        logger.setLevel("WARNING")
        with Client(app_module.app, stage_name="local") as client:
            def fetch(host: str, path: str):
                return client.http.get(path, headers={"Host": host})

            sites = json.loads(fetch("www.wuxue.gov.cn", "/api/v1/sites").body)["items"]
            mounted = next(s for s in sites if s["address_mode"] == "path" and s["kind"] != "portal")
            base = f"/{mounted['label']}"
            columns = json.loads(fetch("www.wuxue.gov.cn", f"{base}/api/v1/columns").body)["items"]
            news = next(c for c in columns if c["type"] == "news")
            articles = json.loads(fetch("www.wuxue.gov.cn", f"{base}/api/v1/articles?column={news['slug']}").body)["items"]
            pages = {
                "portal home": ("www.wuxue.gov.cn", "/"),
                "unit home": ("www.wuxue.gov.cn", f"{base}/"),
                "column list": ("www.wuxue.gov.cn", f"{base}/column/{news['slug']}"),
                "article": ("www.wuxue.gov.cn", f"{base}/article/{articles[0]['id']}"),
                "site map": ("www.wuxue.gov.cn", f"{base}/sitemap"),
                "api articles": ("www.wuxue.gov.cn", f"{base}/api/v1/articles?column={news['slug']}"),
                "404 unknown host": ("nosuch.wuxue.gov.cn", "/"),
            }
            print(f"demo cluster: {report.sites} sites, {report.columns} columns, {report.articles} articles "
                  f"(seeded in {seed_s:.1f} s on DynamoDB Local)")
            print(f"handler import: {cold * 1000:.0f} ms first run, {warm * 1000:.0f} ms median warm (python -c 'import app')")
            print()
            header = f"{'page':<18}{'status':>7}{'ddb req/page':>14}{'handler p50':>13}{'p95':>9}{'render p50':>12}{'p95':>9}{'KB':>7}"
            print(header)
            print("-" * len(header))
            worst = 0
            for name, (host, path) in pages.items():
                fetch(host, path)  # warm caches (host map, templates)
                latencies, requests_per = [], []
                for _ in range(args.requests):
                    with count_dynamodb_calls() as calls:
                        t0 = time.perf_counter()
                        resp = fetch(host, path)
                        latencies.append((time.perf_counter() - t0) * 1000)
                    requests_per.append(sum(calls.values()))
                    if "Scan" in calls:
                        raise SystemExit(f"Scan on a request path: {name}")
                render_ms = _render_times(rendering, name, args.requests)
                worst = max(worst, max(requests_per))
                print(f"{name:<18}{resp.status_code:>7}{max(requests_per):>14}{statistics.median(latencies):>11.1f}ms"
                      f"{_percentile(latencies, 95):>7.1f}ms"
                      f"{(statistics.median(render_ms) if render_ms else 0):>10.2f}ms"
                      f"{(_percentile(render_ms, 95) if render_ms else 0):>7.2f}ms{len(resp.body) / 1024:>7.1f}")
            print()
            print(f"max DynamoDB requests on any page: {worst} (budget 2) -> {'OK' if worst <= 2 else 'OVER BUDGET'}")
            print("handler times include DynamoDB Local round trips on loopback; render = Jinja2 only.")
    return 0


_LAST_RENDER: dict[str, tuple[str, dict]] = {}


def _render_times(rendering, name: str, n: int) -> list[float]:  # noqa: ANN001
    """Render-only timings: re-render the last template/context the app rendered for this page."""
    captured = _LAST_RENDER.get("last")
    if not captured:
        return []
    template, context = captured
    times = []
    for _ in range(min(n, 200)):
        t0 = time.perf_counter()
        rendering.render(template, **context)
        times.append((time.perf_counter() - t0) * 1000)
    _LAST_RENDER.pop("last", None)
    return times


def _capture_renders() -> None:
    from chalicelib.web import public, rendering

    original = rendering.render

    def capturing(template: str, **context: object) -> str:
        _LAST_RENDER["last"] = (template, dict(context))
        return original(template, **context)

    public.render = capturing


if __name__ == "__main__":
    _capture_renders()
    sys.exit(main())
