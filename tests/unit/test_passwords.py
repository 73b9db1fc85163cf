"""argon2id password hashing adapter."""
from __future__ import annotations

import importlib
import sys

import pytest
from argon2 import PasswordHasher, Type

from chalicelib.adapters import passwords
from chalicelib.adapters.passwords import hash_password, needs_rehash, verify_password

# Cheap parameters keep these tests fast; one test below uses the real defaults.
CHEAP = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
CHEAPER = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1, hash_len=16)
PASSWORD = "Wuxue@2026政务"


def test_roundtrip_with_default_parameters():
    stored = hash_password(PASSWORD)
    assert stored.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert verify_password(stored, PASSWORD) is True
    assert verify_password(stored, PASSWORD.lower()) is False
    assert needs_rehash(stored) is False
    assert needs_rehash(hash_password(PASSWORD, hasher=CHEAP)) is True


def test_roundtrip_and_fresh_salt():
    one, two = hash_password(PASSWORD, hasher=CHEAP), hash_password(PASSWORD, hasher=CHEAP)
    assert one.startswith("$argon2id$")
    assert one != two
    assert PASSWORD not in one
    assert verify_password(one, PASSWORD, hasher=CHEAP) is True
    assert verify_password(two, PASSWORD, hasher=CHEAP) is True


@pytest.mark.parametrize("attempt", ["wuxue@2026政务", PASSWORD + " ", "", "x" * 10_000])
def test_mismatch_is_false(attempt):
    stored = hash_password(PASSWORD, hasher=CHEAP)
    assert verify_password(stored, attempt, hasher=CHEAP) is False


@pytest.mark.parametrize(
    "stored",
    [
        None,
        "",
        "not-a-hash",
        "$argon2id$v=19$m=8,t=1,p=1$",
        "$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$%%%",
        "$2b$12$KIXQJq7nS5u1yKQbW1sUeO0k7GkS2Q3vZ5sQf1bq8cJ6kL9xZ2a3C",  # bcrypt
        "$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$哈希",
        12345,
    ],
)
def test_malformed_hash_is_false_not_an_error(stored):
    assert verify_password(stored, PASSWORD, hasher=CHEAP) is False
    assert needs_rehash(stored, hasher=CHEAP) is True


def test_truncated_hash_is_false():
    stored = hash_password(PASSWORD, hasher=CHEAP)
    assert verify_password(stored[:-4], PASSWORD, hasher=CHEAP) is False


def test_non_string_password_is_false():
    stored = hash_password(PASSWORD, hasher=CHEAP)
    assert verify_password(stored, None, hasher=CHEAP) is False
    assert verify_password(stored, PASSWORD.encode(), hasher=CHEAP) is False  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        hash_password(None)  # type: ignore[arg-type]


def test_needs_rehash_when_parameters_change():
    stored = hash_password(PASSWORD, hasher=CHEAP)
    assert needs_rehash(stored, hasher=CHEAP) is False
    assert needs_rehash(stored, hasher=CHEAPER) is True
    argon2i = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1, type=Type.I)
    assert needs_rehash(stored, hasher=argon2i) is True
    # an old hash still verifies (the hash carries its own parameters) until rehashed
    assert verify_password(stored, PASSWORD, hasher=CHEAPER) is True


def test_unknown_user_check_is_always_false():
    assert passwords.verify_unknown_user(PASSWORD, hasher=CHEAP) is False
    assert passwords.verify_unknown_user(None, hasher=CHEAP) is False


def test_import_does_no_hashing_work(monkeypatch):
    import chalicelib.adapters

    monkeypatch.setattr(chalicelib.adapters, "passwords", passwords)  # restored afterwards
    monkeypatch.delitem(sys.modules, "chalicelib.adapters.passwords")
    fresh = importlib.import_module("chalicelib.adapters.passwords")
    assert fresh._default_hasher is None
    assert fresh._default_dummy_hash is None
