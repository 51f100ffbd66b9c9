"""The Corpus page, driven through dashboard.py with AppTest (as one browser session each)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from analysis.corpus import LoadReport, load_corpus, load_default_corpus
from ui.loaders import default_corpus
from ui.settings import get_settings

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "app"
ONE_BAD = FIXTURES / "upload_one_bad.jsonl"
HOSTILE = FIXTURES / "upload_hostile.jsonl"

StartApp = Callable[[], AppTest]


@pytest.fixture(scope="module")
def default_report() -> LoadReport:
    return load_default_corpus()


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def expected_metrics(summary: dict[str, Any]) -> dict[str, str]:
    return {
        "Articles accepted": f"{summary['accepted']:,}",
        "Records read": f"{summary['records_in']:,}",
        "Rejected": f"{len(summary['rejected']):,}",
        "Duplicates": f"{summary['duplicates']:,}",
        "Sources": f"{len(summary['sources']):,}",
        "Earliest date": summary["date_min"] or "-",
        "Latest date": summary["date_max"] or "-",
        "Undated": f"{summary['undated']:,}",
    }


def sidebar_captions(at: AppTest) -> list[str]:
    return [c.value for c in at.sidebar.caption]


def frame_with_columns(at: AppTest, *columns: str) -> Any:
    """The first st.dataframe on the page holding all these columns."""
    for df in at.dataframe:
        if set(columns) <= set(df.value.columns):
            return df.value
    raise AssertionError(
        f"no table with columns {columns}; tables: {[list(d.value.columns) for d in at.dataframe]}"
    )


def corpus_page(start_app: StartApp) -> AppTest:
    """A new session on the Corpus page (the app opens on the Overview)."""
    return start_app().switch_page("pages/corpus.py").run()


def upload(at: AppTest, *paths: Path) -> AppTest:
    at.file_uploader[0].set_value(
        [(p.name, p.read_bytes(), "application/octet-stream") for p in paths]
    )
    return at.run()


def test_default_corpus_metrics(start_app: StartApp, default_report: LoadReport) -> None:
    at = corpus_page(start_app)
    assert not at.exception
    summary = default_report.summary()
    assert summary["accepted"] > 7000  # the six packs, not a fixture
    assert metrics(at) == expected_metrics(summary)
    assert "Default corpus (6 sources)" in sidebar_captions(at)


def test_default_corpus_attributions(start_app: StartApp, default_report: LoadReport) -> None:
    at = corpus_page(start_app)
    shown = frame_with_columns(at, "source", "articles", "attribution")
    expected = {a.attribution for a in default_report.articles}
    assert set(shown["attribution"]) == expected
    assert "Source: Voice of America - public domain." in expected
    counts = dict(zip(shown["source"], shown["articles"], strict=True))
    assert counts == default_report.summary()["sources"]


def test_default_corpus_tables(start_app: StartApp, default_report: LoadReport) -> None:
    at = corpus_page(start_app)
    articles = frame_with_columns(at, "id", "date", "source", "title")
    assert list(articles.columns) == ["id", "date", "source", "title", "notes"]
    assert len(articles) == default_report.accepted
    assert any("Duplicates (" in e.label for e in at.expander)
    unreadable = len(default_report.summary()["unreadable_dates"])
    assert any(e.label == f"Unreadable dates ({unreadable:,})" for e in at.expander)
    assert any("File problems (" in e.label for e in at.expander)


def test_upload_shows_its_accounting_and_rejected_row(start_app: StartApp) -> None:
    at = upload(corpus_page(start_app), ONE_BAD)
    assert not at.exception
    expected = load_corpus([ONE_BAD]).summary()
    assert metrics(at) == expected_metrics(expected)
    assert metrics(at)["Rejected"] == "1"
    assert len(at.warning) == 1
    assert (
        "3 articles accepted, 1 record rejected, 0 duplicates, 0 file problems"
        in at.warning[0].value
    )
    reason = expected["rejected"][0]["reason"]
    assert [t.value for t in at.text] == [f"{ONE_BAD.name}, line 3, field text: {reason}"]
    rejected = frame_with_columns(at, "file", "line", "field", "reason")
    assert rejected.to_dict("records") == [
        {"file": ONE_BAD.name, "line": 3, "field": "text", "reason": reason}
    ]
    assert at.radio(key="sidebar_corpus").value == "upload"
    assert "Your upload: 1 file" in at.caption[0].value


def test_upload_is_private_to_its_session(start_app: StartApp, default_report: LoadReport) -> None:
    first = upload(corpus_page(start_app), ONE_BAD)
    assert metrics(first)["Articles accepted"] == "3"
    second = corpus_page(start_app)
    assert not second.exception
    assert "corpus_uploaded" not in second.session_state
    assert metrics(second) == expected_metrics(default_report.summary())
    assert len(second.radio) == 0  # nothing to switch to: this session uploaded nothing


def test_switch_back_and_forget_upload(start_app: StartApp, default_report: LoadReport) -> None:
    at = upload(corpus_page(start_app), ONE_BAD)
    at.radio(key="sidebar_corpus").set_value("default").run()
    assert metrics(at)["Articles accepted"] == f"{default_report.accepted:,}"
    at.radio(key="sidebar_corpus").set_value("upload").run()
    assert metrics(at)["Articles accepted"] == "3"
    at.button(key="sidebar_forget_upload").click().run()
    assert not at.exception
    assert metrics(at)["Articles accepted"] == f"{default_report.accepted:,}"
    assert len(at.radio) == 0
    assert not at.file_uploader[0].value  # a fresh, empty uploader


def test_hostile_upload_is_shown_as_plain_text(start_app: StartApp) -> None:
    at = upload(corpus_page(start_app), HOSTILE)
    assert not at.exception
    articles = frame_with_columns(at, "id", "date", "source", "title")
    assert articles["title"].tolist() == ["<script>alert('title')</script>"]
    markup = [
        e.value
        for kind in ("markdown", "caption", "warning", "success", "title")
        for e in getattr(at, kind)
    ]
    assert not [text for text in markup if "script" in text or "javascript" in text]


@pytest.fixture
def fixture_corpus(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """STANCEMAP_CORPUS pointing at the small fixture corpus; settings re-read before and after."""
    folder = FIXTURES / "corpus"
    monkeypatch.setenv("STANCEMAP_CORPUS", str(folder))
    get_settings.clear()
    yield folder
    monkeypatch.delenv("STANCEMAP_CORPUS")
    get_settings.clear()
    default_corpus.clear()


def test_corpus_folder_from_settings(start_app: StartApp, fixture_corpus: Path) -> None:
    at = corpus_page(start_app)
    assert not at.exception
    summary = load_corpus([fixture_corpus]).summary()
    assert metrics(at) == expected_metrics(summary)
    assert metrics(at)["Undated"] == "1"
    assert "Corpus folder: corpus" in sidebar_captions(at)
    rejected = frame_with_columns(at, "file", "line", "field", "reason")
    assert rejected.to_dict("records") == summary["rejected"]


def test_upload_with_nothing_readable(start_app: StartApp) -> None:
    at = corpus_page(start_app)
    at.file_uploader[0].set_value(("broken.zip", b"this is not a zip archive", "application/zip"))
    at.run()
    assert not at.exception
    assert metrics(at)["Articles accepted"] == "0"
    assert "0 articles accepted" in at.warning[0].value
    assert "1 file problem." in at.warning[0].value
    problems = frame_with_columns(at, "file", "reason", "fatal")
    assert problems["file"].tolist() == ["broken.zip"]
    assert at.text[0].value.startswith("broken.zip: ")
