"""Document type by textual cues: weighted patterns per type, fax cover sheets skipped.

These cues are the first classifier and, later, the "strong textual cues" combined with a learned model.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from pipeline.records import DocType, PageText, TypeResult

# (pattern, weight): headings weigh most; section words that also occur elsewhere weigh less.
CUES: dict[DocType, tuple[tuple[str, float], ...]] = {
    DocType.lab_result: (
        (r"\blab(oratory)? (results?|report)\b", 3.0), (r"\breference (range|interval)\b", 3.0),
        (r"\bspecimen\b", 1.5), (r"\bcollect(ed|ion) (date|time)?\b", 1.0), (r"\b(mg/dl|mmol/l|g/dl|u/l)\b", 1.5),
        (r"\b(hemoglobin|glucose|creatinine|potassium|sodium|wbc|hba1c|tsh)\b", 1.0), (r"\bflag\b", 0.5),
    ),
    DocType.imaging_report: (
        (r"\b(radiology|imaging) report\b", 3.0), (r"\bimpression\s*:", 2.0), (r"\bfindings\s*:", 1.0),
        (r"\b(ct|mri|x-?ray|ultrasound|mammogra\w*|radiograph\w*)\b", 1.5), (r"\bradiologist\b", 1.5),
        (r"\btechnique\s*:", 1.5), (r"\bcontrast\b", 0.8),
    ),
    DocType.referral: (
        (r"\breferral\b", 2.5), (r"\breferr(ed|ing) (to|by|provider|physician)\b", 1.5),
        (r"\breason for referral\b", 3.0), (r"\bplease (see|evaluate)\b", 1.0), (r"\bspecialist\b", 0.8),
    ),
    DocType.consult_note: (
        (r"\bconsult(ation)? (note|report|letter)\b", 3.0), (r"\bthank you for (the|this|your) (referral|consult)", 2.0),
        (r"\bconsultation\b", 1.5), (r"\brecommendations?\s*:", 1.0), (r"\bhistory of present illness\b", 0.5),
    ),
    DocType.discharge_summary: (
        (r"\bdischarge summary\b", 4.0), (r"\b(admission|discharge) date\b", 2.0), (r"\bhospital course\b", 2.5),
        (r"\bdischarge (diagnos[ie]s|medications|instructions|disposition)\b", 2.0), (r"\badmitted\b", 0.8),
    ),
    DocType.prescription_request: (
        (r"\b(refill|renewal) request\b", 3.5), (r"\bprescription (request|renewal|refill)\b", 3.5),
        (r"\bpharmacy\b", 1.5), (r"\brefills?\b", 1.5), (r"\bsig\s*:", 1.5), (r"\bqty|quantity\b", 0.8),
    ),
    DocType.prior_authorization: (
        (r"\bprior auth(orization)?\b", 4.0), (r"\bpre-?(authorization|certification)\b", 3.0),
        (r"\bmedical necessity\b", 2.0), (r"\b(approved|denied|pending) (request|determination)?\b", 0.8),
        (r"\bauthorization (number|request)\b", 2.0),
    ),
    DocType.insurance: (
        (r"\bexplanation of benefits\b", 3.5), (r"\b(eligibility|coverage|benefits)\b", 1.2),
        (r"\b(claim|member|policy|group) (number|id|#)\b", 1.5), (r"\binsurance\b", 1.5), (r"\bdeductible\b", 2.0),
        (r"\bcopay\b", 1.5),
    ),
    DocType.records_request: (
        (r"\b(medical )?records request\b", 3.5), (r"\brequest for (medical )?records\b", 3.5),
        (r"\bauthorization (to|for) (release|disclose)\b", 3.0), (r"\brelease of information\b", 3.0),
        (r"\bhipaa\b", 1.0), (r"\bsubpoena\b", 2.0),
    ),
    DocType.progress_note: (
        (r"\bprogress note\b", 4.0), (r"\bsubjective\s*:", 2.0), (r"\bobjective\s*:", 1.5),
        (r"\bassessment( and plan)?\s*:", 1.5), (r"\bplan\s*:", 0.8), (r"\bfollow[- ]up visit\b", 1.0),
        (r"\bvital signs\b", 0.8),
    ),
}
_COMPILED = {t: tuple((re.compile(p, re.I), w) for p, w in cues) for t, cues in CUES.items()}
_COVER = re.compile(r"\bfax\b.{0,40}\bcover\b|\bcover (sheet|page)\b|\bnumber of pages\b|\bpages? \(including cover\)", re.I)
_COVER_WORDS = 400  # a cover sheet is short; a long page that mentions "cover" is content


def is_cover_page(text: str) -> bool:
    """A fax cover sheet: says so, and carries little else."""
    return bool(_COVER.search(text)) and len(text.split()) < _COVER_WORDS


def content_pages(pages: Sequence[PageText]) -> tuple[list[PageText], int]:
    """The pages after any leading cover sheets, and how many were skipped (never all of them)."""
    skip = 0
    while skip < len(pages) - 1 and is_cover_page(pages[skip].text):
        skip += 1
    return list(pages[skip:]), skip


def cue_scores(text: str) -> dict[DocType, float]:
    """Summed cue weights per type (each pattern counted once, so repetition does not dominate)."""
    return {t: sum(w for rx, w in cues if rx.search(text)) for t, cues in _COMPILED.items()}


def classify_by_cues(pages: Sequence[PageText]) -> TypeResult:
    """The type whose cues score highest, with a softmax confidence; 'other' when nothing is convincing."""
    body, skipped = content_pages(pages)
    scores = cue_scores("\n".join(p.text for p in body))
    best = max(scores, key=lambda t: scores[t])
    if scores[best] < 2.0:
        return TypeResult(DocType.other, 0.5, ("no strong cue",), skipped)
    exps = {t: math.exp(s) for t, s in scores.items()}
    confidence = exps[best] / (sum(exps.values()) + math.exp(2.0))
    cues = tuple(rx.pattern for rx, _ in _COMPILED[best] if rx.search("\n".join(p.text for p in body)))
    return TypeResult(best, round(confidence, 4), cues, skipped)
