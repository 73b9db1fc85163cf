"""HTTP response helpers: cacheable pages with strong ETags, 304s, redirects."""
from __future__ import annotations

import hashlib
import json
from typing import Any, Mapping

from chalice import Response

from chalicelib.settings import Settings

HTML = "text/html; charset=utf-8"
JSON = "application/json; charset=utf-8"

_BASE_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
}


NOT_FOUND_CACHE_CONTROL = "public, max-age=60, s-maxage=60"


def page_cache_control(settings: Settings) -> str:
    return (
        f"public, max-age={settings.page_max_age}, s-maxage={settings.page_s_maxage}, "
        f"stale-while-revalidate={settings.page_stale_while_revalidate}"
    )


def strong_etag(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def etag_matches(if_none_match: str | None, etag: str) -> bool:
    if not if_none_match:
        return False
    for candidate in if_none_match.split(","):
        candidate = candidate.strip()
        if candidate == "*":
            return True
        if candidate.startswith("W/"):
            candidate = candidate[2:]
        if candidate == etag:
            return True
    return False


def cacheable(
    body: str | bytes,
    request_headers: Mapping[str, str],
    *,
    content_type: str,
    cache_control: str,
    status: int = 200,
    extra_headers: Mapping[str, str] | None = None,
) -> Response:
    raw = body.encode("utf-8") if isinstance(body, str) else body
    etag = strong_etag(raw)
    headers = {
        **_BASE_HEADERS,
        "Content-Type": content_type,
        "Cache-Control": cache_control,
        "ETag": etag,
        "Vary": "Accept-Encoding",
        **(extra_headers or {}),
    }
    if status == 200 and etag_matches(request_headers.get("if-none-match"), etag):
        headers.pop("Content-Type")
        return Response(body="", status_code=304, headers=headers)
    return Response(body=body, status_code=status, headers=headers)


def json_body(payload: Any) -> str:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=False)


def redirect(location: str, *, permanent: bool = True) -> Response:
    return Response(
        body="",
        status_code=301 if permanent else 302,
        headers={
            **_BASE_HEADERS,
            "Location": location,
            "Cache-Control": "public, max-age=300, s-maxage=3600",
        },
    )


def no_store(body: str, status: int, content_type: str = HTML) -> Response:
    return Response(
        body=body,
        status_code=status,
        headers={**_BASE_HEADERS, "Content-Type": content_type, "Cache-Control": "no-store"},
    )
