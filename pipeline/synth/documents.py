"""Text of synthetic medical documents, in two template families ("train" and "holdout").

A classifier is trained on one family and evaluated on the other, so the families share only domain terms
(analytes, drugs, diagnoses): senders, layouts, headings and sentences are written separately in
`bodies_train(_more, _wide_a, _wide_b, _wide_c)` and `bodies_holdout(_more)`. Every page starts with a fax header; a fax cover sheet may come first.
"""

from __future__ import annotations

import random
import re
import textwrap
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from types import ModuleType

from pipeline.records import DocType, PatientRecord
from pipeline.synth import (
    blocks,
    bodies_holdout,
    bodies_holdout_more,
    bodies_train,
    bodies_train_more,
    bodies_train_wide_a,
    bodies_train_wide_b,
    bodies_train_wide_c,
    fields,
)
from pipeline.synth.context import Ctx
from pipeline.synth.identities import make_look_alike_outsiders, make_outsiders

FAMILIES = ("train", "holdout")
PAGE_LINES = 52  # lines that fit on a letter page at 11 pt with fax margins
_FAMILY_MODULES: dict[str, ModuleType] = {"train": bodies_train, "holdout": bodies_holdout}
_EXTRA_MODULES: dict[str, tuple[ModuleType, ...]] = {  # more templates per type on top of the family's own
    "train": (bodies_train_more, bodies_train_wide_a, bodies_train_wide_b, bodies_train_wide_c),
    "holdout": (bodies_holdout_more,),
}


def _templates(modules: dict[str, tuple[ModuleType, ...]]) -> dict[str, dict[DocType, tuple]]:
    return {family: {t: tuple(f for m in (_FAMILY_MODULES[family], *extra) for f in m.TEMPLATES.get(t, ()))
                     for t in DocType}
            for family, extra in modules.items()}


_TEMPLATES = _templates(_EXTRA_MODULES)  # family -> type -> template functions
# The three per type the committed sample set was generated from: samples/generate.py keeps to them, so
# adding training templates does not rewrite the samples.
_BASE_TEMPLATES = _templates({family: extra[:1] for family, extra in _EXTRA_MODULES.items()})
_FIRST_SERVICE = date(2025, 1, 6).toordinal()
_LAST_SERVICE = date(2026, 11, 20).toordinal()
# How often each type turns up in a corpus (roughly an outpatient clinic's fax inbox).
TYPE_WEIGHTS: dict[DocType, float] = {
    DocType.lab_result: 16, DocType.imaging_report: 10, DocType.referral: 9, DocType.consult_note: 9,
    DocType.discharge_summary: 7, DocType.prescription_request: 11, DocType.prior_authorization: 8,
    DocType.insurance: 7, DocType.records_request: 7, DocType.progress_note: 9, DocType.other: 7,
}


@dataclass(frozen=True)
class SynthDoc:
    """One synthetic document with its ground truth."""

    doc_id: str
    doc_type: DocType
    family: str
    pages: tuple[str, ...]  # each page a string of lines
    patient: PatientRecord | None  # the true patient; None for an 'other' document about nobody
    name_form: str  # e.g. "last_first_mi_upper" ("none" without a patient)
    dob_form: str  # a fields.DOB_FORMS key, or "none" when the document omits the birth date
    has_cover: bool
    in_roster: bool = True  # False when the patient is an outsider (not in the roster)
    shows_mrn: bool = False  # the roster MRN appears somewhere in the text
    layout: str = ""  # the patient-block layout (blocks.OFFICE_LAYOUTS key; '' when the template has none)
    office: bool = False  # written with office layouts, letterheads and people lines (see make_document)
    damaged_labels: bool = False  # some labels are printed as an OCR pass mangled them
    template: str = ""  # the template function that wrote the body
    look_alike: str = ""  # an absent patient's likeness to a roster patient (identities.LOOK_ALIKE_KINDS)
    sender_numbers: tuple[str, ...] = ()  # the sending facility's phone and fax (never the patient's)

    @property
    def text(self) -> str:
        """All pages joined with form feeds (as OCR output is)."""
        return "\f".join(self.pages)


def make_document(
    patient: PatientRecord | None,
    doc_type: DocType,
    rng: random.Random,
    family: str = "train",
    cover: bool = False,
    *,
    name_form: str | None = None,
    dob_form: str | None = None,
    doc_id: str | None = None,
    in_roster: bool = True,
    fax_header: bool = True,
    show_mrn: bool | None = None,
    base_templates: bool = False,
    office: bool = False,
) -> SynthDoc:
    """Write one document about `patient` (None only for DocType.other) in the given family's templates.

    name_form / dob_form force how the patient is printed ("none" for dob_form omits the birth date);
    show_mrn True/False forces the MRN in or out of the patient block (None: sometimes);
    base_templates keeps to the three templates per type the committed sample set uses;
    office draws the patient block from every layout in blocks.OFFICE_LAYOUTS, damages a quarter of the
    documents' labels, and gives the sender a letterhead with phone and fax lines.
    """
    module = _module(family)
    if patient is None and doc_type is not DocType.other:
        raise ValueError("only 'other' documents may be about nobody")
    c = _context(patient, doc_type, rng, family, module, name_form, dob_form)
    c.mrn_policy = show_mrn
    if office:
        _officiate(c)
    template = rng.choice((_BASE_TEMPLATES if base_templates else _TEMPLATES)[family][doc_type])
    body = template(c)
    if office:
        body = _with_letterhead(c, body)
    pages = _paginate(c, module, body, cover, fax_header)
    return SynthDoc(
        doc_id=doc_id or f"{family}-{rng.getrandbits(40):010x}",
        doc_type=doc_type,
        family=family,
        pages=pages,
        patient=patient,
        name_form=c.name_form,
        dob_form=c.dob_form,
        has_cover=cover,
        in_roster=in_roster and patient is not None,
        shows_mrn=c.shows_mrn and in_roster,
        layout=c.layout,
        office=office,
        damaged_labels=c.damaged_labels,
        template=getattr(template, "__name__", ""),
        sender_numbers=(c.sender.phone, c.sender.fax),
    )


def _officiate(c: Ctx) -> None:
    """Turn on the office layouts for this document."""
    c.office = True
    c.damaged_labels = c.chance(blocks.LABEL_DAMAGE_RATE)
    c.sender = replace(c.sender, letterhead=c.rng.choice(blocks.LETTERHEAD_STYLES))


def _with_letterhead(c: Ctx, body: list[str]) -> list[str]:
    """Put the sender's letterhead on top unless the template already printed its phone or fax."""
    numbers = {re.sub(r"\D", "", n) for n in (c.sender.phone, c.sender.fax)}
    if any(n in re.sub(r"\D", "", line) for line in body[:10] for n in numbers):
        return body
    style = c.sender.letterhead or c.rng.choice(blocks.LETTERHEAD_STYLES)  # a template may name its own sender
    return blocks.office_letterhead(c.sender, c.rng, style, c.chance(0.5)) + [""] + body


def make_corpus(
    n: int,
    roster: list[PatientRecord],
    seed: int,
    family: str = "train",
    outsider_rate: float = 0.1,
    cover_rate: float = 0.15,
    *,
    office: bool = False,
    look_alike_share: float = 0.0,
) -> list[SynthDoc]:
    """`n` documents of all types; about `outsider_rate` of them are about people not in `roster`.

    `look_alike_share` of those outsiders share a surname, first name or birth date with a roster patient
    (identities.make_look_alike_outsiders); `office` is passed on to make_document.
    """
    rng = random.Random(seed)
    outsiders = make_outsiders(max(1, int(n * outsider_rate) + 1), seed, exclude=roster)
    alikes = make_look_alike_outsiders(roster, max(1, int(n * outsider_rate) + 1), seed) if look_alike_share else []
    types, weights = list(TYPE_WEIGHTS), list(TYPE_WEIGHTS.values())
    docs = []
    for i in range(n):
        doc_type = rng.choices(types, weights)[0]
        patient, in_roster = _corpus_patient(rng, doc_type, roster, outsiders, outsider_rate)
        kind = ""
        if patient is not None and not in_roster and alikes and rng.random() < look_alike_share:
            patient, kind = alikes[rng.randrange(len(alikes))]
        doc = make_document(patient, doc_type, rng, family, cover=rng.random() < cover_rate,
                            doc_id=f"{family}-{seed}-{i:06d}", in_roster=in_roster, office=office)
        docs.append(replace(doc, look_alike=kind) if kind else doc)
    return docs


def _corpus_patient(rng: random.Random, doc_type: DocType, roster: list[PatientRecord],
                    outsiders: list[PatientRecord], outsider_rate: float) -> tuple[PatientRecord | None, bool]:
    if doc_type is DocType.other and rng.random() < 0.7:
        return None, False
    if rng.random() < outsider_rate or not roster:
        return rng.choice(outsiders), False
    return rng.choice(roster), True


def _module(family: str) -> ModuleType:
    try:
        return _FAMILY_MODULES[family]
    except KeyError:
        raise ValueError(f"unknown template family {family!r}; expected one of {FAMILIES}") from None


def _context(patient: PatientRecord | None, doc_type: DocType, rng: random.Random, family: str,
             module: ModuleType, name_form: str | None, dob_form: str | None) -> Ctx:
    service = _service_date(rng, patient)
    name, dob = "", ""
    if patient is not None:
        name_form = name_form or fields.pick_name_form(rng, patient)
        name = fields.format_name(patient, name_form, rng)
        dob_form = dob_form or ("none" if rng.random() < 0.04 else fields.pick_date_form(rng))
        if dob_form != "none" and patient.dob is not None:
            dob = fields.format_date(patient.dob, dob_form)
        else:
            dob_form = "none"
    return Ctx(
        rng=rng, family=family, doc_type=doc_type, patient=patient,
        name=name, name_form=name_form or "none", dob=dob, dob_form=dob_form or "none",
        sender=_sender(rng, module.SENDERS[doc_type], patient),
        recipient=fields.facility(rng, rng.choice(module.RECIPIENTS)),
        doctor=fields.clinician(rng), other_doctor=fields.clinician(rng),
        service_date=service, report_date=service + timedelta(days=rng.choice((0, 0, 1, 1, 2, 3, 5))),
        date_form=fields.pick_date_form(rng),
    )


def _sender(rng: random.Random, names: tuple[str, ...], patient: PatientRecord | None) -> fields.Facility:
    """The sending facility; never with the patient's own phone number as its phone or fax."""
    sender = fields.facility(rng, rng.choice(names))
    own = re.sub(r"\D", "", patient.phone) if patient is not None and patient.phone else None
    while own and own in (re.sub(r"\D", "", sender.phone), re.sub(r"\D", "", sender.fax)):
        sender = fields.facility(rng, sender.name)
    return sender


def _service_date(rng: random.Random, patient: PatientRecord | None) -> date:
    first = _FIRST_SERVICE
    if patient is not None and patient.dob is not None:
        first = max(first, patient.dob.toordinal() + 1)
    return date.fromordinal(rng.randint(first, max(first, _LAST_SERVICE)))


def _paginate(c: Ctx, module: ModuleType, body: list[str], cover: bool, fax_header: bool) -> tuple[str, ...]:
    chunks = _chunks(c, module, body)
    total = len(chunks) + (1 if cover else 0)
    sent = datetime.combine(c.report_date, datetime.min.time()) + timedelta(
        days=c.rng.choice((0, 0, 1, 2)), minutes=c.rng.randint(7 * 60, 18 * 60 + 30))
    sender_id = c.sender.name.upper()[: c.rng.choice((12, 16, 20))].rstrip()
    pages = [module.cover_sheet(c, total)] if cover else []
    pages.extend(chunks)
    out = []
    for number, lines in enumerate(pages, start=1):
        head = [module.fax_header(c, sender_id, sent, number, total), ""] if fax_header else []
        out.append("\n".join(head + lines).rstrip() + "\n")
    return tuple(out)


def _chunks(c: Ctx, module: ModuleType, body: list[str]) -> list[list[str]]:
    """Split body lines into pages; pages after the first repeat who the document is about."""
    body = [piece for line in body for piece in _fit(line)]
    room = PAGE_LINES - 2
    first, rest = body[:room], body[room:]
    chunks = [first]
    while rest:
        cont = module.continuation(c, len(chunks) + 1)
        take = room - len(cont)
        chunks.append(cont + rest[:take])
        rest = rest[take:]
    return chunks


def _fit(line: str) -> list[str]:
    """Wrap a line that would run off the page, keeping its indentation."""
    if len(line) <= fields.LINE_WIDTH:
        return [line]
    indent = line[: len(line) - len(line.lstrip())]
    return textwrap.wrap(line.strip(), fields.LINE_WIDTH, initial_indent=indent, subsequent_indent=indent + "  ")
