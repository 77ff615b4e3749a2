"""Reading one fax page by page and planning its split: each page's patient, the parts, each part's own
match, type and routing.

The store side calls `plan_split` with its matcher and classifier (callables, so this module needs
neither the roster nor the store). A part is filed on its own only when its own pages pass the same
routing policy a whole document must pass.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from pipeline.index.parts import PartSpec
from pipeline.match.extract import find_identifiers
from pipeline.records import MatchDecision, MatchResult, PageText, Routing, Status, TypeResult
from pipeline.route import route
from pipeline.split import (
    ANOTHER_LETTERHEAD,
    NAMELESS_JOINED,
    STARTED_BY_LATER,
    PageEvidence,
    Part,
    Person,
    SplitDecision,
    decide,
    page_signals,
    segment,
)

MatchPages = Callable[[Sequence[PageText]], MatchResult]
ClassifyPages = Callable[[Sequence[PageText]], TypeResult]
COVER_KEPT = "fax cover sheet naming no patient: kept with the fax"


@dataclass(frozen=True)
class PartReading:
    """One proposed part: its pages, its own match, type and routing."""

    part: Part
    match: MatchResult | None  # None for a cover sheet naming no patient
    doc_type: TypeResult | None
    routing: Routing
    reasons: tuple[str, ...]
    identifiers: Any = None  # found on the part's own pages
    passes: bool = False  # its own pages pass the auto-file rule for the patient its pages name

    def as_json(self) -> dict[str, Any]:
        """The contract's `proposed_parts` entry."""
        return {"pages": self.part.label, "mrn": self.match.mrn if self.match else None,
                "candidate_mrn": self.match.candidates[0].mrn if self.match and self.match.candidates else None,
                "doc_type": self.doc_type.doc_type.value if self.doc_type else "other",
                "cover": self.part.cover, "reasons": list(self.reasons)}


@dataclass(frozen=True)
class SplitPlan:
    """What to do with a fax that reads as several documents."""

    decision: SplitDecision
    readings: tuple[PartReading, ...]

    @property
    def files(self) -> bool:
        """True when the fax is split now: every part filed on its own (or, `partial`, those that pass)."""
        return self.decision.action in ("file", "partial")

    @property
    def filed_parts(self) -> tuple[PartReading, ...]:
        """The parts that become documents (a cover sheet naming no patient stays with the fax)."""
        return tuple(r for r in self.readings if r.match is not None)

    def proposal(self) -> list[dict[str, Any]]:
        """The proposed parts as JSON (`review list --json`)."""
        return [r.as_json() for r in self.readings]


PAGE_CANDIDATE_FLOOR = 0.5  # a page's best candidate at least this likely says whom the page is about
LEGIBLE_CONFIDENCE = 85.0  # an OCR page's mean word confidence from which nothing on it is taken as lost


def page_evidence(page: PageText, match_pages: MatchPages) -> PageEvidence:
    """One page's signals and whom it is about when read alone: its automatic match, else a likely best
    candidate (enough to keep it out of another patient's part; filing still needs the part's own match)."""
    ids = find_identifiers([page])
    patient = None
    if not ids.empty:
        match = match_pages([page])
        if match.decision is MatchDecision.auto:
            patient = match.mrn
        elif match.candidates and match.candidates[0].score >= PAGE_CANDIDATE_FLOOR:
            patient = match.candidates[0].mrn
    legible = page.mean_confidence is None or page.mean_confidence >= LEGIBLE_CONFIDENCE
    words = frozenset(w.upper() for w in (ids.names[0].first, ids.names[0].last) if len(w) > 1) if ids.names \
        else frozenset()
    person = Person(words, frozenset((ids.dobs[0], *ids.alt_dobs[:1]))) if words and ids.dobs else None
    return PageEvidence(page_signals(page.number, page.text), patient, not ids.empty, legible=legible, person=person,
                        names=words)


def plan_split(pages: Sequence[PageText], match_pages: MatchPages, classify: ClassifyPages,
               type_threshold: float, partial: bool = False) -> SplitPlan | None:
    """The split of a fax of several documents; None for a one-page fax or one that reads as one document."""
    if len(pages) < 2:
        return None
    evidence = [page_evidence(p, match_pages) for p in pages]
    parts, bounds = segment(evidence)
    by_number = {p.number: p for p in pages}
    readings, auto = [], {}
    for part in parts:
        reading = _read_part(part, [by_number[n] for n in part.pages], match_pages, classify, type_threshold)
        # the part's own match must name the patient its pages named one by one
        auto[part.label] = reading.routing.status is Status.filed and reading.match is not None \
            and reading.match.mrn == part.patient
        readings.append(reading)
    decision = decide(parts, bounds, auto, partial)
    if decision.action == "single":
        if not any(NAMELESS_JOINED in b.reasons for b in bounds):
            return None
        # one document as read, but a page naming nobody joined it without continuity: it may be another
        # patient's whose identifiers could not be read, so the fax is not filed whole without a clerk
        decision = SplitDecision("doubt", decision.parts, decision.reasons)
    readings = [_with_reasons(r, why, auto[r.part.label]) for r, why in zip(readings, decision.reasons, strict=True)]
    return SplitPlan(decision, tuple(readings))


def _read_part(part: Part, pages: list[PageText], match_pages: MatchPages, classify: ClassifyPages,
               type_threshold: float) -> PartReading:
    if part.cover and not part.patient:
        return PartReading(part, None, None, Routing(Status.review, (COVER_KEPT,)), ())
    match = match_pages(pages)
    doc_type = classify(pages)
    return PartReading(part, match, doc_type, route(match, doc_type, type_threshold), (), find_identifiers(pages))


def _with_reasons(r: PartReading, why: tuple[str, ...], passes: bool) -> PartReading:
    extra = tuple(x for x in r.routing.reasons if x not in why) if r.match is not None else ()
    return PartReading(r.part, r.match, r.doc_type, r.routing, tuple(why) + extra, r.identifiers, passes)


def one_patient(plan: SplitPlan, mrn: str | None) -> bool:
    """True when every part read alone points at `mrn` (its match, else its best candidate): a fax filed
    whole under `mrn` then mixes nobody. A part pointing at nobody (no identifiers, nobody plausible) or
    at someone else is not known to be about `mrn`."""
    if mrn is None or any(r.part.patient not in (None, mrn) for r in plan.readings):
        return False
    return all(_points_at(r.match) == mrn for r in plan.readings if r.match is not None)


def _points_at(match: MatchResult) -> str | None:
    if match.mrn:
        return match.mrn
    return match.candidates[0].mrn if match.candidates else None


def part_specs(plan: SplitPlan) -> list[PartSpec]:
    """The parts to record as documents (a cover sheet naming no patient stays with the fax)."""
    return [PartSpec(r.part.pages, r.part.label, r.match, r.doc_type, () if r.passes else r.reasons,
                     plan.files and r.passes, r.identifiers) for r in plan.filed_parts]


def resolve(plan: SplitPlan | None, whole: Routing, mrn: str | None) -> str:
    """What becomes of a fax: 'whole' (routed as one document), 'split' (each part filed on its own),
    'review' (the whole fax to a clerk with the proposed parts) or 'doubt' (one document, but with a page
    naming nobody that joined it without continuity: to a clerk, whole, told so even when the fax would go
    to review anyway, since assigning it to its one candidate may file another patient's page).

    A fax that would be filed whole stays whole when every part points at the patient it is filed under
    (nobody is mixed), unless a page counter starting again sets its documents apart.
    """
    if plan is None:
        return "whole"
    if plan.decision.action == "doubt":
        return "doubt"
    if whole.status is Status.filed and one_patient(plan, mrn) and not _set_apart(plan):
        return "whole"  # one patient's pages: cut only where the evidence for a new document is strongest
    return "split" if plan.files else "review"


DOCUMENT_COUNTERS = ("page 1 of a document", "fax page counter starts again")


def _set_apart(plan: SplitPlan) -> bool:
    """True when every part after the first (besides a cover sheet) starts where a page counter starts
    again, with another sender's letterhead than the part before began with, or with a new title and either
    a letterhead at the top or a later page's own counter placing its document's first page there: only
    that tells one patient's two documents from one document whose later page merely looks like a new one."""
    content = [r for r in plan.readings if not r.part.cover]
    return all(any(x in DOCUMENT_COUNTERS for x in r.reasons)
               or ANOTHER_LETTERHEAD in r.reasons
               or (_looks_new(r.reasons) and ("a letterhead at the top" in r.reasons
                                              or any(x.endswith(STARTED_BY_LATER) for x in r.reasons)))
               for r in content[1:])


def _looks_new(reasons: tuple[str, ...]) -> bool:
    return any(x.startswith("new title") for x in reasons)
