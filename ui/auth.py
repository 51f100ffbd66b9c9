"""Optional access control: an OIDC login (st.login) or one shared password, before any page.

Off unless configured. dashboard.py calls `require_access(settings, PAGES)` before its
st.navigation and sidebar, so no page, and no deep link to one, draws anything until the session
is let in.

- OIDC: an [auth] section in .streamlit/secrets.toml (Streamlit's own login; needs Authlib).
- Shared password: STANCEMAP_PASSWORD_HASH (env or secrets), made with `python -m ui.auth hash`.
  Only the scrypt hash is stored; a login lasts as long as the browser session.
Both configured: both are asked for.
"""

from __future__ import annotations

import argparse
import getpass
import hashlib
import hmac
import importlib.util
import secrets
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import streamlit as st

if TYPE_CHECKING:
    from streamlit.navigation.page import StreamlitPage

    from ui.settings import Settings

SCHEME = "scrypt"
# scrypt cost: 128 * N * R bytes = 32 MB of memory and about 0.1 s per check.
COST_N, COST_R, COST_P = 2**15, 8, 1
MAX_MEMORY = 64 * 2**20
SALT_BYTES = 16
KEY_BYTES = 32
MIN_PASSWORD_CHARS = 8
MAX_PASSWORD_CHARS = 256
# Colon-separated: no "$", which shells, env files and docker compose would expand.
SEPARATOR = ":"
HASH_FORMAT = "scrypt:<N>:<r>:<p>:<salt, hex>:<hash, hex>"
SETTING = "STANCEMAP_PASSWORD_HASH"
FAIL_DELAY_S = 1.0  # after a wrong password: slows guessing down

# st.session_state keys (widget keys are prefixed auth_, like a page's).
PASSWORD_KEY = "auth_password"
LOGGED_IN_KEY = "auth_logged_in"
FAILED_KEY = "auth_failed"

PRIVATE = "This Stancemap is private."
WRONG = "Wrong password. Try again."
NO_AUTHLIB = (
    "Login is configured (an [auth] section in the secrets) but the Authlib package is not"
    " installed: install Authlib>=1.3.2 (`pip install streamlit[auth]`) and restart."
)


@dataclass(frozen=True, slots=True)
class PasswordHash:
    """A parsed STANCEMAP_PASSWORD_HASH: scrypt's cost parameters, the salt and the key."""

    n: int
    r: int
    p: int
    salt: bytes
    key: bytes


def hash_password(password: str, *, salt: bytes | None = None) -> str:
    """The storable hash of `password`: 'scrypt:N:r:p:<salt hex>:<key hex>' (a new random salt)."""
    salt = secrets.token_bytes(SALT_BYTES) if salt is None else salt
    key = _scrypt(password, PasswordHash(COST_N, COST_R, COST_P, salt, b"\0" * KEY_BYTES))
    return SEPARATOR.join([SCHEME, str(COST_N), str(COST_R), str(COST_P), salt.hex(), key.hex()])


def parse_hash(stored: str) -> PasswordHash:
    """The parts of a stored hash; a ValueError naming the setting (not its value) if malformed."""
    parts = stored.strip().split(SEPARATOR)
    if len(parts) != 6 or parts[0] != SCHEME:
        raise ValueError(
            f"{SETTING} must look like {HASH_FORMAT} (make one with `python -m ui.auth hash`);"
            f" got {len(parts)} parts, the first {parts[0][:10]!r}"
        )
    try:
        n, r, p = (int(part) for part in parts[1:4])
        parsed = PasswordHash(n, r, p, bytes.fromhex(parts[4]), bytes.fromhex(parts[5]))
    except ValueError as e:
        raise ValueError(f"{SETTING}: N, r, p must be whole numbers, salt and hash hex") from e
    if parsed.n < 2 or parsed.n & (parsed.n - 1) or parsed.r < 1 or parsed.p < 1:
        raise ValueError(f"{SETTING}: N must be a power of 2 above 1, r and p at least 1")
    if not parsed.salt or len(parsed.key) < 16:
        raise ValueError(f"{SETTING}: an empty salt or a hash shorter than 16 bytes")
    return parsed


def verify_password(password: str, stored: str) -> bool:
    """True when `password` matches the stored hash (compared in constant time)."""
    parsed = parse_hash(stored)
    return hmac.compare_digest(_scrypt(password, parsed), parsed.key)


def _scrypt(password: str, params: PasswordHash) -> bytes:
    return hashlib.scrypt(
        password.encode("utf-8"), salt=params.salt, n=params.n, r=params.r, p=params.p,
        maxmem=MAX_MEMORY, dklen=len(params.key),
    )  # fmt: skip


# ---------------------------------------------------------------------------- the gate


def require_access(settings: Settings, pages: Sequence[StreamlitPage]) -> None:
    """Let this session through when access control is off or it has logged in; else draw the
    login and stop the run: no page runs, no sidebar is drawn.

    While the login shows, `pages` are registered with a hidden menu and not run, so a deep
    link keeps its URL and opens its page once the session is let in.
    """
    if settings.oidc and not st.user.get("is_logged_in", False):
        st.navigation(pages, position="hidden")
        _oidc_login()
    if settings.password_hash is not None and not st.session_state.get(LOGGED_IN_KEY):
        st.navigation(pages, position="hidden")
        _password_login(settings.password_hash)
    if settings.access_control:
        st.sidebar.button(
            "Log out", key="auth_logout", icon=":material/logout:", type="tertiary",
            on_click=log_out, args=(settings.oidc,),
        )  # fmt: skip


def log_out(oidc: bool) -> None:
    """Forget this session's login (a button callback); with OIDC also end the identity cookie."""
    st.session_state.pop(LOGGED_IN_KEY, None)
    if oidc:
        st.logout()


def _header() -> None:
    st.title("Stancemap")
    st.caption(PRIVATE)


def _oidc_login() -> None:
    """The 'Log in' button of Streamlit's OIDC flow; stops the run."""
    _header()
    if importlib.util.find_spec("authlib") is None:
        st.error(NO_AUTHLIB, icon=":material/error:")
        st.stop()
    st.button(
        "Log in", key="auth_oidc_login", type="primary", icon=":material/login:", on_click=st.login
    )
    st.stop()


def _password_login(stored: str) -> None:
    """The password form; stops the run. The check runs in the submit callback."""
    _header()
    with st.form("auth_form", enter_to_submit=True):
        st.text_input("Password", type="password", key=PASSWORD_KEY, max_chars=MAX_PASSWORD_CHARS)
        st.form_submit_button(
            "Log in", type="primary", icon=":material/login:",
            on_click=_check_password, args=(stored,),
        )  # fmt: skip
    if st.session_state.get(FAILED_KEY):
        st.error(WRONG, icon=":material/lock:")
    st.stop()


def _check_password(stored: str) -> None:
    """Form callback: let the session in, or count a failure (after a delay)."""
    password = st.session_state.get(PASSWORD_KEY) or ""
    st.session_state[PASSWORD_KEY] = ""  # the typed password is not kept in the session
    if verify_password(password, stored):
        st.session_state[LOGGED_IN_KEY] = True
        st.session_state.pop(FAILED_KEY, None)
        return
    time.sleep(FAIL_DELAY_S)
    st.session_state[FAILED_KEY] = st.session_state.get(FAILED_KEY, 0) + 1


# ---------------------------------------------------------------------------- CLI


def main(argv: list[str] | None = None) -> int:
    """`python -m ui.auth hash`: ask for a password (or read one line of stdin), print its hash."""
    parser = argparse.ArgumentParser(
        prog="python -m ui.auth", description="Make the STANCEMAP_PASSWORD_HASH setting."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    make = commands.add_parser("hash", help="print the hash of a password")
    make.add_argument(
        "--stdin", action="store_true", help="read the password from stdin instead of asking"
    )
    args = parser.parse_args(argv)
    if args.stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass("Password: ")
        if getpass.getpass("Again: ") != password:
            parser.error("the two passwords differ")
    if not MIN_PASSWORD_CHARS <= len(password) <= MAX_PASSWORD_CHARS:
        parser.error(f"a password needs {MIN_PASSWORD_CHARS} to {MAX_PASSWORD_CHARS} characters")
    sys.stdout.write(hash_password(password) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
