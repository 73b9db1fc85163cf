"""Which host did the viewer ask for?

Behind the CDN, API Gateway sees its own host; the CDN forwards the viewer's host
in a header. That header is trusted only when the request also carries the CDN's
shared secret (compared in constant time); otherwise the Host header is used.
"""
from __future__ import annotations

import hmac
from typing import Callable, Mapping

from chalicelib.settings import Settings


def viewer_host(
    headers: Mapping[str, str], settings: Settings, cdn_secret: Callable[[], str | None]
) -> str | None:
    forwarded = headers.get(settings.cdn_host_header)
    presented = headers.get(settings.cdn_secret_header)
    if forwarded and presented:
        expected = cdn_secret()
        if expected and hmac.compare_digest(presented.encode(), expected.encode()):
            return forwarded.split(",")[0].strip()
    return headers.get("host")
