"""Who a document is about: Fellegi-Sunter scoring of blocked candidates and the auto/review/none decision.

The same `match_identifiers` serves documents and `docintake patients find`, so a clerk's search and
the pipeline always agree.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pipeline.match import compare as cmp
from pipeline.match.compare import Level, NameKeys
from pipeline.match.dates import parse_date
from pipeline.match.extract import Identifiers
from pipeline.match.names import NameFound, split_query_name
from pipeline.match.normalize import clean_phone, clean_zip, mrn_key
from pipeline.match.roster import Entry, Roster
from pipeline.match.weights import DEFAULT_MU, log_weight, mu_dict, value_u
from pipeline.records import Candidate, FieldEvidence, MatchDecision, MatchResult

__all__ = [
    "MatchOptions", "Roster", "candidate_to_json", "match_identifiers", "query_from_fields", "result_to_json",
]

_SWAP_PENALTY = 1.0  # bits: first and last name swapped is a clerical slip, a little less sure than in order


@dataclass(frozen=True)
class MatchOptions:
    """Thresholds, priors and m/u values for matching."""

    auto_threshold: float = 0.98  # match probability needed to file automatically
    review_threshold: float = 0.20  # below this nobody is plausible: decision "none"
    auto_margin: float = 4.0  # log2 weight by which the best must beat the second candidate
    mu: tuple[tuple[str, float, float], ...] = DEFAULT_MU  # (field.level, m, u); see pipeline.match.weights
    prior_in_roster: float = 0.9  # share of documents about someone who is in the roster
    prior_population: int = 10_000  # never assume fewer possible people than this (small rosters)
    max_candidates: int = 5  # candidates kept for the clerk
    _table: dict[str, tuple[float, float]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_table", mu_dict(self.mu))

    @classmethod
    def from_config(cls, cfg: Any, **overrides: Any) -> MatchOptions:
        """Options from a pipeline.config.Config (auto_threshold, review_threshold, auto_margin)."""
        return cls(auto_threshold=cfg.auto_threshold, review_threshold=cfg.review_threshold,
                   auto_margin=cfg.auto_margin, **overrides)

    def m_u(self, key: str) -> tuple[float, float]:
        """(m, u) for a field.level key."""
        return self._table[key]


@dataclass(frozen=True)
class _Query:
    names: tuple[NameKeys, ...]
    dobs: tuple[date, ...]
    mrns: tuple[str, ...]
    phones: tuple[str, ...]
    zips: tuple[str, ...]


@dataclass(frozen=True)
class _Scored:
    candidate: Candidate
    name_ok: bool
    levels: dict[str, Level]
    name_alt_dob_partial: bool = False


def _query(ids: Identifiers) -> _Query:
    names = tuple(NameKeys.of(n.first, n.middle, n.last) for n in ids.names)
    mrns = tuple(dict.fromkeys(k for m in ids.mrns if (k := mrn_key(m))))
    phones = tuple(dict.fromkeys(p for x in ids.phones if (p := clean_phone(x))))
    zips = tuple(dict.fromkeys(z for x in ids.postal_codes if (z := clean_zip(x))))
    return _Query(names, tuple(dict.fromkeys(ids.dobs)), mrns, phones, zips)


# --- candidate generation ----------------------------------------------------------------------------

def _dob_variants(d: date) -> set[date]:
    """Dates a misread or mistyped `d` could have come from: swap, century, one digit, two transposed."""
    out: set[date] = set()
    for y, m, dd in ((d.year, d.day, d.month), (d.year - 100, d.month, d.day), (d.year + 100, d.month, d.day)):
        out.add(_date_or_none(y, m, dd))
    text = d.strftime("%Y%m%d")
    for i in range(8):
        for c in "0123456789":
            if c != text[i]:
                out.add(_from_text(text[:i] + c + text[i + 1:]))
        if i < 7:
            out.add(_from_text(text[:i] + text[i + 1] + text[i] + text[i + 2:]))
    out.discard(None)  # type: ignore[arg-type]
    out.discard(d)
    return out


def _date_or_none(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _from_text(text: str) -> date | None:
    return _date_or_none(int(text[:4]), int(text[4:6]), int(text[6:]))


def _initials(names: Iterable[NameKeys]) -> set[str]:
    out: set[str] = set()
    for n in names:
        for name in (n.first, n.middle):
            if name:
                out.add(name[0])
                out.update(r[0] for r in cmp.related_first_names(name) if r)
    return out


def _candidates(q: _Query, roster: Roster) -> set[str]:
    """MRNs worth scoring: blocked on MRN, phone, DOB (and near misses that also share a name key), surname."""
    out: set[str] = set()
    for key in q.mrns:
        out |= roster.by_mrn(key)
    for phone in q.phones:
        out |= roster.by_phone(phone)
    near: set[str] = set()
    for d in q.dobs:
        out |= roster.by_dob(d)
        for v in _dob_variants(d):
            near |= roster.by_dob(v)
    surname: set[str] = set()
    swapped: set[str] = set()
    sounds: set[str] = set()
    for n in q.names:
        surname |= roster.by_last_name(n.last_parts)
        if n.middle:
            surname |= roster.by_last_name((n.middle, *n.last_parts))
        if n.first:
            swapped |= roster.by_last_name((n.first,))
            sounds |= roster.by_first_name(n.first)
    out |= near & (surname | sounds | swapped)
    initials = _initials(q.names)
    out.update(m for m in surname if m not in out and roster.first_initial_ok(m, initials))
    last_initials = {n.last[0] for n in q.names if n.last}
    out.update(m for m in swapped if m not in out and roster.first_initial_ok(m, last_initials))
    return out


# --- scoring -----------------------------------------------------------------------------------------

def _agree_u(key: str, count: int, total: int, opts: MatchOptions) -> tuple[float, float]:
    m, u0 = opts.m_u(key)
    return m, value_u(count, total, u0)


def _weight(fieldname: str, lv: Level, value_count: int | None, roster: Roster, opts: MatchOptions) -> float:
    if lv.level == "missing":
        return 0.0
    key = f"{fieldname}.{lv.level}"
    if lv.level == "agree" and value_count is not None:
        m, u = _agree_u(key, value_count, len(roster), opts)
    else:
        m, u = opts.m_u(key)
    return log_weight(m, u)


def _name_levels(q: _Query, e: Entry, roster: Roster, opts: MatchOptions) -> tuple[float, float, Level, Level, str]:
    """The best reading of the document's names against the record's names (own, aliases, swapped)."""
    best: tuple[float, float, Level, Level, str] = (-math.inf, 0.0, cmp.MISSING, cmp.MISSING, "")
    for qn in q.names:
        swapped = NameKeys(qn.last, "", qn.first, (qn.first,)) if qn.first and qn.last else None
        for i, (first, last, parts) in enumerate(e.names):
            for keys, penalty in ((qn, 0.0), (swapped, _SWAP_PENALTY)):
                if keys is None:
                    continue
                lf, ll = cmp.compare_first(keys, first), cmp.compare_last(keys, last, parts)
                wf = _weight("first_name", lf, roster.first_counts.get(first, 0), roster, opts) - penalty / 2
                wl = _weight("last_name", ll, roster.last_counts.get(last, 0), roster, opts) - penalty / 2
                if wf + wl > best[0] + best[1]:
                    notes = ("first and last swapped" if penalty else "", "confirmed alias" if i else "")
                    best = (wf, wl, lf, ll, ", ".join(n for n in notes if n))
    return best


def _best_level(levels: Iterable[Level]) -> Level:
    order = {"agree": 0, "nickname": 1, "partial": 2, "initial": 3, "disagree": 4, "missing": 5}
    return min(levels, key=lambda lv: order[lv.level], default=cmp.MISSING)


def _score(q: _Query, e: Entry, roster: Roster, opts: MatchOptions) -> tuple[float, list[FieldEvidence], dict]:
    evidence: list[FieldEvidence] = []
    levels: dict[str, Level] = {}
    total = 0.0
    if q.names:
        wf, wl, lf, ll, note = _name_levels(q, e, roster, opts)
        levels["last_name"], levels["first_name"] = ll, lf
        evidence.append(_evidence("last_name", ll, note, wl))
        evidence.append(_evidence("first_name", lf, note, wf))
        total += wf + wl
    else:
        levels["first_name"] = levels["last_name"] = cmp.MISSING
    fields = (
        ("dob", [cmp.compare_dob(d, e.dob) for d in q.dobs], roster.dob_counts.get(e.dob, 0) if e.dob else 0),
        ("mrn", [cmp.compare_mrn(k, e.mrn_key, roster.mrn_same_shape(k)) for k in q.mrns], 1),
        ("phone", [cmp.compare_phone(p, e.phone) for p in q.phones], roster.phone_counts.get(e.phone, 0)),
        ("postal_code", [cmp.compare_zip(z, e.zip) for z in q.zips], roster.zip_counts.get(e.zip, 0)),
    )
    for fname, found, count in fields:
        lv = _best_level(found)
        levels[fname] = lv
        if fname == "dob" and len(found) > 1 and any(x.level == "disagree" for x in found):
            levels["dob_other"] = Level("disagree", "the document shows another date of birth")
        w = _weight(fname, lv, count, roster, opts)
        total += w
        evidence.append(_evidence(fname, lv, "", w))
    return total, evidence, levels


def _evidence(fname: str, lv: Level, note: str, weight: float) -> FieldEvidence:
    outcome = {"nickname": "partial", "initial": "partial"}.get(lv.level, lv.level)
    detail = "; ".join(x for x in (lv.detail, note) if x)
    return FieldEvidence(fname, outcome, round(weight, 3), detail)


def _name_ok(levels: dict[str, Level]) -> bool:
    lf, ll = levels["first_name"], levels["last_name"]
    return (ll.level == "agree" or ll.strong) and (lf.level == "agree" or lf.strong)


def _probabilities(weights: list[float], roster: Roster, opts: MatchOptions) -> list[float]:
    """Posterior per candidate against every candidate and "someone not in the roster"."""
    population = max(len(roster), opts.prior_population)
    prior = math.log2(opts.prior_in_roster / population)
    logs = [w + prior for w in weights]
    top = max([*logs, math.log2(1 - opts.prior_in_roster)])
    denom = (1 - opts.prior_in_roster) * 2 ** -top + sum(2 ** (x - top) for x in logs)
    return [2 ** (x - top) / denom for x in logs]


def _score_all(q: _Query, roster: Roster, opts: MatchOptions) -> list[_Scored]:
    scored = []
    for e in roster.entries(_candidates(q, roster)):
        w, evidence, levels = _score(q, e, roster, opts)
        scored.append((w, e.mrn, evidence, levels))
    probs = _probabilities([s[0] for s in scored], roster, opts)
    out = [
        _Scored(Candidate(mrn, round(p, 6), round(w, 3), tuple(ev)), _name_ok(lv), lv)
        for (w, mrn, ev, lv), p in zip(scored, probs, strict=True)
    ]
    out.sort(key=lambda s: (-s.candidate.weight, s.candidate.mrn))
    return out


# --- decision ----------------------------------------------------------------------------------------

def _agreeing(s: _Scored) -> list[str]:
    """The independent identifiers that agree: name, date of birth, MRN."""
    out = ["name"] if s.name_ok else []
    if s.levels["dob"].level == "agree":
        out.append("date of birth")
    if s.levels["mrn"].level == "agree":
        out.append("MRN")
    return out


def _lookalike(best: _Scored, second: _Scored | None) -> bool:
    """A second patient with the same name whose DOB is a near miss of the document's: a typo could flip them."""
    if second is None or not second.name_ok or second.levels["dob"].level != "partial":
        return False
    return not any(best.levels[f].level == "agree" for f in ("mrn", "phone"))


def _reasons(best: _Scored, second: _Scored | None, opts: MatchOptions) -> list[str]:
    """Why the best candidate may not be filed automatically (empty list: it may)."""
    reasons = []
    c = best.candidate
    if c.score < opts.auto_threshold:
        reasons.append(f"match probability {c.score:.3f} is below the auto-file threshold {opts.auto_threshold}")
    if second is not None and c.weight - second.candidate.weight < opts.auto_margin:
        if [e.outcome for e in c.evidence] == [e.outcome for e in second.candidate.evidence]:
            reasons.append(f"candidates {c.mrn} and {second.candidate.mrn} cannot be told apart by the evidence")
        else:
            reasons.append(f"second candidate {second.candidate.mrn} is within "
                           f"{c.weight - second.candidate.weight:.1f} bits (margin {opts.auto_margin})")
    agreeing = _agreeing(best)
    if len(agreeing) < 2:
        only = f" (only {agreeing[0]})" if agreeing else ""
        reasons.append(f"fewer than two independent identifiers agree{only}")
    if best.levels["dob"].level == "disagree":
        reasons.append("date of birth conflicts with the roster")
    if "dob_other" in best.levels:
        reasons.append("the document shows more than one date of birth")
    if best.levels["mrn"].level == "disagree":
        reasons.append("MRN conflicts with the roster")
    if _lookalike(best, second):
        reasons.append(f"patient {second.candidate.mrn} has the same name and a nearly identical date of birth")
    return reasons


def match_identifiers(ids: Identifiers, roster: Roster, options: MatchOptions | None = None) -> MatchResult:
    """Decide who `ids` are about: auto (file), review (a clerk decides) or none (nobody plausible)."""
    opts = options or MatchOptions()
    q = _query(ids)
    if not (q.names or q.dobs or q.mrns or q.phones):
        return MatchResult(MatchDecision.none, None, 0.0, (), ("no patient identifiers found",))
    scored = _score_all(q, roster, opts)
    kept = tuple(s.candidate for s in scored[: opts.max_candidates])
    if not scored or scored[0].candidate.score < opts.review_threshold:
        best = f" (best {scored[0].candidate.score:.3f})" if scored else ""
        reason = f"no roster patient is plausible{best}: below the review threshold {opts.review_threshold}"
        return MatchResult(MatchDecision.none, None, kept[0].score if kept else 0.0, kept, (reason,))
    best, second = scored[0], (scored[1] if len(scored) > 1 else None)
    reasons = _reasons(best, second, opts)
    decision = MatchDecision.review if reasons else MatchDecision.auto
    mrn = best.candidate.mrn if decision is MatchDecision.auto else None
    return MatchResult(decision, mrn, best.candidate.score, kept, tuple(reasons))


# --- queries and JSON --------------------------------------------------------------------------------

def query_from_fields(
    name: str | None = None,
    dob: str | date | None = None,
    mrn: str | None = None,
    phone: str | None = None,
    first_name: str | None = None,
    last_name: str | None = None,
    postal_code: str | None = None,
) -> Identifiers:
    """Identifiers typed by a clerk (`patients find`) or read from a CSV row, for match_identifiers."""
    names: list[NameFound] = []
    if first_name or last_name:
        names.append(NameFound((first_name or "").strip(), "", (last_name or "").strip()))
    if name:
        parsed = split_query_name(name)
        if parsed is not None:
            names.append(parsed)
    when = dob if isinstance(dob, date) else parse_date(dob) if dob else None
    return Identifiers(
        names=tuple(names),
        dobs=(when,) if when else (),
        mrns=(mrn.strip(),) if mrn and mrn.strip() else (),
        phones=(p,) if (p := clean_phone(phone or "")) else (),
        postal_codes=(z,) if (z := clean_zip(postal_code or "")) else (),
    )


def candidate_to_json(candidate: Candidate, roster: Roster) -> dict[str, Any]:
    """A candidate as {"mrn", "score", "first_name", "last_name", "dob", "weight", "explanation"}."""
    record = roster.get(candidate.mrn)
    return {
        "mrn": candidate.mrn,
        "score": round(candidate.score, 4),
        "first_name": record.first_name if record else "",
        "last_name": record.last_name if record else "",
        "dob": record.dob.isoformat() if record and record.dob else None,
        "weight": round(candidate.weight, 2),
        "explanation": [
            {"field": e.field, "outcome": e.outcome, "weight": round(e.weight, 2), "detail": e.detail}
            for e in candidate.evidence
        ],
    }


def result_to_json(result: MatchResult, roster: Roster) -> dict[str, Any]:
    """A match result as {"decision", "mrn", "score", "reasons", "candidates"}."""
    return {
        "decision": result.decision.value,
        "mrn": result.mrn,
        "score": round(result.score, 4),
        "reasons": list(result.reasons),
        "candidates": [candidate_to_json(c, roster) for c in result.candidates],
    }
