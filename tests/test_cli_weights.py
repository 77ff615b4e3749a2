"""`docintake patients weights` and `patients calibrate`: the versioned m/u table in the store."""

from __future__ import annotations

import csv
import random
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import inspect

from pipeline.config import load_config
from pipeline.errors import ExitCode
from pipeline.index.scratch import BACKENDS
from pipeline.index.store import Store
from pipeline.index.weights import current_weights, record_weights
from pipeline.match.weights import DEFAULT_MU, log_weight
from tests.conftest import write_roster
from tests.test_review_support import backend_home

FIRST = ["Anna", "Brian", "Carla", "David", "Elena", "Frank", "Grace", "Henry", "Irene", "James", "Karen",
         "Louis", "Maria", "Nathan", "Olga", "Peter", "Queenie", "Robert", "Sofia", "Thomas"]
LAST = ["Abbott", "Barnes", "Castillo", "Dunmore", "Eriksen", "Fairweather", "Gallagher", "Holloway", "Ibsen",
        "Jablonski", "Kowalczyk", "Lindqvist", "Moreau", "Nakamura", "Okonjo", "Pellegrini", "Quintero",
        "Rasmussen", "Szabo", "Thornbury", "Underwood", "Vasquez", "Whitcombe", "Yilmaz", "Zielinski"]
QUERY_HEADER = ["id", "mrn", "first_name", "last_name", "dob", "phone", "address", "city", "state", "postal_code"]


def _people(n: int, seed: int) -> list[dict[str, str]]:
    rng = random.Random(seed)
    return [{"mrn": f"{500000 + i}", "first_name": rng.choice(FIRST), "last_name": rng.choice(LAST),
             "dob": (date(1935, 1, 1) + timedelta(days=rng.randrange(25_000))).isoformat(),
             "phone": f"217-{rng.randrange(200, 999)}-{rng.randrange(1000, 9999)}",
             "postal_code": f"{rng.randrange(60000, 62999)}"} for i in range(n)]


def _roster(tmp_path: Path, people: list[dict[str, str]]) -> Path:
    rows = [f"{p['mrn']},{p['first_name']},{p['last_name']},{p['dob']},,{p['phone']},,,IL,{p['postal_code']}"
            for p in people]
    return write_roster(tmp_path / "roster.csv", rows)


def _typo(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word))
    return word[:i] + word[i + 1:]


def _queries(tmp_path: Path, people: list[dict[str, str]], n: int, seed: int) -> Path:
    """`n` damaged copies of roster people (no MRN): typos, a wrong DOB digit, dropped phones."""
    rng = random.Random(seed)
    path = tmp_path / "queries.csv"
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, QUERY_HEADER)
        writer.writeheader()
        for i, p in enumerate(rng.choice(people) for _ in range(n)):
            dob = p["dob"] if rng.random() > 0.1 else p["dob"][:-1] + str((int(p["dob"][-1]) + 1) % 10)
            writer.writerow({"id": f"q{i}", "mrn": "", "first_name": p["first_name"],
                             "last_name": _typo(p["last_name"], rng) if rng.random() < 0.3 else p["last_name"],
                             "dob": dob, "phone": p["phone"] if rng.random() < 0.5 else "", "address": "",
                             "city": "", "state": "", "postal_code": p["postal_code"]})
    return path


@pytest.fixture
def people() -> list[dict[str, str]]:
    return _people(400, seed=3)


@pytest.fixture
def db_home(request: pytest.FixtureRequest, home: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    """The test's home on SQLite, or on PostgreSQL when a test asks for it."""
    with backend_home(getattr(request, "param", "sqlite"), home, tmp_path) as h:
        yield h


@pytest.mark.parametrize("db_home", BACKENDS, indirect=True)
def test_migration_creates_the_table(db_home: Path) -> None:
    store = Store(load_config(str(db_home)))
    try:
        columns = {c["name"] for c in inspect(store.db.engine).get_columns("match_weights")}
        assert {"version", "created_at", "source", "description", "n_pairs", "table_json", "active"} <= columns
        with store.db.session() as s:
            assert current_weights(s) is None
            first = record_weights(s, DEFAULT_MU[:2], source="test", user="t")
            second = record_weights(s, (("dob.agree", 0.5, 0.01),), source="test", user="t")
        with store.db.read() as s:
            assert second == first + 1 and current_weights(s) == (("dob.agree", 0.5, 0.01),)
    finally:
        store.close()


def test_weights_on_a_fresh_store_are_the_defaults(cli, db_home: Path) -> None:  # type: ignore[no-untyped-def]
    run = cli("patients", "weights", "--json")
    assert run.code == 0, run.err
    shown = run.json()
    assert (shown["version"], shown["source"]) == (0, "defaults")
    assert [(r["key"], r["m"], r["u"]) for r in shown["levels"]] == list(DEFAULT_MU)
    dob = next(r for r in shown["levels"] if r["key"] == "dob.agree")
    assert dob["weight"] == round(log_weight(dob["m"], dob["u"]), 2)
    text = cli("patients", "weights")
    assert text.code == 0 and "version 0 (defaults)" in text.out and "dob.agree" in text.out


def _phone_disagree_weight(cli, person: dict[str, str]) -> float:  # type: ignore[no-untyped-def]
    found = cli("patients", "find", "--name", f"{person['first_name']} {person['last_name']}", "--dob",
                person["dob"], "--phone", "909-000-1234", "--json")
    assert found.code == 0, found.err
    best = next(c for c in found.json() if c["mrn"] == person["mrn"])
    phone = next(e for e in best["explanation"] if e["field"] == "phone")
    assert phone["outcome"] == "disagree"
    return phone["weight"]


@pytest.mark.parametrize("db_home", BACKENDS, indirect=True)
def test_calibrate_records_a_version_the_next_find_uses(cli, db_home: Path, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                       people) -> None:
    assert cli("patients", "import", _roster(tmp_path, people)).code == 0
    before = _phone_disagree_weight(cli, people[0])
    run = cli("patients", "calibrate", "--file", _queries(tmp_path, people, 150, seed=5), "--json", "--user", "ann")
    assert run.code == 0, run.err
    out = run.json()
    assert (out["version"], out["previous_version"]) == (1, 0) and out["n_pairs"] >= 150
    assert 0 < out["match_share"] < 1 and {c["key"] for c in out["changes"]} >= {k for k, _, _ in DEFAULT_MU}
    shown = cli("patients", "weights", "--json").json()
    assert (shown["version"], shown["source"], shown["created_by"]) == (1, "calibrate", "ann")
    new = next(r["weight"] for r in shown["levels"] if r["key"] == "phone.disagree")
    assert new != pytest.approx(before, abs=0.05)  # the estimate moved, so the next check can tell
    assert _phone_disagree_weight(cli, people[0]) == pytest.approx(new, abs=0.02)


def test_calibrate_text_output_names_what_changed(cli, db_home: Path, tmp_path: Path, people) -> None:  # type: ignore[no-untyped-def]
    assert cli("patients", "import", _roster(tmp_path, people)).code == 0
    run = cli("patients", "calibrate", "--file", _queries(tmp_path, people, 150, seed=6))
    assert run.code == 0, run.err
    assert "recorded version 1 (was 0)" in run.out and "changed" in run.out


def test_too_few_pairs_is_refused_and_changes_nothing(cli, db_home: Path, tmp_path: Path, people) -> None:  # type: ignore[no-untyped-def]
    assert cli("patients", "import", _roster(tmp_path, people)).code == 0
    run = cli("patients", "calibrate", "--file", _queries(tmp_path, people, 5, seed=7))
    assert run.code == ExitCode.insufficient_data == 9
    assert "calibration needs at least" in run.err and "unchanged" in run.err
    assert cli("patients", "weights", "--json").json()["version"] == 0


def test_calibrate_with_an_unreadable_file_is_bad_input(cli, db_home: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.csv"
    bad.write_text("who,what\n1,2\n")
    assert cli("patients", "calibrate", "--file", bad).code == ExitCode.bad_input
    assert cli("patients", "calibrate", "--file", tmp_path / "nope.csv").code == ExitCode.bad_input


def test_find_file_compares_address_and_city_and_reads_compact_dobs(cli, db_home: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    roster = write_roster(tmp_path / "r.csv", ["R1,Ann,Lee,1956-08-08,,,12 Tullaroop Street,St James,WA,4011"])
    assert cli("patients", "import", roster).code == 0
    queries = tmp_path / "q.csv"
    queries.write_text("id,first_name,last_name,dob,address,city,postal_code\n"
                       "a,Ann,Lee,19560808,12 Tullaroop Street,St James,4011\n", encoding="utf-8")
    run = cli("patients", "find", "--file", queries, "--json")
    assert run.code == 0, run.err
    fields = {e["field"]: e["outcome"] for e in run.json()[0]["candidates"][0]["explanation"]}
    assert fields["dob"] == fields["address"] == fields["city"] == fields["postal_code"] == "agree"
