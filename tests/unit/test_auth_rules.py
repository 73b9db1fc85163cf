"""Console security rules: password policy, lockout, sessions, CSRF, session cookie."""
from __future__ import annotations

from dataclasses import FrozenInstanceError
from datetime import datetime, timedelta, timezone

import pytest

from chalicelib.domain import auth
from chalicelib.domain.auth import (
    ABSOLUTE_LIFETIME,
    IDLE_TIMEOUT,
    LOCKOUT,
    LOGIN_FAILED_MESSAGE,
    MAX_FAILURES,
    SESSION_COOKIE,
    AccountLockedError,
    LoginState,
    Session,
    SessionExpiredError,
    check_can_login,
    clear_session_cookie,
    csrf_token,
    expires_at,
    new_session,
    record_failure,
    record_success,
    session_cookie,
    session_expired,
    touch,
    validate_password,
    verify_csrf,
)
from chalicelib.errors import DomainError, ValidationError

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)
RULE = "密码至少需要 8 个字符，并包含大写字母、小写字母、数字、符号中的至少三类。"


def tokens(*values: str | bytes):
    """A deterministic token source yielding `values` in turn."""
    it = iter(values)
    return lambda: next(it)


SID_A = "A" * 43
SID_B = "B" * 43
SECRET_A = "a" * 43
SECRET_B = "b" * 43


def session_a(now: datetime = T0) -> Session:
    return new_session("user-a", now, tokens(SID_A, SECRET_A))


# --- password policy ----------------------------------------------------------


@pytest.mark.parametrize(
    "password",
    [
        "Abcdefg1",  # upper + lower + digit, exactly 8
        "abcdefg1!",  # lower + digit + symbol
        "ABCDEFG1!",  # upper + digit + symbol
        "Abcdefgh!",  # upper + lower + symbol
        "Abc1!xyz",  # all four
        "Wuxue 2026 政务",  # inner spaces allowed; CJK counts as a symbol
        "A1!" + "x" * 125,  # exactly 128
    ],
)
def test_acceptable_passwords(password):
    validate_password(password, username="editor01")


@pytest.mark.parametrize(
    ("password", "code", "fragments"),
    [
        ("abcdefgh", "password_classes", ["还需包含大写字母、数字、符号中的至少两类"]),
        ("abcdefg1", "password_classes", ["还需包含大写字母、符号中的至少一类"]),
        ("ABCDEFG1", "password_classes", ["还需包含小写字母、符号中的至少一类"]),
        ("12345678", "password_classes", ["还需包含大写字母、小写字母、符号中的至少两类"]),
        ("!@#$%^&*", "password_classes", ["还需包含大写字母、小写字母、数字中的至少两类"]),
        ("Ab1!xyz", "password_too_short", ["当前只有 7 个字符"]),
        ("ab1", "password_weak", ["当前只有 3 个字符", "还需包含大写字母、符号中的至少一类"]),
    ],
)
def test_weak_passwords_name_what_is_missing(password, code, fragments):
    with pytest.raises(ValidationError) as caught:
        validate_password(password)
    assert caught.value.code == code
    assert caught.value.message.startswith(RULE)
    for fragment in fragments:
        assert fragment in caught.value.message


def test_too_short_message_does_not_claim_missing_classes():
    with pytest.raises(ValidationError) as caught:
        validate_password("Ab1!xyz")
    assert "还需包含" not in caught.value.message


@pytest.mark.parametrize(
    ("password", "code", "fragment"),
    [
        ("", "password_empty", "请填写密码"),
        (None, "password_empty", "请填写密码"),
        ("A1!" + "x" * 126, "password_too_long", "不能超过 128 个字符"),
        (" Abcdefg1", "password_whitespace", "开头和结尾不能是空格"),
        ("Abcdefg1 ", "password_whitespace", "开头和结尾不能是空格"),
        ("\u3000Abcdefg1", "password_whitespace", "开头和结尾不能是空格"),  # ideographic space
        ("          ", "password_whitespace", "开头和结尾不能是空格"),
        ("Abc\ndefg1", "password_control_chars", "控制字符"),
        ("Abc\x00defg1", "password_control_chars", "控制字符"),
    ],
)
def test_refused_shapes(password, code, fragment):
    with pytest.raises(ValidationError) as caught:
        validate_password(password)
    assert caught.value.code == code
    assert fragment in caught.value.message


@pytest.mark.parametrize("password", ["Editor01!x", "xx-EDITOR01-x", "1!eDiToR01"])
def test_password_must_not_contain_username_case_insensitive(password):
    with pytest.raises(ValidationError) as caught:
        validate_password(password, username="editor01")
    assert caught.value.code == "password_contains_username"
    assert caught.value.message == "密码不能包含用户名。"


@pytest.mark.parametrize("username", [None, "", "   ", "zhangsan"])
def test_username_check_skipped_or_not_matching(username):
    validate_password("Editor01!x", username=username)


# --- lockout ------------------------------------------------------------------


def fail(state: LoginState, times: int, now: datetime) -> LoginState:
    for _ in range(times):
        state = record_failure(state, now)
    return state


def test_constants_and_generic_failure_message():
    assert MAX_FAILURES == 5
    assert LOCKOUT == timedelta(minutes=15)
    assert LOGIN_FAILED_MESSAGE == "用户名或密码错误。"


def test_four_failures_still_allow_login():
    state = fail(LoginState(), 4, T0)
    assert state == LoginState(failures=4, locked_until=None)
    check_can_login(state, T0)


def test_fifth_failure_locks_for_fifteen_minutes():
    state = fail(LoginState(), 5, T0)
    assert state.locked_until == T0 + timedelta(minutes=15)
    with pytest.raises(AccountLockedError) as caught:
        check_can_login(state, T0)
    assert caught.value.code == "account_locked"
    assert isinstance(caught.value, DomainError)
    assert caught.value.message == "连续登录失败次数过多，账号已锁定，请 15 分钟后再试。"


@pytest.mark.parametrize(
    ("elapsed", "minutes"),
    [
        (timedelta(minutes=3), 12),
        (timedelta(minutes=3, seconds=1), 12),  # 11:59 left rounds up to 12
        (timedelta(minutes=2, seconds=59), 13),  # 12:01 left rounds up to 13
        (timedelta(minutes=14, seconds=59), 1),
    ],
)
def test_attempt_during_lock_is_refused_with_minutes_rounded_up(elapsed, minutes):
    state = fail(LoginState(), 5, T0)
    with pytest.raises(AccountLockedError) as caught:
        check_can_login(state, T0 + elapsed)
    assert f"请 {minutes} 分钟后再试" in caught.value.message
    assert caught.value.retry_after == LOCKOUT - elapsed


def test_failures_during_lock_do_not_extend_it():
    locked = fail(LoginState(), 5, T0)
    assert fail(locked, 3, T0 + timedelta(minutes=10)) == locked


def test_lock_expires_by_time_and_counting_restarts():
    locked = fail(LoginState(), 5, T0)
    after = T0 + LOCKOUT
    check_can_login(locked, after)
    again = record_failure(locked, after)
    assert again == LoginState(failures=1, locked_until=None)
    check_can_login(again, after)


def test_success_resets_the_counter():
    state = record_success(fail(LoginState(), 4, T0))
    assert state == LoginState()
    # the next four failures are again not enough to lock
    check_can_login(fail(state, 4, T0), T0)


def test_failures_must_be_consecutive():
    state = fail(record_success(fail(LoginState(), 3, T0)), 3, T0)
    check_can_login(state, T0)
    assert state.failures == 3


def test_login_state_is_immutable_and_needs_aware_time():
    state = LoginState()
    with pytest.raises(FrozenInstanceError):
        state.failures = 3  # type: ignore[misc]
    with pytest.raises(ValueError):
        record_failure(state, datetime(2026, 3, 2, 9, 0))


# --- sessions -----------------------------------------------------------------


def test_new_session_uses_the_injected_tokens():
    session = session_a()
    assert session == Session(SID_A, "user-a", T0, T0, SECRET_A)
    assert SID_A not in repr(session) and SECRET_A not in repr(session)


def test_new_session_encodes_byte_tokens_urlsafe():
    session = new_session("u", T0, tokens(b"\xff" * 33, b"\xfb" * 33))
    assert session.session_id == "_" * 44
    assert "=" not in session.csrf_secret and "+" not in session.csrf_secret


def test_default_token_source_is_random_and_cookie_safe():
    one, two = new_session("u", T0), new_session("u", T0)
    assert one.session_id != two.session_id
    assert one.session_id != one.csrf_secret
    assert len(one.session_id) >= 43
    session_cookie(one.session_id)


@pytest.mark.parametrize(
    "source",
    [
        tokens(b"short", b"x" * 32),  # too few random bytes
        tokens("tooShort", SECRET_A),
        tokens("A" * 42 + ";", SECRET_A),  # not urlsafe
        tokens(SID_A, SID_A),  # constant source
    ],
)
def test_new_session_refuses_weak_token_sources(source):
    with pytest.raises(ValueError):
        new_session("u", T0, source)


@pytest.mark.parametrize(
    ("idle", "expired"),
    [
        (timedelta(minutes=29, seconds=59), False),
        (timedelta(minutes=30), True),
        (timedelta(minutes=31), True),
    ],
)
def test_idle_timeout_boundary(idle, expired):
    assert session_expired(session_a(), T0 + idle) is expired


def test_touch_extends_the_idle_window():
    session = touch(session_a(), T0 + timedelta(minutes=20))
    assert session.last_seen_at == T0 + timedelta(minutes=20)
    assert session.created_at == T0
    assert not session_expired(session, T0 + timedelta(minutes=49, seconds=59))
    assert session_expired(session, T0 + timedelta(minutes=50))
    assert expires_at(session) == T0 + timedelta(minutes=50)


def test_touch_never_moves_back_in_time():
    later = touch(session_a(), T0 + timedelta(minutes=20))
    assert touch(later, T0 + timedelta(minutes=10)).last_seen_at == later.last_seen_at


def test_touch_refuses_to_revive_an_expired_session():
    with pytest.raises(SessionExpiredError) as caught:
        touch(session_a(), T0 + IDLE_TIMEOUT)
    assert caught.value.code == "session_expired"
    assert caught.value.status == 401


def test_absolute_lifetime_caps_an_active_session():
    assert ABSOLUTE_LIFETIME == timedelta(hours=12)
    session, now = session_a(), T0
    while now + timedelta(minutes=20) < T0 + ABSOLUTE_LIFETIME:  # busy editor, never idle
        now += timedelta(minutes=20)
        session = touch(session, now)
    assert not session_expired(session, T0 + ABSOLUTE_LIFETIME - timedelta(seconds=1))
    assert session_expired(session, T0 + ABSOLUTE_LIFETIME)
    assert expires_at(session) == T0 + ABSOLUTE_LIFETIME


def test_expires_at_is_the_idle_deadline_for_a_new_session():
    assert expires_at(session_a()) == T0 + IDLE_TIMEOUT


# --- CSRF ---------------------------------------------------------------------


def test_csrf_token_is_stable_urlsafe_and_not_the_secret():
    session = session_a()
    token = csrf_token(session)
    assert token == csrf_token(touch(session, T0 + timedelta(minutes=5)))
    assert len(token) == 43 and auth.is_valid_session_id(token)
    assert SECRET_A not in token


def test_verify_csrf_accepts_the_sessions_own_token():
    session = session_a()
    assert verify_csrf(session, csrf_token(session)) is True


@pytest.mark.parametrize("presented", [None, "", "x", "A" * 43, "令牌", 42])
def test_verify_csrf_rejects_missing_or_wrong_tokens(presented):
    assert verify_csrf(session_a(), presented) is False


def test_verify_csrf_rejects_the_token_of_another_session():
    other = new_session("user-a", T0, tokens(SID_B, SECRET_B))
    assert verify_csrf(session_a(), csrf_token(other)) is False


def test_verify_csrf_rejects_a_tampered_token():
    token = csrf_token(session_a())
    tampered = token[:-1] + ("A" if token[-1] != "A" else "B")
    assert verify_csrf(session_a(), tampered) is False
    assert verify_csrf(session_a(), token + "=") is False


# --- session cookie -----------------------------------------------------------


def attributes(header: str) -> tuple[str, set[str]]:
    first, *rest = header.split("; ")
    return first, set(rest)


def test_session_cookie_attributes():
    first, attrs = attributes(session_cookie(SID_A))
    assert SESSION_COOKIE == "wx_session"
    assert first == f"wx_session={SID_A}"
    assert attrs == {"Path=/", "HttpOnly", "Secure", "SameSite=Lax"}


def test_session_cookie_without_secure_for_local_http():
    _, attrs = attributes(session_cookie(SID_A, secure=False))
    assert attrs == {"Path=/", "HttpOnly", "SameSite=Lax"}


def test_clear_session_cookie_expires_it_with_the_same_attributes():
    first, attrs = attributes(clear_session_cookie())
    assert first == "wx_session="
    assert {"Path=/", "HttpOnly", "Secure", "SameSite=Lax", "Max-Age=0"} <= attrs
    assert "Expires=Thu, 01 Jan 1970 00:00:00 GMT" in attrs
    assert "Secure" not in attributes(clear_session_cookie(secure=False))[1]


@pytest.mark.parametrize(
    "value",
    [
        SID_A + "; Domain=evil.example",
        SID_A + "\r\nSet-Cookie: admin=1",
        SID_A + " ",
        SID_A + "=",
        "x" * 10,  # too short to be one of ours
        "x" * 300,
        "",
        None,
        "令牌" * 20,
    ],
)
def test_session_cookie_refuses_unsafe_values(value):
    with pytest.raises(ValueError):
        session_cookie(value)
