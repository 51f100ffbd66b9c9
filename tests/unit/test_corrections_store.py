"""The corrections database: migrations, checked writes, append-only undo, concurrent writers,
gold import/export (SQLite always; PostgreSQL when a server is given)."""

from __future__ import annotations

import json
import multiprocessing
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from analysis.corrections.gold import export_gold, import_gold, write_gold
from analysis.corrections.model import Catalog, quote_judgment, stance_judgment
from analysis.corrections.service import current, submit
from analysis.corrections.store import SCHEMA_VERSION, CorrectionStore, redact
from analysis.errors import CorrectionRejected, DatabaseUnavailable
from analysis.evaluate import load_gold

TEXT = 'Russia rejects the sanctions. "We will never accept this," said Lavrov. The end.'
CATALOG = Catalog(
    actors=frozenset({"RUS", "USA", "UKR"}),
    concepts=frozenset({"sanctions_russia", "nato_expansion"}),
    texts={"a1": TEXT},
)
WRITERS, WRITES = 4, 25  # concurrent writers, corrections each


def _stance(polarity: int = -1, actor: str = "RUS", concept: str = "sanctions_russia"):
    return stance_judgment("a1", actor, concept, polarity, 0, 28, TEXT[:28])


def test_migrations_create_the_schema_once(db_url: str) -> None:
    store = CorrectionStore(db_url)
    assert store.migrate() == SCHEMA_VERSION
    assert CorrectionStore(db_url).version() == (0, 0)  # a second opening changes nothing


def test_a_correction_is_stored_with_its_author_note_and_old_value(db_url: str) -> None:
    store = CorrectionStore(db_url)
    submit(store, [(_stance(1), {"polarity": -1})], catalog=CATALOG, author="ana", note=" why ")
    (row,) = store.history()
    assert (row.author, row.note, row.old_value) == ("ana", "why", {"polarity": -1})
    assert row.judgment.value == {"polarity": 1, "evidence": TEXT[:28]}
    assert row.created_at.endswith("+00:00")


def test_no_author_is_anonymous(db_url: str) -> None:
    store = CorrectionStore(db_url)
    submit(store, [(_stance(), None)], catalog=CATALOG, author="")
    assert store.history()[0].author == "anonymous"


@pytest.mark.parametrize(
    ("judgment", "note", "message"),
    [
        (_stance(actor="XXX"), "", "unknown actor code 'XXX'"),
        (_stance(concept="nope"), "", "unknown concept code 'nope'"),
        (stance_judgment("a1", "RUS", "sanctions_russia", 1, 10, 999, "x"), "", "outside"),
        (stance_judgment("gone", "RUS", "sanctions_russia", 1, 0, 5, "x"), "", "unknown article"),
        (_stance(polarity=2), "", "side 2"),
        (quote_judgment("a1", 30, 60, "", "RUS"), "", "speaker"),
        (quote_judgment("a1", 30, 60, "Lavrov", "ZZZ"), "", "unknown actor code 'ZZZ'"),
        (_stance(), "x" * 1001, "at most 1,000"),
    ],
)
def test_bad_input_is_rejected_and_writes_nothing(
    db_url: str, judgment, note: str, message: str
) -> None:
    store = CorrectionStore(db_url)
    good = (_stance(1), None)
    with pytest.raises(CorrectionRejected, match=message):
        submit(store, [good, (judgment, None)], catalog=CATALOG, author="ana", note=note)
    assert store.version() == (0, 0)


def test_undo_keeps_the_history_and_restores_the_previous_judgment(db_url: str) -> None:
    store = CorrectionStore(db_url)
    submit(store, [(_stance(1), None)], catalog=CATALOG, author="ana")
    later = submit(store, [(_stance(0), None)], catalog=CATALOG, author="ben")
    assert [c.judgment.value["polarity"] for c in current(store)] == [0]
    store.undo(later, author="ana")
    assert [c.judgment.value["polarity"] for c in current(store)] == [1]
    history = store.history()
    assert len(history) == 2 and history[1].undone and history[1].undone_by == "ana"
    with pytest.raises(CorrectionRejected, match="undone already"):
        store.undo(later, author="ana")
    with pytest.raises(CorrectionRejected, match="no correction"):
        store.undo("nope", author="ana")


def test_a_batch_is_undone_whole(db_url: str) -> None:
    """Moving a stance to another actor writes two judgments; undo takes both back."""
    store = CorrectionStore(db_url)
    moved = [(_stance(0), {"polarity": -1}), (_stance(-1, actor="UKR"), None)]
    batch = submit(store, moved, catalog=CATALOG, author="ana")
    assert len(current(store)) == 2
    store.undo(batch, author="ana")
    assert current(store) == []


def _write_many(url: str, writer: int) -> None:
    store = CorrectionStore(url)
    for i in range(WRITES):
        concept = "sanctions_russia" if i % 2 else "nato_expansion"
        judgment = stance_judgment("a1", "RUS", concept, 1 - (i % 3), 0, 28, TEXT[:28])
        submit(store, [(judgment, None)], catalog=CATALOG, author=f"w{writer}", note=str(i))


def test_concurrent_writers_in_processes_lose_nothing(db_url: str) -> None:
    CorrectionStore(db_url)  # created once; the writers then race on inserts only
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_write_many, args=(db_url, w)) for w in range(WRITERS)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
    assert [w.exitcode for w in workers] == [0] * WRITERS
    history = CorrectionStore(db_url).history()
    assert len(history) == WRITERS * WRITES
    for w in range(WRITERS):
        notes = sorted(int(c.note) for c in history if c.author == f"w{w}")
        assert notes == list(range(WRITES))


def test_concurrent_writers_in_threads_and_first_use_lose_nothing(db_url: str) -> None:
    """Writers that each open the database first (and so race on the migration too)."""
    with ThreadPoolExecutor(WRITERS) as pool:
        list(pool.map(lambda w: _write_many(db_url, w), range(WRITERS)))
    assert len(CorrectionStore(db_url).history()) == WRITERS * WRITES


GOLD = [
    {
        "id": "a1", "source": "Wire", "title": "T", "date": "2022-01-02", "url": None,
        "text": TEXT,
        "stances": [{"actor": "RUS", "concept": "sanctions_russia", "polarity": -1,
                     "evidence": "Russia rejects the sanctions."}],
        "quotes": [{"speaker": "Sergei Lavrov", "actor": "RUS",
                    "quote_start": "We will never accept this"}],
    },
    {
        "id": "a2", "source": "Wire", "title": "U", "date": None, "url": "https://e.org/2",
        "text": "The United States backs NATO enlargement.",
        "stances": [{"actor": "USA", "concept": "nato_expansion", "polarity": 1,
                     "evidence": "backs NATO enlargement"}],
        "quotes": [],
        "no_side": [{"actor": "RUS", "concept": "nato_expansion",
                     "evidence": "The United States"}],
    },
]  # fmt: skip


def test_import_then_export_gives_back_the_same_documents(db_url: str, tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    write_gold(GOLD, path)
    store = CorrectionStore(db_url)
    report = import_gold(store, path, catalog=CATALOG, author="import")
    assert (report.documents, report.judgments, report.bad_lines) == (2, 4, ())
    exported = export_gold(current(store), store.documents())
    assert exported == GOLD
    out = tmp_path / "out.jsonl"
    write_gold(exported, out)
    docs = load_gold(out)  # what `evaluate --gold` and `train --train` read
    assert [(d.id, len(d.stances), len(d.quotes)) for d in docs] == [("a1", 1, 1), ("a2", 1, 0)]


def test_import_reports_each_bad_line_and_keeps_the_good_ones(db_url: str, tmp_path: Path) -> None:
    bad_actor = {**GOLD[1], "stances": [{**GOLD[1]["stances"][0], "actor": "ZZZ"}]}
    lost = {**GOLD[0], "quotes": [{"speaker": "X", "actor": None, "quote_start": "not there"}]}
    lines = [json.dumps(GOLD[0]), "{not json", json.dumps(bad_actor), json.dumps(lost)]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    store = CorrectionStore(db_url)
    report = import_gold(store, path, catalog=CATALOG, author="import")
    assert report.documents == 1
    assert [n for n, _ in report.bad_lines] == [2, 3, 4]
    reasons = [r for _, r in report.bad_lines]
    assert "not JSON" in reasons[0] and "'ZZZ'" in reasons[1] and "not in the text" in reasons[2]
    assert len(store.history()) == 2  # only line 1's stance and quote


def test_cli_import_export_round_trip(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    from analysis.cli import main

    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    gold = [{**GOLD[0], "stances": [{**GOLD[0]["stances"][0], "concept": "sanctions_on_russia"}]}]
    write_gold(gold, src)
    url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    assert main(["corrections", "import", "--db", url, str(src)]) == 0
    assert main(["corrections", "export", "--db", url, "--out", str(out)]) == 0
    assert [json.loads(line) for line in out.read_text().splitlines()] == gold
    assert "1 documents, 2 judgments" in capsys.readouterr().out


def test_unknown_url_and_password_redaction() -> None:
    with pytest.raises(CorrectionRejected, match="neither sqlite"):
        CorrectionStore("mysql://x")
    assert redact("postgresql://u:secret@h:5432/db") == "postgresql://u:***@h:5432/db"


@pytest.mark.parametrize(
    "url", ["postgresql://nobody@127.0.0.1:1/none", "sqlite:////proc/no/such/dir/c.sqlite3"]
)
def test_an_unusable_database_says_which_and_why(url: str) -> None:
    with pytest.raises(DatabaseUnavailable, match="corrections database .* unavailable"):
        CorrectionStore(url)
