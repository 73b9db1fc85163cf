"""Composition root: builds the adapters lazily, once per process.

Nothing here is tenant-specific: the site is resolved per request and passed on.
Tests call `override()` / `reset()`.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Callable

from chalicelib.adapters.dynamo.models import BoundModels, bind_models
from chalicelib.adapters.dynamo.repository import ContentRepository, SiteRepository
from chalicelib.services.sites import SiteDirectory
from chalicelib.settings import Settings, load_settings


@dataclass
class Deps:
    settings: Settings
    models: BoundModels
    sites: SiteRepository
    content: ContentRepository
    directory: SiteDirectory
    cdn_secret: Callable[[], str | None]


_lock = threading.Lock()
_deps: Deps | None = None


def build(settings: Settings) -> Deps:
    models = bind_models(settings.table_name, settings.region)
    sites = SiteRepository(models)

    def cdn_secret() -> str | None:
        if settings.cdn_secret:
            return settings.cdn_secret
        if settings.cdn_secret_parameter:
            from chalicelib.adapters.secrets import ssm_secret

            return ssm_secret(settings.cdn_secret_parameter)
        return None

    return Deps(
        settings=settings,
        models=models,
        sites=sites,
        content=ContentRepository(models),
        directory=SiteDirectory(sites.load_all, settings.registry_ttl_seconds),
        cdn_secret=cdn_secret,
    )


def get() -> Deps:
    global _deps
    if _deps is None:
        with _lock:
            if _deps is None:
                _deps = build(load_settings())
    return _deps


def override(deps: Deps) -> None:
    global _deps
    _deps = deps


def reset() -> None:
    global _deps
    _deps = None
