"""Access control and read-only mode, driven through dashboard.py with AppTest.

With a password hash set, every page shows the login form and nothing of the corpus until the
right password is given; an [auth] section (OIDC) does the same. Read-only mode hides the upload
box and the concept form, and nothing else.
"""

from __future__ import annotations

import ast
import importlib.util
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import TIMEOUT_S
from ui.auth import LOGGED_IN_KEY, PASSWORD_KEY, WRONG, hash_password
from ui.concepts_view import READ_ONLY as CONCEPTS_READ_ONLY
from ui.settings import get_settings
from ui.upload import READ_ONLY as UPLOAD_READ_ONLY

REPO_ROOT = Path(__file__).resolve().parents[2]
DASHBOARD = REPO_ROOT / "dashboard.py"
PASSWORD = "team password 2026"
HASH = hash_password(PASSWORD)
AUTH_SECTION = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "x" * 32,
    "client_id": "stancemap-test",
    "client_secret": "not-a-secret",
    "server_metadata_url": "https://login.example.org/.well-known/openid-configuration",
}

UseTables = Callable[..., None]


def dashboard_pages() -> list[tuple[str, str]]:
    """(page file, URL path) of every st.Page in dashboard.py, read without running it; the
    default page's URL path is "" (Streamlit serves it at "/" only)."""
    pages = []
    for node in ast.walk(ast.parse(DASHBOARD.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "Page":
            path = node.args[0]
            options = {k.arg: k.value for k in node.keywords}
            url, default = options["url_path"], options.get("default")
            assert isinstance(path, ast.Constant) and isinstance(url, ast.Constant)
            is_default = isinstance(default, ast.Constant) and default.value is True
            pages.append((str(path.value), "" if is_default else str(url.value)))
    return pages


PAGES = dashboard_pages()


@pytest.fixture
def tables(fixture_tables_dir: Path, use_tables: UseTables) -> Iterator[UseTables]:
    """Point the app at the fixture tables with the given extra settings."""

    def use(**settings: str) -> None:
        use_tables(fixture_tables_dir, **settings)

    yield use
    get_settings.clear()  # settings read under at.secrets must not leak into other tests


def open_page(page: str, *, secrets: dict[str, object] | None = None, **user: object) -> AppTest:
    at = AppTest.from_file(str(DASHBOARD), default_timeout=TIMEOUT_S)
    at.secrets.update(secrets or {})
    at.user.update(user)
    return at.switch_page(page).run()


def assert_shows_no_data(at: AppTest) -> None:
    """Only the login: no metric, table, chart, text or sidebar of the app."""
    assert not at.exception
    assert [t.value for t in at.title] == ["Stancemap"]
    assert not at.metric and not at.dataframe and not at.table and not at.text
    assert not at.get("plotly_chart") and not at.get("html") and not at.file_uploader
    assert not at.sidebar.markdown and not at.sidebar.caption and not at.sidebar.button
    assert not at.selectbox and not at.multiselect and not at.radio


def log_in(at: AppTest, password: str) -> AppTest:
    at.text_input(key=PASSWORD_KEY).input(password)
    return at.button[0].click().run()  # the form's "Log in"


def test_dashboard_lists_every_page_file() -> None:
    files = {path for path, _ in PAGES}
    assert files == {f"pages/{p.name}" for p in (REPO_ROOT / "pages").glob("*.py")}


@pytest.mark.parametrize("path", sorted((REPO_ROOT / "pages").glob("*.py")), ids=lambda p: p.stem)
def test_every_page_starts_inside_the_navigation(path: Path) -> None:
    """A cold deep link runs a page file on its own once; start_page() must then be its first
    statement, so it reruns through dashboard.py (and the gate) before drawing anything."""
    body = ast.parse(path.read_text(encoding="utf-8")).body
    code = [
        n
        for n in body
        if not isinstance(n, ast.Import | ast.ImportFrom)
        and not (isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant))  # docstring
    ]
    first = code[0]
    assert isinstance(first, ast.Expr) and isinstance(first.value, ast.Call)
    assert ast.unparse(first.value) == "start_page()", f"{path.name} starts with something else"


@pytest.mark.parametrize(("page", "url"), PAGES, ids=[Path(path).stem for path, _ in PAGES])
def test_every_page_asks_for_the_password_first(tables: UseTables, page: str, url: str) -> None:
    tables(password_hash=HASH)
    at = open_page(page)
    assert_shows_no_data(at)
    assert at.text_input(key=PASSWORD_KEY).value == ""
    assert LOGGED_IN_KEY not in at.session_state
    at = log_in(at, PASSWORD)
    assert not at.exception
    assert at.session_state[LOGGED_IN_KEY] is True
    assert at.title and at.title[0].value != "Stancemap"  # the page itself
    assert at.sidebar.button(key="auth_logout")


def test_a_wrong_password_is_refused(tables: UseTables) -> None:
    tables(password_hash=HASH)
    at = log_in(open_page("pages/corpus.py"), "team password 2025")
    assert [e.value for e in at.error] == [WRONG]
    assert_shows_no_data(at)
    assert not at.session_state[PASSWORD_KEY]  # the typed password is not kept
    at = log_in(at, PASSWORD)
    assert not at.error
    assert at.metric  # the corpus page's accounting


def test_log_out_asks_again(tables: UseTables) -> None:
    tables(password_hash=HASH)
    at = log_in(open_page("pages/corpus.py"), PASSWORD)
    at.sidebar.button(key="auth_logout").click().run()
    assert_shows_no_data(at)
    at.switch_page("pages/article.py").run()
    assert_shows_no_data(at)


def test_password_hash_from_secrets(tables: UseTables) -> None:
    tables()
    at = open_page("pages/corpus.py", secrets={"STANCEMAP_PASSWORD_HASH": HASH})
    assert_shows_no_data(at)


def test_a_malformed_hash_stops_the_app(tables: UseTables) -> None:
    tables(password_hash="my-plain-password")
    at = open_page("pages/corpus.py")
    assert at.exception
    assert "STANCEMAP_PASSWORD_HASH" in at.exception[0].value
    assert "my-plain-password" not in at.exception[0].value
    assert not at.metric


def test_oidc_asks_for_the_login_first(tables: UseTables) -> None:
    """Authlib is in the runtime lock: with [auth] configured, a stranger gets only a button."""
    assert importlib.util.find_spec("authlib") is not None
    tables()
    at = open_page("pages/stances.py", secrets={"auth": AUTH_SECTION})
    assert not at.error
    assert at.button(key="auth_oidc_login")
    assert_shows_no_data(at)


def test_oidc_logged_in_user_sees_the_pages(tables: UseTables) -> None:
    tables()
    at = open_page(
        "pages/corpus.py", secrets={"auth": AUTH_SECTION}, is_logged_in=True, email="a@b.org"
    )
    assert not at.exception
    assert at.metric
    assert at.sidebar.button(key="auth_logout")


def test_read_only_hides_upload_and_concept_form(tables: UseTables) -> None:
    tables(read_only="1")
    at = open_page("pages/corpus.py")
    assert not at.exception
    assert at.metric  # the corpus itself is shown as ever
    assert not at.file_uploader
    assert UPLOAD_READ_ONLY in [c.value for c in at.caption]
    at.switch_page("pages/concepts.py").run()
    assert not at.exception
    assert at.dataframe  # the catalogue
    assert not at.get("form")
    assert not at.text_input
    assert CONCEPTS_READ_ONLY in [c.value for c in at.caption]


def test_without_read_only_upload_and_form_are_there(tables: UseTables) -> None:
    tables()
    at = open_page("pages/corpus.py")
    assert at.file_uploader
    assert UPLOAD_READ_ONLY not in [c.value for c in at.caption]
    at.switch_page("pages/concepts.py").run()
    assert at.get("form")


def test_a_bad_read_only_value_is_named(tables: UseTables) -> None:
    tables(read_only="maybe")
    at = open_page("pages/corpus.py")
    assert at.exception and "STANCEMAP_READ_ONLY='maybe'" in at.exception[0].value
