"""pynamodb models of the single portal table.

The classes below declare attributes only; `bind_models(table_name, region)`
returns concrete subclasses whose Meta names the stage's table, so no table name
or client is fixed at import time (tests bind a fresh table each).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from pynamodb.attributes import (
    BooleanAttribute,
    JSONAttribute,
    ListAttribute,
    NumberAttribute,
    UnicodeAttribute,
    UTCDateTimeAttribute,
    VersionAttribute,
)
from pynamodb.connection import Connection
from pynamodb.models import Model


class _Keys(Model):
    class Meta:
        table_name = "unbound"

    pk = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True)


class SiteItem(_Keys):
    site_id = UnicodeAttribute()
    label = UnicodeAttribute()
    name = UnicodeAttribute()
    kind = UnicodeAttribute()
    address_mode = UnicodeAttribute()
    parent_id = UnicodeAttribute(null=True)
    aliases = ListAttribute(of=UnicodeAttribute, default=list)
    sponsor = UnicodeAttribute(default="")
    contact = JSONAttribute(default=dict)
    marks = JSONAttribute(default=dict)
    demo = BooleanAttribute(default=False)
    created_at = UTCDateTimeAttribute()
    version = VersionAttribute()


class ClaimItem(_Keys):
    site_id = UnicodeAttribute()
    claimed_at = UTCDateTimeAttribute()


class ColumnItem(_Keys):
    site_id = UnicodeAttribute()
    slug = UnicodeAttribute()
    name = UnicodeAttribute()
    type = UnicodeAttribute()
    parent_slug = UnicodeAttribute(null=True)
    order = NumberAttribute(default=0)
    cadence_days = NumberAttribute(null=True)
    description = UnicodeAttribute(default="")
    keywords = ListAttribute(of=UnicodeAttribute, default=list)
    link_url = UnicodeAttribute(null=True)
    hidden = BooleanAttribute(default=False)
    latest = JSONAttribute(default=list)
    version = VersionAttribute()


class ArticleItem(_Keys):
    site_id = UnicodeAttribute()
    article_id = UnicodeAttribute()
    title = UnicodeAttribute()
    subtitle = UnicodeAttribute(null=True)
    column_slugs = ListAttribute(of=UnicodeAttribute)
    published_at = UTCDateTimeAttribute()
    body_html = UnicodeAttribute(default="")
    source = UnicodeAttribute(default="")
    author = UnicodeAttribute(null=True)
    cover_image = UnicodeAttribute(null=True)
    attachments = JSONAttribute(default=list)
    doc_number = UnicodeAttribute(null=True)
    index_number = UnicodeAttribute(null=True)
    keywords = ListAttribute(of=UnicodeAttribute, default=list)
    summary = UnicodeAttribute(null=True)
    status = UnicodeAttribute()
    demo = BooleanAttribute(default=False)
    version = VersionAttribute()


class ListingItem(_Keys):
    article_id = UnicodeAttribute()
    title = UnicodeAttribute()
    published_at = UTCDateTimeAttribute()
    doc_number = UnicodeAttribute(null=True)
    summary = UnicodeAttribute(null=True)


class MetaItem(_Keys):
    created_at = UTCDateTimeAttribute()
    detail = JSONAttribute(default=dict)


@dataclass(frozen=True)
class BoundModels:
    table_name: str
    region: str
    site: type[SiteItem]
    claim: type[ClaimItem]
    column: type[ColumnItem]
    article: type[ArticleItem]
    listing: type[ListingItem]
    meta: type[MetaItem]
    transactions: Connection  # one per table; builds its botocore client lazily, per thread


def _bind(base: type[Model], table_name: str, region: str) -> type:
    meta = type(
        "Meta",
        (),
        {
            "table_name": table_name,
            "region": region,
            "billing_mode": "PAY_PER_REQUEST",
            "stream_view_type": "NEW_AND_OLD_IMAGES",
        },
    )
    return type(base.__name__, (base,), {"Meta": meta, "__module__": __name__})


@lru_cache(maxsize=32)
def bind_models(table_name: str, region: str) -> BoundModels:
    return BoundModels(
        table_name=table_name,
        region=region,
        site=_bind(SiteItem, table_name, region),
        claim=_bind(ClaimItem, table_name, region),
        column=_bind(ColumnItem, table_name, region),
        article=_bind(ArticleItem, table_name, region),
        listing=_bind(ListingItem, table_name, region),
        meta=_bind(MetaItem, table_name, region),
        transactions=Connection(region=region),
    )
