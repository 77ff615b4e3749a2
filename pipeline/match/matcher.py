"""Who a document is about: Fellegi-Sunter scoring of blocked candidates and the auto/review/none decision.

The same `match_identifiers` serves documents and `docintake patients find`, so a clerk's search and
the pipeline always agree.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from pipeline.match.assist import FieldHit, ZoneReader
from pipeline.match.extract import Identifiers, dob_readings
from pipeline.match.names import NameFound, split_query_name
from pipeline.match.normalize import clean_phone, clean_zip
from pipeline.match.options import MatchOptions
from pipeline.match.roster import Entry, Roster
from pipeline.match.scoring import Query, Scored, field_levels, score_all
from pipeline.records import Candidate, MatchDecision, MatchResult

__all__ = [
    "MatchOptions", "Roster", "candidate_to_json", "compare_fields", "match_identifiers", "query_from_fields",
    "result_to_json",
]


# --- decision ----------------------------------------------------------------------------------------

def _agreeing(s: Scored) -> list[str]:
    """The independent identifiers that agree: name, date of birth, MRN."""
    out = ["name"] if s.name_ok else []
    if s.levels["dob"].level == "agree":
        out.append("date of birth")
    if s.levels["mrn"].level == "agree":
        out.append("MRN")
    return out


def _lookalike(best: Scored, second: Scored | None) -> bool:
    """A second patient with the same name whose DOB is a near miss of the document's: a typo could flip them."""
    if second is None or not second.name_ok or second.levels["dob"].level not in ("partial", "swap"):
        return False
    return not any(best.levels[f].level == "agree" for f in ("mrn", "phone"))


def _reasons(best: Scored, second: Scored | None, opts: MatchOptions) -> list[str]:
    """Why the best candidate may not be filed automatically (empty list: it may)."""
    reasons = []
    if best.score < opts.auto_threshold:
        reasons.append(f"match probability {best.score:.3f} is below the auto-file threshold {opts.auto_threshold}")
    if second is not None and best.weight - second.weight < opts.auto_margin:
        if [lv.level for lv in best.levels.values()] == [lv.level for lv in second.levels.values()]:
            reasons.append(f"candidates {best.mrn} and {second.mrn} cannot be told apart by the evidence")
        else:
            reasons.append(f"second candidate {second.mrn} is within {best.weight - second.weight:.1f} bits "
                           f"(margin {opts.auto_margin})")
    agreeing = _agreeing(best)
    if len(agreeing) < 2:
        only = f" (only {agreeing[0]})" if agreeing else ""
        reasons.append(f"fewer than two independent identifiers agree{only}")
    if best.levels["dob"].level == "disagree":
        reasons.append("date of birth conflicts with the roster")
    if best.other_dob:
        reasons.append("the document shows more than one date of birth")
    if best.other_name:
        reasons.append("the document also names someone this patient cannot be")
    if best.levels["mrn"].level == "disagree":
        reasons.append("MRN conflicts with the roster")
    if second is not None and _lookalike(best, second):
        reasons.append(f"patient {second.mrn} has the same name and a nearly identical date of birth")
    return reasons


def match_identifiers(ids: Identifiers, roster: Roster, options: MatchOptions | None = None,
                      reader: ZoneReader | None = None) -> MatchResult:
    """Decide who `ids` are about: auto (file), review (a clerk decides) or none (nobody plausible).

    With a `reader` over the document's patient zones, the top candidates' own name, date of birth and
    MRN are also looked for in the text (roster-assisted reading) and what is found clearly printed is
    added to the evidence, so a field the parser missed is not counted as missing. Values of several
    candidates found at once are all added: two birth dates then send the document to review.
    MatchResult.mrn is set only for auto; review and none keep the ranked candidates for a clerk.
    """
    opts = options or MatchOptions()
    result, scored = _decide(ids, roster, opts)
    if reader is None:
        return result
    if result.decision is MatchDecision.none:
        more, notes = _discovered(ids, roster, reader)
    else:
        more, notes = _assisted(ids, scored[:ASSIST_CANDIDATES], roster, reader)
    if not notes:
        return result
    return _noted(_decide(more, roster, opts)[0], notes)


def _decide(ids: Identifiers, roster: Roster, opts: MatchOptions) -> tuple[MatchResult, list[Scored]]:
    q = Query.of(ids)
    if q.empty:
        return MatchResult(MatchDecision.none, None, 0.0, (), ("no patient identifiers found",)), []
    scored = score_all(q, roster, opts)
    kept = tuple(s.candidate() for s in scored[: opts.max_candidates])
    if not scored or scored[0].score < opts.review_threshold:
        shown = f" (best {scored[0].score:.3f})" if scored else ""
        reason = f"no roster patient is plausible{shown}: below the review threshold {opts.review_threshold}"
        return MatchResult(MatchDecision.none, None, kept[0].score if kept else 0.0, kept, (reason,)), scored
    best, second = scored[0], (scored[1] if len(scored) > 1 else None)
    reasons = _reasons(best, second, opts)
    decision = MatchDecision.review if reasons else MatchDecision.auto
    mrn = best.mrn if decision is MatchDecision.auto else None
    return MatchResult(decision, mrn, kept[0].score, kept, tuple(reasons)), scored


# --- roster-assisted reading -------------------------------------------------------------------------

ASSIST_CANDIDATES = 3  # candidates whose own values are looked for in the text
ASSIST_MIN_MRN = 6  # shorter MRNs turn up by chance among a document's numbers
DISCOVERY_DATES = 40  # dates looked up in the roster when the parser found no one (a long lab table has many)


def _assisted(ids: Identifiers, scored: list[Scored], roster: Roster,
              reader: ZoneReader) -> tuple[Identifiers, dict[tuple[str, str], str]]:
    """`ids` with the candidates' own values that are printed in the patient zones; notes per (mrn, field)."""
    names, dobs, mrns = list(ids.names), list(ids.dobs), list(ids.mrns)
    notes: dict[tuple[str, str], str] = {}
    for s in scored:
        e = roster.entry(s.mrn)
        r = e.record
        hits = reader.find(r.first_name, r.last_name, r.dob, r.mrn if len(e.mrn_key) >= ASSIST_MIN_MRN else "")
        exact_name = s.levels["first_name"].level == "agree" and s.levels["last_name"].level == "agree"
        if hits.name.found and not exact_name:
            names.append(_found_name(hits.name, r.first_name, r.last_name))
            notes[(s.mrn, "name")] = _where(hits.name)
        if hits.dob.found and r.dob is not None and r.dob not in dobs:
            dobs.append(r.dob)
            notes[(s.mrn, "dob")] = _where(hits.dob)
        if hits.mrn.found and s.levels["mrn"].level != "agree":
            mrns.append(r.mrn)
            notes[(s.mrn, "mrn")] = _where(hits.mrn)
    more = replace(ids, names=tuple(names), dobs=tuple(dobs), mrns=tuple(mrns))
    return more, notes


def _discovered(ids: Identifiers, roster: Roster,
                reader: ZoneReader) -> tuple[Identifiers, dict[tuple[str, str], str]]:
    """When the parser found no one: roster patients born on a date printed in the patient zones whose
    name is printed there too (every such patient is added: two of them send the document to review)."""
    names, dobs = list(ids.names), list(ids.dobs)
    notes: dict[tuple[str, str], str] = {}
    for when in reader.dates()[:DISCOVERY_DATES]:
        for e in roster.entries(roster.by_dob(when)):
            r = e.record
            hits = reader.find(r.first_name, r.last_name, when, "")
            if hits.name.found and hits.dob.found:
                names.append(_found_name(hits.name, r.first_name, r.last_name))
                dobs.append(when)
                notes[(r.mrn, "name")], notes[(r.mrn, "dob")] = _where(hits.name), _where(hits.dob)
    return replace(ids, names=tuple(names), dobs=tuple(dict.fromkeys(dobs))), notes


def _found_name(hit: FieldHit, first: str, last: str) -> NameFound:
    """The name found printed: the roster's own, or with the nickname printed in its place (which then
    compares at the nickname level, not as an exact agreement)."""
    return NameFound(hit.printed.title() if hit.printed else first, "", last, label="found")


def _where(hit: FieldHit) -> str:
    return f"found printed on page {hit.page}, line {hit.line + 1}, by looking for this patient's own value"


def _noted(result: MatchResult, notes: dict[tuple[str, str], str]) -> MatchResult:
    """The result with each assisted field's evidence saying where the value was found."""
    fields = {"name": ("first_name", "last_name"), "dob": ("dob",), "mrn": ("mrn",)}

    def note(c: Candidate) -> Candidate:
        wanted = {f: text for (mrn, key), text in notes.items() if mrn == c.mrn for f in fields[key]}
        evidence = tuple(replace(e, detail="; ".join(x for x in (e.detail, wanted[e.field]) if x))
                         if e.field in wanted and e.outcome != "missing" else e for e in c.evidence)
        return replace(c, evidence=evidence)

    return replace(result, candidates=tuple(note(c) for c in result.candidates))


# --- queries and JSON --------------------------------------------------------------------------------

def query_from_fields(
    name: str | None = None,
    dob: str | date | None = None,
    mrn: str | None = None,
    phone: str | None = None,
    first_name: str | None = None,
    last_name: str | None = None,
    postal_code: str | None = None,
    address: str | None = None,
    city: str | None = None,
) -> Identifiers:
    """Identifiers typed by a clerk (`patients find`) or read from a CSV row, for match_identifiers."""
    names: list[NameFound] = []
    if first_name or last_name:
        names.append(NameFound((first_name or "").strip(), "", (last_name or "").strip()))
    if name:
        parsed = split_query_name(name)
        if parsed is not None:
            names.append(parsed)
    when, other = (dob, None) if isinstance(dob, date) else dob_readings(dob) if dob else (None, None)
    return Identifiers(
        names=tuple(names),
        dobs=(when,) if when else (),
        alt_dobs=(other,) if other else (),
        mrns=(mrn.strip(),) if mrn and mrn.strip() else (),
        phones=(p,) if (p := clean_phone(phone or "")) else (),
        postal_codes=(z,) if (z := clean_zip(postal_code or "")) else (),
        addresses=(address.strip(),) if address and address.strip() else (),
        cities=(city.strip(),) if city and city.strip() else (),
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
            {"field": e.field, "outcome": e.outcome, "level": e.level or e.outcome, "weight": round(e.weight, 2),
             "detail": e.detail}
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


def compare_fields(ids: Identifiers, record: Any, roster: Roster, options: MatchOptions | None = None) -> dict[str, str]:
    """Comparison level per field ({field: agree|nickname|partial|initial|disagree|missing}) for one record.

    Used to estimate m and u values (bench/match.py --estimate); `record` need not be in the roster.
    """
    return field_levels(Query.of(ids), Entry.of(record), roster, options or MatchOptions())
