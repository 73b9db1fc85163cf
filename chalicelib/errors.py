"""Domain errors. `message` is shown to users (zh-CN); `code` is for machines and ops."""
from __future__ import annotations


class DomainError(Exception):
    code = "domain_error"
    status = 400

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code:
            self.code = code


class ValidationError(DomainError):
    code = "invalid"
    status = 400


class ConflictError(DomainError):
    """A uniqueness claim or a version check failed; nothing was overwritten."""

    code = "conflict"
    status = 409


class NotFoundError(DomainError):
    code = "not_found"
    status = 404
