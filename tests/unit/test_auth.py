"""The shared password's hash: made, parsed, verified; malformed settings named, never echoed."""

from __future__ import annotations

import io

import pytest

from ui.auth import hash_password, main, parse_hash, verify_password

SALT = bytes(range(16))


@pytest.fixture(scope="module")
def stored() -> str:
    return hash_password("correct horse battery", salt=SALT)


def test_hash_has_its_parameters_salt_and_key(stored: str) -> None:
    parsed = parse_hash(stored)
    assert stored.startswith("scrypt:32768:8:1:")
    assert (parsed.n, parsed.r, parsed.p, parsed.salt) == (2**15, 8, 1, SALT)
    assert len(parsed.key) == 32
    assert "$" not in stored  # safe in shells, env files and docker compose


def test_the_same_password_gets_a_new_salt_each_time() -> None:
    first, second = hash_password("same password"), hash_password("same password")
    assert first != second
    assert verify_password("same password", first) and verify_password("same password", second)


@pytest.mark.parametrize(
    ("password", "expected"),
    [
        ("correct horse battery", True),
        ("correct horse batter", False),
        ("Correct horse battery", False),
        ("correct horse battery ", False),
        ("", False),
        ("pässwörd ünïcode", False),
    ],
)
def test_verify(stored: str, password: str, expected: bool) -> None:
    assert verify_password(password, stored) is expected


def test_unicode_password_round_trips() -> None:
    assert verify_password("pässwörd ünïcode", hash_password("pässwörd ünïcode"))


@pytest.mark.parametrize(
    ("stored", "match"),
    [
        ("", "must look like scrypt:<N>"),
        ("plain-text-password", "must look like scrypt:<N>"),
        ("pbkdf2:1:2:3:aa:bb", "must look like scrypt:<N>"),
        ("scrypt$32768$8$1$00$00", "must look like scrypt:<N>"),
        ("scrypt:x:8:1:00:00", "whole numbers"),
        ("scrypt:32768:8:1:zz:00", "hex"),
        ("scrypt:1000:8:1:00:" + "00" * 32, "power of 2"),
        ("scrypt:32768:0:1:00:" + "00" * 32, "power of 2"),
        ("scrypt:32768:8:1::" + "00" * 32, "empty salt"),
        ("scrypt:32768:8:1:00:0000", "shorter than 16 bytes"),
    ],
)
def test_malformed_hash_names_the_setting(stored: str, match: str) -> None:
    with pytest.raises(ValueError, match=match) as error:
        parse_hash(stored)
    assert "STANCEMAP_PASSWORD_HASH" in str(error.value)


def test_error_does_not_echo_the_value() -> None:
    with pytest.raises(ValueError) as error:
        parse_hash("scrypt:32768:8:1:00:my-secret-looking-value")
    assert "my-secret" not in str(error.value)


def test_cli_prints_a_hash_of_stdin(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("team password 2026\n"))
    assert main(["hash", "--stdin"]) == 0
    printed = capsys.readouterr().out.strip()
    assert verify_password("team password 2026", printed)


def test_cli_refuses_a_short_password(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    with pytest.raises(SystemExit) as exit_:
        main(["hash", "--stdin"])
    assert exit_.value.code == 2


def test_cli_asks_twice(monkeypatch: pytest.MonkeyPatch) -> None:
    answers = iter(["first password", "other password"])
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(answers))
    with pytest.raises(SystemExit):
        main(["hash"])
