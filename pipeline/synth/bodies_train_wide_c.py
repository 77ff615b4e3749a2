"""Wider "train" templates, set C: referrals, consult notes and progress notes that share clinical vocabulary.

These three types all talk about symptoms, screening scores, medications and results; what tells them apart is
the framing. A referral asks another clinician or program to take the patient on (who, why, how soon, what is
wanted, coverage, how to book); a consult note is the specialist answering the clinician who asked; a progress
note records one visit in ongoing care and mentions referrals, labs and refills only in passing. Every template
here carries a lot of clinical content around one of those framings, from senders not used by the other train
sets, and varies its headings, wording, optional sections and their order.
"""

from __future__ import annotations

import functools
import re
import textwrap
from collections.abc import Callable, Sequence
from datetime import date, timedelta

from pipeline.records import DocType
from pipeline.synth import clinical, fields
from pipeline.synth.context import Ctx, cap_first, check_list, letterhead, patient_block, phone, pronouns
from pipeline.synth.fields import Facility, wrap

W = fields.LINE_WIDTH
Template = Callable[[Ctx], list[str]]
_ITEM = re.compile(r"\s*(\d{1,2}[.)]|-|\*)\s+")
_LABELLED = re.compile(r"\s*[A-Za-z][^:]{0,26}:\s+")


# ---- shared helpers ----------------------------------------------------------------------------------

def _page(fn: Template) -> Template:
    """Keep every line on the page: an over-long line continues under its label or its own indentation."""

    @functools.wraps(fn)
    def run(c: Ctx) -> list[str]:
        out: list[str] = []
        for line in fn(c):
            line = line.rstrip()
            if len(line) <= W:
                out.append(line)
                continue
            if line.startswith("| "):  # a side-barred summary keeps its bar
                out += ["| " + x for x in textwrap.wrap(line[2:], W - 2, subsequent_indent="  ")]
                continue
            item = _ITEM.match(line) or _LABELLED.match(line)
            hang = item.end() if item else len(line) - len(line.lstrip()) + 3
            out += textwrap.wrap(line, W, subsequent_indent=" " * hang)
        return out

    return run


def _from(c: Ctx, names: Sequence[str], p: float = 0.75) -> Facility:
    """Most of the time send the document from one of `names` (the fax header follows) instead of the caller's."""
    if c.chance(p):
        c.sender = fields.facility(c.rng, c.rng.choice(list(names)))
    return c.sender




def _lh(c: Ctx, f: Facility, dept: str = "", style: str | None = None) -> list[str]:
    """A letterhead, optionally with a department line, in one of several looks."""
    style = style or c.pick("center", "left", "dept", "slash", "ruled", "corner", "bare")
    ph, fx = phone(c, f.phone), phone(c, f.fax)
    if style in ("center", "left"):
        head = letterhead(f, style, c.rng)
        if dept:
            head.insert(1, dept.center(W).rstrip() if style == "center" else dept)
        return head
    if style == "dept":
        return [f.name] + ([dept] if dept else []) + [f.street, f"{f.city_line}   tel {ph}   fax {fx}"]
    if style == "slash":
        top = f"{f.name} / {f.street} / {f.city_line}"
        return ([top] if len(top) <= W else [f.name, f"{f.street} / {f.city_line}"]) + \
            ([dept] if dept else []) + [f"t {ph} / f {fx}"]
    if style == "ruled":
        mid = [f.name.upper().center(W).rstrip()] + ([dept.center(W).rstrip()] if dept else [])
        return ["-" * W] + mid + [f"{f.street}, {f.city_line}".center(W).rstrip(), "-" * W,
                                  fields.two_col(f"Phone {ph}", f"Fax {fx}")]
    if style == "corner":
        return [fields.two_col(f.name, f"Ph {ph}"), fields.two_col(dept or f.street, f"Fx {fx}")] + \
            ([f"{f.street}, {f.city_line}"] if dept else [f.city_line])
    one = f"{f.name} ({f.city}, {f.state})" + (f" - {dept}" if dept else "")
    return [one if len(one) <= W else f.name, f"Fax back: {fx}"]


def _hd(c: Ctx, text: str, style: str | None = None) -> list[str]:
    """A document title (written in Title Case) in one of several looks."""
    style = style or c.pick("caps", "centered", "dashed", "bracket", "double", "dots", "chevron", "doc")
    up = text.upper()
    if style == "caps":
        return [up]
    if style == "centered":
        return [up.center(W).rstrip()]
    if style == "dashed":
        return [f"--- {up} ---"]
    if style == "bracket":
        return [f"[ {up} ]"]
    if style == "double":
        return [up, ("= " * len(up))[:len(up)].rstrip()]
    if style == "dots":
        return [text, "." * len(text)]
    if style == "chevron":
        return [f">> {text}"]
    return [f"{c.pick('Document', 'Note type', 'Form')}: {text}"]


def _sx(style: str, text: str) -> str:
    """A section label: 'caps' (HISTORY:), 'title' (History:), 'bare' (HISTORY) or 'bracket' ([History])."""
    if style == "caps":
        return text.upper() + ":"
    if style == "title":
        return text + ":"
    if style == "bare":
        return text.upper()
    return f"[{text}]"


def _ago(c: Ctx, lo: int, hi: int) -> date:
    return c.service_date - timedelta(days=c.rng.randint(lo, hi))


def _ahead(c: Ctx, lo: int, hi: int) -> date:
    return c.report_date + timedelta(days=c.rng.randint(lo, hi))






def _yo(c: Ctx) -> str:
    age = c.age()
    return f"{age}-year-old" if age is not None else "adult"


def _noun(c: Ctx) -> str:
    age = c.age()
    sex = c.patient.sex if c.patient is not None else ""
    if age is not None and age < 13:
        return {"F": "girl", "M": "boy"}.get(sex, "child")
    if age is not None and age < 18:
        return "adolescent"
    return {"F": "woman", "M": "man"}.get(sex, "patient")


def _age_in(c: Ctx, lo: int, hi: int = 200) -> bool:
    age = c.age()
    return age is None or lo <= age <= hi


def _female(c: Ctx) -> bool:
    return c.patient is not None and c.patient.sex == "F"


def _staff(c: Ctx, cred: str) -> str:
    """An invented staff member with the given credential (never the patient)."""
    return fields.clinician(c.rng, with_title=False).split(",")[0] + f", {cred}"


def _last(who: str) -> str:
    return who.split(",")[0].split()[-1]


def _num(c: Ctx, digits: int) -> str:
    return str(c.rng.randint(10 ** (digits - 1), 10 ** digits - 1))






def _row(items: Sequence[str], indent: str = "  ", gap: str = "   ") -> list[str]:
    """Lay short items across lines."""
    out: list[str] = []
    cur = ""
    for item in items:
        if cur and len(indent) + len(cur) + len(gap) + len(item) > W:
            out.append(indent + cur)
            cur = item
        else:
            cur = f"{cur}{gap}{item}" if cur else item
    return out + ([indent + cur] if cur else [])


def _keep(c: Ctx, seq: Sequence[str], lo: int, hi: int) -> list[str]:
    """Between lo and hi of the items, in their written order."""
    chosen = set(c.some(seq, lo, hi))
    return [x for x in seq if x in chosen]


def _numbered(items: Sequence[str], indent: str = "  ", style: str = ".") -> list[str]:
    return [f"{indent}{i}{style} {x}" for i, x in enumerate(items, 1)]


def _drugs(c: Ctx, lo: int, hi: int) -> list[tuple[str, str]]:
    return [(f"{n} {c.rng.choice(s)}", sig) for n, s, sig in c.some(clinical.DRUGS, lo, hi)]


def _para(text: str, indent: str = "") -> list[str]:
    return wrap(text, indent)


def _signature(c: Ctx, who: str, role: str = "") -> list[str]:
    style = c.pick("esig", "slash", "plain", "line")
    tail = [role] if role else []
    if style == "esig":
        clock = f"{c.rng.randint(7, 20):02d}{c.rng.randint(0, 59):02d}"
        return ["", f"E-signed: {who}  {c.d(c.report_date)} {clock}"] + tail
    if style == "slash":
        return ["", f"/{who}/"] + tail + [f"Date: {c.d(c.report_date)}"]
    if style == "plain":
        return ["", who] + tail
    return ["", "_" * 34, who] + tail


_COVERAGE = ("Lodestar Choice PPO", "State Medicaid - managed care", "Tri-River Health Cooperative",
             "Self-pay (sliding fee)", "Commercial HMO - referral required", "TRICARE Select",
             "Marketplace silver plan")
_COVERAGE_65 = ("Medicare Part B with supplement", "Medicare Advantage HMO", "Medicare + Medicaid (dual eligible)",
                "Medicare Advantage PPO")
_COVERAGE_KIDS = ("State Medicaid - managed care", "CHIP", "Lodestar Choice PPO (parent's employer plan)",
                  "Commercial HMO - referral required", "TRICARE Select")


def _coverage(c: Ctx) -> list[str]:
    """Insurance and authorization lines the way referral offices write them."""
    age = c.age()
    pool = _COVERAGE_KIDS if age is not None and age < 18 else (
        _COVERAGE_65 + _COVERAGE[:1] if age is not None and age >= 65 else _COVERAGE)
    plan = c.rng.choice(pool)
    out = [c.pick("Insurance: ", "Coverage: ", "Payer: ", "Primary insurance: ") + plan]
    if plan.startswith("Self-pay"):
        out.append(c.pick("Sliding-fee eligibility letter attached.", "No insurance; please advise on your "
                                                                     "self-pay or charity-care options."))
    elif "HMO" in plan or "Medicaid" in plan or plan == "CHIP":
        out.append(c.pick(f"Referral/authorization #: {c.pick('RA', 'R', 'AUTH-')}{_num(c, 8)}",
                          f"Plan referral number {_num(c, 9)} - valid {c.pick('90', '180')} days, "
                          f"{c.pick('1', '3', '6', '12')} visits",
                          "Authorization requested from plan; number to follow by fax"))
    else:
        out.append(c.pick("No referral number required by plan.", "Prior authorization: not required for visit",
                          "Auth: N/A (PPO)", "Please verify benefits before scheduling."))
    return out


# ---- referrals: senders and destinations ---------------------------------------------------------------

_PRIMARY = ("Juniper Hills Primary Care", "Osprey Point Community Health Center", "Ridgecrest Internal Medicine Group",
            "Foxglove Family Medicine", "Saltmarsh Family Health (FQHC)", "Tanager Street Medical Associates")
_PEDS = ("Little Acorns Pediatrics", "Bramblewood Children's Clinic", "Tidewater Pediatric Associates")
_MULTI = ("Kessler Valley Medical Group", "Northmoor University Health - Specialty Pavilion",
          "Ochre Basin Multispecialty Clinic", "Greyfield Health System Physicians")
_PSYCHIATRY = ("Quillwood Psychiatric Associates", "Northmoor Adult Psychiatry Clinic", "Cairn Mental Health Partners")
_EAP = ("BrightHarbor Employee Assistance Program", "WorkLife Compass EAP", "Keel Point Employee Assistance Services")
_SUD_FROM = ("Kessler Valley Hospital - ED Bridge Clinic", "Greyfield Medical Center Addiction Consult Service",
             "Osprey Point Community Health Center", "Ridgecrest Internal Medicine Group")
_SUD_TO = ("Crossing Point Recovery Services", "Lanternhouse Addiction Medicine", "New Dawn Outpatient Recovery",
           "Harbor Lights Opioid Treatment Program")
_WOUND_FROM = _PRIMARY[:4] + ("Sure Step Foot & Ankle Podiatry", "Larchmont Home Health Agency",
                              "Maple Terrace Nursing & Rehab")
_WOUND_TO = ("Kingsbridge Wound Healing & Hyperbaric Center", "Greyfield Advanced Wound Clinic")
_PAIN_FROM = _PRIMARY[:4] + ("Basalt Ridge Orthopaedics & Spine",)
_PAIN_TO = ("Cedarline Interventional Pain Specialists", "Northmoor Pain Medicine Center",
            "Kessler Valley Comprehensive Spine & Pain")


# ---- referral: psychiatric evaluation / medication management (PCP letter) -----------------------------

_PSY_PICTURES = (  # (summary for the request, symptom story, working diagnosis, adult only)
    ("depression that has not responded to two antidepressant trials",
     "low mood, loss of interest, early waking, poor concentration and guilt", "Major depressive disorder, "
     "recurrent, moderate (F33.1)", False),
    ("possible bipolar spectrum illness",
     "recurrent depressive episodes and at least two spells of several days with very little sleep, pressured "
     "speech and overspending", "Unspecified mood disorder (F39)", True),
    ("generalized anxiety with panic attacks despite an SSRI",
     "near-constant worry, muscle tension, irritability and panic attacks two to three times a week",
     "Generalized anxiety disorder (F41.1)", False),
    ("suspected adult ADHD",
     "lifelong inattention, disorganization and missed deadlines that now threaten employment",
     "ADHD, predominantly inattentive type, suspected (F90.0)", True),
    ("trauma-related symptoms",
     "nightmares, hypervigilance, startle and avoidance since a traumatic event last year",
     "Post-traumatic stress disorder (F43.10)", False),
    ("insomnia and depressed mood with escalating alcohol use",
     "initial insomnia, low mood and drinking most evenings to get to sleep", "Depression, unspecified (F32.A)",
     True),
)
_PSY_TRIALS = (("sertraline", "150 mg"), ("escitalopram", "20 mg"), ("fluoxetine", "40 mg"), ("citalopram", "20 mg"),
               ("bupropion XL", "300 mg"), ("venlafaxine XR", "150 mg"), ("duloxetine", "60 mg"),
               ("mirtazapine", "30 mg"), ("buspirone", "15 mg BID"), ("hydroxyzine", "25 mg PRN"),
               ("trazodone", "100 mg HS"))
_TRIAL_OUTCOMES = ("partial response", "no benefit at 8 wk", "stopped - GI upset", "stopped - sexual s/e",
                   "weight gain, self-stopped", "jittery, insomnia", "helped ~1 yr, faded", "still taking")


@_page
def ref_psych_evaluation(c: Ctx) -> list[str]:
    """PCP letter asking psychiatry for a diagnostic evaluation and medication management, with score history."""
    if not _age_in(c, 6):
        return ref_developmental(c)
    f = _from(c, _PRIMARY + _PEDS[:1] if not _age_in(c, 18) else _PRIMARY)
    he, him, his = pronouns(c)
    adult = _age_in(c, 18)
    pool = [p for p in _PSY_PICTURES if adult or not p[3]]
    summary, story, working, _adult = c.rng.choice(pool)
    dest = c.rng.choice(_PSYCHIATRY) if adult else c.pick("Child & Adolescent Psychiatry, Northmoor University Health",
                                                          "Tidewater Child and Family Psychiatry")
    lines = _lh(c, f) + ["", c.d(c.report_date), ""]
    lines += [c.pick(f"To: {dest}", f"{dest}", f"TO: {dest} - New Patient Intake")]
    if c.chance(0.6):
        lines.append(c.pick(f"Attn: {c.other_doctor}", "Attn: Intake coordinator", "Attn: Referral desk"))
    if c.chance(0.5):
        lines.append(f"By fax: {phone(c, fields.random_phone(c.rng))}")
    lines += [""]
    if c.chance(0.6):
        lines += _hd(c, c.pick("Request for Psychiatric Evaluation", "Referral - Psychiatry (Evaluation and "
                                                                     "Medication Management)",
                               "Psychiatric Referral"), c.pick("caps", "dashed", "chevron", "double")) + [""]
    lines += patient_block(c, c.pick("stacked", "inline", "paired"), ("RE:", "Re:", "Patient:")) + [""]
    lines += [c.pick(f"Dear Dr. {_last(c.other_doctor)},", "Dear colleague,", "To the intake team:"), ""]
    lines += _para(c.pick(
        f"I am referring this {_yo(c)} {_noun(c)} for psychiatric evaluation because of {summary}.",
        f"I would appreciate a psychiatric assessment of my patient, a {_yo(c)} {_noun(c)}, who has {summary}.",
        f"Please accept this referral for a {_yo(c)} {_noun(c)} with {summary}; I have reached the limit of what "
        "I am comfortable managing in primary care.")) + [""]
    sec = c.pick("caps", "title", "bare")
    blocks: list[list[str]] = []
    onset = c.pick("about a year ago", f"{c.rng.randint(3, 11)} months ago", "in early adulthood and recurring",
                   "after a job loss last spring", "after a divorce two years ago") if adult else c.pick(
        "about a year ago", f"{c.rng.randint(3, 11)} months ago", "at the start of the school year",
        "after a move to a new school")
    hist = [_sx(sec, "History")] + _para(
        f"{cap_first(he)} describes {story}, starting {onset}. " + c.pick(
            f"Sleep is {c.pick('broken', 'short', 'excessive')} and appetite "
            f"{c.pick('reduced', 'increased', 'unchanged')}. ",
            "Function at work or school has dropped noticeably. ", "Family members have noticed the change. ")
        + c.pick("No prior psychiatric hospitalization. ", "One inpatient stay years ago (records not available). ",
                 "Saw a counselor briefly in the past. ")
        + c.pick(f"{cap_first(his)} family history includes "
                 f"{c.pick('depression', 'bipolar disorder', 'suicide of an uncle', 'alcohol use disorder')}.",
                 "Family psychiatric history is unknown.", ""), "  ")
    blocks.append(hist)
    rows = [_sx(sec, "Screening scores"), "  " + "Date".ljust(16) + "PHQ-9".ljust(9) + "GAD-7".ljust(9) + "Item 9"]
    gaps = [c.rng.randint(20, 75) for _ in range(c.rng.randint(1, 3))]
    for k in range(len(gaps), -1, -1):
        when = c.service_date - timedelta(days=sum(gaps[:k]))
        rows.append("  " + c.d(when).ljust(16) + str(c.rng.randint(9, 25)).ljust(9) + str(c.rng.randint(6, 21)).ljust(9)
                    + c.pick("0", "0", "1", "0"))
    blocks.append(rows)
    trials = c.some(_PSY_TRIALS, 1, 4)
    t = [_sx(sec, "Medication trials to date"),
         "  " + "Medication".ljust(17) + "Max dose".ljust(12) + "Length".ljust(10) + "Result"]
    for name, dose in trials:
        t.append("  " + name.ljust(17) + dose.ljust(12) + c.pick("6 wk", "8 wk", "3 mo", "6 mo", "1 yr+").ljust(10)
                 + c.rng.choice(_TRIAL_OUTCOMES))
    blocks.append(t)
    other = [_sx(sec, "Medical history and other medications")]
    other += [f"  - {d}" for d, _ in c.some(clinical.DIAGNOSES, 1, 3) if not d.startswith("Major")]
    other += [f"  - {d} {s}" for d, s in _drugs(c, 1, 3)]
    other += ["  Labs: " + c.pick(f"TSH {c.rng.uniform(0.6, 3.9):.2f}, CBC and CMP normal ({c.d(_ago(c, 10, 90))})",
                                  f"B12 {c.rng.randint(280, 900)}, vitamin D {c.rng.randint(14, 44)}, TSH normal",
                                  "recent metabolic panel and TSH unremarkable; copies attached")]
    blocks.append(other)
    c.rng.shuffle(blocks)
    for b in blocks:
        lines += b + [""]
    lines += [c.pick("Substance use: ", "Alcohol/drugs: ") + c.pick(
        "denies", "alcohol 2-3 drinks/week, no drugs", "daily cannabis in the evenings",
        f"AUDIT-C {c.rng.randint(4, 9)}; counseled", "quit alcohol 4 years ago") if adult else c.pick(
        "denies", "vapes nicotine daily", "occasional cannabis with friends", "CRAFFT 0")]
    lines += [c.pick("Safety: ", "Risk screen: ") + c.pick(
        "C-SSRS screen negative today; no firearms in the home.",
        "passive death wish, no plan or intent; safety plan completed and 988 reviewed.",
        "denies SI/HI; one overdose attempt two years ago." if adult else "denies SI/HI; parents secured medications.",
        "denies suicidal ideation; lives with supportive family."), ""]
    lines += [c.pick("What I am asking for:", "Specifically, I would like:", "Questions for you:")]
    asks = c.some((f"Diagnostic clarification ({working.split(' (')[0].lower()} vs. other).",
                   "Recommendations for the next medication step, which I can carry out.",
                   f"Assume medication management until {he} is stable, then return to me.",
                   "Your view on whether a mood stabilizer is indicated.",
                   "Guidance on tapering the benzodiazepine started elsewhere.",
                   "Connection to psychotherapy within your practice if available."), 2, 4)
    lines += [f"  {i}. {a}" for i, a in enumerate(asks, 1)] + [""]
    lines += ["Working diagnosis: " + working,
              "Urgency: " + c.pick("routine (next available)", "soon - within 2-3 weeks please",
                                   "routine; patient is stable and engaged", "expedited - symptoms worsening")]
    lines += _coverage(c) + [""]
    lines += _para(c.pick(
        f"{cap_first(he)} prefers {c.pick('telehealth', 'afternoon', 'in-person')} appointments and can be reached at the "
        "number on file. Please let our referral coordinator know the appointment date.",
        "Our referral coordinator will call your intake line to confirm receipt. Kindly fax the appointment "
        f"details to {phone(c, f.fax)}.",
        f"Until {he} is seen I will continue to prescribe and check in every few weeks. Please send your "
        "evaluation to my attention.")) + [""]
    lines += [c.pick("Enclosures: last two office notes, medication list, labs", "Attached: visit note and scores",
                     "Records attached (6 pages)")]
    lines += ["", c.pick("Thank you,", "With thanks,", "Sincerely,", "Best regards,")]
    return lines + _signature(c, c.doctor, c.pick("Family Medicine", "Internal Medicine", "Primary Care", ""))


# ---- referral: integrated behavioral health warm hand-off -------------------------------------------------

_BHC_REASONS = ("Positive depression screen", "Anxiety with physical symptoms", "Chronic pain coping",
                "Diabetes distress / self-care", "Sleep difficulty", "Tobacco or vaping cessation",
                "Parenting stress", "Grief / loss", "Medication adherence", "Stress at work or school",
                "Weight and eating behaviors", "Alcohol use (brief intervention)")


@_page
def ref_warm_handoff(c: Ctx) -> list[str]:
    """Internal primary-care referral to the behavioral health consultant, with warm hand-off details."""
    f = _from(c, _PRIMARY + (_PEDS if not _age_in(c, 18) else ()), 0.8)
    he, _him, his = pronouns(c)
    bhc = _staff(c, c.pick("LCSW", "LPC", "PsyD", "LMFT", "PhD"))
    phq, gad = c.rng.randint(8, 22), c.rng.randint(5, 19)
    if c.chance(0.3):  # the half-page hand-off slip some clinics use
        slip = [f"{f.name} - {c.pick('BH hand-off slip', 'Referral to BHC', 'Behavioral health referral')}", ""]
        slip += patient_block(c, c.pick("inline", "piped"))
        slip += [f"From: {c.doctor}   To: {c.pick('BHC on duty', bhc)}   {c.d(c.service_date)}",
                 "Why: " + ", ".join(x.lower() for x in c.some(_BHC_REASONS, 1, 2)),
                 f"PHQ-9 {phq}  GAD-7 {gad}  SI: " + c.pick("denies", "denies", "passive, no plan"),
                 "When: " + c.pick("[x] now  [ ] this week", "[ ] now  [x] this week", "[x] phone call OK"),
                 "Pt agrees: [x] yes", "", "Please see before checkout if possible."]
        return slip
    lines = _lh(c, f, c.pick("Integrated Behavioral Health", "Behavioral Health in Primary Care", ""),
                c.pick("bare", "corner", "left", "dept")) + [""]
    lines += _hd(c, c.pick("Internal Referral - Behavioral Health Consultant", "Warm Hand-Off Referral",
                           "BHC Referral (Primary Care)", "Integrated Care Referral"),
                 c.pick("bracket", "caps", "double", "doc")) + [""]
    lines += patient_block(c, c.pick("paired", "piped", "stacked")) + [""]
    lines += [fields.two_col(f"Date: {c.d(c.service_date)}",
                             f"Time: {c.rng.randint(8, 16):02d}:{c.pick('00', '15', '30', '45')}"),
              f"Referring clinician: {c.doctor}", f"BHC {c.pick('on duty', 'assigned', 'paged')}: {bhc}", ""]
    lines += ["Referral type:"] + ["  " + x for x in check_list(c, (
        "Warm hand-off today (BHC to join the visit)", "Scheduled BHC visit within 1-2 weeks",
        "Phone outreach by BHC", "Curbside question only"), 1, 1)]
    lines += ["", "Reason(s):"] + _row(check_list(c, _BHC_REASONS, 1, 3), "  ", "  ")
    lines += ["", c.pick("Clinical context from today's visit:", "Context:", "PCP note:")]
    context = c.pick(
        f"Seen today for {c.rng.choice(clinical.DIAGNOSES)[0].lower()}. ",
        f"Came in for a {c.pick('medication check', 'physical', 'follow-up of blood pressure', 'sick visit')}. ")
    before = max(0, phq - c.rng.randint(2, 8))
    context += c.pick(f"PHQ-2 positive, PHQ-9 {phq}, GAD-7 {gad}. ", f"PHQ-9 {phq} (was {before} three months ago). ",
                      f"GAD-7 {gad}; reports poor sleep and tension headaches. ")
    context += c.pick(f"A1c {c.rng.uniform(7.2, 11.4):.1f}% and {he} says {he} feels overwhelmed by the regimen.",
                      f"{cap_first(he)} is tearful when discussing {his} "
                      f"{c.pick('mother', 'job', 'marriage', 'finances', 'son')}.",
                      f"Taking {c.rng.choice(_PSY_TRIALS)[0]} for {c.rng.randint(2, 14)} months with little change.",
                      "Opioid taper in progress; worried about coping without it.")
    lines += _para(context, "  ")
    lines += ["", "Safety: " + c.pick("Item 9 = 0, denies SI.", "Item 9 = 1; passive thoughts, no plan - BHC to "
                                      "complete risk assessment today.", "Denies SI/HI.")]
    lines += ["Patient agrees to meet BHC: " + c.pick("Yes", "Yes", "Yes - prefers phone follow-up", "Hesitant, "
                                                      "but willing to hear about the service")]
    if c.chance(0.6):
        lines += ["Interpreter: " + c.pick("not needed", "Spanish", "ASL", "Arabic", "Haitian Creole")]
    lines += ["", "Requested from BHC:"] + ["  " + x for x in check_list(c, (
        "Brief assessment and functional goal", "Brief intervention (CBT / behavioral activation / MI)",
        "Collaborative care enrollment and registry", "Psychiatric consultant review",
        "Link to community therapist or program", "Resource navigation (food, housing, transport)"), 1, 3)]
    lines += [""] + _para(c.pick(
        "Front desk: please book a 30-minute BHC follow-up before the patient leaves if the BHC is not free today.",
        "If no BHC is available, the referral goes to the BH scheduling queue for a call within 2 business days.",
        "Health behavior codes 96156/96158 may apply; check coverage before the visit."))
    if c.chance(0.5):
        lines += [""] + _coverage(c)[:1]
    return lines + ["", f"Entered by {c.doctor}  {c.d(c.service_date)}"]


# ---- referral: employee assistance program to a network counselor --------------------------------------

_EAP_ISSUES = ("work stress and conflict with a supervisor", "marital conflict and separation",
               "grief after the death of a parent", "anxiety and sleep problems", "concern about own drinking",
               "parenting stress with a teenage child", "burnout and low mood", "financial and legal stress")


@_page
def ref_eap(c: Ctx) -> list[str]:
    """Employee assistance program case referral to a network affiliate counselor, with sessions authorized."""
    if not _age_in(c, 18, 72):
        return ref_warm_handoff(c)
    f = _from(c, _EAP, 0.85)
    sessions = c.rng.choice((3, 4, 5, 6, 8))
    counselor = _staff(c, c.pick("LCSW", "LPC", "LMFT", "LMHC", "PhD"))
    issue = c.rng.choice(_EAP_ISSUES)
    lines = _lh(c, f, c.pick("Clinical Care Management", "Network Referrals", ""), c.pick("ruled", "center", "slash"))
    lines += [""] + _hd(c, c.pick("EAP Case Referral - Network Affiliate", "Referral to EAP Network Provider",
                                  "Employee Assistance Referral and Session Authorization"),
                        c.pick("centered", "dashed", "caps")) + [""]
    lines += [fields.two_col(f"Case #: {c.pick('EAP', 'C', '')}{_num(c, 7)}", f"Date: {c.d(c.report_date)}"),
              f"To: {counselor}" + c.pick("", f", {c.recipient.name}"),
              f"Care manager: {_staff(c, c.pick('LCSW', 'LPC', 'MA, LPC'))}", ""]
    lines += patient_block(c, c.pick("stacked", "paired"), ("Client:", "Participant:", "Name:")) + [""]
    lines += [f"Relationship to employee: {c.pick('employee', 'employee', 'spouse/partner', 'dependent')}",
              "Employer group: " + c.pick("Harlan County Schools", "Brightwater Logistics", "Vantor Manufacturing",
                                          "City of Eastmere", "Sable Point Credit Union"),
              f"Sessions authorized: {sessions} "
              + c.pick("(no cost to client)", "(no copay)", "(EAP benefit, no claim to insurer)"),
              f"Authorization valid: {c.d(c.report_date)} to {c.d(_ahead(c, 60, 120))}",
              f"Authorization code: {c.pick('AU', 'EA', '')}{_num(c, 6)}", ""]
    lines += [c.pick("Presenting concern (from intake call):", "Reason for referral:", "Intake summary:")]
    lines += _para(f"Client called the EAP line on {c.d(_ago(c, 1, 6))} reporting {issue}. " + c.pick(
        f"Symptoms for about {c.rng.randint(2, 20)} weeks, affecting concentration at work.",
        "Still working full time but has used several sick days.", "First contact with counseling services.",
        "Saw a therapist years ago and found it helpful.") + " " + c.pick(
        f"Intake PHQ-9 {c.rng.randint(4, 19)}, GAD-7 {c.rng.randint(4, 18)}.",
        f"Intake screens: PHQ-9 {c.rng.randint(4, 19)}; AUDIT-C {c.rng.randint(0, 9)}.",
        "Screening scores in the attached intake form."), "  ")
    lines += ["", "Risk at intake: " + c.pick("no SI/HI, no safety concerns reported",
                                                "denies SI/HI; no domestic violence disclosed",
                                                "passive SI last month, none now; safety plan discussed")]
    lines += ["Management referral (supervisor-initiated): " + c.pick("No", "No", "Yes - attendance only reported")]
    lines += ["Client preferences: " + c.pick("evenings", "telehealth", "female counselor", "near work",
                                              "Spanish-speaking counselor", "any")]
    lines += ["", "Requested of the affiliate:"]
    lines += [f"  {i}. {x}" for i, x in enumerate((
        c.pick("Contact the client within 1 business day to schedule.",
               "Call the client within 3 business days to arrange the first session."),
        "Provide short-term, solution-focused counseling within the authorized sessions.",
        c.pick("Complete the assessment form after session 1 and fax it to the care manager.",
               "Send an initial assessment within 5 days of the first session."),
        "If longer-term care is needed, help transition the client to the health plan's behavioral benefit."), 1)]
    lines += [""] + _para(c.pick(
        "Do not bill the client or the health plan for EAP sessions. Submit the closing summary with your invoice.",
        "Sessions beyond those authorized require approval from the care manager before they are delivered.",
        "Please notify us the same day of any safety concern or if the client does not engage after two attempts."))
    return lines + ["", f"EAP clinical line: {phone(c, f.phone)}   Secure fax: {phone(c, f.fax)}"]


# ---- referral: substance use disorder treatment ------------------------------------------------------------

_SUD_PRIMARY = (  # (substance, pattern, score line, withdrawal scale)
    ("opioids (fentanyl)", "smoking fentanyl daily, about {n} times a day", "DAST-10 {d}", "COWS"),
    ("opioids (oxycodone, non-prescribed)", "using {n} pressed tablets a day", "DAST-10 {d}", "COWS"),
    ("alcohol", "drinking about {n} standard drinks a day", "AUDIT {a}", "CIWA-Ar"),
    ("methamphetamine", "using {n} days a week, intranasal and smoked", "DAST-10 {d}", ""),
    ("alcohol and benzodiazepines", "drinking {n} drinks a day plus non-prescribed alprazolam", "AUDIT {a}", "CIWA-Ar"),
)
_UDS = ("Fentanyl", "Opiates", "Oxycodone", "Buprenorphine", "Methadone", "Amphetamines", "Cocaine", "THC",
        "Benzodiazepines", "Ethyl glucuronide")
_ASAM = ("1.0 Outpatient", "2.1 Intensive outpatient (IOP)", "2.5 Partial hospitalization",
         "3.5 Residential", "3.7-WM Medically monitored withdrawal", "OTP - opioid treatment program")


@_page
def ref_substance_use(c: Ctx) -> list[str]:
    """Referral for substance use disorder treatment (MOUD bridge, level of care, consent, intake request)."""
    if not _age_in(c, 15, 85):
        return ref_developmental(c)
    f = _from(c, _SUD_FROM, 0.8)
    dest = c.rng.choice(_SUD_TO)
    he, him, his = pronouns(c)
    substance, pattern, score, scale = c.rng.choice(_SUD_PRIMARY)
    opioid = "opioid" in substance
    alcohol = "alcohol" in substance
    sec = c.pick("caps", "title", "bracket")
    lines = _lh(c, f, c.pick("Addiction Medicine", "Bridge Clinic", "Care Transitions", ""),
                c.pick("left", "ruled", "dept", "center")) + [""]
    lines += _hd(c, c.pick("Referral for Substance Use Disorder Treatment", "SUD Treatment Referral",
                           "Referral to Treatment - Substance Use", "Addiction Treatment Referral / Hand-Off"),
                 c.pick("double", "centered", "dashed", "bracket")) + [""]
    lines += patient_block(c, c.pick("stacked", "paired")) + [""]
    lines += [f"Referred to: {dest}", f"Referring clinician: {c.doctor}",
              f"Date of referral: {c.d(c.report_date)}",
              "Priority: " + c.pick("URGENT - intake within 72 hours", "Next-day intake requested",
                                    "Within 1 week", "Same-week intake (bridge supply ends soon)"), ""]
    lines += [_sx(sec, "Substance use history")]
    lines += _para(f"Primary substance: {substance}. Currently {pattern.format(n=c.rng.randint(3, 12))}. "
                   f"Last use: {c.d(_ago(c, 0, 3))}" + c.pick(" (per patient).", ".", ", about 18 hours before "
                                                            "evaluation.") + " "
                   + c.pick(f"Age of first use {c.rng.randint(13, 30)}.", "Use escalated over the last year.",
                            f"Longest period of recovery: {c.rng.randint(2, 30)} months.")
                   + " " + c.pick("No prior treatment.", "Two prior detox admissions, no follow-up care.",
                                  "Previously on methadone, stopped after moving.", "Completed a 28-day program "
                                  "in the past."), "  ")
    lines += ["  " + c.pick("Route: ", "Injection use: ") + c.pick("no injection use", "injects; uses a syringe "
                                                                  "service program", "smoked/intranasal only")]
    lines += ["  Overdose history: " + c.pick("none", f"{c.pick('one', 'two', 'three')} prior, naloxone used",
                                              "overdose this admission - reason for ED visit")]
    if alcohol:
        lines += ["  Withdrawal history: " + c.pick("tremor and sweats only", "withdrawal seizure in the past",
                                                    "DTs once, required ICU", "none")]
    lines += ["", _sx(sec, "Screening and assessment")]
    lines += ["  " + score.format(d=c.rng.randint(4, 10), a=c.rng.randint(12, 34))
              + (f"   {scale} on evaluation: {c.rng.randint(4, 18)}" if scale else "")
              + c.pick("", f"   PHQ-9 {c.rng.randint(3, 20)}")]
    lines += ["  DSM-5 criteria met: " + f"{c.rng.randint(4, 10)}/11 - severe use disorder"]
    lines += ["  ASAM dimensions (brief): " + ", ".join(
        f"D{i} {c.pick('low', 'moderate', 'high')}" for i in range(1, 7))]
    lines += ["", _sx(sec, f"Urine drug screen, {c.d(_ago(c, 0, 2))}")]
    uds = [f"{a}: {c.pick('POS', 'neg', 'neg')}" for a in c.some(_UDS, 5, 8)]
    lines += _row(uds, "  ", "   ")
    lines += ["", _sx(sec, "Treatment started")]
    if opioid:
        lines += _para(c.pick(
            f"Buprenorphine/naloxone induction on {c.d(_ago(c, 0, 2))}; now 16 mg/4 mg daily, tolerating well. "
            f"Bridge prescription for {c.pick('7', '5', '10')} days sent to pharmacy.",
            "Buprenorphine 8 mg given in the ED with relief of withdrawal; bridge script for 7 days.",
            "Patient prefers methadone; no buprenorphine started. Please evaluate for OTP admission.",
            "Extended-release buprenorphine injection discussed; patient wants to start at your program."), "  ")
        lines += ["  Naloxone kit: " + c.pick("given at discharge", "prescribed", "patient has one")]
    elif alcohol:
        lines += _para(c.pick("Symptom-triggered withdrawal treatment completed; last benzodiazepine dose "
                              f"{c.d(_ago(c, 0, 2))}. Started naltrexone 50 mg daily.",
                              "Started acamprosate 666 mg three times daily; thiamine and folate given.",
                              "Withdrawal managed on the medical floor; no medication for alcohol use disorder yet."),
                       "  ")
    else:
        lines += _para("No FDA-approved medication for this substance; contingency management and counseling "
                       "requested. Mirtazapine discussed.", "  ")
    lines += ["", _sx(sec, "Medical")]
    lines += _para(c.pick(
        f"Hep C antibody {c.pick('reactive, RNA pending', 'non-reactive')}; HIV {c.pick('non-reactive', 'pending')}. ",
        f"AST {c.rng.randint(30, 190)}, ALT {c.rng.randint(25, 160)}, GGT elevated. ",
        "Skin abscess left forearm treated with drainage. ", "Pregnancy test negative. " if _female(c) else "")
        + "Other problems: " + ", ".join(d.lower() for d, _ in c.some(clinical.DIAGNOSES, 1, 2)) + ".", "  ")
    lines += ["", "Level of care requested:"] + _row(check_list(c, _ASAM, 1, 2), "  ", "  ")
    lines += ["", "Consent: " + c.pick("42 CFR Part 2 consent to share SUD information signed (copy attached).",
                                       "Signed release for this program on file; redisclosure prohibited.",
                                       "Patient consented verbally; written consent to be signed at intake.")]
    lines += _coverage(c)
    lines += ["", "Barriers: " + ", ".join(c.some(("no phone", "unstable housing", "no transportation",
                                                    "childcare", "court date pending", "none identified"), 1, 2))]
    lines += ["Contact: " + c.pick(f"{cap_first(his)} cell on file; text preferred.",
                                   f"Peer recovery coach {_staff(c, 'CPRS')} will bring {him} to intake.",
                                   f"Via shelter case manager at {phone(c, fields.random_phone(c.rng))}.")]
    lines += [""] + _para(c.pick(
        f"Please call {phone(c, f.phone)} with the intake date and time so we can tell the patient"
        + (" before the bridge supply runs out." if opioid else "."),
        "Kindly confirm receipt of this referral and the intake appointment by fax.",
        "If the patient does not arrive for intake, please let us know so our team can re-engage."))
    return lines + _signature(c, c.doctor)


# ---- referral: early intervention / developmental / cognitive evaluation ---------------------------------

_ASQ_DOMAINS = ("Communication", "Gross motor", "Fine motor", "Problem solving", "Personal-social")
_EARLY_CONCERNS = ("no single words at 18 months", "not walking independently", "does not respond to name",
                   "limited eye contact and pointing", "feeding difficulty with textures", "low muscle tone",
                   "loss of previously used words", "not babbling", "not rolling over", "stiff legs when held")
_EI_PROGRAMS = ("County Early Intervention Program (IDEA Part C)", "Birth-to-Three Early Childhood Services",
                "Infant-Toddler Connection of Harlan County")
_DBP = ("Tidewater Developmental-Behavioral Pediatrics", "Northmoor Child Development Center",
        "Bramblewood Autism & Development Clinic")
_MEMORY = ("Northmoor Memory & Aging Clinic", "Greyfield Cognitive Neurology", "Stonegate Neuropsychology Associates")


def _months(c: Ctx) -> int:
    if c.patient is None or c.patient.dob is None:
        return 24
    b, s = c.patient.dob, c.service_date
    return max(1, (s.year - b.year) * 12 + s.month - b.month - (1 if s.day < b.day else 0))


@_page
def ref_developmental(c: Ctx) -> list[str]:
    """Developmental referral: Early Intervention (under 3), developmental-behavioral (child) or memory (adult)."""
    age = c.age()
    if age is None:
        return _ref_cognitive(c)
    if age < 3:
        return _ref_early_intervention(c)
    if age < 18:
        return _ref_child_development(c)
    return _ref_cognitive(c)


def _ref_early_intervention(c: Ctx) -> list[str]:
    f = _from(c, _PEDS, 0.85)
    months = _months(c)
    interval = max([m for m in (2, 4, 6, 8, 9, 10, 12, 14, 16, 18, 20, 22, 24, 27, 30, 33) if m <= max(months, 2)])
    lines = _lh(c, f, "", c.pick("center", "corner", "left")) + [""]
    lines += _hd(c, c.pick("Early Intervention Referral", "Referral to Early Intervention (Part C)",
                           "Physician Referral - Birth to Three"), c.pick("centered", "double", "bracket")) + [""]
    lines += patient_block(c, c.pick("stacked", "paired"), ("Child:", "Child's name:", "Name:")) + [""]
    lines += [f"Age in months: {months}" + (c.pick("", f" (corrected {max(1, months - c.rng.randint(1, 3))} months)")
                                         if months < 24 else ""),
              "Parent/guardian: " + c.pick("mother", "father", "both parents", "grandmother (legal guardian)",
                                           "foster parent") + " - contact on file",
              "Primary language at home: " + c.pick("English", "English", "Spanish", "Portuguese", "Somali",
                                                    "Vietnamese"),
              f"Referred to: {c.rng.choice(_EI_PROGRAMS)}", f"Referring provider: {c.doctor}",
              f"Date identified: {c.d(c.service_date)}   Date referred: {c.d(c.report_date)}", ""]
    lines += ["Reason for referral / concerns:"] + [f"  - {x}" for x in c.some(_EARLY_CONCERNS, 1, 3)]
    lines += ["  - " + c.pick("Parent concerned about speech", "Failed developmental screen at well visit",
                              "Concern raised by child care provider", "Prematurity with motor delay")]
    lines += ["", f"Screening: ASQ-3, {interval}-month questionnaire ({c.d(c.service_date)})",
              "  " + "Area".ljust(18) + "Score".ljust(8) + "Cutoff".ljust(9) + "Result"]
    for dom in _ASQ_DOMAINS:
        cut = round(c.rng.uniform(15, 40), 1)
        score = c.rng.choice(range(0, 65, 5))
        res = "below cutoff" if score < cut else ("monitor" if score < cut + 10 else "on schedule")
        lines.append("  " + dom.ljust(18) + str(score).ljust(8) + f"{cut:.1f}".ljust(9) + res)
    if 16 <= months <= 30:
        m = c.rng.randint(0, 14)
        lines += [f"  M-CHAT-R: {m}/20 - " + ("low risk" if m <= 2 else "medium risk, follow-up interview done"
                                              if m <= 7 else "high risk")]
    lines += ["", "Birth history: " + c.pick(
        "term, uncomplicated vaginal delivery",
        f"born at {c.rng.randint(26, 35)} weeks, {c.rng.randint(800, 2400)} g; NICU {c.rng.randint(5, 70)} days",
        "term, C-section for fetal distress; brief NICU stay", "twin B, 34 weeks, no NICU")]
    lines += ["Hearing: " + c.pick("newborn screen passed both ears", "newborn screen referred right ear; ABR "
                                   "normal at 2 months", "audiology referral placed today as well"),
              "Vision: " + c.pick("normal red reflex, tracks", "no concerns", "strabismus - ophthalmology referral")]
    lines += ["Other: " + c.pick("weight 15th percentile, gaining", "plagiocephaly, repositioning", "iron "
                                 "deficiency on 12-month screen, treating", "no other medical problems", "eczema")]
    lines += ["", "Services requested:"] + _row(check_list(c, (
        "Multidisciplinary evaluation", "Service coordination", "Speech-language", "Developmental therapy",
        "Physical therapy", "Occupational / feeding therapy"), 1, 3), "  ", "  ")
    lines += ["", "Parent consent to refer and share information: " + c.pick("[x] yes (signed copy attached)",
                                                                              "[x] verbal, documented in chart")]
    lines += [""] + _para(c.pick("Referral sent within 7 days of identification as required. Please send eligibility "
                          "results and the IFSP to our office.",
                          "Family expects your call; evenings are best. Please share the evaluation report with "
                          "the medical home.",
                          "We will continue developmental surveillance at well visits; kindly fax updates."))
    return lines + _signature(c, c.doctor, "Pediatrics")


def _ref_child_development(c: Ctx) -> list[str]:
    f = _from(c, _PEDS, 0.8)
    he, _him, his = pronouns(c)
    grade = c.pick("kindergarten", "1st grade", "2nd grade", "3rd grade", "5th grade", "7th grade", "9th grade",
                   "preschool")
    lines = _lh(c, f, "", c.pick("center", "ruled", "slash")) + ["", c.d(c.report_date), ""]
    lines += [f"To: {c.rng.choice(_DBP)}", ""]
    lines += _hd(c, c.pick("Referral for Developmental-Behavioral Evaluation", "Developmental Pediatrics Referral",
                           "Referral - Attention, Learning and Behavior Evaluation"),
                 c.pick("caps", "chevron", "dashed")) + [""]
    lines += patient_block(c, c.pick("stacked", "inline")) + [""]
    lines += _para(c.pick(
        f"We are referring this {_yo(c)} {_noun(c)} in {grade} for a comprehensive developmental and behavioral "
        "evaluation.",
        f"Please evaluate this {_yo(c)} {_noun(c)} ({grade}) for attention, learning and social concerns raised by "
        "family and school.")) + [""]
    lines += ["Concerns:"] + [f"  - {x}" for x in c.some((
        "inattention and incomplete classwork", "impulsivity and difficulty waiting turns", "reading well below grade level",
        "limited peer relationships, rigid routines", "speech delay history; now pragmatic language concerns",
        "frequent meltdowns at transitions", "sleep onset insomnia"), 2, 4)]
    lines += ["", "Rating scales:"]
    lines += [f"  Vanderbilt (parent): inattentive {c.rng.randint(2, 9)}/9, hyperactive {c.rng.randint(1, 9)}/9, "
              f"performance impairment {c.pick('yes', 'no')}",
              f"  Vanderbilt (teacher): inattentive {c.rng.randint(2, 9)}/9, hyperactive {c.rng.randint(0, 9)}/9"]
    if c.chance(0.6):
        lines += [f"  {c.pick('SCARED', 'PSC-17', 'SCQ')}: {c.rng.randint(8, 32)}"]
    lines += ["", "School supports: " + c.pick("none yet", "504 plan since last year", "IEP for speech",
                                                "evaluation requested by parents, pending"),
              "Prior services: " + c.pick("speech therapy age 2-4", "none", "counseling at school",
                                          "early intervention as a toddler"),
              "Medical: " + c.pick("hearing and vision screens normal", "lead level normal; growth normal",
                                   "mild persistent asthma", "history of prematurity (32 weeks)"),
              "Medications: " + c.pick("none", "melatonin 3 mg at bedtime", "albuterol as needed",
                                       "cetirizine daily"), ""]
    lines += [c.pick("Questions:", "We are asking for:")] + [f"  {i}. {x}" for i, x in enumerate(c.some((
        "Diagnostic evaluation for ADHD and possible learning disorder.",
        "Autism spectrum evaluation (ADOS-2 if indicated).",
        "Recommendations for school accommodations.",
        f"Guidance on starting medication if ADHD is confirmed; {he} has no cardiac history.",
        "Parent behavior management resources."), 2, 3), 1)]
    lines += [""] + _coverage(c)
    lines += [""] + _para(f"{cap_first(his)} parents are aware of the wait list and would accept a cancellation slot. "
                          if c.chance(0.5) else "Parents request an appointment after school hours if possible. ")
    return lines + ["", c.pick("Thank you,", "Sincerely,")] + _signature(c, c.doctor, "General Pediatrics")


def _ref_cognitive(c: Ctx) -> list[str]:
    f = _from(c, _PRIMARY, 0.75)
    he, him, his = pronouns(c)
    older = _age_in(c, 55)
    moca = c.rng.randint(14, 25)
    sec = c.pick("caps", "title")
    lines = _lh(c, f) + [""]
    lines += _hd(c, c.pick("Referral: Cognitive / Memory Evaluation", "Memory Clinic Referral",
                           "Referral for Neuropsychological Testing"), c.pick("bracket", "caps", "double")) + [""]
    lines += patient_block(c, c.pick("paired", "stacked")) + [""]
    lines += [f"To: {c.rng.choice(_MEMORY)}" + c.pick("", f" - attn {c.other_doctor}"),
              f"From: {c.doctor}", f"Date: {c.d(c.report_date)}", ""]
    lines += [_sx(sec, "Reason for referral")] + _para(c.pick(
        f"Progressive memory loss over {c.rng.randint(1, 4)} years reported by {his} "
        f"{c.pick('spouse', 'daughter', 'son', 'partner')}." if older else
        f"Cognitive complaints (word finding, slowed processing) since a concussion {c.rng.randint(4, 18)} months ago.",
        f"Short-term memory problems with word-finding difficulty; {he} is still working part time."
        if not older else "Getting lost while driving familiar routes and repeating questions; family worried about "
                          "safety living alone."), "  ")
    lines += ["", _sx(sec, "Findings so far")]
    lines += [f"  MoCA {moca}/30 ({c.d(c.service_date)}): lost points on " + ", ".join(c.some((
        "delayed recall", "clock drawing", "trails", "fluency", "abstraction", "orientation (date)", "serial 7s"),
        2, 4)),
              "  Function: " + c.pick("missed bills, medication errors", "independent in ADLs, needs help with "
                                      "finances", "stopped cooking after leaving stove on", "no IADL decline reported"),
              f"  PHQ-9 {c.rng.randint(1, 14)}   Sleep: " + c.pick("snores, no sleep study", "normal", "insomnia")]
    lines += ["  Reversible causes checked: " + c.pick(
        f"B12 {c.rng.randint(180, 800)}, TSH {c.rng.uniform(0.5, 4.5):.2f}, RPR non-reactive, CMP normal",
        f"B12 {c.rng.randint(180, 800)}, folate normal, TSH normal, calcium {c.rng.uniform(8.7, 10.4):.1f}",
        "labs normal (attached)")]
    lines += ["  Imaging: " + (c.pick("MRI brain - mild chronic small vessel change, mild generalized atrophy",
                                      "CT head - no acute findings, age-appropriate volume loss",
                                      "none yet; please order per your protocol") if older else
                               c.pick("MRI brain normal", "CT head at time of injury negative; no MRI yet"))]
    lines += ["  Meds of note: " + c.pick("oxybutynin (stopped at this visit)", "diphenhydramine nightly for sleep",
                                          "no anticholinergics", "lorazepam 0.5 mg nightly for years")]
    lines += ["", _sx(sec, "Other history")] + [f"  {d}" for d, _ in c.some(clinical.DIAGNOSES, 1, 4)]
    wants = ("Diagnostic evaluation and treatment recommendations", "Formal neuropsychological testing",
             "Driving safety evaluation", "Caregiver education and support",
             "Consideration of anti-amyloid therapy eligibility" if older else "Cognitive rehabilitation therapy")
    lines += ["", _sx(sec, "Requested")] + ["  " + x for x in check_list(c, wants, 1, 3)]
    lines += ["", "Urgency: " + c.pick("routine", "routine", "soon - safety concerns at home")]
    lines += _coverage(c)
    lines += ["", c.pick(f"Family member will accompany {him}; please call {his} "
                         f"{c.pick('daughter', 'son', 'spouse') if older else 'partner'} to schedule.",
                         "Please schedule directly with the patient; hearing impaired - speak clearly.",
                         "Our office will fax the signed release for family communication.")]
    return lines + _signature(c, c.doctor)


# ---- referral: specialty-to-specialty internal referral with long clinical summary ------------------------

_INTERNAL = (  # (from, to, problem, summary, results, question)
    ("Cardiology", "Cardiac Electrophysiology", "symptomatic paroxysmal atrial fibrillation despite rate control",
     "Recurrent palpitations with fatigue and exertional dyspnea. Rate control with metoprolol has limited the "
     "heart rate but episodes are more frequent. Anticoagulated with apixaban; CHA2DS2-VASc {n}.",
     (("Echo LVEF", "{ef}%"), ("LA volume index", "{la} mL/m2"), ("Monitor AF burden", "{b}%"),
      ("TSH", "{tsh}"), ("Creatinine", "{cr}")),
     "Candidacy for catheter ablation versus an antiarrhythmic drug."),
    ("Nephrology", "Kidney Transplant Evaluation", "CKD stage 4 with steady decline",
     "Diabetic and hypertensive kidney disease; eGFR has fallen about 5 mL/min per year. Not yet on dialysis. "
     "Modality education done; prefers pre-emptive transplant if possible. Possible living donor (sibling).",
     (("eGFR", "{egfr} mL/min"), ("Creatinine", "{cr}"), ("Potassium", "{k}"), ("Hemoglobin", "{hb}"),
      ("UACR", "{uacr} mg/g")),
     "Transplant candidacy and listing; living donor evaluation."),
    ("Gastroenterology", "Hepatology", "compensated cirrhosis from steatotic liver disease",
     "Elastography consistent with cirrhosis. No ascites or encephalopathy. EGD last year with small varices "
     "on carvedilol. Alcohol use minimal. Weight loss counseling ongoing.",
     (("Platelets", "{plt}"), ("INR", "{inr}"), ("Bilirubin", "{bili}"), ("Albumin", "{alb}"),
      ("Liver stiffness", "{kpa} kPa"), ("MELD-Na", "{meld}")),
     "Co-management, HCC surveillance plan and timing of transplant referral."),
    ("Rheumatology", "Pulmonology", "interstitial lung abnormalities in rheumatoid arthritis",
     "Seropositive RA on methotrexate with progressive dyspnea and dry cough. HRCT shows basilar reticulation. "
     "Methotrexate held pending your input.",
     (("Anti-CCP", "{ccp} U"), ("ESR", "{esr}"), ("FVC", "{fvc}% pred"), ("DLCO", "{dlco}% pred"),
      ("Resting SpO2", "{spo2}%")),
     "Is this RA-ILD, drug-related lung disease, or both? Advice on immunosuppression and antifibrotic therapy."),
    ("Hematology/Oncology", "Palliative Care", "metastatic pancreatic adenocarcinoma on second-line chemotherapy",
     "Liver metastases; on second-line therapy with fatigue, anorexia and epigastric pain radiating to the back. "
     "Opioid needs rising. Patient and family want to talk about goals of care.",
     (("CA 19-9", "{ca} U/mL"), ("Albumin", "{alb}"), ("Weight change", "-{wt} lb in 3 months"),
      ("ECOG", "{ecog}"), ("Current MME", "{mme}")),
     "Symptom management (pain, appetite), advance care planning and hospice timing discussion."),
    ("Endocrinology", "Bariatric Surgery", "class III obesity with type 2 diabetes",
     "BMI above 40 despite a supervised program and GLP-1 therapy. A1c above goal on three agents. "
     "Sleep apnea on CPAP. Motivated and has attended the information session.",
     (("BMI", "{bmi}"), ("A1c", "{a1c}%"), ("Weight trend", "-{wt} lb in 12 months"), ("LDL", "{ldl}"),
      ("ALT", "{alt}")),
     "Evaluation for metabolic surgery; timing relative to GLP-1 therapy."),
)


def _internal_values(c: Ctx) -> dict[str, str]:
    r = c.rng
    return {"n": str(r.randint(2, 6)), "ef": str(r.randint(35, 65)), "la": str(r.randint(30, 52)),
            "b": str(r.randint(4, 38)), "tsh": f"{r.uniform(0.5, 4.2):.2f}", "cr": f"{r.uniform(0.8, 4.1):.2f}",
            "egfr": str(r.randint(14, 24)), "k": f"{r.uniform(4.0, 5.6):.1f}", "hb": f"{r.uniform(8.8, 12.4):.1f}",
            "uacr": str(r.randint(300, 2400)), "plt": str(r.randint(68, 140)), "inr": f"{r.uniform(1.1, 1.6):.1f}",
            "bili": f"{r.uniform(0.8, 2.4):.1f}", "alb": f"{r.uniform(2.9, 3.9):.1f}", "kpa": f"{r.uniform(14, 38):.1f}",
            "meld": str(r.randint(9, 16)), "ccp": str(r.randint(60, 250)), "esr": str(r.randint(18, 70)),
            "fvc": str(r.randint(55, 82)), "dlco": str(r.randint(38, 70)), "spo2": str(r.randint(91, 97)),
            "ca": str(r.randint(180, 4200)), "wt": str(r.randint(8, 30)), "ecog": str(r.randint(1, 3)),
            "mme": str(r.choice((45, 60, 90, 120))), "bmi": f"{r.uniform(40, 52):.1f}", "a1c": f"{r.uniform(7.4, 9.8):.1f}",
            "ldl": str(r.randint(70, 160)), "alt": str(r.randint(24, 88))}


@_page
def ref_internal_specialty(c: Ctx) -> list[str]:
    """Specialty-to-specialty internal referral in a health system, with a long clinical summary and a question."""
    f = _from(c, _MULTI, 0.85)
    src, dst, problem, summary, results, question = c.rng.choice(_INTERNAL)
    vals = _internal_values(c)
    he, _him, his = pronouns(c)
    sec = c.pick("caps", "title", "bare", "bracket")
    lines = _lh(c, f, c.pick(f"Department of {src}", f"{src} Clinic", ""), c.pick("dept", "corner", "ruled", "left"))
    lines += [""] + _hd(c, c.pick(f"Internal Referral: {src} to {dst}", "Inter-Departmental Referral",
                                  f"Referral to {dst}", "Specialty Referral (Provider to Provider)"),
                        c.pick("caps", "double", "dots", "doc")) + [""]
    lines += patient_block(c, c.pick("piped", "paired", "stacked")) + [""]
    lines += [fields.two_col(f"Referral #: {_num(c, 9)}", f"Created: {c.d(c.report_date)}"),
              fields.two_col(f"From: {c.doctor}", f"Dept: {src}"),
              fields.two_col(f"To: {c.other_doctor}" if c.chance(0.6) else "To: first available",
                             f"Dept: {dst}"),
              "Type: " + c.pick("Consult and treat", "Opinion only - return to referring", "Co-management",
                                "Transfer of care for this problem"),
              "Priority: " + c.pick("Routine (within 4-6 weeks)", "Soon (within 2 weeks)", "Urgent (within 72 h)"),
              ""]
    lines += [_sx(sec, "Reason for referral")] + _para(f"{cap_first(problem)}.", "  ") + [""]
    lines += [_sx(sec, "Clinical summary")]
    lines += _para(f"{cap_first(_yo(c))} {_noun(c)} followed in {src.lower()} since "
                   f"{c.service_date.year - c.rng.randint(1, 6)}. " + summary.format(**vals), "  ")
    lines += _para(c.pick(
        f"At the visit on {c.d(c.service_date)} {he} reported "
        + c.pick("more fatigue", "no new symptoms", "worsening breathlessness", "poorer appetite")
        + " and wished to pursue the next step.",
        f"We discussed this referral at the visit on {c.d(c.service_date)} and {he} agrees with it.",
        f"{cap_first(his)} functional status is {c.pick('good', 'fair', 'declining')}; lives with "
        f"{c.pick('spouse', 'family', 'alone')}."), "  ")
    lines += ["", _sx(sec, "Pertinent results"), "  " + "Item".ljust(22) + "Value".ljust(20) + "Date"]
    for name, val in results:
        lines.append("  " + name.ljust(22) + val.format(**vals).ljust(20) + c.d(_ago(c, 2, 120)))
    active = [d for d, _ in c.some(clinical.DIAGNOSES, 2, 4)]
    lines += ["", _sx(sec, "Other active problems")] + _row(active, "  ", "; ")
    lines += ["", _sx(sec, "Medications")] + [f"  {d} - {s}" for d, s in _drugs(c, 3, 7)]
    lines += [f"  Allergies: {c.pick('NKDA', 'penicillin', 'sulfa', 'iodinated contrast', 'codeine')}"]
    lines += ["", _sx(sec, "Question for the consultant")] + _para(question, "  ")
    lines += ["", _sx(sec, "Scheduling / coverage")]
    lines += ["  " + c.pick("Central scheduling will contact the patient.", "Please book directly; patient aware.",
                            "Coordinate with the patient's daughter (HIPAA release on file).")]
    lines += ["  " + x for x in _coverage(c)]
    if c.chance(0.5):
        lines += ["  Records: available in the shared EHR; outside imaging on request."]
    return lines + _signature(c, c.doctor, src)


# ---- referral: wound care center ---------------------------------------------------------------------------

_WOUNDS = (  # (etiology, typical sites)
    ("Diabetic foot ulcer", ("plantar first metatarsal head, right", "plantar heel, left", "dorsal 2nd toe, left")),
    ("Venous leg ulcer", ("medial malleolus, left", "anterior lower leg, right", "gaiter area, left")),
    ("Pressure injury, stage 3", ("sacrum", "right ischium", "left heel")),
    ("Non-healing surgical wound", ("abdominal incision", "below-knee amputation stump, right",
                                    "left great toe amputation site")),
    ("Arterial ulcer", ("lateral malleolus, right", "tip of left 3rd toe")),
)


@_page
def ref_wound_center(c: Ctx) -> list[str]:
    """Referral to an outpatient wound healing / hyperbaric center, with wound measurements and vascular data."""
    if not _age_in(c, 18):
        return ref_developmental(c)
    f = _from(c, _WOUND_FROM, 0.8)
    etiology, sites = c.rng.choice(_WOUNDS)
    site = c.rng.choice(sites)
    weeks = c.rng.randint(4, 30)
    length, width, depth = c.rng.uniform(0.8, 6.5), c.rng.uniform(0.5, 4.8), c.rng.uniform(0.1, 1.8)
    lines = _lh(c, f, "", c.pick("corner", "left", "bare", "slash")) + [""]
    lines += _hd(c, c.pick("Wound Care Center Referral", "Referral - Wound Healing Center",
                           "Outpatient Wound Clinic Referral Form"), c.pick("bracket", "caps", "centered")) + [""]
    lines += patient_block(c, c.pick("paired", "stacked")) + [""]
    lines += [f"Refer to: {c.rng.choice(_WOUND_TO)}", f"Referring provider: {c.doctor}",
              f"Referral date: {c.d(c.report_date)}", ""]
    lines += ["WOUND", f"  Type: {etiology}", f"  Location: {site}", f"  Present for: {weeks} weeks",
              f"  Size ({c.d(_ago(c, 0, 7))}): {length:.1f} x {width:.1f} x {depth:.1f} cm (L x W x D)",
              f"  Bed: {c.rng.randint(20, 90)}% granulation, remainder {c.pick('slough', 'fibrin', 'eschar')}",
              "  Drainage: " + c.pick("scant serous", "moderate serosanguineous", "heavy, malodorous"),
              "  Periwound: " + c.pick("callus", "maceration", "erythema 1 cm", "intact", "hemosiderin staining"),
              "  Probe to bone: " + c.pick("negative", "positive", "not assessed"), ""]
    lines += ["VASCULAR / LABS"]
    lines += [f"  ABI: R {c.rng.uniform(0.45, 1.2):.2f}  L {c.rng.uniform(0.45, 1.2):.2f}" + c.pick(
        "", "   TBI " + f"{c.rng.uniform(0.3, 0.8):.2f}", "  (non-compressible)")]
    lines += ["  " + "; ".join(c.some((f"A1c {c.rng.uniform(6.2, 11.9):.1f}%", f"albumin {c.rng.uniform(2.6, 4.2):.1f}",
                                        f"WBC {c.rng.uniform(5.1, 14.8):.1f}", f"ESR {c.rng.randint(10, 95)}",
                                        f"CRP {c.rng.uniform(0.4, 9.8):.1f}", f"creatinine {c.rng.uniform(0.7, 2.6):.2f}"),
                                       2, 4))]
    foot = any(w in site for w in ("foot", "toe", "heel", "metatarsal", "malleolus"))
    lines += ["  Imaging: " + c.pick("X-ray foot - no osteomyelitis" if foot else "plain film - no bone changes",
                                     "MRI pending to rule out osteomyelitis",
                                     "arterial duplex - SFA occlusion, vascular surgery aware", "none")]
    lines += ["  Culture: " + c.pick("MSSA, treated with cephalexin x 10 days", "mixed skin flora", "not done",
                                     "Pseudomonas; on ciprofloxacin")]
    lines += ["", "TREATMENT TO DATE"] + [f"  - {x}" for x in c.some((
        "Silver alginate dressing changed every other day", "Offloading boot", "Multilayer compression wraps",
        "Wet-to-dry dressings by home health", "Collagen dressing", "Two courses of oral antibiotics",
        "Repositioning schedule and specialty mattress", "Nutrition supplement started"), 2, 4)]
    lines += ["", "Relevant history: " + ", ".join(d.lower() for d, _ in c.some(clinical.DIAGNOSES, 2, 4))]
    lines += ["Smoking: " + c.pick("never", "current, 1 ppd", "quit 5 years ago")]
    lines += ["", "REQUEST"] + ["  " + x for x in check_list(c, (
        "Evaluate and treat; wound center to assume wound orders", "Debridement", "Total contact cast",
        "Hyperbaric oxygen evaluation", "Cellular/tissue product consideration", "Recommendations only"), 1, 3)]
    lines += ["", "Home health: " + c.pick("none", f"{c.rng.choice(('Larchmont Home Health', 'VNA of the Valley'))} "
                                           "skilled nursing 3x/week", "SNF nursing staff performs dressing changes")]
    lines += _coverage(c)
    lines += [""] + _para(c.pick(
        "Please schedule within 1-2 weeks. Send visit notes and current wound orders to our office.",
        "Wound is worsening; we would appreciate the first available appointment. Transportation: wheelchair van.",
        "Call the patient directly to book; last three visit notes and photos are attached."))
    return lines + ["", f"Signature: {c.doctor}", f"Office contact: {phone(c, f.phone)}"]


# ---- referral: pain management ------------------------------------------------------------------------------

_PAIN_SITES = (("chronic low back pain with right L5 radiculopathy", "MRI L-spine: L4-5 disc extrusion contacting "
                "the right L5 root; facet arthropathy L4-S1"),
               ("axial low back pain, likely facet-mediated", "MRI L-spine: multilevel facet hypertrophy, no stenosis"),
               ("chronic neck pain with left arm paresthesias", "MRI C-spine: C5-6 and C6-7 foraminal narrowing, left"),
               ("knee osteoarthritis pain, not a surgical candidate", "X-ray: severe tricompartmental osteoarthritis"),
               ("post-laminectomy pain syndrome", "MRI: postoperative changes L4-5 with epidural fibrosis"),
               ("painful diabetic peripheral neuropathy", "EMG/NCS: length-dependent sensorimotor polyneuropathy"))


@_page
def ref_pain_management(c: Ctx) -> list[str]:
    """Referral to interventional pain management: failed therapies, opioid safety data, what is requested."""
    if not _age_in(c, 16):
        return ref_warm_handoff(c)
    f = _from(c, _PAIN_FROM, 0.8)
    he, him, his = pronouns(c)
    problem, imaging = c.rng.choice(_PAIN_SITES)
    on_opioid = c.chance(0.55)
    letter = c.chance(0.5)
    lines = _lh(c, f) + [""]
    if letter:
        lines += [c.d(c.report_date), "", c.rng.choice(_PAIN_TO), c.pick(f"Attn: {c.other_doctor}", "Attn: New "
                                                                          "patient referrals"), ""]
        lines += patient_block(c, c.pick("stacked", "inline"), ("RE:", "Re:")) + [""]
        lines += [c.pick(f"Dear Dr. {_last(c.other_doctor)},", "Dear Pain Management team,"), ""]
        lines += _para(c.pick(
            f"Thank you for seeing my patient, a {_yo(c)} {_noun(c)} with {problem}, for interventional evaluation.",
            f"I am referring a {_yo(c)} {_noun(c)} with {problem} whose pain has not improved with "
            "conservative care.")) + [""]
    else:
        lines += _hd(c, c.pick("Pain Management Referral", "Referral to Pain Medicine", "Spine & Pain Referral"),
                     c.pick("caps", "bracket", "double")) + [""]
        lines += patient_block(c, c.pick("paired", "stacked")) + [""]
        lines += [f"To: {c.rng.choice(_PAIN_TO)}", f"From: {c.doctor}", f"Date: {c.d(c.report_date)}", "",
                  f"Diagnosis: {problem}", ""]
    sec = c.pick("caps", "title")
    lines += [_sx(sec, "Pain history")]
    lines += _para(f"Pain for {c.rng.randint(6, 96)} months, "
                   + c.pick("constant", "worse with standing", "worse at night", "activity-related") + ". "
                   f"PEG scale: pain {c.rng.randint(5, 10)}, enjoyment interference {c.rng.randint(4, 10)}, "
                   f"activity interference {c.rng.randint(4, 10)}. "
                   + c.pick(f"{cap_first(he)} has stopped working.", f"{cap_first(he)} works with restrictions.",
                            "Sleep is poor because of pain.", f"{cap_first(his)} walking tolerance is about one block."),
                   "  ")
    lines += ["  " + imaging + f" ({c.d(_ago(c, 20, 300))})"]
    lines += ["", _sx(sec, "Treatments tried")] + [f"  - {x}" for x in c.some((
        f"Physical therapy, {c.rng.randint(6, 16)} visits - minimal lasting benefit", "NSAIDs - GI upset",
        "Gabapentin to 900 mg/day - sedation", "Duloxetine 60 mg - partial help, continuing",
        "Chiropractic care", "Cyclobenzaprine - no benefit", "Topical lidocaine",
        "Epidural steroid injection 2 years ago - 3 months of relief", "Cognitive behavioral therapy for pain",
        "Home TENS unit"), 3, 5)]
    lines += ["", _sx(sec, "Opioid and safety information")]
    if on_opioid:
        mme = c.rng.choice((15, 20, 30, 40, 45, 60, 90))
        lines += [f"  Current: {c.pick('hydrocodone/APAP 5/325', 'oxycodone 5 mg', 'tramadol 50 mg')} "
                  f"{c.pick('TID PRN', 'BID', 'QID PRN')} - about {mme} MME/day",
                  f"  PDMP reviewed {c.d(_ago(c, 0, 10))}: " + c.pick("single prescriber, single pharmacy",
                                                                    "consistent with our prescribing"),
                  f"  UDS {c.d(_ago(c, 5, 90))}: " + c.pick("as expected", "expected opioid; THC also present"),
                  "  Controlled substance agreement: " + c.pick("signed", "signed, renewed this year"),
                  "  Naloxone: " + c.pick("prescribed", "has at home")]
        lines += _para(c.pick(f"We will continue to prescribe until {he} is established with you.",
                              "We are not asking you to take over opioid prescribing.",
                              "We would welcome your help with a taper plan."), "  ")
    else:
        lines += ["  No opioids; " + c.pick("patient prefers to avoid them.", "history of opioid use disorder in "
                                            "remission - please avoid opioids.", "none prescribed by this office.")]
    lines += ["  Anticoagulant/antiplatelet: " + c.pick("none", "apixaban (cardiology to advise on holding)",
                                                        "aspirin 81 mg", "clopidogrel after stent")]
    lines += [f"  Mood: PHQ-9 {c.rng.randint(2, 18)}" + c.pick("", ", engaged with counseling")]
    lines += ["", _sx(sec, "Requested")] + ["  " + x for x in check_list(c, (
        "Interventional evaluation (ESI / medial branch block / RFA)", "Spinal cord stimulator candidacy",
        "Medication recommendations back to PCP", "Assume pain medication management",
        "Multidisciplinary pain program"), 1, 2)]
    lines += [""] + _coverage(c)
    lines += [""] + _para(c.pick(
        f"Office notes, imaging report and PT discharge summary are attached. Please call {him} to schedule.",
        "Your office may need prior authorization for procedures; our notes are attached to support the request.",
        f"Patient prefers mornings. Please fax the consult note to {phone(c, f.fax)}."))
    if letter:
        lines += ["", c.pick("Thank you for your help.", "Many thanks,", "Sincerely,")]
    return lines + _signature(c, c.doctor)


# ---- consult notes: shared bits ------------------------------------------------------------------------------

_ENDO = ("Thistle Creek Endocrine & Metabolism", "Northmoor Diabetes and Thyroid Center")
_RHEUM = ("Larkspur Arthritis & Rheumatology", "Kessler Valley Rheumatology")
_NEURO = ("Bellhaven Neurology & Headache Center", "Stonegate Neuroscience Institute")
_GI = ("Quarry Hill Digestive Health", "Ferncliff Gastroenterology & Hepatology")
_PULM = ("Windmere Lung & Sleep Specialists", "Ashgrove Pulmonary Medicine")
_ID = ("Harrow County Infectious Disease Consultants", "Northmoor ID & Travel Medicine")
_ANES = ("Marlow Ambulatory Surgery Center", "Kessler Valley Hospital - Preadmission Testing",
         "Anesthesia Associates of Greyfield")
_COCM = ("Tidewater Collaborative Care Program", "Northmoor Psychiatry - Primary Care Consultation Service")

Lab = tuple[str, float, float, int, str, float, float]  # name, value range, decimals, unit, reference range


def _v(c: Ctx, lo: float, hi: float, dec: int = 1) -> str:
    return f"{c.rng.uniform(lo, hi):.{dec}f}"


def _lab_table(c: Ctx, rows: Sequence[Lab], when: date | None = None, indent: str = "  ") -> list[str]:
    head = c.pick("Test", "Analyte", "Study")
    out = [indent + head.ljust(24) + "Result".ljust(10) + "Flag".ljust(6) + "Reference".ljust(14) + "Units"]
    if when is not None and c.chance(0.5):
        out.insert(0, f"{indent}(collected {c.d(when)})")
    for name, lo, hi, dec, unit, rlo, rhi in rows:
        val = c.rng.uniform(lo, hi)
        flag = "H" if val > rhi else ("L" if val < rlo else "")
        out.append(indent + name.ljust(24) + f"{val:.{dec}f}".ljust(10) + flag.ljust(6)
                   + f"{rlo:g}-{rhi:g}".ljust(14) + unit)
    return out


def _thanks(c: Ctx) -> str:
    return c.pick("Thank you for referring this patient.", "Thank you for involving us in this patient's care.",
                  "I appreciate the opportunity to see your patient.", "It was a pleasure to meet your patient.",
                  "Thank you for this kind referral.")


def _vitals_line(c: Ctx) -> str:
    return c.pick(
        f"BP {c.rng.randint(104, 170)}/{c.rng.randint(60, 98)}  P {c.rng.randint(54, 106)}  "
        f"Wt {c.rng.randint(96, 300)} lb  BMI {c.rng.uniform(19, 44):.1f}",
        f"Vitals: {c.rng.randint(104, 170)}/{c.rng.randint(60, 98)}, pulse {c.rng.randint(54, 106)}, "
        f"SpO2 {c.rng.randint(92, 100)}%, weight {c.rng.randint(44, 136)} kg")


# ---- consult: endocrinology ------------------------------------------------------------------------------

_ENDO_TOPICS: tuple[tuple[str, str, tuple[Lab, ...], tuple[str, ...], tuple[str, ...]], ...] = (
    ("a suppressed TSH on routine labs",
     "reports {a} weight loss, heat intolerance and a racing heart on exertion for about {m} months",
     (("TSH", 0.005, 0.08, 3, "uIU/mL", 0.45, 4.5), ("Free T4", 1.9, 3.6, 2, "ng/dL", 0.8, 1.8),
      ("Total T3", 160, 320, 0, "ng/dL", 80, 200), ("TSI", 180, 520, 0, "% baseline", 0, 140)),
     ("Graves' disease, mild to moderate hyperthyroidism", "Hyperthyroidism, likely Graves' disease"),
     ("Start methimazole 10 mg daily; CBC and liver tests before starting.",
      "Propranolol 20 mg two to three times daily for palpitations; stop when euthyroid.",
      "Repeat free T4 and total T3 in 4-6 weeks; adjust the dose here.",
      "Counseled about agranulocytosis: stop the drug and call for fever or sore throat.",
      "Discussed radioactive iodine and surgery as definitive options for later.")),
    ("a thyroid nodule found on carotid ultrasound",
     "has no compressive symptoms, no voice change and no family history of thyroid cancer; noticed {a} fullness "
     "only after the imaging report",
     (("TSH", 0.6, 3.9, 2, "uIU/mL", 0.45, 4.5), ("Free T4", 0.9, 1.6, 2, "ng/dL", 0.8, 1.8),
      ("Calcium", 8.8, 10.1, 1, "mg/dL", 8.5, 10.5)),
     ("Right thyroid nodule, TI-RADS 4, meets size criteria for biopsy", "Thyroid nodule, 1.8 cm, TR4"),
     ("Ultrasound-guided fine needle aspiration scheduled in our clinic.",
      "If cytology is benign (Bethesda II), repeat ultrasound in 12-24 months.",
      "Indeterminate cytology would prompt molecular testing before any surgical referral.",
      "No need to check calcitonin or thyroglobulin.")),
    ("type 2 diabetes above goal on insulin",
     "checks sugars {a}; fasting values 150-220 with occasional lows before lunch; eats two large meals a day and "
     "has gained weight over {m} months",
     (("Hemoglobin A1c", 8.6, 11.4, 1, "%", 4.0, 5.6), ("Creatinine", 0.7, 1.6, 2, "mg/dL", 0.6, 1.3),
      ("eGFR", 48, 98, 0, "mL/min/1.73m2", 60, 200), ("Urine alb/creat", 12, 280, 0, "mg/g", 0, 30),
      ("LDL cholesterol", 62, 148, 0, "mg/dL", 0, 99)),
     ("Type 2 diabetes with hyperglycemia (E11.65), on basal insulin", "Uncontrolled type 2 diabetes"),
     ("Add semaglutide 0.25 mg weekly, titrating monthly toward 1 mg.",
      "Reduce glargine by 10% now to offset the lunchtime lows.",
      "Continuous glucose monitor prescribed; we will review the download in 4 weeks.",
      "Start empagliflozin 10 mg for renal and cardiac protection once eGFR is confirmed above 30.",
      "Diabetes education visit for carbohydrate awareness.", "Annual retinal exam is due.")),
    ("hypercalcemia",
     "has had {a} fatigue and a kidney stone {m} months ago; no lithium or thiazide use; drinks little milk",
     (("Calcium", 10.6, 11.6, 1, "mg/dL", 8.5, 10.5), ("Intact PTH", 72, 160, 0, "pg/mL", 15, 65),
      ("25-OH vitamin D", 14, 38, 0, "ng/mL", 30, 100), ("Phosphorus", 2.1, 3.0, 1, "mg/dL", 2.5, 4.5),
      ("Creatinine", 0.7, 1.3, 2, "mg/dL", 0.6, 1.3)),
     ("Primary hyperparathyroidism, symptomatic (nephrolithiasis)", "PTH-dependent hypercalcemia"),
     ("24-hour urine calcium and creatinine to exclude familial hypocalciuric hypercalcemia.",
      "DXA including the distal radius.", "Sestamibi SPECT/CT for localization.",
      "Meets criteria for parathyroidectomy; referral to endocrine surgery once imaging is back.",
      "Replete vitamin D with 1000-2000 IU daily; stay well hydrated.")),
    ("an adrenal nodule seen on CT",
     "had the CT for {a} abdominal pain that has since resolved; blood pressure controlled on one drug; no "
     "episodes of sweating or palpitations over the past {m} months",
     (("Cortisol after 1 mg DST", 0.8, 2.6, 1, "ug/dL", 0, 1.8), ("Plasma metanephrine", 18, 70, 0, "pg/mL", 0, 57),
      ("Aldosterone", 4, 18, 1, "ng/dL", 0, 21), ("Renin activity", 0.4, 3.2, 1, "ng/mL/h", 0.25, 5.8),
      ("Potassium", 3.6, 4.8, 1, "mmol/L", 3.5, 5.1)),
     ("Left adrenal adenoma, 2.1 cm, lipid-rich (8 HU)", "Adrenal incidentaloma"),
     ("Repeat the dexamethasone test with a DHEA-S and ACTH given the borderline cortisol.",
      "No further imaging needed for a lipid-rich adenoma under 4 cm.",
      "Screen for cortisol-related complications: A1c, lipids, bone density.",
      "We will see back after testing; no surgery is indicated now.")),
)


@_page
def cons_endocrine(c: Ctx) -> list[str]:
    """Endocrinology new-patient consultation with a summary box for the referring clinician and a lab table."""
    f = _from(c, _ENDO, 0.85)
    reason, story, labs, dxs, plan = c.rng.choice(_ENDO_TOPICS)
    he, him, his = pronouns(c)
    sec = c.pick("caps", "title", "bare")
    lines = _lh(c, f, c.pick("Endocrinology, Diabetes & Metabolism", "Endocrine Clinic", ""), None) + [""]
    lines += _hd(c, c.pick("Endocrinology Consultation", "New Patient Consult - Endocrinology",
                           "Endocrine Consultation Report"), c.pick("caps", "centered", "double", "dots")) + [""]
    lines += patient_block(c, c.pick("paired", "stacked", "piped")) + [""]
    lines += [f"Date of service: {c.d(c.service_date)}", f"Consultant: {c.doctor}",
              f"Referring clinician: {c.other_doctor}" + c.pick("", f" ({c.recipient.name})"),
              f"Reason for referral: {reason}", ""]
    dx = c.rng.choice(dxs)
    summary = ["| " + c.pick("SUMMARY FOR THE REFERRING CLINICIAN", "BOTTOM LINE", "KEY POINTS FOR PCP"),
               f"| Impression: {dx}."] + [f"| - {p}" for p in _keep(c, plan, 2, 3)]
    top = c.chance(0.55)
    if top:
        lines += summary + [""]
    lines += [_sx(sec, "History of present illness")]
    lines += _para(f"{cap_first(_yo(c))} {_noun(c)} seen at the request of {c.other_doctor} for {reason}. {cap_first(he)} "
                   + story.format(a=c.pick("some", "mild", "noticeable", "occasional"), m=c.rng.randint(2, 14)) + ". "
                   + c.pick("Prior records reviewed.", f"{cap_first(his)} referral packet was reviewed in full.",
                            "Outside labs were brought to the visit."), "  ")
    lines += ["", _sx(sec, "Past history")] + _row([d for d, _ in c.some(clinical.DIAGNOSES, 1, 4)], "  ", "; ")
    lines += ["", _sx(sec, "Medications")] + [f"  {d}, {s}" for d, s in _drugs(c, 2, 6)]
    lines += ["  Biotin or supplements: " + c.pick("none", "multivitamin", "biotin 5 mg - asked to stop 3 days "
                                                   "before labs")]
    if c.chance(0.6):
        lines += ["", _sx(sec, "Family / social")] + _para(c.pick(
            "Mother with hypothyroidism. Never smoker. Works in an office.",
            "No family history of endocrine tumors. Rare alcohol.", "Sister with type 2 diabetes. Former smoker."), "  ")
    lines += ["", _sx(sec, "Examination"), "  " + _vitals_line(c)]
    if "thyroid" in reason or "TSH" in reason:
        exam = ("Thyroid: " + c.pick("smooth, mildly enlarged, no bruit", "1.5 cm firm nodule right lobe, mobile",
                                     "diffusely enlarged with a soft bruit", "not palpable") + ". Eyes: "
                + c.pick("no proptosis or lid lag", "mild lid lag", "mild proptosis, no diplopia") + ". "
                + c.pick("Fine tremor of outstretched hands.", "No tremor.", "Reflexes brisk."))
    elif "diabetes" in reason:
        exam = ("Feet: monofilament sensation " + c.pick("intact", "reduced at both great toes") + "; pulses "
                "palpable; " + c.pick("no ulcers.", "callus at the right first metatarsal head.")
                + " Injection sites " + c.pick("without lipohypertrophy.", "with lipohypertrophy on the abdomen."))
    else:
        exam = c.pick("No cushingoid features. Skin without striae. No proximal weakness.",
                      "No moon facies or dorsocervical fat pad; no edema.", "Unremarkable general examination.")
    lines += _para(exam, "  ")
    lines += ["", _sx(sec, "Laboratory data")] + _lab_table(c, labs, _ago(c, 3, 40))
    if c.chance(0.5):
        lines += ["  " + c.pick(f"Thyroid US {c.d(_ago(c, 10, 60))}: right lobe nodule 1.8 x 1.4 x 1.2 cm, solid, "
                                "hypoechoic, smooth margins.",
                                f"CGM 14-day: time in range {c.rng.randint(28, 62)}%, below range {c.rng.randint(0, 6)}%.",
                                f"DXA {c.d(_ago(c, 30, 400))}: lowest T-score {c.rng.uniform(-2.9, -1.1):.1f}.",
                                "ECG today: sinus rhythm.")]
    lines += ["", _sx(sec, "Assessment")] + _para(f"{dx}. " + c.pick(
        "Findings discussed with the patient in plain terms.", "The overall picture is consistent with the "
        "referral question.", f"{cap_first(he)} understands the diagnosis and agrees with the plan."), "  ")
    lines += ["", _sx(sec, "Recommendations")]
    lines += _numbered(_keep(c, plan, 3, len(plan)), "  ", c.pick(".", ")"))
    lines += ["", c.pick(f"Follow-up in endocrine clinic in {c.pick('4', '6', '8', '12')} weeks.",
                         f"We will see {him} back after the tests above.",
                         f"Return in {c.pick('3', '6')} months; {he} may return to primary care for routine issues.")]
    if not top:
        lines += [""] + summary
    lines += ["", _thanks(c) + c.pick(" Please call with any questions.", " We will keep you updated.", "")]
    return lines + _signature(c, c.doctor, "Endocrinology") + [f"cc: {c.other_doctor}"]


# ---- consult: rheumatology letter ---------------------------------------------------------------------------

_RHEUM_TOPICS = ("ra", "ana", "pmr", "gout")


@_page
def cons_rheumatology(c: Ctx) -> list[str]:
    """Rheumatology consultation letter back to the referring physician, with a joint count and serologies."""
    f = _from(c, _RHEUM, 0.85)
    he, him, his = pronouns(c)
    topic = c.rng.choice(_RHEUM_TOPICS if _age_in(c, 50) else ("ra", "ana", "gout"))
    lines = _lh(c, f, c.pick("Rheumatology", "Arthritis & Autoimmune Disease", ""), c.pick("center", "slash", "dept"))
    lines += ["", c.d(c.report_date), "", c.other_doctor.replace("Dr. ", "Dr. "), c.recipient.name,
              f"{c.recipient.street}, {c.recipient.city_line}", ""]
    lines += patient_block(c, c.pick("stacked", "inline"), ("RE:", "Re:", "Patient:")) + [""]
    lines += [f"Dear Dr. {_last(c.other_doctor)},", ""]
    why = {"ra": "inflammatory joint pain and swelling of the hands",
           "ana": "a positive antinuclear antibody with diffuse aches",
           "pmr": "shoulder and hip girdle pain with morning stiffness",
           "gout": "recurrent attacks of acute monoarthritis"}[topic]
    lines += _para(c.pick(
        f"Thank you for asking me to see your patient on {c.d(c.service_date)} regarding {why}.",
        f"I saw this pleasant {_yo(c)} {_noun(c)} in rheumatology clinic on {c.d(c.service_date)} at your request "
        f"for {why}.",
        f"Many thanks for referring this {_yo(c)} {_noun(c)} with {why}. I met {him} on {c.d(c.service_date)}.")) + [""]
    rows: tuple[Lab, ...]
    if topic == "ra":
        hx = (f"{cap_first(he)} describes {c.rng.randint(6, 20)} weeks of pain and swelling in the small joints of both "
              f"hands with about {c.rng.randint(45, 180)} minutes of morning stiffness. Ibuprofen helps partly. "
              "No rash, mouth ulcers or Raynaud's.")
        rows = ("RF", 28, 180, 0, "IU/mL", 0, 14), ("Anti-CCP", 40, 300, 0, "U/mL", 0, 20), \
            ("ESR", 22, 64, 0, "mm/h", 0, 20), ("CRP", 1.2, 4.8, 1, "mg/dL", 0, 0.8)
    elif topic == "ana":
        hx = (f"Aches in the back, neck and knees for {c.rng.randint(1, 6)} years with poor sleep and fatigue. "
              "No joint swelling, photosensitive rash, oral ulcers, serositis or Raynaud's. The ANA was checked "
              "as part of a fatigue work-up.")
        rows = ("ANA titer (1:x)", 80, 160, 0, "", 0, 40), ("dsDNA", 1, 6, 0, "IU/mL", 0, 9), \
            ("C3", 95, 150, 0, "mg/dL", 90, 180), ("ESR", 4, 18, 0, "mm/h", 0, 20)
    elif topic == "pmr":
        hx = (f"Bilateral shoulder and hip aching for {c.rng.randint(3, 12)} weeks, worst in the morning, trouble "
              "getting out of bed. No headache, jaw claudication or visual change. Started prednisone 15 mg "
              "from your office with a dramatic response within days.")
        rows = ("ESR", 38, 92, 0, "mm/h", 0, 30), ("CRP", 1.5, 6.2, 1, "mg/dL", 0, 0.8), \
            ("CK", 40, 160, 0, "U/L", 30, 200), ("RF", 2, 12, 0, "IU/mL", 0, 14)
    else:
        hx = (f"{c.rng.randint(3, 6)} flares in the past year affecting the first MTP and ankle, each lasting a "
              "week, treated with prednisone or colchicine. Drinks beer on weekends. On hydrochlorothiazide.")
        rows = ("Uric acid", 7.6, 10.8, 1, "mg/dL", 3.5, 7.2), ("Creatinine", 0.8, 1.7, 2, "mg/dL", 0.6, 1.3), \
            ("ALT", 14, 60, 0, "U/L", 7, 56), ("HbA1c", 5.2, 7.1, 1, "%", 4, 5.6)
    lines += _para(hx) + [""]
    lines += _para("Other history: " + "; ".join(d.lower() for d, _ in c.some(clinical.DIAGNOSES, 1, 3)) + ". "
                   "Medications: " + ", ".join(d for d, _ in _drugs(c, 2, 5)) + ".") + [""]
    if topic in ("ra", "ana"):
        lines += ["Joint examination (T = tender, S = swollen):", "  " + "".ljust(14) + "Right".ljust(12) + "Left"]
        for joint in ("MCP 1-5", "PIP 1-5", "Wrist", "Elbow", "Knee", "MTP 1-5"):
            r = f"T{c.rng.randint(0, 3)} S{c.rng.randint(0, 3) if topic == 'ra' else 0}"
            left = f"T{c.rng.randint(0, 3)} S{c.rng.randint(0, 3) if topic == 'ra' else 0}"
            lines.append("  " + joint.ljust(14) + r.ljust(12) + left)
        if topic == "ra":
            lines += [f"  CDAI today: {c.rng.uniform(12, 38):.1f} ({c.pick('moderate', 'high')} activity)"]
        else:
            lines += ["  No synovitis. Tender points at the trapezius and lateral epicondyles."]
    else:
        lines += _para("On examination: " + (
            "painful restricted active shoulder abduction, normal passive range, no synovitis; temporal arteries "
            "non-tender with normal pulses." if topic == "pmr" else
            "small tophus over the left olecranon; right first MTP warm and swollen; no other synovitis."))
    lines += ["", "Results:"] + _lab_table(c, rows, _ago(c, 2, 30))
    if topic == "ra":
        lines += ["  Hand and foot X-rays: " + c.pick("periarticular osteopenia, no erosions", "no erosions",
                                                      "one erosion at the right 5th MTP")]
    lines += [""]
    impression = {"ra": "Seropositive rheumatoid arthritis, early, moderate-to-high activity.",
                  "ana": "Low-titer positive ANA without clinical or laboratory features of connective tissue "
                         "disease; symptoms fit a chronic widespread pain picture.",
                  "pmr": "Polymyalgia rheumatica without features of giant cell arteritis.",
                  "gout": "Recurrent tophaceous gout, undertreated."}[topic]
    lines += [c.pick("Impression:", "My impression:", "Assessment:")] + _para(impression, "  ") + [""]
    plans = {"ra": ("Methotrexate 15 mg weekly with folic acid 1 mg daily; increase to 20 mg in a month.",
                    "Prednisone 10 mg daily tapering over 8 weeks as a bridge.",
                    "Hepatitis B and C serology and a QuantiFERON before any biologic.",
                    "CBC, CMP every 4-8 weeks on methotrexate; we will order and track them.",
                    "Vaccines: pneumococcal and shingles before escalating therapy."),
             "ana": ("No further autoimmune testing is needed; please do not repeat the ANA.",
                     "Graded aerobic exercise, sleep hygiene and consideration of duloxetine, which you may prescribe.",
                     "Physical therapy referral is reasonable.",
                     f"I have not scheduled {him} to return but would gladly re-evaluate if new features appear."),
             "pmr": ("Reduce prednisone to 12.5 mg for 4 weeks, then by 2.5 mg monthly to 10 mg, then slower.",
                     "Calcium, vitamin D and a baseline DXA; consider a bisphosphonate.",
                     "Urgent evaluation for headache, jaw pain or vision change (possible GCA).",
                     "ESR and CRP every 6-8 weeks during the taper."),
             "gout": ("Start allopurinol 100 mg daily, increasing by 100 mg every 2-4 weeks to a urate below 6.",
                      "Colchicine 0.6 mg daily for flare prophylaxis during the first 6 months.",
                      "Switch hydrochlorothiazide to losartan if blood pressure allows.",
                      "Uric acid and creatinine monthly while titrating; we will manage the dose.")}[topic]
    lines += [c.pick("Recommendations:", "Plan:", "Suggestions:")]
    lines += _numbered(_keep(c, plans, 3, len(plans)))
    lines += [""] + _para(c.pick(
        f"I will see {him} again in {c.pick('6 weeks', '2 months', '3 months')} and share updates with you.",
        f"{cap_first(he)} can continue routine care with you; I would be glad to see {him} again as needed.",
        f"I will co-manage {his} arthritis with you; please continue to manage blood pressure and diabetes."))
    lines += ["", _thanks(c), "", c.pick("Sincerely,", "Kind regards,", "With best wishes,")]
    return lines + ["", c.doctor, c.pick("Rheumatology", "Consultant Rheumatologist", "Division of Rheumatology")]


# ---- consult: neurology ---------------------------------------------------------------------------------------

_NEURO_TOPICS = (
    ("chronic migraine", "Headache {d} days a month, throbbing, with light sensitivity and nausea; uses "
     "over-the-counter analgesics most days.",
     "MRI brain {dt}: no mass, a few nonspecific white matter foci.",
     "Chronic migraine without aura, with medication overuse headache",
     ("Limit acute medication to 2 days a week; stop daily combination analgesics.",
      "Start topiramate 25 mg at night, increasing weekly to 50 mg twice daily.",
      "Rizatriptan 10 mg at onset, may repeat once in 2 hours.",
      "If no benefit after 3 months, a CGRP monoclonal antibody is reasonable (prior authorization needed).",
      "Headache diary; sleep and caffeine hygiene.")),
    ("a first unprovoked seizure", "Witnessed generalized convulsion {d} weeks ago with tongue biting and "
     "post-ictal confusion; ED CT head normal. No prior events.",
     "EEG {dt}: left temporal sharp waves; MRI brain: no structural lesion.",
     "First unprovoked seizure with epileptiform EEG - high recurrence risk",
     ("Start levetiracetam 500 mg twice daily; mood side effects reviewed.",
      "No driving for 6 months from the event per state law; the patient was told and documented.",
      "Seizure precautions: no bathing alone, swimming or heights.",
      "Sleep deprivation and alcohol are common triggers - counseled.")),
    ("numbness and burning in both feet", "Gradual burning and numbness in the feet for {d} months, now "
     "reaching the ankles; unsteady in the dark.",
     "EMG/NCS {dt}: length-dependent axonal sensorimotor polyneuropathy.",
     "Length-dependent peripheral neuropathy, likely diabetic, B12 pending",
     ("Check B12 with methylmalonic acid, SPEP with immunofixation, and TSH.",
      "Duloxetine 30 mg daily for a week, then 60 mg.",
      "Physical therapy for balance; daily foot inspection.",
      "Tighter glucose control with your team.")),
    ("tremor of both hands", "Action tremor for {d} years, worse with coffee and stress, better with a drink of "
     "alcohol; father had a similar tremor.",
     "DaTscan not indicated; TSH normal {dt}.",
     "Essential tremor; no parkinsonian features",
     ("Propranolol LA 60 mg daily if blood pressure and heart rate allow; primidone as an alternative.",
      "Weighted utensils and occupational therapy.",
      "Focused ultrasound or DBS only if disabling despite two medications.")),
)


@_page
def cons_neurology(c: Ctx) -> list[str]:
    """Neurology outpatient consultation with a structured neurological examination and studies in passing."""
    f = _from(c, _NEURO, 0.85)
    reason, story, study, impression, plan = c.rng.choice(_NEURO_TOPICS)
    he, him, _his = pronouns(c)
    lines = _lh(c, f, c.pick("Department of Neurology", "General Neurology", ""), c.pick("ruled", "center", "left"))
    lines += [""] + _hd(c, c.pick("Neurology Outpatient Consultation", "Neurological Consultation",
                                  "Neurology New Patient Evaluation"), c.pick("centered", "caps", "dashed")) + [""]
    lines += patient_block(c, c.pick("paired", "stacked")) + [""]
    lines += [fields.two_col(f"Seen: {c.d(c.service_date)}", f"Neurologist: {c.doctor}"),
              f"Requesting physician: {c.other_doctor}", f"Consult question: evaluation of {reason}", ""]
    lines += ["CHIEF COMPLAINT: " + cap_first(reason), ""]
    lines += ["HISTORY:"] + _para(f"{cap_first(_yo(c))} {_noun(c)}. "
                                  + story.format(d=c.rng.randint(15, 26) if "migraine" in reason
                                                 else c.rng.randint(2, 12)) + " "
                                  + c.pick("No focal weakness or speech change.", "No bowel or bladder change.",
                                           f"{cap_first(he)} is right-handed.", f"{cap_first(he)} works as a "
                                           f"{c.pick('teacher', 'driver', 'nurse', 'machinist', 'retail manager')}."),
                                  "  ")
    lines += ["", "PMH: " + "; ".join(d for d, _ in c.some(clinical.DIAGNOSES, 1, 3))]
    lines += ["MEDS: " + "; ".join(d for d, _ in _drugs(c, 2, 5))]
    lines += ["", "NEUROLOGICAL EXAMINATION"]
    exam = (  # (label, normal findings, findings that go with the referral problem)
        ("Mental status", ("alert, oriented, fluent, follows 3-step commands", "attentive; naming and repetition "
                           "intact"), ()),
        ("Cranial nerves", ("II-XII intact; fundi sharp", "pupils equal and reactive; face symmetric; no nystagmus"),
         ()),
        ("Motor", ("normal bulk and tone; 5/5 throughout", "no pronator drift; strength full"),
         ("5/5 except 4+/5 toe extension bilaterally",) if "numbness" in reason else
         ("normal tone, no rigidity or bradykinesia",) if "tremor" in reason else ()),
        ("Reflexes", ("2+ and symmetric, toes down", "2+ throughout, plantars flexor"),
         ("absent ankle jerks, 2+ elsewhere", "1+ at knees, absent at ankles") if "numbness" in reason else ()),
        ("Sensory", ("intact to all modalities", "intact to light touch, pinprick and vibration"),
         ("reduced vibration at the toes, pinprick reduced to the ankles", "stocking loss to mid-shin")
         if "numbness" in reason else ()),
        ("Coordination", ("finger-nose intact", "rapid alternating movements normal"),
         ("postural and kinetic tremor of both hands, no rest tremor",) if "tremor" in reason else ()),
        ("Gait", ("normal, tandem intact", "normal base and arm swing"),
         ("wide-based, Romberg positive", "unsteady on tandem") if "numbness" in reason else ()))
    for label, normal, found in exam:
        text = c.rng.choice(found) if found and c.chance(0.85) else c.rng.choice(normal)
        lines.append(f"  {label + ':':<16}{text}")
    lines += ["", "DATA REVIEWED:"] + _para(study.format(dt=c.d(_ago(c, 5, 120))) + " " + c.pick(
        f"Labs: A1c {_v(c, 5.3, 9.2)}%, B12 {c.rng.randint(190, 900)}, TSH {_v(c, 0.6, 3.8, 2)}.",
        f"CBC and CMP from {c.d(_ago(c, 5, 60))} normal.", "Outside records from the referring office reviewed."),
                                              "  ")
    lines += ["", "IMPRESSION:"] + _para(impression + ".", "  ")
    lines += ["", "RECOMMENDATIONS:"] + _numbered(_keep(c, plan, 2, len(plan)))
    lines += ["", "Follow-up: " + c.pick("neurology clinic in 3 months", "6-8 weeks", "as needed; may return to PCP "
                                         "for ongoing care", "after the tests above, by video")]
    lines += [""] + _para(c.pick(f"Thank you for referring {him}. This note is being sent to your office.",
                                 "Thank you for the consultation; please contact me with questions.",
                                 f"I have discussed these recommendations with {him} and {he} agrees."))
    if c.chance(0.4):
        lines += ["", "Dictated but not read; transcription errors possible."]
    return lines + _signature(c, c.doctor, c.pick("Neurology", "Neurology / Headache Medicine", ""))


# ---- consult: gastroenterology (assessment first) ---------------------------------------------------------

_GI_TOPICS = (
    ("abnormal liver enzymes", "Steatotic liver disease (MASLD) with indeterminate fibrosis risk",
     (("ALT", 48, 140, 0, "U/L", 7, 56), ("AST", 32, 96, 0, "U/L", 10, 40), ("Platelets", 140, 290, 0, "K/uL", 150, 400),
      ("Hep C Ab", 0.1, 0.4, 1, "S/CO", 0, 1.0), ("Ferritin", 90, 480, 0, "ng/mL", 20, 300)),
     ("Transient elastography (FibroScan) to stage fibrosis.", "Weight loss of 7-10% through diet and activity.",
      "Hepatitis A and B vaccination if not immune.", "Avoid alcohol; review supplements.",
      "Repeat liver tests in 6 months with your routine labs.")),
    ("iron deficiency anemia", "Iron deficiency anemia; rule out a GI source",
     (("Hemoglobin", 8.2, 11.4, 1, "g/dL", 12, 17.5), ("MCV", 68, 80, 0, "fL", 80, 100),
      ("Ferritin", 3, 14, 0, "ng/mL", 20, 300), ("tTG-IgA", 0.5, 3.5, 1, "U/mL", 0, 4)),
     ("Bidirectional endoscopy (EGD and colonoscopy) has been scheduled.", "Hold oral iron 5 days before the "
      "colonoscopy.", "IV iron if oral iron is not tolerated; we can arrange the infusion.",
      "Capsule endoscopy if both studies are unrevealing.")),
    ("chronic diarrhea", "Chronic non-bloody diarrhea, likely functional vs. microscopic colitis",
     (("Fecal calprotectin", 30, 210, 0, "ug/g", 0, 50), ("tTG-IgA", 0.5, 3.5, 1, "U/mL", 0, 4),
      ("TSH", 0.7, 3.5, 2, "uIU/mL", 0.45, 4.5), ("CRP", 0.1, 1.4, 1, "mg/dL", 0, 0.8)),
     ("Colonoscopy with random biopsies to exclude microscopic colitis.", "Stool GI pathogen panel and Giardia "
      "antigen.", "Trial of a low-FODMAP diet with our dietitian.", "Loperamide as needed in the meantime.")),
    ("dysphagia to solids", "Solid-food dysphagia; possible eosinophilic esophagitis or peptic stricture",
     (("Hemoglobin", 12.1, 15.8, 1, "g/dL", 12, 17.5), ("Eosinophils", 1, 9, 0, "%", 0, 6),
      ("Albumin", 3.6, 4.6, 1, "g/dL", 3.5, 5.0)),
     ("EGD with esophageal biopsies and dilation if a stricture is found.", "Omeprazole 40 mg twice daily "
      "for 8 weeks.", "Eat slowly, cut food small; seek care for food impaction.")),
)


@_page
def cons_gastro(c: Ctx) -> list[str]:
    """Gastroenterology consult in assessment-first (APSO) order, with procedure scheduling advice."""
    f = _from(c, _GI, 0.85)
    reason, impression, labs, plan = c.rng.choice(_GI_TOPICS)
    he, him, his = pronouns(c)
    sec = c.pick("caps", "title", "bracket")
    lines = _lh(c, f, "", c.pick("corner", "slash", "left", "center")) + [""]
    lines += _hd(c, c.pick("GI Consultation", "Gastroenterology Consult Note", "Digestive Health - New Consult"),
                 c.pick("bracket", "double", "caps", "chevron")) + [""]
    lines += patient_block(c, c.pick("inline", "paired", "stacked"))
    lines += [f"Visit: {c.d(c.service_date)}   Gastroenterologist: {c.doctor}",
              f"Referred by {c.other_doctor} for {reason}", ""]
    if c.chance(0.5):
        lines += _para(f"Dr. {_last(c.other_doctor)}: {_thanks(c)} My assessment and plan are listed first; "
                       "the full history follows.") + [""]
    lines += [_sx(sec, "Assessment")] + _para(f"{impression}. " + c.pick(
        "No alarm features apart from those noted.", f"{cap_first(he)} is otherwise well.",
        "Findings reviewed with the patient."), "  ")
    lines += ["", _sx(sec, "Plan")] + _numbered(_keep(c, plan, 2, len(plan)), "  ", c.pick(".", ")"))
    scoped = "scheduled" in " ".join(plan) or c.chance(0.4)
    if scoped:
        lines += ["", "  Procedure: " + c.pick("EGD/colonoscopy", "colonoscopy", "EGD") + " at the endoscopy center "
                  f"on {c.d(_ahead(c, 7, 40))}; split-dose prep sent to the pharmacy; driver required.",
                  "  Anticoagulant/antiplatelet: " + c.pick("none", "hold apixaban 2 days (cardiology agrees)",
                                                            "continue aspirin 81 mg", "hold clopidogrel 5 days - "
                                                            "please confirm with cardiology")]
    lines += ["  Follow-up: " + (c.pick("GI clinic after procedure results", "by phone with results") if scoped
                                 else c.pick("3 months", "return to PCP; GI as needed", "6-8 weeks"))]
    lines += ["", _sx(sec, "Subjective")]
    lines += _para(f"{cap_first(_yo(c))} {_noun(c)} with {reason} first noted "
                   f"{c.pick('on routine labs', 'by the patient', 'at an urgent care visit')} about "
                   f"{c.rng.randint(2, 18)} months ago. " + c.pick(
                       "No melena, hematochezia or weight loss.", f"Weight down {c.rng.randint(3, 14)} lb.",
                       "Occasional heartburn.", "Bowel habits otherwise regular.") + " " + c.pick(
                       "Alcohol: none.", f"Alcohol: {c.rng.randint(2, 10)} drinks a week.", "NSAID use: occasional.",
                       "No family history of colon cancer.", f"{cap_first(his)} father had colon polyps.") + " "
                   + ("Last colonoscopy: " + c.pick("never", "age 50, normal", "8 years ago, 2 small polyps") + "."
                      if _age_in(c, 52) else "No prior endoscopy."), "  ")
    lines += ["  PMH: " + ", ".join(d.lower() for d, _ in c.some(clinical.DIAGNOSES, 1, 3)),
              "  Meds: " + ", ".join(d for d, _ in _drugs(c, 2, 5))]
    lines += ["", _sx(sec, "Objective"), "  " + _vitals_line(c)]
    lines += ["  " + c.pick("Abdomen soft, non-tender, no hepatosplenomegaly.", "Mild epigastric tenderness; no "
                            "masses.", "No stigmata of chronic liver disease.", "Conjunctival pallor.")]
    lines += _lab_table(c, labs, _ago(c, 3, 45))
    if c.chance(0.5):
        lines += ["  Imaging: " + c.pick("RUQ ultrasound - increased echogenicity, smooth contour, no mass.",
                                         "CT abdomen - unremarkable bowel.", "None.")]
    lines += [""] + _para(c.pick("Thank you again; I will send the procedure and pathology reports to you.",
                                 f"Please do not hesitate to call about {him}.", "Copy to referring provider."))
    return lines + _signature(c, c.doctor, "Gastroenterology")


# ---- consult: pulmonology ----------------------------------------------------------------------------------

_PULM_TOPICS = (
    ("exertional dyspnea and chronic cough in a smoker", "COPD, GOLD spirometric grade {g}, group {grp}",
     ("Start tiotropium/olodaterol 2 inhalations daily; stop the as-needed-only regimen.",
      "Albuterol as needed.", "Smoking cessation: varenicline started; quitline referral.",
      "Pulmonary rehabilitation referral placed.", "Pneumococcal, RSV and influenza vaccines.",
      "Low-dose CT lung cancer screening annually.")),
    ("wheeze and nocturnal cough", "Asthma, moderate persistent, with significant bronchodilator response",
     ("Budesonide/formoterol 160/4.5, 2 puffs twice daily and as needed (SMART).", "Asthma action plan given.",
      "Check blood eosinophils and total IgE; consider biologic if exacerbations continue.",
      "Treat allergic rhinitis with a nasal steroid.")),
    ("an incidental lung nodule", "Solitary {n} mm solid nodule, right upper lobe, low-to-intermediate risk",
     ("Repeat chest CT in 3 months.", "PET-CT if the nodule grows.", "No biopsy at this time.",
      "Continue smoking abstinence.")),
    ("progressive dyspnea with crackles", "Fibrotic interstitial lung disease, probable UIP pattern",
     ("Autoimmune serologies (ANA, RF, CCP, myositis panel).", "Discussed at our ILD multidisciplinary conference.",
      "Antifibrotic therapy (nintedanib) recommended; baseline liver tests.", "Ambulatory oxygen evaluation.",
      "Repeat PFTs in 4-6 months.")),
)


@_page
def cons_pulmonary(c: Ctx) -> list[str]:
    """Pulmonary consultation report with a PFT table, six-minute walk and CT findings."""
    f = _from(c, _PULM, 0.85)
    reason, impression, plan = c.rng.choice(_PULM_TOPICS)
    he, him, his = pronouns(c)
    fev1p = c.rng.randint(38, 92)
    impression = impression.format(g=1 if fev1p >= 80 else 2 if fev1p >= 50 else 3, grp=c.pick("A", "B", "E"),
                                   n=c.rng.randint(6, 14))
    lines = _lh(c, f, c.pick("Pulmonary & Critical Care", "Lung Health Clinic", ""), None) + [""]
    lines += _hd(c, c.pick("Pulmonary Consultation Report", "Pulmonology Consult", "Consultation - Pulmonary "
                                                                                  "Medicine"),
                 c.pick("caps", "centered", "double", "doc")) + [""]
    lines += patient_block(c, c.pick("paired", "stacked")) + [""]
    lines += [f"Consult date: {c.d(c.service_date)}", f"Pulmonologist: {c.doctor}",
              f"Referring: {c.other_doctor}", ""]
    if c.chance(0.5):
        lines += ["IN BRIEF: " + impression + "."] + [""]
    lines += ["Reason for consultation: " + reason + ".", ""]
    lines += ["History:"] + _para(
        f"{cap_first(he)} reports " + c.pick("breathlessness after one flight of stairs", "cough most mornings",
                                        "wheeze at night", "slowly worsening exertional dyspnea")
        + f" for {c.rng.randint(3, 36)} months. mMRC {c.rng.randint(0, 3)}, CAT {c.rng.randint(6, 28)}. "
        + c.pick(f"Smoking: {c.rng.randint(10, 60)} pack-years, quit {c.rng.randint(1, 15)} years ago.",
                 f"Current smoker, {c.rng.randint(15, 45)} pack-years.", "Never smoker.")
        + " " + c.pick("Exposures: construction dust.", "Pet birds at home.", "No occupational exposures.",
                       "Two courses of prednisone for chest infections this winter."), "  ")
    lines += ["", "Medications: " + "; ".join(d for d, _ in _drugs(c, 2, 5))]
    lines += ["", "Examination: " + _vitals_line(c)]
    lines += _para(c.pick("Prolonged expiration, scattered wheeze.", "Fine bibasilar inspiratory crackles; mild "
                          "clubbing.", "Clear lungs, no clubbing.", "Decreased breath sounds, hyperinflated chest."),
                   "  ")
    lines += ["", f"Pulmonary function ({c.d(_ago(c, 0, 20))}):",
              "  " + "".ljust(12) + "Pre".ljust(10) + "% pred".ljust(10) + "Post".ljust(10) + "% change"]
    fvc = c.rng.uniform(1.8, 4.6)
    fev1 = fvc * c.rng.uniform(0.45, 0.82)
    for name, pre in (("FVC (L)", fvc), ("FEV1 (L)", fev1)):
        post = pre * c.rng.uniform(1.0, 1.18)
        pct = fev1p if name.startswith("FEV1") else c.rng.randint(55, 100)
        lines.append("  " + name.ljust(12) + f"{pre:.2f}".ljust(10) + f"{pct}".ljust(10) + f"{post:.2f}".ljust(10)
                     + f"{(post / pre - 1) * 100:+.0f}%")
    lines += ["  " + "FEV1/FVC".ljust(12) + f"{fev1 / fvc:.2f}",
              "  " + "DLCO".ljust(12) + f"{c.rng.randint(38, 95)}% predicted"
              + c.pick("", f"   TLC {c.rng.randint(60, 120)}% pred")]
    lines += [f"Six-minute walk: {c.rng.randint(180, 520)} m, nadir SpO2 {c.rng.randint(84, 96)}%"]
    ct = {"exertional": "centrilobular emphysema, upper-lobe predominant; no nodules",
          "wheeze": "bronchial wall thickening with mild mosaic attenuation",
          "an": "solitary solid nodule, smooth margins; mild emphysema",
          "progressive": "subpleural reticulation with traction bronchiectasis, basal predominant"}
    lines += ["Chest CT " + c.d(_ago(c, 10, 180)) + ": " + ct[reason.split()[0]]]
    if c.chance(0.5):
        lines += [f"Labs: eosinophils {c.rng.randint(80, 640)}/uL, alpha-1 antitrypsin "
                  f"{c.rng.randint(90, 180)} mg/dL, BNP {c.rng.randint(20, 160)}"]
    lines += ["", "Assessment:"] + _para(impression + ".", "  ")
    lines += ["", "Recommendations:"] + [f"  - {p}" for p in _keep(c, plan, 2, len(plan))]
    lines += ["", c.pick(f"I will see {him} again in {c.pick('3', '4', '6')} months with repeat spirometry.",
                         f"Follow-up in pulmonary clinic after the CT; {he} may see you for other concerns.",
                         "We will continue to follow along.")]
    lines += [_thanks(c)]
    if c.chance(0.4):
        lines += [f"Copy: {c.other_doctor}; {his} cardiologist"]
    return lines + _signature(c, c.doctor, "Pulmonary Medicine")


# ---- consult: infectious diseases -------------------------------------------------------------------------

_ID_TOPICS = (
    ("a positive QuantiFERON", "Latent tuberculosis infection",
     ("Chest X-ray: no active disease.", "QuantiFERON-TB Gold Plus positive; HIV negative."),
     ("Rifampin 600 mg daily for 4 months (4R); check interactions with current medicines.",
      "Baseline liver tests; repeat only if symptoms or risk factors.", "Monthly phone check for adherence.",
      "Report LTBI treatment start to the county health department as required.")),
    ("recurrent C. difficile infection", "Recurrent Clostridioides difficile infection (second recurrence)",
     ("C. difficile PCR and toxin positive.", "WBC and creatinine normal at diagnosis."),
     ("Fidaxomicin 200 mg twice daily for 10 days (extended pulse regimen).",
      "Stop the PPI if no clear indication.", "Avoid unnecessary antibiotics; alert future prescribers.",
      "Refer for fecal microbiota-based therapy if a further recurrence occurs.")),
    ("osteomyelitis of the foot", "Osteomyelitis of the left 2nd metatarsal, MSSA",
     ("Bone biopsy culture: methicillin-susceptible Staphylococcus aureus.", "MRI: marrow edema, 2nd metatarsal."),
     ("Cefazolin 2 g IV every 8 hours via PICC for 6 weeks (end date below).",
      "Weekly CBC with differential, CMP, ESR and CRP faxed to ID clinic (OPAT).",
      "Podiatry to address offloading and possible resection.", "ID clinic visit in 2 weeks and at end of "
                                                              "therapy.")),
    ("a reactive hepatitis C antibody", "Chronic hepatitis C, genotype {gt}, no cirrhosis",
     ("HCV RNA {vl} IU/mL.", "FIB-4 under 1.45; elastography F0-F1. Hep B surface antigen negative."),
     ("Sofosbuvir/velpatasvir one tablet daily for 12 weeks (payer approval obtained).",
      "HCV RNA 12 weeks after completion to confirm cure.", "Hepatitis A and B vaccination.",
      "Counseled on reinfection risk and partner testing.")),
)


@_page
def cons_infectious(c: Ctx) -> list[str]:
    """Infectious diseases consultation: antimicrobial history table, microbiology and monitoring plan."""
    f = _from(c, _ID, 0.85)
    reason, dx, micro, plan = c.rng.choice(_ID_TOPICS)
    he, him, his = pronouns(c)
    dx = dx.format(gt=c.pick("1a", "1b", "2", "3"))
    lines = _lh(c, f, c.pick("Infectious Diseases", "ID Clinic / OPAT", ""), c.pick("left", "dept", "bare")) + [""]
    lines += _hd(c, c.pick("Infectious Diseases Consultation", "ID Consult - Outpatient", "Infectious Disease "
                                                                                      "Clinic Note: New Consult"),
                 c.pick("caps", "dashed", "double")) + [""]
    lines += patient_block(c, c.pick("stacked", "paired", "piped")) + [""]
    lines += [f"Date: {c.d(c.service_date)}   ID physician: {c.doctor}",
              f"Referred by: {c.other_doctor}", f"Question: management of {reason}", ""]
    lines += ["HPI"] + _para(f"{cap_first(_yo(c))} {_noun(c)} referred for {reason}. " + c.pick(
        "Asymptomatic; found on pre-employment screening.", f"{cap_first(he)} has had {c.rng.randint(2, 4)} episodes "
        "over the past six months.", "Started on treatment in hospital and discharged to outpatient follow-up.",
        "Found on routine screening; no prior treatment.") + " " + c.pick(
        f"{cap_first(his)} travel history includes {c.pick('Mexico', 'India', 'the Philippines', 'Guatemala')}.",
        "No known TB or hepatitis contacts.", "No fevers or night sweats at present.", "Lives with spouse."), "  ")
    lines += ["", "ANTIMICROBIAL HISTORY", "  " + "Agent".ljust(26) + "Dates".ljust(26) + "Outcome"]
    prior = c.some(("vancomycin (oral)", "metronidazole", "cephalexin", "ciprofloxacin", "doxycycline",
                    "amoxicillin-clavulanate", "nitrofurantoin"), 1, 3) if "hepatitis" not in reason else []
    if not prior:
        lines.append("  none prior")
    for drug in prior:
        start = _ago(c, 20, 200)
        lines.append("  " + drug.ljust(26) + f"{c.d(start)} x {c.rng.randint(5, 14)}d".ljust(26)
                     + c.pick("resolved, then relapse", "completed", "rash - stopped", "no response", "n/a"))
    lines += ["", "Allergies: " + c.pick("NKDA", "penicillin (hives as a child)", "sulfa (rash)")]
    load = f"{c.rng.randint(2, 900) * 10000:,}"
    lines += ["", "MICROBIOLOGY / DATA"] + [f"  - {m.format(vl=load)}" for m in micro]
    lines += [f"  - CBC: WBC {_v(c, 4.2, 13.8)}, Hgb {_v(c, 10.1, 15.2)}; creatinine {_v(c, 0.6, 1.6, 2)}; "
              f"ALT {c.rng.randint(12, 64)}"]
    lines += ["", "EXAM: " + _vitals_line(c)]
    lines += ["", "IMPRESSION"] + _para(dx + ".", "  ")
    lines += ["", "RECOMMENDATIONS"] + _numbered(plan)
    if "OPAT" in " ".join(plan):
        lines += [f"  Planned end date: {c.d(_ahead(c, 38, 44))}. Home infusion: "
                  + c.pick("Brightline Home Infusion", "Northmoor Home IV Services")]
    lines += ["", c.pick(f"We will follow {him} in ID clinic; please call the ID line with any concerns.",
                         "Primary care may resume routine care; ID will manage the treatment course.",
                         "ID will sign off after confirmation of cure; thank you." if "hepatitis" in reason
                         or "difficile" in reason else "ID will see the patient at the end of therapy.")]
    lines += [_thanks(c)]
    return lines + _signature(c, c.doctor, "Infectious Diseases")


# ---- consult: pre-anesthesia assessment --------------------------------------------------------------------

_PROCEDURES = ("laparoscopic cholecystectomy", "right total knee arthroplasty", "cataract extraction, left eye",
               "colonoscopy with possible polypectomy", "lumbar microdiscectomy", "tonsillectomy and adenoidectomy",
               "carpal tunnel release", "umbilical hernia repair", "shoulder arthroscopy", "hysteroscopy")


@_page
def cons_preanesthesia(c: Ctx) -> list[str]:
    """Pre-anesthesia evaluation form from a surgery center: airway, ASA class, anesthetic plan, day-of-surgery meds."""
    f = _from(c, _ANES, 0.85)
    proc = c.rng.choice([p for p in _PROCEDURES if _female(c) or p != "hysteroscopy"])
    he, _him, _his = pronouns(c)
    lines = _lh(c, f, c.pick("Department of Anesthesiology", "Preadmission Testing", ""), None) + [""]
    lines += _hd(c, c.pick("Pre-Anesthesia Evaluation", "Anesthesia Preoperative Assessment",
                           "Preanesthetic Consultation"), c.pick("double", "centered", "bracket")) + [""]
    lines += patient_block(c, c.pick("paired", "stacked")) + [""]
    lines += [fields.two_col(f"Evaluation: {c.d(c.service_date)}", f"Surgery: {c.d(_ahead(c, 2, 21))}"),
              f"Procedure: {proc}", f"Surgeon: {c.other_doctor}", f"Evaluated by: {c.doctor}"
              + c.pick("", " / " + _staff(c, "CRNA")),
              "Visit type: " + c.pick("in person (PAT clinic)", "telephone", "video"), ""]
    lines += ["ANESTHESIA HISTORY",
              "  Prior anesthetics: " + c.pick("general x2, uneventful", "none", "spinal for knee surgery",
                                               "general - severe PONV"),
              "  Family history of malignant hyperthermia / pseudocholinesterase deficiency: " + c.pick("denies",
                                                                                                         "unknown"),
              "  Difficult airway history: " + c.pick("none", "none known", "yes - see chart"), ""]
    systems = (  # (system, healthy answers, answers that raise the ASA class)
        ("Cardiac", ("no angina; climbs 2 flights (>4 METs)", "no history"),
         ("HTN controlled; <4 METs due to knee pain", "AF on apixaban; echo EF 55%", "CAD, stent 2019; on aspirin")),
        ("Pulmonary", ("no history", "no lung disease"),
         ("asthma, mild; last steroid >1 yr", f"OSA on CPAP; STOP-BANG {c.rng.randint(3, 7)}", "COPD, no home O2")),
        ("Endocrine", ("none", "no diabetes or thyroid disease"),
         ("T2DM on metformin; A1c " + _v(c, 6.1, 8.9) + "%", "hypothyroid, euthyroid on replacement")),
        ("Renal/hepatic", ("none", "none known"), (f"CKD 3a, creatinine {_v(c, 1.2, 1.8, 2)}",)),
        ("GI", ("no reflux", "none"), ("GERD on PPI",)))
    sick = 0 if not _age_in(c, 30) and c.chance(0.6) else c.rng.randint(0, 3)
    ill = set(c.some(range(len(systems)), sick, sick))
    found: list[str] = []
    lines += ["SYSTEMS REVIEW"]
    for i, (system, fine, problems) in enumerate(systems):
        answer = c.rng.choice(problems) if i in ill else c.rng.choice(fine)
        found.append(answer)
        lines.append(f"  {system}: {answer}")
    asa = 1 if not ill else min(4, 2 + (len(ill) >= 3) + ("AF" in found[0] or "COPD" in found[1]))
    lines += ["", "AIRWAY / EXAM",
              f"  Mallampati {c.pick('I', 'II', 'III', 'IV')}   Thyromental > 3 FB: {c.pick('yes', 'no')}   "
              f"Mouth opening: {c.pick('normal', 'limited')}",
              f"  Neck ROM: {c.pick('full', 'reduced extension')}   Dentition: "
              + c.pick("intact", "upper denture", "loose right lower molar", "crowns, caps"),
              "  " + _vitals_line(c), "  Heart/lungs: " + ("irregular, clear" if "AF" in found[0] else
                                                            "RRR, faint expiratory wheeze" if "COPD" in found[1] or
                                                            "asthma" in found[1] else "RRR, clear"), ""]
    lines += ["RESULTS REVIEWED"]
    res = [f"Hgb {_v(c, 10.4, 15.9)}", f"Plt {c.rng.randint(140, 380)}", f"K {_v(c, 3.5, 5.1)}",
           f"Cr {_v(c, 0.6, 1.6, 2)}", f"Glucose {c.rng.randint(82, 210)}"]
    if _female(c) and _age_in(c, 12, 50):
        res.append("urine hCG " + c.pick("negative", "to be done day of surgery"))
    lines += _row(c.some(res, 3, len(res)), "  ", ", ")
    lines += ["  ECG: " + ("AF, rate controlled" if "AF" in found[0] else
                           c.pick("NSR, normal", "sinus brady 56, otherwise normal", "not indicated"))]
    lines += ["", f"ASA PHYSICAL STATUS: {asa}" + c.pick("", " (E not applicable)")]
    if "knee" in proc or "hip" in proc:
        plan = c.pick("Spinal with sedation; adductor canal block", "General with ETT; adductor canal block")
    elif "cataract" in proc or "colonoscopy" in proc:
        plan = c.pick("MAC with propofol sedation", "MAC; topical and light sedation" if "cataract" in proc
                      else "MAC, native airway")
    elif "carpal" in proc or "shoulder" in proc:
        plan = c.pick("Regional block with light sedation", "General with LMA plus interscalene block"
                      if "shoulder" in proc else "Bier block / MAC")
    else:
        plan = c.pick("General anesthesia with LMA", "General, endotracheal tube", "General, RSI (GERD)")
    lines += ["ANESTHETIC PLAN: " + plan]
    lines += ["  PONV risk (Apfel): " + str(c.rng.randint(0, 4)) + " - prophylaxis per protocol"]
    lines += ["  Post-op disposition: " + c.pick("same-day discharge", "overnight observation",
                                                 "inpatient; CPAP from home")]
    lines += ["", "DAY OF SURGERY MEDICATIONS"]
    for drug, _sig in _drugs(c, 2, 5):
        lines.append(f"  {drug[:34]:<36}" + c.pick("TAKE with sip of water", "HOLD morning dose",
                                                    "TAKE", "HOLD 48 hours prior", "half dose night before"))
    lines += ["", "NPO: no solid food after midnight; clear liquids until 2 hours before arrival."]
    lines += _para(c.pick(
        f"Anesthesia options, risks and benefits discussed; {he} wishes to proceed. Medically acceptable candidate "
        "for the planned anesthetic.",
        "Optimized for anesthesia. No further testing required. Surgeon's office informed.",
        "Recommend " + ("cardiology input on holding apixaban" if "AF" in found[0] else
                        "bringing CPAP on the day of surgery" if "OSA" in found[1] else
                        "a repeat potassium the morning of surgery")
        + " before proceeding; otherwise acceptable risk."))
    return lines + _signature(c, c.doctor, "Anesthesiology")


# ---- consult: collaborative care psychiatric case review ----------------------------------------------------

@_page
def cons_cocm_review(c: Ctx) -> list[str]:
    """Psychiatric consultant's case-review recommendations to the PCP in a collaborative care program."""
    if not _age_in(c, 12):
        return cons_neurology(c)
    f = _from(c, _COCM, 0.85)
    he, him, his = pronouns(c)
    weeks = c.rng.randint(6, 24)
    base, now = c.rng.randint(12, 25), c.rng.randint(6, 22)
    manager = _staff(c, c.pick("LCSW", "RN", "LPC", "LMSW"))
    if c.chance(0.3):  # short curbside reply
        short = _lh(c, f, "", "bare") + [""] + _hd(c, "Psychiatric Consultant Note", c.pick("caps", "chevron"))
        short += patient_block(c, "inline") + [""]
        short += _para(f"Dr. {_last(c.other_doctor)} - reviewed with {_last(manager)} today "
                       f"({c.d(c.service_date)}). PHQ-9 {base} -> {now} after {weeks} weeks. "
                       + c.pick("Response is partial. ", "Little change so far. ", "Improving as hoped. ")
                       + c.pick("I suggest increasing the SSRI one step and rechecking in 4 weeks.",
                                "I suggest adding bupropion XL 150 mg each morning.",
                                "No medication change; continue behavioral activation.",
                                "Please check a TSH; if normal, switch to venlafaxine XR 75 mg."))
        return short + _signature(c, c.doctor, "Collaborative Care Psychiatry")
    lines = _lh(c, f, "", c.pick("bare", "slash", "corner", "left")) + [""]
    lines += _hd(c, c.pick("Psychiatric Consultation - Case Review", "Collaborative Care: Consultant "
                                                                     "Recommendations",
                           "Psychiatric Case Consultation (Registry Review)"),
                 c.pick("caps", "dashed", "chevron", "doc")) + [""]
    lines += patient_block(c, c.pick("stacked", "paired", "inline")) + [""]
    lines += [f"Review date: {c.d(c.service_date)}", f"Psychiatric consultant: {c.doctor}",
              f"Behavioral health care manager: {manager}", f"Treating PCP: {c.other_doctor}", ""]
    lines += _para(c.pick(
        f"Dear Dr. {_last(c.other_doctor)}, this patient was reviewed at our weekly caseload consultation with "
        f"{_last(manager)}. I have not examined {him}; the recommendations below are for you to consider.",
        "Case reviewed with the care manager during systematic caseload review. The patient was not seen in "
        "person; recommendations are advisory to the treating provider.")) + [""]
    lines += ["Registry data:", f"  Weeks in program: {weeks}   Care manager contacts: {c.rng.randint(3, 14)}",
              f"  PHQ-9: baseline {base} -> latest {now} ({c.d(_ago(c, 1, 10))})"
              + (f"  [{round((base - now) / base * 100)}% change]" if base else ""),
              f"  GAD-7: {c.rng.randint(4, 19)}" + c.pick("", f"   PCL-5: {c.rng.randint(20, 60)}"),
              "  Suicide risk: " + c.pick("denies SI", "passive SI, safety plan in place", "no SI at last contact"),
              ""]
    lines += ["Current treatment:"] + [f"  - {x}" for x in c.some((
        c.pick("sertraline 100 mg", "escitalopram 10 mg", "fluoxetine 20 mg", "bupropion XL 150 mg")
        + f" daily for {c.rng.randint(4, 16)} weeks", "behavioral activation with the care manager",
        "problem-solving therapy, 4 sessions", "trazodone 50 mg at bedtime for sleep",
        "community therapist every other week"), 2, 3)]
    lines += ["", "Working diagnosis: " + c.pick("Major depressive disorder, moderate", "MDD with anxious distress",
                                                 "GAD with comorbid depression", "Persistent depressive disorder")]
    lines += ["", "Recommendations:"]
    recs = _keep(c, (
        "Increase the SSRI to the next dose step now; reassess PHQ-9 in 4 weeks.",
        "If less than 50% improvement after 8 more weeks, switch to venlafaxine XR or add bupropion.",
        "Check TSH and vitamin D if not done in the past year.", "Screen for bipolarity (MDQ) before augmenting.",
        "Continue behavioral activation weekly with the care manager.",
        "Consider a direct psychiatric evaluation if no response to the next two steps.",
        f"Avoid benzodiazepines given {his} alcohol history.", "Sleep: CBT-I materials; taper trazodone if not "
                                                               "helping."), 3, 5)
    lines += _numbered(recs)
    lines += ["", "Next caseload review: " + c.pick("4 weeks", "2 weeks", "after the next PHQ-9")]
    lines += _para(c.pick(f"Please contact me via the consult line if you have concerns about {his} safety.",
                          f"{cap_first(he)} remains appropriate for management in primary care.",
                          "Care manager will relay the plan to the patient once you approve."))
    return lines + _signature(c, c.doctor, "Psychiatric Consultant, Collaborative Care")


# ---- progress notes ------------------------------------------------------------------------------------------

_BH_PRIMARY = ("Osprey Point Community Health Center", "Saltmarsh Family Health (FQHC)", "Juniper Hills Primary Care")
_MED_MGMT = ("Quillwood Psychiatric Associates", "Cairn Mental Health Partners", "Brightfield Psychiatric Nurse "
                                                                                 "Practitioners")


@_page
def pn_ibh_followup(c: Ctx) -> list[str]:
    """Integrated behavioral health follow-up visit in primary care, mentioning referrals and the PCP in passing."""
    f = _from(c, _BH_PRIMARY, 0.8)
    he, him, his = pronouns(c)
    bhc = _staff(c, c.pick("LCSW", "LPC", "PsyD", "LMFT"))
    visit = c.rng.randint(2, 7)
    phq_then, phq_now = c.rng.randint(10, 23), c.rng.randint(4, 20)
    minutes = c.rng.choice((20, 25, 30, 35, 40))
    if c.chance(0.3):  # brief phone check-in
        note = _hd(c, c.pick("BHC Phone Follow-Up", "Behavioral Health Telephone Contact"), c.pick("caps", "dots"))
        note += patient_block(c, c.pick("inline", "stacked"))
        note += [f"{c.d(c.service_date)}  {c.rng.randint(8, 20)} min  {bhc}", ""]
        note += _para(f"Called as planned. PHQ-9 {phq_now} (was {phq_then}). "
                      + c.pick(f"{cap_first(he)} is using the sleep routine most nights. ",
                               f"{cap_first(he)} started the new dose the PCP prescribed. ",
                               f"{cap_first(he)} missed the community intake and will reschedule. ")
                      + c.pick("Denies SI. ", "No safety concerns. ")
                      + c.pick("Next call in 2 weeks.", "In-person BHC visit booked with the next PCP visit.",
                               "Will update PCP via EHR message."))
        return _lh(c, f, "", "bare") + [""] + note
    sec = c.pick("caps", "title", "bare")
    lines = _lh(c, f, c.pick("Integrated Behavioral Health", "Primary Care Behavioral Health", ""),
                c.pick("left", "corner", "bare")) + [""]
    lines += _hd(c, c.pick("Behavioral Health Consultant Follow-Up", "IBH Return Visit", "BHC Follow-Up Note",
                           "Integrated Behavioral Health Visit"), c.pick("caps", "dots", "bracket", "doc")) + [""]
    lines += patient_block(c, c.pick("stacked", "paired", "piped")) + [""]
    lines += [fields.two_col(f"Date: {c.d(c.service_date)}", f"Visit {visit}   {minutes} min"),
              "Modality: " + c.pick("in clinic, same day as PCP visit", "video", "telephone", "in clinic"),
              f"BHC: {bhc}   PCP: {c.doctor}", ""]
    lines += [_sx(sec, "Reason for visit")] + _para(
        c.pick(f"Follow-up after warm hand-off from {c.doctor} on {c.d(_ago(c, 14, 90))} for ",
               "Continuing brief treatment (referred by PCP) for ", "Scheduled return for ")
        + c.pick("depressed mood and poor sleep.", "anxiety with panic symptoms.", "stress related to chronic pain.",
                 "diabetes distress and missed insulin doses.", "grief after a recent loss."), "  ")
    lines += ["", _sx(sec, "Update since last contact")] + _para(c.pick(
        f"{cap_first(he)} completed about half of the planned activities and reports small gains in energy.",
        f"{cap_first(he)} had a difficult two weeks with a family conflict but kept working.",
        "Sleep improved after the wind-down routine; still waking at 4 am several nights.",
        f"Started the {c.pick('sertraline', 'escitalopram', 'bupropion')} increase the PCP made last month; mild "
        "nausea at first, now settled.") + " " + c.pick(
        "Attended the intake with the community counselor.", "Has not yet heard from the psychiatry office.",
        "Walking 15 minutes most days.", "Drinking less coffee as planned."), "  ")
    lines += ["", _sx(sec, "Measures"),
              "  " + "Measure".ljust(16) + "Intake".ljust(10) + "Today",
              "  " + "PHQ-9".ljust(16) + str(phq_then).ljust(10) + str(phq_now),
              "  " + "GAD-7".ljust(16) + str(c.rng.randint(6, 20)).ljust(10) + str(c.rng.randint(3, 18))]
    lines += ["  " + c.pick("Functional goal", "Goal rating").ljust(16)
              + f"{c.rng.randint(1, 4)}/10".ljust(10) + f"{c.rng.randint(3, 8)}/10"]
    lines += ["", _sx(sec, "Risk")] + ["  " + c.pick("Denies SI/HI; safety plan unchanged.", "Item 9 = 0.",
                                                      "Passive thoughts once this week, no intent; safety plan "
                                                      "reviewed, 988 on phone.")]
    lines += ["", _sx(sec, "Intervention")] + _para(c.pick(
        "Behavioral activation: reviewed activity log and scheduled three valued activities.",
        "Cognitive restructuring of catastrophic thoughts about health; practiced a balanced thought.",
        "Paced breathing and progressive muscle relaxation practiced in session.",
        "Motivational interviewing around insulin routine; patient chose a pill-box and phone alarm.",
        "Problem-solving steps applied to the housing issue."), "  ")
    lines += ["", _sx(sec, "Response")] + ["  " + c.pick("Engaged; agreed to the plan.", "Tearful, then calmer; "
                                                          "able to name next steps.", "Receptive, asked for "
                                                          "written handout.")]
    lines += ["", _sx(sec, "Plan and coordination")]
    lines += [f"  - {x}" for x in c.some((
        f"Next BHC visit in {c.pick('1 week', '2 weeks', '3 weeks')} ({c.pick('phone', 'in clinic', 'video')}).",
        f"Psychiatry referral placed {c.d(_ago(c, 10, 40))} - intake scheduled {c.d(_ahead(c, 5, 30))}.",
        "Messaged PCP re: persistent insomnia; PCP to consider medication change at next visit.",
        "Case to be presented at collaborative care caseload review.",
        "Food pantry and utility assistance information given.",
        "Continue community therapy at " + c.pick("Quillwood Counseling.", "the county clinic.",
                                                  "the faith-based counseling program."),
        "If PHQ-9 not improved by 5 points at next check, discuss stepped care with PCP."), 2, 4)]
    lines += ["", f"Codes: {c.pick('96158, 96159', '96156', '99484', '90832')}"]
    return lines + _signature(c, bhc)


_CHRONIC = (("Type 2 diabetes mellitus", "E11.9"), ("Essential hypertension", "I10"),
            ("Chronic kidney disease, stage 3a", "N18.31"), ("Hyperlipidemia", "E78.5"),
            ("Hypothyroidism", "E03.9"), ("Heart failure with preserved EF", "I50.30"))


@_page
def pn_chronic_followup(c: Ctx) -> list[str]:
    """Primary care chronic disease follow-up in assessment-first order with a labs-reviewed trend table."""
    f = _from(c, _PRIMARY, 0.75)
    he, him, his = pronouns(c)
    problems = c.some(_CHRONIC, 2, 4)
    sec = c.pick("caps", "title", "bracket")
    lines = _lh(c, f) + [""]
    short = {"E11.9": "Diabetes", "I10": "Hypertension", "N18.31": "CKD", "E78.5": "Lipids", "E03.9": "Thyroid",
             "I50.30": "Heart Failure"}
    lines += _hd(c, c.pick("Chronic Care Follow-Up Visit", "Office Visit - Chronic Conditions",
                           "Follow-Up: " + " / ".join(short[code] for _, code in problems),
                           "Established Patient Visit"),
                 c.pick("caps", "double", "chevron", "doc")) + [""]
    lines += patient_block(c, c.pick("paired", "stacked", "piped")) + [""]
    lines += [f"Date of service: {c.d(c.service_date)}", f"Clinician: {c.doctor}",
              "Visit type: " + c.pick("3-month follow-up", "6-month follow-up", "lab review visit",
                                      "follow-up, in person"), ""]
    lines += [_sx(sec, "Assessment and plan")]
    labs = (("A1c (%)", 6.0, 10.5, 1), ("Creatinine", 0.7, 1.7, 2), ("eGFR", 40, 95, 0), ("Potassium", 3.6, 5.3, 1),
            ("LDL", 55, 170, 0), ("UACR", 8, 400, 0), ("TSH", 0.5, 5.5, 2), ("Hemoglobin", 10.8, 15.6, 1))
    prior = {name: f"{c.rng.uniform(lo, hi):.{dec}f}" for name, lo, hi, dec in labs}
    now = {name: f"{c.rng.uniform(lo, hi):.{dec}f}" for name, lo, hi, dec in labs}
    now["eGFR"] = str(c.rng.randint(45, 59)) if any(code == "N18.31" for _, code in problems) else now["eGFR"]
    plans = {
        "E11.9": f"A1c {now['A1c (%)']}% (was {prior['A1c (%)']}%). " + c.pick(
            "Continue metformin; 90-day refill sent.", "Add empagliflozin 10 mg daily.",
            "Increase semaglutide to 1 mg weekly.", "At goal; no change.")
        + " " + c.pick("Diabetic eye exam referral renewed.", "Foot exam done today.", "Podiatry referral for "
                       "callus.", "Retinal photo done in clinic."),
        "I10": f"BP {c.rng.randint(118, 162)}/{c.rng.randint(68, 96)} today; home average "
               f"{c.rng.randint(118, 150)}/{c.rng.randint(70, 90)}. " + c.pick(
            "Continue losartan.", "Increase amlodipine to 10 mg.", "Add chlorthalidone 12.5 mg; BMP in 2 weeks.",
            "Controlled; refills sent."),
        "N18.31": f"eGFR {now['eGFR']}, UACR {now['UACR']} mg/g. " + c.pick(
            "Nephrology consult note from last month reviewed; agree with plan.", "Avoid NSAIDs.",
            "Stable; repeat in 6 months.", "Nephrology referral placed for rising albuminuria."),
        "E78.5": f"LDL {now['LDL']}. " + c.pick("Continue atorvastatin 40 mg.",
                                                             "Increase to atorvastatin 80 mg.",
                                                             "Add ezetimibe 10 mg.", "Statin refilled."),
        "E03.9": f"TSH {now['TSH']}. " + c.pick("Continue levothyroxine.", "Increase levothyroxine by "
                                                        "12.5 mcg; TSH in 6 weeks.", "No change."),
        "I50.30": f"Weight {c.pick('stable', 'up 2 lb', 'down 3 lb')}; euvolemic. " + c.pick(
            "Continue furosemide 20 mg.", "Cardiology follow-up next month.", "Echo report from cardiology reviewed.")}
    for i, (dx, code) in enumerate(problems, 1):
        lines.append(f"  {i}. {dx} ({code}): {plans[code]}")
    lines += ["", _sx(sec, "Labs reviewed today"),
              "  " + "Test".ljust(20) + f"Prior ({c.d(_ago(c, 90, 200))})".ljust(26)
              + f"Current ({c.d(_ago(c, 2, 12))})"]
    for name in _keep(c, [x[0] for x in labs], 3, 6):
        lines.append("  " + name.ljust(20) + prior[name].ljust(26) + now[name])
    lines += ["", _sx(sec, "Subjective")] + _para(c.pick(
        "Feels well. Taking medicines as prescribed; "
        + c.pick("one missed dose a week. ", "no missed doses. ", "ran out of statin for 2 weeks. "),
        "Some fatigue; otherwise no complaints. ", f"Here for lab review; {he} brought a home BP log. ")
        + c.pick("No chest pain, dyspnea or edema.", "No hypoglycemia.", "Walking 20 minutes most days.",
                 f"{cap_first(his)} appetite is good."), "  ")
    lines += ["", _sx(sec, "Objective"), "  " + _vitals_line(c)]
    lines += ["  " + c.pick("Heart RRR, lungs clear, no edema.", "Lungs clear; trace ankle edema.",
                            "Monofilament intact bilaterally; pulses 2+.")]
    lines += ["", _sx(sec, "Medications reconciled")] + [f"  {d} - {s}" for d, s in _drugs(c, 3, 6)]
    if c.chance(0.6):
        lines += ["", _sx(sec, "Care gaps")] + _row([f"{x}: {c.pick('done', 'ordered', 'declined', 'due')}"
                                                      for x in c.some(("colon cancer screening", "flu vaccine",
                                                                       "pneumococcal vaccine", "eye exam",
                                                                       "urine albumin", "shingles vaccine"), 2, 4)],
                                                     "  ", "; ")
    lines += ["", f"Return visit: {c.pick('3 months with labs 1 week before', '6 months', '4 weeks for BP check')}."]
    lines += [c.pick(f"Total time {c.rng.randint(22, 44)} min.", "Level: 99214.", "")]
    return lines + _signature(c, c.doctor)


_ADMISSIONS = (  # (reason, course, follow-up team, exam today, return precaution)
    ("community-acquired pneumonia", "Completed the antibiotic course.", "Pulmonology",
     "Lungs with faint right basilar crackles.", "call for fever or worse breathing"),
    ("heart failure exacerbation", "Diuretic dose confirmed; dry weight recorded.", "Cardiology",
     "No JVD, 1+ edema.", "call for weight gain over 3 lb"),
    ("COPD exacerbation", "Steroid taper finishing as directed; pulmonary rehab referral placed.", "Pulmonology",
     "Scattered expiratory wheeze, speaking full sentences.", "use the action plan and call early"),
    ("atrial fibrillation with rapid rate", "Rate control adequate on the new dose.", "Cardiology",
     "Irregular rhythm, rate 80s.", "call for palpitations or lightheadedness"),
    ("fall with hip fracture (post ORIF)", "Pain controlled; weight bearing as tolerated.", "Orthopedics",
     "Incision clean, dry; steady with walker.", "call for wound redness or calf pain"),
    ("upper GI bleed", "PPI twice daily until repeat endoscopy.", "GI",
     "Conjunctival pallor; abdomen soft.", "go to the ED for black stools or dizziness"),
)


@_page
def pn_post_hospital(c: Ctx) -> list[str]:
    """Transitional care (post-hospital) follow-up visit: contact date, medication reconciliation, pending results."""
    f = _from(c, _PRIMARY, 0.75)
    he, him, his = pronouns(c)
    dc = _ago(c, 3, 13)
    admit = dc - timedelta(days=c.rng.randint(2, 9))
    reason, course, team, exam, tip = c.rng.choice(_ADMISSIONS)
    hospital = c.pick("Kessler Valley Hospital", "Greyfield Medical Center", "Northmoor University Hospital",
                      c.recipient.name.replace("Medicine", "Hospital") if c.chance(0.1) else "Saint Ide Hospital")
    sec = c.pick("caps", "title", "bare")
    lines = _lh(c, f) + [""]
    lines += _hd(c, c.pick("Hospital Follow-Up Visit", "Transitional Care Management Visit",
                           "Post-Discharge Office Visit", "TCM Face-to-Face Visit"),
                 c.pick("caps", "centered", "dashed", "double")) + [""]
    lines += patient_block(c, c.pick("paired", "stacked")) + [""]
    lines += [f"Visit date: {c.d(c.service_date)}   Provider: {c.doctor}",
              f"Hospital: {hospital}   Admitted {c.d(admit)} - discharged {c.d(dc)}",
              f"Principal problem: {reason}",
              f"Interactive contact: {c.d(dc + timedelta(days=c.rng.randint(1, 2)))} by {_staff(c, 'RN')} (phone)",
              "Discharge summary: " + c.pick("received and reviewed", "not yet received - requested from HIM",
                                             "reviewed in shared EHR"), ""]
    lines += [_sx(sec, "Since discharge")] + _para(
        f"{cap_first(he)} " + c.pick("feels stronger each day. ", "is still tired but improving. ",
                                "had one night of worse breathing. ", "is walking with a walker. ")
        + c.pick("Appetite returning.", "No fevers.", f"Weights at home {c.rng.randint(140, 240)}-"
                 f"{c.rng.randint(241, 248)} lb.", "Sleeping in a recliner.") + " "
        + c.pick(f"{cap_first(his)} daughter is staying with {him}.", "Home health nurse visited once.",
                 "Picked up all new prescriptions.", "Confused about which pills to stop."), "  ")
    lines += ["", _sx(sec, "Medication reconciliation"),
              "  " + "Medication".ljust(28) + "Pre-admit".ljust(12) + "Discharge".ljust(12) + "Today"]
    for drug, _sig in _drugs(c, 3, 6):
        pre = c.pick("yes", "yes", "no")
        dcm = c.pick("continue", "continue", "new", "changed", "stopped") if pre == "yes" else "new"
        lines.append("  " + drug[:27].ljust(28) + pre.ljust(12) + dcm.ljust(12)
                     + c.pick("taking", "taking", "not filled", "stopped per DC", "confirmed"))
    if c.chance(0.5):
        lines += ["  Discrepancy: " + c.pick("still taking old metoprolol tartrate as well as succinate - "
                                             "tartrate stopped today", "none found",
                                             "antibiotic course completed early - counseled")]
    lines += ["", _sx(sec, "Results")]
    lines += [f"  - {x}" for x in c.some((
        "Blood cultures from admission: final, no growth.", f"Discharge creatinine {_v(c, 0.8, 2.1, 2)}; "
        f"today's BMP drawn.", f"Echo during stay: EF {c.rng.randint(25, 60)}%.",
        "Chest X-ray follow-up in 6 weeks to document clearing.", "Hospital pathology still pending - will track.",
        f"Hemoglobin at discharge {_v(c, 7.8, 11.5)}; CBC today."), 2, 4)]
    lines += ["", _sx(sec, "Exam"), "  " + _vitals_line(c)]
    lines += ["  " + exam]
    lines += ["", _sx(sec, "Assessment and plan")]
    lines += _para(f"{cap_first(reason)}, {c.pick('improving', 'resolving', 'stable after discharge')}. {course}", "  ")
    lines += [f"  - {x}" for x in _keep(c, (
        f"{team} follow-up scheduled {c.d(_ahead(c, 5, 25))}.",
        "Home health PT/OT started; orders signed today.",
        "Refills sent for new discharge medications (30 days, then 90).", "Fall precautions reviewed.",
        f"Return precautions given; {tip}.", f"Recheck in {c.pick('1 week', '2 weeks', '4 weeks')}."), 3, 5)]
    lines += ["", "TCM: " + c.pick("high complexity, face-to-face within 7 days (99496)",
                                    "moderate complexity, within 14 days (99495)")]
    return lines + _signature(c, c.doctor)


_REGIMENS = (
    ("lithium carbonate ER 900 mg at bedtime", "Bipolar I disorder, most recent episode depressed, in partial "
     "remission", "Lithium level {li} mEq/L (12-h trough), TSH {tsh}, creatinine {cr}"),
    ("aripiprazole 10 mg daily and sertraline 150 mg daily", "Major depressive disorder, recurrent, with "
     "augmentation", "A1c {a1c}%, fasting lipids reviewed, weight {wt} lb"),
    ("methylphenidate ER 36 mg every morning", "ADHD, combined presentation",
     "PDMP reviewed {pdmp}: single prescriber; BP {bp}, HR {hr}"),
    ("quetiapine 200 mg at bedtime and lamotrigine 150 mg daily", "Bipolar II disorder",
     "A1c {a1c}%, lipids due; no rash"),
    ("escitalopram 20 mg daily, hydroxyzine 25 mg as needed", "Generalized anxiety disorder with panic attacks",
     "No labs needed this visit; PHQ-9 {phq}, GAD-7 {gad}"),
)


@_page
def pn_med_management(c: Ctx) -> list[str]:
    """Psychiatric medication management follow-up: target symptoms, side effects, monitoring labs, refills."""
    if not _age_in(c, 8):
        return pn_chronic_followup(c)
    f = _from(c, _MED_MGMT + _BH_PRIMARY[:1], 0.8)
    he, _him, his = pronouns(c)
    minor = not _age_in(c, 18)
    regimen, dx, monitor = c.rng.choice(_REGIMENS if not minor else (_REGIMENS[2], (
        "escitalopram 10 mg daily", "Generalized anxiety disorder", "No labs needed; PHQ-A {phq}, SCARED {gad}")))
    prescriber = c.pick(c.doctor, _staff(c, c.pick("PMHNP-BC", "APRN, PMHNP")))
    sec = c.pick("caps", "title", "bracket")
    lines = _lh(c, f, "", c.pick("left", "slash", "center", "corner")) + [""]
    lines += _hd(c, c.pick("Medication Management Visit", "Psychiatric Follow-Up (Med Check)",
                           "Psychopharmacology Progress Note"), c.pick("caps", "dashed", "dots")) + [""]
    lines += patient_block(c, c.pick("stacked", "paired")) + [""]
    lines += [f"Date: {c.d(c.service_date)}   Prescriber: {prescriber}",
              "Format: " + c.pick("in person", "video", "in person with parent" if not _age_in(c, 18) else "video"),
              f"Diagnosis: {dx}", ""]
    lines += [_sx(sec, "Current regimen")] + ["  " + regimen]
    lines += ["", _sx(sec, "Interval history")] + _para(c.pick(
        f"Since the last visit {c.rng.randint(4, 12)} weeks ago {he} reports ",
        f"{cap_first(he)} returns for medication follow-up and describes ") + c.pick(
        "steadier mood and better sleep.", "some improvement but ongoing low motivation.",
        "a rough month at school, now settling." if minor else "a rough month with work stress, now settling.",
        "improved focus at school and work.") + " " + c.pick(
        "Seeing the therapist every other week.", "Therapy referral made last visit - on the wait list.",
        "No ED visits or hospitalizations.", "Parent agrees things are better." if minor
        else f"{cap_first(his)} partner agrees things are better."), "  ")
    lines += ["", _sx(sec, "Target symptoms"), "  " + "Symptom".ljust(18) + "Last".ljust(8) + "Now (0-10)"]
    for s in c.some(("Mood", "Anxiety", "Sleep", "Concentration", "Irritability", "Energy"), 3, 5):
        lines.append("  " + s.ljust(18) + str(c.rng.randint(3, 9)).ljust(8) + str(c.rng.randint(2, 8)))
    lines += ["", _sx(sec, "Side effects")] + _row(check_list(c, (
        "none", "nausea", "sedation", "weight gain", "tremor", "headache", "decreased appetite", "restlessness",
        "sexual"), 1, 2), "  ", "  ")
    lines += ["  Adherence: " + c.pick("no missed doses", "misses 1-2 doses a week", "uses pill organizer, good")]
    lines += ["", _sx(sec, "Monitoring")] + _para(monitor.format(
        li=_v(c, 0.5, 1.1, 2), tsh=_v(c, 0.6, 5.2, 2), cr=_v(c, 0.7, 1.3, 2), a1c=_v(c, 5.2, 6.6),
        wt=c.rng.randint(110, 260), pdmp=c.d(c.service_date), bp=f"{c.rng.randint(104, 138)}/{c.rng.randint(62, 88)}",
        hr=c.rng.randint(62, 98), phq=c.rng.randint(2, 16), gad=c.rng.randint(2, 16))
        + (f". AIMS {c.rng.randint(0, 3)}." if "aripiprazole" in regimen or "quetiapine" in regimen else "."), "  ")
    lines += ["", _sx(sec, "Mental status")] + _para(
        "Groomed, cooperative; speech normal; mood " + c.pick('"better"', '"okay"', '"a little down"')
        + "; affect " + c.pick("reactive", "mildly constricted", "euthymic") + "; thought process linear; no "
        "psychosis; insight and judgment " + c.pick("good", "fair") + ".", "  ")
    lines += ["  Risk: " + c.pick("denies SI/HI; low acute risk", "no SI since last visit; safety plan current",
                                  "denies SI; no access to firearms")]
    lines += ["", _sx(sec, "Plan")]
    lines += [f"  - {x}" for x in c.some((
        "Continue the current regimen unchanged.", "Increase the evening dose as discussed; recheck in 4 weeks.",
        f"Refills e-prescribed to {c.pick('the usual pharmacy', 'mail order, 90-day supply', 'pharmacy on file')}.",
        "Controlled medication: one 30-day prescription sent, no refills." if "methylphenidate" in regimen
        else "No controlled substances prescribed.",
        f"Labs ordered before next visit: {c.pick('lithium level and BMP', 'A1c and lipids', 'CBC and CMP')}.",
        "Letter to PCP updating the medication list.", "Continue psychotherapy; coordinate with therapist.",
        "Discussed sleep hygiene and screen time." if minor else "Discussed sleep hygiene and limiting alcohol."),
        3, 5)]
    lines += ["", f"Return: {c.pick('4 weeks', '6 weeks', '2 months', '3 months')}   "
                  f"Billing: 99214{c.pick('', ' + 90833 (16 min psychotherapy)')}"]
    return lines + _signature(c, prescriber)


@_page
def pn_pain_followup(c: Ctx) -> list[str]:
    """Chronic pain / opioid therapy monitoring visit: PEG, MME, PDMP, drug screen, referral status, next fill."""
    if not _age_in(c, 18):
        return pn_ibh_followup(c)
    f = _from(c, _PRIMARY, 0.7)
    he, him, his = pronouns(c)
    drug, freq, mme, analyte = c.rng.choice((
        ("hydrocodone/APAP 5/325 mg", "TID PRN", 15, "Hydrocodone"), ("oxycodone 5 mg", "QID PRN", 30, "Oxycodone"),
        ("tramadol 50 mg", "BID", 20, "Tramadol"), ("morphine ER 15 mg", "q12h", 30, "Morphine"),
        ("oxycodone ER 10 mg", "q12h", 30, "Oxycodone"), ("buprenorphine patch 10 mcg/h", "weekly", 0,
                                                           "Buprenorphine")))
    condition, procedure = c.rng.choice((
        ("lumbar spondylosis with radiculopathy", "a transforaminal epidural steroid injection"),
        ("knee osteoarthritis, bilateral", "genicular nerve radiofrequency ablation"),
        ("lumbar facet arthropathy", "medial branch blocks"), ("post-laminectomy syndrome",
                                                               "a spinal cord stimulator trial"),
        ("painful diabetic neuropathy", "a trial of high-frequency spinal cord stimulation")))
    sec = c.pick("caps", "title", "bare")
    lines = _lh(c, f) + [""]
    lines += _hd(c, c.pick("Chronic Pain Follow-Up", "Controlled Substance Monitoring Visit",
                           "Long-Term Opioid Therapy - Follow-Up Note"), c.pick("caps", "bracket", "double")) + [""]
    lines += patient_block(c, c.pick("paired", "stacked", "inline")) + [""]
    lines += [f"Date: {c.d(c.service_date)}   Clinician: {c.doctor}",
              "Pain condition: " + condition, ""]
    lines += [_sx(sec, "Interval")] + _para(c.pick(
        f"Pain is {c.pick('about the same', 'a little better', 'worse with the cold weather')}. ",
        f"{cap_first(he)} returns for the {c.pick('monthly', 'every-3-month')} check. ") + c.pick(
        f"Pain management consult on {c.d(_ago(c, 10, 60))} recommended {procedure}; scheduled.",
        "Referral to pain management is still pending insurance approval.",
        "Finished 8 PT visits; doing home exercises.", "Declined injections; prefers to continue current plan.")
        + " " + c.pick("Walks the dog daily.", "Back to part-time work.", "Sleep fair.", f"{cap_first(his)} mood is "
                                                                                          "steady."), "  ")
    lines += ["", _sx(sec, "Function and safety"),
              f"  PEG: pain {c.rng.randint(3, 9)}, enjoyment {c.rng.randint(2, 9)}, activity {c.rng.randint(2, 9)}"
              f"  (last visit {c.rng.randint(4, 9)}/{c.rng.randint(4, 9)}/{c.rng.randint(4, 9)})",
              f"  Regimen: {drug} {freq}" + (f" - about {mme} MME/day" if mme else " (MME not calculated)"),
              f"  PDMP checked {c.d(c.service_date)}: " + c.pick("no other prescribers", "consistent",
                                                                 "one dental Rx for 3 days, discussed"),
              "  Agreement on file: " + c.pick("yes, renewed " + c.d(_ago(c, 30, 300)), "yes"),
              "  Naloxone: " + c.pick("has unexpired kit", "re-prescribed today"),
              "  Sedatives/benzodiazepines: " + c.pick("none", "none", "zolpidem - counseled on risk")]
    lines += ["", _sx(sec, f"Urine drug testing, {c.d(_ago(c, 0, 30))}")]
    odd = c.chance(0.2)
    lines.append("  " + analyte.ljust(18) + ("negative" if odd else "positive").ljust(10)
                 + ("unexpected - discussed" if odd else "expected"))
    for other in c.some([a for a in ("Oxycodone", "Hydrocodone", "Fentanyl", "Benzodiazepines", "Cocaine",
                                     "Amphetamines", "THC") if a != analyte], 2, 4):
        pos = c.chance(0.08)
        lines.append("  " + other.ljust(18) + ("positive" if pos else "negative").ljust(10)
                     + ("unexpected - discussed" if pos else "expected"))
    lines += ["", _sx(sec, "Exam"), "  " + _vitals_line(c)]
    lines += ["  " + c.pick("Lumbar paraspinal tenderness; SLR negative.", "Crepitus both knees; antalgic gait.",
                            "Reduced vibration at toes.", "No sedation; pupils normal.")]
    lines += ["", _sx(sec, "Assessment / plan")]
    lines += [f"  - {x}" for x in c.some((
        "Benefits continue to outweigh risks at this dose; no escalation.",
        f"Next fill date {c.d(_ahead(c, 20, 30))}; 28-day prescription e-prescribed to the pharmacy on file.",
        "Taper by 10% per month discussed; will start after the injections.",
        "Continue duloxetine and topical diclofenac.", "Random UDS at a future visit.",
        "Follow up with pain management as scheduled; their note will be reviewed.",
        f"Counseled {him} on safe storage and not driving if drowsy.", "Behavioral health referral offered."),
        3, 5)]
    lines += ["", f"Return: {c.pick('4 weeks', '28 days', '3 months')}"]
    return lines + _signature(c, c.doctor)


TEMPLATES: dict[DocType, tuple[Template, ...]] = {
    DocType.referral: (ref_psych_evaluation, ref_warm_handoff, ref_eap, ref_substance_use, ref_developmental,
                       ref_internal_specialty, ref_wound_center, ref_pain_management),
    DocType.consult_note: (cons_endocrine, cons_rheumatology, cons_neurology, cons_gastro, cons_pulmonary,
                           cons_infectious, cons_preanesthesia, cons_cocm_review),
    DocType.progress_note: (pn_ibh_followup, pn_chronic_followup, pn_post_hospital, pn_med_management,
                            pn_pain_followup),
}
