"""Splitting one fax into its documents: per-page evidence, continuity signals, parts, the decision.

Pure functions over plain data (no store, no roster): the orchestrator supplies each page's matched
patient. Safety first: a page of another patient never joins a part, and any unclear boundary sends the
whole fax to review with the proposed split.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from rapidfuzz import fuzz
from rapidfuzz.distance import JaroWinkler, Levenshtein

from pipeline.classify.rules import has_cover_fields

_PAGE_OF = re.compile(r"\bpage\s+(\d{1,3})\s*(?:of|/)\s*(\d{1,3})\b", re.I)
_CONTINUED = re.compile(r"\bpage\s+(\d{1,3})\s*(?:\(?continued\)?|$)", re.I | re.M)  # or a running header's "... page 2"
# OCR reads the stamp's "P.001" as "P,001" or "P.0O1" too
_COUNTER = re.compile(r"\bP[.,]?\s?(?=[O0-9]{0,2}\d)([O0-9]{3})(?:/(?=[O0-9]{0,2}\d)([O0-9]{3}))?\b")
# A fax server's stamp ends with its own counter: "Page 2 of 4", "Pg 2/4" (only on a line that is a fax header).
_HEADER_PAGE = re.compile(r"\b(?:page|paye|pg)\.?\s*(\d{1,3})\s*(?:of|0f|ot|pt|af|/)\s*(\d{1,3})\s*$", re.I)
# what else a stamp line carries (as OCR reads it: '->' comes out as '=>' or '«>'): a sender, a time, a number
_FAX_LINE = re.compile(r"\bfrom\b|\breceived\b|[-=«]>|\bfax\b|\bGMT\b|\d{10}|\b\d{1,2}[:;]\d{2}\b", re.I)
_SENDER = re.compile(r"[FP]R[O0]M[:\-]\s?([A-Z][A-Z0-9 &.,'-]{2,39}?)(?:\s{2,}|\s+FAX|\s+\+1|\s*\(\d)|(\d{10})\s*[-=«]>", re.I)
_SIGNATURE = re.compile(r"electronically signed|^\s*sincerely,?\s*$|signature:|^\s*_{8,}\s*$", re.I | re.M)
_COVER = re.compile(r"\b(fax|facsimile)\b.{0,40}\b(cover|transmittal)\b|\bcover sheet\b|pages? \(including cover\)", re.I)
_TITLE = re.compile(r"^\s*([A-Z][A-Z &/-]{6,60})\s*$", re.M)
_RULE = re.compile(r"^\s*[+|]?[=\-_+*]{6,}[+|]?\s*$")  # a line of ==== or +----+ around a title
_CONTACT = re.compile(r"(?:\b(?:fax|fx|tel|phone|voice|office|main)\b|\b[PF]:)\s*[:#.]?\s*\(?\d{3}\)?[\s.\-]?\d{3}[\s.\-]\d{4}",
                      re.I)
_COVER_WORDS = ("faxcoversheet", "facsimiletransmittal", "faxtransmittal", "pages(includingcover)", "coversheet",
                "transmittalsheet", "transmittal")  # "transmittal" alone: OCR breaks "FACSIMILE"


@dataclass(frozen=True)
class PageSignals:
    """What one page says about where it belongs."""

    number: int
    page_of: tuple[int, int] | None  # "Page 2 of 3" (or "Page 2 (continued)": total 0)
    counter: tuple[int, int] | None  # the fax header's P.002/004 (total 0 when not printed)
    sender: str  # the fax header's sender id ('' when none)
    letterhead: str  # the first body line below the fax header
    cover: bool
    signed: bool  # a signature block ends the page
    title: str  # a title near the top: upper case, or between rule lines ('' when none)
    headed: bool = False  # a sender's letterhead (a line with its phone or fax) at the very top


def page_signals(number: int, text: str) -> PageSignals:
    """Read the continuity signals of one page's text."""
    lines = [_unspeckled(ln) for ln in text.splitlines() if _WORDLIKE.search(ln) or _RULE.match(ln)]
    head = lines[0] if lines else ""
    c = _fax_counter(head)
    body = lines[1:] if c else lines
    own = "\n".join(body)  # the document's own page counter, never the fax header's
    of = _PAGE_OF.search(own)
    cont = _CONTINUED.search(own)
    page_of = (int(of.group(1)), int(of.group(2))) if of else (int(cont.group(1)), 0) if cont else None
    counter = (_number(c.group(1)), _number(c.group(2) or "0")) if c else None
    s = _SENDER.search(head) if c else None
    tail = "\n".join(lines[-8:])
    titles = _titles(body[:12])
    sender = (s.group(1) or s.group(2) or "").strip().upper() if s else ""
    return PageSignals(number, page_of, counter, sender, body[0].strip() if body else "",
                       _is_cover(text), bool(_SIGNATURE.search(tail)), titles[0] if titles else "",
                       _headed(body) and not (page_of and page_of[0] > 1))


_WORDLIKE = re.compile(r"[A-Za-z0-9]{2}")  # a line without it (nor a rule) is specks read as marks ('>', '‘', '*')
_SPECKS = re.compile(r"^(?:[^A-Z0-9\s]\s+)+(?=\S)")  # one-mark tokens before a line's first word: 'f VALUMED', '© *'


def _unspeckled(line: str) -> str:
    return _SPECKS.sub("", line.strip())


def _headed(body: list[str]) -> bool:
    """A sender's letterhead at the top: a name line (capitalised, no label, not a sentence), then its phone
    or fax."""
    first = body[0].strip() if body else ""
    labelled = ":" in " ".join(first.split()[:3])  # "Tel: ...", "Prescriber signature: ..." (not "X Drug Office: ...")
    name_like = first[:1].isupper() and not labelled and not first.endswith((".", ",", ";")) and len(first) < 90
    return name_like and any(_CONTACT.search(ln) for ln in body[:5])


def _titles(top: list[str]) -> list[str]:
    """Upper-case lines, and lines framed by rule lines (==== above or below), in order; never a line with
    digits (a phone, a date) or a table row."""
    found = []
    for i, ln in enumerate(top):
        framed = (i > 0 and _RULE.match(top[i - 1])) or (i + 1 < len(top) and _RULE.match(top[i + 1]))
        text = ln.strip().strip("|").strip()
        if not text or _RULE.match(ln) or "|" in text or any(ch.isdigit() for ch in text) or _columns(text):
            continue
        if _TITLE.match(text) or (framed and len(text) < 70):
            found.append(text.upper())
    return found


def _columns(text: str) -> bool:
    """A table's header row ('TEST     RESULT     FLAG'): words in three or more columns set apart by wide gaps
    (a letter-spaced title has one wide gap between its two words)."""
    return len(_GAP.findall(text)) >= 2


_GAP = re.compile(r"\S {3,}(?=\S)")


def _is_cover(text: str) -> bool:
    """A fax cover sheet: its words, even letter-spaced ('F A C S I M I L E   T R A N S M I T T A L'), or
    its page count's "(including cover)" with the first word misread."""
    squashed = re.sub(r"\s+", "", text[:3000]).lower()
    form = "numberofpages" in squashed and ("recipient" in squashed or "attn" in squashed)  # a cover's form fields
    return len(text.split()) < 400 and (bool(_COVER.search(text)) or form or any(w in squashed for w in _COVER_WORDS)
                                        or _misread_including_cover(squashed) or has_cover_fields(text))


_COVER_WORD = re.compile(r"cover(?![a-z])")
INCLUDING_SLIPS = 2  # "(inelading cover)": two letters of "including" misread


def _misread_including_cover(squashed: str) -> bool:
    """"(including cover)" read with a letter or two of "including" wrong, "cover" whole and ending its word
    (never "including coverage")."""
    return any(Levenshtein.distance(squashed[max(0, m.start() - 9):m.start()], "including",
                                    score_cutoff=INCLUDING_SLIPS) <= INCLUDING_SLIPS
               for m in _COVER_WORD.finditer(squashed))


def _number(digits: str) -> int:
    return int(digits.replace("O", "0"))


def _fax_counter(head: str) -> re.Match[str] | None:
    """The page counter of a fax header line (P.002, P.002/004, Page 2 of 4, Pg 2/4), else None."""
    c = _COUNTER.search(head)
    if c:
        return c
    return _HEADER_PAGE.search(head) if _FAX_LINE.search(head) else None


@dataclass(frozen=True)
class Person:
    """The name and birth date a page reads for its patient (both read), whoever it is: roster or not."""

    names: frozenset[str]  # the name's words, upper case
    dobs: frozenset[date]  # its birth date, and its other-century reading

    def differs(self, other: Person) -> bool:
        """True when both the name and the birth date clearly differ: no word of one name close to one of the
        other, and the birth dates apart in two of day, month and year, not merely day and month swapped
        (what one OCR misreading or typo cannot do)."""
        close_name = any(JaroWinkler.similarity(a, b) >= SAME_NAME_WORD for a in self.names for b in other.names)
        return not close_name and all(_dates_apart(a, b) for a in self.dobs for b in other.dobs)


SAME_NAME_WORD = 0.85


def _dates_apart(a: date, b: date) -> bool:
    if (a.year, a.month, a.day) == (b.year, b.day, b.month):
        return False
    return (a.year != b.year) + (a.month != b.month) + (a.day != b.day) >= 2


@dataclass(frozen=True)
class PageEvidence:
    """One page: its signals and who it is about (`patient`: an MRN matched on this page alone)."""

    signals: PageSignals
    patient: str | None = None
    has_identifiers: bool = False
    doc_type: str = "other"
    legible: bool = True  # read well: a text layer, or OCR confident enough that nothing was lost on it
    names: frozenset[str] = frozenset()  # the words of the patient name it reads, upper case
    person: Person | None = None  # the name and birth date it reads, when it reads both


@dataclass(frozen=True)
class Boundary:
    """Between page `after` and the next: is a new document starting, how clear, and why."""

    after: int
    starts: bool
    clear: bool
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Part:
    """A run of consecutive pages proposed as one document."""

    pages: tuple[int, ...]
    patient: str | None
    cover: bool = False
    named: bool = True  # some page of it reads a patient identifier

    @property
    def label(self) -> str:
        """'1-2' or '3'."""
        return f"{self.pages[0]}-{self.pages[-1]}" if len(self.pages) > 1 else str(self.pages[0])


COUNTER_RUNS_ON = "fax page counter continues"
STRONG_STARTS = ("page 1", "fax page counter starts", "cover", "a letterhead")


def _strong(reasons: Sequence[str]) -> bool:
    return any(r.startswith(STRONG_STARTS) for r in reasons)


def boundary(prev: PageEvidence, page: PageEvidence) -> Boundary:
    """Weigh the signals between two consecutive pages."""
    a, b = prev.signals, page.signals
    start: list[str] = []
    keep: list[str] = []
    if prev.patient and page.patient and prev.patient != page.patient:
        return Boundary(a.number, True, True, ("another patient",))
    if b.page_of and b.page_of[0] == 1:
        start.append("page 1 of a document")
    if b.page_of and b.page_of[0] > 1:
        keep.append(f"page {b.page_of[0]} continues")
    if b.counter and b.counter[0] == 1:
        start.append("fax page counter starts again")
    if a.counter and b.counter and b.counter[0] == a.counter[0] + 1 and a.sender == b.sender:
        keep.append(COUNTER_RUNS_ON)
    if a.sender and b.sender and a.sender != b.sender:
        start.append("another sender")
    if b.cover:
        start.append("cover sheet")
    if a.signed:
        start.append("signature block ended the previous page")
    if b.title and b.title != a.title and not (b.page_of and b.page_of[0] > 1):
        start.append(f"new title {b.title!r}")
    if b.headed and not b.cover:
        start.append("a letterhead at the top")
    if prev.patient and prev.patient == page.patient:
        keep.append("same patient")
    if a.letterhead and a.letterhead == b.letterhead:
        keep.append("same letterhead")
    strong_start = _strong(start)
    # The fax's counter runs on across every document of one transmission, one sender sends many documents
    # on one letterhead, and one patient's documents come together: only the document's own page counter
    # holds a page to the one before against a strong start; the same patient holds it against weak ones.
    continues = _continues(keep)
    starts = not continues and (strong_start or (len(start) >= 2 and "same patient" not in keep))
    # clear: nothing argues against the verdict, or the document's own page counter settles weak starts
    clear = (starts and not continues) or (not starts and (not start or (continues and not strong_start)))
    return Boundary(a.number, starts, clear, tuple(start + keep))


HELD_BY_LATER = "of its document follows"
STARTED_BY_LATER = "of its document follows: its first page starts it"


def _held_by_later_counters(pages: list[PageEvidence], bounds: list[Boundary]) -> list[Boundary]:
    """A page numbered n of its document ("Page 3 (continued)") places its document's first page n - 1
    pages before it: no document starts between them (unless a strong start or another patient says so),
    and one starts at that first page when nothing there says it continues (it carries no page counter of
    its own, the page before is no cover sheet)."""
    out = list(bounds)
    for j, page in enumerate(pages):
        n = page.signals.page_of[0] if page.signals.page_of else 0
        first = j - n + 1
        if n < 2 or first < 0 or any(pages[k].signals.cover for k in range(first, j)):
            continue
        before = out[first - 1] if first > 0 else None
        if before is not None and not before.starts and pages[first].signals.page_of is None \
                and not pages[first - 1].signals.cover and not _continues(before.reasons):
            out[first - 1] = Boundary(before.after, True, True, (*before.reasons, f"page {n} {STARTED_BY_LATER}"))
        for i in range(first, j - 1):  # the boundaries inside the span, but for the one just before page j
            b = out[i]
            if not b.starts and not _strong(b.reasons):
                out[i] = Boundary(b.after, False, True, (*b.reasons, f"page {n} {HELD_BY_LATER}"))
    return out


def _continues(reasons: Sequence[str]) -> bool:
    return any(r.startswith("page ") and r.endswith(("continues", HELD_BY_LATER)) for r in reasons)


def segment(pages: list[PageEvidence]) -> tuple[list[Part], list[Boundary]]:
    """Runs of pages about one patient and one document; a page of another patient never joins.

    A page joins the run before it only where no document starts; a page naming nobody, or a named page
    after a run naming nobody, joins without continuity only as a proposal (the boundary is doubtful: the
    fax goes to a clerk). A page reading a name and birth date that both differ from its run's starts a part,
    roster patient or not. A page naming nobody that only the fax's running counter holds is doubtful too
    when the page after it is another patient's and no document visibly starts there: it may be the first
    page of that patient's document. Where a page that continuity holds to its run is followed by another
    patient's page, the cut between them is clear.
    """
    bounds = _held_by_later_counters(pages, [boundary(p, q) for p, q in zip(pages, pages[1:], strict=False)])
    groups: list[list[PageEvidence]] = [[pages[0]]] if pages else []
    verdicts: list[str] = []
    for i, (b, page) in enumerate(zip(bounds, pages[1:], strict=True)):
        known = {p.patient for p in groups[-1] if p.patient}
        if not b.starts and page.patient not in known and _another_person(page, groups[-1]):
            b = bounds[i] = Boundary(b.after, True, True, (ANOTHER_PERSON, *b.reasons))
        verdict = "new" if b.starts or (page.patient and known and page.patient not in known) \
            else _join(page, b, known, groups[-1])
        verdicts.append(verdict)
        if verdict == "new":
            if _another_letterhead(groups[-1][0].signals, page.signals):
                bounds[i] = Boundary(b.after, bounds[i].starts, bounds[i].clear, (*bounds[i].reasons, ANOTHER_LETTERHEAD))
            groups.append([page])
            continue
        groups[-1].append(page)
        if verdict == "doubt":
            bounds[i] = Boundary(b.after, b.starts, False, (*b.reasons, NAMELESS_JOINED))
    for i, verdict in enumerate(verdicts):
        after = i + 1
        if verdict == "counter" and after < len(verdicts) and verdicts[after] == "new" and not bounds[after].starts:
            bounds[i] = Boundary(bounds[i].after, False, False, (*bounds[i].reasons, NAMELESS_BEFORE_ANOTHER))
        elif verdict == "new" and not bounds[i].starts and i > 0 and verdicts[i - 1] == "join":
            # the page before names nobody but its document's own continuity holds it: the cut is sure
            bounds[i] = Boundary(bounds[i].after, True, True, ("another patient", *bounds[i].reasons))
    parts = [_part(g) for g in groups]
    if len(parts) > 1 and parts[0].cover and parts[0].patient:
        merged = Part(parts[0].pages + parts[1].pages, parts[1].patient or parts[0].patient)
        if parts[1].patient in (None, parts[0].patient):
            parts = [merged, *parts[2:]]
    return parts, bounds


NAMELESS_JOINED = "a page naming nobody joined without continuity"
NAMELESS_BEFORE_ANOTHER = "a page naming nobody held by the fax counter alone, before another patient's page"
ANOTHER_PERSON = "another person: name and birth date both differ from the part's"
ANOTHER_LETTERHEAD = "another sender's letterhead than the part before's"
SAME_LETTERHEAD_RATIO = 60  # rapidfuzz ratio from which two letterhead lines are one sender's (OCR varies them)


def _another_letterhead(first: PageSignals, page: PageSignals) -> bool:
    """True when a page starting with a letterhead starts after a part that began with another sender's."""
    return (first.headed and page.headed and not first.cover
            and fuzz.ratio(first.letterhead.upper(), page.letterhead.upper()) < SAME_LETTERHEAD_RATIO)


def _same_name(page: PageEvidence, run: list[PageEvidence]) -> bool:
    """True when the page reads a name of two or more words, each close to a word of a name its run reads
    (one OCR slip apart at most: a relative shares the last name, never the first)."""
    return len(page.names) >= 2 and any(
        p.names and all(any(JaroWinkler.similarity(a, b) >= SAME_NAME_WORD for b in p.names) for a in page.names)
        for p in run)


def _another_person(page: PageEvidence, run: list[PageEvidence]) -> bool:
    """True when the page reads a name and birth date that both differ from every one its run reads (a
    patient not in the roster among others, or one the roster does not settle)."""
    persons = [p.person for p in run if p.person]
    return page.person is not None and bool(persons) and all(page.person.differs(p) for p in persons)


def _join(page: PageEvidence, b: Boundary, known: set[str], run: list[PageEvidence]) -> str:
    """'join', 'counter' (join, held by the fax's running counter alone), 'doubt' (join, as a proposal only)
    or 'new', where no document starts before `page`.

    Continuity is the document's own page counter, or the same letterhead or patient where nothing says a
    document starts (b.clear). The fax's counter running on holds only a page naming nobody that was read
    well and shows no sign at all of a new document (no title, letterhead, signature before it): one
    transmission's counter runs across all its documents, so it says no more than that nothing else does.
    A cover sheet stays a part of its own.
    """
    if len(run) == 1 and run[0].signals.cover and not run[0].patient:
        return "new"
    if _continues(b.reasons):
        return "join"
    if page.patient and known:
        return "join"  # the same patient (another one started a new part before this is reached)
    if page.patient is None and b.clear and not b.starts and _same_name(page, run):
        return "join"  # the same name read, where nothing says a document starts (the roster settles nobody)
    if not page.has_identifiers and b.clear and any(r in ("same letterhead", "same patient") for r in b.reasons):
        return "join"
    if not page.has_identifiers and page.legible and known and b.reasons == (COUNTER_RUNS_ON,):
        return "counter"
    return "doubt"


def _part(group: list[PageEvidence]) -> Part:
    patients = {p.patient for p in group if p.patient}
    patient = patients.pop() if len(patients) == 1 else None
    cover = len(group) == 1 and group[0].signals.cover
    named = any(p.has_identifiers or p.patient for p in group)
    return Part(tuple(p.signals.number for p in group), patient, cover, named)


@dataclass(frozen=True)
class SplitDecision:
    """`file`: file each part on its own; `partial`: split, filing the parts that pass alone while the others
    wait in review as parts; else `review` (the whole fax) with the proposal; `single`: not a split
    (`doubt`, from plan_split: one document, but a page of it joined without continuity)."""

    action: str  # single, file, partial, review (doubt)
    parts: tuple[Part, ...]
    reasons: tuple[tuple[str, ...], ...]  # per part


def decide(parts: list[Part], bounds: list[Boundary], auto: dict[str, bool], partial: bool = False) -> SplitDecision:
    """File each part only when every content part passes the auto-file rule alone and every boundary is clear.

    `auto` maps a part's label to whether matching its own pages alone reached the auto decision. With
    `partial`, clear boundaries alone split the fax when every part names someone: the parts that pass are
    filed, the others wait in review one by one (an unclear boundary, or a part naming nobody, still sends
    the whole fax to review).
    """
    content = [p for p in parts if not p.cover]
    if len(content) < 2:
        return SplitDecision("single", tuple(parts), tuple(() for _ in parts))
    cut = {b.after for b in bounds if b.starts}
    reasons = []
    for p in parts:
        why = [r for b in bounds if b.after == p.pages[0] - 1 for r in b.reasons]
        if not p.cover and not auto.get(p.label, False):
            why.append("this part alone does not pass the two-identifier rule")
        if p.cover:
            why.append("fax cover sheet naming no patient")
        reasons.append(tuple(why))
    clear = all(b.clear for b in bounds) and all(b.after in cut for b in bounds if b.after in cut)
    ok = clear and all(auto.get(p.label, False) and p.patient for p in content)
    # A part naming nobody may be a cover sheet or a page of its neighbour that OCR could not read: it is
    # never cut off on its own, so the fax waits whole (a one-document fax is never split that way).
    some = (clear and partial and all(p.named for p in content)
            and any(auto.get(p.label, False) and p.patient for p in content))
    return SplitDecision("file" if ok else "partial" if some else "review", tuple(parts), tuple(reasons))
