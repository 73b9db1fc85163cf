"""Security rules for the editors' console (等保 2.0 level 3): passwords, lockout,
sessions, CSRF tokens and the session cookie.

Pure Python, stdlib only. Time is always passed in (`now`, timezone-aware) and
randomness is injected (`token_source`), so every rule is deterministic under test.
Persisting login states and sessions, and hashing passwords, live elsewhere
(`chalicelib/adapters/passwords.py` for argon2).

Notes for the service that wires these rules:

* Keep a `LoginState` per *submitted* username, whether or not such a user
  exists, and call `check_can_login` before looking the user up. Otherwise the
  lock message itself tells an attacker which usernames are real. Every other
  failure answers with `LOGIN_FAILED_MESSAGE`.
* DynamoDB deletes items after their TTL lazily (up to days later), so a stored
  session must still be checked with `session_expired` on every read;
  `expires_at` only lets the table clean up.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import math
import re
import secrets
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Callable

from chalicelib.errors import DomainError, ValidationError

# --- passwords --------------------------------------------------------------

MIN_PASSWORD_LENGTH = 8
MAX_PASSWORD_LENGTH = 128
MIN_PASSWORD_CLASSES = 3

PASSWORD_RULE_MESSAGE = "密码至少需要 8 个字符，并包含大写字母、小写字母、数字、符号中的至少三类。"

# Character classes, in the order they are named to users. "Symbols" is every
# other visible character (ASCII punctuation, full-width punctuation, CJK ...).
_CLASS_LABELS = ("大写字母", "小写字母", "数字", "符号")
_COUNT_CN = {1: "一", 2: "两", 3: "三"}


def _char_class(char: str) -> int:
    if "A" <= char <= "Z":
        return 0
    if "a" <= char <= "z":
        return 1
    if "0" <= char <= "9":
        return 2
    return 3


def _is_control(char: str) -> bool:
    code = ord(char)
    return code < 0x20 or 0x7F <= code < 0xA0 or 0xD800 <= code < 0xE000


def password_classes(password: str) -> frozenset[str]:
    """The Chinese names of the character classes present in `password`."""
    return frozenset(_CLASS_LABELS[_char_class(c)] for c in password if not c.isspace())


def validate_password(password: str | None, *, username: str | None = None) -> None:
    """Raise ValidationError (zh-CN message, specific code) unless `password` is acceptable.

    Rules: 8..128 characters; at least three of uppercase, lowercase, digits and
    symbols; no leading/trailing whitespace; no control characters; must not
    contain the username (case-insensitive).
    """
    password = password or ""
    if not password:
        raise ValidationError("请填写密码。", code="password_empty")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise ValidationError(
            f"密码不能超过 {MAX_PASSWORD_LENGTH} 个字符（当前 {len(password)} 个）。",
            code="password_too_long",
        )
    if any(_is_control(c) for c in password):
        raise ValidationError("密码不能包含换行、制表符等控制字符。", code="password_control_chars")
    if password != password.strip():
        raise ValidationError("密码开头和结尾不能是空格。", code="password_whitespace")

    present = password_classes(password)
    too_short = len(password) < MIN_PASSWORD_LENGTH
    few_classes = len(present) < MIN_PASSWORD_CLASSES
    if too_short or few_classes:
        details = []
        if too_short:
            details.append(f"当前只有 {len(password)} 个字符")
        if few_classes:
            missing = "、".join(label for label in _CLASS_LABELS if label not in present)
            needed = _COUNT_CN[MIN_PASSWORD_CLASSES - len(present)]
            details.append(f"还需包含{missing}中的至少{needed}类")
        code = (
            "password_weak" if too_short and few_classes
            else "password_too_short" if too_short
            else "password_classes"
        )
        raise ValidationError(f"{PASSWORD_RULE_MESSAGE}{'，'.join(details)}。", code=code)

    name = (username or "").strip().casefold()
    if name and name in password.casefold():
        raise ValidationError("密码不能包含用户名。", code="password_contains_username")


# --- login lockout ----------------------------------------------------------

MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=15)

# The only answer to a failed login, whether the user is unknown, disabled or
# typed the wrong password: never reveal which.
LOGIN_FAILED_MESSAGE = "用户名或密码错误。"


class AccountLockedError(DomainError):
    code = "account_locked"
    status = 429

    def __init__(self, message: str, *, retry_after: timedelta) -> None:
        super().__init__(message)
        self.retry_after = retry_after


@dataclass(frozen=True)
class LoginState:
    """Consecutive failed logins of one username, and the lock they caused."""

    failures: int = 0
    locked_until: datetime | None = None

    def locked_at(self, now: datetime) -> bool:
        return self.locked_until is not None and now < self.locked_until


def _aware(now: datetime) -> datetime:
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("`now` must be a timezone-aware datetime")
    return now


def record_failure(state: LoginState, now: datetime) -> LoginState:
    """The state after a failed login at `now`.

    The fifth consecutive failure locks the account for `LOCKOUT`. Failures while
    locked do not extend the lock (it is time-boxed, not a ratchet an attacker can
    hold down); once a lock has expired, counting starts again from zero.
    """
    _aware(now)
    if state.locked_at(now):
        return state
    failures = 0 if state.locked_until is not None else state.failures
    failures += 1
    if failures >= MAX_FAILURES:
        return LoginState(failures=failures, locked_until=now + LOCKOUT)
    return LoginState(failures=failures, locked_until=None)


def record_success(state: LoginState) -> LoginState:
    """A successful login resets the counter and any (expired) lock."""
    return LoginState()


def check_can_login(state: LoginState, now: datetime) -> None:
    """Raise AccountLockedError while the account is locked."""
    _aware(now)
    if not state.locked_at(now):
        return
    assert state.locked_until is not None
    remaining = state.locked_until - now
    minutes = max(1, math.ceil(remaining.total_seconds() / 60))
    raise AccountLockedError(
        f"连续登录失败次数过多，账号已锁定，请 {minutes} 分钟后再试。", retry_after=remaining
    )


# --- sessions ---------------------------------------------------------------

IDLE_TIMEOUT = timedelta(minutes=30)
# An absolute cap so a session never outlives one working shift (a long day
# including overtime or duty hours fits in 12 hours): editors sign in again
# each day, and a stolen cookie cannot be kept alive forever by using it.
ABSOLUTE_LIFETIME = timedelta(hours=12)

# 16 random bytes (128 bits) is the least a token may carry.
_MIN_TOKEN_BYTES = 16
_MIN_TOKEN_CHARS = 22  # 16 bytes in unpadded urlsafe base64
_MAX_TOKEN_CHARS = 256
_URLSAFE = re.compile(r"^[A-Za-z0-9_-]+$")

TokenSource = Callable[[], "bytes | str"]


def _default_token() -> str:
    return secrets.token_urlsafe(32)


class SessionExpiredError(DomainError):
    code = "session_expired"
    status = 401


@dataclass(frozen=True)
class Session:
    session_id: str
    user_id: str
    created_at: datetime
    last_seen_at: datetime
    csrf_secret: str

    def __repr__(self) -> str:  # keep secrets out of logs and tracebacks
        return f"Session(user_id={self.user_id!r}, created_at={self.created_at.isoformat()})"


def is_valid_session_id(value: object) -> bool:
    """Whether `value` looks like a session id we issue (urlsafe base64, sane length)."""
    return (
        isinstance(value, str)
        and _MIN_TOKEN_CHARS <= len(value) <= _MAX_TOKEN_CHARS
        and _URLSAFE.match(value) is not None
    )


def _token(source: TokenSource) -> str:
    raw = source()
    if isinstance(raw, (bytes, bytearray)):
        if len(raw) < _MIN_TOKEN_BYTES:
            raise ValueError(f"token source returned fewer than {_MIN_TOKEN_BYTES} bytes")
        return base64.urlsafe_b64encode(bytes(raw)).rstrip(b"=").decode("ascii")
    if not is_valid_session_id(raw):
        raise ValueError(
            f"token source must return {_MIN_TOKEN_CHARS}..{_MAX_TOKEN_CHARS} urlsafe characters"
        )
    return raw


def new_session(
    user_id: str, now: datetime, token_source: TokenSource | None = None
) -> Session:
    """A fresh session for `user_id`; session id and CSRF secret are independent tokens."""
    if not user_id:
        raise ValueError("user_id is required")
    _aware(now)
    source = token_source or _default_token
    session_id = _token(source)
    csrf_secret = _token(source)
    if hmac.compare_digest(session_id, csrf_secret):
        raise ValueError("token source returned the same value twice")
    return Session(
        session_id=session_id,
        user_id=user_id,
        created_at=now,
        last_seen_at=now,
        csrf_secret=csrf_secret,
    )


def expires_at(session: Session) -> datetime:
    """When the session ends if unused: the earlier of idle timeout and absolute lifetime.

    Store it (as epoch seconds) in the DynamoDB TTL attribute.
    """
    return min(session.last_seen_at + IDLE_TIMEOUT, session.created_at + ABSOLUTE_LIFETIME)


def session_expired(session: Session, now: datetime) -> bool:
    """True once 30 idle minutes or 12 hours since sign-in have passed (boundary included)."""
    _aware(now)
    return now >= expires_at(session)


def touch(session: Session, now: datetime) -> Session:
    """Record activity at `now`; an expired session cannot be revived."""
    if session_expired(session, now):
        raise SessionExpiredError("登录已超时，请重新登录。")
    return replace(session, last_seen_at=max(session.last_seen_at, now))


# --- CSRF (synchronizer token) -----------------------------------------------

_CSRF_PURPOSE = b"wuxue-portal/console/csrf/v1"


def csrf_token(session: Session) -> str:
    """The session's CSRF token: HMAC-SHA256(csrf_secret, purpose), unpadded urlsafe base64."""
    digest = hmac.new(session.csrf_secret.encode("ascii"), _CSRF_PURPOSE, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def verify_csrf(session: Session, presented: str | None) -> bool:
    """Constant-time check of a token taken from a form field or header."""
    if not isinstance(presented, str) or not presented.isascii():
        return False
    return hmac.compare_digest(csrf_token(session).encode("ascii"), presented.encode("ascii"))


# --- session cookie ---------------------------------------------------------

SESSION_COOKIE = "wx_session"
_COOKIE_ATTRIBUTES = "Path=/; HttpOnly; SameSite=Lax"


def session_cookie(session_id: str, *, secure: bool = True) -> str:
    """`Set-Cookie` value for the session id: a browser-session cookie (no Max-Age;
    the server enforces expiry). `secure=False` only for local plain-http development.

    Raises ValueError for anything but a urlsafe token (header injection guard).
    """
    if not is_valid_session_id(session_id):
        raise ValueError("session id must be a urlsafe token")
    return _cookie(session_id, secure=secure)


def clear_session_cookie(*, secure: bool = True) -> str:
    """`Set-Cookie` value that deletes the session cookie (sign-out)."""
    return _cookie("", secure=secure, extra="Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT")


def _cookie(value: str, *, secure: bool, extra: str = "") -> str:
    parts = [f"{SESSION_COOKIE}={value}", _COOKIE_ATTRIBUTES]
    if extra:
        parts.append(extra)
    if secure:
        parts.append("Secure")
    return "; ".join(parts)
