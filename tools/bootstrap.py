"""Create the table if needed and seed the demo cluster once (used by `make run`).

Prints one line per demo address so the runner can show where to look.
"""
from __future__ import annotations

import sys
from datetime import datetime, timezone

from chalicelib import container
from chalicelib.adapters.dynamo.repository import translate_claim_error
from chalicelib.adapters.dynamo.tables import ensure_table
from chalicelib.demo.seed import seed_demo
from chalicelib.web.api import site_json


def _example(sites: list[dict], mode: str, prefer: str) -> dict | None:
    """A unit site with that address mode, the README's example label first."""
    units = [s for s in sites if s["address_mode"] == mode and s["kind"] != "portal"]
    return next((s for s in units if s["label"] == prefer), units[0] if units else None)


def main() -> int:
    deps = container.get()
    settings = deps.settings
    created = ensure_table(deps.models)
    print(f"table {settings.table_name}: {'created' if created else 'exists'}")
    report = seed_demo(
        deps.sites,
        deps.content,
        marker_store=deps.content,
        root_domains=settings.root_domains,
        portal_label=settings.portal_label,
        is_claim_conflict=translate_claim_error,
        now=datetime.now(timezone.utc),
    )
    if report.seeded:
        print(f"demo cluster seeded: {report.sites} sites, {report.columns} columns, {report.articles} articles")
    else:
        print("demo cluster already seeded (nothing written)")
    sites = [site_json(s, settings) for s in deps.sites.load_all()]
    portal = next((s for s in sites if s["kind"] == "portal"), None)
    mounted = _example(sites, "path", prefer="jyj")
    subdomain = _example(sites, "subdomain", prefer="gaj")
    for title, site in (("门户 portal", portal), ("路径挂载 path-mounted", mounted), ("子域名 subdomain", subdomain)):
        if site:
            print(f"  {title:<24} {site['name']}: {site['url']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
