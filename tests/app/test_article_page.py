"""The Article page, driven through dashboard.py with AppTest on a small prebuilt tables folder."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analysis.nlp import pipeline as pipeline_module
from analysis.store import current_build, read_table
from tests.app.fixture_tables import ARTICLES, HOSTILE_ID, NEWEST_DATE, VOA_TITLE
from ui import article_view
from ui.article_html import LEGEND
from ui.loaders import NOT_BUILT, spacy_pipeline

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "app"
ONE_BAD = FIXTURES / "upload_one_bad.jsonl"
ARTICLE_PAGE = "pages/article.py"
VOA_SPEAKERS = [
    ("Jaap de Hoop Scheffer", "NATO"),
    ("Eric Edelman", "USA"),
    ("Konstantin Totskiy", "RUS"),
]

StartApp = Callable[[], AppTest]
UseTables = Callable[..., None]


@pytest.fixture(scope="module")
def voa_id(fixture_tables_dir: Path) -> str:
    articles = read_table(fixture_tables_dir, "articles")
    return str(articles.loc[articles["title"] == VOA_TITLE, "id"].item())


def open_article(start_app: StartApp, article_id: str | None = None) -> AppTest:
    """A new session opened on /article (?article=ID when given), as a shared link would."""
    at = start_app()
    if article_id is not None:
        at.query_params["article"] = article_id
    return at.switch_page(ARTICLE_PAGE).run()


def rendered_html(at: AppTest) -> str:
    return "\n".join(h.value for h in at.html)


def markup(at: AppTest) -> list[str]:
    """Everything the page passes through Markdown."""
    kinds = ("markdown", "caption", "warning", "info", "success", "title", "subheader")
    return [e.value for kind in kinds for e in getattr(at, kind)]


def test_deep_link_shows_the_voa_article(start_app: StartApp, tables: Path, voa_id: str) -> None:
    at = open_article(start_app, voa_id)
    assert not at.exception
    page = rendered_html(at)
    assert f'<h2 class="sm-title">{VOA_TITLE}</h2>' in page
    assert "2007-04-19 &middot; Voice of America" in page
    assert "Source: Voice of America - public domain." in page
    for speaker, actor in VOA_SPEAKERS:
        assert f"<b>{speaker}</b>" in page
        assert f'<span class="sm-tag">{actor}</span>' in page
    assert at.query_params["article"] == voa_id
    assert at.selectbox(key="article_pick").value == voa_id
    assert "Tables folder: fixture_tables" in [c.value for c in at.sidebar.caption]


def test_tables_list_quotes_and_actors(start_app: StartApp, tables: Path, voa_id: str) -> None:
    at = open_article(start_app, voa_id)
    quotes = next(d.value for d in at.dataframe if "speaker" in d.value.columns)
    assert list(quotes.columns) == [
        "number", "speaker", "actor", "kind", "verb", "confidence", "text",
    ]  # fmt: skip
    pairs = set(zip(quotes["speaker"], quotes["actor"], strict=True))
    assert set(VOA_SPEAKERS) <= pairs
    assert quotes["number"].tolist()[:2] == ["Q1", "Q2"]
    actors = next(d.value for d in at.dataframe if "mentions" in d.value.columns)
    assert list(actors.columns) == ["actor", "name", "mentions"]
    by_actor = dict(zip(actors["actor"], actors["name"], strict=True))
    assert by_actor["RUS"] == "Russia"
    assert by_actor["NATO"].startswith("North Atlantic")
    assert actors["mentions"].is_monotonic_decreasing


def test_search_then_choose_puts_the_article_in_the_url(
    start_app: StartApp, tables: Path, voa_id: str
) -> None:
    at = open_article(start_app)
    assert not at.exception
    assert "Choose an article above" in at.info[0].value
    assert not at.html  # nothing chosen yet
    assert f"{ARTICLES} articles match." in [c.value for c in at.caption]
    at.text_input(key="article_search").input("MISSILE defense").run()
    pick = at.selectbox(key="article_pick")
    assert pick.options == [f"2007-04-19 - Voice of America - {VOA_TITLE}"]
    assert "1 article match." in [c.value for c in at.caption]
    pick.select(voa_id).run()
    assert not at.exception
    assert at.query_params["article"] == voa_id
    assert VOA_TITLE in rendered_html(at)


def test_source_filter(start_app: StartApp, tables: Path) -> None:
    at = open_article(start_app)
    at.multiselect(key="article_sources").select("Voice of America").run()
    assert not at.exception
    assert len(at.selectbox(key="article_pick").options) == 1
    at.multiselect(key="article_sources").unselect("Voice of America").select("Wikinews").run()
    assert len(at.selectbox(key="article_pick").options) == 8


def test_unknown_id_warns_and_falls_back_to_the_picker(start_app: StartApp, tables: Path) -> None:
    at = open_article(start_app, "no-such-article")
    assert not at.exception
    assert len(at.warning) == 1
    assert "No article with the id" in at.warning[0].value
    assert "Choose an article above" in at.info[0].value
    assert "article" not in at.query_params
    assert at.selectbox(key="article_pick").value is None


def test_hostile_article_is_escaped(start_app: StartApp, tables: Path) -> None:
    at = open_article(start_app, HOSTILE_ID)
    assert not at.exception
    page = rendered_html(at)
    assert "&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(&#x27;text&#x27;)&gt;" in page
    for raw in ("<script", "<img", "javascript:alert('url')", 'href="javascript'):
        assert raw not in page
    assert "original: javascript:alert(&#x27;url&#x27;)" in page  # shown, not a link
    assert "<a " not in page
    assert not [text for text in markup(at) if "script" in text]


def test_page_without_tables_says_how_to_build_them(
    start_app: StartApp, use_tables: UseTables, tmp_path: Path
) -> None:
    use_tables(tmp_path / "no_tables_here")
    at = open_article(start_app)
    assert not at.exception
    assert [i.value for i in at.info] == [NOT_BUILT]
    assert not at.selectbox


def test_stale_tables_warn(
    start_app: StartApp, use_tables: UseTables, fixture_tables_dir: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "stale"
    shutil.copytree(fixture_tables_dir, copy)
    stamp_path = current_build(copy) / "stamp.json"  # type: ignore[operator]
    stamp = json.loads(stamp_path.read_text(encoding="utf-8"))
    stamp_path.write_text(json.dumps({**stamp, "pipeline_version": "stancemap 0.0.1; rules x; y"}))
    use_tables(copy)
    at = open_article(start_app)
    assert not at.exception
    assert len(at.warning) == 1
    assert "built by another version of the pipeline" in at.warning[0].value
    assert "make data" in at.warning[0].value


def upload(at: AppTest, *paths: Path) -> AppTest:
    """Upload on the Corpus page (where the uploader is)."""
    at.switch_page("pages/corpus.py").run()
    at.file_uploader[0].set_value(
        [(p.name, p.read_bytes(), "application/octet-stream") for p in paths]
    )
    return at.run()


def test_upload_is_analysed_in_the_session(start_app: StartApp, tables: Path) -> None:
    at = upload(start_app(), ONE_BAD)
    assert not at.exception
    assert any(c.value.startswith("Analysed with ") for c in at.caption)
    analysed = at.session_state["corpus_uploaded"].tables.analysis
    assert analysed is not None and set(analysed.mentions["article_id"]) <= {"fx-1", "fx-2", "fx-4"}
    at.query_params["article"] = "fx-1"
    at.switch_page(ARTICLE_PAGE).run()
    assert not at.exception
    page = rendered_html(at)
    assert "Foreign ministers meet in Geneva" in page
    assert '<span class="sm-tag">FRA</span>' in page
    assert "3 articles match." in [c.value for c in at.caption]


def test_large_upload_is_not_analysed(
    start_app: StartApp, use_tables: UseTables, tables: Path
) -> None:
    use_tables(tables, max_analyse_articles="2")
    at = upload(start_app(), ONE_BAD)
    assert not at.exception
    refused = [w.value for w in at.warning if "more than the 2" in w.value]
    assert len(refused) == 1
    assert at.metric[0].value == "3"  # the accounting is still shown
    at.switch_page(ARTICLE_PAGE).run()
    assert not at.exception
    assert [i.value for i in at.info] == [refused[0]]


@pytest.fixture
def rules_only_pipeline(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No trained pipeline can load: uploads run on the rules-only blank pipeline."""
    monkeypatch.setattr(pipeline_module, "candidates", lambda configured: [])
    spacy_pipeline.clear()
    yield
    spacy_pipeline.clear()


def test_rules_only_pipeline_is_announced(
    start_app: StartApp, tables: Path, rules_only_pipeline: None
) -> None:
    at = upload(start_app(), ONE_BAD)
    assert not at.exception
    assert any("Running rules only" in w.value for w in at.warning)
    assert any(c.value.startswith("Analysed with blank:en") for c in at.caption)
    at.query_params["article"] = "fx-1"
    at.switch_page(ARTICLE_PAGE).run()
    assert not at.exception
    assert [w.value for w in at.warning if "Running rules only" in w.value]
    assert "Foreign ministers meet in Geneva" in rendered_html(at)


def test_date_filter(start_app: StartApp, tables: Path, voa_id: str) -> None:
    at = open_article(start_app)
    at.date_input(key="article_dates").set_value((date(2007, 4, 19), date(2010, 1, 1))).run()
    assert not at.exception
    assert at.selectbox(key="article_pick").options == [
        f"2007-04-19 - Voice of America - {VOA_TITLE}"
    ]


def test_long_lists_are_capped_and_counted(
    start_app: StartApp, tables: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(article_view, "PICK_LIMIT", 3)
    at = open_article(start_app)
    options = at.selectbox(key="article_pick").options
    assert len(options) == 3
    assert options[0].startswith(f"{NEWEST_DATE} - ")  # newest first
    shown = " ".join(c.value for c in at.caption)
    assert f"{ARTICLES} articles match; the newest 3 are listed." in shown


def test_stances_are_marked_in_the_text_and_listed(
    start_app: StartApp, tables: Path, fixture_tables_dir: Path
) -> None:
    stances = read_table(fixture_tables_dir, "stances")
    article_id = stances["article_id"].value_counts().index[0]  # the article with most stances
    rows = stances[stances["article_id"] == article_id]
    at = open_article(start_app, article_id)
    assert not at.exception
    page = rendered_html(at)
    spans = rows[["start_char", "end_char"]].drop_duplicates()
    assert page.count('<span class="sm-stance">') >= len(spans)
    for number, row in enumerate(rows.sort_values(["start_char", "end_char"]).itertuples(), 1):
        side = "sm-for" if row.polarity == 1 else "sm-against"
        assert f'<span class="sm-snum {side}" title="S{number} - {row.actor}' in page
    labels = read_table(fixture_tables_dir, "concepts").set_index("id")["label"]
    assert f"<i>{labels[rows['concept'].iloc[0]].replace(chr(39), '&#x27;')}</i>" in page
    table = next(d.value for d in at.dataframe if "concept_label" in d.value.columns)
    assert table["number"].tolist() == [f"S{i}" for i in range(1, len(rows) + 1)]
    assert set(table["side"]) <= {"for \u25b2", "against \u25bc"}
    assert any(f"{len(rows)} stances" in c.value for c in at.caption)


def test_article_of_a_build_without_stances(
    start_app: StartApp,
    use_tables: UseTables,
    fixture_tables_dir: Path,
    tmp_path: Path,
    voa_id: str,
) -> None:
    old = tmp_path / "old_build"
    shutil.copytree(fixture_tables_dir, old)
    for name in ("stances", "document_stances", "concepts"):
        (current_build(old) / f"{name}.parquet").unlink()  # type: ignore[operator]
    use_tables(old)
    at = open_article(start_app, voa_id)
    assert not at.exception
    page = rendered_html(at)
    assert '<span class="sm-stance">' not in page and "sm-snum" not in page.split(LEGEND)[1]
    assert article_view.NO_STANCES_HERE in [c.value for c in at.caption]
