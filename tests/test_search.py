"""Full-text search: the query language, ranking, filters, snippets; the same answers on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from pipeline.index.query import QuerySyntaxError, parse, to_fts5
from pipeline.index.search import SearchFilters
from pipeline.index.store import Store
from pipeline.records import DocType, MatchDecision, MatchResult, Routing, Status
from tests.test_store import (  # noqa: F401  (fixtures)
    database_url_fixture,
    make_analysis,
    make_file,
    store_fixture,
    store_home_fixture,
)

HIT_KEYS = {"id", "source_name", "patient_mrn", "doc_type", "status", "received", "score", "snippet", "page"}


# -- the query language (pure) -------------------------------------------------------------------------

def test_words_phrases_prefixes_or_and_exclusions_parse() -> None:
    q = parse('hemoglobin "chest x-ray" metfor* smith OR jones -normal -"no acute"')
    assert [[t.text for t in g] for g in q.groups] == [["hemoglobin"], ["chest x ray"], ["metfor"], ["smith", "jones"]]
    assert q.groups[2][0].prefix and not q.groups[1][0].prefix
    assert [t.text for t in q.excluded] == ["normal", "no acute"]


def test_user_text_never_becomes_fts5_syntax() -> None:
    expr = to_fts5(parse('NEAR(a b) text:x "NOT" AND'))
    assert expr == '(("near a") AND ("b") AND ("text x") AND ("not") AND ("and"))'


@pytest.mark.parametrize(("query", "message"), [
    ('"unclosed phrase', "unbalanced quote"),
    ("OR fracture", "OR needs a word on each side"),
    ("fracture OR", "OR needs a word on each side"),
    ("a OR OR b", "OR needs a word on each side"),
    ("a OR -b", "OR cannot join an excluded word"),
    ("-normal", "nothing to search for"),
    ("*** ---", "nothing to search for"),
])
def test_malformed_queries_are_explained(query: str, message: str) -> None:
    with pytest.raises(QuerySyntaxError, match=message):
        parse(query)


# -- against both databases -----------------------------------------------------------------------------

def _doc(store: Store, tmp_path: Path, name: str, pages: tuple[str, ...], mrn: str | None = "M1",
         doc_type: DocType = DocType.lab_result, day: int = 2, status: Status = Status.filed) -> str:
    f = make_file(tmp_path, name, name.encode(), datetime(2026, 11, day, 12, tzinfo=UTC))
    doc_id = store.begin(f, "t")
    decision = MatchDecision.auto if status is Status.filed else MatchDecision.review
    store.finish(doc_id, make_analysis(f, pages=pages, doc_type=doc_type), MatchResult(decision, mrn, 0.99),
                 Routing(status, () if status is Status.filed else ("patient uncertain",)), "t")
    return doc_id


@pytest.fixture
def corpus(store: Store, tmp_path: Path) -> dict[str, str]:
    return {
        "lab": _doc(store, tmp_path, "lab.pdf", ("LAB REPORT hemoglobin A1c 7.2% fasting glucose 130 mg/dL",
                                                 "page two: metformin 500 mg continued")),
        "xray": _doc(store, tmp_path, "xray.pdf", ("Chest X-ray 2026-11-02: no acute fractures seen. Impression normal.",),
                     mrn="M2", doc_type=DocType.imaging_report, day=5),
        "refill": _doc(store, tmp_path, "refill.pdf", ("Refill request: metformin metformin metformin MRN-00123",),
                       mrn=None, doc_type=DocType.prescription_request, day=9, status=Status.review),
        "long": _doc(store, tmp_path, "long.pdf", ("Progress note. " + "The patient is doing well today. " * 40
                                                   + "Continue metformin.",), doc_type=DocType.progress_note, day=9),
    }


def test_ranked_best_first_one_hit_per_document(store: Store, corpus: dict[str, str]) -> None:
    hits = store.search("metformin")
    assert [h.id for h in hits][0] == corpus["refill"]  # three mentions in a short page beat one in a long page
    assert sorted(h.id for h in hits) == sorted([corpus["refill"], corpus["lab"], corpus["long"]])
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    lab = next(h for h in hits if h.id == corpus["lab"])
    assert lab.page == 2 and "[[metformin]]" in lab.snippet


def test_hit_shape_and_highlight(store: Store, corpus: dict[str, str]) -> None:
    (hit,) = store.search("hemoglobin")
    assert set(hit.as_json()) == HIT_KEYS
    assert hit.as_json() | {"score": 0, "snippet": ""} == {
        "id": corpus["lab"], "source_name": "lab.pdf", "patient_mrn": "M1", "doc_type": "lab_result",
        "status": "filed", "received": "2026-11-02T12:00:00+00:00", "score": 0, "page": 1, "snippet": "",
    }
    assert "REPORT [[hemoglobin]] A1c 7.2% fasting glucose" in hit.snippet and hit.score > 0


QUERIES = [
    ("fracture", ["xray"]),  # stemming: the page says "fractures"
    ('"chest x-ray"', ["xray"]),
    ("x-ray", ["xray"]),
    ("MRN-00123", ["refill"]),
    ("2026-11-02", ["xray"]),
    ("hemo*", ["lab"]),
    ("glucose OR fractures", ["lab", "xray"]),
    ("metformin -refill", ["lab", "long"]),
    ('"acute fractures" -"impression normal"', []),
    ("metformin glucose", []),  # each page is matched on its own: these two words are on different pages
    ("metformin 500", ["lab"]),
]


def test_query_language_finds_the_same_documents(store: Store, corpus: dict[str, str]) -> None:
    names = {v: k for k, v in corpus.items()}
    found = {query: sorted(names[h.id] for h in store.search(query)) for query, _ in QUERIES}
    assert found == {query: sorted(expected) for query, expected in QUERIES}


def test_filters_narrow_by_patient_type_status_and_day(store: Store, corpus: dict[str, str]) -> None:
    def ids(**kw) -> set[str]:  # type: ignore[no-untyped-def]
        return {h.id for h in store.search("metformin", SearchFilters(**kw))}

    assert ids(patient_mrn="M1") == {corpus["lab"], corpus["long"]}
    assert ids(doc_type="progress_note") == {corpus["long"]}
    assert ids(status="review") == {corpus["refill"]}
    assert ids(received_from=datetime(2026, 11, 9, tzinfo=UTC)) == {corpus["refill"], corpus["long"]}
    assert ids(received_to=datetime(2026, 11, 3, tzinfo=UTC)) == {corpus["lab"]}


def test_limit_counts_documents(store: Store, corpus: dict[str, str]) -> None:
    assert len(store.search("metformin", limit=2)) == 2


# -- the command ----------------------------------------------------------------------------------------

def test_cli_json_shape(cli, store_home: Path, store: Store, corpus: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    run = cli("search", "metformin", "--type", "lab_result", "--from", "2026-11-01", "--to", "2026-11-02", "--json")
    assert run.code == 0, run.err
    hits = run.json()
    assert [h["id"] for h in hits] == [corpus["lab"]] and set(hits[0]) == HIT_KEYS


def test_cli_table_and_leading_exclusion(cli, store_home: Path, store: Store, corpus: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    run = cli("search", "--", "metformin", "-refill")
    assert run.code == 0, run.err
    assert corpus["lab"] in run.out and corpus["refill"] not in run.out


def test_cli_bad_query_is_a_clear_usage_error(cli, store_home: Path, store: Store) -> None:  # type: ignore[no-untyped-def]
    run = cli("search", '"unclosed', "--json")
    assert run.code == 2
    assert "unbalanced quote" in run.err and "Traceback" not in run.err and run.out == ""


def test_cli_bad_date_is_a_usage_error(cli, store_home: Path) -> None:  # type: ignore[no-untyped-def]
    run = cli("search", "x", "--from", "02/11/2026")
    assert run.code == 2 and "--from" in run.err


def test_filtered_search_falls_back_when_the_top_pages_are_filtered_out(store: Store, corpus: dict[str, str],
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from pipeline.index import search as search_module

    expected = {h.id for h in store.search("metformin", SearchFilters(doc_type="progress_note"))}
    monkeypatch.setattr(search_module, "_OVERFETCH", 0)  # SQLite: the over-fetched top pages hold nothing
    assert {h.id for h in store.search("metformin", SearchFilters(doc_type="progress_note"))} == expected
    assert expected == {corpus["long"]}
