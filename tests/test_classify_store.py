"""Clerks' examples and model versions in the store; `docintake classifier train/status`."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from pipeline.classify import ClassifierOptions, classify_pages
from pipeline.classify.dataset import ExampleSource, pages_of
from pipeline.classify.examples import add_example, clerk_examples, example_counts, remove_example
from pipeline.classify.registry import current_model, ensure_model, load_model, status, train
from pipeline.config import load_config
from pipeline.errors import NotFoundError
from pipeline.index.models import Document, Page
from pipeline.index.store import Store
from pipeline.records import DocType
from pipeline.synth.documents import make_document
from pipeline.synth.identities import make_roster


@pytest.fixture
def store(home: Path) -> Store:
    s = Store(load_config(str(home)))
    yield s
    s.close()


def _document(store: Store, doc_id: str, pages: tuple[str, ...]) -> str:
    now = datetime.now(UTC)
    with store.db.session() as s:
        s.add(Document(id=doc_id, source_name=f"{doc_id}.tif", sha256=doc_id.ljust(64, "0"), size=1, received_at=now,
                       status="review", updated_at=now))
        s.flush()
        for i, text in enumerate(pages, start=1):
            s.add(Page(document_id=doc_id, number=i, text=text, source="ocr"))
    return doc_id


def _holdout_pages(doc_type: DocType, seed: int) -> tuple[str, ...]:
    import random

    patient = make_roster(5, seed=1)[0]
    return make_document(patient, doc_type, random.Random(seed), "holdout").pages


def test_examples_are_recorded_replaced_and_withdrawn(store: Store) -> None:
    a = _document(store, "doc000000a", _holdout_pages(DocType.referral, 1))
    b = _document(store, "doc000000b", _holdout_pages(DocType.progress_note, 2))
    with store.db.session() as s:
        add_example(s, a, DocType.consult_note, "alice")
        add_example(s, a, "referral", "bob")  # a later word replaces the earlier one
        add_example(s, b, DocType.progress_note, "alice")
    with store.db.read() as s:
        assert example_counts(s) == {"progress_note": 1, "referral": 1}
        examples = {ex.group: ex for ex in clerk_examples(s)}
    assert examples[a].doc_type is DocType.referral and examples[a].source is ExampleSource.clerk
    assert examples[a].weight > 1 and examples[a].text.strip()
    with store.db.session() as s:
        assert remove_example(s, a, "bob") is True
        assert remove_example(s, a, "bob") is False
    with store.db.read() as s:
        assert example_counts(s) == {"progress_note": 1}


def test_an_example_needs_a_real_document_and_type(store: Store) -> None:
    with pytest.raises(NotFoundError), store.db.session() as s:
        add_example(s, "nosuchdoc", DocType.referral, "alice")
    _document(store, "doc000000c", ("text",))
    with pytest.raises(ValueError), store.db.session() as s:
        add_example(s, "doc000000c", "not_a_type", "alice")


def test_review_learning_hands_confirmed_types_to_the_classifier(store: Store) -> None:
    from pipeline.review.learning import record_type

    doc = _document(store, "doc000000d", _holdout_pages(DocType.insurance, 3))
    with store.db.session() as s:
        assert record_type(s, doc, "insurance", "carol") is True
    with store.db.read() as s:
        assert example_counts(s) == {"insurance": 1}
    with store.db.read() as s:
        assert [ex.doc_type for ex in clerk_examples(s)] == [DocType.insurance]


def test_first_use_saves_the_default_model_once(home: Path, store: Store) -> None:
    cfg = load_config(str(home))
    first = ensure_model(cfg)
    assert first.version == 1 and Path(first.model_path).is_file()
    assert ensure_model(cfg) == first  # no second training
    with store.db.read() as s:
        info = status(s, store.root)
    assert info["model"]["version"] == 1 and info["model"]["cv_accuracy"] is None
    assert info["model"]["generated_examples"] > 1000 and info["model"]["clerk_examples"] == 0
    assert load_model(first.model_path, first.version).version == 1


def test_training_learns_a_new_senders_wording_from_clerks(store: Store) -> None:
    # A kind of document the generated training data does not have, and that the cues miss.
    note = ("Harbor Behavioral Health\nWeekly group session record\nAttendance: present, engaged.\n"
            "Mood: steady. Coping skills practised: breathing, journaling.\nNext group: Thursday.\n")
    for i in range(6):
        doc = _document(store, f"doc00000e{i}", (note.replace("steady", f"steady {i}"),))
        with store.db.session() as s:
            add_example(s, doc, DocType.progress_note, "alice")
    row = train(store, "nightly", generated=330)
    assert row.version >= 1 and row.clerk_examples == 6 and row.generated_examples == 330
    assert row.cv_accuracy is not None and 0.5 < row.cv_accuracy <= 1.0
    with store.db.read() as s:
        assert current_model(s, store.root).version == row.version
    options = ClassifierOptions(str(store.root / row.path), row.version)
    result = classify_pages(pages_of([note.replace("steady", "low")]), options)
    assert result.doc_type is DocType.progress_note


def test_cli_status_and_train(cli, home: Path) -> None:  # type: ignore[no-untyped-def]
    run = cli("classifier", "status", "--json")
    assert run.code == 0, run.err
    assert run.json() == {"examples": {}, "examples_total": 0, "model": None}
    run = cli("classifier", "train", "--generated", "220", "--user", "night", "--json")
    assert run.code == 0, run.err
    model = run.json()
    assert model["version"] == 1 and model["trained_by"] == "night" and model["generated_examples"] == 220
    assert 0 < model["cv_accuracy"] <= 1 and set(model["cv_per_type"]) == {t.value for t in DocType}
    run = cli("classifier", "status")
    assert run.code == 0 and "model version 1" in run.out and "lab_result" in run.out
    assert cli("classifier", "train", "--generated", "5").code == 2  # out of range: a usage error
