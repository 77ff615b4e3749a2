"""`review next`: work the queue one item at a time, one key per decision.

The loop's logic lives here and talks to the clerk only through a `Terminal` (show text, read one key,
read one line), so a real terminal, piped stdin and tests all drive the same code.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Protocol

from pipeline.errors import ConflictError, DocintakeError
from pipeline.index.store import Store, now
from pipeline.lookup import find_one, load_roster
from pipeline.match.dates import parse_date
from pipeline.match.matcher import MatchOptions
from pipeline.match.roster import Roster
from pipeline.records import DocType
from pipeline.review.claims import claim, release
from pipeline.review.decisions import Decision, assign, claim_ttl, doc_type_of, reject, retype, undo
from pipeline.review.evidence import ItemEvidence, show_item
from pipeline.review.queue import ReviewReason, list_queue

REJECT_REASONS = ("junk fax", "not our patient", "duplicate")
TYPES = tuple(DocType)
KEYS_HELP = ("1-3 pick candidate · s search · t type · r reject · p split · k skip · o open PDF · u undo · q quit"
             " · ? help")
_PICKS = 3
_SEARCH_SHOWN = 5
_SNIPPET_LINES = 10


class Terminal(Protocol):
    """How the loop talks to the clerk."""

    def show(self, text: str) -> None:
        """Print text for the clerk."""

    def key(self, prompt: str, default: str) -> str:
        """One key; Enter gives `default`; the end of input gives 'q'."""

    def line(self, prompt: str) -> str:
        """One line of text ('' when empty or at the end of input)."""


class Step(Enum):
    """How work on one item ended."""

    decided = "decided"
    skipped = "skipped"
    undone = "undone"
    lost = "lost"  # another clerk got there first
    quit = "quit"


@dataclass
class LoopSummary:
    """What one `review next` session did."""

    decided: int = 0
    skipped: int = 0
    undone: int = 0
    conflicts: int = 0

    def as_text(self) -> str:
        """One line for the end of the session."""
        return (f"{self.decided} decided, {self.skipped} skipped, {self.undone} undone"
                + (f", {self.conflicts} taken by another clerk" if self.conflicts else ""))


# -- helpers the loop and the CLI share ---------------------------------------------------------------

def open_pdf(path: str | None) -> str:
    """Open a PDF in the desktop's viewer when there is one; a message saying what happened."""
    if not path or not Path(path).exists():
        return "this document has no PDF to open"
    viewer = shutil.which("xdg-open") or (shutil.which("open") if sys.platform == "darwin" else None)
    has_display = sys.platform == "darwin" or bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if viewer is None or not has_display:
        return f"no PDF viewer available here (needs xdg-open and a display); the file is {path}"
    subprocess.Popen([viewer, path], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                     start_new_session=True)
    return f"opened {path}"


def default_key(ev: ItemEvidence) -> str:
    """What Enter does: take the best candidate, unless the matcher found nobody plausible or look-alikes."""
    risky = {ReviewReason.no_patient.value, ReviewReason.several_patients.value}
    if ev.candidates and not risky & set(ev.queue_reasons):
        return "1"
    return "k"


def split_search(text: str) -> tuple[str | None, str | None]:
    """(name, date of birth) from what a clerk typed: 'Jane Doe', '03/04/1961' or 'Doe, Jane 1961-03-04'."""
    dob_parts = [t for t in text.split() if re.search(r"\d", t)]
    name = " ".join(t for t in text.split() if t not in dob_parts).strip(" ,") or None
    dob = " ".join(dob_parts) or None
    if dob is not None and parse_date(dob) is None:
        return text.strip() or None, None
    return name, dob


def _evidence_line(c: dict) -> str:
    parts = []
    for e in c["explanation"]:
        if e["outcome"] != "missing":
            parts.append(f"{e['field'].replace('_', ' ')} {e['outcome']}" + (f" ({e['detail']})" if e["detail"] else ""))
    return ", ".join(parts)


def format_candidate(n: int, c: dict) -> str:
    """One numbered candidate line with its per-field explanation under it."""
    name = f"{c['first_name']} {c['last_name']}".strip() or "(no name)"
    return (f"  {n}  {c['mrn']:<12} {name:<28} born {c['dob'] or '?':<10}  score {c['score']:.3f}\n"
            f"       {_evidence_line(c)}")


def _age(ev: ItemEvidence) -> str:
    minutes = int((now() - ev.received).total_seconds() // 60)
    if minutes < 120:
        return f"{minutes} min ago"
    return f"{minutes // 60} h ago" if minutes < 2880 else f"{minutes // 1440} days ago"


def format_item(ev: ItemEvidence, position: str = "") -> str:
    """The evidence of one item as the loop and `review show` print it."""
    ids = ev.identifiers
    found = " · ".join(f"{label} {', '.join(ids[key])}" for key, label in
                       (("names", "name"), ("dobs", "DOB"), ("mrns", "MRN"), ("phones", "phone")) if ids.get(key))
    details = [r for r in ev.reasons if r not in ev.queue_reasons]
    lines = [
        f"── review item {position} {ev.id} ".ljust(72, "─"),
        f"source:   {ev.source_name} ({ev.pages} page{'s' if ev.pages != 1 else ''}), received "
        f"{ev.received:%Y-%m-%d %H:%M} UTC ({_age(ev)})",
        f"reasons:  {'; '.join(ev.queue_reasons) or '-'}",
        *(f"          {d}" for d in details),
        f"type:     {ev.doc_type or '?'}" + (f" (confidence {ev.type_confidence:.2f})" if ev.type_confidence else ""),
        f"found:    {found or 'no patient identifiers'}",
        f"PDF:      {ev.pdf or '-'}",
        "patient block:",
        *(f"  | {t}" for t in (ev.snippet.splitlines()[:_SNIPPET_LINES] or ["(no text)"])),
        "candidates:" if ev.candidates else "candidates: none",
        *(format_candidate(i, c) for i, c in enumerate(ev.candidates[:_PICKS], start=1)),
        *_parts_lines(ev),
    ]
    return "\n".join(lines)


def _parts_lines(ev: ItemEvidence) -> list[str]:
    """The proposed parts of a fax of several documents (press p to split), or the fax a part came from."""
    if ev.parent_id:
        return [f"part of:  fax {ev.parent_id}, its pages {ev.parent_pages}"]
    if not ev.proposed_parts:
        return []
    return ["proposed parts (p to split):", *(
        f"  pages {p['pages']:<7} {p.get('mrn') or p.get('candidate_mrn') or '?':<12} {p.get('doc_type') or '?':<20} "
        + "; ".join(p.get("reasons") or []) for p in ev.proposed_parts)]


def describe(d: Decision) -> str:
    """One line saying what a decision did."""
    if d.undid:
        return f"undone: your '{d.undid}' on {d.document_id}; it is back in the queue"
    if d.action.value == "assigned":
        alias = "; the name variant is now an alias" if d.alias_added else ""
        return f"filed {d.document_id} under {d.patient_mrn} as {d.doc_type}{alias}"
    if d.action.value == "rejected":
        return f"rejected {d.document_id} ({d.reason})"
    if d.action.value == "split":
        return f"split {d.document_id} into {len(d.parts)} parts, each now in the queue: {', '.join(d.parts)}"
    return f"type of {d.document_id} set to {d.doc_type}" + ("; filed under " + str(d.patient_mrn) if d.resolved
                                                             else "; now pick the patient")


# -- the loop --------------------------------------------------------------------------------------------

class ReviewLoop:
    """One clerk working the queue: claim the oldest free item, show it, take one decision, repeat."""

    def __init__(self, store: Store, user: str, term: Terminal, *, reason: ReviewReason | None = None,
                 options: MatchOptions | None = None, opener: Callable[[str | None], str] = open_pdf) -> None:
        self.store, self.user, self.term, self.reason = store, user, term, reason
        self.options = options or MatchOptions()
        self.opener = opener
        self.history: list[str] = []  # documents decided in this session, newest last (for undo)
        self.skipped: set[str] = set()
        self.pending: str | None = None  # an item to show next (it was just undone)
        self.summary = LoopSummary()
        self._roster: Roster | None = None
        self._redraw = True  # show the item again (it changed); else only prompt again

    def run(self) -> LoopSummary:
        """Work items until the queue is empty or the clerk quits."""
        while True:
            found = self._claim_next()
            if found is None:
                left = " (skipped items stay in the queue)" if self.skipped else ""
                self.term.show(f"No more items to review{left}.")
                break
            doc_id, position = found
            step = self._work(doc_id, position)
            if step is Step.quit:
                break
        self.term.show(self.summary.as_text())
        return self.summary

    def _claim_next(self) -> tuple[str, str] | None:
        """Claim the next item: one just undone, else the oldest nobody else holds; (id, 'n of m')."""
        items = [i for i in list_queue(self.store, self.reason) if i.id not in self.skipped]
        free = [i.id for i in items if i.claimed_by in (None, self.user)]
        if self.pending:
            free.insert(0, self.pending)
            self.pending = None
        for doc_id in dict.fromkeys(free):
            try:
                claim(self.store, doc_id, self.user, claim_ttl(self.store))
            except (ConflictError, DocintakeError):
                continue  # another clerk took it a moment ago
            return doc_id, f"({len(free)} waiting)"
        return None

    def _work(self, doc_id: str, position: str) -> Step:
        self._redraw = True
        while True:
            ev = show_item(self.store, doc_id)
            if self._redraw:
                self.term.show(format_item(ev, position))
                self._redraw = False
            default = default_key(ev)
            key = self.term.key(self._prompt(ev, default), default).strip().lower()[:1]
            step = self._dispatch(key, ev)
            if step is None:
                continue
            if step is Step.skipped:
                self.summary.skipped += 1
            elif step is Step.lost:
                self.summary.conflicts += 1
            return step

    def _prompt(self, ev: ItemEvidence, default: str) -> str:
        if default == "1":
            c = ev.candidates[0]
            what = f"assign to {c['first_name']} {c['last_name']} {c['mrn']} as {ev.doc_type or 'other'}"
        else:
            what = "skip"
        return f"keys: {KEYS_HELP}\n[Enter = {default}: {what}] > "

    def _dispatch(self, key: str, ev: ItemEvidence) -> Step | None:
        if key and key in "123":
            return self._pick(int(key), ev)
        handlers: dict[str, Callable[[ItemEvidence], Step | None]] = {
            "s": self._search, "t": self._retype, "r": self._reject, "p": self._split, "k": self._skip, "o": self._open,
            "u": self._undo, "q": self._quit, "?": self._help, "h": self._help,
        }
        handler = handlers.get(key)
        if handler is None:
            self.term.show(f"unknown key {key!r}; {KEYS_HELP}")
            return None
        return handler(ev)

    # -- decisions -------------------------------------------------------------------------------------

    def _decide(self, ev: ItemEvidence, act: Callable[[], Decision]) -> Step | None:
        """Run a decision; None keeps the item on screen (a mistake to correct), Step.lost when beaten."""
        try:
            decision = act()
        except ConflictError as exc:
            self.term.show(f"!! {exc.message}")
            return Step.lost
        except DocintakeError as exc:
            self.term.show(f"!! {exc}")
            return None
        self.term.show(describe(decision))
        self.history.append(ev.id)
        if not decision.resolved:
            self._redraw = True
            return None
        self.summary.decided += 1
        return Step.decided

    def _assign(self, ev: ItemEvidence, mrn: str) -> Step | None:
        return self._decide(ev, lambda: assign(self.store, ev.id, mrn, self.user, expected_version=ev.version))

    def _pick(self, n: int, ev: ItemEvidence) -> Step | None:
        if n > len(ev.candidates):
            self.term.show(f"there is no candidate {n}; press s to search the roster")
            return None
        return self._assign(ev, ev.candidates[n - 1]["mrn"])

    def _search(self, ev: ItemEvidence) -> Step | None:
        text = self.term.line("search the roster by name and/or date of birth (Enter to go back): ").strip()
        if not text:
            return None
        name, dob = split_search(text)
        if self._roster is None:
            self._roster = load_roster(self.store)
        found = find_one(self._roster, self.options, name=name, dob=dob)["candidates"][:_SEARCH_SHOWN]
        if not found:
            self.term.show("nobody in the roster matches that")
            return None
        self.term.show("\n".join(format_candidate(i, c) for i, c in enumerate(found, start=1)))
        pick = self.term.key(f"assign to which (1-{len(found)}, Enter to go back)? ", "").strip()
        if not pick.isdigit() or not 1 <= int(pick) <= len(found):
            return None
        return self._assign(ev, found[int(pick) - 1]["mrn"])

    def _retype(self, ev: ItemEvidence) -> Step | None:
        self.term.show("types: " + "  ".join(f"{i} {t.value}" for i, t in enumerate(TYPES, start=1)))
        text = self.term.line("new type (number or name, Enter to go back): ").strip()
        if not text:
            return None
        try:
            dtype = TYPES[int(text) - 1].value if text.isdigit() and 1 <= int(text) <= len(TYPES) else \
                doc_type_of(text).value
        except DocintakeError as exc:
            self.term.show(f"!! {exc}")
            return None
        return self._decide(ev, lambda: retype(self.store, ev.id, dtype, self.user, expected_version=ev.version,
                                               keep_claim=True))

    def _reject(self, ev: ItemEvidence) -> Step | None:
        choices = ", ".join(f"{i} {r}" for i, r in enumerate(REJECT_REASONS, start=1))
        text = self.term.line(f"reject because ({choices}, or type a reason; Enter to go back): ").strip()
        if not text:
            return None
        reason = REJECT_REASONS[int(text) - 1] if text.isdigit() and 1 <= int(text) <= len(REJECT_REASONS) else text
        return self._decide(ev, lambda: reject(self.store, ev.id, reason, self.user, expected_version=ev.version))

    def _split(self, ev: ItemEvidence) -> Step | None:
        from pipeline.review.splitting import split

        proposed = " ".join(p["pages"] for p in ev.proposed_parts)
        offer = f"Enter accepts the proposal {proposed}, " if proposed else ""
        text = self.term.line(f"split into parts ({offer}or type ranges like '1-2 3'; '-' to go back): ").strip()
        if text == "-" or (not text and not proposed):
            return None
        ranges = text.replace(",", " ").split() if text else []
        return self._decide(ev, lambda: split(self.store, ev.id, ranges, self.user, accept=not ranges,
                                              expected_version=ev.version))

    # -- everything else -------------------------------------------------------------------------------

    def _skip(self, ev: ItemEvidence) -> Step:
        release(self.store, ev.id, self.user)
        self.skipped.add(ev.id)
        self.term.show(f"skipped {ev.id}")
        return Step.skipped

    def _open(self, ev: ItemEvidence) -> None:
        self.term.show(self.opener(ev.pdf))

    def _undo(self, ev: ItemEvidence) -> Step | None:
        if not self.history:
            self.term.show("nothing to undo yet in this session")
            return None
        release(self.store, ev.id, self.user)
        target = self.history.pop()
        try:
            decision = undo(self.store, self.user, target, keep_claim=True)
        except DocintakeError as exc:
            self.term.show(f"!! {exc}")
            self.pending = ev.id
            return Step.undone
        self.term.show(describe(decision))
        self.summary.undone += 1
        self.pending = target
        return Step.undone

    def _quit(self, ev: ItemEvidence) -> Step:
        release(self.store, ev.id, self.user)
        return Step.quit

    def _help(self, ev: ItemEvidence) -> None:
        self.term.show(
            "1-3  file under that candidate (with the type shown)\n"
            "s    search the roster by name or date of birth, then pick someone\n"
            "t    change the document type\n"
            "r    reject (junk fax, not our patient, duplicate, ...)\n"
            "p    split a fax of several documents into parts (the proposal, or ranges like 1-2 3)\n"
            "k    skip this item for now\n"
            "o    open the PDF in a viewer\n"
            "u    undo your last decision in this session\n"
            "q    quit (the item you are on goes back to the queue)\n"
            "Enter takes the default shown in brackets")
