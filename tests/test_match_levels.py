"""Name and date comparison levels, address and city, and the two-identifier rule (issue 12).

Each test fails if the rule it names is removed.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from pipeline.match.address import address_key, city_key, compare_address, compare_city
from pipeline.match.compare import NameKeys, compare_dob, compare_first, compare_last
from pipeline.match.matcher import MatchOptions, Roster, match_identifiers, query_from_fields
from pipeline.match.normalize import clean_zip
from pipeline.match.weights import DEFAULT_MU
from pipeline.records import MatchDecision, PatientRecord

# Invented people; none of them exists.
JOSHUA = PatientRecord("700101", "Joshua", "Pennington", date(1984, 6, 17), "M", "", "2910 College Court Apt 4",
                       "Hartford", "CT", "06130")
ALEXANDRA = PatientRecord("700102", "Alexandra", "Ostrowski", date(1971, 2, 9), "F")
BEN = PatientRecord("700103", "Ben", "Talbot", date(1999, 10, 30), "M")
JOHN = PatientRecord("700104", "John", "Merriweather", date(1966, 4, 12), "M")
JOAN = PatientRecord("700105", "Joan", "Abernathy", date(1958, 8, 1), "F")  # another Joan, elsewhere
LEE = PatientRecord("700106", "Carol", "Lee", date(1977, 1, 21), "F")
LEA = PatientRecord("700107", "Pat", "Lea", date(1962, 5, 5), "F")
GRACE = PatientRecord("700108", "Grace", "Philpott", date(1949, 12, 2), "F")


def _filler(n: int) -> list[PatientRecord]:
    """Unrelated patients, so value frequencies and priors look like a real roster's."""
    return [PatientRecord(f"9{i:05d}", f"Fill{chr(97 + i % 26)}{chr(97 + i // 26 % 26)}", f"Zq{i:05d}x",
                          date(1930, 1, 1) + timedelta(days=11 * i)) for i in range(n)]


@pytest.fixture(scope="module")
def roster() -> Roster:
    return Roster.from_records([JOSHUA, ALEXANDRA, BEN, JOHN, JOAN, LEE, LEA, GRACE, *_filler(3000)])


def decide(roster: Roster, **fields):
    return match_identifiers(query_from_fields(**fields), roster, MatchOptions())


def keys(first: str = "", last: str = "") -> NameKeys:
    return NameKeys.of(first, "", last)


@pytest.mark.parametrize("typed, real", [("joshau", "joshua"), ("alexadnra", "alexandra"), ("matthw", "matthew"),
                                         ("gilliab", "gillian"), ("bne", "ben")])
def test_one_slip_is_the_typo_level(typed, real):
    assert compare_first(keys(typed), real).level == "typo"
    assert compare_first(keys(typed), real).strong


def test_levels_are_distinct_for_nickname_phonetic_and_initial():
    assert compare_first(keys("bill"), "william").level == "nickname"
    assert compare_first(keys("w"), "william").level == "initial"
    assert compare_last(keys("", "royins"), "royans", ("royans",)).level == "typo"
    phonetic = compare_last(keys("", "philpott"), "fillpot", ("fillpot",))
    assert phonetic.level == "phonetic" and not phonetic.strong
    assert compare_first(keys("jon"), "jonathan").level == "nickname"


def test_every_level_has_its_own_m_and_u():
    table = {k for k, _, _ in DEFAULT_MU}
    for key in ("first_name.typo", "first_name.nickname", "first_name.phonetic", "first_name.initial",
                "last_name.typo", "last_name.phonetic", "dob.swap", "address.agree", "city.agree"):
        assert key in table


def test_day_month_swap_has_its_own_level():
    assert compare_dob(date(1980, 3, 12), date(1980, 12, 3)).level == "swap"
    assert compare_dob(date(1980, 3, 12), date(1980, 3, 13)).level == "partial"


def test_a_typo_in_the_name_with_an_exact_dob_files(roster):
    res = decide(roster, first_name="Joshau", last_name="Pennington", dob="1984-06-17")
    assert res.decision is MatchDecision.auto and res.mrn == JOSHUA.mrn
    res = decide(roster, first_name="Alexandra", last_name="Ostrowksi", dob="1971-02-09")
    assert res.decision is MatchDecision.auto and res.mrn == ALEXANDRA.mrn


def test_a_transposed_three_letter_name_is_a_typo(roster):
    res = decide(roster, first_name="Bne", last_name="Talbot", dob="1999-10-30")
    assert res.decision is MatchDecision.auto and res.mrn == BEN.mrn


def test_never_two_fuzzy_identifiers_together(roster):
    res = decide(roster, first_name="Joshau", last_name="Pennington", dob="1984-06-18")  # DOB one digit off
    assert res.decision is MatchDecision.review
    assert any("fewer than two independent identifiers" in r for r in res.reasons)


def test_a_phonetic_name_does_not_count_as_agreeing(roster):
    res = decide(roster, first_name="Grace", last_name="Fillpot", dob="1949-12-02")
    assert res.candidates[0].mrn == GRACE.mrn
    assert next(e for e in res.candidates[0].evidence if e.field == "last_name").level == "phonetic"
    assert res.decision is MatchDecision.review


def test_a_typo_that_spells_another_roster_first_name_is_another_name(roster):
    # "Joan" is one letter from John, but Joan is a first name in this roster: a different person.
    res = decide(roster, first_name="Joan", last_name="Merriweather", dob="1966-04-12")
    assert res.decision is MatchDecision.review
    first = next(e for e in res.candidates[0].evidence if e.field == "first_name")
    assert "another first name" in first.detail


def test_a_short_surname_spelling_another_roster_surname_is_another_family(roster):
    res = decide(roster, first_name="Carol", last_name="Lea", dob="1977-01-21")
    assert res.decision is MatchDecision.review


@pytest.mark.parametrize("a, b, level", [
    ("2910 College Court Apt 4", "2910 college ct", "agree"),
    ("2910 College Ct", "2910 College Court", "agree"),
    ("123 N. Main St., Unit 5", "123 North Main Street Unit 5", "agree"),
    ("123 Main St Apt 5", "123 Main St Apt 7", "partial"),
    ("2910 Colege Ct", "2910 College Ct", "partial"),
    ("17 Birch Rd", "2910 College Ct", "disagree"),
])
def test_street_addresses_are_normalised_before_comparing(a, b, level):
    assert compare_address(address_key(a), address_key(b))[0] == level


def test_cities_compare_in_short_form():
    assert compare_city(city_key("Saint Louis"), city_key("St. Louis"))[0] == "agree"
    assert compare_city(city_key("Hartferd"), city_key("Hartford"))[0] == "partial"


def test_address_adds_weight_but_is_never_an_identifier(roster):
    base = decide(roster, first_name="Joshua", last_name="Pennington")
    more = decide(roster, first_name="Joshua", last_name="Pennington", address="2910 College Ct", city="Hartford",
                  postal_code="06130")
    assert more.candidates[0].weight > base.candidates[0].weight
    assert more.decision is MatchDecision.review  # name and address: a household shares the address
    city = next(e for e in more.candidates[0].evidence if e.field == "city")
    assert city.weight == 0 and "implied by the ZIP" in city.detail  # counted once with the ZIP


def test_four_digit_postal_codes_are_kept():
    assert clean_zip("6130") == "06130" and clean_zip("4011") == "04011" and clean_zip("123") == ""


def test_exact_name_and_dob_of_a_common_name_files():
    common = [PatientRecord(str(100000 + i), ["James", "Mary", "John", "Maria"][i % 4],
                            ["Smith", "Garcia", "Nguyen"][i % 3], date(1940, 1, 1) + timedelta(days=7 * i))
              for i in range(5000)]
    roster = Roster.from_records(common)
    who = common[123]
    res = decide(roster, first_name=who.first_name, last_name=who.last_name, dob=who.dob.isoformat())
    assert res.decision is MatchDecision.auto and res.mrn == who.mrn
