"""Patient queries with the errors real documents carry, for benchmarking the matcher.

A query is what a clerk would type or a document would yield for one person: name, date of birth and
some of MRN, phone and ZIP, damaged the way transcription and OCR damage them. Every damage applied is
recorded, so a benchmark can say which kinds of error the matcher copes with.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from pipeline.records import PatientRecord
from pipeline.synth import names
from pipeline.synth.identities import middle_initial, nicknames_of

# Probability of each damage per query (independent), so every kind occurs a few hundred times in a
# 10,000-query run. Damage that removes an identifier (missing DOB or name, initial only, a wrong DOB
# digit) rules out automatic filing unless the MRN is shown, by design: keep those rates near what
# faxes show (the document generator omits the DOB on 4% of documents).
RATES: dict[str, float] = {
    "last_typo": 0.08,
    "first_typo": 0.06,
    "ocr_name": 0.06,
    "nickname": 0.12,
    "swap_names": 0.03,
    "initial_only": 0.02,
    "double_surname": 0.02,
    "dob_swap": 0.02,
    "dob_digit": 0.02,
    "dob_two_digit_year": 0.12,
    "dob_missing": 0.04,
    "name_missing": 0.01,
}
SHOW_RATES = {"mrn": 0.35, "phone": 0.25, "postal_code": 0.3, "mrn_ocr": 0.05, "mrn_prefix": 0.25}
_OCR_LETTERS = {"m": "rn", "d": "cl", "w": "vv", "l": "1", "o": "0", "i": "1", "s": "5", "b": "8", "e": "c",
                "h": "li", "n": "ri", "g": "q"}
_OCR_DIGITS = {"0": "O", "1": "l", "5": "S", "8": "B", "2": "Z", "6": "G"}


@dataclass(frozen=True)
class Query:
    """One person as a document or a clerk presents them, and the damage done."""

    name: str  # as printed: "Last, First M" or "First M Last" ("" when missing)
    dob: str  # as printed ("" when missing)
    mrn: str = ""
    phone: str = ""
    postal_code: str = ""
    damage: tuple[str, ...] = ()
    true_mrn: str | None = None  # None for someone who is not in the roster


def corrupt(person: PatientRecord, rng: random.Random, in_roster: bool = True) -> Query:
    """A damaged query for `person` (true_mrn is None when `in_roster` is False)."""
    damage: list[str] = []

    def hit(kind: str) -> bool:
        if rng.random() < RATES[kind]:
            damage.append(kind)
            return True
        return False

    first, last = _names(person, rng, hit)
    name = "" if hit("name_missing") else _format_name(first, last, middle_initial(person), rng, hit)
    dob = "" if hit("dob_missing") or person.dob is None else _format_dob(person.dob, rng, hit)
    return Query(
        name=name,
        dob=dob,
        mrn=_mrn(person.mrn, rng, damage) if rng.random() < SHOW_RATES["mrn"] else "",
        phone=person.phone if rng.random() < SHOW_RATES["phone"] else "",
        postal_code=person.postal_code if rng.random() < SHOW_RATES["postal_code"] else "",
        damage=tuple(damage),
        true_mrn=person.mrn if in_roster else None,
    )


def _names(person: PatientRecord, rng: random.Random, hit) -> tuple[str, str]:
    first, last = person.first_name, person.last_name
    if nicknames_of(first) and hit("nickname"):
        first = rng.choice(nicknames_of(first))
    if hit("double_surname"):
        last = f"{last}-{rng.choice(names.SURNAMES)}" if rng.random() < 0.5 else f"{last} {rng.choice(names.SURNAMES)}"
    if hit("last_typo"):
        last = typo(last, rng)
    if hit("first_typo"):
        first = typo(first, rng)
    if hit("ocr_name"):
        if rng.random() < 0.5:
            last = ocr_confuse(last, rng)
        else:
            first = ocr_confuse(first, rng)
    if hit("initial_only"):
        first = first[0]
    return first, last


def _format_name(first: str, last: str, mi: str, rng: random.Random, hit) -> str:
    if hit("swap_names"):
        text = f"{last} {first}"  # printed last-first without the comma: reads as "First Last" swapped
    elif rng.random() < 0.55:
        text = f"{last}, {first}" + (f" {mi}" if mi and rng.random() < 0.4 else "")
    else:
        text = f"{first} " + (f"{mi}. " if mi and rng.random() < 0.4 else "") + last
    return text.upper() if rng.random() < 0.4 else text


def _format_dob(d: date, rng: random.Random, hit) -> str:
    if d.day <= 12 and d.day != d.month and hit("dob_swap"):
        d = date(d.year, d.day, d.month)
    text = f"{d.month:02d}/{d.day:02d}/{d.year}"
    if hit("dob_digit"):
        text = _digit_error(text, rng)
    if hit("dob_two_digit_year"):
        text = text[:-4] + text[-2:]
    return text


def _digit_error(text: str, rng: random.Random) -> str:
    places = [i for i, c in enumerate(text) if c.isdigit()]
    i = rng.choice(places)
    if rng.random() < 0.5 and text[i] in _OCR_DIGITS:
        return text[:i] + _OCR_DIGITS[text[i]] + text[i + 1:]  # a letter the field repair can undo
    return text[:i] + rng.choice([c for c in "0123456789" if c != text[i]]) + text[i + 1:]


def _mrn(mrn: str, rng: random.Random, damage: list[str]) -> str:
    digits = "".join(c for c in mrn if c.isdigit())
    text = mrn if rng.random() < SHOW_RATES["mrn_prefix"] else digits
    if rng.random() < SHOW_RATES["mrn_ocr"]:
        damage.append("mrn_ocr")
        text = _digit_error(text, rng)
    return text


def typo(word: str, rng: random.Random) -> str:
    """One keyboard slip: a letter dropped, doubled, replaced or two neighbours swapped."""
    if len(word) < 3:
        return word
    i = rng.randrange(1, len(word) - 1)
    kind = rng.choice(("drop", "double", "replace", "swap"))
    if kind == "drop":
        return word[:i] + word[i + 1:]
    if kind == "double":
        return word[:i] + word[i] + word[i:]
    if kind == "replace":
        return word[:i] + rng.choice("aeioulnrst") + word[i + 1:]
    return word[:i - 1] + word[i] + word[i - 1] + word[i + 1:]


def ocr_confuse(word: str, rng: random.Random) -> str:
    """One OCR misreading of a letter shape (m->rn, d->cl, l->1, o->0, ...), if the word has one."""
    spots = [i for i, c in enumerate(word.lower()) if c in _OCR_LETTERS]
    if not spots:
        return word
    i = rng.choice(spots)
    swap = _OCR_LETTERS[word[i].lower()]
    return word[:i] + (swap.upper() if word[i].isupper() and swap.isalpha() else swap) + word[i + 1:]
