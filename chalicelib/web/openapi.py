"""OpenAPI 3.1 description of the read API. Tests validate live responses against it."""
from __future__ import annotations

from typing import Any

_NULLABLE_STR = {"type": ["string", "null"]}

SCHEMAS: dict[str, Any] = {
    "Error": {
        "type": "object",
        "required": ["error"],
        "properties": {
            "error": {
                "type": "object",
                "required": ["code", "message"],
                "properties": {
                    "code": {"type": "string", "description": "Machine-readable error code."},
                    "message": {"type": "string", "description": "Explanation for people, in Chinese."},
                },
                "additionalProperties": False,
            }
        },
        "additionalProperties": False,
    },
    "Site": {
        "type": "object",
        "required": ["site_id", "label", "name", "kind", "kind_label", "address_mode", "parent_id", "url", "aliases"],
        "properties": {
            "site_id": {"type": "string"},
            "label": {"type": "string", "pattern": "^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$"},
            "name": {"type": "string"},
            "kind": {"type": "string", "enum": ["portal", "department", "town", "subdistrict"]},
            "kind_label": {"type": "string"},
            "address_mode": {"type": "string", "enum": ["subdomain", "path"]},
            "parent_id": _NULLABLE_STR,
            "url": {"type": "string", "format": "uri", "description": "Absolute URL of the primary address."},
            "aliases": {"type": "array", "items": {"type": "string", "format": "uri"}},
        },
        "additionalProperties": False,
    },
    "Column": {
        "type": "object",
        "required": ["slug", "name", "type", "type_label", "parent", "order", "cadence_days", "description", "keywords", "link_url", "url"],
        "properties": {
            "slug": {"type": "string"},
            "name": {"type": "string"},
            "type": {"type": "string", "enum": ["news", "notice", "policy", "page", "link"]},
            "type_label": {"type": "string"},
            "parent": _NULLABLE_STR,
            "order": {"type": "integer"},
            "cadence_days": {"type": ["integer", "null"], "description": "Expected update cadence in days."},
            "description": {"type": "string"},
            "keywords": {"type": "array", "items": {"type": "string"}},
            "link_url": _NULLABLE_STR,
            "url": {"type": "string", "format": "uri"},
        },
        "additionalProperties": False,
    },
    "ArticleSummary": {
        "type": "object",
        "required": ["id", "title", "published_at", "doc_number", "summary", "url"],
        "properties": {
            "id": {"type": "string"},
            "title": {"type": "string"},
            "published_at": {"type": "string", "format": "date-time"},
            "doc_number": _NULLABLE_STR,
            "summary": _NULLABLE_STR,
            "url": {"type": "string", "format": "uri"},
        },
        "additionalProperties": False,
    },
    "Article": {
        "type": "object",
        "required": [
            "id", "title", "subtitle", "source", "author", "published_at", "body_html", "cover_image",
            "attachments", "doc_number", "index_number", "keywords", "summary", "columns", "url", "demo",
        ],
        "properties": {
            "id": {"type": "string"},
            "title": {"type": "string"},
            "subtitle": _NULLABLE_STR,
            "source": {"type": "string"},
            "author": _NULLABLE_STR,
            "published_at": {"type": "string", "format": "date-time"},
            "body_html": {"type": "string", "description": "Sanitised HTML."},
            "cover_image": _NULLABLE_STR,
            "attachments": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["name", "url", "size"],
                    "properties": {
                        "name": {"type": "string"},
                        "url": {"type": "string"},
                        "size": {"type": ["integer", "null"]},
                    },
                    "additionalProperties": False,
                },
            },
            "doc_number": {"type": ["string", "null"], "description": "公文文号, e.g. 武政办发〔2016〕35号"},
            "index_number": {"type": ["string", "null"], "description": "信息公开索引号"},
            "keywords": {"type": "array", "items": {"type": "string"}},
            "summary": _NULLABLE_STR,
            "columns": {"type": "array", "items": {"type": "string"}},
            "url": {"type": "string", "format": "uri"},
            "demo": {"type": "boolean", "description": "True for seeded demo content."},
        },
        "additionalProperties": False,
    },
}


def _list_of(ref: str, *, paged: bool = False) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "type": "object",
        "required": ["items"] + (["next_cursor"] if paged else []),
        "properties": {"items": {"type": "array", "items": {"$ref": f"#/components/schemas/{ref}"}}},
        "additionalProperties": False,
    }
    if paged:
        schema["properties"]["next_cursor"] = {
            "type": ["string", "null"],
            "description": "Pass as `cursor` to get the next page; null on the last page.",
        }
    return schema


def _ok(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {
        "description": description,
        "headers": {"ETag": {"schema": {"type": "string"}}, "Cache-Control": {"schema": {"type": "string"}}},
        "content": {"application/json": {"schema": schema}},
    }


def _error(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}


def document(server_url: str) -> dict[str, Any]:
    """The OpenAPI document as served on one site (its API base URL as server)."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "武穴市政府网站集约化平台 公开数据接口",
            "version": "1.0.0",
            "description": "Read-only API of one site of the Wuxue government website cluster. "
            "Every site (portal and unit sites) serves it under its own address.",
        },
        "servers": [{"url": server_url}],
        "paths": {
            "/api/v1/sites": {
                "get": {
                    "operationId": "listSites",
                    "summary": "On the portal: every site of the cluster; on a unit site: that site.",
                    "responses": {"200": _ok(_list_of("Site"), "Sites")},
                }
            },
            "/api/v1/columns": {
                "get": {
                    "operationId": "listColumns",
                    "summary": "The visible columns (栏目) of this site.",
                    "responses": {"200": _ok(_list_of("Column"), "Columns")},
                }
            },
            "/api/v1/articles": {
                "get": {
                    "operationId": "listArticles",
                    "summary": "Published articles of one column, newest first, cursor-paginated.",
                    "parameters": [
                        {"name": "column", "in": "query", "required": True, "schema": {"type": "string"}},
                        {"name": "cursor", "in": "query", "required": False, "schema": {"type": "string"}},
                        {"name": "limit", "in": "query", "required": False,
                         "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 20}},
                    ],
                    "responses": {
                        "200": _ok(_list_of("ArticleSummary", paged=True), "One page of articles"),
                        "400": _error("Missing column, bad cursor or bad limit"),
                        "404": _error("Unknown column"),
                    },
                }
            },
            "/api/v1/articles/{id}": {
                "get": {
                    "operationId": "getArticle",
                    "summary": "One published article.",
                    "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
                    "responses": {
                        "200": _ok({"$ref": "#/components/schemas/Article"}, "The article"),
                        "404": _error("No such published article"),
                    },
                }
            },
        },
        "components": {"schemas": SCHEMAS},
    }
