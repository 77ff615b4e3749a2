"""Matching rules (issue 4): each test fails if the rule it names is removed."""

from __future__ import annotations

import pickle
from dataclasses import replace
from datetime import date

import pytest

from pipeline.config import Config
from pipeline.match.matcher import (
    MatchOptions,
    Roster,
    candidate_to_json,
    match_identifiers,
    query_from_fields,
    result_to_json,
)
from pipeline.match.scoring import Query, candidates
from pipeline.records import MatchDecision, PatientRecord
from pipeline.synth.identities import make_roster

# Invented people; none of them exists.
WILLIAM = PatientRecord("MRN0001001", "William", "Okafor", date(1961, 3, 4), "M", "217-555-2034",
                        "12 Elm St", "Springfield", "IL", "62704")
MARGARET = PatientRecord("MRN0001002", "Margaret", "Lindqvist", date(1975, 11, 23), "F", "217-555-7781",
                         "40 Oak Ave", "Springfield", "IL", "62702")
ROSA = PatientRecord("MRN0001003", "Rosa", "Garcia-Lopez", date(1988, 7, 9), "F", "312-555-0199",
                     "9 Pine Rd", "Chicago", "IL", "60614")
MARY = PatientRecord("MRN0001004", "Mary", "Jones", date(1950, 2, 14), "F", "", "", "", "", "")
DANA = PatientRecord("MRN0001005", "Dana", "Whitfield", date(1990, 5, 8), "F", "", "", "", "", "")
PEOPLE = [WILLIAM, MARGARET, ROSA, MARY, DANA]
# A small roster makes any single field look decisive; these options keep the prior honest.
OPTS = MatchOptions()


@pytest.fixture(scope="module")
def roster() -> Roster:
    return Roster.from_records(PEOPLE)


def match(roster: Roster, opts: MatchOptions = OPTS, **fields):
    return match_identifiers(query_from_fields(**fields), roster, opts)


def evidence(result, mrn: str) -> dict:
    cand = next(c for c in result.candidates if c.mrn == mrn)
    return {e.field: e for e in cand.evidence}


def test_name_and_dob_file_automatically(roster):
    res = match(roster, name="Okafor, William", dob="03/04/1961")
    assert res.decision is MatchDecision.auto and res.mrn == WILLIAM.mrn
    assert res.score >= OPTS.auto_threshold and not res.reasons


def test_name_alone_never_files_even_when_probable(roster):
    generous = MatchOptions(prior_population=1, prior_in_roster=0.999)
    res = match(roster, generous, name="William Okafor")
    assert res.score >= generous.auto_threshold  # only the two-identifier rule stands in the way
    assert res.decision is MatchDecision.review
    assert any("fewer than two independent identifiers" in r for r in res.reasons)
    assert res.mrn is None and res.candidates[0].mrn == WILLIAM.mrn


def test_dob_alone_never_files_even_when_probable(roster):
    generous = MatchOptions(prior_population=1, prior_in_roster=0.999)
    res = match(roster, generous, dob="1975-11-23")
    assert res.score >= generous.auto_threshold
    assert res.decision is MatchDecision.review


def test_mrn_and_dob_are_two_identifiers(roster):
    res = match(roster, mrn="1001", dob="1961-03-04")
    assert res.decision is MatchDecision.auto and res.mrn == WILLIAM.mrn


def test_conflicting_dob_forces_review(roster):
    res = match(roster, name="William Okafor", mrn="MRN0001001", dob="1970-08-19")
    assert res.score >= OPTS.auto_threshold  # name and MRN agree: only the conflict rule blocks
    assert res.decision is MatchDecision.review
    assert "date of birth conflicts with the roster" in res.reasons
    assert evidence(res, WILLIAM.mrn)["dob"].outcome == "disagree"


def test_conflicting_mrn_forces_review(roster):
    res = match(roster, name="William Okafor", dob="1961-03-04", mrn="MRN0009999")
    assert res.score >= OPTS.auto_threshold
    assert res.decision is MatchDecision.review
    assert "MRN conflicts with the roster" in res.reasons


def test_number_in_another_format_is_not_a_conflict(roster):
    res = match(roster, name="William Okafor", dob="1961-03-04", mrn="A88123456")
    assert res.decision is MatchDecision.auto
    assert evidence(res, WILLIAM.mrn)["mrn"].outcome == "missing"


def test_twins_that_evidence_cannot_separate_go_to_review():
    twin = replace(WILLIAM, mrn="MRN0001099")
    res = match_identifiers(query_from_fields(name="William Okafor", dob="1961-03-04"),
                            Roster.from_records([*PEOPLE, twin]), OPTS)
    assert res.decision is MatchDecision.review
    assert {c.mrn for c in res.candidates[:2]} == {WILLIAM.mrn, twin.mrn}
    assert any("cannot be told apart" in r for r in res.reasons)


def test_twins_with_different_first_names_are_told_apart():
    sister = replace(WILLIAM, mrn="MRN0001098", first_name="Adaeze", sex="F")
    res = match_identifiers(query_from_fields(name="William Okafor", dob="1961-03-04"),
                            Roster.from_records([*PEOPLE, sister]), OPTS)
    assert res.decision is MatchDecision.auto and res.mrn == WILLIAM.mrn


def test_close_second_candidate_blocks_auto():
    cousin = replace(WILLIAM, mrn="MRN0001097", first_name="Willem")
    strict = MatchOptions(auto_margin=30.0)
    res = match_identifiers(query_from_fields(name="William Okafor", dob="1961-03-04"),
                            Roster.from_records([*PEOPLE, cousin]), strict)
    assert res.decision is MatchDecision.review
    assert any("second candidate" in r for r in res.reasons)


def test_namesake_with_swapped_dob_goes_to_review():
    namesake = replace(DANA, mrn="MRN0001096", dob=date(1990, 8, 5))
    res = match_identifiers(query_from_fields(name="Dana Whitfield", dob="1990-05-08"),
                            Roster.from_records([*PEOPLE, namesake]), OPTS)
    assert res.decision is MatchDecision.review
    assert any("nearly identical date of birth" in r for r in res.reasons)


def test_nickname_agrees_and_files(roster):
    res = match(roster, name="Bill Okafor", dob="03/04/1961")
    assert res.decision is MatchDecision.auto and res.mrn == WILLIAM.mrn
    first = evidence(res, WILLIAM.mrn)["first_name"]
    assert first.outcome == "partial" and "nickname" in first.detail and first.weight > 0


def test_peggy_is_margaret(roster):
    res = match(roster, name="Peggy Lindqvist", dob="11/23/1975")
    assert res.decision is MatchDecision.auto and res.mrn == MARGARET.mrn


def test_day_month_swap_is_partial_not_agreement(roster):
    res = match(roster, name="William Okafor", dob="04/03/1961")
    dob = evidence(res, WILLIAM.mrn)["dob"]
    assert dob.outcome == "partial" and dob.detail == "day and month swapped" and dob.weight > 0
    assert res.decision is MatchDecision.review  # a partial DOB is not a second identifier
    with_mrn = match(roster, name="William Okafor", dob="04/03/1961", mrn="0001001")
    assert with_mrn.decision is MatchDecision.auto


@pytest.mark.parametrize("dob, detail", [
    ("1961-03-05", "one digit differs"),
    ("1916-03-04", "two digits transposed"),
])
def test_near_miss_dobs_are_partial(roster, dob, detail):
    res = match(roster, name="William Okafor", dob=dob)
    assert evidence(res, WILLIAM.mrn)["dob"].detail == detail


def test_two_digit_year_reads_either_century():
    old = replace(WILLIAM, mrn="MRN0001095", first_name="Ezekiel", dob=date(1926, 6, 9))
    res = match_identifiers(query_from_fields(name="Ezekiel Okafor", dob="6-9-26"),
                            Roster.from_records([*PEOPLE, old]), OPTS)
    assert res.decision is MatchDecision.auto and res.mrn == old.mrn


def test_mrn_one_edit_is_partial(roster):
    res = match(roster, name="William Okafor", dob="1961-03-04", mrn="1010")
    assert evidence(res, WILLIAM.mrn)["mrn"].outcome == "partial"
    assert res.decision is MatchDecision.auto


def test_first_and_last_swapped(roster):
    res = match(roster, first_name="Okafor", last_name="William", dob="1961-03-04")
    assert res.decision is MatchDecision.auto and res.mrn == WILLIAM.mrn
    assert "swapped" in evidence(res, WILLIAM.mrn)["last_name"].detail


def test_part_of_double_surname(roster):
    res = match(roster, name="Rosa Garcia", dob="07/09/1988")
    assert evidence(res, ROSA.mrn)["last_name"].detail == "one part of a double surname"
    assert res.decision is MatchDecision.auto


def test_initial_only_is_not_a_name(roster):
    res = match(roster, name="W. Okafor", dob="1961-03-04")
    assert res.decision is MatchDecision.review
    assert evidence(res, WILLIAM.mrn)["first_name"].detail == "initial only"


def test_typo_in_surname_still_files(roster):
    res = match(roster, name="William Okafro", dob="1961-03-04")
    assert res.decision is MatchDecision.auto and res.mrn == WILLIAM.mrn


def test_outsider_is_none(roster):
    res = match(roster, name="Theodora Quist", dob="1944-01-30")
    assert res.decision is MatchDecision.none and res.mrn is None
    assert "no roster patient is plausible" in res.reasons[0]


def test_nothing_to_match_on(roster):
    res = match_identifiers(query_from_fields(), roster)
    assert res.decision is MatchDecision.none and res.reasons == ("no patient identifiers found",)


def test_confirmed_alias_makes_the_next_document_auto():
    roster = Roster.from_records(PEOPLE)
    query = query_from_fields(name="Mary Fairbanks", dob="02/14/1950")
    assert match_identifiers(query, roster, OPTS).decision is not MatchDecision.auto
    roster.add(replace(MARY, aliases=(("Mary", "Fairbanks"),)))  # a clerk confirmed the married name
    res = match_identifiers(query, roster, OPTS)
    assert res.decision is MatchDecision.auto and res.mrn == MARY.mrn
    assert "confirmed alias" in evidence(res, MARY.mrn)["last_name"].detail


def test_roster_add_and_remove():
    roster = Roster.from_records(PEOPLE)
    assert roster.remove(DANA.mrn) and DANA.mrn not in roster and not roster.remove(DANA.mrn)
    assert match_identifiers(query_from_fields(name="Dana Whitfield", dob="1990-05-08"), roster).decision \
        is MatchDecision.none
    roster.add(DANA)
    assert len(roster) == len(PEOPLE)


def test_blocking_scores_few_candidates():
    roster = Roster.from_records(make_roster(20_000, seed=3))
    person = roster.get(next(iter(roster)).mrn)
    q = Query.of(query_from_fields(first_name=person.first_name, last_name=person.last_name, dob=person.dob))
    found = candidates(q, roster)
    assert person.mrn in found and len(found) < 200


def test_json_shapes(roster):
    res = match(roster, name="Okafor, William", dob="03/04/1961")
    cand = candidate_to_json(res.candidates[0], roster)
    assert set(cand) >= {"mrn", "score", "first_name", "last_name", "dob", "explanation"}
    assert cand["dob"] == "1961-03-04" and cand["explanation"][0]["field"] == "last_name"
    assert set(cand["explanation"][0]) == {"field", "outcome", "level", "weight", "detail"}
    assert result_to_json(res, roster)["decision"] == "auto"


def test_options_from_config_and_picklable():
    cfg = Config(auto_threshold=0.99, review_threshold=0.3, auto_margin=5.0)
    opts = MatchOptions.from_config(cfg)
    assert (opts.auto_threshold, opts.review_threshold, opts.auto_margin) == (0.99, 0.3, 5.0)
    assert pickle.loads(pickle.dumps(opts)).weight("dob.agree") == opts.weight("dob.agree")
    custom = MatchOptions(mu=(("dob.agree", 0.5, 0.5),))
    assert custom.weight("dob.agree") == 0.0 and custom.weight("mrn.agree") == opts.weight("mrn.agree")


def test_query_from_fields_parses_typed_values():
    ids = query_from_fields(name="smith, john", dob="3/4/61", mrn=" 123 ", phone="(217) 555-2034",
                            postal_code="62704-1234")
    assert (ids.names[0].first, ids.names[0].last) == ("John", "Smith")
    assert ids.dobs == (date(1961, 3, 4),) and ids.mrns == ("123",)
    assert ids.phones == ("2175552034",) and ids.postal_codes == ("62704",)
