"""The in-memory roster: patients with blocking indexes, so a query never scans everyone."""

from __future__ import annotations

import gc
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from pipeline.match.compare import NameKeys
from pipeline.match.normalize import clean_phone, clean_zip, mrn_key, name_key, name_parts, phonetic_keys
from pipeline.records import PatientRecord


@dataclass(frozen=True, slots=True)
class Entry:
    """One roster patient in comparison form; names[0] is the record's own name, then confirmed aliases."""

    record: PatientRecord
    mrn_key: str
    names: tuple[tuple[str, str, tuple[str, ...]], ...]  # (first key, last key, last parts)
    dob: date | None
    phone: str
    zip: str

    @classmethod
    def of(cls, record: PatientRecord) -> Entry:
        """Precompute the comparison keys of a record."""
        names = [(name_key(record.first_name), name_key(record.last_name), name_parts(record.last_name))]
        for first, last in record.aliases:
            alias = (name_key(first), name_key(last), name_parts(last))
            if alias not in names:
                names.append(alias)
        return cls(record, mrn_key(record.mrn), tuple(names), record.dob, clean_phone(record.phone),
                   clean_zip(record.postal_code))

    @property
    def mrn(self) -> str:
        """The record's MRN as imported."""
        return self.record.mrn


class Roster:
    """Roster patients indexed on DOB, phonetic surname and first name, MRN and phone."""

    def __init__(self) -> None:
        self._entries: dict[str, Entry] = {}
        self._by_dob: dict[date, set[str]] = defaultdict(set)
        # phonetic key -> surname keys that sound like it -> patients (all, and by first initial)
        self._surnames: dict[str, set[str]] = defaultdict(set)
        self._surname_parts: dict[str, tuple[str, ...]] = {}
        self._by_surname: dict[str, set[str]] = defaultdict(set)
        self._by_surname_initial: dict[tuple[str, str], set[str]] = defaultdict(set)
        self._by_first: dict[str, set[str]] = defaultdict(set)
        self._by_mrn: dict[str, set[str]] = defaultdict(set)
        self._by_phone: dict[str, set[str]] = defaultdict(set)
        self.last_counts: Counter[str] = Counter()
        self.first_counts: Counter[str] = Counter()
        self.dob_counts: Counter[date] = Counter()
        self.zip_counts: Counter[str] = Counter()
        self.phone_counts: Counter[str] = Counter()
        self.mrn_lengths: Counter[int] = Counter()
        self.mrn_alphabet: set[str] = set()

    @classmethod
    def from_records(cls, records: Iterable[PatientRecord]) -> Roster:
        """Build a roster (a later record with the same MRN replaces an earlier one)."""
        roster = cls()
        for record in records:
            roster.add(record)
        # A 100,000-patient roster is a million long-lived objects: without this, every full garbage
        # collection walks them all and one query in a few thousand stalls for 300 ms.
        gc.freeze()
        return roster

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, mrn: object) -> bool:
        return mrn in self._entries

    def __iter__(self) -> Iterator[PatientRecord]:
        return (e.record for e in self._entries.values())

    def get(self, mrn: str) -> PatientRecord | None:
        """The record with this MRN, or None."""
        entry = self._entries.get(mrn)
        return entry.record if entry else None

    def entry(self, mrn: str) -> Entry:
        """The comparison form of the record with this MRN (KeyError if absent)."""
        return self._entries[mrn]

    def add(self, record: PatientRecord) -> None:
        """Add or replace a patient (by MRN), keeping every index in step."""
        if record.mrn in self._entries:
            self.remove(record.mrn)
        entry = Entry.of(record)
        self._entries[record.mrn] = entry
        self._index(entry, +1)

    def remove(self, mrn: str) -> bool:
        """Remove a patient; False if the MRN was not in the roster."""
        entry = self._entries.pop(mrn, None)
        if entry is None:
            return False
        self._index(entry, -1)
        return True

    def _index(self, e: Entry, sign: int) -> None:
        mrn = e.mrn
        op = (lambda s: s.add(mrn)) if sign > 0 else (lambda s: s.discard(mrn))
        if e.dob:
            op(self._by_dob[e.dob])
            self.dob_counts[e.dob] += sign
        for first, last, parts in e.names:
            if last:
                if last not in self._surname_parts:
                    self._surname_parts[last] = parts
                    for key in phonetic_keys(" ".join(parts)):
                        self._surnames[key].add(last)
                op(self._by_surname[last])
                op(self._by_surname_initial[(last, first[:1])])
            for key in phonetic_keys(first):
                op(self._by_first[key])
        own_first, own_last, _ = e.names[0]
        self.first_counts[own_first] += sign
        self.last_counts[own_last] += sign
        if e.mrn_key:
            op(self._by_mrn[e.mrn_key])
            self.mrn_lengths[len(e.mrn_key)] += sign
            if sign > 0:
                self.mrn_alphabet.update(e.mrn_key)
        if e.phone:
            op(self._by_phone[e.phone])
            self.phone_counts[e.phone] += sign
        if e.zip:
            self.zip_counts[e.zip] += sign

    # --- blocking -----------------------------------------------------------------------------------

    def by_dob(self, d: date) -> set[str]:
        """MRNs born on this date."""
        return self._by_dob.get(d, _EMPTY)

    def surnames_like(self, parts: Iterable[str]) -> dict[str, tuple[str, ...]]:
        """Roster surname keys (with their parts) that sound like this surname."""
        found: set[str] = set()
        for key in phonetic_keys(" ".join(parts)):
            found |= self._surnames.get(key, _EMPTY)
        return {s: self._surname_parts[s] for s in found}

    def by_surname(self, last_key: str) -> set[str]:
        """MRNs with exactly this surname key (own name or alias)."""
        return self._by_surname.get(last_key, _EMPTY)

    def by_surname_initial(self, last_key: str, initial: str) -> set[str]:
        """MRNs with this surname key and a first name starting with `initial`."""
        return self._by_surname_initial.get((last_key, initial), _EMPTY)

    def first_name_blocks(self, first: str) -> list[set[str]]:
        """Sets of MRNs whose first name (or an alias's) sounds like this one."""
        get = self._by_first.get
        return [found for key in phonetic_keys(first) if (found := get(key))]

    def by_phone(self, phone: str) -> set[str]:
        """MRNs with this phone number."""
        return self._by_phone.get(phone, _EMPTY)

    def by_mrn(self, key: str, near: bool = True) -> set[str]:
        """MRNs whose key equals `key` or, with `near`, is one edit (or one transposition) away."""
        out = set(self._by_mrn.get(key, _EMPTY))
        if near and key:
            for variant in _one_edit(key, self.mrn_alphabet):
                found = self._by_mrn.get(variant)
                if found:
                    out |= found
        return out

    def mrn_same_shape(self, key: str) -> bool:
        """True when `key` has the length of this roster's MRNs (so a difference is a real conflict)."""
        return self.mrn_lengths.get(len(key), 0) > 0

    def entries(self, mrns: Iterable[str]) -> list[Entry]:
        """Entries for MRNs (unknown MRNs skipped)."""
        get = self._entries.get
        return [e for m in mrns if (e := get(m)) is not None]


_EMPTY: set[str] = set()


def _one_edit(key: str, alphabet: set[str]) -> Iterator[str]:
    n = len(key)
    for i in range(n):
        yield key[:i] + key[i + 1:]
        for c in alphabet:
            if c != key[i]:
                yield key[:i] + c + key[i + 1:]
    for i in range(n + 1):
        for c in alphabet:
            yield key[:i] + c + key[i:]
    for i in range(n - 1):
        yield key[:i] + key[i + 1] + key[i] + key[i + 2:]


def query_keys(first: str, middle: str, last: str) -> NameKeys:
    """NameKeys for a query name."""
    return NameKeys.of(first, middle, last)
