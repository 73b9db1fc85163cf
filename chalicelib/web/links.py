"""URLs of a served site: paths on its own host, absolute URLs across hosts."""
from __future__ import annotations

from dataclasses import dataclass

from chalicelib.domain.tenancy import Site, site_base_path, site_host
from chalicelib.settings import Settings


@dataclass(frozen=True)
class SiteLinks:
    site: Site
    host: str
    base: str  # '' or '/<label>'
    origin: str  # scheme://host[:port]

    @classmethod
    def primary(cls, site: Site, settings: Settings) -> "SiteLinks":
        host = site_host(site, settings.primary_root, settings.portal_label)
        return cls(site, host, site_base_path(site), settings.origin(host))

    def home(self) -> str:
        return f"{self.base}/"

    def home_url(self) -> str:
        return self.absolute(self.home())

    def column(self, slug: str) -> str:
        return f"{self.base}/column/{slug}"

    def article(self, article_id: str) -> str:
        return f"{self.base}/article/{article_id}"

    def sitemap(self) -> str:
        return f"{self.base}/sitemap"

    def absolute(self, path: str) -> str:
        return self.origin + path
