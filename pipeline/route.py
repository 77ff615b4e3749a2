"""Routing: the one policy that decides filed or review, recording every reason."""

from __future__ import annotations

from pipeline.records import MatchDecision, MatchResult, Routing, Status, TypeResult

PATIENT_UNCERTAIN = "patient uncertain"
NO_PATIENT = "no patient found"
SEVERAL_PATIENTS = "several patients"
TYPE_UNCERTAIN = "type uncertain"
SEVERAL_DOCUMENTS = "several documents"  # a fax of several documents sent to review whole, with its proposed parts
# a fax read as one document, but a page of it naming nobody joined the others without continuity
UNSURE_PAGES = "pages of unsure belonging"


def route(match: MatchResult, doc_type: TypeResult, type_threshold: float) -> Routing:
    """Filed only when the matcher says auto and the type is confident; otherwise review, with reasons."""
    reasons: list[str] = []
    if match.decision is MatchDecision.none:
        reasons.append(NO_PATIENT)
    elif match.decision is MatchDecision.review:
        several = any("indistinguishable" in r or "close second" in r for r in match.reasons)
        reasons.append(SEVERAL_PATIENTS if several else PATIENT_UNCERTAIN)
    if doc_type.confidence < type_threshold:
        reasons.append(TYPE_UNCERTAIN)
    reasons.extend(f"match: {r}" for r in match.reasons if match.decision is not MatchDecision.auto)
    return Routing(Status.review if reasons else Status.filed, tuple(reasons))
