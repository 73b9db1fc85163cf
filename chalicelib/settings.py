"""Stage settings, parsed once from the environment into a frozen value.

Nothing here talks to AWS; values that live in SSM (the CDN shared secret) are
named here and fetched lazily by the adapter that needs them.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Mapping


@dataclass(frozen=True)
class Settings:
    stage: str
    table_name: str
    region: str
    root_domains: tuple[str, ...]
    portal_label: str
    public_scheme: str
    public_port: int | None
    cdn_host_header: str
    cdn_secret_header: str
    cdn_secret: str | None
    cdn_secret_parameter: str | None
    registry_ttl_seconds: float
    page_max_age: int
    page_s_maxage: int
    page_stale_while_revalidate: int

    @property
    def primary_root(self) -> str:
        return self.root_domains[0]

    @property
    def portal_host(self) -> str:
        return f"{self.portal_label}.{self.primary_root}"

    def origin(self, host: str) -> str:
        """Absolute origin (scheme://host[:port]) for a public host name."""
        port = ""
        if self.public_port and not (
            (self.public_scheme == "https" and self.public_port == 443)
            or (self.public_scheme == "http" and self.public_port == 80)
        ):
            port = f":{self.public_port}"
        return f"{self.public_scheme}://{host}{port}"


class SettingsError(ValueError):
    """The environment does not describe a usable stage (an ops error)."""


def _int(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise SettingsError(f"{name} must be an integer, got {raw!r}") from exc


def load_settings(env: Mapping[str, str] | None = None) -> Settings:
    env = os.environ if env is None else env
    stage = env.get("STAGE", "local").strip() or "local"
    roots = tuple(
        d.strip().lower().rstrip(".")
        for d in env.get("ROOT_DOMAINS", "wuxue.localhost").split(",")
        if d.strip()
    )
    if not roots:
        raise SettingsError("ROOT_DOMAINS must name at least one domain")
    scheme = env.get("PUBLIC_SCHEME", "https").strip().lower()
    if scheme not in ("http", "https"):
        raise SettingsError(f"PUBLIC_SCHEME must be http or https, got {scheme!r}")
    port_raw = env.get("PUBLIC_PORT", "").strip()
    return Settings(
        stage=stage,
        table_name=env.get("TABLE_NAME", "").strip() or f"wuxue-portal-{stage}",
        region=(env.get("AWS_REGION") or env.get("AWS_DEFAULT_REGION") or "cn-north-1").strip(),
        root_domains=roots,
        portal_label=env.get("PORTAL_LABEL", "www").strip().lower() or "www",
        public_scheme=scheme,
        public_port=_int(env, "PUBLIC_PORT", 0) or None if port_raw else None,
        cdn_host_header=env.get("CDN_HOST_HEADER", "x-forwarded-host").strip().lower(),
        cdn_secret_header=env.get("CDN_SECRET_HEADER", "x-cdn-secret").strip().lower(),
        cdn_secret=env.get("CDN_SECRET") or None,
        cdn_secret_parameter=env.get("CDN_SECRET_PARAMETER") or None,
        registry_ttl_seconds=float(_int(env, "REGISTRY_TTL_SECONDS", 60)),
        page_max_age=_int(env, "PAGE_MAX_AGE", 60),
        page_s_maxage=_int(env, "PAGE_S_MAXAGE", 300),
        page_stale_while_revalidate=_int(env, "PAGE_STALE_WHILE_REVALIDATE", 600),
    )
