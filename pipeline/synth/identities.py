"""Synthetic patient rosters: invented, seeded, with the hard cases a matcher must not get wrong.

Hard cases put in on purpose (see `roster_hard_cases`):
- twins: same last name, date of birth, address and phone, different first names;
- same name and date of birth, different people (different MRN, address, phone);
- same last name and birth year, different first name and day;
- same name with day and month of birth swapped (a true different person that looks like a typo).
"""

from __future__ import annotations

import csv
import random
import zlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from pathlib import Path

from pipeline.records import PatientRecord
from pipeline.synth import names

ROSTER_HEADER = ("mrn", "first_name", "last_name", "dob", "sex", "phone", "address", "city", "state", "postal_code")

_DOB_FIRST = date(1925, 1, 1).toordinal()
_DOB_LAST = date(2024, 12, 31).toordinal()
_ROSTER_MRN_RANGE = (1_000_000, 10_000_000)  # 7 digits
_OUTSIDER_MRN_RANGE = (80_000_000, 100_000_000)  # 8 digits: can never equal a roster MRN
_OUTSIDER_SALT = 0x0B5E55ED  # separates the outsider stream from a roster made with the same seed
_HARD_KINDS = ("twins", "same_name_dob", "same_surname_year", "swapped_dob")


def make_roster(n: int, seed: int = 7) -> list[PatientRecord]:
    """Return `n` invented patients with unique MRNs, deterministic for `seed`, hard cases included."""
    rng = random.Random(seed)
    numbers = rng.sample(range(*_ROSTER_MRN_RANGE), n)
    records = [_person(rng, _roster_mrn(rng, number)) for number in numbers]
    _plant_hard_cases(rng, records)
    return records


def make_outsiders(n: int, seed: int = 7, exclude: Iterable[PatientRecord] = ()) -> list[PatientRecord]:
    """Return `n` people who are not in a roster: MRNs outside the roster range, no (name, DOB) in `exclude`."""
    rng = random.Random(seed ^ _OUTSIDER_SALT)
    taken = {_identity_key(p) for p in exclude}
    numbers = iter(rng.sample(range(*_OUTSIDER_MRN_RANGE), n * 2 + 10))
    people: list[PatientRecord] = []
    while len(people) < n:
        person = _person(rng, str(next(numbers)))
        if _identity_key(person) not in taken:
            taken.add(_identity_key(person))
            people.append(person)
    return people


LOOK_ALIKE_KINDS = ("surname", "first_name", "dob", "sibling")


def make_look_alike_outsiders(roster: list[PatientRecord], n: int, seed: int = 7) -> list[tuple[PatientRecord, str]]:
    """`n` people not in `roster` who each share something with a roster patient, with what they share.

    surname: same last name, other first name and birth date; first_name: same first name, other surname
    and birth date; dob: same birth date, other name; sibling: same surname, address and phone, other first
    name and birth date (a brother or sister who is not a patient here).
    """
    rng = random.Random(seed ^ _OUTSIDER_SALT ^ 0x51B1)
    taken = {_identity_key(p) for p in roster}
    numbers = iter(rng.sample(range(*_OUTSIDER_MRN_RANGE), n * 2 + 10))
    out: list[tuple[PatientRecord, str]] = []
    while len(out) < n and roster:
        kind = LOOK_ALIKE_KINDS[len(out) % len(LOOK_ALIKE_KINDS)]
        person = _share(rng, rng.choice(roster), _person(rng, str(next(numbers))), kind)
        if _identity_key(person) not in taken:
            taken.add(_identity_key(person))
            out.append((person, kind))
    return out


def _share(rng: random.Random, base: PatientRecord, fresh: PatientRecord, kind: str) -> PatientRecord:
    if kind == "surname":
        return replace(fresh, last_name=base.last_name)
    if kind == "first_name":
        return replace(fresh, first_name=base.first_name, sex=base.sex)
    if kind == "dob":
        return replace(fresh, dob=base.dob)
    return replace(fresh, last_name=base.last_name, address=base.address, city=base.city, state=base.state,
                   postal_code=base.postal_code, phone=base.phone,
                   first_name=_different_first(rng, fresh, avoid=base.first_name))


def write_roster_csv(records: Iterable[PatientRecord], path: str | Path) -> None:
    """Write records as a roster CSV with the standard header (dob as YYYY-MM-DD)."""
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(ROSTER_HEADER)
        for p in records:
            dob = p.dob.isoformat() if p.dob else ""
            writer.writerow([p.mrn, p.first_name, p.last_name, dob, p.sex, p.phone, p.address, p.city,
                             p.state, p.postal_code])


def roster_hard_cases(records: Iterable[PatientRecord]) -> dict[str, list[tuple[str, ...]]]:
    """Group MRNs of look-alike patients by kind: twins, same_name_dob, same_surname_year, swapped_dob."""
    by_name_dob: dict[tuple, list[str]] = defaultdict(list)
    by_family: dict[tuple, list[PatientRecord]] = defaultdict(list)
    by_name: dict[tuple, list[PatientRecord]] = defaultdict(list)
    for p in records:
        by_name_dob[(p.first_name.lower(), p.last_name.lower(), p.dob)].append(p.mrn)
        by_family[(p.last_name.lower(), p.dob, p.address)].append(p)
        by_name[(p.first_name.lower(), p.last_name.lower())].append(p)
    found: dict[str, list[tuple[str, ...]]] = {kind: [] for kind in _HARD_KINDS}
    found["same_name_dob"] = [tuple(m) for m in by_name_dob.values() if len(m) > 1]
    for group in by_family.values():
        if len({p.first_name for p in group}) > 1:
            found["twins"].append(tuple(p.mrn for p in group))
    for group in by_name.values():
        found["swapped_dob"].extend(_swapped_pairs(group))
    found["same_surname_year"] = _surname_year_pairs(records)
    return found


def middle_initial(patient: PatientRecord) -> str:
    """A stable middle initial for a patient ('' for about one in five), as documents would print it."""
    h = zlib.crc32(patient.mrn.encode())
    return "" if h % 5 == 0 else "ABCDEFGHIJKLMNOPRSTW"[(h >> 3) % 20]


def nicknames_of(first_name: str) -> tuple[str, ...]:
    """Common informal forms of a first name (empty if it has none in our table)."""
    return names.NICKNAMES.get(first_name, ())


def _identity_key(p: PatientRecord) -> tuple:
    return (p.first_name.lower(), p.last_name.lower(), p.dob)


def _roster_mrn(rng: random.Random, number: int) -> str:
    # Mixed forms on purpose: matchers must compare digits, not the prefix.
    return f"MRN{number:07d}" if rng.random() < 0.75 else f"{number:07d}"


def _person(rng: random.Random, mrn: str) -> PatientRecord:
    sex = "F" if rng.random() < 0.52 else "M"
    first = rng.choice(names.FEMALE_FIRST if sex == "F" else names.MALE_FIRST)
    city, state, zip3, area_codes = rng.choice(names.PLACES)
    return PatientRecord(
        mrn=mrn,
        first_name=first,
        last_name=rng.choice(names.SURNAMES),
        dob=date.fromordinal(rng.randint(_DOB_FIRST, _DOB_LAST)),
        sex=sex,
        phone=_phone(rng, rng.choice(area_codes)),
        address=_street(rng),
        city=city,
        state=state,
        postal_code=f"{zip3}{rng.randint(1, 99):02d}",
    )


def _phone(rng: random.Random, area: str) -> str:
    exchange = rng.randint(201, 998)
    if exchange % 100 == 11 or exchange == 555:  # N11 codes and 555 are not ordinary exchanges
        exchange += 1
    return f"{area}-{exchange}-{rng.randint(0, 9999):04d}"


def _street(rng: random.Random) -> str:
    line = f"{rng.randint(1, 9899)} {rng.choice(names.STREET_NAMES)} {rng.choice(names.STREET_SUFFIXES)}"
    if rng.random() < 0.18:
        line += f" {rng.choice(names.UNIT_FORMS)} {rng.randint(1, 40)}{rng.choice(('', '', 'A', 'B', 'C'))}"
    return line


def _plant_hard_cases(rng: random.Random, records: list[PatientRecord]) -> None:
    """Overwrite disjoint neighbouring pairs (i, i+1) with look-alikes of record i."""
    n = len(records)
    if n < 8:
        return
    per_kind = {"twins": max(1, n // 150), "same_name_dob": max(1, n // 300),
                "same_surname_year": max(1, n // 150), "swapped_dob": max(1, n // 400)}
    slots = rng.sample(range(0, n - 1, 2), min(sum(per_kind.values()), n // 2))
    kinds = [kind for kind, count in per_kind.items() for _ in range(count)]
    for i, kind in zip(slots, kinds, strict=False):
        records[i], records[i + 1] = _look_alike(rng, kind, records[i], records[i + 1])


def _look_alike(
    rng: random.Random, kind: str, base: PatientRecord, other: PatientRecord
) -> tuple[PatientRecord, PatientRecord]:
    assert base.dob is not None
    if kind == "twins":
        twin = replace(base, mrn=other.mrn, sex=other.sex)
        return base, replace(twin, first_name=_different_first(rng, twin, avoid=base.first_name))
    if kind == "same_name_dob":
        return base, replace(other, first_name=base.first_name, last_name=base.last_name, dob=base.dob,
                             sex=base.sex)
    if kind == "same_surname_year":
        day = date(base.dob.year, rng.randint(1, 12), rng.randint(1, 28))
        return base, replace(other, last_name=base.last_name, dob=day,
                             first_name=_different_first(rng, other, avoid=base.first_name))
    # swapped_dob: both birth days must be <= 12 so the swap is still a valid, different date
    year, month = base.dob.year, base.dob.month
    birth_day = rng.choice([d for d in range(1, 13) if d != month])
    base = replace(base, dob=date(year, month, birth_day))
    return base, replace(other, first_name=base.first_name, last_name=base.last_name, sex=base.sex,
                         dob=date(year, birth_day, month))


def _different_first(rng: random.Random, p: PatientRecord, avoid: str) -> str:
    pool = names.FEMALE_FIRST if p.sex == "F" else names.MALE_FIRST
    while True:
        first = rng.choice(pool)
        if first not in (p.first_name, avoid):
            return first


def _swapped_pairs(group: list[PatientRecord]) -> list[tuple[str, ...]]:
    dobs = {p.dob: p.mrn for p in group if p.dob}
    pairs: list[tuple[str, ...]] = []
    for d, mrn in dobs.items():
        if d.day <= 12 and d.day < d.month:
            swapped = date(d.year, d.day, d.month)
            if swapped in dobs:
                pairs.append((mrn, dobs[swapped]))
    return pairs


def _surname_year_pairs(records: Iterable[PatientRecord]) -> list[tuple[str, ...]]:
    groups: dict[tuple, list[PatientRecord]] = defaultdict(list)
    for p in records:
        if p.dob:
            groups[(p.last_name.lower(), p.dob.year)].append(p)
    return [tuple(p.mrn for p in g) for g in groups.values()
            if len(g) > 1 and len({(p.first_name, p.dob) for p in g}) == len(g)]
