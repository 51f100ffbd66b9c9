"""Corrections through the app (AppTest, fixture tables): one session marks a stance wrong on
the Article page, a fresh session sees the corrected counts and the Corrections page lists it;
undo restores the view; bad and hostile input stay harmless."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from analysis.corrections.store import CorrectionStore

StartApp = Callable[[], AppTest]
ARTICLE_PAGE, EVIDENCE_PAGE = "pages/article.py", "pages/evidence.py"
CORRECTIONS_PAGE = "pages/corrections.py"
HOSTILE_NOTE = "<script>alert('note')</script> [x](javascript:alert('note'))"


def _evidence_rows(at: AppTest) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if "open" in d.value.columns)


def test_marking_wrong_changes_every_session_and_undo_restores(
    start_app: StartApp, tables: Path, statements: pd.DataFrame, corrections_db: str
) -> None:
    row = statements.sort_values(["article_id", "actor", "concept"]).iloc[0]
    before = start_app().switch_page(EVIDENCE_PAGE).run()
    count_before = len(_evidence_rows(before))
    at = start_app()
    at.query_params["article"] = str(row["article_id"])
    at = at.switch_page(ARTICLE_PAGE).run()
    picker = at.selectbox(key="article_fix_stance")
    assert picker.options[0] == "Choose a sentence to correct"
    picker.select_index(1).run()
    next(t for t in at.text_input if t.label == "Note (optional)").input(HOSTILE_NOTE)
    next(b for b in at.button if b.label == "Mark wrong").click().run()
    assert not at.exception
    history = CorrectionStore(corrections_db).history()
    assert len(history) == 1 and history[0].judgment.value["polarity"] == 0
    assert history[0].author == "anonymous" and history[0].note == HOSTILE_NOTE
    judged = history[0].judgment
    wrong = statements[
        (statements["article_id"] == judged.article_id)
        & (statements["actor"] == judged.actor)
        & (statements["concept"] == judged.concept)
    ]
    assert len(wrong) == 1  # the statement marked wrong

    fresh = start_app().switch_page(EVIDENCE_PAGE).run()  # another session
    rows = _evidence_rows(fresh)
    assert len(rows) < count_before
    gone = rows[(rows["article_id"] == judged.article_id) & (rows["actor"] == judged.actor)
                & (rows["concept"] == judged.concept)]  # fmt: skip
    assert gone.empty
    assert any("1 correction applied" in c.value for c in fresh.sidebar.caption)

    fresh.sidebar.toggle(key="sidebar_corrections").set_value(False).run()  # the raw output
    assert len(_evidence_rows(fresh)) == count_before

    page = start_app().switch_page(CORRECTIONS_PAGE).run()
    assert not page.exception
    listed = next(d.value for d in page.dataframe if "status" in d.value.columns)
    assert listed["note"].tolist() == [HOSTILE_NOTE]  # a table cell: shown as text, inert
    assert all("<script>" not in m.value for m in page.markdown)
    page.selectbox(key="corrections_undo_pick").select_index(1).run()
    next(b for b in page.button if b.label == "Undo").click().run()
    assert not page.exception and CorrectionStore(corrections_db).history()[0].undone
    restored = start_app().switch_page(EVIDENCE_PAGE).run()
    assert len(_evidence_rows(restored)) == count_before


def test_a_correction_with_a_side_shows_who_made_it_on_the_evidence_row(
    start_app: StartApp, tables: Path, corrections_db: str
) -> None:
    at = start_app().switch_page(EVIDENCE_PAGE).run()
    first = _evidence_rows(at).iloc[0]
    at = start_app()
    at.query_params["article"] = str(first["article_id"])
    at = at.switch_page(ARTICLE_PAGE).run()
    at.selectbox(key="article_fix_stance").select_index(1).run()
    side = next(s for s in at.segmented_control if s.label == "Side")
    current = side.value
    side.set_value("against" if current == "for" else "for").run()
    next(b for b in at.button if b.label == "Save correction").click().run()
    assert not at.exception
    (made,) = CorrectionStore(corrections_db).history()
    assert made.old_value is not None and made.judgment.value["polarity"] in (1, -1)
    rows = _evidence_rows(start_app().switch_page(EVIDENCE_PAGE).run())
    corrected = rows[rows["corrected_by"].notna()]
    assert corrected["corrected_by"].tolist() == ["anonymous"]


def test_a_too_long_note_is_rejected_and_nothing_is_written(
    start_app: StartApp, tables: Path, corrections_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from analysis.corrections import model

    monkeypatch.setattr(model, "NOTE_LIMIT", 5)  # the widget allows 1,000; the check says 5
    at = start_app().switch_page(EVIDENCE_PAGE).run()
    first = _evidence_rows(at).iloc[0]
    at = start_app()
    at.query_params["article"] = str(first["article_id"])
    at = at.switch_page(ARTICLE_PAGE).run()
    at.selectbox(key="article_fix_stance").select_index(1).run()
    next(t for t in at.text_input if t.label == "Note (optional)").input("far too long")
    next(b for b in at.button if b.label == "Mark wrong").click().run()
    assert any("Not saved" in e.value and "at most 5" in e.value for e in at.error)
    assert CorrectionStore(corrections_db).version() == (0, 0)


def test_read_only_and_off_write_nothing(
    start_app: StartApp, use_tables: Callable[..., None], fixture_tables_dir: Path
) -> None:
    use_tables(fixture_tables_dir, read_only="1")
    at = start_app().switch_page(EVIDENCE_PAGE).run()
    first = _evidence_rows(at).iloc[0]
    at = start_app()
    at.query_params["article"] = str(first["article_id"])
    at = at.switch_page(ARTICLE_PAGE).run()
    assert not at.exception
    assert not [s for s in at.selectbox if s.key == "article_fix_stance"]
    use_tables(fixture_tables_dir, corrections="off")
    at = start_app().switch_page(CORRECTIONS_PAGE).run()
    assert any("off on this deployment" in i.value for i in at.info)
    assert not [t for t in at.sidebar.toggle if t.key == "sidebar_corrections"]


def test_a_missed_stance_is_added_and_a_quote_gets_its_speaker(
    start_app: StartApp, tables: Path, corrections_db: str
) -> None:
    from analysis.store import read_table

    quotes = read_table(tables, "quotes")
    article_id = str(quotes["article_id"].iloc[0])
    at = start_app()
    at.query_params["article"] = article_id
    at = at.switch_page(ARTICLE_PAGE).run()
    at.selectbox(key="article_add_actor").set_value("UKR")
    at.selectbox(key="article_add_concept").set_value("climate_action")
    at.segmented_control(key="article_add_side").set_value("against")
    at.text_input(key="article_add_note").input("missed by the rules")
    next(b for b in at.button if b.label == "Add this stance").click().run()
    assert not at.exception
    at.selectbox(key="article_fix_quote_pick").select_index(1).run()
    speaker = next(t for t in at.text_input if t.label == "Speaker")
    speaker.input("Jane Doe")
    next(s for s in at.selectbox if s.label == "Speaks for").set_value("UKR")
    next(b for b in at.button if b.label == "Save correction").click().run()
    assert not at.exception
    made = CorrectionStore(corrections_db).history()
    assert [(c.judgment.kind, c.judgment.actor) for c in made] == [
        ("stance", "UKR"), ("quote", None)
    ]  # fmt: skip
    assert made[0].judgment.value["polarity"] == -1 and made[0].old_value is None
    assert made[1].judgment.value == {"speaker": "Jane Doe", "actor": "UKR"}
    fresh = start_app()
    fresh.query_params["article"] = article_id
    fresh = fresh.switch_page(ARTICLE_PAGE).run()
    shown = next(d.value for d in fresh.dataframe if "Quoted words" in str(d.proto) or
                 "kind" in d.value.columns)  # fmt: skip
    assert "Jane Doe" in set(shown["speaker"])
    rows = _evidence_rows(start_app().switch_page(EVIDENCE_PAGE).run())
    added = rows[(rows["article_id"] == article_id) & (rows["actor"] == "UKR")
                 & (rows["concept"] == "climate_action")]  # fmt: skip
    assert added["side"].tolist() == ["against"]
    assert added["correction_note"].tolist() == ["missed by the rules"]


def test_the_app_shares_corrections_through_postgresql(
    start_app: StartApp, tables: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same mark-wrong through a PostgreSQL database (skipped without a server)."""
    from tests.unit.corrections_db import postgres_url
    from ui.settings import get_settings

    urls = postgres_url()
    url = next(urls)
    try:
        monkeypatch.setenv("STANCEMAP_DB_URL", url)
        get_settings.clear()
        count_before = len(_evidence_rows(start_app().switch_page(EVIDENCE_PAGE).run()))
        first = _evidence_rows(start_app().switch_page(EVIDENCE_PAGE).run()).iloc[0]
        at = start_app()
        at.query_params["article"] = str(first["article_id"])
        at = at.switch_page(ARTICLE_PAGE).run()
        at.selectbox(key="article_fix_stance").select_index(1).run()
        next(b for b in at.button if b.label == "Mark wrong").click().run()
        assert not at.exception
        assert len(CorrectionStore(url).history()) == 1
        after = _evidence_rows(start_app().switch_page(EVIDENCE_PAGE).run())
        assert len(after) < count_before
    finally:
        urls.close()  # drops the test database


def test_a_judgment_whose_article_is_gone_is_listed_as_orphaned(
    start_app: StartApp, tables: Path, corrections_db: str
) -> None:
    from analysis.corrections.model import stance_judgment
    from analysis.corrections.store import Document

    gone = stance_judgment("gone-after-rebuild", "RUS", "ukraine_sovereignty", -1, 0, 5, "Gone.")
    CorrectionStore(corrections_db).record(
        [(gone, None)], author="ana", documents=[Document("gone-after-rebuild", "Gone. Text.")]
    )
    page = start_app().switch_page(CORRECTIONS_PAGE).run()
    assert not page.exception
    assert any("1 in force, 1 orphaned" in c.value for c in page.caption)
    listed = next(d.value for d in page.dataframe if "status" in d.value.columns)
    assert listed["status"].tolist() == ["orphaned: article gone"]
