"""Patient blocks and letterheads in the layouts offices really send ("office" documents).

A template asks `context.patient_block` for the lines that say who a document is about; for an office
document the layout is drawn here, in one place, so every template family prints every layout:
label-value lines (stacked, paired, inline, piped), a header row of labels with the values on the row
below (with or without ruled lines), several `Label: value` pairs on one line, values under their labels,
form boxes, a letter's `Re:` line and a sentence of prose. Labels are sometimes printed as an earlier OCR
or retyping mangled them (`NOB`, `D0B`, `Date of 8irth`, `Pat1ent`, `Narne`).
"""

from __future__ import annotations

import random
import re
from typing import TYPE_CHECKING

from pipeline.synth import fields
from pipeline.synth.fields import Facility, wrap

if TYPE_CHECKING:
    from pipeline.synth.context import Ctx

CLASSIC_LAYOUTS = ("stacked", "paired", "inline", "piped")
# layout -> weight among office documents
OFFICE_LAYOUTS: dict[str, float] = {
    "stacked": 1, "paired": 1, "inline": 1, "piped": 0.5, "header_row": 1.5, "header_row_ruled": 1.5,
    "multi_pair": 1.5, "label_above": 1.2, "boxed": 1.2, "letter_re": 1.2, "prose": 1.2,
}
LABEL_DAMAGE_RATE = 0.25  # share of office documents whose labels an earlier OCR pass mangled
_DAMAGE = {  # a label word -> how OCR or retyping has been seen to print it
    "DOB": ("NOB", "D0B", "DO8", "D0B"), "D.O.B.": ("D.0.B.", "D.O.8."), "Birth": ("8irth", "Birlh"),
    "Birthdate": ("8irthdate", "Birthdale"), "Patient": ("Pat1ent", "Patlent", "Paticnt"),
    "PATIENT": ("PAT1ENT", "PATlENT"), "Name": ("Narne", "Nane"), "NAME": ("NAMF", "NAHE"),
}
_DAMAGE_RE = re.compile(r"\b(" + "|".join(re.escape(k) for k in sorted(_DAMAGE, key=len, reverse=True)) + r")(?=\W|$)")
_CLINICAL_PROSE = ("referral", "consult_note", "progress_note", "discharge_summary", "imaging_report")
_PEOPLE_LABELS = ("From:", "To:", "Attn:", "ATTN:", "Provider:", "Physician:", "Prescriber:", "Signed:",
                  "Ordering Provider:", "Attending Physician:", "Signed by:")


def extra_pairs(c: Ctx) -> list[tuple[str, str]]:
    """The patient's other identifying fields as (label, value): MRN, an account number, sex, age, phone, address."""
    assert c.patient is not None
    p, rng, out = c.patient, c.rng, []
    if c.mrn_policy if c.mrn_policy is not None else c.chance(0.4):
        label = rng.choice(("MRN:", "MRN #:", "Chart #:", "Patient ID:", "Med Rec #:"))
        digits = "".join(ch for ch in p.mrn if ch.isdigit())
        out.append((label, digits if c.chance(0.8) else p.mrn))
        c.shows_mrn = True
    if c.chance(0.35):  # the sender's own number for the patient: looks like an MRN, is not ours
        label = rng.choice(("Account #:", "Acct:", "Accession #:", "Visit #:", "Encounter #:"))
        out.append((label, f"{rng.choice('ABCHKLMV')}{rng.randint(10**6, 10**9 - 1)}"))
    if c.chance(0.35):
        label = rng.choice(("Sex:", "Gender:"))
        out.append((label, p.sex if c.chance(0.5) else {"F": "Female", "M": "Male"}.get(p.sex, p.sex)))
    if c.chance(0.2) and c.age() is not None:
        out.append(("Age:", str(c.age())))
    if p.phone and c.chance(0.25):
        label = rng.choice(("Phone:", "Home Ph:", "Tel:", "Ph:"))
        out.append((label, fields.format_phone(p.phone, rng)))
    if p.address and c.chance(0.2):
        out.append(("Address:", f"{p.address}, {p.city}, {p.state} {p.postal_code}"))
    return out


def pick_layout(c: Ctx) -> str:
    """An office patient-block layout, by OFFICE_LAYOUTS weight."""
    return c.rng.choices(list(OFFICE_LAYOUTS), weights=list(OFFICE_LAYOUTS.values()))[0]


def damage(label: str, c: Ctx) -> str:
    """`label` as a mangling OCR pass printed it, when this document's labels are damaged."""
    if not c.damaged_labels:
        return label
    return _DAMAGE_RE.sub(lambda m: c.rng.choice(_DAMAGE[m.group(1)]), label, count=1)


def name_parts(c: Ctx) -> tuple[str, str]:
    """(first, last) as this document prints the patient (nickname and upper case kept)."""
    assert c.patient is not None
    last = c.patient.last_name.upper() if "_upper" in c.name_form else c.patient.last_name
    rest = c.name.split(", ", 1)[1] if c.name_form.startswith("last_first") and ", " in c.name else c.name
    return rest.split()[0], last


def _bare(label: str) -> str:
    return label.rstrip(":").rstrip()


def _core(c: Ctx, name_labels: tuple[str, ...]) -> list[tuple[str, str]]:
    pairs = [(c.rng.choice(name_labels), c.name)]
    if c.dob:
        pairs.append((c.rng.choice(("DOB:", "D.O.B.", "Date of Birth:", "Birthdate:", "DOB")), c.dob))
    return pairs


def office_block(c: Ctx, layout: str, name_labels: tuple[str, ...]) -> list[str]:
    """The patient block in office `layout` (one of OFFICE_LAYOUTS; the classic four are done by context)."""
    writers = {"header_row": _header_row, "header_row_ruled": _header_row, "multi_pair": _multi_pair,
               "label_above": _label_above, "boxed": _boxed, "letter_re": _letter_re, "prose": _prose}
    return writers[layout](c, layout, name_labels)


def _header_row(c: Ctx, layout: str, name_labels: tuple[str, ...]) -> list[str]:
    cols = [(_bare(label), value) for label, value in _core(c, name_labels)]
    cols += [(_bare(label), value) for label, value in extra_pairs(c) if len(value) <= 24]
    if c.chance(0.3):
        first, last = name_parts(c)
        cols[:1] = [("Last Name", last), ("First Name", first)]
    ruled = layout == "header_row_ruled"
    rule = c.pick("-", "=", "_") if ruled else ""
    lines: list[str] = []
    gap = c.rng.randint(3, 6)
    while cols:
        row = _fit_columns(cols, gap)
        cols = cols[len(row):]
        lines += _table(c, row, rule, gap)
    return lines


def _fit_columns(cols: list[tuple[str, str]], gap: int) -> list[tuple[str, str]]:
    row: list[tuple[str, str]] = []
    width = 0
    for label, value in cols:
        w = max(len(label), len(value)) + gap
        if row and width + w > fields.LINE_WIDTH:
            break
        row.append((label, value))
        width += w
    return row


def _table(c: Ctx, row: list[tuple[str, str]], rule: str, gap: int) -> list[str]:
    widths = [max(len(label), len(value)) + gap for label, value in row]
    upper = c.chance(0.4)
    head = "".join(damage(label.upper() if upper else label, c).ljust(w) for (label, _), w in zip(row, widths, strict=True))
    values = "".join(value.ljust(w) for (_, value), w in zip(row, widths, strict=True))
    line = rule * min(fields.LINE_WIDTH, sum(widths) - gap)
    if not rule:
        return [head.rstrip(), values.rstrip()]
    return [line, head.rstrip(), line, values.rstrip()] if c.chance(0.5) else [head.rstrip(), line, values.rstrip(), line]


def _multi_pair(c: Ctx, layout: str, name_labels: tuple[str, ...]) -> list[str]:
    first, last = name_parts(c)
    style = c.rng.randint(0, 2)
    if style == 0:
        items = [f"{damage('Last Name:', c)} {last}", f"{damage('First Name:', c)} {first}"]
    elif style == 1:
        items = [f"{damage('Patient Last:', c)} {last}", f"First: {first}"]
    else:
        items = [f"{damage(c.rng.choice(name_labels), c)} {c.name}"]
    if c.dob:
        items.append(f"{damage(c.pick('DOB:', 'Date of Birth:', 'D.O.B.', 'Birthdate:'), c)} {c.dob}")
    items += [f"{label} {value}" for label, value in extra_pairs(c)]
    return fields.join_to_width(items, " " * c.rng.randint(2, 5))


def _label_above(c: Ctx, layout: str, name_labels: tuple[str, ...]) -> list[str]:
    pairs = _core(c, name_labels) + extra_pairs(c)
    upper, indent, gap = c.chance(0.4), c.pick("", "", "  "), c.chance(0.4)
    lines: list[str] = []
    for label, value in pairs:
        text = _bare(label).upper() if upper else _bare(label)
        lines += [damage(text, c), indent + value] + ([""] if gap else [])
    return lines[:-1] if gap else lines


def _boxed(c: Ctx, layout: str, name_labels: tuple[str, ...]) -> list[str]:
    cells = [(_bare(label), value) for label, value in _core(c, name_labels) + extra_pairs(c)]
    if c.chance(0.3):
        return _underscored(c, cells)
    half = fields.LINE_WIDTH // 2 - 2
    border = "+" + "-" * half + "+" + "-" * half + "+"
    wide = [cell for cell in cells if len(cell[1]) > half - 2]  # an address gets a row of its own
    cells = [cell for cell in cells if cell not in wide]
    lines = [border]
    for i in range(0, len(cells), 2):
        pair = cells[i:i + 2] + ([("", "")] if i + 1 >= len(cells) else [])
        lines.append("|" + "|".join(f" {damage(label.upper(), c)}".ljust(half) for label, _ in pair) + "|")
        lines.append("|" + "|".join(f" {value}".ljust(half) for _, value in pair) + "|")
        lines.append(border)
    for label, value in wide:
        lines += [f"| {damage(label.upper(), c)}".ljust(len(border) - 1) + "|",
                  f"| {value}"[:len(border) - 1].ljust(len(border) - 1) + "|", border]
    return lines


def _underscored(c: Ctx, cells: list[tuple[str, str]]) -> list[str]:
    lines = []
    for label, value in cells:
        blank = "_" * max(2, 34 - len(value))
        lines.append(f"{damage(label, c)}: __{value}{blank}")
    return lines


def _title(c: Ctx) -> str:
    sex = c.patient.sex if c.patient is not None else ""
    return {"F": c.pick("Mrs.", "Ms."), "M": "Mr."}.get(sex, "")


def _letter_re(c: Ctx, layout: str, name_labels: tuple[str, ...]) -> list[str]:
    first, last = name_parts(c)
    who = c.pick(c.name, f"{first} {last}")
    if not c.dob:
        line = f"{c.pick('Re:', 'RE:', 'Regarding:')} {who}"
    else:
        dob_label = damage(c.pick("DOB", "DOB:", "D.O.B.", "date of birth"), c)
        line = c.pick(f"Re: {who}, {dob_label} {c.dob}", f"RE: {who} ({dob_label} {c.dob})",
                      f"Regarding: {who}   {dob_label} {c.dob}", f"Re: Patient {who}; {dob_label} {c.dob}")
    extras = [f"{label} {value}" for label, value in extra_pairs(c)]
    lines = [line] + fields.join_to_width(extras, "   ") if extras else [line]
    return lines + ["", f"Dear {c.pick('Dr.', 'Doctor')} {c.other_doctor.split(',')[0].split()[-1]},"]


def _prose(c: Ctx, layout: str, name_labels: tuple[str, ...]) -> list[str]:
    first, last = name_parts(c)
    who = " ".join(x for x in (_title(c), first, last) if x)
    born = f" (born {c.dob})" if c.dob else ""
    dob_clause = f", date of birth {c.dob}," if c.dob else ""
    general = (f"We are writing about {first} {last}{born}.", f"This notice concerns {who}{born}.")
    clinical = (f"I saw your patient {who}{born} in the office on {c.d(c.service_date)}.",
                f"Thank you for referring {who}{dob_clause} for evaluation.",
                f"We are writing about our mutual patient, {first} {last}{born}.")
    text = c.pick(*(clinical if c.doc_type.value in _CLINICAL_PROSE else general))
    extras = [f"{label} {value}" for label, value in extra_pairs(c)]
    return _wrap_keeping(text, (c.dob, who, f"{first} {last}")) + (fields.join_to_width(extras, "   ") if extras else [])


def _wrap_keeping(text: str, whole: tuple[str, ...]) -> list[str]:
    """Wrap a paragraph without breaking any of `whole` across lines (a letter's date and name stay whole)."""
    for part in whole:
        if part:
            text = text.replace(part, part.replace(" ", "\u00a0"))
    return [line.replace("\u00a0", " ") for line in wrap(text)]


def people_lines(c: Ctx) -> list[str]:
    """One or two From/To/Attn/Provider/Prescriber/Signed lines naming clinicians (names that are not the patient)."""
    picked = c.some(_PEOPLE_LABELS, 1, 2)
    people = (c.doctor, c.other_doctor)
    lines = [f"{label} {people[i % 2]}" for i, label in enumerate(picked)]
    if len(lines) == 2 and len(lines[0]) + len(lines[1]) + 3 <= fields.LINE_WIDTH and c.chance(0.5):
        return [fields.two_col(lines[0], lines[1])]
    return lines


LETTERHEAD_STYLES = ("phone_fax", "tel_fax", "ph_fx", "two_lines")


def office_letterhead(f: Facility, rng: random.Random, style: str, centre: bool) -> list[str]:
    """Name, street, city/state/zip and a phone and fax line, the way `style` (LETTERHEAD_STYLES) writes it."""
    ph, fx = fields.format_phone(f.phone, rng), fields.format_phone(f.fax, rng)
    contact = {"phone_fax": [f"Phone {ph}   Fax {fx}"], "tel_fax": [f"Tel: {ph} | Fax: {fx}"],
               "ph_fx": [f"Ph {ph}  Fx {fx}"], "two_lines": [f"Phone: {ph}", f"Fax: {fx}"]}[style]
    name = f.name.upper() if rng.random() < 0.5 else f.name
    lines = [name, f.street, f.city_line, *contact]
    return [line.center(fields.LINE_WIDTH).rstrip() for line in lines] if centre else lines
