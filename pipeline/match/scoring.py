"""Candidate generation (blocking) and Fellegi-Sunter scoring of each candidate."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from pipeline.match import compare as cmp
from pipeline.match.address import AddressKey, address_key, city_key, compare_address, compare_city
from pipeline.match.compare import Level, NameKeys
from pipeline.match.extract import NAME_PRIORITY, Identifiers, name_rank
from pipeline.match.normalize import clean_phone, clean_zip, mrn_key
from pipeline.match.options import MatchOptions
from pipeline.match.roster import Entry, Roster
from pipeline.match.weights import log_weight
from pipeline.records import Candidate, FieldEvidence

_SWAP_PENALTY = 1.0  # bits: first and last name swapped is a clerical slip, a little less sure than in order
FIELDS = ("last_name", "first_name", "dob", "mrn", "phone", "postal_code", "address", "city")


@dataclass(frozen=True)
class Query:
    """A document's identifiers in comparison form."""

    names: tuple[NameKeys, ...]
    dobs: tuple[date, ...]
    mrns: tuple[str, ...]
    phones: tuple[str, ...]
    zips: tuple[str, ...]
    alt_dobs: tuple[date, ...] = ()
    other_ids: tuple[str, ...] = ()
    addresses: tuple[AddressKey, ...] = ()
    cities: tuple[str, ...] = ()
    name_ranks: tuple[int, ...] = ()  # per name, how plainly its label says "the patient" (extract.name_rank)

    @classmethod
    def of(cls, ids: Identifiers) -> Query:
        """Normalise identifiers once per query."""
        ranks: dict[NameKeys, int] = {}
        for n in ids.names:
            keys, rank = NameKeys.of(n.first, n.middle, n.last), name_rank(n.label)
            ranks[keys] = min(ranks.get(keys, rank), rank)
        names = tuple(ranks)
        mrns = tuple(dict.fromkeys(k for m in ids.mrns if (k := mrn_key(m))))
        phones = tuple(dict.fromkeys(p for x in ids.phones if (p := clean_phone(x))))
        zips = tuple(dict.fromkeys(z for x in ids.postal_codes if (z := clean_zip(x))))
        others = tuple(dict.fromkeys(k for m in ids.other_ids if (k := mrn_key(m)) and k not in mrns))
        streets = tuple(dict.fromkeys(ak for a in ids.addresses if (ak := address_key(a))))
        cities = tuple(dict.fromkeys(ck for c in ids.cities if (ck := city_key(c))))
        return cls(names, tuple(dict.fromkeys(ids.dobs)), mrns, phones, zips, tuple(ids.alt_dobs), others,
                   streets, cities, tuple(ranks.values()))

    @property
    def empty(self) -> bool:
        """True when there is nothing to match on."""
        return not (self.names or self.dobs or self.mrns or self.phones)


class Scored:
    """One scored candidate: total weight, probability, and (field, level, weight, note) per field."""

    __slots__ = ("mrn", "weight", "score", "fields", "levels", "name_ok", "other_dob", "other_name")

    def __init__(self, mrn: str, weight: float, fields: list[tuple[str, Level, float, str]], other_dob: bool,
                 other_name: bool = False):
        self.mrn = mrn
        self.weight = weight
        self.score = 0.0
        self.fields = fields
        self.levels = {f: lv for f, lv, _, _ in fields}
        self.other_dob = other_dob  # the document shows another DOB that disagrees with this patient
        self.other_name = other_name  # ... or, beside this patient's name, a name that cannot be theirs
        lf, ll = self.levels["first_name"], self.levels["last_name"]
        # The name counts for the two-identifier rule when both parts agree, or one slip or a nickname away
        # (the rule then wants the other identifier exact: never two fuzzy identifiers together).
        self.name_ok = (ll.level == "agree" or ll.strong) and (lf.level == "agree" or lf.strong)

    def candidate(self) -> Candidate:
        """The public Candidate with its per-field evidence."""
        evidence = tuple(_evidence(f, lv, w, note) for f, lv, w, note in self.fields)
        return Candidate(self.mrn, round(self.score, 6), round(self.weight, 3), evidence)


def _evidence(fname: str, lv: Level, weight: float, note: str) -> FieldEvidence:
    outcome = lv.level if lv.level in ("agree", "disagree", "missing") else "partial"
    detail = "; ".join(x for x in (lv.detail, note) if x)
    return FieldEvidence(fname, outcome, round(weight, 3), detail, lv.level)


# --- candidate generation ----------------------------------------------------------------------------

def dob_variants(d: date) -> tuple[set[date], set[date]]:
    """(swapped or other-century dates, dates one digit or one transposition away) that `d` may stand for."""
    close = {x for x in (_ymd(d.year, d.day, d.month), _ymd(d.year - 100, d.month, d.day),
                         _ymd(d.year + 100, d.month, d.day)) if x and x != d}
    text = f"{d.year:04d}{d.month:02d}{d.day:02d}"
    near: set[date] = set()
    for i in range(8):
        for c in "0123456789":
            if c != text[i]:
                near.add(_from_text(text[:i] + c + text[i + 1:]))  # type: ignore[arg-type]
        if i < 7 and text[i] != text[i + 1]:
            near.add(_from_text(text[:i] + text[i + 1] + text[i] + text[i + 2:]))  # type: ignore[arg-type]
    near.discard(None)  # type: ignore[arg-type]
    return close, near - close


def _ymd(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _from_text(text: str) -> date | None:
    return _ymd(int(text[:4]), int(text[4:6]), int(text[6:]))


def _initials(n: NameKeys) -> set[str]:
    out: set[str] = set()
    for name in (n.first, n.middle):
        if name:
            out.add(name[0])
            out.update(r[0] for r in cmp.related_first_names(name) if r)
    return out


def candidates(q: Query, roster: Roster) -> set[str]:
    """MRNs worth scoring: blocked on MRN, phone, DOB (near misses only with a name key), surname+initial."""
    out: set[str] = set()
    for key in q.mrns:
        out |= roster.by_mrn(key)
    for key in q.other_ids:
        out |= roster.by_mrn(key, near=False)
    for d in q.alt_dobs:
        out |= roster.by_dob(d)
    for phone in q.phones:
        out |= roster.by_phone(phone)
    near: set[str] = set()
    for d in q.dobs:
        out |= roster.by_dob(d)
        close, far = dob_variants(d)
        for v in close:
            out |= roster.by_dob(v)
        for v in far:
            near |= roster.by_dob(v)
    name_sets: list[set[str]] = []
    for n in q.names:
        _name_candidates(n, roster, out, name_sets, surname_only=not (q.dobs or q.mrns or q.phones))
    out.update(m for m in near if m not in out and any(m in s for s in name_sets))
    return out


def _name_candidates(n: NameKeys, roster: Roster, out: set[str], name_sets: list[set[str]],
                     surname_only: bool) -> None:
    """Add patients whose surname is close to the query's and whose first initial fits (also swapped)."""
    initials = _initials(n)
    readings = [(n, n.last_parts, initials)]
    if n.middle and len(n.middle) > 1:  # "Maria Garcia Lopez": a double surname read as middle + last
        readings.append((n, (n.middle, *n.last_parts), initials))
    if n.first and n.last:
        swapped = NameKeys(n.last, "", n.first, (n.first,))
        readings.append((swapped, (n.first,), {n.last[0]}))
    for keys, parts, wanted in readings:
        for surname, r_parts in roster.surnames_like(parts).items():
            if cmp.compare_last(keys, surname, r_parts).level == "disagree":
                continue  # sounds alike but is spelled too differently (Ross vs Rice)
            name_sets.append(roster.by_surname(surname))
            if not keys.first and surname_only:
                out |= roster.by_surname(surname)  # a surname alone: everyone who has it
            for i in wanted:
                out |= roster.by_surname_initial(surname, i)
    if n.first:
        name_sets.extend(roster.first_name_blocks(n.first))


# --- scoring -----------------------------------------------------------------------------------------

class _Memo(dict):
    """Name comparisons within one query: many candidates share a surname or first name.

    Kept per query on purpose: a process-wide cache would fill the oldest GC generation and make
    full collections (hundreds of ms with a large roster) frequent.
    """

    def first(self, keys: NameKeys, first: str) -> Level:
        k = ("f", keys, first)
        found = self.get(k)
        if found is None:
            found = self[k] = cmp.compare_first(keys, first)
        return found

    def last(self, keys: NameKeys, last: str, parts: tuple[str, ...]) -> Level:
        k = ("l", keys, last)
        found = self.get(k)
        if found is None:
            found = self[k] = cmp.compare_last(keys, last, parts)
        return found


def _name_fields(q: Query, e: Entry, roster: Roster, opts: MatchOptions,
                 memo: _Memo) -> list[tuple[str, Level, float, str]]:
    """The best reading of the document's names against the record's names (own, aliases, swapped)."""
    best: tuple[float, list] = (-math.inf, [])
    total = len(roster)
    for qn in q.names:
        swapped = NameKeys(qn.last, "", qn.first, (qn.first,)) if qn.first and qn.last else None
        for i, (first, last, parts) in enumerate(e.names):
            for keys, penalty in ((qn, 0.0), (swapped, _SWAP_PENALTY)):
                if keys is None:
                    continue
                lf = _other_first_name(memo.first(keys, first), keys, roster)
                ll = _other_surname(memo.last(keys, last, parts), keys, roster)
                wf = _weight(opts, "first_name", lf, roster.first_counts.get(first, 0), total) - penalty / 2
                wl = _weight(opts, "last_name", ll, roster.last_counts.get(last, 0), total) - penalty / 2
                if wf + wl > best[0]:
                    note = ", ".join(n for n in ("first and last swapped" if penalty else "",
                                                 "confirmed alias" if i else "") if n)
                    best = (wf + wl, [("last_name", ll, wl, note), ("first_name", lf, wf, note)])
                if penalty == 0.0 and lf.level == "agree" and ll.level == "agree":
                    break  # nothing beats an exact reading
    return best[1] or [("last_name", cmp.MISSING, 0.0, ""), ("first_name", cmp.MISSING, 0.0, "")]


_SHORT_SURNAME = 4  # a one-letter change in a surname this short often spells another family's (Lee/Lea)


def _other_first_name(lv: Level, keys: NameKeys, roster: Roster) -> Level:
    """A "typo" that spells another roster patient's first name is that name (John/Joan, Erin/Eric)."""
    if lv.level == "typo" and roster.first_counts.get(keys.first, 0) > 0:
        return Level("partial", "spelled like another first name in the roster")
    return lv


def _other_surname(lv: Level, keys: NameKeys, roster: Roster) -> Level:
    """Likewise for a short surname that is itself a roster surname (Lee for Lea, Day for Dey)."""
    if lv.level == "typo" and len(keys.last) <= _SHORT_SURNAME and roster.last_counts.get(keys.last, 0) > 0:
        return Level("partial", "spelled like another surname in the roster")
    return lv


def _weight(opts: MatchOptions, fieldname: str, lv: Level, count: int, total: int) -> float:
    """log2(m/u) of a field at a level; exact agreement on a value weighs by how rare the value is.

    The rarity counts the roster's *other* patients with the value: u is the chance that someone else
    has it, and counting the candidate itself made every unique birth date and surname look common
    (an exact name and birth date then fell short of the auto-file threshold).
    """
    if lv.level == "missing":
        return 0.0
    key = f"{fieldname}.{lv.level}"
    if lv.level != "agree" or not total:
        return opts.weight(key)
    others, population = max(count - 1, 0), max(total - 1, 1)
    if fieldname == "dob":  # birth dates spread evenly: the table's u is the floor, clusters weigh less
        m, u0 = opts.m_u(key)
        return log_weight(m, max(u0, others / population))
    return opts.agree_weight(key, others, population)


_ORDER = {"agree": 0, "typo": 1, "nickname": 1, "swap": 2, "partial": 2, "phonetic": 3, "initial": 3,
          "disagree": 4, "missing": 5}


def _best(levels: list[Level]) -> Level:
    return min(levels, key=lambda lv: _ORDER[lv.level]) if levels else cmp.MISSING


def score(q: Query, e: Entry, roster: Roster, opts: MatchOptions, memo: _Memo | None = None) -> Scored:
    """Compare every field of the query with one roster entry and sum the log2(m/u) weights."""
    memo = _Memo() if memo is None else memo
    fields = _name_fields(q, e, roster, opts, memo)
    total = len(roster)
    dobs = [cmp.compare_dob(d, e.dob) for d in q.dobs]
    others = (
        ("dob", _dob_level(q, e, dobs), roster.dob_counts.get(e.dob, 0) if e.dob else 0),
        ("mrn", _mrn_level(q, e, roster), 1),
        ("phone", _best([cmp.compare_phone(p, e.phone) for p in q.phones]), roster.phone_counts.get(e.phone, 0)),
        ("postal_code", _best([cmp.compare_zip(z, e.zip) for z in q.zips]), roster.zip_counts.get(e.zip, 0)),
    )
    for fname, lv, count in others:
        fields.append((fname, lv, _weight(opts, fname, lv, count, total), ""))
    fields.extend(_place_fields(q, e, opts, fields[-1][1]))
    other_dob = len(dobs) > 1 and any(lv.level == "disagree" for lv in dobs)
    return Scored(e.mrn, sum(f[2] for f in fields), fields, other_dob, _names_someone_else(q, e, roster, memo))


def _names_someone_else(q: Query, e: Entry, roster: Roster, memo: _Memo) -> bool:
    """Whether the document names as its patient, at least as plainly as any full name that fits this
    patient, someone else: a first name that fits none of this patient's names either way round, and is
    someone's first name in the roster or comes with this patient's surname (a child's form naming the
    parent, found printed beside the child's "Patient:" line). A name OCR garbled (`'DER TR, -GROEL`) is
    nobody; a weaker label's other name (a subscriber's beside the patient's own) raises no doubt."""
    if len(q.names) < 2:
        return False  # one name fits or not: no other person beside it (and most candidates stop here)
    fits: list[tuple[int, bool]] = []
    surnames = {last for _, last, _ in e.names}
    for qn, rank in zip(q.names, q.name_ranks or (NAME_PRIORITY["found"],) * len(q.names), strict=True):
        if len(qn.first) < 2 or not qn.last:
            continue  # no first name, or an initial: nobody in particular
        readings = (qn, NameKeys(qn.last, "", qn.first, (qn.first,)))
        if any(memo.first(keys, first).level != "disagree" for keys in readings for first, _, _ in e.names):
            fits.append((rank, True))
        elif qn.last in surnames or roster.first_counts.get(qn.first, 0) > 0:
            fits.append((rank, False))
    plainest = min((rank for rank, ok in fits if ok), default=None)
    return plainest is not None and any(rank <= plainest for rank, ok in fits if not ok)


def _place_fields(q: Query, e: Entry, opts: MatchOptions, zip_level: Level) -> list[tuple[str, Level, float, str]]:
    """Street address and city: weight only (a household shares them), the city none when the ZIP agrees."""
    street = address_key(e.record.address) if q.addresses and e.record.address else None
    found = [compare_address(a, street) for a in q.addresses] if street else []
    address = _best([Level(lv, detail) for lv, detail in found])
    city = cmp.MISSING
    if q.cities and e.record.city:
        city = _best([Level(*compare_city(c, city_key(e.record.city))) for c in q.cities])
    city_weight = 0.0 if zip_level.level == "agree" else _weight(opts, "city", city, 0, 0)
    note = "implied by the ZIP code" if zip_level.level == "agree" and city.level != "missing" else ""
    return [("address", address, _weight(opts, "address", address, 0, 0), ""), ("city", city, city_weight, note)]


def _dob_level(q: Query, e: Entry, dobs: list[Level]) -> Level:
    best = _best(dobs)
    if best.level != "agree" and e.dob is not None and e.dob in q.alt_dobs:
        return Level("agree", "two-digit year in the other century")
    return best


def _mrn_level(q: Query, e: Entry, roster: Roster) -> Level:
    best = _best([cmp.compare_mrn(k, e.mrn_key, roster.mrn_same_shape(k)) for k in q.mrns])
    if best.level != "agree" and e.mrn_key and e.mrn_key in q.other_ids:
        return Level("agree", "an account or member number equals the MRN")
    return best


def probabilities(scored: list[Scored], roster: Roster, opts: MatchOptions) -> None:
    """Set each candidate's posterior against every candidate and "someone not in the roster"."""
    population = max(len(roster), opts.prior_population)
    prior = math.log2(opts.prior_in_roster / population)
    logs = [s.weight + prior for s in scored]
    none_log = math.log2(1 - opts.prior_in_roster)
    top = max([*logs, none_log])
    denom = 2 ** (none_log - top) + sum(2 ** (x - top) for x in logs)
    for s, x in zip(scored, logs, strict=True):
        s.score = 2 ** (x - top) / denom


def score_all(q: Query, roster: Roster, opts: MatchOptions) -> list[Scored]:
    """Every blocked candidate scored, best first (ties broken by MRN for a stable order)."""
    memo = _Memo()
    scored = [score(q, e, roster, opts, memo) for e in roster.entries(candidates(q, roster))]
    probabilities(scored, roster, opts)
    scored.sort(key=lambda s: (-s.weight, s.mrn))
    return scored


def field_levels(q: Query, e: Entry, roster: Roster, opts: MatchOptions) -> dict[str, str]:
    """{field: level} for one entry (for m/u estimation)."""
    return {f: lv.level for f, lv, _, _ in score(q, e, roster, opts).fields}

