"""DynamoDB repositories: translate between items and domain objects.

Every content method takes the site id explicitly. Adapters translate errors
(conditional-check failures become ConflictError); they make no business decisions.
"""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Iterable

from pynamodb.connection import Connection
from pynamodb.exceptions import PutError, TransactWriteError, UpdateError
from pynamodb.transactions import TransactWrite

from chalicelib.adapters.dynamo import keys
from chalicelib.adapters.dynamo.models import (
    ArticleItem,
    BoundModels,
    ColumnItem,
    ListingItem,
    SiteItem,
)
from chalicelib.domain.content import (
    Article,
    ArticleStatus,
    Attachment,
    Column,
    ColumnType,
    ListingEntry,
)
from chalicelib.domain.dates import parse_iso, utc_iso
from chalicelib.domain.tenancy import AddressMode, Contact, FooterMarks, Site, SiteKind
from chalicelib.errors import ConflictError


def _conditional_failed(exc: Exception) -> bool:
    if getattr(exc, "cause_response_code", None) == "ConditionalCheckFailedException":
        return True
    reasons = getattr(exc, "cancellation_reasons", None) or []
    return any(r is not None and r.code == "ConditionalCheckFailed" for r in reasons)


def _now() -> datetime:
    return datetime.now(timezone.utc)


# --- sites ----------------------------------------------------------------


def _site_from_item(item: SiteItem) -> Site:
    contact = item.contact or {}
    marks = item.marks or {}
    return Site(
        site_id=item.site_id,
        label=item.label,
        name=item.name,
        kind=SiteKind(item.kind),
        address_mode=AddressMode(item.address_mode),
        parent_id=item.parent_id,
        aliases=tuple(item.aliases or ()),
        sponsor=item.sponsor or "",
        contact=Contact(**{k: contact.get(k) for k in ("address", "phone", "email", "postcode") if k in contact}),
        marks=FooterMarks(**{k: marks.get(k) for k in ("site_code", "icp", "police_record", "conac_url")}),
        demo=bool(item.demo),
        version=int(item.version or 0),
    )


def _site_item(models: BoundModels, site: Site, created_at: datetime) -> SiteItem:
    item = models.site(
        keys.REGISTRY_PK,
        keys.site_sk(site.site_id),
        site_id=site.site_id,
        label=site.label,
        name=site.name,
        kind=site.kind.value,
        address_mode=site.address_mode.value,
        parent_id=site.parent_id,
        aliases=list(site.aliases),
        sponsor=site.sponsor,
        contact={
            "address": site.contact.address,
            "phone": site.contact.phone,
            "email": site.contact.email,
            "postcode": site.contact.postcode,
        },
        marks={
            "site_code": site.marks.site_code,
            "icp": site.marks.icp,
            "police_record": site.marks.police_record,
            "conac_url": site.marks.conac_url,
        },
        demo=site.demo,
        created_at=created_at,
    )
    return item


class SiteRepository:
    def __init__(self, models: BoundModels) -> None:
        self._m = models

    def _connection(self) -> Connection:
        return self._m.transactions

    def load_all(self) -> list[Site]:
        """All sites in one (paginated) Query of the registry partition."""
        return [_site_from_item(i) for i in self._m.site.query(keys.REGISTRY_PK, self._m.site.sk.startswith("SITE#"))]

    def get(self, site_id: str) -> Site | None:
        try:
            return _site_from_item(self._m.site.get(keys.REGISTRY_PK, keys.site_sk(site_id)))
        except self._m.site.DoesNotExist:
            return None

    def label_owner(self, label: str) -> str | None:
        try:
            return self._m.claim.get(keys.label_claim_pk(label), keys.CLAIM_SK).site_id
        except self._m.claim.DoesNotExist:
            return None

    def create(self, site: Site) -> None:
        """Claim the label (and every alias host) and write the site, atomically.

        Two concurrent claims of one label: DynamoDB lets exactly one transaction
        through; the other raises ConflictError.
        """
        now = _now()
        claim = self._m.claim
        with TransactWrite(connection=self._connection()) as tx:
            tx.save(
                claim(keys.label_claim_pk(site.label), keys.CLAIM_SK, site_id=site.site_id, claimed_at=now),
                condition=claim.pk.does_not_exist(),
            )
            for alias in site.aliases:
                tx.save(
                    claim(keys.host_claim_pk(alias), keys.CLAIM_SK, site_id=site.site_id, claimed_at=now),
                    condition=claim.pk.does_not_exist(),
                )
            tx.save(_site_item(self._m, site, now), condition=self._m.site.pk.does_not_exist())

    def add_alias(self, site: Site, domain: str) -> Site:
        """Claim a legacy domain for a site (version-checked against `site.version`)."""
        item = _site_item(self._m, site, _now())
        if site.version:
            item.version = site.version
        claim = self._m.claim
        with TransactWrite(connection=self._connection()) as tx:
            tx.save(
                claim(keys.host_claim_pk(domain), keys.CLAIM_SK, site_id=site.site_id, claimed_at=_now()),
                condition=claim.pk.does_not_exist(),
            )
            tx.update(
                item,
                actions=[self._m.site.aliases.set(list(site.aliases) + [domain])],
            )
        updated = self.get(site.site_id)
        assert updated is not None
        return updated


def translate_claim_error(exc: Exception) -> bool:
    """True when a TransactWriteError / PutError was a failed uniqueness condition."""
    return isinstance(exc, (TransactWriteError, PutError, UpdateError)) and _conditional_failed(exc)


# --- columns and articles --------------------------------------------------


def _entry_to_json(entry: ListingEntry) -> dict:
    return {
        "id": entry.article_id,
        "title": entry.title,
        "at": utc_iso(entry.published_at),
        "doc": entry.doc_number,
        "summary": entry.summary,
    }


def _entry_from_json(raw: dict) -> ListingEntry:
    return ListingEntry(
        article_id=raw["id"],
        title=raw["title"],
        published_at=parse_iso(raw["at"].replace("Z", "+00:00")),
        doc_number=raw.get("doc"),
        summary=raw.get("summary"),
    )


def _column_from_item(item: ColumnItem) -> Column:
    return Column(
        site_id=item.site_id,
        slug=item.slug,
        name=item.name,
        type=ColumnType(item.type),
        parent_slug=item.parent_slug,
        order=int(item.order or 0),
        cadence_days=int(item.cadence_days) if item.cadence_days is not None else None,
        description=item.description or "",
        keywords=tuple(item.keywords or ()),
        link_url=item.link_url,
        hidden=bool(item.hidden),
        latest=tuple(_entry_from_json(e) for e in (item.latest or ())),
        version=int(item.version or 0),
    )


def _article_from_item(item: ArticleItem) -> Article:
    return Article(
        site_id=item.site_id,
        article_id=item.article_id,
        title=item.title,
        column_slugs=tuple(item.column_slugs or ()),
        published_at=item.published_at,
        body_html=item.body_html or "",
        subtitle=item.subtitle,
        source=item.source or "",
        author=item.author,
        cover_image=item.cover_image,
        attachments=tuple(Attachment(**a) for a in (item.attachments or ())),
        doc_number=item.doc_number,
        index_number=item.index_number,
        keywords=tuple(item.keywords or ()),
        summary=item.summary,
        status=ArticleStatus(item.status),
        demo=bool(item.demo),
        version=int(item.version or 0),
    )


class ContentRepository:
    def __init__(self, models: BoundModels) -> None:
        self._m = models

    def _connection(self) -> Connection:
        return self._m.transactions

    # columns
    def list_columns(self, site_id: str) -> list[Column]:
        """Every column of a site in one Query (the site partition)."""
        m = self._m.column
        items = m.query(keys.site_pk(site_id), m.sk.startswith(keys.COLUMN_PREFIX))
        return [_column_from_item(i) for i in items]

    def put_column(self, column: Column) -> Column:
        """Create a column (version 0), or update its settings when `column.version`
        matches the stored one. The digest is never written here: it belongs to
        publishing (set_column_digest), so an editor's stale copy cannot clobber it."""
        m = self._m.column
        fields = {
            "site_id": column.site_id,
            "slug": column.slug,
            "name": column.name,
            "type": column.type.value,
            "parent_slug": column.parent_slug,
            "order": column.order,
            "cadence_days": column.cadence_days,
            "description": column.description,
            "keywords": list(column.keywords),
            "link_url": column.link_url,
            "hidden": column.hidden,
        }
        item = m(keys.site_pk(column.site_id), keys.column_sk(column.slug), **fields)
        try:
            if not column.version:
                item.save()
                return _column_from_item(item)
            item.version = column.version
            item.update(
                actions=[
                    getattr(m, name).set(value) if value is not None else getattr(m, name).remove()
                    for name, value in fields.items()
                ]
            )
        except (PutError, UpdateError) as exc:
            if _conditional_failed(exc):
                raise ConflictError(
                    f"栏目“{column.name}”已被他人修改，请刷新后再保存。", code="version_conflict"
                ) from exc
            raise
        return _column_from_item(item)

    def set_column_digest(self, site_id: str, slug: str, latest: Iterable[ListingEntry]) -> None:
        """Replace a column's digest without touching its version: publishing must not
        make an editor's concurrent column edit fail its version check."""
        m = self._m.column
        m._get_connection().update_item(
            keys.site_pk(site_id),
            keys.column_sk(slug),
            actions=[m.latest.set([_entry_to_json(e) for e in latest])],
            condition=m.pk.exists(),
        )

    # articles
    def get_article(self, site_id: str, article_id: str) -> Article | None:
        m = self._m.article
        try:
            return _article_from_item(m.get(keys.article_pk(site_id, article_id), keys.ARTICLE_SK))
        except m.DoesNotExist:
            return None

    def save_article(self, article: Article, previous: Article | None = None) -> Article:
        """Write an article and keep the column listings in step, in one transaction.

        `article.version` must equal the stored version (0 for a new article);
        otherwise ConflictError and nothing is written. Listing entries exist only
        for published articles, in each of their columns.
        """
        m = self._m
        item = m.article(
            keys.article_pk(article.site_id, article.article_id),
            keys.ARTICLE_SK,
            site_id=article.site_id,
            article_id=article.article_id,
            title=article.title,
            subtitle=article.subtitle,
            column_slugs=list(article.column_slugs),
            published_at=article.published_at,
            body_html=article.body_html,
            source=article.source,
            author=article.author,
            cover_image=article.cover_image,
            attachments=[a.__dict__ for a in article.attachments],
            doc_number=article.doc_number,
            index_number=article.index_number,
            keywords=list(article.keywords),
            summary=article.summary,
            status=article.status.value,
            demo=article.demo,
        )
        if article.version:
            item.version = article.version
        stale = _listing_keys(previous) - _listing_keys(article)
        try:
            with TransactWrite(connection=self._connection()) as tx:
                tx.save(item)
                for pk, sk in stale:
                    tx.delete(m.listing(pk, sk))
                if article.is_public:
                    entry = article.listing_entry()
                    for pk, sk in sorted(_listing_keys(article)):
                        tx.save(
                            m.listing(
                                pk,
                                sk,
                                article_id=entry.article_id,
                                title=entry.title,
                                published_at=entry.published_at,
                                doc_number=entry.doc_number,
                                summary=entry.summary,
                            )
                        )
        except TransactWriteError as exc:
            if _conditional_failed(exc):
                raise ConflictError(
                    "这篇文章已被他人修改，您的内容没有覆盖对方的修改。请刷新后再保存。",
                    code="version_conflict",
                ) from exc
            raise
        saved = self.get_article(article.site_id, article.article_id)
        assert saved is not None
        return saved

    def list_column_articles(
        self, site_id: str, slug: str, *, limit: int, after: str | None = None
    ) -> tuple[list[tuple[str, ListingEntry]], str | None]:
        """One Query of a column's listing, newest first.

        Returns (sort_key, entry) pairs and the sort key to continue after, if any.
        """
        return self._listing(keys.listing_pk(site_id, slug), limit, after)

    def list_site_articles(
        self, site_id: str, *, limit: int, after: str | None = None
    ) -> tuple[list[tuple[str, ListingEntry]], str | None]:
        """One Query of every published article of a site, newest first."""
        return self._listing(keys.site_listing_pk(site_id), limit, after)

    def _listing(self, pk: str, limit: int, after: str | None) -> tuple[list[tuple[str, ListingEntry]], str | None]:
        m = self._m.listing
        kwargs = {}
        if after:
            kwargs["last_evaluated_key"] = {"pk": {"S": pk}, "sk": {"S": after}}
        # one extra row tells whether a next page exists, within the same request
        result = m.query(pk, scan_index_forward=False, limit=limit + 1, page_size=limit + 1, **kwargs)
        rows = [
            (
                i.sk,
                ListingEntry(
                    article_id=i.article_id,
                    title=i.title,
                    published_at=i.published_at,
                    doc_number=i.doc_number,
                    summary=i.summary,
                ),
            )
            for i in result
        ]
        if len(rows) > limit:
            rows = rows[:limit]
            return rows, rows[-1][0]
        return rows, None

    # seed markers
    def has_marker(self, name: str) -> bool:
        m = self._m.meta
        try:
            m.get(keys.META_PK, keys.seed_sk(name))
            return True
        except m.DoesNotExist:
            return False

    def put_marker(self, name: str, detail: dict) -> None:
        self._m.meta(keys.META_PK, keys.seed_sk(name), created_at=_now(), detail=detail).save()


def _listing_keys(article: Article | None) -> set[tuple[str, str]]:
    """Listing rows of a published article: one per column, plus the site-wide one."""
    if article is None or not article.is_public:
        return set()
    sk = keys.listing_sk(article.published_at, article.article_id)
    pks = [keys.listing_pk(article.site_id, s) for s in article.column_slugs]
    return {(pk, sk) for pk in [*pks, keys.site_listing_pk(article.site_id)]}
