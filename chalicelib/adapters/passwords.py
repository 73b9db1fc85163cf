"""Password hashing with argon2id (argon2-cffi's RFC 9106 low-memory defaults).

The default hasher is built on first use, so importing this module does no work.
Every function takes an optional `hasher` so tests can use cheap parameters.

Note: the defaults use 64 MiB of memory per hash; the Lambda running the
console needs headroom for that on top of the Python process.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from argon2 import PasswordHasher

_default_hasher: PasswordHasher | None = None
_default_dummy_hash: str | None = None


def default_hasher() -> PasswordHasher:
    global _default_hasher
    if _default_hasher is None:
        from argon2 import PasswordHasher

        _default_hasher = PasswordHasher()  # argon2id, RFC 9106 low-memory profile
    return _default_hasher


def hash_password(password: str, *, hasher: PasswordHasher | None = None) -> str:
    """An encoded argon2id hash (`$argon2id$v=19$m=...`) with a fresh random salt."""
    if not isinstance(password, str):
        raise TypeError("password must be a str")
    return (hasher or default_hasher()).hash(password)


def verify_password(
    stored_hash: str | None, password: str | None, *, hasher: PasswordHasher | None = None
) -> bool:
    """True only if `password` matches `stored_hash`. Never raises for bad input:
    a mismatch, a malformed or empty hash, or a non-string all give False."""
    if not isinstance(stored_hash, str) or not isinstance(password, str) or not stored_hash:
        return False
    from argon2.exceptions import Argon2Error

    try:
        return (hasher or default_hasher()).verify(stored_hash, password)
    except (Argon2Error, ValueError, UnicodeError):  # InvalidHashError is a ValueError
        return False


def needs_rehash(stored_hash: str | None, *, hasher: PasswordHasher | None = None) -> bool:
    """Whether the hash was made with other parameters than the hasher's (rehash it
    after the next successful login). A malformed hash always needs replacing."""
    if not isinstance(stored_hash, str) or not stored_hash:
        return True
    try:
        return (hasher or default_hasher()).check_needs_rehash(stored_hash)
    except (ValueError, UnicodeError):  # InvalidHashError is a ValueError
        return True


def verify_unknown_user(password: str | None, *, hasher: PasswordHasher | None = None) -> bool:
    """Spend the same time as a real verification, for a username that does not
    exist, so response timing does not reveal which usernames are real. Always False."""
    global _default_dummy_hash
    if hasher is None:
        if _default_dummy_hash is None:
            _default_dummy_hash = default_hasher().hash("unknown-user-placeholder")
        dummy, active = _default_dummy_hash, default_hasher()
    else:
        dummy, active = hasher.hash("unknown-user-placeholder"), hasher
    verify_password(dummy, password if isinstance(password, str) else "", hasher=active)
    return False
