"""Opaque pagination cursors: the sort key of the last item shown, base64url-encoded."""
from __future__ import annotations

import base64
import re

from chalicelib.errors import ValidationError

_SORT_KEY = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z#[a-z0-9]{6,40}$")


def encode_cursor(sort_key: str) -> str:
    return base64.urlsafe_b64encode(sort_key.encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> str | None:
    if not cursor:
        return None
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        sort_key = base64.urlsafe_b64decode(padded.encode("ascii")).decode("utf-8")
    except (ValueError, UnicodeError):
        sort_key = ""
    if not _SORT_KEY.match(sort_key):
        raise ValidationError("分页参数无效，请从第一页重新浏览。", code="invalid_cursor")
    return sort_key
