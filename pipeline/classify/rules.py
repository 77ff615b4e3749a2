"""Document type by textual cues: weighted patterns per type, a lab-table detector, fax cover sheets skipped.

The cues are the "strong textual cues" that `pipeline.classify.model` combines with the learned model (and a
classifier of their own, `classify_by_cues`, when no model is wanted). They are written from domain knowledge:
the document and section titles of HL7 C-CDA (Discharge Summary, Consultation Note, Progress Note, Referral
Note, Transfer Summary, Diagnostic Imaging Report; Hospital Course, Reason for Referral, Interval History, ...)
and the names payers, pharmacies and records departments give their forms. Headings weigh most; words that
also turn up in other types weigh less.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from pipeline.records import DocType, PageText, TypeResult

_ANALYTES = (r"hemoglobin|hematocrit|glucose|creatinine|potassium|sodium|chloride|calcium|albumin|bilirubin|"
             r"cholesterol|triglycerides?|platelets?|wbc|rbc|hba1c|a1c|tsh|ldl|hdl|psa|inr|ferritin|bun|egfr")
_MODALITIES = (r"ct|mri|mr|x-?rays?|ultrasound|sonogra\w*|mammogra\w*|radiograph\w*|dxa|dexa|pet|"
               r"fluoroscop\w*|echocardiogra\w*|doppler|duplex|angiogra\w*")

# (pattern, weight). Patterns are matched case-insensitively; each counts once per document.
CUES: dict[DocType, tuple[tuple[str, float], ...]] = {
    DocType.lab_result: (
        (r"\b(lab(oratory)?|pathology) (test )?(results?|report|summary)\b", 3.0),
        (r"\breference (range|interval)s?\b", 3.0), (r"\bnormal (range|interval|limits)\b", 2.0),
        (r"\bspecimen\b", 1.5), (r"\bcollect(ed|ion) (date|time)?\b|\bdrawn\b|\bdraw date\b", 1.0),
        (r"\b(mg/dl|mmol/l|g/dl|u/l|meq/l|ng/ml|x10\^?\d/ul)\b", 1.5), (rf"\b({_ANALYTES})\b", 1.0),
        (r"\b(abnormal|critical) (high|low|values?|results?)\b", 1.0), (r"\bclia\b", 1.5),
        (r"\b(culture|susceptibility|biopsy|cytology)\b", 1.0), (r"\bflag\b", 0.5),
    ),
    DocType.imaging_report: (
        (r"\b(radiology|imaging|sonography|ultrasound|mammography) (report|result|consultation)\b", 3.0),
        (r"\bradiologist('s)?\b", 1.5), (r"\bimpression\s*:", 1.5), (r"\bfindings\s*:?", 1.0),
        (rf"\b({_MODALITIES})\b", 1.5), (r"\btechnique\s*:", 1.5), (r"\bcontrast\b", 0.8),
        (r"\bbi-?rads\b", 2.0), (r"\bcomparison\s*:", 1.0), (r"\b(views?|images?) (were )?(obtained|acquired)\b", 1.0),
    ),
    DocType.referral: (
        (r"\breferral\b", 2.5), (r"\brefer(red|ring)? (to|by|provider|physician|clinician)\b", 1.5),
        (r"\breason for referral\b", 3.0), (r"\bplease (see|evaluate|assess|schedule)\b", 1.0),
        (r"\bspecialist\b", 0.8), (r"\brequest(ed)? (for )?(a )?(consult(ation)?|evaluation|appointment)\b", 1.5),
    ),
    DocType.consult_note: (
        (r"\bconsult(ation)? (note|report|letter)\b", 3.0), (r"\bconsultation\b", 1.5), (r"\bconsultant\b", 1.0),
        (r"\bthank you for (the|this|your) (referral|consult)", 2.0),
        (r"\bthank you for (asking|allowing|referring|the opportunity)\b", 2.0),
        (r"\b(seen|see) (today )?at the request of\b", 1.0), (r"\brecommendations?\s*:", 1.0),
        (r"\bnew patient (consult(ation)?|evaluation)\b", 2.0), (r"\bhistory of present illness\b", 0.5),
        (r"\bpre-?operative (evaluation|assessment|consult(ation)?)\b", 1.5),
    ),
    DocType.discharge_summary: (
        (r"\bdischarge summary\b", 4.0), (r"\b(hospital|inpatient) discharge\b", 3.0),
        (r"\bdischarge (letter|record|report|note)\b", 3.0), (r"\btransfer summary\b|\btransition of care\b", 2.5),
        (r"\b(admission|discharge) date\b|\bdate (of )?(admission|discharge|admitted|discharged)\b", 2.0),
        (r"\bhospital course\b", 2.5), (r"\blength of stay\b", 2.0),
        (r"\b(discharge|discharged) (diagnos[ie]s|medications|instructions|disposition|to)\b", 2.0),
        (r"\bhospitali[sz]ation\b|\bhospitalist\b", 1.5), (r"\badmitted\b", 0.8),
    ),
    DocType.prescription_request: (
        (r"\b(refill|renewal) (request|authori[sz]ation)\b", 3.5),
        (r"\bprescription (request|renewal|refill)\b", 3.5), (r"\bnew (prescription|rx)\b", 2.0),
        (r"\bpharmac(y|ist)\b", 1.5), (r"\brefills?\b", 1.5), (r"\bsig\s*:", 1.5), (r"\bqty|quantity\b", 0.8),
        (r"\bdays?'? supply\b", 1.5), (r"\blast fill(ed)?\b", 1.5),
    ),
    DocType.prior_authorization: (
        (r"\bprior auth(ori[sz]ation)?\b", 4.0), (r"\bpre-?(authori[sz]ation|certification)\b", 3.0),
        (r"\bcoverage determination\b", 3.0), (r"\butili[sz]ation (management|review)\b", 2.0),
        (r"\bstep therapy\b|\bformulary (exception|alternatives?)\b", 2.0),
        (r"\bmedical(ly)? necess(ity|ary)\b", 2.0), (r"\b(approved|denied|pending) (request|determination)?\b", 0.8),
        (r"\bauthori[sz]ation (number|request|#)\b", 2.0), (r"\b(not )?certified\b", 0.8),
        (r"\bpeer[- ]to[- ]peer\b", 1.5),
    ),
    DocType.insurance: (
        (r"\bexplanation of benefits\b", 3.5), (r"\b(eligibility|coverage|benefits)\b", 1.2),
        (r"\b(claim|member|policy|group|subscriber) (number|id|#|status)\b", 1.5), (r"\binsurance\b", 1.5),
        (r"\bdeductible\b", 2.0), (r"\bcopay(ment)?\b|\bcoinsurance\b|\bcost[- ]shar(e|ing)\b", 1.5),
        (r"\bremittance\b", 2.5), (r"\bcoordination of benefits\b", 3.0), (r"\bnot a bill\b", 2.5),
        (r"\benrol(l)?(ment|ed)\b", 1.0), (r"\bout[- ]of[- ]pocket\b|\bpremium\b", 1.0),
    ),
    DocType.records_request: (
        (r"\b(medical |health )?records request\b", 3.5),
        (r"\brequest (for )?(copies of )?(medical |health )?(records|chart)\b", 3.5),
        (r"\bauthori[sz]ation (to|for) (the )?(release|disclose|disclosure)\b", 3.0),
        (r"\brelease of (protected )?(health )?information\b", 3.0), (r"\bcustodian of records\b", 2.5),
        (r"\bhipaa\b", 1.0), (r"\bsubpoena\b", 2.0), (r"\bmedical evidence\b", 2.0),
        (r"\bcopy(ing)? fees?\b", 1.5), (r"\bcop(y|ies) of (the )?(medical )?(records|chart)\b", 2.0),
        (r"\bprotected health information\b", 1.5), (r"\b(claimant|disability determination)\b", 1.5),
        (r"\bpatient access\b", 1.5),
    ),
    DocType.progress_note: (
        (r"\bprogress note\b", 4.0), (r"\bsubjective\s*:", 2.0), (r"\bobjective\s*:", 1.5),
        (r"\bassessment( and plan)?\s*:", 1.5), (r"\bplan\s*:", 0.8), (r"\bfollow[- ]up visit\b", 1.0),
        (r"\b(office|clinic|return|routine|established patient) visit\b", 2.0),
        (r"\b(visit|encounter) (note|summary)\b", 2.0), (r"\btele(health|medicine)\b|\bvideo visit\b", 2.0),
        (r"\binterval history\b", 2.0), (r"\breason for visit\b", 1.5), (r"\bchief complaint\b", 1.0),
        (r"\bvital signs\b", 0.8),
        # visits at home: hospice and home-health nursing notes
        (r"\b(skilled )?nursing (visit )?(note|visit)\b|\bhome (health )?visit\b", 2.0),
        (r"\bhospice\b|\bhome health\b", 1.0),
    ),
    DocType.other: (
        (r"\b(special offer|limited time|discount|pricing|order (now|today))\b", 1.5),
        (r"\b(removed?|unsubscribe) from (our|this) (fax|mailing) list\b", 2.5),
        (r"\b(newsletter|seminar|symposium|webinar|conference|continuing (medical )?education)\b", 1.5),
        (r"\b(office|holiday) (hours|closure|schedule)\b|\brelocat(e|ion|ing)\b", 1.5),
        (r"\btest (page|fax|transmission)\b", 2.0), (r"\bno clinical information\b", 1.5),
        # notes for an employer, a school or a court, and leave forms: filed, but none of the clinical types
        (r"\bjury (duty|service|summons)\b|\bjuror\b", 3.0),
        (r"\b(return|released?) to (work|school|class|full duty|regular duty)\b", 2.0),
        (r"\bwork (status|restrictions?|excuse|note)\b|\b(light|modified|restricted) duty\b", 2.0),
        (r"\b(excused?|absent|absence) from (work|school|class|gym)\b|\bschool (note|excuse)\b", 2.0),
        (r"\bfmla\b|\bfamily and medical leave\b", 3.0),
    ),
}


def _compile(pattern: str) -> re.Pattern[str]:
    # Run on lower-cased text, without the leading \b: either stops the regex engine's fast scan for a
    # literal start (measured 6x slower over all cues); `_search` checks the boundary instead.
    return re.compile(pattern.removeprefix(r"\b"))


def _search(rx: re.Pattern[str], text: str) -> re.Match[str] | None:
    """The first match of a cue that starts at a word boundary."""
    for m in rx.finditer(text):
        i = m.start()
        if i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_"):
            return m
    return None


_COMPILED = {t: tuple((_compile(p), w) for p, w in cues) for t, cues in CUES.items()}

# A results table: a value, then a low-high range on the same line ("4.2  3.5-5.1", "[normal 3.5 to 5.1]").
_NUM = r"(?<![\w/.:-])\d{1,3}(?:\.\d+)?"  # a number standing alone: not part of a date, phone or code
_LAB_ROW = re.compile(rf"{_NUM}\*?\s.{{0,40}}?{_NUM}\s*(?:-|–|to)\s*\d{{1,3}}(?:\.\d+)?(?![\w/.:-])")
LAB_TABLE_ROWS = 3  # rows needed before a table of values with ranges counts as a cue
LAB_TABLE_WEIGHT = 3.0
LAB_TABLE_CUE = "table of values with reference ranges"

_COVER = re.compile(
    r"\b(fax|facsimile)\b.{0,40}\b(cover|transmittal)\b|\bcover (sheet|page)\b|\bnumber of pages\b"
    r"|\bpages? \(including cover\)|\btransmittal\b", re.I)
_COVER_WORDS = 400  # a cover sheet is short; a long page that mentions "cover" is content
_SPACED = re.compile(r"\b(?:[A-Za-z] ){3,}[A-Za-z]\b")  # "F A C S I M I L E" -> "FACSIMILE"
OTHER_FLOOR = 2.0  # below this best cue score nothing is convincing: `classify_by_cues` says 'other'


def unspace(text: str) -> str:
    """Close up letter-spaced words (a heading style on cover sheets): 'F A X' -> 'FAX'."""
    return _SPACED.sub(lambda m: m.group(0).replace(" ", ""), text)


# A cover sheet that never says so: its form's fields, a page count beside whom it is to and from
# ("To: ...  From: ...  Pages: 3"; a content page says "Page 2 of 3").
_PAGE_COUNT_FIELD = re.compile(r"(?i)\b(?:(?:total|number\s+of|no\.?\s+of|\#\s*of)\s+)?pages(?:\s+sent)?\s*[:#]\s*\d{1,3}\b")
_TO_FIELD = re.compile(r"(?i)(?<![a-z])to\s*:")
_FROM_FIELD = re.compile(r"(?i)(?<![a-z])from\s*:")


def has_cover_fields(text: str) -> bool:
    """Whether a page carries a fax cover sheet's form fields: a page count, a recipient and a sender."""
    return bool(_PAGE_COUNT_FIELD.search(text) and _TO_FIELD.search(text) and _FROM_FIELD.search(text))


def is_cover_page(text: str) -> bool:
    """A fax cover sheet: says so or has a cover's fields, and carries little else."""
    return (bool(_COVER.search(unspace(text))) or has_cover_fields(text)) and len(text.split()) < _COVER_WORDS


def content_pages(pages: Sequence[PageText]) -> tuple[list[PageText], int]:
    """The pages after any leading cover sheets, and how many were skipped (never all of them)."""
    skip = 0
    while skip < len(pages) - 1 and is_cover_page(pages[skip].text):
        skip += 1
    return list(pages[skip:]), skip


def lab_table_rows(text: str) -> int:
    """How many lines look like a result with a reference range."""
    return sum(1 for line in text.splitlines() if _LAB_ROW.search(line))


def cue_scores(text: str) -> dict[DocType, float]:
    """Summed cue weights per type (each pattern counted once, so repetition does not dominate)."""
    text = text.lower()
    scores = {t: sum(w for rx, w in cues if _search(rx, text)) for t, cues in _COMPILED.items()}
    if lab_table_rows(text) >= LAB_TABLE_ROWS:
        scores[DocType.lab_result] += LAB_TABLE_WEIGHT
    return scores


def matched_cues(text: str, doc_type: DocType, limit: int = 6) -> tuple[str, ...]:
    """The words that matched `doc_type`'s cues, strongest first (what a clerk sees as the reason)."""
    text = text.lower()
    hits = sorted(((w, m.group(0).strip().lower()) for rx, w in _COMPILED[doc_type] if (m := _search(rx, text))),
                  key=lambda hit: -hit[0])
    found = [f"cue: {h}" for _, h in hits]
    if doc_type is DocType.lab_result and lab_table_rows(text) >= LAB_TABLE_ROWS:
        found.insert(0, f"cue: {LAB_TABLE_CUE}")
    return tuple(found[:limit])


def body_text(pages: Sequence[PageText]) -> tuple[str, int]:
    """The text after any leading cover sheets (letter-spacing closed up), and how many pages were skipped."""
    body, skipped = content_pages(pages)
    return unspace("\n".join(p.text for p in body)), skipped


def classify_by_cues(pages: Sequence[PageText]) -> TypeResult:
    """The type whose cues score highest, with a softmax confidence; 'other' when nothing is convincing."""
    text, skipped = body_text(pages)
    scores = cue_scores(text)
    best = max(scores, key=lambda t: scores[t])
    if scores[best] < OTHER_FLOOR:
        return TypeResult(DocType.other, 0.5, ("no strong cue",), skipped)
    exps = {t: math.exp(s) for t, s in scores.items()}
    confidence = exps[best] / (sum(exps.values()) + math.exp(OTHER_FLOOR))
    return TypeResult(best, round(confidence, 4), matched_cues(text, best), skipped)
