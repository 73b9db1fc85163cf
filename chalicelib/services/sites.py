"""Site registry use cases: first-come-first-served labels, aliases, and the
in-memory host map with a short TTL."""
from __future__ import annotations

import threading
import time
from dataclasses import replace
from typing import Callable, Protocol

from chalicelib.domain.tenancy import (
    Registry,
    Site,
    SiteKind,
    validate_alias_domain,
    validate_label,
    validate_site_code,
)
from chalicelib.errors import ConflictError, ValidationError


class SiteStore(Protocol):
    def load_all(self) -> list[Site]: ...
    def get(self, site_id: str) -> Site | None: ...
    def label_owner(self, label: str) -> str | None: ...
    def create(self, site: Site) -> None: ...
    def add_alias(self, site: Site, domain: str) -> Site: ...


def register_site(
    store: SiteStore,
    site: Site,
    *,
    root_domains: tuple[str, ...],
    portal_label: str,
    is_claim_conflict: Callable[[Exception], bool],
) -> Site:
    """Validate and register a site. The label goes to whoever claims it first."""
    if site.kind is SiteKind.PORTAL:
        if site.label != portal_label:
            raise ValidationError(f"门户网站的标识必须是“{portal_label}”。", code="portal_label")
        label = portal_label
    else:
        label = validate_label(site.label)
    if not site.name.strip():
        raise ValidationError("请填写站点名称。", code="name_empty")
    aliases = tuple(dict.fromkeys(validate_alias_domain(a, root_domains) for a in site.aliases))
    validate_site_code(site.marks.site_code)
    if site.kind is not SiteKind.PORTAL and not site.parent_id:
        raise ValidationError("部门和镇（处）网站必须隶属于门户网站。", code="parent_missing")
    candidate = replace(site, label=label, aliases=aliases, name=site.name.strip())
    try:
        store.create(candidate)
    except Exception as exc:  # translated below; anything else propagates
        if not is_claim_conflict(exc):
            raise
        raise _taken(store, candidate) from exc
    return candidate


def _taken(store: SiteStore, site: Site) -> ConflictError:
    owner_id = store.label_owner(site.label)
    owner = store.get(owner_id) if owner_id else None
    if owner_id and owner_id != site.site_id:
        who = f"“{owner.name}”" if owner else "其他单位"
        return ConflictError(
            f"站点标识“{site.label}”已被{who}使用（先申请先使用），请换一个。", code="label_taken"
        )
    if owner_id == site.site_id:
        return ConflictError(f"站点“{site.name}”已经注册过了。", code="site_exists")
    return ConflictError(
        "站点的某个别名域名已被其他站点使用，请检查后再提交。", code="alias_taken"
    )


def add_alias(
    store: SiteStore,
    site: Site,
    raw_domain: str,
    *,
    root_domains: tuple[str, ...],
    is_claim_conflict: Callable[[Exception], bool],
) -> Site:
    domain = validate_alias_domain(raw_domain, root_domains)
    if domain in site.aliases:
        return site
    try:
        return store.add_alias(site, domain)
    except Exception as exc:
        if not is_claim_conflict(exc):
            raise
        raise ConflictError(f"域名“{domain}”已被其他站点使用。", code="alias_taken") from exc


class SiteDirectory:
    """Caches the registry snapshot in memory for `ttl` seconds.

    The snapshot is immutable and shared by all requests of this process; each
    request resolves its own site from it and passes that site down explicitly.
    """

    def __init__(self, load: Callable[[], list[Site]], ttl: float, clock: Callable[[], float] = time.monotonic):
        self._load = load
        self._ttl = ttl
        self._clock = clock
        self._lock = threading.Lock()
        self._snapshot: Registry | None = None
        self._loaded_at = 0.0

    def registry(self) -> Registry:
        now = self._clock()
        snapshot = self._snapshot
        if snapshot is not None and now - self._loaded_at < self._ttl:
            return snapshot
        with self._lock:
            if self._snapshot is None or self._clock() - self._loaded_at >= self._ttl:
                self._snapshot = Registry.of(self._load())
                self._loaded_at = self._clock()
            return self._snapshot

    def invalidate(self) -> None:
        with self._lock:
            self._snapshot = None
