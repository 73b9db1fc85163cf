"""Site registration rules and the TTL host-map cache, with an in-memory store."""
from __future__ import annotations

import pytest

from chalicelib.domain.tenancy import AddressMode, Site, SiteKind
from chalicelib.errors import ConflictError, ValidationError
from chalicelib.services.sites import SiteDirectory, register_site


class Claimed(Exception):
    pass


class MemoryStore:
    def __init__(self):
        self.sites: dict[str, Site] = {}
        self.claims: dict[str, str] = {}

    def load_all(self):
        return list(self.sites.values())

    def get(self, site_id):
        return self.sites.get(site_id)

    def label_owner(self, label):
        return self.claims.get(f"LABEL#{label}")

    def create(self, site):
        keys = [f"LABEL#{site.label}", *(f"HOST#{a}" for a in site.aliases)]
        if any(k in self.claims for k in keys) or site.site_id in self.sites:
            raise Claimed()
        for k in keys:
            self.claims[k] = site.site_id
        self.sites[site.site_id] = site

    def add_alias(self, site, domain):
        raise NotImplementedError


def reg(store, site):
    return register_site(store, site, root_domains=("wuxue.gov.cn",), portal_label="www",
                         is_claim_conflict=lambda e: isinstance(e, Claimed))


def unit(site_id, label, name="武穴市教育局", **kw):
    return Site(site_id, label, name, SiteKind.DEPARTMENT, AddressMode.PATH, parent_id="www", **kw)


def test_first_claim_wins_and_second_gets_owner_in_message():
    store = MemoryStore()
    reg(store, unit("jyj", "JYJ"))
    assert store.sites["jyj"].label == "jyj"
    with pytest.raises(ConflictError) as err:
        reg(store, unit("jyj2", "jyj", name="武穴市交警大队"))
    assert err.value.code == "label_taken"
    assert "武穴市教育局" in err.value.message and "先申请先使用" in err.value.message


def test_portal_must_use_portal_label_and_units_need_a_parent():
    store = MemoryStore()
    with pytest.raises(ValidationError):
        reg(store, Site("p", "city", "武穴市人民政府", SiteKind.PORTAL, AddressMode.SUBDOMAIN))
    reg(store, Site("www", "www", "武穴市人民政府", SiteKind.PORTAL, AddressMode.SUBDOMAIN))
    with pytest.raises(ValidationError, match="隶属于门户"):
        reg(store, Site("x", "xx", "某单位", SiteKind.TOWN, AddressMode.PATH))


def test_alias_taken_is_reported():
    store = MemoryStore()
    reg(store, unit("a", "aa", aliases=("old.gov.cn",)))
    with pytest.raises(ConflictError) as err:
        reg(store, unit("b", "bb", aliases=("OLD.gov.cn",)))
    assert err.value.code == "alias_taken"
    assert "bb" not in {s.label for s in store.sites.values()}


def test_directory_caches_until_ttl_then_reloads():
    loads = []
    now = [100.0]

    def load():
        loads.append(now[0])
        return [unit("jyj", "jyj")] if len(loads) == 1 else [unit("jyj", "jyj"), unit("gaj", "gaj")]

    directory = SiteDirectory(load, ttl=60, clock=lambda: now[0])
    first = directory.registry()
    now[0] += 59
    assert directory.registry() is first
    assert len(loads) == 1
    now[0] += 2
    assert set(directory.registry().by_label) == {"jyj", "gaj"}
    assert len(loads) == 2
