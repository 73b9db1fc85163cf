"""Tenancy rules: sites, labels, host parsing and the routing decision.

Pure Python: given a host, a path and a snapshot of the site registry, decide
whether to serve a site (and under which base path), redirect (301) to the
site's primary address, or answer 404. No I/O happens here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum
from typing import Iterable, Mapping

from chalicelib.errors import ValidationError


class SiteKind(str, Enum):
    PORTAL = "portal"
    DEPARTMENT = "department"
    TOWN = "town"
    SUBDISTRICT = "subdistrict"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]


_KIND_LABELS = {
    SiteKind.PORTAL: "门户网站",
    SiteKind.DEPARTMENT: "市直部门",
    SiteKind.TOWN: "镇",
    SiteKind.SUBDISTRICT: "街道办事处",
}


class AddressMode(str, Enum):
    SUBDOMAIN = "subdomain"  # <label>.<root>
    PATH = "path"  # www.<root>/<label>/


@dataclass(frozen=True)
class FooterMarks:
    """Government page-norm marks shown in every page footer (policy §1.5)."""

    site_code: str | None = None  # 网站标识码, 10 digits
    icp: str | None = None  # e.g. 鄂ICP备05003326号
    police_record: str | None = None  # e.g. 鄂公网安备 42118202000101号
    conac_url: str | None = None  # 党政机关网站标识 certificate link


@dataclass(frozen=True)
class Contact:
    address: str = ""
    phone: str = ""
    email: str | None = None
    postcode: str | None = None


@dataclass(frozen=True)
class Site:
    site_id: str
    label: str
    name: str
    kind: SiteKind
    address_mode: AddressMode
    parent_id: str | None = None  # the portal a unit site belongs to
    aliases: tuple[str, ...] = ()  # legacy first-level domains, 301 to primary
    sponsor: str = ""  # 主办单位
    contact: Contact = field(default_factory=Contact)
    marks: FooterMarks = field(default_factory=FooterMarks)
    demo: bool = False
    version: int = 0

    @property
    def is_portal(self) -> bool:
        return self.kind is SiteKind.PORTAL


# --- labels ---------------------------------------------------------------

RESERVED_LABELS = frozenset(
    """
    www admin api static mail smtp pop pop3 imap ftp ns ns1 ns2 dns mx cdn assets
    m wap mobile app apps login logout auth sso account accounts user users
    column article articles columns sitemap sitemap-xml search feed feeds rss atom
    robots favicon health status test dev prod stage staging local localhost
    portal gov web webmail email vpn oa
    """.split()
)

_LABEL_CHARS = re.compile(r"^[a-z0-9-]+$")


def normalize_label(raw: str | None) -> str:
    return (raw or "").strip().lower()


def validate_label(raw: str | None) -> str:
    """Return the normalised label or raise ValidationError with a Chinese message."""
    label = normalize_label(raw)
    if not label:
        raise ValidationError("请填写站点标识（二级域名前缀）。", code="label_empty")
    if not _LABEL_CHARS.match(label):
        raise ValidationError(
            "站点标识只能包含小写英文字母、数字和连字符（-）。", code="label_chars"
        )
    if not 2 <= len(label) <= 30:
        raise ValidationError("站点标识长度应为 2 到 30 个字符。", code="label_length")
    if label.startswith("-") or label.endswith("-"):
        raise ValidationError("站点标识不能以连字符开头或结尾。", code="label_hyphen")
    if label in RESERVED_LABELS:
        raise ValidationError(f"“{label}”是系统保留标识，不能使用。", code="label_reserved")
    return label


_DOMAIN = re.compile(r"^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")


def validate_alias_domain(raw: str | None, root_domains: Iterable[str]) -> str:
    """A legacy first-level domain kept as an alias, e.g. wxjy.gov.cn."""
    domain = normalize_host(raw)
    if not domain:
        raise ValidationError("请填写域名。", code="domain_empty")
    if not _DOMAIN.match(domain):
        raise ValidationError(f"“{domain}”不是有效的域名。", code="domain_invalid")
    for root in root_domains:
        if domain == root or domain.endswith("." + root):
            raise ValidationError(
                f"“{domain}”属于平台域名 {root}，请通过站点标识设置，不能作为别名。",
                code="domain_under_root",
            )
    return domain


# --- hosts ----------------------------------------------------------------


def normalize_host(raw: str | None) -> str:
    """Lower-case, drop the port and a trailing dot. IPv6 literals keep their brackets."""
    host = (raw or "").strip().lower()
    if not host:
        return ""
    if host.startswith("["):
        end = host.find("]")
        return host[: end + 1] if end != -1 else ""
    if ":" in host:
        host = host.split(":", 1)[0]
    return host.rstrip(".")


# --- registry snapshot ----------------------------------------------------


@dataclass(frozen=True)
class Registry:
    """An immutable snapshot of all sites, indexed for routing."""

    sites: tuple[Site, ...]
    by_id: Mapping[str, Site]
    by_label: Mapping[str, Site]
    by_alias: Mapping[str, Site]

    @classmethod
    def of(cls, sites: Iterable[Site]) -> "Registry":
        ordered = tuple(sorted(sites, key=lambda s: (s.kind is not SiteKind.PORTAL, s.label)))
        return cls(
            sites=ordered,
            by_id={s.site_id: s for s in ordered},
            by_label={s.label: s for s in ordered},
            by_alias={a: s for s in ordered for a in s.aliases},
        )

    def portal(self) -> Site | None:
        for site in self.sites:
            if site.is_portal:
                return site
        return None

    def parent_of(self, site: Site) -> Site | None:
        if site.parent_id:
            return self.by_id.get(site.parent_id)
        return None if site.is_portal else self.portal()


# --- addresses ------------------------------------------------------------


def site_host(site: Site, root: str, portal_label: str) -> str:
    """The host that serves the site's primary address."""
    if site.is_portal or site.address_mode is AddressMode.PATH:
        return f"{portal_label}.{root}"
    return f"{site.label}.{root}"


def site_base_path(site: Site) -> str:
    """Path prefix of the site on its primary host ('' or '/<label>')."""
    if not site.is_portal and site.address_mode is AddressMode.PATH:
        return f"/{site.label}"
    return ""


# --- routing decision -----------------------------------------------------


@dataclass(frozen=True)
class Serve:
    site: Site
    host: str  # the primary host serving it
    base_path: str  # '' or '/<label>'
    subpath: str  # path inside the site, always starting with '/'


@dataclass(frozen=True)
class Redirect:
    host: str
    path: str  # absolute path incl. query string


@dataclass(frozen=True)
class NotFound:
    """No site answers for this host: a platform 404, never another tenant's page."""


Decision = Serve | Redirect | NotFound


def _split_first(path: str) -> tuple[str, str]:
    stripped = path.lstrip("/")
    first, _, rest = stripped.partition("/")
    return first, "/" + rest


def route(
    raw_host: str | None,
    path: str,
    registry: Registry,
    root_domains: tuple[str, ...],
    portal_label: str,
    query: str = "",
) -> Decision:
    """Decide what to do with a request for raw_host + path."""
    host = normalize_host(raw_host)
    if not path.startswith("/"):
        path = "/" + path
    suffix = f"?{query}" if query else ""
    primary_root = root_domains[0]
    portal = registry.portal()
    if not host:
        return NotFound()

    alias_site = registry.by_alias.get(host)
    if alias_site is not None:
        return _redirect_to(alias_site, path, suffix, primary_root, portal_label)

    for root in root_domains:
        if host == root:
            return Redirect(f"{portal_label}.{primary_root}", path + suffix)
        if not host.endswith("." + root):
            continue
        label = host[: -len(root) - 1]
        if "." in label:
            return NotFound()
        if label == portal_label:
            if portal is None:
                return NotFound()
            if root != primary_root:
                return Redirect(f"{portal_label}.{primary_root}", path + suffix)
            return _route_portal_path(portal, path, suffix, registry, primary_root, portal_label)
        site = registry.by_label.get(label)
        if site is None or site.is_portal:
            return NotFound()
        if site.address_mode is AddressMode.SUBDOMAIN and root == primary_root:
            return Serve(site, host, "", path)
        return _redirect_to(site, path, suffix, primary_root, portal_label)
    return NotFound()


def _route_portal_path(
    portal: Site, path: str, suffix: str, registry: Registry, root: str, portal_label: str
) -> Decision:
    host = f"{portal_label}.{root}"
    first, rest = _split_first(path)
    unit = registry.by_label.get(first) if first else None
    if unit is None or unit.is_portal:
        return Serve(portal, host, "", path)
    if unit.address_mode is AddressMode.PATH:
        return Serve(unit, host, f"/{unit.label}", rest)
    return Redirect(f"{unit.label}.{root}", rest + suffix)


def _redirect_to(site: Site, path: str, suffix: str, root: str, portal_label: str) -> Redirect:
    base = site_base_path(site)
    target = base + path if path != "/" or not base else base + "/"
    return Redirect(site_host(site, root, portal_label), target + suffix)


# --- footer marks ---------------------------------------------------------


def effective_marks(site: Site, portal: Site | None) -> FooterMarks:
    """A path-mounted unit site is a channel of the portal: it shows the portal's marks.

    A subdomain unit site shows its own marks where it has them and falls back to
    the portal's for the rest.
    """
    if portal is None or site.is_portal:
        return site.marks
    if site.address_mode is AddressMode.PATH:
        return portal.marks
    own, inherited = site.marks, portal.marks
    return FooterMarks(
        site_code=own.site_code or inherited.site_code,
        icp=own.icp or inherited.icp,
        police_record=own.police_record or inherited.police_record,
        conac_url=own.conac_url or inherited.conac_url,
    )


_SITE_CODE = re.compile(r"^\d{10}$")
_POLICE = re.compile(r"(\d{14})")


def validate_site_code(raw: str | None) -> str | None:
    code = (raw or "").strip()
    if not code:
        return None
    if not _SITE_CODE.match(code):
        raise ValidationError("网站标识码应为 10 位数字。", code="site_code_invalid")
    return code


def police_record_number(record: str | None) -> str | None:
    """The 14-digit number inside a 公安备案 text such as '鄂公网安备 42118202000101号'."""
    match = _POLICE.search(record or "")
    return match.group(1) if match else None
