"""Wider "train" templates, set A: lab results, imaging, referrals, consults, discharges and other faxes.

Each template is a different kind of real-world document from a different kind of sender (part of the time a
sender from this file's own lists replaces the caller's, so the fax header names it too). Within a template
the headings, wording, optional sections and their order vary, so two documents rarely look alike.
"""

from __future__ import annotations

import functools
import re
import textwrap
from collections.abc import Callable, Sequence
from datetime import timedelta

from pipeline.records import DocType
from pipeline.synth import clinical, fields
from pipeline.synth.context import Ctx, cap_first, check_list, letterhead, patient_block, phone, pronouns
from pipeline.synth.fields import Facility, wrap

W = fields.LINE_WIDTH
Template = Callable[[Ctx], list[str]]


# ---- shared helpers ----------------------------------------------------------------------------------

def _as_sender(c: Ctx, names: Sequence[str], p: float = 0.65) -> Facility:
    """Part of the time send the document from one of `names` instead of the caller's sender."""
    if c.chance(p):
        c.sender = fields.facility(c.rng, c.rng.choice(names))
    return c.sender




def _head(c: Ctx, f: Facility, style: str | None = None) -> list[str]:
    """The sender's letterhead in one of several looks."""
    style = style or c.pick("center", "left", "line", "rule", "right", "tight")
    if style in ("center", "left"):
        return letterhead(f, style, c.rng)
    if style == "line":
        top = f"{f.name}  |  {f.street}  |  {f.city_line}"
        lines = [top] if len(top) <= W else [f.name, f"{f.street}  |  {f.city_line}"]
        return lines + [f"Main {phone(c, f.phone)}   Fx {phone(c, f.fax)}"]
    if style == "rule":
        lines = [f.name.upper(), f"{f.street} ~ {f.city_line}",
                 f"Voice {phone(c, f.phone)} ~ Facsimile {phone(c, f.fax)}"]
        return lines + ["_" * min(W, max(len(x) for x in lines))]
    if style == "right":
        return [x.rjust(W) for x in (f.name, f.street, f.city_line, f"Fax: {phone(c, f.fax)}")]
    top = f"{f.name.upper()} :: {f.city}, {f.state}"
    return [top if len(top) <= W else f.name.upper(), f"Office {phone(c, f.phone)} :: Fax {phone(c, f.fax)}"]


def _heading(c: Ctx, text: str, style: str | None = None) -> list[str]:
    """A document title (given in Title Case) in one of several looks."""
    style = style or c.pick("center", "left", "underline", "box", "stars", "title", "form", "subject")
    up = text.upper()
    if style == "center":
        return [up.center(W).rstrip()]
    if style == "left":
        return [up]
    if style == "underline":
        return [up, "-" * len(up)]
    if style == "box":
        if len(up) < 18:
            bar = "=" * (len(up) + 6)
            return [bar, f"   {up}", bar]
        frame = "+" + "-" * (len(up) + 4) + "+"
        return [frame, f"|  {up}  |", frame]
    if style == "stars":
        return [f"** {up} **".center(W).rstrip()] if c.chance(0.5) else ["*" * (len(up) + 4), f"* {up} *",
                                                                          "*" * (len(up) + 4)]
    if style == "title":
        return [text, "~" * len(text)] if c.chance(0.3) else [text]
    if style == "form":
        return [f"{c.pick('Document type', 'Report type', 'Form')}: {text}"]
    return [f"{c.pick('Subject', 'Regarding', 'Concerning')}: {text}"]


_LABEL = re.compile(r"\s*[A-Za-z][A-Za-z /()-]{1,26}: ")


def _fits(fn: Template) -> Template:
    """Wrap the template so lines longer than the page continue under their label (or indented)."""

    @functools.wraps(fn)
    def run(c: Ctx) -> list[str]:
        out: list[str] = []
        for line in fn(c):
            if len(line) <= W:
                out.append(line)
                continue
            m = _LABEL.match(line)
            hang = m.end() if m else len(line) - len(line.lstrip()) + 2
            out += textwrap.wrap(line, W, subsequent_indent=" " * hang)
        return out

    return run


def _fits_patient(c: Ctx, sex: str, min_age: int, max_age: int = 130) -> bool:
    """Whether the patient is of the sex ('' for either) and age range a kind of document is about."""
    age = c.age()
    if c.patient is None or age is None:
        return True
    return (not sex or c.patient.sex == sex) and min_age <= age <= max_age


def _t(c: Ctx) -> str:
    return f"{c.rng.randint(6, 20):02d}:{c.rng.randint(0, 59):02d}"


def _person(c: Ctx, cred: str) -> str:
    """An invented staff member with the given credential, e.g. 'Ann Lee, RN'."""
    return fields.clinician(c.rng, with_title=False).split(",")[0] + f", {cred}"


def _surname(who: str) -> str:
    return who.split(",")[0].split()[-1]


def _initials(c: Ctx) -> str:
    return "".join(c.rng.choice("ABCDEFGHJKLMNPRSTVW") for _ in range(c.rng.choice((2, 2, 3))))


def _num(c: Ctx, digits: int) -> str:
    return str(c.rng.randint(10 ** (digits - 1), 10 ** digits - 1))


def _age(c: Ctx) -> str:
    age = c.age()
    return f"{age}-year-old" if age is not None else "adult"


def _noun(c: Ctx) -> str:
    sex = c.patient.sex if c.patient is not None else ""
    age = c.age()
    if age is not None and age < 18:
        return {"F": "girl", "M": "boy"}.get(sex, "child")
    return {"F": "woman", "M": "man"}.get(sex, "patient")






def _meds(c: Ctx, lo: int, hi: int) -> list[tuple[str, str]]:
    """Distinct (drug and strength, sig) pairs."""
    return [(f"{name} {c.rng.choice(strengths)}", sig) for name, strengths, sig in c.some(clinical.DRUGS, lo, hi)]


def _dxs(c: Ctx, lo: int, hi: int) -> list[tuple[str, str]]:
    return c.some(clinical.DIAGNOSES, lo, hi)


def _listed(label: str, items: Sequence[str], sep: str = ", ", end: str = "") -> list[str]:
    """'Label: a, b, c' over as many lines as needed, never breaking inside an item."""
    lines: list[str] = []
    cur = label
    for i, item in enumerate(items):
        piece = item + (sep.rstrip() if i < len(items) - 1 else end)
        if len(cur) + len(piece) + 1 > W and cur.strip():
            lines.append(cur.rstrip())
            cur = " " * len(label)
        cur += piece + " "
    return lines + [cur.rstrip()]






def _flow(items: Sequence[str], indent: str = "", sep: str = "   ") -> list[str]:
    """Lay short items out across lines."""
    lines: list[str] = []
    cur = indent
    for item in items:
        if cur.strip() and len(cur) + len(sep) + len(item) > W:
            lines.append(cur)
            cur = indent
        cur = f"{cur}{sep}{item}" if cur.strip() else f"{cur}{item}"
    return lines + ([cur] if cur.strip() else [])


# ---- lab results -------------------------------------------------------------------------------------

_HOSPITAL_LABS = ("Tri-County Hospital Laboratory", "Ashford Memorial Core Lab", "Good Shepherd Medical Center Lab",
                  "Sandhill Regional Clinical Laboratory")
_PATH_LABS = ("Bluestem Pathology Partners", "Copperfield Cytology Laboratory", "Northern Plains Dermatopathology",
              "Ironwood Anatomic Pathology, PC")
_REFERENCE_LABS = ("Harbor Point Reference Laboratory", "QuickDraw Specimen Collection Centers",
                   "Bluestem Clinical Reference Lab", "Cardinal Diagnostic Services")
_GENETIC_LABS = ("Meridian Molecular Diagnostics", "Spirelight Genomics Laboratory", "Tessellate Genetic Testing")
_TOX_LABS = ("Ridgeline Toxicology Services", "Clearwater Clinical Toxicology", "Kestrel Drug Testing Lab")
_POC_SITES = ("Willow Bend Anticoagulation Clinic", "Northside Coumadin Clinic", "Prairie Creek Rural Health Clinic",
              "Eastgate Family Health - Lab Corner")
_TREND_PANELS = ("Complete Blood Count", "Comprehensive Metabolic Panel", "Lipid Panel", "Thyroid Panel",
                 "Hemoglobin A1c")


def lab_trend(c: Ctx) -> list[str]:
    """Hospital laboratory cumulative report: one column per collection date, newest last."""
    f = _as_sender(c, _HOSPITAL_LABS)
    earlier = sorted({c.service_date - timedelta(days=c.rng.randint(3, 200)) for _ in range(c.rng.randint(1, 2))})
    days = [*earlier, c.service_date]
    lines = _head(c, f, c.pick("center", "rule", "line")) + [""]
    lines += _heading(c, c.pick("Cumulative Results Summary", "Cumulative Laboratory Report", "Lab Results - Trend View"),
                      c.pick("box", "center", "underline"))
    lines += [""] + patient_block(c, c.pick("paired", "piped", "inline"))
    lines += [fields.two_col(f"Provider: {c.doctor}", f"Printed: {c.d(c.report_date)}"),
              "Location: " + c.pick("Outpatient Draw Station", "Ambulatory Lab, 2nd floor", "Infusion Center",
                                    "Main Laboratory", "Clinic Drop-Off"), ""]
    lines.append("Test".ljust(20) + "".join(f"{d.month:02d}/{d.day:02d}/{d.year % 100:02d}".ljust(10) for d in days)
                 + "Range".ljust(13) + "Units")
    lines.append("." * 18 + "  " + "".join("." * 8 + "  " for _ in days) + "." * 11 + "  " + "." * 8)
    for panel in c.some(_TREND_PANELS, 1, 4):
        lines.append(c.pick(f"[{panel}]", panel.upper(), f"{panel}:"))
        for code, name, unit, low, high, dec in clinical.LAB_PANELS[panel]:
            cells = ""
            for _ in days:
                value, flag = clinical.lab_value(c.rng, low, high, dec)
                cells += (value + (f" {flag}" if flag else "")).ljust(10)
            label = name if len(name) <= 19 else code
            lines.append(label.ljust(20) + cells + f"{low:.{dec}f}-{high:.{dec}f}".ljust(13) + unit)
        lines.append("")
    lines += wrap(c.pick("Values marked H or L fall outside this laboratory's reference interval.",
                         "Flag key: H = above interval, L = below interval (current specimen ranges shown).",
                         "Abnormal flags apply to the reference interval printed on the right."))
    if c.chance(0.4):
        lines += wrap("Earlier columns may have been run on a previous analyzer platform; interpret trends with "
                      "that in mind.")
    if c.chance(0.3):
        lines += ["", "Report status: " + c.pick("FINAL", "FINAL - CORRECTED (see comment)", "FINAL")]
    return lines + ["", f"Laboratory medical director: {fields.clinician(c.rng)}",
                    f"Page generated {c.d(c.report_date)} {_t(c)} by LIS"]


_POC_RAPID = ("Rapid strep A antigen", "Influenza A/B antigen", "SARS-CoV-2 antigen", "Urine hCG, qualitative",
              "Mono heterophile antibody", "RSV antigen")
_DIPSTICK = (("Leukocyte esterase", ("Negative", "Negative", "Trace", "1+", "2+")),
             ("Nitrite", ("Negative", "Negative", "Positive")), ("Protein", ("Negative", "Trace", "30 mg/dL")),
             ("Blood", ("Negative", "Negative", "Trace", "Moderate")), ("Glucose", ("Negative", "Negative", "100 mg/dL")),
             ("Ketones", ("Negative", "Negative", "Trace")), ("Bilirubin", ("Negative",)),
             ("Urobilinogen", ("0.2 E.U./dL", "1.0 E.U./dL")), ("pH", ("5.0", "6.0", "6.5", "7.0")),
             ("Specific gravity", ("1.010", "1.015", "1.020", "1.025")))


def lab_point_of_care(c: Ctx) -> list[str]:
    """A waived / point-of-care test record from a clinic (INR, A1c, rapid antigen or urine dipstick)."""
    f = _as_sender(c, _POC_SITES, 0.8)
    test = c.pick("inr", "inr", "a1c", "rapid", "dipstick")
    lines = _head(c, f, c.pick("left", "tight", "line")) + [""]
    lines += _heading(c, c.pick("Point-of-Care Test Result", "POC Testing Record", "Waived Test Result Sheet"),
                      c.pick("form", "left", "underline"))
    lines += [""] + patient_block(c, c.pick("stacked", "inline"))
    lines += [f"Tested: {c.d(c.service_date)} at {_t(c)}", f"Ordered by: {c.doctor}", ""]
    if test == "inr":
        inr = c.rng.uniform(1.1, 4.8)
        goal = c.pick("2.0 - 3.0", "2.0 - 3.0", "2.5 - 3.5")
        lo, hi = (float(x) for x in goal.split(" - "))
        status = "within goal" if lo <= round(inr, 1) <= hi else ("BELOW goal" if inr < lo else "ABOVE goal")
        lines += ["Test: PT/INR by fingerstick (CLIA-waived)",
                  f"Meter: {c.pick('CoaguChek XS', 'CoaguChek Pro II', 'Xprecia Stride')}   "
                  f"Strip lot: {_num(c, 6)}", "",
                  f"   PT ......... {inr * c.rng.uniform(10.8, 11.6):.1f} sec",
                  f"   INR ........ {inr:.1f}", f"   Goal ....... {goal}", "", f"Result is {status}."]
        if c.chance(0.6):
            lines += ["Indication for anticoagulation: " + c.pick("Atrial fibrillation", "Mechanical mitral valve",
                                                                  "Recurrent DVT", "Pulmonary embolism")]
        if c.chance(0.5):
            lines += ["Anticoagulation nurse notified: " + c.pick("Yes", "Yes - dosing per protocol", "N/A")]
    elif test == "a1c":
        a1c = c.rng.uniform(5.0, 11.5)
        lines += [f"Test: Hemoglobin A1c ({c.pick('DCA Vantage', 'Afinion 2', 'A1CNow+')})", "",
                  f"   Result: {a1c:.1f} %" + ("  (H)" if a1c >= 5.7 else ""), "   Reference: 4.0 - 5.6 %",
                  f"   eAG: {28.7 * a1c - 46.7:.0f} mg/dL", ""]
        lines += wrap("5.7-6.4% is consistent with increased risk (prediabetes); 6.5% or above is in the diabetes "
                      "range when confirmed.")
    elif test == "rapid":
        name = c.rng.choice(_POC_RAPID)
        result = c.pick("Negative", "Negative", "Positive")
        lines += [f"Test: {name}", f"Kit lot: {_num(c, 5)}{c.rng.choice('ABCDK')}   Exp: "
                  f"{c.d(c.service_date + timedelta(days=c.rng.randint(40, 400)))}", "",
                  f"   RESULT:  {result.upper()}", "   Internal procedural control: valid", ""]
        if result == "Negative" and "antigen" in name and c.chance(0.5):
            lines += wrap("A negative antigen result does not rule out infection; confirm with a molecular test if "
                          "clinical suspicion remains.")
    else:
        lines += ["Test: Urinalysis by reagent strip (visually read)", "Specimen: " +
                  c.pick("clean catch midstream", "random void", "first morning void"), ""]
        for analyte, values in _DIPSTICK:
            lines.append(f"   {analyte.ljust(20)} {c.rng.choice(values)}")
        lines.append("")
        if c.chance(0.4):
            lines.append("Reflex to culture: " + c.pick("Yes - sent to reference lab", "No", "Per provider"))
    qc = c.pick("Daily QC performed: [x] Pass  [ ] Fail", "Controls: within range", "QC log reviewed - acceptable")
    lines += ["", qc, f"Performed by: {_initials(c)}, {c.pick('MA', 'LPN', 'RN', 'CMA')}"]
    if c.chance(0.5):
        lines += ["Provider review: ____________________  Date: ________"]
    return lines


_PATH_CASES: tuple[tuple[str, str, str, str, str], ...] = (
    ("Colon, sigmoid, polyp, cold snare", "Screening colonoscopy; {n} mm sessile polyp.",
     "a single tan-pink polypoid fragment measuring {a} x {b} x 0.3 cm, entirely submitted",
     "TUBULAR ADENOMA. Negative for high-grade dysplasia.",
     "Colonic mucosa with crowded, elongated, pencillate nuclei lining tubular glands."),
    ("Skin, left upper back, shave biopsy", "Changing pigmented lesion, {n} mm.",
     "a tan-brown shave of skin, {a} x {b} cm, trisected and entirely submitted",
     "COMPOUND MELANOCYTIC NEVUS with mild architectural atypia. Peripheral margins clear.",
     "Nests of bland melanocytes at the junction and in the superficial dermis; maturation with descent."),
    ("Stomach, antrum and body, biopsies", "Epigastric pain; evaluate for Helicobacter.",
     "three tan soft tissue fragments, 0.{n} cm in greatest dimension, entirely submitted",
     "CHRONIC ACTIVE GASTRITIS. Helicobacter pylori organisms identified (confirmed by immunostain).",
     "Lamina propria expanded by plasma cells with foci of neutrophils in the foveolar epithelium."),
    ("Skin, right nasal ala, shave biopsy", "Pearly papule, bleeds with minor trauma.",
     "a pink-tan shave of skin, {a} x {b} cm, inked and bisected",
     "BASAL CELL CARCINOMA, nodular type. Tumor extends to the deep margin.",
     "Nests of basaloid cells with peripheral palisading and retraction artifact in the dermis."),
    ("Endometrium, biopsy", "Postmenopausal bleeding.",
     "multiple fragments of tan-red tissue and blood, {a} x {b} cm in aggregate",
     "BENIGN ENDOMETRIAL POLYP FRAGMENTS. No hyperplasia or malignancy identified.",
     "Fragments of endometrium with fibrotic stroma and thick-walled vessels."),
    ("Prostate, left base, needle core biopsy", "Elevated PSA ({n}.2 ng/mL).",
     "two tan cores, {a} and {b} cm in length, entirely submitted",
     "BENIGN PROSTATIC TISSUE. No carcinoma identified in this core.",
     "Glands retain a basal cell layer; focal chronic inflammation."),
    ("Gallbladder, cholecystectomy", "Symptomatic cholelithiasis.",
     "an opened gallbladder, {L}.0 x {S}.5 cm, containing multiple yellow-green faceted stones",
     "CHRONIC CHOLECYSTITIS WITH CHOLELITHIASIS.",
     "Gallbladder wall with Rokitansky-Aschoff sinuses and mild chronic inflammation."),
)


def lab_surgical_pathology(c: Ctx) -> list[str]:
    """Surgical pathology report: final diagnosis by specimen part, gross and microscopic description."""
    f = _as_sender(c, _PATH_LABS)
    cases = c.some(_PATH_CASES, 1, 2)
    accession = f"{c.pick('S', 'SP', 'DS')}{c.service_date.year % 100:02d}-{_num(c, 5)}"
    pathologist = f"{fields.clinician(c.rng, with_title=False).split(',')[0]}, MD"
    lines = _head(c, f, c.pick("center", "rule", "left")) + [""]
    lines += _heading(c, c.pick("Surgical Pathology Report", "Anatomic Pathology Report", "Pathology Consultation Report"),
                      c.pick("center", "box", "left"))
    lines += [""] + patient_block(c, c.pick("paired", "stacked"))
    lines += [fields.two_col(f"Case #: {accession}", f"Collected: {c.d(c.service_date)}"),
              fields.two_col(f"Submitting: {c.doctor}", f"Reported: {c.d(c.report_date)}")]
    if c.chance(0.4):
        lines.append(f"cc: {c.other_doctor}")
    letters = "ABC"
    diag = ["", c.pick("FINAL DIAGNOSIS:", "DIAGNOSIS:", "Final Pathologic Diagnosis")]
    for i, (site, _h, _g, dx, _m) in enumerate(cases):
        diag += [f"  {letters[i]}. {site.upper()}:"] + wrap(f"- {dx}", "       ")
    diag += ["", f"  {c.pick('Electronically signed out by', 'Verified by', 'Pathologist:')} {pathologist}"]
    if c.chance(0.4):
        diag += wrap("I attest that I personally examined the slides and/or specimen and rendered the diagnosis.",
                     "  ")
    hist = ["", c.pick("CLINICAL HISTORY:", "Clinical Information:", "PRE-OP DIAGNOSIS / HISTORY:")]
    for _site, history, *_ in cases:
        hist += wrap(history.format(n=c.rng.randint(3, 9)), "  ")
    gross = ["", c.pick("GROSS DESCRIPTION:", "Gross Examination:", "MACROSCOPIC:")]
    for i, (site, _h, g, _d, _m) in enumerate(cases):
        text = (f"{letters[i]}. Received in formalin, labeled with the patient's name and \"{site.lower()}\", is "
                + g.format(a=f"{c.rng.uniform(0.4, 1.6):.1f}", b=f"{c.rng.uniform(0.3, 1.2):.1f}",
                           n=c.rng.randint(2, 5), L=c.rng.randint(6, 10), S=c.rng.randint(2, 4)) + ".")
        gross += wrap(text, "  ")
    gross.append(f"  Dictated by: {_initials(c)}")
    micro: list[str] = []
    if c.chance(0.6):
        micro = ["", c.pick("MICROSCOPIC DESCRIPTION:", "Microscopic:", "HISTOLOGIC FINDINGS:")]
        for i, (*_rest, m) in enumerate(cases):
            micro += wrap(f"{letters[i]}. {m}", "  ")
    body = diag + hist + gross + micro if c.chance(0.7) else hist + gross + micro + diag
    lines += body
    if c.chance(0.5):
        lines += [""] + wrap(c.pick(
            "Immunohistochemical controls performed appropriately. Some tests were developed and their "
            "performance characteristics determined by this laboratory.",
            "Slides from this case are retained for ten years and are available for review on request."))
    return lines


_PAP_RESULTS = (("NEGATIVE FOR INTRAEPITHELIAL LESION OR MALIGNANCY (NILM)", 6),
                ("ATYPICAL SQUAMOUS CELLS OF UNDETERMINED SIGNIFICANCE (ASC-US)", 2),
                ("LOW-GRADE SQUAMOUS INTRAEPITHELIAL LESION (LSIL)", 1),
                ("NILM; shift in flora suggestive of bacterial vaginosis", 1))


def lab_pap_cytology(c: Ctx) -> list[str]:
    """Gynecologic cytology (liquid-based Pap) with high-risk HPV co-test."""
    if not _fits_patient(c, "F", 18):
        return lab_serology(c)
    f = _as_sender(c, _PATH_LABS)
    result = c.rng.choices([r for r, _ in _PAP_RESULTS], weights=[w for _, w in _PAP_RESULTS])[0]
    hpv_pos = c.chance(0.25 if "NILM" in result else 0.6)
    lines = _head(c, f) + [""]
    lines += _heading(c, c.pick("Gynecologic Cytology Report", "Cervical Cytology - Pap Test", "GYN Cytopathology"),
                      c.pick("title", "underline", "center"))
    lines += [""] + patient_block(c, c.pick("stacked", "paired"))
    lines += [f"Lab #: {c.pick('GP', 'CY')}{c.service_date.year % 100:02d}-{_num(c, 6)}",
              f"Clinician: {c.doctor}", f"Collected: {c.d(c.service_date)}   Received: {c.d(c.report_date)}",
              f"Source: {c.pick('Cervical/endocervical', 'Cervix', 'Vaginal (post-hysterectomy)')}", ""]
    if c.chance(0.6):
        lmp = c.pick("LMP: " + c.d(c.service_date - timedelta(days=c.rng.randint(5, 40))), "LMP: postmenopausal",
                     "LMP: unknown")
        lines += [f"Clinical data: {lmp}; previous Pap {c.pick('normal', 'ASC-US', 'not known')}", ""]
    lines += ["SPECIMEN TYPE: " + c.pick("ThinPrep liquid-based preparation", "SurePath liquid-based preparation"),
              "SPECIMEN ADEQUACY:"]
    lines += wrap(c.pick("Satisfactory for evaluation; endocervical/transformation zone component present.",
                         "Satisfactory for evaluation; transformation zone component absent.",
                         "Satisfactory for evaluation, partially obscured by inflammation."), "   ")
    lines += ["", "INTERPRETATION / RESULT:"] + wrap(result, "   ")
    lines += ["", "HIGH-RISK HPV (molecular):", f"   HPV 16:            {'Detected' if hpv_pos and c.chance(0.3) else 'Not detected'}",
              "   HPV 18/45:         Not detected",
              f"   Other high-risk:   {'DETECTED' if hpv_pos else 'Not detected'}", ""]
    if c.chance(0.6):
        lines += wrap("The Pap test is a screening test with known false-negative and false-positive rates; "
                      "results should be interpreted with the clinical history.")
    lines += ["", f"Screened by: {_initials(c)}, CT(ASCP)"]
    if "NILM" not in result or c.chance(0.3):
        lines.append(f"Reviewed by: {fields.clinician(c.rng, with_title=False).split(',')[0]}, MD, pathologist")
    return lines


_SEROLOGY: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("Hepatitis B surface antigen", ("Nonreactive", "Nonreactive", "Reactive"), "Nonreactive"),
    ("Hepatitis B surface antibody", ("Immune (>=10)", "Not immune (<5)"), "Immune (>=10)"),
    ("Hepatitis B core antibody, total", ("Nonreactive", "Nonreactive", "Reactive"), "Nonreactive"),
    ("Hepatitis C antibody", ("Nonreactive", "Nonreactive", "Reactive"), "Nonreactive"),
    ("HIV-1/2 Ag/Ab, 4th generation", ("Nonreactive",), "Nonreactive"),
    ("Treponemal antibody (syphilis)", ("Nonreactive", "Nonreactive", "Reactive"), "Nonreactive"),
    ("QuantiFERON-TB Gold Plus", ("Negative", "Negative", "Positive", "Indeterminate"), "Negative"),
    ("Measles (rubeola) IgG", ("Immune", "Immune", "Equivocal", "Not immune"), "Immune"),
    ("Varicella-zoster IgG", ("Immune", "Immune", "Not immune"), "Immune"),
    ("Rubella IgG", ("Immune", "Immune", "Not immune"), "Immune"),
    ("Lyme antibody screen", ("Negative", "Negative", "Positive - reflexed"), "Negative"),
    ("ANA by IFA", ("Negative", "Negative", "Positive, 1:160 speckled"), "Negative"),
    ("Rheumatoid factor", ("<10 IU/mL", "12 IU/mL", "41 IU/mL"), "<14 IU/mL"),
)


def lab_serology(c: Ctx) -> list[str]:
    """Reference-lab serology / immunology panel with qualitative results."""
    f = _as_sender(c, _REFERENCE_LABS)
    tests = c.some(_SEROLOGY, 3, 7)
    lines = _head(c, f, c.pick("center", "right", "tight")) + [""]
    lines += _heading(c, c.pick("Serology and Immunology Results", "Infectious Disease Serology",
                                "Immunology Report"), c.pick("stars", "left", "box"))
    lines += [""] + patient_block(c, c.pick("paired", "piped"))
    lines += [fields.two_col(f"Requisition: {_num(c, 8)}", f"Ordering: {c.doctor}"),
              fields.two_col(f"Drawn: {c.d(c.service_date)}", f"Resulted: {c.d(c.report_date)}"),
              f"Reason: {c.pick('Pre-employment', 'Immunity check', 'Screening', 'Pre-biologic screening', 'Symptoms')}",
              ""]
    lines += ["Test".ljust(34) + "Result".ljust(26) + "Expected", "=" * 33 + " " + "=" * 25 + " " + "=" * 14]
    abnormal = False
    for name, results, expected in tests:
        r = c.rng.choice(results)
        bad = r != expected and not r.startswith("<1")
        abnormal = abnormal or bad
        lines.append(name.ljust(34) + (r + (" *" if bad else "")).ljust(26) + expected)
    lines += ["", "* result differs from the expected value" if abnormal else "All results as expected.", ""]
    if any(n.startswith("Hepatitis C") for n, _, _ in tests):
        lines += wrap("Reactive HCV antibody specimens reflex to HCV RNA quantitation by PCR; a separate report "
                      "will follow.")
    if c.chance(0.5):
        lines += wrap(c.pick("Immune status results reflect antibody level only and do not prove protection.",
                             "Equivocal results should be repeated on a new specimen in 10-14 days."))
    return lines + ["", f"Performing site: {f.name}, {f.city_line}", "-- final --"]


_GENES = ("APC", "ATM", "BARD1", "BRCA1", "BRCA2", "BRIP1", "CDH1", "CDKN2A", "CHEK2", "EPCAM", "MLH1", "MSH2",
          "MSH6", "MUTYH", "NBN", "PALB2", "PMS2", "PTEN", "RAD51C", "RAD51D", "SMAD4", "STK11", "TP53")
_AMINO = ("Ala", "Arg", "Asn", "Asp", "Gly", "Leu", "Ser", "Thr", "Val", "Pro", "Glu", "Lys")


def lab_genetic(c: Ctx) -> list[str]:
    """Hereditary cancer germline panel report from a molecular lab."""
    f = _as_sender(c, _GENETIC_LABS, 0.8)
    genes = sorted(c.some(_GENES, 12, len(_GENES)))
    outcome = c.rng.choices(("negative", "vus", "positive"), weights=(6, 3, 1))[0]
    gene = c.rng.choice(genes)
    pos = c.rng.randint(100, 9000)
    ref, alt = c.rng.sample("ACGT", 2)
    aa_from, aa_to = c.rng.sample(_AMINO, 2)
    variant = f"{gene} c.{pos}{ref}>{alt} (p.{aa_from}{pos // 3}{aa_to})"
    lines = _head(c, f, c.pick("center", "rule")) + [""]
    lines += _heading(c, c.pick("Germline Genetic Test Report", "Hereditary Cancer Panel Results",
                                "Genetic Testing - Clinical Report"), c.pick("box", "center", "underline"))
    lines += [""] + patient_block(c, "paired")
    lines += [f"Specimen: {c.pick('Blood (EDTA)', 'Saliva', 'Buccal swab')}   Lab ID: MD-{_num(c, 7)}",
              f"Ordering clinician: {c.doctor}", f"Received: {c.d(c.service_date)}   Reported: "
              f"{c.d(c.report_date + timedelta(days=c.rng.randint(7, 20)))}", ""]
    summary = {"negative": "NEGATIVE - No pathogenic or likely pathogenic variants identified.",
               "vus": "UNCERTAIN - One variant of uncertain significance (VUS) identified.",
               "positive": f"POSITIVE - Pathogenic variant identified in {gene}."}[outcome]
    lines += ["RESULT SUMMARY", "-" * 14] + wrap(summary, "  ") + [""]
    if outcome != "negative":
        lines += ["Gene".ljust(10) + "Variant".ljust(40) + "Zygosity".ljust(14) + "Class",
                  gene.ljust(10) + variant.split(" ", 1)[1][:39].ljust(40) + "Heterozygous".ljust(14)
                  + ("VUS" if outcome == "vus" else "Pathogenic"), ""]
    lines += [f"Genes analyzed ({len(genes)}):"] + wrap(", ".join(genes), "  ") + [""]
    lines += ["INTERPRETATION"] + wrap({
        "negative": "No clinically significant variants were detected in the genes analyzed. A negative result "
                    "reduces but does not eliminate the possibility of a hereditary predisposition; family "
                    "history should continue to guide screening.",
        "vus": "Variants of uncertain significance should not be used to change medical management. The "
               "laboratory will issue an amended report if this classification changes.",
        "positive": f"This result is consistent with a hereditary predisposition associated with {gene}. "
                    "Management guidelines and cascade testing of at-risk relatives should be discussed.",
    }[outcome], "  ") + [""]
    lines += ["RECOMMENDATIONS"] + wrap(c.pick(
        "Genetic counseling is recommended to discuss these results and their implications for relatives.",
        "Referral to a certified genetic counselor is advised. Counseling is available by phone through our "
        "laboratory at no charge."), "  ") + [""]
    lines += ["METHODOLOGY"] + wrap("Next-generation sequencing of coding regions and flanking intronic sequence "
                                     "(+/- 20 bp), with copy-number analysis for exon-level deletions and "
                                     "duplications. Variants are classified following ACMG/AMP guidance.", "  ")
    if c.chance(0.6):
        lines += ["", "LIMITATIONS"] + wrap("Deep intronic and regulatory variants, low-level mosaicism and some "
                                             "structural rearrangements may not be detected by this assay.", "  ")
    return lines + ["", f"Laboratory director: {fields.clinician(c.rng)}, FACMG", f"CLIA {_num(c, 2)}D{_num(c, 7)}"]


_CRITICALS: tuple[tuple[str, str, float, float, int, str], ...] = (
    ("Potassium", "mmol/L", 6.2, 7.4, 1, "> 6.0"), ("Potassium", "mmol/L", 2.1, 2.7, 1, "< 2.8"),
    ("Sodium", "mmol/L", 112, 119, 0, "< 120"), ("Glucose", "mg/dL", 28, 45, 0, "< 50"),
    ("Glucose", "mg/dL", 520, 780, 0, "> 500"), ("Hemoglobin", "g/dL", 5.2, 6.8, 1, "< 7.0"),
    ("Platelet count", "x10^3/uL", 6, 19, 0, "< 20"), ("INR", "", 5.3, 9.8, 1, "> 5.0"),
    ("Troponin I, hs", "ng/L", 95, 2400, 0, "> 52"), ("Calcium", "mg/dL", 13.2, 14.9, 1, "> 13.0"),
    ("Absolute neutrophils", "x10^3/uL", 0.1, 0.45, 2, "< 0.50"),
)


def lab_critical_call(c: Ctx) -> list[str]:
    """Short written confirmation of a critical value telephoned to the office."""
    f = _as_sender(c, _HOSPITAL_LABS + _REFERENCE_LABS)
    name, unit, lo, hi, dec, limit = c.rng.choice(_CRITICALS)
    value = f"{c.rng.uniform(lo, hi):.{dec}f}"
    lines = _head(c, f, c.pick("left", "tight", "line")) + [""]
    lines += _heading(c, c.pick("Critical Value Notification", "Critical Result - Telephone Report",
                                "Panic Value Confirmation"), c.pick("stars", "box", "subject"))
    lines += [""] + patient_block(c, c.pick("stacked", "inline"))
    lines += ["", f"Test ............ {name}", f"Result .......... {value} {unit}".rstrip() + "   CRITICAL",
              f"Critical limit .. {limit} {unit}".rstrip(),
              f"Collected ....... {c.d(c.service_date)} {_t(c)}", f"Ordering ........ {c.doctor}", ""]
    if c.chance(0.25):
        lines += ["Blood culture, aerobic bottle: " + c.pick("Gram-positive cocci in clusters",
                                                           "Gram-negative rods", "Gram-positive cocci in chains"), ""]
    callee = _person(c, c.pick("RN", "LPN", "MA", "NP"))
    lines += [f"Called to: {callee}" + c.pick("", f" ({c.recipient.name})"),
              f"Called on: {c.d(c.report_date)} at {_t(c)}", f"Called by: {_initials(c)}, MLS(ASCP)",
              "Read-back verified: " + c.pick("[x] Yes  [ ] No", "YES", "Yes")]
    lines += [""] + wrap(c.pick("This fax documents the telephone report above. The complete report follows "
                                "separately.", "Written confirmation of a value already called to your office. "
                                "No reply needed.", "Please place in the patient's chart with the final report."))
    return lines


_TOX: tuple[tuple[str, int], ...] = (
    ("Amphetamines", 500), ("Barbiturates", 200), ("Benzodiazepines", 100), ("Buprenorphine", 5),
    ("Cocaine metabolite", 150), ("Fentanyl", 1), ("Methadone", 300), ("Opiates", 300), ("Oxycodone", 100),
    ("Cannabinoids (THC)", 50), ("Phencyclidine", 25), ("Tramadol", 100), ("Ethyl glucuronide", 500),
)


def lab_tox_screen(c: Ctx) -> list[str]:
    """Urine drug screen with cutoffs, validity checks and confirmation testing (pain clinic monitoring)."""
    f = _as_sender(c, _TOX_LABS, 0.75)
    drugs = c.some(_TOX, 7, len(_TOX))
    prescribed = c.some([d for d, _ in drugs], 0, 2)
    lines = _head(c, f) + [""]
    lines += _heading(c, c.pick("Urine Drug Screen with Reflex Confirmation", "Drug Monitoring Panel, Urine",
                                "Toxicology Report"), c.pick("left", "underline", "center"))
    lines += [""] + patient_block(c, c.pick("paired", "stacked"))
    lines += [f"Ordering: {c.doctor}", f"Collected: {c.d(c.service_date)}   Received: {c.d(c.report_date)}",
              "Medications reported: " + (", ".join(prescribed) if prescribed else "none listed"), ""]
    lines += ["Analyte".ljust(24) + "Screen".ljust(12) + "Cutoff ng/mL".ljust(15) + "Confirm (LC-MS/MS)"]
    lines += ["-" * 22 + "  " + "-" * 10 + "  " + "-" * 13 + "  " + "-" * 18]
    unexpected = []
    for drug, cutoff in drugs:
        positive = drug in prescribed or c.chance(0.06)
        conf = f"{c.rng.randint(cutoff + 1, cutoff * 12)} ng/mL" if positive else "--"
        lines.append(drug.ljust(24) + ("POSITIVE" if positive else "Negative").ljust(12) + str(cutoff).ljust(15) + conf)
        if positive and drug not in prescribed:
            unexpected.append(drug)
    lines += ["", "SPECIMEN VALIDITY:",
              f"  Creatinine {c.rng.randint(24, 240)} mg/dL   pH {c.rng.uniform(4.8, 7.8):.1f}",
              f"  Specific gravity 1.0{c.rng.randint(5, 29):02d}   Oxidants: not detected", ""]
    if unexpected:
        lines += wrap(f"INCONSISTENT with reported medications: {', '.join(unexpected)} detected.")
    elif prescribed:
        lines += wrap("Results are consistent with the medications reported on the requisition.")
    else:
        lines += wrap("No drugs detected at or above the screening cutoffs listed.")
    lines += [""] + wrap("Screening is by immunoassay. Presumptive positives are confirmed by liquid "
                         "chromatography-tandem mass spectrometry. For medical use only; not chain-of-custody.")
    return lines + ["", f"Certifying scientist: {_person(c, 'PhD')}"]


# ---- imaging -----------------------------------------------------------------------------------------

_RADIOLOGY = ("Crestview Imaging Associates", "Bayfront Radiology Partners", "Three Rivers Diagnostic Imaging",
              "Lakeview Advanced Imaging, LLC")
_BREAST_CENTERS = ("Lakeland Women's Imaging", "Rosewood Breast Center", "Magnolia Breast Health Imaging")
_VASCULAR_LABS = ("Pinecrest Vascular Laboratory", "Heartland Vein & Vascular", "Stonebridge Noninvasive Vascular Lab")
_NUCLEAR = ("Heritage Nuclear Cardiology", "Midvale Heart Imaging Center", "Cornerstone Cardiac Diagnostics")
_URGENT_CARES = ("QuickCare Urgent Care - Westside", "FirstStop Walk-In Clinic", "Northpoint Immediate Care",
                 "Redbud Express Care")
_LOBES = ("right upper lobe", "right middle lobe", "right lower lobe", "left upper lobe", "lingula",
          "left lower lobe")


def _reader(c: Ctx) -> str:
    return f"{fields.clinician(c.rng, with_title=False).split(',')[0]}, MD"


def _finalized(c: Ctx, who: str) -> list[str]:
    stamp = f"{c.d(c.report_date)} {_t(c)}"
    return c.rng.choice((
        ["", f"Interpreted by: {who}", f"Finalized: {stamp}"],
        ["", f"Read by {who} | Signed {stamp}"],
        ["", "This report was electronically signed.", f"{who}   {stamp}"],
        ["", f"Dictated: {who}", f"Approved: {stamp}   Workstation: RAD{c.rng.randint(1, 40):02d}"]))


def img_lung_screening(c: Ctx) -> list[str]:
    """Low-dose CT lung cancer screening with a nodule table and Lung-RADS category."""
    if not _fits_patient(c, "", 45):
        return img_mri_msk(c)
    f = _as_sender(c, _RADIOLOGY)
    nodules = []
    for _ in range(c.rng.choice((0, 0, 1, 1, 2, 3))):
        kind = c.pick("solid", "solid", "solid", "part-solid", "ground glass", "calcified")
        size = c.rng.randint(2, 11) if kind != "ground glass" else c.rng.randint(4, 18)
        nodules.append((c.rng.choice(_LOBES), kind, size, c.pick("new", "stable", "baseline", "stable")))
    solid = [s for _, k, s, _ in nodules if k in ("solid", "part-solid")]
    worst = max(solid) if solid else 0
    cat = "1" if not nodules else "2" if worst < 6 else "3" if worst < 8 else "4A"
    smoke = c.pick(f"Current smoker, {c.rng.randint(20, 60)} pack-years.",
                   f"Former smoker, {c.rng.randint(20, 50)} pack-years, quit {c.rng.randint(1, 14)} years ago.")
    lines = _head(c, f) + [""]
    lines += _heading(c, c.pick("CT Chest Low Dose - Lung Cancer Screening", "Lung Cancer Screening LDCT"),
                      c.pick("left", "underline", "form"))
    lines += patient_block(c, c.pick("paired", "stacked")) + [""]
    lines += [f"Exam date: {c.d(c.service_date)}", f"Referring: {c.doctor}",
              "Screening round: " + c.pick("baseline", "annual", "annual", "interval follow-up"), ""]
    lines += ["INDICATION:"] + wrap(f"Lung cancer screening. {smoke} Asymptomatic.", "  ")
    lines += ["", "TECHNIQUE:"] + wrap(
        f"Low-dose helical CT of the chest without IV contrast, 1.25 mm reconstructions. CTDIvol "
        f"{c.rng.uniform(0.8, 2.9):.1f} mGy; DLP {c.rng.randint(30, 110)} mGy-cm.", "  ")
    prior = c.service_date - timedelta(days=c.rng.randint(340, 400))
    lines += ["", "COMPARISON: " + c.pick("None.", f"LDCT {c.d(prior)}.", f"Screening CT dated {c.d(prior)}."), ""]
    lines += ["FINDINGS:", "  Lungs/airways:"]
    if nodules:
        lines.append("    #  Location             Type          Size (mm)  Status")
        for i, (lobe, kind, size, status) in enumerate(nodules, 1):
            lines.append(f"    {i}  {lobe.ljust(20)} {kind.ljust(13)} {str(size).ljust(10)} {status}")
    else:
        lines += wrap("No pulmonary nodules. Airways patent.", "    ")
    if c.chance(0.5):
        lines += wrap(c.pick("Mild centrilobular emphysema, upper lobe predominant.",
                             "Bibasilar dependent atelectasis.", "Mild bronchial wall thickening."), "    ")
    lines += ["  Pleura: " + c.pick("No effusion or pneumothorax.", "Small calcified pleural plaques."),
              "  Heart/mediastinum: " + c.pick("Normal heart size. Mild coronary artery calcification.",
                                               "Moderate coronary artery calcification.",
                                               "No lymphadenopathy. Heart size normal."),
              "  Upper abdomen: " + c.pick("Unremarkable.", "Small hiatal hernia.", "Hepatic steatosis."),
              "  Bones: " + c.pick("Degenerative changes of the thoracic spine.", "No aggressive lesion."), ""]
    recs = {"1": "Continue annual screening with LDCT in 12 months.",
            "2": "Continue annual screening with LDCT in 12 months.",
            "3": "Follow-up LDCT in 6 months.",
            "4A": "Follow-up LDCT in 3 months; PET/CT may be used if there is a solid component of 8 mm or more."}
    lines += ["IMPRESSION:"] + wrap(f"1. Lung-RADS category {cat}. {recs[cat]}", "  ")
    if c.chance(0.5):
        lines += wrap("2. Significant other finding (S): coronary artery calcification; consider cardiovascular "
                      "risk assessment.", "  ")
    return lines + _finalized(c, _reader(c))


def img_breast_diagnostic(c: Ctx) -> list[str]:
    """Diagnostic mammogram with targeted ultrasound and a BI-RADS assessment."""
    if not _fits_patient(c, "F", 25):
        return img_thyroid_us(c)
    f = _as_sender(c, _BREAST_CENTERS, 0.8)
    side = c.pick("right", "left")
    clock = c.rng.randint(1, 12)
    reason = c.pick(f"Palpable lump, {side} breast, {clock} o'clock.", f"Recall from screening: {side} breast asymmetry.",
                    f"Six-month follow-up of probably benign {side} breast mass.", f"Focal {side} breast pain.")
    birads, assess = c.rng.choice((("1", "Negative"), ("2", "Benign"), ("2", "Benign"),
                                   ("3", "Probably benign"), ("4A", "Suspicious - low suspicion for malignancy")))
    density = c.rng.choice(("a) almost entirely fatty", "b) scattered areas of fibroglandular density",
                            "c) heterogeneously dense, which may obscure small masses",
                            "d) extremely dense, which lowers the sensitivity of mammography"))
    size = [c.rng.randint(4, 19) for _ in range(3)]
    lines = _head(c, f, c.pick("center", "rule", "right")) + [""]
    lines += _heading(c, c.pick("Diagnostic Breast Imaging Report", "Mammogram and Breast Ultrasound"),
                      c.pick("title", "center", "box"))
    lines += [""] + patient_block(c) + [""]
    lines += [f"Procedures: Diagnostic mammogram {c.pick('bilateral', side)} with tomosynthesis; "
              f"US {side} breast, limited", f"Date: {c.d(c.service_date)}   Referring: {c.doctor}", ""]
    lines += ["History:"] + wrap(reason + c.pick("", " Family history of breast cancer (mother).",
                                                 " No prior breast surgery."), "  ")
    lines += ["", f"Breast composition: {density}.", "", "Mammogram:"]
    if birads == "1":
        lines += wrap("No mass, suspicious calcifications or architectural distortion. The area of concern, "
                      "marked with a skin marker, shows normal fibroglandular tissue.", "  ")
    else:
        lines += wrap(f"At the {clock} o'clock position there is an oval, circumscribed mass corresponding to "
                      "the area of concern. No associated calcifications.", "  ")
    lines += ["", "Ultrasound:"]
    if birads == "1":
        lines += wrap(f"Targeted scanning of the {side} breast at {clock} o'clock shows no solid or cystic mass.",
                      "  ")
    else:
        lesion = {"2": "an anechoic, circumscribed structure with posterior enhancement, a simple cyst",
                  "3": "an oval, circumscribed, hypoechoic solid mass parallel to the skin",
                  "4A": "an irregular hypoechoic mass with indistinct margins"}[birads]
        lines += wrap(f"At {clock} o'clock, {c.rng.randint(2, 9)} cm from the nipple, {lesion}, measuring "
                      f"{size[0]} x {size[1]} x {size[2]} mm.", "  ")
    lines += ["", f"ASSESSMENT: BI-RADS {birads} - {assess}.", "RECOMMENDATION: " + {
        "1": "Annual screening mammography.", "2": "Return to annual screening.",
        "3": f"Short-interval follow-up {side} breast ultrasound in 6 months.",
        "4A": "Ultrasound-guided core needle biopsy; scheduled with the patient today."}[birads], ""]
    lines += wrap(c.pick("The results were discussed with the patient at the time of the examination.",
                         "The patient was informed of these results before leaving the center; a results letter "
                         "has also been mailed as required by MQSA."))
    return lines + _finalized(c, _reader(c))


_DXA_SITES = (("L1-L4 spine", 1.047, 0.110), ("Femoral neck, left", 0.858, 0.120),
              ("Total hip, left", 0.942, 0.122), ("Femoral neck, right", 0.858, 0.120),
              ("Total hip, right", 0.942, 0.122), ("1/3 radius, left", 0.703, 0.058))


def img_dexa(c: Ctx) -> list[str]:
    """Bone densitometry with a T-/Z-score table, WHO classification, FRAX and change since prior."""
    if not _fits_patient(c, "", 40):
        return img_urgent_care_xr(c)
    f = _as_sender(c, _RADIOLOGY + _BREAST_CENTERS)
    sites = [_DXA_SITES[0], *c.some(_DXA_SITES[1:5], 2, 2)] + ([_DXA_SITES[5]] if c.chance(0.3) else [])
    base = c.rng.uniform(-3.0, 0.5)
    rows = []
    for name, mean, sd in sites:
        t = round(base + c.rng.uniform(-0.6, 0.6), 1)
        rows.append((name, mean + t * sd, t, round(t + c.rng.uniform(0.2, 1.4), 1)))
    low = min(r[2] for r in rows)
    who = "Normal" if low >= -1.0 else "Low bone mass (osteopenia)" if low > -2.5 else "Osteoporosis"
    lines = _head(c, f, c.pick("left", "line", "center")) + [""]
    lines += _heading(c, c.pick("Bone Density (DXA) Report", "Dual-Energy X-Ray Absorptiometry",
                                "Bone Mineral Density Study"), c.pick("underline", "center", "form"))
    lines += patient_block(c, c.pick("paired", "inline")) + [""]
    lines += [f"Scan date: {c.d(c.service_date)}   Scanner: {c.pick('Hologic Horizon A', 'GE Lunar iDXA')}",
              f"Referring provider: {c.doctor}",
              "Risk factors: " + ", ".join(c.some(("postmenopausal", "prior fragility fracture", "glucocorticoid use",
                                                   "low body weight", "parental hip fracture", "smoking",
                                                   "aromatase inhibitor therapy"), 1, 3)), ""]
    lines += ["Region".ljust(24) + "BMD (g/cm2)".ljust(14) + "T-score".ljust(10) + "Z-score",
              "-" * 24 + "-" * 14 + "-" * 10 + "-" * 7]
    for name, bmd, t, z in rows:
        lines.append(name.ljust(24) + f"{bmd:.3f}".ljust(14) + f"{t:+.1f}".ljust(10) + f"{z:+.1f}")
    lines += ["", f"WHO classification (lowest T-score {low:+.1f}): {who}."]
    if c.chance(0.7):
        mof, hip = c.rng.uniform(4, 29), c.rng.uniform(0.3, 6.5)
        lines += ["", "FRAX 10-year fracture probability:", f"  Major osteoporotic: {mof:.1f}%   Hip: {hip:.1f}%"]
        if mof >= 20 or hip >= 3:
            lines += wrap("Probability exceeds the usual treatment thresholds (20% major or 3% hip).", "  ")
    if c.chance(0.6):
        change = c.rng.uniform(-5.5, 2.5)
        sig = "a significant" if abs(change) > 3.0 else "no significant"
        lines += ["", f"Compared with {c.d(c.service_date - timedelta(days=c.rng.randint(700, 800)))}: spine BMD "
                  f"{change:+.1f}%, {sig} change (least significant change 3.0%)."]
    lines += ["", "Recommendation: " + c.pick("Repeat DXA in 2 years.", "Clinical correlation for treatment.",
                                             "Calcium, vitamin D and weight-bearing exercise; repeat in 2 years.")]
    return lines + _finalized(c, _reader(c))


_VEIN_SEGMENTS = ("Common femoral", "Femoral, proximal", "Femoral, mid", "Femoral, distal", "Popliteal",
                  "Posterior tibial", "Peroneal", "Great saphenous at SFJ")


def img_venous_duplex(c: Ctx) -> list[str]:
    """Vascular lab lower extremity venous duplex with a per-segment table."""
    f = _as_sender(c, _VASCULAR_LABS, 0.75)
    side = c.pick("Right", "Left", "Bilateral")
    clot = c.chance(0.25)
    clot_at = set(c.some(_VEIN_SEGMENTS[3:7], 1, 2)) if clot else set()
    lines = _head(c, f, c.pick("rule", "tight", "left")) + [""]
    lines += _heading(c, c.pick("Venous Duplex Ultrasound - Lower Extremity", "Lower Extremity Venous Study"),
                      c.pick("form", "left", "subject"))
    lines += [""] + patient_block(c, "stacked")
    lines += [f"Date of study: {c.d(c.service_date)}   Limb: {side}", f"Ordering: {c.doctor}",
              "Indication: " + c.pick("Leg swelling and pain", "Calf tenderness after long flight",
                                      "Rule out DVT", "Post-operative leg edema"), ""]
    lines += ["Segment".ljust(26) + "Compressible".ljust(14) + "Flow".ljust(14) + "Thrombus"]
    for seg in _VEIN_SEGMENTS:
        bad = seg in clot_at
        lines.append(seg.ljust(26) + ("No" if bad else "Yes").ljust(14) + ("Absent" if bad else "Phasic").ljust(14)
                     + ("Acute" if bad else "None"))
    lines += [""]
    if c.chance(0.5):
        lines += ["Contralateral common femoral: " + c.pick("patent, phasic flow", "compressible, normal")]
    lines += ["", "CONCLUSION:"]
    if clot:
        lines += wrap(f"Acute deep vein thrombosis of the {side.lower()} {', '.join(sorted(clot_at)).lower()} "
                      "vein(s).", "  ")
        lines += wrap(f"Preliminary result given to {c.pick('the ordering provider', 'the office nurse')} by "
                      f"telephone at {_t(c)}.", "  ")
    else:
        lines += wrap(c.pick("No evidence of deep or superficial venous thrombosis.",
                             "Negative for DVT in the veins examined."), "  ")
        if c.chance(0.4):
            lines += wrap("Incidental Baker's cyst in the popliteal fossa.", "  ")
    lines += ["", f"Sonographer: {_person(c, 'RVT')}", f"Interpreting physician: {_reader(c)}, RPVI"]
    return lines


_MSK = {
    "knee": (("Menisci", ("Intact.", "Horizontal-oblique tear of the posterior horn of the medial meniscus.",
                          "Degenerative signal in the medial meniscus without a discrete tear.")),
             ("Ligaments", ("ACL, PCL, MCL and LCL intact.", "Partial-thickness sprain of the proximal MCL.",
                            "Complete ACL tear with anterior tibial translation.")),
             ("Extensor mechanism", ("Quadriceps and patellar tendons intact.",
                                     "Mild patellar tendinosis at the inferior pole.")),
             ("Cartilage", ("Preserved.", "Partial-thickness chondral loss, medial femoral condyle.",
                            "Full-thickness fissure of the lateral patellar facet.")),
             ("Bone marrow", ("No fracture or contusion.", "Bone marrow edema of the medial tibial plateau.")),
             ("Joint fluid", ("Small effusion.", "Moderate effusion with a small Baker's cyst.", "No effusion."))),
    "shoulder": (("Rotator cuff", ("Intact.", "Supraspinatus tendinosis without tear.",
                                   "Full-thickness tear of the supraspinatus, 1.2 cm, with mild retraction.")),
                 ("Labrum", ("Grossly intact.", "Degenerative fraying of the superior labrum.")),
                 ("Biceps tendon", ("Normal position and caliber.", "Tenosynovitis of the long head.")),
                 ("AC joint", ("Mild degenerative hypertrophy.", "Moderate arthrosis with inferior osteophytes.")),
                 ("Bursa", ("No bursal fluid.", "Subacromial-subdeltoid bursitis.")),
                 ("Bones", ("No fracture or marrow replacement.", "Small cyst at the greater tuberosity."))),
}


def img_mri_msk(c: Ctx) -> list[str]:
    """Musculoskeletal MRI (knee or shoulder) with structure-by-structure findings."""
    f = _as_sender(c, _RADIOLOGY)
    joint = c.pick("knee", "shoulder")
    side = c.pick("RIGHT", "LEFT")
    picks = [(part, c.rng.choice(opts)) for part, opts in _MSK[joint]]
    lines = _head(c, f) + [""]
    lines += _heading(c, c.pick("MR Imaging Report", "Magnetic Resonance Report", "MRI Report"),
                      c.pick("center", "box", "left", "stars"))
    lines += [""] + patient_block(c, c.pick("paired", "piped")) + [""]
    lines += [f"EXAMINATION: MRI {side} {joint.upper()} WITHOUT CONTRAST",
              f"DATE: {c.d(c.service_date)}", f"REFERRING PHYSICIAN: {c.doctor}", ""]
    lines += ["CLINICAL INDICATION:"] + wrap(c.pick(
        f"{cap_first(joint)} pain after a twisting injury {c.rng.randint(2, 10)} weeks ago.",
        f"Chronic {joint} pain, failed conservative management.",
        "Locking and giving way." if joint == "knee" else "Weakness with overhead activity."), "  ")
    lines += ["", "TECHNIQUE:"] + wrap(
        f"Multiplanar, multisequence MRI of the {side.lower()} {joint} on a {c.pick('1.5', '3.0')} tesla magnet "
        "without intravenous contrast.", "  ")
    lines += ["", "COMPARISON: " + c.pick("Radiographs from the same week.", "None."), "", "FINDINGS:"]
    for part, text in picks:
        lines += wrap(f"{part.upper()}: {text}", "  ")
    abnormal = [f"{t[:-1]}" for _p, t in picks if t not in ("Intact.", "Preserved.", "No fracture or contusion.",
                                                            "Grossly intact.", "No bursal fluid.", "No effusion.",
                                                            "No fracture or marrow replacement.",
                                                            "Normal position and caliber.",
                                                            "ACL, PCL, MCL and LCL intact.",
                                                            "Quadriceps and patellar tendons intact.")]
    lines += ["", "IMPRESSION:"]
    if abnormal:
        for i, text in enumerate(abnormal[:4], 1):
            lines += wrap(f"{i}. {text}.", "  ")
    else:
        lines += wrap(f"1. No internal derangement of the {joint}.", "  ")
    return lines + _finalized(c, _reader(c))


def img_nuclear_stress(c: Ctx) -> list[str]:
    """Myocardial perfusion imaging (SPECT) with stress protocol, ECG response and gated function."""
    if not _fits_patient(c, "", 30):
        return img_venous_duplex(c)
    f = _as_sender(c, _NUCLEAR, 0.8)
    pharm = c.chance(0.45)
    ef = c.rng.randint(35, 72)
    defect = c.chance(0.3)
    age = c.age() or 60
    rest_hr, peak_hr = c.rng.randint(55, 90), c.rng.randint(120, 175)
    lines = _head(c, f, c.pick("center", "rule", "left")) + [""]
    lines += _heading(c, c.pick("Nuclear Myocardial Perfusion Study", "SPECT Stress Test Report",
                                "Cardiac Stress Imaging Report"), c.pick("center", "underline", "box"))
    lines += [""] + patient_block(c, c.pick("paired", "stacked"))
    lines += [f"Study date: {c.d(c.service_date)}", f"Referring physician: {c.doctor}",
              "Indication: " + c.pick("Chest pain", "Dyspnea on exertion", "Pre-operative risk assessment",
                                      "Abnormal ECG"), ""]
    lines += ["PROTOCOL:"]
    if pharm:
        lines += wrap("Pharmacologic stress with regadenoson 0.4 mg IV over 10 seconds followed by saline flush; "
                      "the patient was unable to exercise adequately.", "  ")
    else:
        mets = c.rng.uniform(5.0, 12.5)
        lines += wrap(f"Treadmill exercise, Bruce protocol, {c.rng.randint(4, 12)} min {c.rng.randint(0, 59)} s, "
                      f"{mets:.1f} METs. Stopped for {c.pick('fatigue', 'target heart rate achieved', 'dyspnea')}.",
                      "  ")
    lines += wrap(f"Tc-99m sestamibi {c.rng.uniform(8, 12):.1f} mCi at rest and {c.rng.uniform(25, 33):.1f} mCi "
                  "at stress, one-day protocol.", "  ")
    lines += ["", "HEMODYNAMICS:",
              f"  Resting HR {rest_hr} bpm, BP {c.rng.randint(110, 150)}/{c.rng.randint(62, 90)}",
              f"  Peak HR {peak_hr} bpm ({round(100 * peak_hr / (220 - age))}% of age-predicted maximum), "
              f"BP {c.rng.randint(140, 200)}/{c.rng.randint(60, 92)}", ""]
    lines += ["STRESS ECG:"] + wrap(c.pick("No ST-segment changes diagnostic of ischemia. No arrhythmias.",
                                           "1 mm horizontal ST depression in II, III, aVF at peak, resolving in "
                                           "recovery.", "Baseline LBBB; ECG not interpretable for ischemia."), "  ")
    lines += ["", "PERFUSION IMAGES:"]
    if defect:
        lines += wrap(f"{c.pick('Small', 'Medium')}-sized, {c.pick('mild', 'moderate')} reversible defect in the "
                      f"{c.pick('inferior', 'inferolateral', 'anterior', 'apical')} wall.", "  ")
    else:
        lines += wrap("Normal tracer distribution at stress and rest. No fixed or reversible defects.", "  ")
    lines += ["", "GATED SPECT:", f"  LVEF {ef}%   TID ratio {c.rng.uniform(0.9, 1.25):.2f}   Wall motion: "
              + ("normal" if ef >= 50 else "global hypokinesis"), ""]
    lines += ["IMPRESSION:"]
    if defect:
        lines += wrap("1. Abnormal study with reversible ischemia as described; intermediate risk.", "  ")
    else:
        lines += wrap("1. Normal myocardial perfusion; low risk for cardiac events.", "  ")
    lines += wrap(f"2. Left ventricular ejection fraction {ef}%.", "  ")
    return lines + ["", f"Stress supervised by: {_person(c, c.pick('NP', 'PA-C'))}",
                    f"Nuclear cardiologist: {_reader(c)}, FACC", f"Report date: {c.d(c.report_date)}"]


_XR_PARTS = ("wrist", "ankle", "foot", "hand", "chest", "finger", "elbow", "clavicle")


def img_urgent_care_xr(c: Ctx) -> list[str]:
    """Short urgent-care X-ray result: provider's preliminary read and the radiologist's over-read."""
    f = _as_sender(c, _URGENT_CARES, 0.8)
    part = c.rng.choice(_XR_PARTS)
    side = "" if part == "chest" else c.pick("right ", "left ")
    views = "2 views" if part == "chest" else c.pick("3 views", "2 views", "minimum 3 views")
    fracture = part != "chest" and c.chance(0.3)
    lines = _head(c, f, c.pick("tight", "left", "line")) + [""]
    lines += _heading(c, c.pick("X-Ray Result", "Radiograph Report", "Radiology Over-Read"),
                      c.pick("form", "left", "title"))
    lines += patient_block(c, c.pick("inline", "stacked"))
    lines += [f"Study: XR {side}{part}, {views}   Date: {c.d(c.service_date)}",
              f"Ordered by: {c.doctor} (urgent care)", ""]
    if part == "chest":
        read = c.pick("No focal consolidation. No effusion.", "Patchy right basilar opacity, may represent "
                      "pneumonia.")
    elif fracture:
        read = c.pick(f"Nondisplaced fracture of the {part}.", f"Minimally displaced avulsion fracture, {part}.")
    else:
        read = c.pick("No acute fracture or dislocation. Soft tissue swelling.", "No fracture seen. Joint spaces "
                      "preserved.")
    lines += ["Findings / impression:"] + wrap(read, "  ")
    lines += ["", "Radiologist over-read: " + c.pick("[x] Agrees with preliminary read  [ ] Discrepancy",
                                                     "concordant with initial interpretation",
                                                     "[ ] Agrees  [x] Discrepancy - patient to be called")]
    lines.append(f"Radiologist: {_reader(c)}   {c.d(c.report_date)}")
    if c.chance(0.5):
        lines += [""] + wrap("Images available on disc at the front desk or through the imaging portal.")
    return lines


def img_thyroid_us(c: Ctx) -> list[str]:
    """Thyroid ultrasound with lobe sizes and TI-RADS scoring of each nodule."""
    f = _as_sender(c, _RADIOLOGY)
    lines = _head(c, f, c.pick("center", "right", "line")) + [""]
    lines += _heading(c, c.pick("Ultrasound Thyroid / Soft Tissues Neck", "Thyroid Sonogram"),
                      c.pick("left", "underline", "center"))
    lines += patient_block(c, c.pick("paired", "stacked")) + [""]
    lines += [f"Date of exam: {c.d(c.service_date)}", f"Referring clinician: {c.doctor}",
              "Reason: " + c.pick("Palpable thyroid nodule", "Incidental nodule on CT", "Abnormal TSH",
                                  "Follow-up of known nodules"), ""]
    lines += ["FINDINGS:",
              f"  Right lobe: {c.rng.uniform(3.8, 5.9):.1f} x {c.rng.uniform(1.2, 2.2):.1f} x "
              f"{c.rng.uniform(1.0, 2.1):.1f} cm",
              f"  Left lobe:  {c.rng.uniform(3.8, 5.9):.1f} x {c.rng.uniform(1.2, 2.2):.1f} x "
              f"{c.rng.uniform(1.0, 2.1):.1f} cm", f"  Isthmus: {c.rng.randint(2, 6)} mm",
              "  Parenchyma: " + c.pick("homogeneous", "mildly heterogeneous", "heterogeneous, "
                                        "suggesting thyroiditis"), ""]
    recs = []
    for i in range(1, c.rng.randint(1, 3) + 1):
        comp = c.rng.choice((("cystic", 0), ("spongiform", 0), ("mixed cystic and solid", 1), ("solid", 2)))
        echo = c.rng.choice((("anechoic", 0), ("isoechoic", 1), ("hypoechoic", 2)))
        shape = c.rng.choice((("wider-than-tall", 0), ("wider-than-tall", 0), ("taller-than-wide", 3)))
        margin = c.rng.choice((("smooth", 0), ("ill-defined", 0), ("lobulated", 2)))
        foci = c.rng.choice((("none", 0), ("none", 0), ("macrocalcifications", 1), ("punctate echogenic foci", 3)))
        if comp[0] == "cystic":
            echo, shape, foci = ("anechoic", 0), ("wider-than-tall", 0), ("none", 0)
        pts = comp[1] + echo[1] + shape[1] + margin[1] + foci[1]
        tr = 1 if pts == 0 else 2 if pts == 2 else 3 if pts <= 3 else 4 if pts <= 6 else 5
        size = c.rng.uniform(0.5, 3.2)
        lines += [f"  Nodule {i}: {c.pick('right', 'left')} {c.pick('upper', 'mid', 'lower')} pole, "
                  f"{size:.1f} x {size * 0.8:.1f} x {size * 0.7:.1f} cm"]
        lines += wrap(f"{comp[0]}, {echo[0]}, {shape[0]}, {margin[0]} margins, echogenic foci: {foci[0]}. "
                      f"ACR TI-RADS {pts} points = TR{tr}.", "    ")
        fna = {3: 2.5, 4: 1.5, 5: 1.0}.get(tr)
        follow = {3: 1.5, 4: 1.0, 5: 0.5}.get(tr)
        if fna and size >= fna:
            recs.append(f"FNA of nodule {i} recommended.")
        elif follow and size >= follow:
            recs.append(f"Ultrasound follow-up of nodule {i} in {'1' if tr == 5 else '1-2'} year(s).")
    lines += ["", "  Lymph nodes: " + c.pick("No suspicious cervical lymph nodes.", "Reactive-appearing level II "
                                               "nodes with fatty hila."), ""]
    lines += ["IMPRESSION:"] + [ln for r in (recs or ["No nodule meets criteria for FNA or follow-up."])
                                for ln in wrap(f"- {r}", "  ")]
    return lines + _finalized(c, _reader(c))


# ---- referrals ---------------------------------------------------------------------------------------

_PRIMARY_CARE = ("Willow Bend Family Practice", "North Fork Internal Medicine", "Hillside Community Health Center",
                 "Parkview Primary Care Associates", "Sunrise Pediatrics & Adolescent Care",
                 "Meadowbrook Women's Health", "Two Creeks Rural Health Clinic")
_EMERGENCY = ("Westbrook Medical Center Emergency Dept", "Holy Cross Community Hospital ED",
              "Northpoint Immediate Care", "Sandhill Regional Emergency Services")
_ALLERGIES = ("NKDA", "No known drug allergies", "Penicillin (hives)", "Sulfa (rash)", "Codeine (nausea)",
              "Lisinopril (angioedema)", "Latex", "Iodinated contrast (itching)")


def _specialist(c: Ctx, specialty: str) -> str:
    prefix = c.pick("Lakeshore", "Granite Peak", "Tallgrass", "Pinnacle", "Bridgewater", "Cottonwood", "Eastridge",
                    "Silver Lake", "Blue Heron")
    return f"{prefix} {specialty} {c.pick('Associates', 'Specialists', 'Clinic', 'Partners, PC', 'Group')}"


def _labs_sentence(c: Ctx) -> str:
    picks = c.some((f"creatinine {c.rng.uniform(0.7, 2.1):.2f}", f"A1c {c.rng.uniform(5.4, 10.9):.1f}%",
                    f"hemoglobin {c.rng.uniform(8.9, 15.2):.1f}", f"TSH {c.rng.uniform(0.2, 8.8):.2f}",
                    f"LDL {c.rng.randint(60, 190)}", f"potassium {c.rng.uniform(3.4, 5.6):.1f}",
                    f"ferritin {c.rng.randint(4, 300)}"), 2, 4)
    return ", ".join(picks)


def ref_letter(c: Ctx) -> list[str]:
    """Referral letter from a primary care physician to a named specialist."""
    f = _as_sender(c, _PRIMARY_CARE)
    spec = c.rng.choice([s for s in clinical.SPECIALTIES if s != "Physical Therapy"])
    dx, icd = c.rng.choice(clinical.DIAGNOSES)
    other = _dxs(c, 1, 3)
    he, him, his = pronouns(c)
    lines = _head(c, f, c.pick("center", "left", "rule", "right")) + ["", c.d(c.report_date), ""]
    lines += [c.other_doctor.replace("Dr. ", ""), _specialist(c, spec)]
    if c.chance(0.5):
        lines.append(f"Via fax {phone(c, c.recipient.fax)}")
    lines += [""] + patient_block(c, c.pick("stacked", "inline"), ("RE:", "Re:", "Patient:")) + [""]
    lines += [f"Dear Dr. {_surname(c.other_doctor)},", ""]
    lines += wrap(c.pick(
        f"I would be grateful if you would see this {_age(c)} {_noun(c)} for assessment of {dx.lower()}.",
        f"Thank you for agreeing to see my patient, a {_age(c)} {_noun(c)} with {dx.lower()}, in your "
        f"{spec.lower()} clinic.",
        f"I am writing to refer a {_age(c)} {_noun(c)} whom I have been following for {dx.lower()} and would "
        "value your opinion.")) + [""]
    lines += wrap(c.pick(
        f"Over the last {c.rng.randint(2, 11)} months {he} has had {c.pick('worsening', 'persistent', 'intermittent')} "
        f"symptoms despite adjustments to {his} treatment. ",
        f"Symptoms began about {c.rng.randint(3, 20)} weeks ago and have not settled with first-line measures. ")
        + c.pick(f"Recent bloods ({c.d(c.service_date - timedelta(days=c.rng.randint(3, 40)))}) showed "
                 f"{_labs_sentence(c)}.",
                 "An ultrasound done locally was unremarkable.",
                 f"Examination today was notable only for a blood pressure of {c.rng.randint(128, 172)}/"
                 f"{c.rng.randint(70, 100)}.")) + [""]
    if c.chance(0.8):
        lines += ["Other history:"] + [f"  - {d}" for d, _ in other]
    lines += ["Current medications:"] + [f"  - {d}, {s}" for d, s in _meds(c, 2, 6)]
    lines += [f"Allergies: {c.rng.choice(_ALLERGIES)}", ""]
    lines += wrap(c.pick(
        f"In particular I would appreciate your advice on whether further investigation is needed and on "
        f"the best long-term treatment for {him}.",
        f"Could you please let me know whether {he} would benefit from a procedure, or whether we should "
        "continue medical management?",
        "I am happy for you to take over management of this problem if you feel that is appropriate.")) + [""]
    lines += wrap(c.pick("Enclosed are my last two office notes, the recent laboratory results and the "
                         "medication list.", "Relevant notes and results are attached to this fax.",
                         "The patient has been told to expect a call from your office to arrange an appointment."))
    lines += ["", f"ICD-10 for this referral: {icd}", "", c.pick("Kind regards,", "With thanks,",
                                                                 "Yours sincerely,", "Best wishes,"), ""]
    return lines + [c.doctor, f.name, f"Direct line: {phone(c, f.phone)}"]


def ref_behavioral_health(c: Ctx) -> list[str]:
    """Referral to behavioral health with screening scores and consent to contact."""
    f = _as_sender(c, _PRIMARY_CARE)
    phq, gad = c.rng.randint(5, 24), c.rng.randint(3, 20)
    lines = _head(c, f, c.pick("left", "tight", "line")) + [""]
    lines += _heading(c, c.pick("Behavioral Health Referral", "Referral for Mental Health Services",
                                "Integrated Behavioral Health - Referral"), c.pick("box", "underline", "stars"))
    lines += [""] + patient_block(c, c.pick("paired", "stacked"))
    lines += [f"Referral date: {c.d(c.report_date)}", f"Referring clinician: {c.doctor}",
              "Refer to: " + c.pick("Centennial Behavioral Health", "Community Counseling Collaborative",
                                    "Our embedded behavioral health clinician", "Any in-network therapist"), ""]
    lines += ["Services requested:"] + ["  " + x for x in check_list(c, (
        "Individual psychotherapy", "Psychiatric evaluation / medication management", "Substance use assessment",
        "Family or couples therapy", "Group therapy"), 1, 2)]
    lines += ["", "Presenting concerns:"] + _flow(check_list(c, (
        "Depressed mood", "Anxiety / worry", "Panic", "Insomnia", "Grief", "Trauma", "Alcohol use",
        "Relationship stress", "Work stress"), 1, 4), "  ")
    lines += ["", "Screening scores:", f"  PHQ-9: {phq}   GAD-7: {gad}" + c.pick("", f"   AUDIT-C: {c.rng.randint(0, 8)}")]
    si = c.pick("Denies", "Denies", "Passive thoughts, no plan or intent")
    lines += [f"  Suicidal ideation: {si}", "  Safety plan completed: " + c.pick("Yes", "N/A", "Yes, copy attached")]
    if c.chance(0.7):
        lines += ["", "Current psychotropic medication:"] + [
            f"  {x}" for x in c.some(("sertraline 50 mg daily", "escitalopram 10 mg daily", "bupropion XL 150 mg",
                                      "trazodone 50 mg at bedtime", "none"), 1, 2)]
    lines += ["", "Urgency: " + c.pick("Routine", "Routine", "Expedited - within 1 week"),
              "Consent to contact: " + c.pick("[x] Yes  [ ] No", "Yes"),
              "Best contact time: " + c.pick("mornings", "after 3 pm", "any", "weekday evenings"),
              "Interpreter needed: " + c.pick("No", "No", "Yes - Spanish", "Yes - Vietnamese")]
    if si != "Denies":
        lines += [""] + wrap("Crisis resources (988) reviewed with patient. Please prioritize scheduling.")
    return lines + ["", "Signature: ______________________   NPI: " + _num(c, 10)]


def ref_home_health(c: Ctx) -> list[str]:
    """Referral and order for home health services with homebound status and face-to-face attestation."""
    f = _as_sender(c, _PRIMARY_CARE + _EMERGENCY[:2])
    dxs = _dxs(c, 2, 4)
    lines = _head(c, f) + [""]
    lines += _heading(c, c.pick("Home Health Referral and Orders", "Referral to Home Health Agency",
                                "Home Care Services Request"), c.pick("center", "left", "box"))
    lines += [""] + patient_block(c, c.pick("stacked", "paired"))
    if c.patient is not None and c.patient.address and c.chance(0.5):
        lines.append(f"Service address: {c.patient.address}, {c.patient.city}")
    lines += [f"Agency: {c.pick('Heartland Home Health', 'VNA of the Lakes', 'CareBridge Home Services', 'Agency of patient choice')}",
              f"Start of care requested: {c.d(c.report_date + timedelta(days=c.rng.randint(1, 4)))}",
              f"Ordering / certifying physician: {c.doctor}", ""]
    lines += ["Diagnoses:"] + [f"  {i}. {d} - {code}" for i, (d, code) in enumerate(dxs, 1)]
    lines += ["", "Disciplines ordered:"] + _flow(check_list(c, ("Skilled nursing", "Physical therapy",
                                                              "Occupational therapy", "Speech therapy",
                                                              "Medical social work", "Home health aide"), 1, 3), "  ")
    lines += ["", "Skilled needs / orders:"] + [f"  - {x}" for x in c.some((
        "Medication reconciliation and teaching", "Weigh daily; report gain over 3 lb in 2 days",
        "Wound care per attached instructions", "Gait and balance training; fall prevention",
        "Diabetic teaching including insulin technique", "Blood draw for BMP in one week",
        "Home safety evaluation", "Vital signs each visit with parameters for calling the office"), 2, 5)]
    if c.chance(0.5):
        lines += ["", "Current medications (reconcile at first visit):"] + [f"  {d} - {s}" for d, s in _meds(c, 3, 8)]
    lines += ["", "Homebound status:"] + wrap(c.pick(
        "Leaving home requires a considerable and taxing effort and the assistance of a walker and another person.",
        "Unable to leave home without supervision due to cognitive impairment and fall risk.",
        "Short of breath after 20 feet; leaves home only for medical appointments."), "  ")
    lines += ["", f"Face-to-face encounter: {c.d(c.service_date)}"]
    lines += wrap("I certify that this patient is under my care, that I or an allowed practitioner had a "
                  "face-to-face encounter related to the primary reason for home health, and that the patient "
                  "is confined to the home and needs intermittent skilled services.", "  ")
    if c.chance(0.5):
        lines += ["", "DME needs: " + ", ".join(c.some(("shower chair", "front-wheeled walker", "hospital bed",
                                                         "bedside commode", "none"), 1, 2))]
    lines += ["", "Code status: " + c.pick("Full code", "DNR - form attached", "Not discussed"),
              f"Allergies: {c.rng.choice(_ALLERGIES)}", "", "Physician signature: ________________________  "
              "Date: __________", f"Questions: {phone(c, f.phone)}, ask for the referral coordinator"]
    return lines


def ref_urgent(c: Ctx) -> list[str]:
    """Short urgent referral asking for an expedited appointment (suspected cancer or acute problem)."""
    f = _as_sender(c, _PRIMARY_CARE)
    concern, spec = c.rng.choice((("new breast lump with skin dimpling", "Breast Surgery"),
                                  ("rectal bleeding with iron deficiency and weight loss", "Gastroenterology"),
                                  ("painless jaundice", "Gastroenterology"), ("rapidly enlarging neck mass", "ENT"),
                                  ("new atrial fibrillation with rate in the 130s", "Cardiology"),
                                  ("visible hematuria in a smoker", "Urology"),
                                  ("suspected melanoma, left calf", "Dermatology")))
    lines = _head(c, f, c.pick("left", "tight")) + [""]
    lines += _heading(c, c.pick("Urgent Referral", "Expedited Referral - Please Schedule Promptly",
                                "Urgent Specialist Referral"), c.pick("stars", "box", "subject"))
    lines += [""] + patient_block(c, c.pick("stacked", "inline"))
    lines += ["", f"To: {spec}" + c.pick("", f", attn {c.other_doctor}"), f"From: {c.doctor}", ""]
    lines += wrap(c.pick(f"Please see within {c.pick('48-72 hours', '1 week', '2 weeks')} for {concern}.",
                         f"Requesting an urgent appointment: {concern}.", f"Reason: {concern}. Seen in clinic "
                         f"{c.d(c.service_date)}."))
    if c.chance(0.6):
        lines += wrap(c.pick("CBC and CMP drawn today; results will be forwarded.", "Imaging has been ordered but "
                             "please do not wait for it.", "The patient knows of the concern and is anxious "
                             "to be seen."))
    lines += ["", f"Best number for the patient: {'see demographics' if c.chance(0.5) else 'on file'}",
              f"Call our referral line with the appointment: {phone(c, f.phone)}"]
    return lines


def ref_nutrition(c: Ctx) -> list[str]:
    """Referral for medical nutrition therapy and diabetes self-management education (DSMES)."""
    f = _as_sender(c, _PRIMARY_CARE)
    ht = c.rng.randint(58, 76)
    wt = c.rng.randint(130, 330)
    bmi = 703 * wt / (ht * ht)
    lines = _head(c, f, c.pick("center", "line", "rule")) + [""]
    lines += _heading(c, c.pick("Referral for Diabetes Education and Medical Nutrition Therapy",
                                "Dietitian / DSMES Referral Form", "Nutrition Services Referral"),
                      c.pick("title", "left", "underline"))
    lines += [""] + patient_block(c, c.pick("paired", "stacked")) + [""]
    lines += ["Qualifying diagnosis:"] + _flow(check_list(c, ("Type 2 diabetes (E11.9)", "Type 1 diabetes (E10.9)",
                                                           "Prediabetes (R73.03)", "CKD stage 3 (N18.30)",
                                                           "Obesity (E66.9)")
                                                       + (("Gestational diabetes (O24.419)",)
                                                          if c.patient and c.patient.sex == "F" else ()),
                                                       1, 2), "  ")
    lines += ["", f"Most recent A1c: {c.rng.uniform(5.8, 11.8):.1f}%  on "
                  f"{c.d(c.service_date - timedelta(days=c.rng.randint(5, 80)))}",
              f"Height: {ht} in   Weight: {wt} lb   BMI: {bmi:.1f}", ""]
    lines += ["Services:"] + ["  " + x for x in check_list(c, (
        "DSMES - initial 10 hours (group unless noted)", "DSMES - individual: vision/hearing/language barrier",
        "MNT - initial assessment, 3 hours", "MNT - follow-up, 2 hours", "Insulin start / pump training"), 1, 3)]
    lines += ["", "Topics to address:"] + _flow(c.some(("carbohydrate counting", "meal planning", "weight management",
                                                        "hypoglycemia", "renal diet", "glucose monitoring",
                                                        "physical activity", "label reading"), 2, 5), "  ", ", ")
    if c.chance(0.5):
        lines += ["", "Diabetes medications: " + ", ".join(c.some(("metformin", "insulin glargine", "Ozempic",
                                                                    "Jardiance", "glipizide", "none"), 1, 3))]
    lines += ["", "Ordering provider: " + c.doctor, f"NPI: {_num(c, 10)}   Date: {c.d(c.report_date)}",
              "Signature: _____________________________"]
    if c.chance(0.5):
        lines += [""] + wrap("Fax completed form to the nutrition department; we will call the patient to "
                             "schedule.")
    return lines


def ref_ehr_order(c: Ctx) -> list[str]:
    """EHR-printed ambulatory referral order with referral status and an attached visit excerpt."""
    f = _as_sender(c, _PRIMARY_CARE)
    spec = c.rng.choice([s for s in clinical.SPECIALTIES if s != "Physical Therapy"])
    dxs = _dxs(c, 1, 3)
    lines = _head(c, f, c.pick("left", "line")) + [""]
    lines += [f"Ambulatory referral to {spec}", "-" * len(f"Ambulatory referral to {spec}")]
    lines += patient_block(c, c.pick("piped", "paired")) + [""]
    lines += [fields.two_col(f"Referral ID: {_num(c, 8)}", "Status: " + c.pick("Sent", "Pending review",
                                                                              "Authorized")),
              fields.two_col(f"Priority: {c.pick('Routine', 'Routine', 'Urgent', 'STAT')}",
                             f"Ordered: {c.d(c.report_date)}"),
              f"Referred by: {c.doctor}", f"Referred to: {c.other_doctor}" + c.pick("", f", {_specialist(c, spec)}"),
              f"Visits requested: {c.pick('1', '1', '3', '6')}   Expires: "
              f"{c.d(c.report_date + timedelta(days=int(c.pick('90', '180', '365'))))}", ""]
    lines += ["Diagnoses:"] + [f"  {code:<8} {d}" for d, code in dxs]
    lines += ["", "Reason for referral: " + c.pick("Evaluate and treat", "Consult only - return to PCP",
                                                   "Evaluate for procedure", "Co-management")]
    lines += ["Comments:"] + wrap(c.pick("Patient prefers a morning appointment.", "Has seen your group before, "
                                         "about five years ago.", "Please send consult note to PCP.",
                                         "Needs interpreter."), "  ")
    lines += ["", "- Clinical information attached -", f"Last visit {c.d(c.service_date)} with {c.doctor}:",
              f"  Vitals: BP {c.rng.randint(104, 168)}/{c.rng.randint(60, 98)}  HR {c.rng.randint(56, 104)}  "
              f"BMI {c.rng.uniform(19, 41):.1f}"]
    lines += wrap(f"Assessment: {dxs[0][0]}. Plan: referral placed as above; continue current medications.", "  ")
    return lines + ["", f"Printed by {_initials(c)} on {c.d(c.report_date)} - {f.name}"]


def ref_ed_followup(c: Ctx) -> list[str]:
    """Emergency department / urgent care referral for outpatient follow-up with a PCP or specialist."""
    f = _as_sender(c, _EMERGENCY, 0.8)
    reason, spec = c.rng.choice((("closed fracture, splinted", "Orthopedics"), ("elevated blood pressure, "
                                "asymptomatic", "Primary care"), ("new diagnosis of diabetes (glucose 388)",
                                "Primary care"), ("kidney stone, 5 mm, passing", "Urology"),
                                 ("syncope, workup negative in ED", "Cardiology"),
                                 ("concussion without loss of consciousness", "Primary care")))
    lines = _head(c, f, c.pick("center", "left", "tight")) + [""]
    lines += _heading(c, c.pick("Referral for Follow-Up Care", "ED Follow-Up Referral", "Outpatient Referral"),
                      c.pick("left", "underline", "form"))
    lines += [""] + patient_block(c, c.pick("stacked", "paired"))
    lines += ["", f"Seen in our department: {c.d(c.service_date)}", f"Treating clinician: {c.doctor}",
              f"Referred to: {spec}" + c.pick("", f" - {c.other_doctor}", f" ({c.recipient.name})"),
              "Follow up within: " + c.pick("2-3 days", "1 week", "5-7 days", "2 weeks"), ""]
    lines += ["Reason for referral:"] + wrap(cap_first(reason) + ".", "  ")
    if c.chance(0.6):
        lines += ["", "What we did:"] + [f"  - {x}" for x in c.some((
            "X-ray obtained", "Splint applied", "Labs drawn", "ECG normal sinus rhythm", "Started on medication",
            "CT head negative", "Urinalysis obtained"), 1, 3)]
    lines += [""] + wrap(c.pick("The patient does not have a regular doctor; please accept as a new patient if "
                                "possible.", "The patient has been asked to call your office to schedule.",
                                "Our staff will call your office on the next business day to arrange the visit."))
    return lines + ["", f"ED case manager: {_person(c, c.pick('RN', 'MSW'))}  {phone(c, f.phone)}"]


def ref_sleep(c: Ctx) -> list[str]:
    """Referral to a sleep medicine center with STOP-BANG and Epworth scores, requesting a sleep study."""
    f = _as_sender(c, _PRIMARY_CARE)
    lines = _head(c, f) + [""]
    lines += _heading(c, c.pick("Sleep Center Referral", "Referral - Sleep Medicine Evaluation"),
                      c.pick("center", "box", "title"))
    lines += patient_block(c, c.pick("paired", "stacked")) + [""]
    lines += [f"Referring provider: {c.doctor}", f"Date: {c.d(c.report_date)}", ""]
    lines += ["Requested:"] + ["  " + x for x in check_list(c, ("Consult and sleep study as indicated",
                                                             "Home sleep apnea test", "In-lab polysomnography",
                                                             "CPAP titration", "Insomnia (CBT-I) evaluation"), 1, 2)]
    bang = c.rng.randint(2, 8)
    lines += ["", "Symptoms:"] + _flow(check_list(c, ("Loud snoring", "Witnessed apneas", "Daytime sleepiness",
                                                   "Morning headaches", "Insomnia", "Restless legs",
                                                   "Drowsy driving"), 1, 4), "  ")
    lines += ["", f"STOP-BANG score: {bang}/8   Epworth Sleepiness Scale: {c.rng.randint(4, 21)}/24",
              f"Neck circumference: {c.rng.randint(14, 20)} in   BMI: {c.rng.uniform(22, 44):.1f}", ""]
    lines += ["Relevant history:"] + [f"  - {d}" for d, _ in _dxs(c, 1, 3)]
    if c.chance(0.5):
        lines += wrap("Commercial driver - please expedite.", "  ")
    return lines + ["", "Please fax the consult note and study results to our office.", "",
                    "Provider signature: ________________________"]


# ---- consult notes -----------------------------------------------------------------------------------

_CONSULT_SPECIALTIES = ("Cardiology", "Gastroenterology", "Neurology", "Endocrinology", "Pulmonology", "Nephrology",
                        "Rheumatology", "Urology", "Hematology/Oncology")


def _vitals(c: Ctx) -> str:
    return (f"BP {c.rng.randint(102, 172)}/{c.rng.randint(58, 98)}, HR {c.rng.randint(52, 108)}, "
            f"RR {c.rng.randint(12, 20)}, SpO2 {c.rng.randint(91, 100)}%, wt {c.rng.randint(98, 290)} lb")


def cons_letter(c: Ctx) -> list[str]:
    """Consultation letter from a specialist back to the referring physician."""
    spec = c.rng.choice(_CONSULT_SPECIALTIES)
    f = _as_sender(c, [_specialist(c, spec)], 0.7)
    dx, icd = c.rng.choice(clinical.DIAGNOSES)
    he, him, his = pronouns(c)
    lines = _head(c, f, c.pick("center", "right", "rule")) + ["", c.d(c.report_date), ""]
    lines += [c.other_doctor.replace("Dr. ", ""), c.recipient.name, c.recipient.street, c.recipient.city_line, ""]
    lines += patient_block(c, c.pick("stacked", "inline"), ("RE:", "Re:")) + [""]
    lines += [f"Dear Dr. {_surname(c.other_doctor)},", ""]
    lines += wrap(c.pick(
        f"Thank you for asking me to see your patient in {spec.lower()} consultation on {c.d(c.service_date)} "
        f"regarding {dx.lower()}.",
        f"I had the pleasure of meeting this {_age(c)} {_noun(c)} in my office on {c.d(c.service_date)}, "
        f"referred for evaluation of {dx.lower()}.",
        f"As you know, this {_age(c)} {_noun(c)} was referred to our {spec.lower()} clinic for an opinion "
        f"about {dx.lower()}. I saw {him} on {c.d(c.service_date)}.")) + [""]
    lines += wrap(c.pick(
        f"{cap_first(he)} reports symptoms for roughly {c.rng.randint(2, 18)} months, "
        f"{c.pick('gradually progressive', 'fluctuating', 'worse over the past few weeks')}, without a clear "
        "trigger. ",
        f"The history is of {c.pick('episodic', 'daily', 'exertional')} symptoms that interfere with work and "
        "sleep. ") + c.pick(f"{cap_first(his)} current regimen has helped only partially. ",
                            "There have been no emergency visits. ", "Review of systems is otherwise negative. "))
    if c.chance(0.4):
        lines += [""] + wrap("Review of systems: " + c.pick(
            "no fevers, night sweats or weight change; no chest pain; bowel and bladder habits normal.",
            "positive for fatigue and poor sleep; otherwise negative in detail.",
            "notable for intermittent palpitations; negative for syncope, rash or joint swelling."))
    lines += [""] + _listed("Past history: ", [d for d, _ in _dxs(c, 1, 4)], "; ", ".")
    if c.chance(0.4):
        lines += ["Family history: " + c.pick("father with coronary disease in his 50s", "mother with type 2 "
                                             "diabetes", "noncontributory", "sister with thyroid disease") + "."]
    lines += _listed("Medications: ", [d for d, _ in _meds(c, 2, 6)], "; ", ".")
    lines += [f"Allergies: {c.rng.choice(_ALLERGIES)}.", "Social: " + c.pick(
        "never smoker, rare alcohol", "former smoker, quit 10 years ago", "current smoker, 1/2 pack daily",
        "lives with spouse, works full time", "retired, lives alone") + ".", ""]
    lines += wrap(f"On examination: {_vitals(c)}. " + c.pick(
        "Heart regular without murmur; lungs clear; no edema.", "Alert and oriented; cranial nerves intact; "
        "gait normal.", "Abdomen soft, mildly tender in the epigastrium, no organomegaly.",
        "Synovitis of the MCP joints bilaterally; no rash."))
    lines += [""] + wrap("Data reviewed: " + c.pick(
        f"your labs of {c.d(c.service_date - timedelta(days=c.rng.randint(5, 60)))} ({_labs_sentence(c)})",
        "the ECG from today, which shows sinus rhythm with no acute changes",
        "the CT report from last month, which I agree is unremarkable apart from the findings noted",
        "outside records including prior imaging and a recent echocardiogram") + ".")
    lines += ["", c.pick("Impression:", "Assessment:", "My impression:")] + wrap(
        f"{dx} ({icd}), {c.pick('likely', 'probably', 'clinically')} "
        f"{c.pick('mild', 'moderate', 'well compensated', 'not yet optimally controlled')}.", "  ")
    lines += ["", c.pick("Recommendations:", "Plan:", "Suggestions:")]
    recs = c.some((f"Start {clinical.drug_line(c.rng)[0]} and review in clinic.",
                   f"Increase {clinical.drug_line(c.rng)[0].split()[0]} as tolerated.",
                   "Obtain an echocardiogram and a 14-day ambulatory monitor.",
                   "Check fasting lipids, TSH and a urine albumin/creatinine ratio.",
                   "Proceed with colonoscopy; we will contact the patient to schedule.",
                   "MRI brain with and without contrast.", "Lifestyle measures discussed in detail.",
                   "No change to current therapy for now."), 2, 4)
    lines += [ln for i, r in enumerate(recs, 1) for ln in wrap(f"{i}. {r}", "  ")]
    lines += [""] + wrap(c.pick(
        f"I will see {him} again in {c.pick('six weeks', 'three months', 'two months')} and will keep you "
        "informed of progress.",
        "We will follow up after the tests above and I will write again with the results.",
        f"I have not arranged routine follow-up; I would be happy to see {him} again should things change."))
    lines += [""] + wrap(c.pick("Thank you for involving me in this patient's care.",
                                "Many thanks for this interesting referral.",
                                "Please do not hesitate to call with any questions."))
    return lines + ["", c.pick("Sincerely,", "With kind regards,", "Yours,"), "", c.doctor, spec,
                    f"cc: {c.pick('patient', 'chart', 'patient portal')}"]


_SURGERIES = ("total knee arthroplasty", "laparoscopic cholecystectomy", "lumbar decompression L4-L5",
              "transurethral resection of the prostate", "cataract extraction, right eye",
              "total hip arthroplasty", "ventral hernia repair", "rotator cuff repair")


def _surgery(c: Ctx) -> str:
    male = c.patient is not None and c.patient.sex == "M"
    return c.rng.choice([s for s in _SURGERIES if male or "prostate" not in s])


def cons_preop(c: Ctx) -> list[str]:
    """Pre-operative medical evaluation / clearance with RCRI and peri-operative medication advice."""
    f = _as_sender(c, _PRIMARY_CARE + ("Lakeshore Cardiovascular Institute", "Pre-Admission Testing Clinic"), 0.6)
    surgery = _surgery(c)
    rcri = c.some(("High-risk surgery", "Ischemic heart disease", "Heart failure", "Cerebrovascular disease",
                   "Insulin-treated diabetes", "Creatinine > 2.0 mg/dL"), 0, 2)
    risk = ("low" if len(rcri) <= 1 else "elevated")
    lines = _head(c, f) + [""]
    lines += _heading(c, c.pick("Preoperative Medical Evaluation", "Pre-Surgical Clearance",
                                "Perioperative Risk Assessment"), c.pick("center", "box", "left", "underline"))
    lines += [""] + patient_block(c, c.pick("paired", "stacked"))
    lines += ["", f"Planned procedure: {surgery}", f"Surgeon: {c.other_doctor}",
              f"Date of surgery: {c.d(c.report_date + timedelta(days=c.rng.randint(5, 30)))}   Anesthesia: "
              + c.pick("general", "spinal", "MAC", "regional block"), f"Evaluated by: {c.doctor} on "
              f"{c.d(c.service_date)}", ""]
    lines += ["HISTORY:"] + wrap(
        f"{cap_first(_age(c))} {_noun(c)} referred for pre-operative assessment before {surgery}. "
        + c.pick("Denies chest pain, dyspnea or syncope. ", "Mild exertional dyspnea, stable for years. ")
        + c.pick("Functional capacity greater than 4 METs (climbs two flights without stopping).",
                 "Functional capacity less than 4 METs, limited by joint pain.",
                 "Walks a mile daily without symptoms."), "  ")
    lines += ["", "PROBLEMS:"] + [f"  - {d}" for d, _ in _dxs(c, 1, 4)]
    lines += ["", f"EXAM: {_vitals(c)}"] + wrap("Heart regular, no murmur. Lungs clear. Airway: Mallampati "
                                                 f"{c.rng.randint(1, 3)}.", "  ")
    lines += ["", "STUDIES:", "  ECG: " + c.pick("sinus rhythm, normal intervals", "sinus bradycardia, no acute "
                                                "changes", "atrial fibrillation, rate controlled"),
              f"  Labs: Hgb {c.rng.uniform(10.5, 15.8):.1f}, K {c.rng.uniform(3.6, 5.1):.1f}, creatinine "
              f"{c.rng.uniform(0.6, 1.9):.2f}" + c.pick("", f", A1c {c.rng.uniform(5.5, 8.9):.1f}%"), ""]
    lines += ["RISK: RCRI " + str(len(rcri)) + " point(s)" + (f" ({', '.join(rcri)})" if rcri else "")]
    lines += wrap(f"The patient is at {risk} risk for perioperative cardiac complications. "
                  + c.pick("No further cardiac testing is needed before surgery.",
                           "Further testing would not change management.",
                           "Recommend cardiology input before proceeding." if risk == "elevated" else
                           "Proceed as planned."), "  ")
    lines += ["", "RECOMMENDATIONS:"]
    recs = c.some(("Continue beta-blocker and statin through surgery.", "Hold ACE inhibitor/ARB the morning of "
                   "surgery.", "Hold metformin the day of surgery; resume when eating.", "Hold apixaban 48 "
                   "hours before; no bridging needed.", "Take half the usual basal insulin the night before.",
                   "Hold NSAIDs 5 days before surgery.", "Incentive spirometry after surgery; early mobilization.",
                   "DVT prophylaxis per surgical team."), 2, 5)
    lines += [ln for r in recs for ln in wrap(f"- {r}", "  ")]
    lines += ["", c.pick("[x] Medically optimized for this procedure   [ ] Not cleared at this time",
                         "CLEARANCE: acceptable candidate from a medical standpoint.",
                         "Medically acceptable risk; final decision rests with anesthesia and surgery.")]
    return lines + ["", f"{c.doctor}", f"Fax copy to surgeon's office: {phone(c, c.recipient.fax)}"]


def cons_econsult(c: Ctx) -> list[str]:
    """Specialist's written answer to an e-consult question (chart review, patient not examined)."""
    spec = c.rng.choice(_CONSULT_SPECIALTIES)
    f = _as_sender(c, ("University Specialty eConsult Service", _specialist(c, spec)), 0.6)
    dx, _icd = c.rng.choice(clinical.DIAGNOSES)
    question = c.pick(
        f"Is further workup needed for {dx.lower()} or can this be managed in primary care?",
        f"What is the next step for {dx.lower()} not responding to first-line therapy?",
        "Mildly abnormal labs on routine testing - does this need a specialist visit?",
        "Please advise on medication choice given kidney function.")
    lines = _head(c, f, c.pick("left", "line", "tight")) + [""]
    lines += _heading(c, f"eConsult Response - {spec}", c.pick("left", "form", "underline", "box"))
    lines += [""] + patient_block(c, c.pick("inline", "paired"))
    lines += ["", f"Submitted by (PCP): {c.other_doctor}", f"Specialist reviewer: {c.doctor}",
              f"Question received: {c.d(c.service_date)}   Answered: {c.d(c.report_date)}", ""]
    lines += ["CLINICAL QUESTION:"] + wrap(f'"{question}"', "  ") + [""]
    lines += ["RESPONSE:"] + wrap(c.pick(
        "Thank you for this eConsult. I reviewed the recent note, the medication list and the results in the "
        "shared record. ", "Chart reviewed, including labs from the last year. ") + c.pick(
        "The findings are reassuring and are most consistent with a benign process. ",
        "This pattern does warrant further evaluation, but it can begin in primary care. ",
        "I agree with your working diagnosis. "), "  ")
    lines += ["", "  Suggested next steps:"] + [f"   {i}. {s}" for i, s in enumerate(c.some((
        "Repeat the test in 6-8 weeks.", "Add a urine albumin/creatinine ratio.", "Check iron studies and B12.",
        "Trial of a different agent at a low dose.", "Order an abdominal ultrasound.",
        "No further testing needed at this time."), 2, 3), 1)]
    lines += ["", "  Indications for an in-person visit:"] + wrap(c.pick(
        "worsening results on repeat testing, new symptoms, or patient preference.",
        "any red-flag symptoms such as weight loss, bleeding or night sweats."), "    ")
    lines += ["", "Face-to-face visit recommended: " + c.pick("[ ] Yes  [x] No", "[x] Yes - please place referral",
                                                              "No, not at this time")]
    lines += wrap("This advice is based on the information in the record; the patient was not examined. "
                  "Please re-consult with any new information.")
    return lines + [f"Time spent: {c.pick('10', '15', '20', '25')} minutes"]


def cons_second_opinion(c: Ctx) -> list[str]:
    """Second-opinion consultation after a review of outside records."""
    spec = c.pick("Orthopaedic Surgery", "Hematology/Oncology", "Neurosurgery", "Cardiothoracic Surgery",
                  "Gastroenterology")
    f = _as_sender(c, ("Academic Second Opinion Program", _specialist(c, spec)), 0.7)
    dx, _icd = c.rng.choice(clinical.DIAGNOSES)
    he, him, _his = pronouns(c)
    lines = _head(c, f, c.pick("center", "rule")) + [""]
    lines += _heading(c, c.pick("Second Opinion Consultation", "Independent Second Opinion"),
                      c.pick("center", "title", "box"))
    lines += [""] + patient_block(c, c.pick("stacked", "paired"))
    lines += [f"Date seen: {c.d(c.service_date)}", f"Physician: {c.doctor} ({spec})",
              f"Requested by: {c.pick('the patient', 'the patient and family', c.other_doctor)}", ""]
    lines += ["RECORDS REVIEWED:"] + [f"  - {x}" for x in c.some((
        f"Office notes from {c.other_doctor}", "MRI report and images on disc", "Operative report",
        "Pathology report", "Laboratory results from the past 6 months", "CT report", "Treatment plan letter"),
        3, 5)]
    lines += ["", "BACKGROUND:"] + wrap(
        f"The patient has {dx.lower()} and was advised to undergo "
        f"{c.pick('surgery', 'a course of treatment', 'a procedure', 'further testing')}. {cap_first(he)} came for an "
        "independent opinion before deciding.", "  ")
    lines += ["", "EXAMINATION:"] + wrap(f"{_vitals(c)}. Findings as detailed in the outside notes were "
                                          f"{c.pick('confirmed', 'largely confirmed', 'not reproduced')}.", "  ")
    lines += ["", "OPINION:"] + wrap(c.pick(
        "I agree with the diagnosis and with the treatment recommended by the primary team.",
        "I agree with the diagnosis, but would favor a further period of conservative management before any "
        "intervention.", "I would recommend additional testing before a final treatment decision.",
        "My reading of the imaging differs modestly from the outside report; see discussion."), "  ")
    lines += ["", "DISCUSSION:"] + wrap(f"Options, risks and expected outcomes were reviewed with {him} at length "
                                         "and questions answered. A copy of this opinion has been provided to "
                                         "the patient.", "  ")
    lines += ["", "Return here: " + c.pick("not needed; care continues with primary team", "as needed",
                                           "if the patient chooses treatment at our center")]
    return lines + ["", "Signed,", c.doctor, f"cc: {c.other_doctor}"]


def cons_derm_brief(c: Ctx) -> list[str]:
    """Short dermatology consult note with a biopsy and pathology pending."""
    f = _as_sender(c, ("Bridgewater Dermatology", "Sunspot Skin & Mohs Surgery", _specialist(c, "Dermatology")), 0.9)
    site = c.pick("left upper back", "right forearm", "nasal tip", "left shin", "right temple", "scalp, vertex")
    lesion = c.pick("pearly papule with telangiectasia", "irregularly pigmented macule", "scaly erythematous "
                    "plaque", "hyperkeratotic papule", "firm pink nodule")
    lines = _head(c, f, c.pick("left", "tight", "line")) + [""]
    lines += _heading(c, c.pick("Dermatology Consultation", "Skin Consult - New Patient"),
                      c.pick("title", "left", "underline"))
    lines += patient_block(c, "inline")
    lines += [f"Date: {c.d(c.service_date)}   Referred by: {c.other_doctor}", ""]
    lines += [f"Reason: {c.pick('lesion of concern', 'changing mole', 'non-healing spot')} on the {site}.",
              f"Exam: {c.rng.randint(3, 14)} mm {lesion}, {site}. " + c.pick("Remainder of skin exam with scattered "
                                                                            "seborrheic keratoses.", "No adenopathy.",
                                                                            "")]
    lines += ["Assessment: " + c.pick("r/o basal cell carcinoma", "r/o melanoma", "actinic keratosis vs SCC in situ",
                                      "atypical nevus")]
    lines += ["Procedure: " + c.pick("shave biopsy", "punch biopsy 4 mm", "saucerization") +
              " after consent and local lidocaine; hemostasis achieved. Specimen to pathology."]
    lines += ["Plan: we will call with pathology; wound care reviewed. " + c.pick(
        "Full skin exam yearly.", "Sun protection counseling.", "Return in 3 months.")]
    return lines + ["", f"{c.doctor}", c.pick("Dermatology", "Dermatology / Mohs Surgery")]


_INPT_CONSULTS = (
    ("Nephrology", "acute kidney injury", ("Hold nephrotoxins including NSAIDs and contrast.",
                                           "Isotonic fluids at 75 mL/h; reassess volume in the morning.",
                                           "Renal ultrasound to exclude obstruction.",
                                           "Daily BMP; strict intake and output.", "Renally dose antibiotics.")),
    ("Infectious Disease", "cellulitis with bacteremia", ("Continue cefazolin 2 g IV every 8 hours.",
                                                          "Repeat blood cultures until negative.",
                                                          "Transthoracic echocardiogram.",
                                                          "Plan 14 days of therapy from first negative culture.",
                                                          "PICC placement once cultures clear.")),
    ("Cardiology", "atrial fibrillation with rapid ventricular response",
     ("Metoprolol tartrate 25 mg every 6 hours, titrate to HR < 110.", "Start apixaban 5 mg twice daily.",
      "Echocardiogram.", "Check TSH and magnesium.", "Outpatient monitor after discharge.")),
    ("Gastroenterology", "upper GI bleeding", ("Pantoprazole 40 mg IV twice daily.", "EGD tomorrow morning; "
                                               "NPO after midnight.", "Transfuse for hemoglobin under 7.",
                                               "Hold anticoagulation.", "Two large-bore IVs.")),
)


def cons_inpatient(c: Ctx) -> list[str]:
    """Inpatient consult note written by a specialty service at the hospitalist's request."""
    f = _as_sender(c, ("Holy Cross Community Hospital", "Westbrook Medical Center", "Ashford Memorial Hospital"), 0.85)
    service, problem, recs = c.rng.choice(_INPT_CONSULTS)
    he, _him, his = pronouns(c)
    lines = _head(c, f) + [""]
    lines += _heading(c, c.pick(f"{service} Consult Note", f"Inpatient Consultation - {service}"),
                      c.pick("left", "center", "underline", "box"))
    lines += [""] + patient_block(c, c.pick("paired", "piped"))
    lines += [f"Room: {c.rng.randint(2, 8)}{c.rng.randint(10, 60):02d}-{c.pick('A', 'B')}   "
              f"Hospital day {c.rng.randint(1, 6)}", f"Date of consult: {c.d(c.service_date)}",
              f"Requesting: {c.other_doctor} (hospitalist)", f"Consultant: {c.doctor}", ""]
    lines += [f"REASON FOR CONSULT: {problem}.", ""]
    now = c.pick("feels somewhat better today", "remains symptomatic", "has no new complaints")
    lines += ["HPI:"] + wrap(f"{cap_first(_age(c))} {_noun(c)} admitted {c.d(c.service_date - timedelta(days=1))} "
                             f"with {c.pick('weakness', 'fever', 'palpitations', 'dizziness')}; {problem} noted on "
                             f"admission. {cap_first(he)} {now}.", "  ")
    lines += [""] + _listed("PMH: ", [d for d, _ in _dxs(c, 1, 3)])
    lines += _listed("HOME MEDS: ", [d for d, _ in _meds(c, 2, 5)])
    lines += ["", f"EXAM: {_vitals(c)}"] + wrap(c.pick("Ill-appearing but nontoxic.", "Comfortable, conversant.",
                                                       "Mildly tachycardic, irregular.") + " " + c.pick(
        "Lungs with bibasilar crackles.", "No JVD. Trace edema.", "Erythema of the lower leg, warm, tender."), "  ")
    lines += ["", "DATA:", "  Lab".ljust(22) + "Admit".ljust(10) + "Today"]
    for name, unit, lo, hi, dec in (("Creatinine", "mg/dL", 0.7, 3.4, 2), ("Potassium", "mmol/L", 3.2, 5.8, 1),
                                    ("WBC", "K/uL", 4.5, 19.0, 1), ("Hemoglobin", "g/dL", 7.2, 14.5, 1)):
        lines.append(f"  {name} ({unit})".ljust(22) + f"{c.rng.uniform(lo, hi):.{dec}f}".ljust(10)
                     + f"{c.rng.uniform(lo, hi):.{dec}f}")
    lines += ["  Imaging: " + c.pick("CXR without infiltrate.", "Renal US pending.", "CT reviewed, no acute process.")]
    course = c.pick("likely multifactorial", "improving", "not yet at goal")
    lines += ["", "ASSESSMENT:"] + wrap(f"{cap_first(problem)}, {course}. {cap_first(his)} other problems are being managed "
                                        "by the primary team.", "  ")
    lines += ["", "RECOMMENDATIONS:"] + [ln for i, r in enumerate(c.some(recs, 3, 5), 1)
                                         for ln in wrap(f"{i}. {r}", "  ")]
    lines += ["", c.pick("We will follow along with you. Thank you for the consult.",
                         "Will continue to follow daily; page with questions.",
                         "Signing off; please re-consult if needed.")]
    return lines + ["", f"{c.doctor}   pager {c.rng.randint(1000, 9999)}"]


def cons_psychiatry(c: Ctx) -> list[str]:
    """Outpatient psychiatric consultation with mental status exam and recommendations for the PCP."""
    f = _as_sender(c, ("Centennial Behavioral Health", "Prairie Psychiatric Associates", "Mindful Path Psychiatry"),
                   0.85)
    he, him, his = pronouns(c)
    dx = c.pick("Major depressive disorder, recurrent, moderate (F33.1)", "Generalized anxiety disorder (F41.1)",
                "Bipolar II disorder, current episode depressed (F31.81)", "PTSD, chronic (F43.12)",
                "Adjustment disorder with mixed anxiety and depressed mood (F43.23)")
    lines = _head(c, f, c.pick("center", "left", "right")) + [""]
    lines += _heading(c, c.pick("Psychiatric Consultation", "Psychiatric Evaluation - Consult Report"),
                      c.pick("title", "left", "center"))
    lines += [""] + patient_block(c, c.pick("stacked", "paired"))
    lines += [f"Date of evaluation: {c.d(c.service_date)}   Setting: " + c.pick("in person", "video visit"),
              f"Referring provider: {c.other_doctor}", ""]
    lines += ["Reason for referral:"] + wrap(c.pick("Diagnostic clarification and medication recommendations.",
                                                    "Depression not responding to two SSRI trials.",
                                                    "Anxiety with panic attacks; possible mood disorder."), "  ")
    lines += ["", "History:"] + wrap(f"{cap_first(he)} describes {c.pick('low mood', 'constant worry', 'irritability')} "
                                      f"for about {c.rng.randint(2, 24)} months with "
                                      f"{c.pick('poor sleep', 'low energy', 'poor concentration')} and "
                                      f"{c.pick('social withdrawal', 'tearfulness', 'racing thoughts')}. "
                                      f"{cap_first(his)} family history is notable for "
                                      f"{c.pick('depression', 'alcohol use disorder', 'bipolar disorder', 'nothing')}.",
                                      "  ")
    lines += ["", "Mental status examination:"]
    for label, opts in (("Appearance", ("well groomed", "casually dressed", "disheveled")),
                        ("Behavior", ("cooperative, good eye contact", "guarded", "restless")),
                        ("Speech", ("normal rate and volume", "soft, slowed")),
                        ("Mood/affect", ('"tired", constricted', '"anxious", congruent', '"ok", mildly dysphoric')),
                        ("Thought process", ("linear, goal-directed", "circumstantial")),
                        ("Thought content", ("no SI/HI, no delusions", "passive death wish, no plan or intent")),
                        ("Cognition", ("alert, oriented x3", "grossly intact")),
                        ("Insight/judgment", ("fair/fair", "good/good", "limited/fair"))):
        lines.append(f"  {label + ':':<18}{c.rng.choice(opts)}")
    lines += ["", f"Screening: PHQ-9 {c.rng.randint(6, 25)}, GAD-7 {c.rng.randint(4, 21)}",
              "Risk: " + c.pick("low acute risk; protective factors include family and employment",
                                "moderate chronic risk, low acute risk; safety plan completed"), ""]
    lines += ["Diagnosis:", f"  {dx}", "", "Recommendations to primary care:"]
    lines += [ln for i, r in enumerate(c.some((
        "Cross-taper sertraline to venlafaxine XR 75 mg, increasing to 150 mg after 2 weeks.",
        "Continue escitalopram; add bupropion XL 150 mg daily.", "Avoid benzodiazepines.",
        "Referral for weekly CBT.", "Check TSH, B12 and a metabolic panel.",
        "Start lamotrigine with slow titration; rash precautions reviewed.",
        f"{cap_first(he)} can be managed in primary care; we are available for re-consultation."), 2, 4), 1)
        for ln in wrap(f"{i}. {r}", "  ")]
    lines += [""] + wrap(f"Thank you for this referral. I discussed the plan with {him} and {he} agreed.")
    return lines + ["", f"{c.doctor}, {c.pick('Psychiatry', 'Adult Psychiatry', 'Consultation-Liaison Psychiatry')}"]


def cons_form_return(c: Ctx) -> list[str]:
    """Two-part referral form sent back with the consultant's report completed in part B."""
    spec = c.rng.choice(_CONSULT_SPECIALTIES)
    f = _as_sender(c, [_specialist(c, spec)], 0.7)
    dx, icd = c.rng.choice(clinical.DIAGNOSES)
    lines = _head(c, f, c.pick("left", "tight", "center")) + [""]
    lines += _heading(c, c.pick("Consultation Request and Report", "Physician Consultation Form - Reply"),
                      c.pick("box", "center", "left"))
    lines += [""] + patient_block(c, c.pick("paired", "stacked")) + [""]
    lines += ["PART A - REQUEST (completed by referring office)",
              f"  Referring: {c.other_doctor}   Date sent: "
              f"{c.d(c.service_date - timedelta(days=c.rng.randint(10, 60)))}",
              f"  Consultant: {c.doctor} ({spec})", f"  Referral diagnosis: {dx}",
              "  Request: " + c.pick("evaluate and advise", "evaluate and treat", "opinion only"), ""]
    lines += ["PART B - CONSULTANT'S REPORT", f"  Date seen: {c.d(c.service_date)}", "  Findings:"]
    lines += wrap(c.pick("History and examination consistent with the referral diagnosis. ",
                         "Symptoms milder than described in the request. ") + c.pick(
        "Tests ordered today as below.", "Recent outside labs and imaging reviewed.", "No red-flag features."),
        "    ")
    lines += [f"  Diagnosis: {dx} ({icd})", "  Treatment / recommendations:"]
    lines += [f"    - {x}" for x in c.some((f"Start {clinical.drug_line(c.rng)[0]}", "Labs before next visit",
                                            "Imaging ordered", "Lifestyle counseling", "Procedure scheduled",
                                            "Continue present management"), 1, 3)]
    lines += ["", "  Disposition:"] + ["    " + x for x in check_list(c, (
        "Return patient to referring provider", "Consultant to follow - next visit in 3 months",
        "Co-manage", "Further referral made"), 1, 1)]
    return lines + ["", f"  Consultant signature: {c.doctor}", f"  Date: {c.d(c.report_date)}"]


# ---- discharge summaries -----------------------------------------------------------------------------

_HOSPITALS = ("Holy Cross Community Hospital", "Westbrook Medical Center", "Ashford Memorial Hospital",
              "Sycamore Valley Surgical Hospital", "Prairie Lakes Regional Health")
_PSYCH_HOSPITALS = ("Bayview Behavioral Hospital", "Oak Hollow Psychiatric Center", "Ashford Memorial - "
                    "Inpatient Behavioral Health Unit")


def _med_changes(c: Ctx, most: int = 7) -> list[str]:
    rows = ["  " + "Medication".ljust(34) + "Instructions".ljust(32) + "Status"]
    for drug, sig in _meds(c, 3, most):
        status = c.pick("CONTINUE", "CONTINUE", "CONTINUE", "NEW", "CHANGED", "STOP")
        rows.append("  " + drug[:33].ljust(34) + (sig[:31] if status != "STOP" else "do not take").ljust(32) + status)
    return rows


def dc_ed(c: Ctx) -> list[str]:
    """Emergency department visit summary / ED discharge paperwork sent to the PCP."""
    f = _as_sender(c, _EMERGENCY, 0.7)
    complaint, dx = c.rng.choice((("chest pain", "Chest pain, noncardiac"), ("fall", "Contusion of left hip"),
                                  ("shortness of breath", "Acute bronchitis"), ("abdominal pain", "Gastroenteritis"),
                                  ("headache", "Migraine without aura"), ("ankle injury", "Sprain of right ankle"),
                                  ("dizziness", "Benign paroxysmal positional vertigo"),
                                  ("urinary burning with fever", "Acute pyelonephritis")))
    hour, minute = c.rng.randint(0, 19), c.rng.randint(0, 59)
    arrive, depart = f"{hour:02d}:{minute:02d}", f"{hour + c.rng.randint(2, 4):02d}:{c.rng.randint(0, 59):02d}"
    lines = _head(c, f, c.pick("center", "left", "rule")) + [""]
    lines += _heading(c, c.pick("Emergency Department Discharge Summary", "ED Visit Summary",
                                "Emergency Care - Discharge Record"), c.pick("center", "underline", "box"))
    lines += [""] + patient_block(c, c.pick("paired", "piped"))
    lines += [fields.two_col(f"Arrival: {c.d(c.service_date)} {arrive}", f"Departure: {depart}"),
              f"ED physician: {c.doctor}", f"Primary care: {c.other_doctor}", "",
              f"Chief complaint: {complaint}", f"Triage acuity (ESI): {c.rng.randint(2, 4)}", ""]
    lines += ["ED COURSE:"] + wrap(
        f"Evaluated for {complaint}. " + c.pick("Vital signs stable throughout. ", "Initially tachycardic, "
                                                "improved with fluids. ") + c.pick(
            "Labs and ECG unremarkable. ", "X-ray negative for fracture. ", "CT without acute findings. ",
            "Urinalysis consistent with infection; culture sent. ") + c.pick(
            "Symptoms improved and the patient was comfortable for discharge.",
            "Tolerated oral intake and ambulated without difficulty."), "  ")
    lines += ["", "Given in the ED:"] + [f"  - {x}" for x in c.some(("ondansetron 4 mg IV", "ketorolac 15 mg IV",
                                                                    "normal saline 1 L", "acetaminophen 1 g PO",
                                                                    "ceftriaxone 1 g IV", "meclizine 25 mg PO",
                                                                    "aspirin 324 mg PO"), 1, 3)]
    lines += ["", f"DIAGNOSIS: {dx}", "DISPOSITION: " + c.pick("Discharged home", "Home with family",
                                                              "Discharged home, ambulatory"),
              "CONDITION: " + c.pick("stable", "improved", "good"), ""]
    rx = _meds(c, 0, 2)
    lines += ["New prescriptions:"] + ([f"  {d} - {s}" for d, s in rx] or ["  (none)"])
    lines += ["", "Follow-up:"] + wrap(f"With {c.other_doctor} in {c.pick('2-3 days', '1 week', '3-5 days')}"
                                        + c.pick("", "; call for an appointment", "; results of pending culture "
                                                 "to be forwarded") + ".", "  ")
    lines += ["", "Return precautions:"] + wrap(c.pick(
        "Return for worsening pain, fever over 101, fainting, vomiting that will not stop, or any new concern.",
        "Come back right away for chest pain, trouble breathing, weakness or numbness."), "  ")
    return lines + ["", f"Electronically signed {c.d(c.report_date)} - {c.doctor}"]


def dc_observation(c: Ctx) -> list[str]:
    """Observation-status discharge summary (chest pain rule-out with troponins and stress testing)."""
    f = _as_sender(c, _HOSPITALS)
    hours = c.rng.randint(14, 40)
    trops = [c.rng.randint(2, 14) for _ in range(c.rng.choice((2, 3)))]
    lines = _head(c, f) + [""]
    lines += _heading(c, c.pick("Observation Discharge Summary", "Clinical Decision Unit - Discharge Note",
                                "Observation Stay Summary"), c.pick("left", "box", "title"))
    lines += [""] + patient_block(c, c.pick("stacked", "paired"))
    lines += [f"Placed in observation: {c.d(c.service_date - timedelta(days=1))}   Discharged: "
              f"{c.d(c.service_date)}", f"Duration: {hours} hours   Status: outpatient observation",
              f"Attending: {c.doctor}", ""]
    lines += ["Reason for observation: " + c.pick("chest pain, rule out acute coronary syndrome", "syncope",
                                                  "transient neurologic symptoms", "cellulitis needing IV antibiotics"),
              ""]
    lines += ["Results:", "  High-sensitivity troponin (ng/L): " + " -> ".join(str(t) for t in trops)
              + "  (ref < 22)", "  ECG: " + c.pick("normal sinus rhythm, no ischemic changes", "nonspecific T-wave "
                                                   "flattening, unchanged from prior"),
              "  " + c.pick(f"Stress echo: normal, {c.rng.randint(8, 12)} METs, no ischemia",
                            "Nuclear stress: no perfusion defects, EF 60%", "CT coronary angiogram: minimal "
                            "nonobstructive plaque", "Carotid duplex: < 50% stenosis bilaterally"), ""]
    lines += ["Summary:"] + wrap("Serial testing was negative for an acute process. " + c.pick(
        "Symptoms did not recur during the stay.", "Likely musculoskeletal pain.", "Felt to be low risk for "
        "short-term events."), "  ")
    lines += ["", "Discharge diagnosis: " + c.pick("Chest pain, unspecified", "Atypical chest pain",
                                                   "Syncope, likely vasovagal", "Cellulitis, improving"),
              "", "Medication changes:"] + _med_changes(c)[:c.rng.randint(2, 5)]
    lines += ["", "Follow-up: " + c.pick(f"PCP {c.other_doctor} within 1 week", "Cardiology clinic in 2-4 weeks",
                                         "Primary care in 3-5 days")]
    return lines + ["", f"{c.doctor} - {c.d(c.report_date)}"]


def dc_behavioral(c: Ctx) -> list[str]:
    """Inpatient psychiatric discharge summary with legal status, risk assessment and aftercare."""
    f = _as_sender(c, _PSYCH_HOSPITALS, 0.8)
    days = c.rng.randint(4, 21)
    he, _him, his = pronouns(c)
    lines = _head(c, f, c.pick("center", "rule", "left")) + [""]
    lines += _heading(c, c.pick("Psychiatric Discharge Summary", "Behavioral Health Discharge Summary",
                                "Discharge Summary - Inpatient Psychiatry"), c.pick("center", "box", "underline"))
    lines += [""] + patient_block(c, c.pick("paired", "stacked"))
    lines += [fields.two_col(f"Admitted: {c.d(c.service_date - timedelta(days=days))}",
                             f"Discharged: {c.d(c.service_date)}"),
              f"Legal status: {c.pick('Voluntary', 'Involuntary, converted to voluntary', 'Emergency hold (72 h)')}",
              f"Attending psychiatrist: {c.doctor}", ""]
    lines += ["REASON FOR ADMISSION:"] + wrap(c.pick(
        "Worsening depression with suicidal ideation and a plan.", "Acute mania with decreased need for sleep "
        "and unsafe behavior.", "Intentional overdose, medically cleared before transfer.",
        "Psychosis with command hallucinations."), "  ")
    lines += ["", "HOSPITAL COURSE:"] + wrap(
        f"Treated on a locked unit with milieu, group and individual therapy. {cap_first(his)} medications were "
        f"adjusted as below. {cap_first(he)} {c.pick('engaged well in groups', 'was initially withdrawn but improved')}"
        f" and had no seclusion or restraint. Family meeting held on hospital day {c.rng.randint(2, days)}.", "  ")
    lines += ["", "MENTAL STATUS AT DISCHARGE:"] + wrap(
        "Calm, cooperative, euthymic to mildly dysthymic affect; thought process linear; denies suicidal or "
        "homicidal ideation, intent or plan; no psychotic symptoms; insight and judgment fair.", "  ")
    lines += ["", "RISK ASSESSMENT:"] + wrap(c.pick(
        "Acute risk low; chronic risk moderate given history. Firearms: none in the home (confirmed with family).",
        "Acute risk reduced from admission; protective factors include children and outpatient engagement."), "  ")
    lines += ["", "DISCHARGE DIAGNOSES:", "  " + c.pick("Major depressive disorder, recurrent, severe (F33.2)",
                                                       "Bipolar I disorder, current episode manic (F31.2)",
                                                       "Schizoaffective disorder (F25.0)"),
              "  " + c.pick("Alcohol use disorder, moderate (F10.20)", "Generalized anxiety disorder (F41.1)",
                            "Cannabis use (F12.90)"), ""]
    lines += ["DISCHARGE MEDICATIONS:"] + [f"  {x}" for x in c.some((
        "sertraline 150 mg daily", "quetiapine 100 mg at bedtime", "lithium carbonate 300 mg twice daily",
        "aripiprazole 10 mg daily", "hydroxyzine 25 mg every 6 hours as needed for anxiety",
        "naltrexone 50 mg daily", "trazodone 50 mg at bedtime as needed"), 2, 4)]
    if c.chance(0.5):
        lines += wrap("Lithium level 0.7 mEq/L on the day before discharge; recheck in 1 week.", "  ")
    lines += ["", "AFTERCARE APPOINTMENTS:",
              f"  Psychiatry: {c.d(c.service_date + timedelta(days=c.rng.randint(3, 10)))} - {_person(c, 'MD')}",
              f"  Therapy: {c.d(c.service_date + timedelta(days=c.rng.randint(2, 8)))} - {_person(c, 'LCSW')}",
              f"  Primary care: {c.other_doctor} - patient to call", ""]
    lines += wrap("Crisis plan reviewed; 988 Suicide & Crisis Lifeline and local mobile crisis number provided.")
    return lines + ["", f"Dictated by {c.doctor}; signed {c.d(c.report_date)}"]


def dc_transition(c: Ctx) -> list[str]:
    """Continuity-of-care / transition-of-care document generated by the hospital EHR at discharge."""
    f = _as_sender(c, _HOSPITALS)
    dxs = _dxs(c, 2, 5)
    lines = _head(c, f, c.pick("left", "line", "tight")) + [""]
    lines += _heading(c, c.pick("Hospital-to-Home Transition Record", "Continuity of Care Document",
                                "Care Transitions Record"), c.pick("form", "left", "box", "title"))
    lines += patient_block(c, c.pick("paired", "stacked")) + [""]
    lines += [f"Encounter: inpatient, {c.d(c.service_date - timedelta(days=c.rng.randint(2, 8)))} to "
              f"{c.d(c.service_date)}", f"Discharging clinician: {c.doctor}",
              f"Receiving provider: {c.other_doctor} ({c.recipient.name})", ""]
    lines += ["PROBLEMS", "--------"] + [f"  {'Active' if i < 3 else 'Resolved'}   {code:<8} {d}"
                                          for i, (d, code) in enumerate(dxs)]
    lines += ["", "MEDICATIONS AT DISCHARGE", "------------------------"] + _med_changes(c, 12)
    lines += ["", "ALLERGIES", "---------", "  " + c.rng.choice(_ALLERGIES)]
    if c.chance(0.6):
        lines += ["", "IMMUNIZATIONS GIVEN", "-------------------"] + [
            f"  {x} - {c.d(c.service_date - timedelta(days=1))}" for x in c.some(
                ("Influenza, inactivated", "Pneumococcal conjugate (PCV20)", "COVID-19, updated", "Tdap"), 1, 2)]
    lines += ["", "PENDING AT DISCHARGE", "--------------------"] + [f"  {x}" for x in c.some((
        "Blood culture x2 (final in 5 days)", "Surgical pathology", "Urine culture", "Vitamin D level",
        "Hepatitis panel", "None"), 1, 2)]
    lines += ["", "FUNCTIONAL STATUS / DIET", "------------------------",
              "  " + c.pick("Independent with walker", "Independent", "Needs assistance with bathing"),
              "  Diet: " + c.pick("2 g sodium, 1.5 L fluid restriction", "Carbohydrate controlled", "Regular",
                                  "Soft, advance as tolerated")]
    lines += ["", "APPOINTMENTS", "------------"] + [
        f"  {c.d(c.service_date + timedelta(days=c.rng.randint(3, 21)))}  {x}" for x in c.some((
            f"PCP visit - {c.other_doctor}", "Cardiology clinic", "Lab draw (BMP)", "Wound clinic",
            "Pulmonary rehab intake", "Anticoagulation clinic"), 1, 3)]
    lines += ["", "CARE TEAM CONTACT: transitions nurse " + _person(c, "RN") + ", " + phone(c, f.phone)]
    return lines + ["", f"Generated {c.d(c.report_date)} {_t(c)} from the electronic health record."]


def dc_snf_transfer(c: Ctx) -> list[str]:
    """Hospital discharge / transfer summary to a skilled nursing facility."""
    f = _as_sender(c, _HOSPITALS)
    dx, icd = c.rng.choice(clinical.DIAGNOSES)
    snf = c.pick("Brookhaven Skilled Nursing & Rehab", "Cedar Terrace Care Center", "The Willows Transitional Care")
    lines = _head(c, f) + [""]
    lines += _heading(c, c.pick("Interfacility Transfer / Discharge Summary", "Discharge to Skilled Nursing Facility"),
                      c.pick("center", "left", "underline"))
    lines += [""] + patient_block(c, c.pick("stacked", "paired"))
    lines += [f"Discharged to: {snf}", f"Date/time of transfer: {c.d(c.service_date)} {_t(c)}   "
              f"Transport: {c.pick('BLS ambulance', 'wheelchair van', 'family car')}",
              f"Hospitalist: {c.doctor}", f"SNF attending: {c.other_doctor}", ""]
    lines += ["Code status: " + c.pick("Full code", "DNR/DNI", "DNR, okay to intubate"),
              "Isolation: " + c.pick("none", "contact (MRSA nares)", "contact (C. difficile) - 48 h remaining"),
              "Allergies: " + c.rng.choice(_ALLERGIES), ""]
    lines += [f"Principal diagnosis: {dx} ({icd})", "Hospital course:"] + wrap(
        f"Admitted with {dx.lower()} complicated by deconditioning. " + c.pick(
            "Treated and improved; PT recommends short-term rehab. ", "Course prolonged by delirium, now resolved. ")
        + "Medically stable for transfer.", "  ")
    lines += ["", "Last doses given:", "  " + "Medication".ljust(36) + "Last given"]
    for drug, _sig in _meds(c, 3, 6):
        lines.append("  " + drug.ljust(36) + f"{c.d(c.service_date)} {_t(c)}")
    lines += ["", "Skin: " + c.pick("intact", "stage 2 pressure injury, sacrum, foam dressing",
                                     "surgical incision, staples in place"),
              "Lines/drains: " + c.pick("none", "PICC right arm (for IV antibiotics)", "Foley - remove on arrival"),
              "Mobility: " + c.pick("weight bearing as tolerated with walker", "assist x1", "non-weight bearing LLE"),
              "Cognition: " + c.pick("alert and oriented", "mild baseline dementia", "intermittently confused at night"),
              ""]
    lines += ["Orders for SNF:"] + [f"  - {x}" for x in c.some((
        "PT/OT evaluate and treat", "CBC and BMP in 3 days", "Daily weights", "Fingerstick glucose before meals",
        "IV antibiotics through end date listed on MAR", "Follow-up with surgery in 2 weeks",
        "Speech therapy swallow evaluation"), 3, 5)]
    return lines + ["", "Report called to receiving nurse: " + _person(c, "RN") + f" at {_t(c)}",
                    f"Signed: {c.doctor}"]


def dc_surgical(c: Ctx) -> list[str]:
    """Short post-operative discharge summary from a surgical hospital."""
    f = _as_sender(c, _HOSPITALS[3:] + ("Northgate Ambulatory Surgery Center",))
    surgery = _surgery(c)
    op_day = c.service_date - timedelta(days=c.rng.choice((0, 1, 1, 2, 3)))
    lines = _head(c, f, c.pick("center", "rule", "right")) + [""]
    lines += _heading(c, c.pick("Surgical Discharge Summary", "Post-Operative Discharge Summary",
                                "Discharge Summary - Surgery"), c.pick("stars", "center", "left"))
    lines += [""] + patient_block(c, c.pick("paired", "inline"))
    lines += [f"Operation: {surgery}", f"Date of surgery: {c.d(op_day)}   Discharged: {c.d(c.service_date)}",
              f"Surgeon: {c.doctor}", ""]
    lines += ["Post-operative course:"] + wrap(c.pick("Uneventful. ", "Mild post-operative nausea, resolved. ",
                                                      "Urinary retention requiring one straight cath, resolved. ")
                                               + "Pain controlled on oral medication, voiding, tolerating diet.",
                                               "  ")
    lines += ["", "Wound care:"] + wrap(c.pick("Keep dressing dry for 48 hours, then may shower; no soaking.",
                                               "Steri-strips will fall off on their own; do not pull.",
                                               "Drain care as taught; record output twice daily."), "  ")
    lines += ["Activity:"] + wrap(c.pick("No lifting over 10 lb for 4 weeks.", "Walker, weight bearing as "
                                         "tolerated; home PT arranged.", "No driving while on opioid medication."),
                                  "  ")
    lines += ["", "Discharge medications:"] + [f"  {x}" for x in c.some((
        "oxycodone 5 mg every 4-6 hours as needed for severe pain (#20)", "acetaminophen 1000 mg every 8 hours",
        "docusate 100 mg twice daily while on opioids", "aspirin 81 mg twice daily x 4 weeks (DVT prophylaxis)",
        "cephalexin 500 mg four times daily x 5 days", "ondansetron 4 mg every 8 hours as needed"), 2, 4)]
    lines += ["  Resume home medications unless told otherwise."]
    lines += ["", "Follow-up: " + c.pick("surgeon's office in 10-14 days for wound check",
                                         "post-op visit in 2 weeks", "staple removal in 10 days with PCP")]
    return lines + ["Call for fever > 101.5, spreading redness, or calf pain.", "", f"{c.doctor}"]


def dc_letter(c: Ctx) -> list[str]:
    """Short hospitalist letter telling the PCP the patient went home, with the key points."""
    f = _as_sender(c, _HOSPITALS)
    dx, _icd = c.rng.choice(clinical.DIAGNOSES)
    he, him, his = pronouns(c)
    lines = _head(c, f, c.pick("center", "right", "left")) + ["", c.d(c.report_date), ""]
    lines += patient_block(c, "stacked", ("RE:", "Re:", "Patient:")) + [""]
    lines += [f"Dear Dr. {_surname(c.other_doctor)},", ""]
    lines += wrap(c.pick(
        f"Your patient was discharged from our hospital on {c.d(c.service_date)} after admission for "
        f"{dx.lower()}.", f"This is to let you know that {he} went home today following a "
        f"{c.rng.randint(2, 7)}-day stay for {dx.lower()}."))
    lines += [""] + wrap(c.pick(f"{cap_first(he)} improved with treatment and is going home with "
                                f"{c.pick('home health', 'family support', 'outpatient therapy')}. ",
                                f"{cap_first(his)} stay was uncomplicated. ") + c.pick(
        f"Please see {him} within 7 days and repeat a basic metabolic panel.",
        f"We stopped {clinical.drug_line(c.rng)[0].split()[0]}; please review at follow-up.",
        "The full discharge summary will follow once signed."))
    return lines + ["", "Sincerely,", "", c.doctor, c.pick("Hospitalist Service", "Hospital Medicine",
                                                           "Inpatient Medicine Team")]


def dc_obstetric(c: Ctx) -> list[str]:
    """Postpartum (obstetric) discharge summary with delivery details and infant information."""
    if not _fits_patient(c, "F", 16, 48):
        return dc_surgical(c)
    f = _as_sender(c, _HOSPITALS[:3] + ("Birthing Center at Prairie Lakes",))
    mode = c.pick("spontaneous vaginal delivery", "spontaneous vaginal delivery", "primary cesarean section",
                  "repeat cesarean section", "vacuum-assisted vaginal delivery")
    delivered = c.service_date - timedelta(days=c.rng.randint(1, 3))
    lines = _head(c, f) + [""]
    lines += _heading(c, c.pick("Obstetric Discharge Summary", "Postpartum Discharge Summary",
                                "Labor & Delivery Discharge Summary"), c.pick("title", "center", "box"))
    lines += [""] + patient_block(c, c.pick("stacked", "paired"))
    lines += [f"G{c.rng.randint(1, 5)}P{c.rng.randint(1, 4)}   Gestational age at delivery: "
              f"{c.rng.randint(36, 41)}w{c.rng.randint(0, 6)}d",
              f"Delivered: {c.d(delivered)}   Discharged: {c.d(c.service_date)}",
              f"Delivering provider: {c.doctor}", ""]
    cesarean = "cesarean" in mode
    anesthesia = c.pick("spinal", "epidural") if cesarean else c.pick("epidural", "epidural", "none")
    tear = "n/a" if cesarean else c.pick("none", "first degree, repaired", "second degree, repaired")
    lines += [f"Delivery: {mode}", f"  Anesthesia: {anesthesia}   EBL: {c.rng.randint(200, 1100)} mL",
              f"  Lacerations: {tear}",
              "", "Infant: " + c.pick("female", "male") + f", {c.rng.randint(2500, 4300)} g, Apgars "
              f"{c.rng.randint(7, 9)}/{c.rng.randint(8, 9)}, " + c.pick("rooming in", "discharged with mother",
                                                                          "NICU for observation"), ""]
    lines += ["Postpartum course:"] + wrap(c.pick("Uncomplicated.", "Mild hypertension treated with nifedipine; "
                                                  "BP check in 3 days.", "Anemia, given IV iron before discharge.")
                                           + " Infant feeding: " + c.pick("breast, going well",
                                                                          "breast, with lactation support",
                                                                          "formula by choice") + ".", "  ")
    lines += ["", "Rh: " + c.pick("positive", "negative - RhIG given"), "Rubella: " + c.pick("immune", "non-immune, "
                                                                                            "MMR given"),
              "Contraception plan: " + c.pick("IUD at 6 weeks", "progestin-only pill", "undecided", "tubal done"), ""]
    lines += ["Discharge medications: ibuprofen 600 mg every 6 hours as needed; prenatal vitamin daily"
              + c.pick("", "; docusate 100 mg twice daily")]
    return lines + ["Follow-up: postpartum visit in " + c.pick("2 weeks (incision check)", "6 weeks", "1 week (BP)"),
                    "", f"Signed: {c.doctor}  {c.d(c.report_date)}"]


# ---- other (not part of a patient's care record) -----------------------------------------------------

_VENDOR_NAMES = ("ShredSafe Document Destruction", "AnswerLine Medical Answering Service", "BrightSmile Uniforms",
                 "ClearPath Billing Solutions", "Vitalink EHR Consulting", "Summit Medical Supply Co.")
_PITCHES = (
    ("AnswerLine Medical Answering Service", "Never miss an after-hours call again. Live operators, "
     "HIPAA-compliant secure messaging and same-day setup."),
    ("ShredSafe Document Destruction", "Locked consoles, a certificate of destruction with every pickup, and "
                                       "no long-term contract."),
    ("ClearPath Billing Solutions", "Increase collections with certified coders and weekly denial "
                                    "management reports, with no software to install."),
    ("BrightSmile Uniforms", "Upgrade your team's scrubs: free embroidery on orders of 10 or more sets."),
    ("Vitalink EHR Consulting", "Struggling with your EHR? Our consultants build templates and train staff "
                                "on site or remotely."),
    ("Summit Medical Supply Co.", "Gloves, table paper, needles and more at wholesale prices, delivered "
                                  "next day."),
)
_HEALTH_SYSTEMS = ("Westbrook Health Network", "Holy Cross Physician Relations", "Prairie Lakes Regional Health",
                   "Tri-County Medical Society")


def oth_misdirected(c: Ctx) -> list[str]:
    """Misdirected-fax notice about a patient, or a fax directory / number change notice."""
    f = _as_sender(c, _PRIMARY_CARE + _HOSPITALS)
    if c.patient is not None:
        lines = _head(c, f, c.pick("left", "tight")) + [""]
        lines += _heading(c, c.pick("Fax Received in Error", "Notice of Misdirected Transmission",
                                    "Wrong Recipient"), c.pick("stars", "subject", "left"))
        lines += [""] + wrap(c.pick(
            f"On {c.d(c.report_date)} our office received a fax intended for another practice. The "
            "transmission concerned the individual below, who is not a patient here.",
            "Your fax about the person named below reached our machine, not the intended provider. We have not "
            "kept a copy."))
        lines += [""] + patient_block(c, "stacked", ("Re:", "Name:", "Patient:")) + [""]
        lines += wrap(c.pick("The pages have been shredded per our privacy policy. Please verify the fax number "
                             "before resending.", "Please update your directory; we believe the correct number "
                             "belongs to a clinic with a similar name."))
        return lines + ["", f"Privacy officer: {_person(c, c.pick('CHC', 'RHIA', 'office manager'))}",
                        f"Office phone: {phone(c, f.phone)}"]
    lines = _head(c, f, c.pick("center", "rule")) + [""]
    lines += _heading(c, c.pick("Our Fax Number Is Changing", "Please Update Your Fax Directory"),
                      c.pick("box", "center", "stars"))
    lines += [""] + wrap(f"Beginning {c.d(c.report_date + timedelta(days=c.rng.randint(7, 30)))}, please send all "
                         f"faxes for {f.name} to the new number below. The old number will be disconnected after "
                         "a short overlap period.")
    lines += ["", f"   NEW FAX: {phone(c, f.fax[:4] + f'{c.rng.randint(201, 989)}-{_num(c, 4)}')}", f"   Main line (unchanged): {phone(c, f.phone)}",
              ""]
    if c.chance(0.6):
        lines += wrap("Referrals, records requests and prescription renewals should all go to the new number. "
                      "Thank you for helping us keep patient information secure.")
    return lines + ["", "No patient information is contained in this transmission."]


def oth_appointments(c: Ctx) -> list[str]:
    """Missed-appointment / reminder letter copy about a patient, or a holiday schedule notice."""
    f = _as_sender(c, _PRIMARY_CARE)
    if c.patient is not None:
        appt = c.service_date + timedelta(days=c.rng.randint(-10, 20))
        missed = appt < c.report_date
        lines = _head(c, f) + ["", c.d(c.report_date), ""]
        lines += _heading(c, "Missed Appointment Notice" if missed else "Appointment Reminder",
                          c.pick("left", "subject", "underline"))
        lines += [""] + patient_block(c, "stacked", ("Patient:", "Name:", "RE:")) + [""]
        if missed:
            lines += wrap(f"Our records show that the appointment scheduled for {c.d(appt)} at {_t(c)} was missed "
                          "without notice. Please call us to reschedule. Repeated missed appointments may result "
                          "in a no-show fee.")
        else:
            lines += wrap(f"This is a reminder of the appointment on {c.d(appt)} at {_t(c)}. Please arrive 15 "
                          "minutes early with your insurance card and photo ID.")
        lines += [""] + wrap("To cancel or reschedule, call at least 24 hours in advance.")
        return lines + ["", f"Scheduling: {phone(c, f.phone)}", "(copy for chart / scheduling only)"]
    lines = _head(c, f, c.pick("center", "right")) + [""]
    lines += _heading(c, c.pick("Holiday Hours", "Office Closure Notice", "Schedule Change for the Holidays"),
                      c.pick("center", "box", "title"))
    start = c.report_date + timedelta(days=c.rng.randint(5, 40))
    lines += [""] + [f"  {c.d(start + timedelta(days=i))}: " + c.pick("CLOSED", "8:00 am - 12:00 noon", "CLOSED")
                     for i in range(c.rng.randint(2, 4))]
    lines += [""] + wrap("The on-call provider can be reached through the answering service for urgent needs. "
                         "Faxes received while we are closed will be processed on the next business day.")
    return lines + ["", "Warm wishes from all of us at " + f.name]


def oth_survey(c: Ctx) -> list[str]:
    """A patient's completed satisfaction survey, or a survey for the practice from a health system."""
    if c.patient is not None:
        f = _as_sender(c, _PRIMARY_CARE)
        lines = _head(c, f, c.pick("left", "line")) + [""]
        lines += _heading(c, c.pick("Your Visit Experience Survey", "How Did We Do? - Visit Survey"),
                          c.pick("title", "underline", "left"))
        lines += [""] + patient_block(c, "inline", ("Name:", "Patient:")) + [""]
        lines += ["Please rate (1 = poor, 5 = excellent):"]
        for q in c.some(("Ease of scheduling", "Wait time in the lobby", "Friendliness of front desk staff",
                         "Cleanliness of the office", "Parking", "Phone responsiveness",
                         "Would you recommend us to friends?"), 4, 6):
            score = c.rng.randint(2, 5)
            lines.append(f"  {q.ljust(36)} " + "  ".join(f"[{'x' if n == score else ' '}]{n}" for n in range(1, 6)))
        lines += ["", "Comments:"] + wrap(c.pick("Parking lot was full again.", "Everyone was very kind.",
                                                 "Hold times on the phone are too long.", "(none)"), "  ")
        return lines + ["", "Survey results are not part of the medical record."]
    f = _as_sender(c, _HEALTH_SYSTEMS, 0.8)
    lines = _head(c, f) + [""]
    lines += _heading(c, c.pick("Referring Practice Survey", f"Physician Satisfaction Survey {c.report_date.year}"),
                      c.pick("box", "center", "form"))
    lines += [""] + wrap("We value our relationship with community practices. Please take two minutes to tell "
                         "us how we are doing and fax this page back.")
    questions = c.some(("How easy is it to schedule your patients with our specialists?",
                        "How timely are our consult notes reaching your office?",
                        "How satisfied are you with our hospitalist communication?",
                        "How would you rate the courtesy of our transfer center?"), 2, 4)
    lines.append("")
    for i, q in enumerate(questions, 1):
        lines += [f"{i}. {q}", "   [ ] Very satisfied  [ ] Satisfied  [ ] Neutral  [ ] Dissatisfied", ""]
    lines += [f"{len(questions) + 1}. Which services would you like us to add?", "   " + "_" * 50, ""]
    return lines + [f"Return by fax to {phone(c, f.fax)}. Thank you!"]


def oth_invoice(c: Ctx) -> list[str]:
    """Interpreter-services invoice naming the patient served, or a supply/service invoice to the practice."""
    if c.patient is not None:
        f = _as_sender(c, ("LanguageBridge Interpreting", "Accurate Access Interpreters", "SignRight ASL Services"))
        mins = c.rng.choice((30, 45, 60, 90, 120))
        rate = c.rng.choice((55, 65, 75, 85))
        lines = _head(c, f, c.pick("left", "rule")) + [""]
        lines += _heading(c, "Invoice", c.pick("center", "box", "left"))
        lines += [f"Invoice #: {_num(c, 6)}   Date: {c.d(c.report_date)}", f"Bill to: {c.recipient.name}", ""]
        lines += patient_block(c, "inline", ("Patient:", "Name:"))
        lines += [f"Language: {c.pick('Spanish', 'ASL', 'Arabic', 'Somali', 'Vietnamese', 'Russian')}",
                  f"Assignment: {c.d(c.service_date)}, {mins} minutes, " + c.pick("on-site", "video remote"), "",
                  "Description".ljust(44) + "Qty".ljust(8) + "Amount",
                  "Interpretation, per hour".ljust(44) + f"{mins / 60:.2f}".ljust(8) + f"${rate * mins / 60:.2f}",
                  "Travel / mileage".ljust(44) + "1".ljust(8) + f"${c.rng.randint(0, 40)}.00", ""]
        return lines + ["Payment due in 30 days. Thank you for your business.", f"Remit to {f.street}, {f.city_line}"]
    f = _as_sender(c, _VENDOR_NAMES, 0.8)
    items = c.some((("Exam table paper, 21 in, case of 12", 38.5), ("Nitrile gloves, M, case", 64.0),
                    ("Sharps container 2 gal", 6.25), ("Monthly shredding service", 89.0),
                    ("Answering service, base plan", 145.0), ("Toner cartridge", 112.0),
                    ("Scrub tops, embroidered", 24.0)), 2, 4)
    lines = _head(c, f) + [""]
    lines += _heading(c, c.pick("Invoice", "Statement of Account", "Past Due Notice"), c.pick("left", "box", "center"))
    lines += [f"Account: {_num(c, 6)}   Invoice date: {c.d(c.report_date)}", f"Customer: {c.recipient.name}", ""]
    lines += ["Item".ljust(44) + "Qty".ljust(6) + "Unit".ljust(10) + "Total"]
    total = 0.0
    for item, price in items:
        qty = c.rng.randint(1, 6)
        total += qty * price
        lines.append(item.ljust(44) + str(qty).ljust(6) + f"{price:.2f}".ljust(10) + f"{qty * price:.2f}")
    lines += ["", f"{'Amount due:'.ljust(60)}${total:.2f}",
              f"Due by: {c.d(c.report_date + timedelta(days=30))}", ""]
    return lines + wrap("Pay online or mail a check to the address above. Questions about this invoice? "
                        f"Call {phone(c, f.phone)}.")


def oth_event(c: Ctx) -> list[str]:
    """CME dinner / webinar invitation, or a patient-portal enrollment notice about a patient."""
    if c.patient is not None:
        f = _as_sender(c, _PRIMARY_CARE + _HOSPITALS)
        lines = _head(c, f, c.pick("left", "center")) + [""]
        lines += _heading(c, c.pick("Online Portal Enrollment", "Portal Access Activation"),
                          c.pick("left", "form", "underline"))
        lines += [""] + patient_block(c, "stacked", ("Name:", "Patient:")) + [""]
        lines += [f"Activation code: {_num(c, 4)}-{_num(c, 4)}-{_num(c, 4)}",
                  f"Code expires: {c.d(c.report_date + timedelta(days=30))}", ""]
        lines += wrap("Go to the portal website, choose 'Sign up now' and enter the code above along with your "
                      "date of birth. The portal lets you message the office and pay bills online.")
        return lines + ["", f"Portal help desk: {phone(c, fields.random_phone(c.rng))}"]
    f = _as_sender(c, _HEALTH_SYSTEMS + ("Apex Continuing Education",), 0.8)
    topic = c.pick("Updates in Heart Failure Therapy", "GLP-1 Agonists in Primary Care", "Managing Chronic Pain "
                   "Safely", "Early Detection of Lung Cancer", "Practical Dermatology for the PCP")
    when = c.report_date + timedelta(days=c.rng.randint(10, 50))
    lines = _head(c, f, c.pick("center", "rule")) + [""]
    lines += _heading(c, c.pick("You Are Invited", "Dinner Program Invitation", "CME Webinar"),
                      c.pick("stars", "center", "box"))
    lines += ["", topic.center(W).rstrip(), "", f"Date: {c.d(when)}   Time: 6:30 pm",
              "Location: " + c.pick("The Riverfront Grill, private room", "Online (link sent on registration)",
                                    "Hospital auditorium, Level 1"), f"Speaker: {fields.clinician(c.rng)}", ""]
    lines += wrap(f"This activity has been approved for {c.pick('1.0', '1.5', '2.0')} AMA PRA Category 1 "
                  "Credits. Space is limited; please RSVP by fax or phone.")
    lines += ["", "Attendee: __________________  Practice: __________________  [ ] Yes  [ ] +1"]
    return lines + ["", f"RSVP {phone(c, f.phone)} | To opt out of future invitations, fax 'REMOVE'."]


def oth_recall(c: Ctx) -> list[str]:
    """Manufacturer / pharmacy lot recall notice, or a patient's change-of-contact form."""
    if c.patient is not None:
        f = _as_sender(c, _PRIMARY_CARE)
        lines = _head(c, f, c.pick("left", "tight")) + [""]
        lines += _heading(c, c.pick("Change of Address / Contact Information", "Demographic Update Form"),
                          c.pick("left", "box", "title"))
        lines += [""] + patient_block(c, "stacked", ("Name:", "Patient Name:")) + [""]
        lines += ["New address: ____________________________________",
                  "New number: (____) _____-______   [x] Cell  [ ] Home",
                  "Preferred contact: " + c.pick("[x] Text  [ ] Email  [ ] Mail", "[ ] Text  [x] Email  [ ] Mail"),
                  f"Effective: {c.d(c.report_date)}", ""]
        lines += wrap("Front desk use only: update registration. This form contains no clinical information.")
        return lines + ["", "Entered by: ____   Date: ________"]
    f = _as_sender(c, ("Summit Medical Supply Co.", "Great Plains Pharmaceutical Distributors",
                       "MedSupply Direct"), 0.8)
    product = c.pick("Blood glucose test strips", "Sterile saline flush syringes, 10 mL", "Insulin pen needles, "
                     "32G", "Lidocaine 1% multi-dose vials", "Disposable blood pressure cuffs")
    lines = _head(c, f) + [""]
    lines += _heading(c, c.pick("Urgent: Product Recall", "Voluntary Recall Notice", "Market Withdrawal Notice"),
                      c.pick("stars", "box", "left"))
    lines += [""] + wrap(f"{f.name} is notifying customers of a voluntary recall of the following product "
                         "because of a possible sterility / labeling defect identified by the manufacturer.")
    lines += ["", f"  Product: {product}", f"  Lot numbers: {', '.join(_num(c, 6) for _ in range(c.rng.randint(1, 4)))}",
              f"  Distributed: {c.d(c.report_date - timedelta(days=c.rng.randint(60, 240)))} to "
              f"{c.d(c.report_date - timedelta(days=c.rng.randint(5, 50)))}", ""]
    lines += ["What to do:"] + [f"  {i}. {s}" for i, s in enumerate((
        "Check your stock for the lot numbers above.", "Quarantine any affected units.",
        "Complete and fax back the response form, even if you have no affected stock."), 1)]
    lines += ["", "  [ ] We have affected product: qty ______   [ ] No affected product on hand",
              "  Practice: __________________________  Signature: ______________"]
    return lines + ["", f"Recall coordinator: {phone(c, f.phone)}"]


def oth_newsletter(c: Ctx) -> list[str]:
    """Hospital / lab newsletter to practices, or a returned-mail notice about a patient."""
    if c.patient is not None:
        f = _as_sender(c, ("ClearPath Billing Solutions", "Meridian Mailing & Statements"), 0.6)
        lines = _head(c, f, c.pick("left", "line")) + [""]
        lines += _heading(c, c.pick("Returned Mail Notification", "Undeliverable Mail Report"),
                          c.pick("left", "subject", "underline"))
        lines += [""] + patient_block(c, "stacked", ("Name:", "Patient Name:", "Patient:")) + [""]
        lines += [f"Item: {c.pick('Billing statement', 'Appointment letter', 'Newsletter')}",
                  "Returned: " + c.pick("Forwarding order expired", "No such number", "Unable to forward",
                                        "Vacant"), f"Date returned: {c.d(c.report_date)}", ""]
        lines += wrap("Please obtain a current mailing address at the next contact and update registration.")
        return lines
    f = _as_sender(c, _HEALTH_SYSTEMS + _HOSPITAL_LABS, 0.8)
    lines = _head(c, f, c.pick("center", "rule", "right")) + [""]
    lines += _heading(c, c.pick("Provider Update Newsletter", "Practice Connections", "Laboratory Services Bulletin"),
                      c.pick("box", "center", "stars", "title"))
    lines += [f"{c.pick('Spring', 'Summer', 'Fall', 'Winter')} {c.report_date.year} edition", ""]
    items = c.some((
        ("Courier schedule changes", "Afternoon specimen pickup moves to 3:30 pm starting next month."),
        ("New test menu items", "Reflex testing for hepatitis C RNA and a faster respiratory panel are now "
                                "available; see the updated requisition."),
        ("Welcome new physicians", f"Please welcome {fields.clinician(c.rng)} and {fields.clinician(c.rng)} to "
                                   "our medical staff."),
        ("Parking garage construction", "Patients should use the north entrance through the end of the year."),
        ("Flu season reminders", "Vaccine is in stock; standing orders are available for your nursing staff."),
        ("Referral line hours", "Our referral line is now open until 7 pm on weekdays.")), 2, 4)
    for title, text in items:
        lines += [title.upper(), *wrap(text), ""]
    return lines + [f"Questions or to unsubscribe: {phone(c, f.phone)}"]


def oth_vendor_ad(c: Ctx) -> list[str]:
    """Unsolicited vendor fax advertisement, or a non-emergency transport confirmation for a patient."""
    if c.patient is not None:
        f = _as_sender(c, ("RideWell Medical Transport", "CareCab NEMT Services", "Blue Sky Wheelchair Van"))
        lines = _head(c, f, c.pick("tight", "left")) + [""]
        lines += _heading(c, c.pick("Trip Confirmation", "Transportation Scheduled"), c.pick("left", "form"))
        lines += [""] + patient_block(c, "stacked", ("Name:", "Patient:", "Patient Name:")) + [""]
        lines += [f"Trip #: {_num(c, 7)}", f"Pickup: {c.d(c.service_date)} at {_t(c)}",
                  f"Destination: {c.recipient.name}, {c.recipient.street}",
                  "Vehicle: " + c.pick("ambulatory sedan", "wheelchair van", "stretcher van"),
                  "Return trip: " + c.pick("will-call", "scheduled", "none"), ""]
        return lines + wrap("Please have the patient ready 15 minutes before pickup. Call to cancel at least 24 "
                            "hours ahead.")
    vendor, pitch = c.rng.choice(_PITCHES)
    if c.chance(0.85):
        c.sender = fields.facility(c.rng, vendor)
    else:
        pitch = c.pick("Medical offices like yours trust us for fast, friendly service and fair prices.",
                       "We make running a busy practice a little easier. Ask about our new-client discount.")
    f = c.sender
    lines = _head(c, f, c.pick("center", "right", "rule")) + [""]
    lines += _heading(c, c.pick("Attention Office Manager", "Special Offer", "Free Trial for Your Practice"),
                      c.pick("stars", "box", "center"))
    lines += [""] + wrap(pitch) + [""]
    lines += [f"   * First month {c.pick('free', 'half price', '25% off')}", "   * No setup fees",
              "   * Trusted by hundreds of practices"]
    lines += ["", f"Call today: {phone(c, f.phone)}", ""]
    return lines + wrap("You are receiving this fax because your office is listed in a public directory. To opt "
                        "out, call the number above; we honor removal requests within 30 days.")


_TEMPLATES: dict[DocType, tuple[Template, ...]] = {
    DocType.lab_result: (lab_trend, lab_point_of_care, lab_surgical_pathology, lab_pap_cytology, lab_serology,
                         lab_genetic, lab_critical_call, lab_tox_screen),
    DocType.imaging_report: (img_lung_screening, img_breast_diagnostic, img_dexa, img_venous_duplex, img_mri_msk,
                             img_nuclear_stress, img_urgent_care_xr, img_thyroid_us),
    DocType.referral: (ref_letter, ref_behavioral_health, ref_home_health, ref_urgent, ref_nutrition, ref_ehr_order,
                       ref_ed_followup, ref_sleep),
    DocType.consult_note: (cons_letter, cons_preop, cons_econsult, cons_second_opinion, cons_derm_brief,
                           cons_inpatient, cons_psychiatry, cons_form_return),
    DocType.discharge_summary: (dc_ed, dc_observation, dc_behavioral, dc_transition, dc_snf_transfer, dc_surgical,
                                dc_letter, dc_obstetric),
    DocType.other: (oth_misdirected, oth_appointments, oth_survey, oth_invoice, oth_event, oth_recall,
                    oth_newsletter, oth_vendor_ad),
}
TEMPLATES: dict[DocType, tuple[Template, ...]] = {t: tuple(_fits(f) for f in fns) for t, fns in _TEMPLATES.items()}
