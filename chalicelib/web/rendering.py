"""Jinja2 environment over the top-level templates/ folder.

Locally templates/ and static/ sit beside app.py; in the Lambda package they are
copied there through vendor/ by `make package` (Chalice zips only app.py,
chalicelib/ and vendor/, and puts vendor/'s content at the zip root).
"""
from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

APP_ROOT = Path(__file__).resolve().parents[2]
TEMPLATES_DIR = APP_ROOT / "templates"
STATIC_DIR = APP_ROOT / "static"


@lru_cache(maxsize=64)
def static_version(name: str) -> str:
    path = STATIC_DIR / name
    if not path.is_file():
        return "0"
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def static_url(name: str) -> str:
    return f"/static/{name}?v={static_version(name)}"


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["static_url"] = static_url
    return env


def render(template: str, **context: object) -> str:
    return environment().get_template(template).render(**context)
