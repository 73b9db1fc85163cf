"""Key builders for the single portal table. Every content key carries the site id.

| item          | pk                         | sk                          |
|---------------|----------------------------|-----------------------------|
| site          | REGISTRY                   | SITE#<site_id>              |
| label claim   | LABEL#<label>              | CLAIM                       |
| host claim    | HOST#<domain>              | CLAIM                       |
| column        | SITE#<site_id>             | COL#<slug>                  |
| article       | ART#<site_id>#<article_id> | ART                         |
| listing entry | LIST#<site_id>#<slug>      | <published utc iso>#<id>    |
| site listing  | LIST#<site_id>#*           | <published utc iso>#<id>    |
| seed marker   | META                       | SEED#<name>                 |
"""
from __future__ import annotations

from datetime import datetime

from chalicelib.domain.dates import utc_iso

REGISTRY_PK = "REGISTRY"
CLAIM_SK = "CLAIM"
ARTICLE_SK = "ART"
COLUMN_PREFIX = "COL#"
META_PK = "META"


def site_sk(site_id: str) -> str:
    return f"SITE#{site_id}"


def label_claim_pk(label: str) -> str:
    return f"LABEL#{label}"


def host_claim_pk(domain: str) -> str:
    return f"HOST#{domain}"


def site_pk(site_id: str) -> str:
    return f"SITE#{site_id}"


def column_sk(slug: str) -> str:
    return f"{COLUMN_PREFIX}{slug}"


def article_pk(site_id: str, article_id: str) -> str:
    return f"ART#{site_id}#{article_id}"


def listing_pk(site_id: str, slug: str) -> str:
    return f"LIST#{site_id}#{slug}"


def site_listing_pk(site_id: str) -> str:
    """Every published article of a site, newest first ('*' is never a column slug)."""
    return f"LIST#{site_id}#*"


def listing_sk(published_at: datetime, article_id: str) -> str:
    return f"{utc_iso(published_at)}#{article_id}"


def seed_sk(name: str) -> str:
    return f"SEED#{name}"
