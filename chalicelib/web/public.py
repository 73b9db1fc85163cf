"""Public HTTP edge: every GET on every host goes through `handle`.

Chalice has no greedy path parameter, so the blueprint registers one route per
path depth and rebuilds the path; `domain.tenancy.route` then decides between
serving a site, redirecting to its primary address, or 404.
"""
from __future__ import annotations

import mimetypes
import re
from datetime import datetime, timezone
from urllib.parse import urlencode

from chalice import Blueprint, Response

from chalicelib import container
from chalicelib.domain.content import ColumnType, is_article_id
from chalicelib.domain.tenancy import NotFound, Redirect, Serve, route
from chalicelib.errors import DomainError
from chalicelib.observability import logger
from chalicelib.web import api, feeds, http, openapi, views
from chalicelib.web.host import viewer_host
from chalicelib.web.links import SiteLinks
from chalicelib.web.rendering import STATIC_DIR, render, static_version

bp = Blueprint(__name__)

MAX_DEPTH = 8
_METHODS = ["GET", "HEAD"]
_STATIC_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]*\.(css|js|svg|png|ico|woff2)$")


def _register_depth_routes() -> None:
    def public_root() -> Response:
        return handle(())

    bp.route("/", methods=_METHODS)(public_root)
    for depth in range(1, MAX_DEPTH + 1):
        params = [f"p{i}" for i in range(1, depth + 1)]
        path = "/" + "/".join("{" + p + "}" for p in params)

        def view(**kwargs: str) -> Response:
            return handle(tuple(kwargs[f"p{i}"] for i in range(1, len(kwargs) + 1)))

        view.__name__ = f"public_depth_{depth}"
        bp.route(path, methods=_METHODS)(view)


def _query_string(request) -> str:  # noqa: ANN001
    event = request.to_original_event()
    multi = event.get("multiValueQueryStringParameters") or {}
    pairs = [(k, v) for k, values in multi.items() for v in values]
    return urlencode(pairs)


_FALLBACK_ERROR = (
    '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>系统繁忙</title>'
    "<h1>系统繁忙，请稍后再试</h1><p>网站暂时无法显示此页面，我们正在处理。</p></html>"
)


def handle(segments: tuple[str, ...]) -> Response:
    """Answer one public request; unexpected failures become a Chinese 503 page."""
    try:
        return _handle(segments)
    except Exception:  # noqa: BLE001 - last resort: log for ops, clear page for users
        logger.exception("unhandled error while serving a public page")
        try:
            template, context = views.error_page(None, "系统繁忙，请稍后再试。我们已记录此问题。", 503)
            body = render(template, **context)
        except Exception:  # noqa: BLE001 - the templates themselves may be the problem
            body = _FALLBACK_ERROR
        response = http.no_store(body, 503)
        response.headers["Retry-After"] = "30"
        return response


def _handle(segments: tuple[str, ...]) -> Response:
    request = bp.current_request
    deps = container.get()
    settings = deps.settings
    path = "/" + "/".join(segments)
    query = request.query_params or {}
    host = viewer_host(request.headers, settings, deps.cdn_secret)
    registry = deps.directory.registry()
    decision = route(host, path, registry, settings.root_domains, settings.portal_label, _query_string(request))
    if isinstance(decision, Redirect):
        return http.redirect(settings.origin(decision.host) + decision.path)
    if isinstance(decision, NotFound):
        return _not_found(None, request, "您访问的网站不存在，请检查网址是否正确。")
    assert isinstance(decision, Serve)
    links = SiteLinks(decision.site, decision.host, decision.base_path, settings.origin(decision.host))
    logger.append_keys(site=decision.site.label, host=decision.host)  # cleared by observability
    return _serve_site(decision, links, registry, deps, request, dict(query))


def _context(site, links, registry, deps):  # noqa: ANN001, ANN202
    return views.PageContext(
        site=site, links=links, registry=registry, settings=deps.settings, now=datetime.now(timezone.utc)
    )


def _page(template_and_context, request, status: int = 200) -> Response:  # noqa: ANN001
    template, context = template_and_context
    settings = container.get().settings
    cache = http.NOT_FOUND_CACHE_CONTROL if status == 404 else http.page_cache_control(settings)
    return http.cacheable(render(template, **context), request.headers, content_type=http.HTML, cache_control=cache, status=status)


def _not_found(ctx, request, message: str) -> Response:  # noqa: ANN001
    return _page(views.not_found_page(ctx, message), request, status=404)


def _json(payload, request, status: int = 200) -> Response:  # noqa: ANN001
    settings = container.get().settings
    cache = http.page_cache_control(settings) if status == 200 else http.NOT_FOUND_CACHE_CONTROL
    return http.cacheable(http.json_body(payload), request.headers, content_type=http.JSON, cache_control=cache, status=status)


def _serve_site(decision: Serve, links: SiteLinks, registry, deps, request, query: dict) -> Response:  # noqa: ANN001, C901
    site, sub = decision.site, decision.subpath.rstrip("/") or "/"
    parts = sub.strip("/").split("/") if sub != "/" else []
    content = deps.content
    is_api = bool(parts) and parts[0] == "api"
    try:
        if parts[:1] == ["static"] and len(parts) == 2:
            return _static(parts[1], request, query)
        if is_api:
            return _serve_api(site, links, registry, deps, request, query, parts)
        if not decision.base_path and parts in (["sitemap.xml"], ["robots.txt"]):
            if parts == ["robots.txt"]:
                return _document(feeds.robots(site, deps.settings), feeds.TEXT, request)
            return _document(feeds.sitemap(site, registry, deps.settings, content), feeds.XML, request)
        if parts in (["rss.xml"], ["atom.xml"]):
            kind = parts[0].split(".")[0]
            return _document(feeds.site_feed(kind, site, links, content), _FEED_TYPES[kind], request)
        ctx = _context(site, links, registry, deps)
        ctx.columns = content.list_columns(site.site_id)
        if not parts:
            return _page(views.home_page(ctx), request)
        if parts == ["sitemap"]:
            return _page(views.sitemap_page(ctx), request)
        if len(parts) == 2 and parts[0] == "column":
            column = next((c for c in ctx.columns if c.slug == parts[1] and not c.hidden), None)
            if column is None:
                return _not_found(ctx, request, "您访问的栏目不存在或已调整。")
            if column.type is ColumnType.LINK and column.link_url:
                return http.redirect(column.link_url, permanent=False)
            return _page(views.column_page(ctx, column, content, query.get("cursor")), request)
        if len(parts) == 3 and parts[0] == "column" and parts[2] in ("rss.xml", "atom.xml"):
            column = next((c for c in ctx.columns if c.slug == parts[1] and not c.hidden), None)
            if column is None or not column.type.lists_articles:
                return _not_found(ctx, request, "您访问的栏目订阅不存在。")
            kind = parts[2].split(".")[0]
            return _document(feeds.column_feed(kind, site, column, links, content), _FEED_TYPES[kind], request)
        if len(parts) == 2 and parts[0] == "article" and is_article_id(parts[1]):
            article = content.get_article(site.site_id, parts[1])
            if article is None or not article.is_public:
                return _not_found(ctx, request, "您访问的文章不存在或已撤下。")
            return _page(views.article_page(ctx, article), request)
        return _not_found(ctx, request, "您访问的页面不存在，可能已被删除或地址有误。")
    except DomainError as exc:
        if is_api:
            return _json(api.error_json(exc.code, exc.message), request, status=exc.status)
        ctx = _context(site, links, registry, deps)
        template, context = views.error_page(ctx, exc.message, exc.status)
        return http.no_store(render(template, **context), exc.status)


_FEED_TYPES = {"rss": feeds.RSS, "atom": feeds.ATOM}


def _document(body: str, content_type: str, request) -> Response:  # noqa: ANN001
    cache = http.page_cache_control(container.get().settings)
    return http.cacheable(body, request.headers, content_type=content_type, cache_control=cache)


def _serve_api(site, links, registry, deps, request, query, parts) -> Response:  # noqa: ANN001
    content = deps.content
    if parts == ["api", "openapi.json"]:
        return _json(openapi.document(links.absolute(links.base or "/").rstrip("/") or links.origin), request)
    if parts == ["api", "v1", "sites"]:
        return _json(api.sites(site, registry, deps.settings), request)
    if parts == ["api", "v1", "columns"]:
        return _json(api.columns(site, links, content), request)
    if parts == ["api", "v1", "articles"]:
        return _json(api.articles(site, links, content, query), request)
    if len(parts) == 4 and parts[:3] == ["api", "v1", "articles"]:
        return _json(api.article(site, links, content, parts[3]), request)
    return _json(api.error_json("not_found", "接口不存在。"), request, status=404)


def _static(name: str, request, query: dict) -> Response:  # noqa: ANN001
    path = STATIC_DIR / name
    if not _STATIC_NAME.match(name) or not path.is_file():
        return http.no_store("Not found", 404, "text/plain; charset=utf-8")
    versioned = query.get("v") == static_version(name)
    cache = "public, max-age=31536000, immutable" if versioned else "public, max-age=300, s-maxage=3600"
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    if content_type.startswith("text/") or content_type in ("application/javascript", "image/svg+xml"):
        return http.cacheable(path.read_text(encoding="utf-8"), request.headers,
                              content_type=f"{content_type}; charset=utf-8", cache_control=cache)
    return http.cacheable(path.read_bytes(), request.headers, content_type=content_type, cache_control=cache)


_register_depth_routes()
