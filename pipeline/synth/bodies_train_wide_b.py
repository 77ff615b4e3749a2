"""Wider "train" templates: prescription requests, prior authorizations, insurance, records requests and
progress notes.

Each template is a different kind of real-world document from a different kind of sender (retail, mail-order
and long-term-care pharmacies, PBMs and radiology benefit managers, courts, disability examiners, home health
agencies, ...), with its own layout; headings, sentences and optional sections vary within a template.
Nothing here may appear word for word in the holdout family.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date, timedelta

from pipeline.records import DocType
from pipeline.synth import clinical, fields, names
from pipeline.synth.context import Ctx, letterhead, patient_block, phone
from pipeline.synth.fields import Facility, wrap

W = fields.LINE_WIDTH
Template = Callable[[Ctx], list[str]]

# ---- shared helpers ----------------------------------------------------------------------------------


def _org(c: Ctx, choices: Sequence[str], own: float = 0.6) -> Facility:
    """The sending organisation: one of this file's names with an invented address, or the caller's sender."""
    if c.chance(own):
        return fields.facility(c.rng, c.rng.choice(list(choices)))
    return c.sender




def _head(c: Ctx, f: Facility, style: str | None = None) -> list[str]:
    """A letterhead in one of several looks."""
    style = style or c.pick("center", "left", "rule", "stars", "split", "oneline")
    if style in ("center", "left"):
        return letterhead(f, style, c.rng)
    ph, fx = phone(c, f.phone), phone(c, f.fax)
    if style == "rule":
        return [f.name.upper(), f"{f.street}  *  {f.city_line}", f"Main {ph}    Fax {fx}", "_" * 73]
    if style == "stars":
        return ["*" * 69, f.name.center(69).rstrip(), f"{f.street}, {f.city_line}".center(69).rstrip(),
                f"Office {ph} / Fax {fx}".center(69).rstrip(), "*" * 69]
    if style == "split":
        return [fields.two_col(f.name, f"Office: {ph}"), fields.two_col(f.street, f"Fax: {fx}"), f.city_line]
    one = f"{f.name} ~ {f.city_line} ~ Fax {fx}"
    return [one] if len(one) <= W else [f.name, f"{f.city_line} ~ Fax {fx}"]


def _heading(c: Ctx, text: str, style: str | None = None) -> list[str]:
    """A document title (written in title case) in one of several looks."""
    style = style or c.pick("center", "left", "under", "equals", "stars", "title")
    up = text.upper()
    if style == "center":
        return [up.center(W).rstrip()]
    if style == "left":
        return [up]
    if style == "under":
        t = c.pick(up, text)
        return [t, "-" * len(t)]
    if style == "equals":
        return ["=" * 67, up.center(67).rstrip(), "=" * 67]
    if style == "stars":
        return [f"*** {up} ***"]
    return [text]


def _section(c: Ctx, text: str, style: str) -> str:
    """A section label: 'caps' (HISTORY:), 'title' (History:), 'colonless' (HISTORY) or 'dash' (-- History --)."""
    if style == "caps":
        return text.upper() + ":"
    if style == "title":
        return text + ":"
    if style == "colonless":
        return text.upper()
    return f"-- {text} --"


def _person(c: Ctx) -> str:
    """An invented staff member's name (never the patient)."""
    first = c.rng.choice(names.FEMALE_FIRST if c.chance(0.5) else names.MALE_FIRST)
    return f"{first} {c.rng.choice(names.SURNAMES)}"


def _staff(c: Ctx, *creds: str) -> str:
    return f"{_person(c)}, {c.rng.choice(creds)}"


def _surname(who: str) -> str:
    """'Dr. Jane Smith, MD' -> 'Smith'."""
    return who.split(",")[0].split()[-1]


def _boxes(c: Ctx, options: Sequence[str], chosen: int | None = None, sep: str = "   ") -> str:
    """Check boxes on one line, one of them ticked (chosen=-1: none ticked)."""
    k = c.rng.randrange(len(options)) if chosen is None else chosen
    return sep.join(("[x] " if i == k else "[ ] ") + o for i, o in enumerate(options))


def _ago(c: Ctx, lo: int, hi: int) -> date:
    return c.service_date - timedelta(days=c.rng.randint(lo, hi))


def _clock(c: Ctx, lo: int = 7, hi: int = 18) -> str:
    return f"{c.rng.randint(lo, hi):02d}:{c.rng.choice((0, 5, 10, 15, 20, 30, 40, 45, 50)):02d}"


def _rxno(c: Ctx) -> str:
    return c.pick("RX", "Rx#", "", "#") + str(c.rng.randint(1000000, 9999999))


def _npi(c: Ctx) -> str:
    return str(c.rng.randint(1000000000, 1999999999))


def _member_id(c: Ctx) -> str:
    return c.rng.choice(("XJH", "QWB", "ZPR", "MCD", "HBA", "")) + str(c.rng.randint(10**8, 10**9 - 1))


def _ref(c: Ctx, prefix: str = "") -> str:
    return f"{prefix}{c.rng.randint(2024, 2026)}-{c.rng.randint(100000, 999999)}"


def _meds(c: Ctx, lo: int, hi: int) -> list[tuple[str, str]]:
    """Distinct medications with strength and directions."""
    return [(f"{n} {c.rng.choice(s)}", sig) for n, s, sig in c.some(clinical.DRUGS, lo, hi)]


def _money(x: float) -> str:
    return f"${x:,.2f}"


# ---- prescription requests ---------------------------------------------------------------------------

_RETAIL = ("Bayside Community Pharmacy", "QuickCare Drug #4471", "Pillbox Family Pharmacy",
           "Greenway Pharmacy & Wellness", "Riverside Discount Drugs #118", "Northend Apothecary")
_MAIL_ORDER = ("ExpressLane Home Delivery Pharmacy", "MailMeds Direct", "HomeScript Mail Service Pharmacy")
_LTC = ("Meadowview LTC Pharmacy Services", "Silver Oaks Institutional Pharmacy")
_NURSING_HOMES = ("Willowbrook Skilled Nursing & Rehab", "Autumn Ridge Care Center", "Linden Court Health Campus")
_ANSWERING = ("Nightingale Answering Service", "CallBridge Medical Messaging", "Anytime Answering Service")
_CONTROLLED = (
    ("oxycodone/acetaminophen 5/325 mg", "1 tablet by mouth every 6 hours as needed for pain", "II"),
    ("hydrocodone/acetaminophen 10/325 mg", "1 tablet by mouth every 8 hours as needed for pain", "II"),
    ("methylphenidate ER 36 mg", "1 tablet by mouth every morning", "II"),
    ("amphetamine/dextroamphetamine 20 mg", "1 tablet by mouth twice daily", "II"),
    ("alprazolam 0.5 mg", "1 tablet by mouth three times daily as needed for anxiety", "IV"),
    ("lorazepam 1 mg", "1 tablet by mouth at bedtime as needed", "IV"),
    ("zolpidem 10 mg", "1 tablet by mouth at bedtime as needed for sleep", "IV"),
    ("tramadol 50 mg", "1 tablet by mouth every 6 hours as needed for pain", "IV"),
    ("pregabalin 75 mg", "1 capsule by mouth twice daily", "V"),
    ("buprenorphine/naloxone 8 mg/2 mg film", "1 film under the tongue daily", "III"),
)
_INTERCHANGE = (
    ("Crestor 20 mg", "1 tablet daily",
     ("atorvastatin 40 mg daily", "rosuvastatin 20 mg daily (generic)", "simvastatin 40 mg at bedtime")),
    ("Nexium 40 mg", "1 capsule daily before breakfast",
     ("omeprazole 40 mg daily", "pantoprazole 40 mg daily", "esomeprazole 40 mg daily (generic)")),
    ("Benicar 20 mg", "1 tablet daily", ("losartan 50 mg daily", "valsartan 160 mg daily", "irbesartan 150 mg daily")),
    ("Januvia 100 mg", "1 tablet daily", ("glipizide ER 5 mg daily", "pioglitazone 15 mg daily",
                                          "saxagliptin 5 mg daily")),
    ("Symbicort 160/4.5 mcg", "2 puffs twice daily",
     ("Breo Ellipta 100/25 mcg, 1 inhalation daily", "budesonide/formoterol 160/4.5 (authorized generic)",
      "Wixela Inhub 250/50, 1 inhalation twice daily")),
    ("Lyrica 75 mg", "1 capsule twice daily",
     ("pregabalin 75 mg twice daily (generic)", "gabapentin 300 mg three times daily", "duloxetine 30 mg daily")),
    ("Xarelto 20 mg", "1 tablet daily with the evening meal",
     ("Eliquis 5 mg twice daily", "warfarin, dose per INR", "dabigatran 150 mg twice daily")),
    ("Vesicare 5 mg", "1 tablet daily",
     ("oxybutynin ER 10 mg daily", "solifenacin 5 mg daily (generic)", "tolterodine ER 4 mg daily")),
)


def refill_batch_form(c: Ctx) -> list[str]:
    """Retail pharmacy fax asking the prescriber to authorize refills of one or more medications."""
    f = _org(c, _RETAIL, 0.5)
    lines = _head(c, f, c.pick("center", "split", "stars")) + [""]
    lines += _heading(c, c.pick("Refill Authorization Needed", "Request for Refill Authorization",
                                "Prescription Refill Request", "Refill Request - Prescriber Response Needed"),
                      c.pick("equals", "center", "under"))
    lines += ["", fields.two_col(f"Date sent: {c.d(c.report_date)}", f"Pharmacy NPI: {_npi(c)}"),
              f"To: {c.doctor}", f"Please fax your reply to {phone(c, f.fax)}", ""]
    lines += patient_block(c, c.pick("stacked", "paired"))
    if c.chance(0.4):
        lines.append("Allergies: " + c.pick("NKDA", "Penicillin", "Sulfa drugs", "Codeine", "None reported"))
    lines.append("")
    if c.chance(0.3):
        lines += wrap("** Patient states they are OUT of this medication - a same-day reply is appreciated **")
        lines.append("")
    header = " #  " + "Medication".ljust(30) + "Qty".ljust(6) + "Last fill".ljust(19) + "Rx no."
    lines += [header, " " + "-" * (len(header) + 4)]
    for i, (drug, sig) in enumerate(_meds(c, 1, 4), start=1):
        qty = c.rng.choice(("30", "30", "90", "60"))
        last = c.service_date - timedelta(days=int(qty) + c.rng.randint(-6, 3))
        lines += [f" {i}  " + drug[:29].ljust(30) + qty.ljust(6) + c.d(last).ljust(19) + _rxno(c),
                  f"    Label directions: {sig}",
                  "    " + c.pick("[ ] Approve   Refills: ____   [ ] Deny   [ ] Patient must be seen first",
                                  "Approve ___ with ___ refills     Deny ___     Needs appointment ___"), ""]
    lines += [c.pick("If denied, please give a reason: _______________________________",
                     "Reason for denial: _______________________________________________")]
    if c.chance(0.5):
        lines += ["", c.pick("[ ] Substitution permitted      [ ] Dispense as written",
                             "Generic substitution OK?  [ ] Yes  [ ] No")]
    lines += ["", "Authorizing prescriber (signature): ______________________________",
              "Date of response: ____________"]
    if c.chance(0.6):
        lines += [""] + wrap(c.pick(
            "Renewals requested by fax are processed in the order received. Please do not send the patient to "
            "the pharmacy until the request has been answered.",
            "This request was generated at the patient's request. For questions, ask for the pharmacist on duty "
            f"at {phone(c, f.phone)}."))
    return lines


def controlled_refill_request(c: Ctx) -> list[str]:
    """Pharmacy asking for a new prescription of a controlled substance (which cannot be approved by fax)."""
    drug, sig, sched = c.rng.choice(_CONTROLLED)
    f = _org(c, _RETAIL, 0.5)
    days = c.rng.choice((7, 14, 28, 30))
    per_day = c.rng.choice((1, 2, 3, 4)) if "every" in sig or "three" in sig else c.rng.choice((1, 2))
    last = c.service_date - timedelta(days=days - c.rng.randint(0, 3))
    lines = _head(c, f, c.pick("left", "rule", "oneline")) + [""]
    lines += _heading(c, c.pick("Controlled Substance Refill Request", f"Schedule {sched} Prescription Request",
                                "Request for New Prescription - Controlled Medication"),
                      c.pick("under", "left", "stars"))
    lines += ["", f"Date: {c.d(c.report_date)}", f"Prescribing provider: {c.doctor}",
              c.pick("DEA #: on file", "DEA #: ______________",
                     f"DEA #: {c.rng.choice('ABFM')}{c.rng.choice('ABCDGHKLMRSTW')}{c.rng.randint(10**6, 10**7 - 1)}"),
              ""]
    lines += patient_block(c, c.pick("stacked", "inline"))
    lines += ["", f"Medication: {drug}   (C-{sched})", f"Sig as last dispensed: {sig}",
              f"Last dispensed: {c.d(last)}   Qty: {per_day * days}   Days supply: {days}",
              f"Earliest fill date: {c.d(last + timedelta(days=days - 2))}", ""]
    if sched == "II":
        lines += wrap(c.pick(
            "Schedule II prescriptions cannot be refilled. A new prescription must be sent electronically "
            "for each fill.",
            "No refills are permitted on C-II medications under federal law; please transmit a new "
            "e-prescription if therapy is to continue."))
    else:
        lines += wrap(c.pick(
            f"All authorized refills have been used. Schedule {sched} prescriptions may be refilled up to five "
            "times within six months of the date written.",
            "The prescription on file has expired (more than six months since it was written), so a new "
            "prescription is required."))
    if c.chance(0.35):
        lines += [""] + wrap("EARLY FILL REQUESTED: " + c.pick(
            "patient is leaving the country for three weeks and asks for a vacation supply.",
            "patient reports the bottle was lost while moving; no police report provided.",
            "patient reports taking an extra dose on bad days and ran out early."))
    lines += [""] + wrap("State PDMP reviewed: " + c.pick(
        "no discrepancies found", "fills from 2 prescribers in the past 90 days - please review",
        f"last controlled fill {c.d(last)}, consistent with directions"))
    lines += ["", c.pick("Prescriber response:", "PLEASE CHECK ONE:"),
              "  [ ] New prescription sent electronically (EPCS)",
              "  [ ] Denied - patient needs an office visit first",
              "  [ ] Denied - medication discontinued",
              "  [ ] Other: ______________________________"]
    lines += [""] + wrap(c.pick(
        "This form is a request only. It is not a valid prescription for a controlled substance and a signature "
        "on it cannot be dispensed from.",
        "Reminder: controlled substance prescriptions must be signed and sent by the prescriber; we cannot accept "
        "this page back as an order."))
    return lines + ["", f"Pharmacist: {_staff(c, 'RPh', 'PharmD')}", f"Pharmacy line: {phone(c, f.phone)}"]


def therapeutic_interchange(c: Ctx) -> list[str]:
    """Pharmacy letter proposing a formulary or in-stock alternative for a prescribed brand drug."""
    brand, sig, alternatives = c.rng.choice(_INTERCHANGE)
    f = _org(c, _RETAIL + _MAIL_ORDER, 0.5)
    lines = _head(c, f, c.pick("center", "left", "split")) + [""]
    lines += _heading(c, c.pick("Therapeutic Interchange Request", "Formulary Alternative Requested",
                                "Request for Therapeutic Substitution"), c.pick("left", "center", "title"))
    lines += ["", c.d(c.report_date), "", f"Prescriber: {c.doctor}" if c.chance(0.3) else f"Attn: {c.doctor}",
              c.recipient.name, ""]
    lines += patient_block(c, c.pick("paired", "stacked"))
    lines += ["", c.pick(f"Dear Dr. {_surname(c.doctor)} and staff,", "Dear Prescriber,",
                         f"Good day Dr. {_surname(c.doctor)},"), ""]
    reason = c.rng.randrange(4)
    why = ("is not on the formulary of the patient's prescription plan",
           "is on manufacturer backorder and we cannot say when it will be available",
           "carries a copay the patient has told us they cannot afford",
           "is not available in the dosage form written")[reason]
    lines += wrap(f"We received a prescription for {brand}, {sig}. This product {why}. To avoid a gap in "
                  "therapy, we are asking whether one of the alternatives below would be acceptable to you.")
    lines += ["", "Reason for request:",
              "  " + _boxes(c, ("Non-formulary", "Backorder/shortage"), reason if reason < 2 else -1),
              "  " + _boxes(c, ("Cost to patient", "Dosage form unavailable"), reason - 2 if reason >= 2 else -1),
              "", "Please select one:"]
    for alt in c.some(alternatives, 2, 3):
        lines.append(f"  [ ] {alt}")
    lines += ["  [ ] Keep original - I will ask the plan for coverage (prior authorization)",
              "  [ ] Other: ______________________________________", ""]
    if c.chance(0.5):
        lines += wrap(c.pick(
            "If we do not hear from you within 72 hours, the patient will be offered the original product at "
            "the full cash price.",
            "The patient has been told we are contacting you and has a three-day supply on hand.")) + [""]
    lines += ["Prescriber signature: ___________________________   Date: ___________", "",
              c.pick("Thank you,", "Sincerely,", "With thanks,"), _staff(c, "PharmD", "RPh"),
              f"{f.name}  -  fax {phone(c, f.fax)}"]
    return lines


_CLARIFY = (
    "The strength is not written on the prescription.",
    "Directions read 'use as directed'; please specify the dose and how often it is taken.",
    "The quantity written exceeds the plan's 30-day limit.",
    "The prescription was received without a prescriber signature and date.",
    "The drug name is illegible on the copy we received.",
    "Two strengths of the same drug are active on the patient's profile - which should continue?",
)


def rx_clarification(c: Ctx) -> list[str]:
    """Short pharmacist note asking the prescriber to clarify a prescription before it can be filled."""
    drug, _sig, qty = clinical.drug_line(c.rng)
    other, _, _ = clinical.drug_line(c.rng)
    f = _org(c, _RETAIL, 0.4)
    issues = c.some(_CLARIFY + (
        f"Possible interaction with {other.split()[0]}, also on the patient's profile.",
        f"Duplicate therapy: the patient also fills {drug.split()[0]} from another prescriber.",
        f"Patient has a documented {c.pick('sulfa', 'penicillin', 'ACE inhibitor', 'statin')} allergy on file."),
        1, 3)
    lines = _head(c, f, c.pick("oneline", "left")) + [""]
    if c.chance(0.5):
        lines += _heading(c, c.pick("Prescription Clarification Needed", "Rx Clarification Request"),
                          c.pick("left", "stars", "under")) + [""]
    lines += [f"Date: {c.d(c.report_date)}", f"To: {c.doctor}",
              f"Regarding: prescription received {c.d(c.service_date)}", ""]
    lines += patient_block(c, c.pick("inline", "stacked"))
    lines += ["", f"Rx as received: {drug}  #{qty}", ""]
    lines += [c.pick("We are unable to fill this prescription until the following is clarified:",
                     "Before dispensing, our pharmacist needs the following clarified:")]
    for i, issue in enumerate(issues, start=1):
        lines += wrap(f"{i}. {issue}", "  ")
    lines += ["", "Clarified order: ___________________________________________________",
              "Prescriber or agent: ___________________________   Time: _______", "",
              f"Or call the pharmacy at {phone(c, f.phone)} and ask for the pharmacist."]
    return lines


def patient_refill_message(c: Ctx) -> list[str]:
    """A patient's refill request, taken by an answering service or sent from a patient portal."""
    drug, _sig, _qty = clinical.drug_line(c.rng)
    pharmacy = c.rng.choice(_RETAIL)
    left = c.rng.choice(("0", "1", "2", "3", "none", "a few"))
    if c.chance(0.5):
        f = _org(c, _ANSWERING, 0.9)
        lines = _head(c, f, c.pick("oneline", "left")) + [""]
        lines += _heading(c, c.pick("Message for Provider", "Telephone Message", "After-Hours Message"),
                          c.pick("left", "stars")) + [""]
        lines += [fields.two_col(f"For: {c.doctor}", f"Taken: {c.d(c.report_date)} {_clock(c, 17, 23)}"),
                  f"Operator: #{c.rng.randint(10, 99)}",
                  "Caller: " + _boxes(c, ("Patient", "Family member", "Caregiver")), ""]
        lines += patient_block(c, "stacked")
        lines += ["", "Message:"]
        lines += wrap(c.pick(
            f"Caller requests a refill of {drug}. States there are {left} doses left. Wants it sent to "
            f"{pharmacy}.",
            f"Needs {drug} refilled, pharmacy told caller the prescription has no refills left. Uses "
            f"{pharmacy}.",
            f"Calling about {drug} - ran out over the weekend and asks that a new prescription go to "
            f"{pharmacy}."), "  ")
        lines += ["", "Urgent per caller: " + c.pick("Yes", "No"), "Callback requested: " + c.pick("Yes", "No"),
                  "", c.pick("Message delivered by fax per office instructions.",
                             "Office closed - message held for next business day.")]
        return lines
    lines = _heading(c, c.pick("Portal Message - Medication Renewal", "Online Refill Request"),
                     c.pick("left", "equals", "under"))
    lines += ["", f"Sent: {c.d(c.report_date)} {_clock(c, 6, 22)}", f"To: {c.doctor} / care team",
              "Category: " + c.pick("Prescription renewal", "Medication question - refill", "Rx refill"), ""]
    lines += patient_block(c, c.pick("stacked", "paired"))
    lines += ["", f"Medication: {drug}", f"Preferred pharmacy: {pharmacy}",
              "Days of medication remaining: " + left, "", "Patient comment:"]
    lines += wrap(c.pick(
        "Hi, I need a refill on this one please. Thank you!",
        "My pharmacy said they sent a request but never heard back. Could you please send it today?",
        "Could this be changed to a 90 day supply? It is cheaper with my insurance.",
        "Going out of town next week and would like to pick it up before I leave."), "  ")
    lines += ["", "Routed to: " + c.pick("refill pool", "nurse triage", "clinical staff inbox"),
              "Status: " + c.pick("New", "Pending provider review")]
    return lines


def mail_order_renewal(c: Ctx) -> list[str]:
    """Mail-order pharmacy renewal request for several maintenance medications, 90-day supplies."""
    f = _org(c, _MAIL_ORDER, 0.8)
    run_out = c.report_date + timedelta(days=c.rng.randint(5, 21))
    lines = _head(c, f, c.pick("center", "stars", "rule")) + [""]
    lines += _heading(c, c.pick("Prescription Renewal Request", "Home Delivery Renewal Request",
                                "Renewal Request - 90-Day Supply"), c.pick("center", "equals"))
    lines += ["", c.pick(f"TIME SENSITIVE - patient supply runs out on or about {c.d(run_out)}",
                         f"Please respond by {c.d(run_out)} to avoid an interruption in therapy"), ""]
    lines += [fields.two_col(f"Prescribing provider: {c.doctor}", f"Request #: {_ref(c, 'HD')}"),
              fields.two_col(f"Date: {c.d(c.report_date)}", f"Prescriber NPI: {_npi(c)}"), ""]
    lines += patient_block(c, "paired", ("Patient:", "Patient Name:", "Name:"))
    lines.append(f"Member ID: {_member_id(c)}")
    lines += [""] + wrap(c.pick(
        "Your patient uses our home delivery service through their pharmacy benefit and has asked us to renew "
        "the prescriptions below. Their plan allows up to a 90-day supply for maintenance medications.",
        "We are contacting you on behalf of the patient named above, who receives medications by mail. The "
        "following prescriptions have no refills remaining or have expired."))
    lines.append("")
    for i, (drug, sig) in enumerate(_meds(c, 2, 5), start=1):
        lines += [f"{i}. {drug}", f"   Sig: {sig}",
                  f"   Requested: 90-day supply + {c.pick('3', '3', '1')} refills   Prior Rx: {_rxno(c)}",
                  "   " + _boxes(c, ("Approve as requested", "Approve with changes", "Deny"), -1),
                  "   Changes: _______________________________________________", ""]
    lines += [c.pick("HOW TO RESPOND", "To authorize:")]
    lines += ["  1. " + c.pick("Send a new e-prescription to our pharmacy, or", "E-prescribe to us (preferred), or"),
              "  2. Mark each item above, sign below and fax this page to " + phone(c, f.fax) + ".", ""]
    lines += ["Prescriber signature: ________________________________   Date: __________",
              "Substitution: [ ] Generic permitted   [ ] Brand medically necessary", ""]
    lines += wrap(c.pick(
        "Faxed responses are accepted for non-controlled medications only. A generic equivalent will be "
        "dispensed unless the brand is marked medically necessary.",
        "This request was initiated at the member's request. It does not change the patient's treatment plan; "
        "only the prescriber may approve it."))
    return lines + ["", f"Prescriber help desk: {phone(c, f.phone)} (Mon-Fri 8a-8p)"]


_ERX_ERRORS = (
    ("900", "Rejected - prescriber identifier not active on the network"),
    ("602", "Patient could not be matched to the pharmacy profile"),
    ("220", "Drug product not recognized; NDC could not be mapped"),
    ("140", "Renewal response received without an approved quantity"),
    ("500", "Message timed out before reaching the pharmacy system"),
)


def erx_error_notice(c: Ctx) -> list[str]:
    """Pharmacy fax saying an electronic prescription or renewal response could not be processed."""
    code, text = c.rng.choice(_ERX_ERRORS)
    drug, sig, qty = clinical.drug_line(c.rng)
    f = _org(c, _RETAIL + _MAIL_ORDER, 0.5)
    lines = _head(c, f, c.pick("split", "left", "oneline")) + [""]
    lines += _heading(c, c.pick("E-Prescribing Transmission Error", "Electronic Prescription Not Processed",
                                "Notice: eRx Could Not Be Received"), c.pick("stars", "equals", "left"))
    lines += ["", f"Notice date: {c.d(c.report_date)} {_clock(c)}", f"Prescribing provider: {c.doctor}",
              "Message type: " + c.pick("NewRx", "RxRenewalResponse", "RxChangeResponse", "CancelRx"),
              f"Error code: {code}", f"Description: {text}", ""]
    lines += patient_block(c, c.pick("paired", "stacked"))
    lines += ["", "Prescription as transmitted:", f"  {drug}", f"  {sig}", f"  Quantity {qty}, refills "
              f"{c.pick('0', '1', '3', '5')}", f"  Sent from your system: {c.d(c.service_date)}", ""]
    lines += wrap(c.pick(
        "The prescription has NOT been filled. Please resend it through your EHR after correcting the problem, "
        "call it in, or approve it on this form.",
        "Our system returned the message above, so nothing is on file for the patient yet. You may reply on "
        "this form for non-controlled drugs."))
    lines += ["", "  " + _boxes(c, ("Resent electronically", "Fill as written above", "Do not fill"), -1),
              "", "Signature: _____________________________   Date: ___________"]
    if c.chance(0.5):
        lines += ["", f"Pharmacy help line {phone(c, f.phone)}; NCPDP ID {c.rng.randint(1000000, 9999999)}"]
    return lines


def ltc_order_renewal(c: Ctx) -> list[str]:
    """Long-term care pharmacy / nursing facility monthly medication order renewal for a resident."""
    f = _org(c, _LTC + _NURSING_HOMES, 0.85)
    facility = c.rng.choice(_NURSING_HOMES)
    month = c.report_date + timedelta(days=c.rng.randint(3, 20))
    lines = _head(c, f, c.pick("center", "rule", "split")) + [""]
    lines += _heading(c, c.pick("Physician Order Renewal", "Monthly Medication Order Review",
                                "Recapitulation of Physician Orders"), c.pick("center", "equals", "under"))
    lines += ["", fields.two_col(f"Facility: {facility}", f"Unit/Room: {c.pick('1', '2', '3')}"
                                 f"{c.pick('A', 'B', 'W', 'E')}-{c.rng.randint(100, 260)}"),
              fields.two_col(f"Attending: {c.doctor}", f"Order period: {month:%B %Y}"), ""]
    lines += patient_block(c, c.pick("paired", "stacked"), ("Resident Name:", "Name:", "Patient:"))
    lines += ["Allergies: " + c.pick("NKDA", "Penicillin, latex", "Sulfonamides", "Morphine (nausea)"),
              "Code status: " + c.pick("Full code", "DNR", "DNR/DNI"),
              "Diet: " + c.pick("Regular", "Consistent carbohydrate", "2 g sodium", "Mechanical soft"), ""]
    lines += wrap(c.pick(
        "Please review the current orders below. Mark C to continue, D to discontinue or M to modify, then sign "
        "and return. Orders not renewed by the end of the month will be placed on hold.",
        "The following orders expire at the end of this review period. Indicate your decision for each line "
        "(C = continue, D = stop, M = change) and sign the last page."))
    lines += ["", "SCHEDULED MEDICATIONS", "  C  D  M   " + "Medication / directions".ljust(44) + "Start",
              "  " + "-" * 68]
    for drug, sig in _meds(c, 4, 9):
        start = _ago(c, 30, 900)
        lines.append("  _  _  _   " + drug[:43].ljust(44) + f"{start:%m/%y}")
        lines.append("            " + sig)
    if c.chance(0.7):
        lines += ["", "AS-NEEDED (PRN) MEDICATIONS"]
        for prn in c.some(("acetaminophen 650 mg every 6 hours as needed for pain or fever",
                           "bisacodyl 10 mg suppository daily as needed for constipation",
                           "ondansetron 4 mg every 8 hours as needed for nausea",
                           "guaifenesin 10 mL every 4 hours as needed for cough",
                           "hydrocortisone 1% cream twice daily as needed for itching"), 1, 3):
            lines += wrap(f"_  _  _   {prn}", "  ")
    lines += ["", "OTHER ORDERS"]
    lines += ["  " + s for s in c.some((
        "Weigh weekly, notify provider of gain over 3 lb in a week", "Fingerstick glucose before meals and at bedtime",
        "Blood pressure daily; hold antihypertensives if SBP under 100", "Labs: BMP and CBC every 3 months",
        "PT/OT 5x weekly as tolerated", "May crush medications unless contraindicated"), 2, 4)]
    lines += ["", "Physician signature: ______________________________   Date: ___________",
              "Reviewed by nurse: ________________________   Pharmacist review: ___________", ""]
    lines += wrap(c.pick(
        "Questions about these orders may be directed to the consultant pharmacist or the director of nursing.",
        f"Return signed pages by fax to {phone(c, f.fax)}. Telephone orders must be countersigned within 48 hours."))
    return lines


# ---- prior authorization -----------------------------------------------------------------------------

_PBMS = ("ClearPath Rx Solutions", "OptiScript Pharmacy Benefits", "NationRx Benefit Services", "Harborline PBM")
_PLANS = ("Bluewater Health Alliance", "Pinnacle Community Health Plan", "Granite Mutual Benefit Co.",
          "Lumen Medicare Advantage", "Cascade Family Medicaid Plan")
_RBMS = ("ImageWise Utilization Management", "Clarity Radiology Benefits", "Vantage Specialty Review")
_DME_SUPPLIERS = ("AeroBreathe Home Medical", "Stepwell Mobility Supply", "Keystone Home Respiratory")
_DIABETES = ("Diagnosis of type 2 diabetes confirmed in submitted notes",
             "At least 3 months of metformin at a maximally tolerated dose, or a contraindication",
             "HbA1c of 7.0% or higher within the last 120 days",
             "Not being used for weight loss alone",
             "Not combined with another GLP-1 or DPP-4 product")
_ANTICOAG = ("Diagnosis of non-valvular atrial fibrillation or venous thromboembolism",
             "Creatinine clearance documented within the last 6 months",
             "Trial of warfarin with labile INR, or a reason warfarin is unsuitable",
             "No mechanical heart valve")
_BIOLOGIC = ("Prescribed by or in consultation with a specialist",
             "Negative tuberculosis screening within the past 12 months",
             "Inadequate response to at least two conventional therapies for 12 weeks",
             "Baseline disease severity score documented",
             "Not used together with another biologic agent")
_HEART = ("Ejection fraction of 40% or less documented by echocardiogram",
          "NYHA class II to IV symptoms",
          "Currently tolerating an ACE inhibitor or ARB, to be stopped 36 hours before the first dose",
          "Prescribed by or in consultation with a cardiologist")


_DRUG_DX = {"_DIABETES": (("Type 2 diabetes mellitus without complications", "E11.9"),
                          ("Type 2 diabetes mellitus with hyperglycemia", "E11.65")),
            "_ANTICOAG": (("Atrial fibrillation, unspecified", "I48.91"),
                          ("Other venous embolism and thrombosis", "I82.890")),
            "Humira": (("Rheumatoid arthritis, multiple sites", "M06.9"), ("Crohn's disease", "K50.90")),
            "Dupixent": (("Atopic dermatitis, unspecified", "L20.9"), ("Asthma, severe persistent", "J45.50")),
            "_HEART": (("Heart failure with reduced ejection fraction", "I50.22"),)}


def _criteria(drug: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[tuple[str, str], ...], str]:
    """The plan's coverage criteria for a drug, its formulary alternatives, fitting diagnoses and specialty."""
    if any(k in drug for k in ("Eliquis", "Xarelto")):
        return (_ANTICOAG, ("warfarin", "dabigatran", "the other preferred anticoagulant"), _DRUG_DX["_ANTICOAG"],
                "cardiology")
    if "Humira" in drug:
        return _BIOLOGIC, ("methotrexate", "a preferred biosimilar", "sulfasalazine"), _DRUG_DX["Humira"], \
            "rheumatology"
    if "Dupixent" in drug:
        return _BIOLOGIC, ("topical corticosteroids", "tacrolimus ointment", "montelukast"), _DRUG_DX["Dupixent"], \
            "allergy and immunology"
    if "Entresto" in drug:
        return _HEART, ("lisinopril", "losartan", "carvedilol", "spironolactone"), _DRUG_DX["_HEART"], "cardiology"
    return (_DIABETES, ("metformin", "glipizide", "pioglitazone", "a preferred GLP-1 agonist"), _DRUG_DX["_DIABETES"],
            "endocrinology")


def _quantity_limit(drug: str, c: Ctx) -> str:
    if any(k in drug for k in ("Ozempic", "Trulicity", "Mounjaro")):
        return c.pick("4 pens per 28 days", "1 carton (4 doses) per 28 days")
    if "Humira" in drug or "Dupixent" in drug:
        return c.pick("2 syringes per 28 days", "2 pens per 28 days; loading dose once")
    if "Lantus" in drug:
        return "15 mL (5 pens) per 30 days"
    return c.pick("60 tablets per 30 days", "30 tablets per 30 days", "180 tablets per 90 days")


def _payer_block(c: Ctx, layout: str | None = None) -> list[str]:
    return patient_block(c, layout, ("Member:", "Member Name:", "Enrollee:", "Patient:", "RE:"))


def pa_approval_letter(c: Ctx) -> list[str]:
    """PBM letter approving coverage of a drug that needed prior authorization."""
    drug = c.rng.choice(clinical.BRAND_DRUGS)
    f = _org(c, _PBMS, 0.6)
    start = c.report_date
    end = start + timedelta(days=c.rng.choice((180, 182, 365)))
    lines = _head(c, f, c.pick("left", "rule", "center")) + ["", c.d(c.report_date), ""]
    lines += [f"Prescriber of record: {c.doctor}", c.recipient.name, c.recipient.street, c.recipient.city_line,
              f"Fax: {phone(c, c.recipient.fax)}", ""]
    lines += _payer_block(c, c.pick("stacked", "paired"))
    lines += [f"Member ID: {_member_id(c)}", f"Reference: {_ref(c, 'PA')}", ""]
    lines += _heading(c, c.pick("Coverage Determination: Approved", "Prior Authorization Approval",
                                "Notice of Approval - Pharmacy Benefit"), c.pick("under", "left", "stars"))
    lines += ["", f"Dear Dr. {_surname(c.doctor)}:", ""]
    lines += wrap(c.pick(
        f"We have approved your request for coverage of {drug} for the member named above.",
        f"Good news: the prior authorization request submitted for {drug} has been reviewed and approved.",
        f"After clinical review, {drug} has been approved under the member's prescription benefit."))
    lines += ["", "Approval details:",
              f"  Drug:            {drug}",
              f"  Quantity limit:  {_quantity_limit(drug, c)}",
              f"  Effective:       {c.d(start)} through {c.d(end)}",
              "  Pharmacy:        " + c.pick("Any network retail pharmacy", "Network specialty pharmacy required",
                                             "Retail or home delivery"), ""]
    lines += wrap(c.pick(
        "This approval applies only to the drug and quantity shown. Claims are still subject to the member's "
        "eligibility and benefits on the date the prescription is filled.",
        "Approval does not guarantee payment; coverage depends on eligibility when the prescription is "
        "dispensed and on the plan's cost-sharing rules."))
    if c.chance(0.7):
        lines += [""] + wrap(c.pick(
            "To continue therapy after the end date, please submit a renewal request with documentation of "
            "the patient's response at least two weeks before the approval expires.",
            "A renewal will require chart notes showing clinical benefit, such as improved lab values or "
            "symptom scores."))
    lines += ["", c.pick("Sincerely,", "Regards,"), "", c.pick("Clinical Pharmacist", "Prior Authorization Unit",
                                                               "Pharmacy Clinical Review"),
              f"{f.name}", f"Prescriber services: {phone(c, f.phone)}"]
    if c.chance(0.4):
        lines += ["", "cc: Member"]
    return lines


def pa_denial_letter(c: Ctx) -> list[str]:
    """Long adverse determination letter: criteria not met, alternatives, peer-to-peer and appeal rights."""
    drug = c.rng.choice(clinical.BRAND_DRUGS)
    criteria, alternatives, _dxs, specialty = _criteria(drug)
    f = _org(c, _PLANS + _PBMS, 0.6)
    sec = c.pick("caps", "title", "dash")
    lines = _head(c, f, c.pick("center", "stars", "left")) + [""]
    lines += _heading(c, c.pick("Notice of Adverse Benefit Determination", "Denial of Prior Authorization Request",
                                "Coverage Denial Notice"), c.pick("center", "equals"))
    lines += ["", fields.two_col(f"Date of notice: {c.d(c.report_date)}", f"Case #: {_ref(c)}"), ""]
    lines += _payer_block(c, c.pick("paired", "stacked"))
    lines += [f"Member ID: {_member_id(c)}", f"Prescribing provider: {c.doctor}", f"Drug requested: {drug}",
              f"Request received: {c.d(c.service_date)}", ""]
    lines += [_section(c, "What we decided", sec)]
    lines += wrap(c.pick(
        f"We have denied the request for {drug}. We reviewed the information sent by the prescriber and "
        "the plan's coverage policy for this drug.",
        f"Your request for coverage of {drug} is not approved. The decision is based on the plan's "
        "clinical criteria for this medication and the records we received."), "  ")
    lines += ["", _section(c, "Why we denied it", sec),
              "  " + "Criterion".ljust(62) + "Met?", "  " + "-" * 67]
    unmet = c.rng.randrange(len(criteria))
    for i, crit in enumerate(criteria):
        verdict = c.pick("No", "Not documented") if i == unmet else c.pick("Yes", "Yes", "Not documented")
        first, *rest = wrap(f"{i + 1}. {crit}", width=60)
        lines.append("  " + first.ljust(62) + verdict)
        lines += ["  " + r for r in rest]
    lines += ["", _section(c, "Covered alternatives", sec)]
    lines += wrap("The following formulary drugs do not need prior authorization: "
                  + ", ".join(c.some(alternatives, 2, 3)) + ".", "  ")
    lines += ["", _section(c, "Who made this decision", sec)]
    lines += wrap(f"This decision was made by a {c.pick('physician', 'clinical pharmacist')} reviewer who "
                  f"is board certified in {c.pick(specialty, specialty, 'internal medicine', 'family medicine')}.", "  ")
    if c.chance(0.7):
        lines += ["", _section(c, "Peer-to-peer discussion", sec)]
        lines += wrap("The prescriber may discuss this decision with the reviewer. Call "
                      f"{phone(c, f.phone)} within {c.pick('5', '7', '14')} business days and give the case "
                      "number above.", "  ")
    lines += ["", _section(c, "Your right to appeal", sec)]
    days = c.pick("60", "65", "180")
    lines += wrap(f"1. You, the member, or the prescriber on your behalf may ask for a redetermination within "
                  f"{days} days of the date of this notice.", "  ")
    lines += wrap("2. If waiting could seriously harm the member's health, ask for an expedited appeal; we will "
                  "decide within 72 hours.", "  ")
    lines += wrap("3. If the appeal is denied, the member may ask for an independent external review.", "  ")
    lines += ["", f"Send appeals to: Appeals Unit, {f.name}", f"  {f.street}, {f.city_line}",
              f"  Appeals fax {phone(c, f.fax)}", ""]
    lines += wrap(c.pick(
        "Free language assistance and auxiliary aids are available. Call the number on the member ID card.",
        "If you need this notice in another language or format, call Member Services; the call is free."))
    return lines + ["", "cc: Member; Prescriber"]


_IMAGING_SERVICES = tuple(s for s in clinical.SERVICES if s[1].startswith("7"))
_IMAGING_DX = {"72148": (("Low back pain", "M54.50"), ("Radiculopathy, lumbar region", "M54.16")),
               "74177": (("Abnormal weight loss", "R63.4"), ("Left lower quadrant pain", "R10.32")),
               "78452": (("Chest pain, unspecified", "R07.9"), ("Shortness of breath", "R06.02"))}


def imaging_precert_form(c: Ctx) -> list[str]:
    """Radiology benefit manager's precertification request form for advanced imaging."""
    service, cpt = c.rng.choice(_IMAGING_SERVICES)
    dx, icd = c.rng.choice(_IMAGING_DX.get(cpt, clinical.DIAGNOSES))
    f = _org(c, _RBMS, 0.7)
    lines = _head(c, f, c.pick("stars", "left", "split")) + [""]
    lines += _heading(c, c.pick("Outpatient Imaging Precertification Request", "Advanced Imaging Prior Authorization",
                                "High-Tech Imaging Request Form"), c.pick("equals", "center", "left"))
    lines += [f"Health plan: {c.rng.choice(_PLANS)}", ""]
    lines += ["SECTION A - MEMBER"] + ["  " + s for s in _payer_block(c, c.pick("stacked", "paired"))]
    lines += [f"  Member ID: {_member_id(c)}", "",
              "SECTION B - ORDERING PROVIDER", f"  Physician: {c.doctor}", f"  NPI: {_npi(c)}",
              f"  Office fax: {phone(c, c.recipient.fax)}", "",
              "SECTION C - STUDY REQUESTED",
              "  " + _boxes(c, ("MRI", "CT", "CTA", "PET", "Nuclear cardiology"),
                            0 if "MRI" in service else 4 if "Nuclear" in service else 1),
              f"  Exam: {service}   CPT: {cpt}",
              "  Contrast: " + ("not applicable" if "Nuclear" in service else
                                _boxes(c, ("With", "Without", "With and without"), 0 if "contrast" in service else 1)),
              f"  Rendering facility: {c.rng.choice(('Northgate Imaging Center', 'Lakeview Open MRI', 'Regional Medical Center Radiology'))}",
              "", "SECTION D - CLINICAL INFORMATION", f"  Diagnosis: {dx}   ICD-10: {icd}",
              f"  Duration of symptoms: {c.rng.randint(2, 26)} weeks",
              "  Conservative treatment for 6 weeks or more?  " + _boxes(c, ("Yes", "No")),
              "    Type: " + ", ".join(c.some(("physical therapy", "NSAIDs", "home exercise", "chiropractic",
                                              "activity modification", "oral steroids"), 1, 3)),
              "  Red flags:  " + _boxes(c, ("Neuro deficit", "Cancer history", "Trauma"), -1, "  "),
              "              " + _boxes(c, ("Infection", "None of these"), 1, "  "),
              "  Prior imaging: " + c.pick("None", f"X-ray {c.d(_ago(c, 20, 120))} - degenerative changes",
                                           f"Ultrasound {c.d(_ago(c, 10, 60))} - nondiagnostic"), "",
              "SECTION E - PRIORITY",
              "  " + _boxes(c, ("Standard (up to 14 calendar days)", "Urgent (72 hours)"), c.rng.choice((0, 0, 1))),
              ""]
    lines += wrap(c.pick(
        "I attest that the information above is accurate and supported by the medical record.",
        "By signing, the ordering provider confirms the information is true and available for audit."))
    lines += ["", "Signature: _______________________________   Date: ____________", ""]
    lines += wrap(c.pick(
        "Submitting this form does not guarantee approval. An authorization number or a request for more "
        f"information will be faxed back. Clinical line: {phone(c, f.phone)}.",
        f"Questions? Call our intake team at {phone(c, f.phone)}. Incomplete forms delay review."))
    return lines


_STEP_REASONS = (
    "Required drug(s) are contraindicated or likely to cause an adverse reaction",
    "Patient tried the required drug(s) and they were ineffective or not tolerated",
    "Patient is stable on the requested drug, started under prior coverage",
    "Required drug is expected to be ineffective given the patient's clinical characteristics",
    "Required drug would worsen a comorbid condition or impair daily functioning",
)
_OUTCOMES = ("GI intolerance", "inadequate response", "rash", "hypoglycemia", "no improvement at max dose",
             "dizziness", "elevated liver enzymes", "stopped - side effects")


def step_therapy_exception(c: Ctx) -> list[str]:
    """Step-therapy exception request form, with medication history table and attestation."""
    drug = c.rng.choice(clinical.BRAND_DRUGS)
    _crit, steps, dxs, _spec = _criteria(drug)
    dx, icd = c.rng.choice(dxs)
    f = _org(c, _PLANS + _PBMS, 0.5)
    lines = _head(c, f, c.pick("left", "center", "oneline")) + [""]
    lines += _heading(c, c.pick("Step Therapy Exception - Prescriber Request", "Request for Step Therapy Override",
                                "Exception to Step Therapy Protocol"), c.pick("title", "under", "center"))
    lines += [""] + _payer_block(c, c.pick("paired", "inline"))
    lines += [f"Member ID: {_member_id(c)}   Group: {c.rng.randint(10000, 99999)}", "",
              f"Prescribing provider: {c.doctor}   NPI: {_npi(c)}",
              f"Drug requested: {drug}", "Dose/frequency: ______________________",
              f"Diagnosis: {dx} ({icd})", "",
              c.pick("Basis for exception (check all that apply):", "Reason for request - check all that apply:")]
    ticked = set(c.some(range(len(_STEP_REASONS)), 1, 2))
    for i, r in enumerate(_STEP_REASONS):
        lines += wrap(("[x] " if i in ticked else "[ ] ") + r, "  ")
    lines += ["", "Medications tried (required step drugs):",
              "  " + "Drug and strength".ljust(30) + "From-To".ljust(15) + "Outcome", "  " + "-" * 68]
    for med in c.some([m for m in steps if not m.startswith(("a ", "the "))], 1, 3):
        a = _ago(c, 120, 700)
        b = a + timedelta(days=c.rng.randint(30, 180))
        lines.append("  " + med[:29].ljust(30) + f"{a:%m/%y}-{b:%m/%y}".ljust(15) + c.rng.choice(_OUTCOMES))
    lines += ["", "Attached:  " + _boxes(c, ("Chart notes", "Lab results", "None"))]
    lines += ["", "Prescriber attestation:"]
    lines += wrap("I certify that the information on this form is accurate and that the patient meets the "
                  "exception criteria checked above.", "  ")
    lines += ["", "  Signature: ______________________________   Date: __________", ""]
    lines += wrap(c.pick(
        "Standard exception requests are decided within 72 hours of receipt; expedited requests within 24 hours.",
        "A decision will be faxed to the prescriber. Urgent requests: write URGENT at the top of this page."))
    return lines + [f"Fax to {phone(c, f.fax)}"]


def peer_to_peer_notice(c: Ctx) -> list[str]:
    """Short notice offering the ordering physician a peer-to-peer call before a denial is final."""
    f = _org(c, _PLANS + _RBMS, 0.6)
    if c.chance(0.5):
        what = c.rng.choice(clinical.SERVICES)
        item = f"{what[0]} (CPT {what[1]})"
    else:
        item = c.rng.choice(clinical.BRAND_DRUGS)
    deadline = c.report_date + timedelta(days=c.rng.choice((2, 3, 5, 7)))
    lines = _head(c, f, c.pick("oneline", "left", "rule")) + [""]
    lines += _heading(c, c.pick("Peer-to-Peer Review Available", "Opportunity for Peer-to-Peer Discussion",
                                "Medical Director Review - Action Requested"), c.pick("stars", "under", "left"))
    lines += ["", f"To: {c.doctor}", f"Date: {c.d(c.report_date)}", f"Case: {_ref(c, 'UM')}", ""]
    lines += _payer_block(c, c.pick("stacked", "inline"))
    lines += [f"Request under review: {item}",
              "Status: " + c.pick("Pending adverse determination", "Not approved at first-level review"), ""]
    lines += wrap(c.pick(
        "Our medical director has reviewed the clinical information submitted and is unable to approve the "
        "request as written. Before the decision is final, you may speak with the reviewing physician.",
        "The information received so far does not support approval. A conversation between you and our "
        "physician reviewer may resolve the request."))
    lines += ["", f"To schedule, call {phone(c, f.phone)} (option {c.rng.randint(2, 6)}) by {c.d(deadline)}.",
              c.pick("Please have the patient's chart available for the call.",
                     "A nurse practitioner or PA who knows the case may also call.")]
    if c.chance(0.6):
        lines += [""] + wrap(f"If we do not hear from you by {c.d(deadline)}, the determination will be finalized "
                             "and a written notice with appeal rights will be sent.")
    return lines


_OPERATIONS = (("Total knee arthroplasty", "27447", 2), ("Lumbar laminectomy and fusion", "22612", 3),
               ("Laparoscopic colectomy", "44204", 4), ("Total hip arthroplasty", "27130", 2),
               ("Coronary artery bypass graft", "33533", 6), ("Laparoscopic cholecystectomy", "47562", 1))
_HOSPITALS = ("Regional Medical Center", "St. Agnes Hospital", "Lakeland Memorial Hospital", "Valley Baptist Medical Center")


def inpatient_certification(c: Ctx) -> list[str]:
    """Utilization management notice certifying (or partly certifying) an inpatient stay."""
    f = _org(c, _PLANS, 0.6)
    dx, icd = c.rng.choice(clinical.DIAGNOSES)
    op, cpt, los = c.rng.choice(_OPERATIONS)
    elective = c.chance(0.5)
    admit = c.service_date + timedelta(days=c.rng.randint(3, 20)) if elective else c.service_date
    asked = los + c.rng.randint(0, 2)
    given = max(1, asked - c.rng.choice((0, 0, 1)))
    lines = _head(c, f, c.pick("center", "split", "stars")) + [""]
    lines += _heading(c, c.pick("Notice of Certification", "Inpatient Precertification Notice",
                                "Utilization Review Determination"), c.pick("equals", "left", "center"))
    lines += ["", fields.two_col(f"Certification #: {_ref(c, 'IP')}", f"Date: {c.d(c.report_date)}"), ""]
    lines += _payer_block(c, c.pick("paired", "stacked"))
    lines += [f"Member ID: {_member_id(c)}", f"Facility: {c.rng.choice(_HOSPITALS)}",
              f"Admitting physician: {c.doctor}", ""]
    lines += ["Admission type: " + _boxes(c, ("Elective surgical", "Emergent medical", "Observation"),
                                          0 if elective else 1),
              f"{'Scheduled' if elective else 'Actual'} admission date: {c.d(admit)}"]
    if elective:
        lines.append(f"Procedure: {op} (CPT {cpt})")
    else:
        lines.append(f"Admitting diagnosis: {dx} ({icd})")
    lines += ["Level of care: " + c.pick("Acute inpatient", "Acute inpatient - surgical"),
              f"Days requested: {asked}     Days certified: {given}",
              f"Next review date: {c.d(admit + timedelta(days=given))}", ""]
    lines += wrap(c.pick(
        "Additional days require concurrent review. Fax clinical updates, including the discharge plan, to "
        f"the utilization management nurse at {phone(c, f.fax)} before the next review date.",
        "If the member will stay longer than the days certified, send progress notes and the expected discharge "
        "date to our review nurse before the last certified day."))
    lines += [""] + wrap(c.pick(
        "Certification is based on medical necessity only and is not a guarantee of payment. Benefits are "
        "subject to eligibility on the dates of service.",
        "This notice confirms medical necessity for the days shown; payment depends on the member's coverage."))
    return lines + ["", f"Review nurse: {_staff(c, 'RN', 'RN, CCM')}   Tel ext. {c.rng.randint(2000, 7999)}"]


def pa_receipt_status(c: Ctx) -> list[str]:
    """Brief fax acknowledging receipt of a prior authorization request and its current status."""
    f = _org(c, _PLANS + _PBMS + _RBMS, 0.5)
    medical = c.chance(0.5)
    item = " - ".join(c.rng.choice(clinical.SERVICES)) if medical else c.rng.choice(clinical.BRAND_DRUGS)
    status = c.rng.randrange(3)
    lines = _head(c, f, c.pick("oneline", "left")) + [""]
    lines += _heading(c, c.pick("Prior Authorization - Request Received", "Authorization Request Acknowledgment",
                                "Fax Receipt Confirmation - Prior Auth"), c.pick("left", "stars", "title"))
    lines += ["", f"Received: {c.d(c.report_date)} {_clock(c)}", f"Tracking #: {_ref(c, 'T')}",
              f"Benefit: {'Medical' if medical else 'Pharmacy'}", f"Item: {item}", f"Submitted by: {c.doctor}", ""]
    lines += _payer_block(c, c.pick("stacked", "inline"))
    lines += ["", "Current status:",
              "  " + ("[x]" if status == 0 else "[ ]") + " Received - in clinical review",
              "  " + ("[x]" if status == 1 else "[ ]") + " Pended - information missing (see below)",
              "  " + ("[x]" if status == 2 else "[ ]") + " Closed - duplicate of an open request"]
    if status == 1:
        lines += ["", "Missing:"] + ["  - " + s for s in c.some((
            "Chart notes from the last 6 months", "Diagnosis code", "Prescriber NPI", "Previous therapies tried",
            "Recent lab values", "Signed request form"), 1, 3)]
    lines += [""] + wrap(c.pick(
        "Standard requests are decided within 15 calendar days; pharmacy requests within 72 hours of a complete "
        "submission.",
        "Do not resubmit this request. You will receive the decision by fax."))
    return lines


_DME_ITEMS = (
    ("E0601", "CPAP device", "Rental", "AHI of {n} events per hour on sleep study", "Obstructive sleep apnea", "G47.33"),
    ("E1390", "Oxygen concentrator", "Rental", "resting SpO2 of 8{d}% on room air", "Chronic obstructive pulmonary "
     "disease", "J44.9"),
    ("E0260", "Hospital bed, semi-electric", "Rental", "requires positioning not possible in an ordinary bed",
     "Heart failure, unspecified", "I50.9"),
    ("K0001", "Standard wheelchair", "Purchase", "unable to walk safely in the home with a cane or walker",
     "Osteoarthritis of right knee", "M17.11"),
    ("A9276", "Continuous glucose monitor sensors", "Purchase", "on multiple daily insulin injections",
     "Type 2 diabetes mellitus without complications", "E11.9"),
)


def dme_auth_request(c: Ctx) -> list[str]:
    """Durable medical equipment supplier's prior authorization request to a health plan."""
    code, item, kind, need, dx, icd = c.rng.choice(_DME_ITEMS)
    need = need.format(n=c.rng.randint(16, 58), d=c.rng.randint(4, 8))
    f = _org(c, _DME_SUPPLIERS, 0.8)
    lines = _head(c, f, c.pick("split", "center", "rule")) + [""]
    lines += _heading(c, c.pick("DME Prior Authorization Request", "Durable Medical Equipment - Authorization Request",
                                "Request for Authorization of Medical Equipment"), c.pick("under", "equals"))
    lines += ["", f"To: {c.rng.choice(_PLANS)} - Utilization Management", f"Date: {c.d(c.report_date)}", ""]
    lines += _payer_block(c, c.pick("paired", "stacked"))
    lines += [f"Member ID: {_member_id(c)}", f"Ordering physician: {c.doctor}   NPI: {_npi(c)}", "",
              "HCPCS".ljust(8) + "Description".ljust(36) + "Qty".ljust(5) + "Type".ljust(10) + "Months",
              "-" * 66, code.ljust(8) + item[:35].ljust(36) + "1".ljust(5) + kind.ljust(10) +
              (str(c.rng.choice((3, 10, 13))) if kind == "Rental" else "-")]
    if code == "E0601":
        lines.append("A7030".ljust(8) + "Full face mask".ljust(36) + "1".ljust(5) + "Purchase".ljust(10) + "-")
    lines += ["", f"Diagnosis: {dx} ({icd})", "Medical necessity:"]
    lines += wrap(f"Patient {need}. Face-to-face evaluation on {c.d(_ago(c, 5, 60))} documents the need.", "  ")
    lines += ["", "Enclosed: " + _boxes(c, ("Detailed written order", "Visit note", "Test results"), 0, "  "),
              "", f"Supplier contact: {_person(c)}, intake coordinator", f"Reply fax: {phone(c, f.fax)}"]
    return lines


# ---- insurance ---------------------------------------------------------------------------------------

_CARRIERS = ("Bluewater Health Alliance", "Granite Mutual Benefit Co.", "Pinnacle Community Health Plan",
             "Frontier Benefit Administrators", "Prairie States Health Insurance")
_MEDICARE_CONTRACTORS = ("Great Plains Medicare Administrative Services", "Eastern Seaboard Medicare Part B")
_SUBROGATION = ("Recovery Partners Subrogation Services", "Claimline Recovery Group")
_OFFICE_CODES = (("99213", "Office/outpatient visit, est., low", 145), ("99214", "Office/outpatient visit, est., mod", 210),
                 ("99203", "Office visit, new patient, low", 190), ("36415", "Routine venipuncture", 18),
                 ("80053", "Comprehensive metabolic panel", 42), ("85025", "CBC with automated diff", 28),
                 ("93000", "ECG, 12-lead with interpretation", 65), ("90686", "Flu vaccine, quadrivalent", 38),
                 ("90471", "Immunization administration", 30), ("81002", "Urinalysis, non-automated", 12),
                 ("99396", "Preventive visit, age 40-64", 260), ("G0439", "Annual wellness visit, subsequent", 175),
                 ("83036", "Hemoglobin A1c", 35), ("97110", "Therapeutic exercise, each 15 min", 55))
_CARC = (("CO-45", "Billed amount above contracted fee schedule"), ("PR-1", "Applied to deductible"),
         ("PR-2", "Member coinsurance"), ("PR-3", "Member copayment"),
         ("CO-97", "Bundled into another service paid on this claim"),
         ("CO-16", "Missing information - resubmit with corrected data"),
         ("CO-29", "Filing limit has passed"), ("CO-50", "Not medically necessary per payer policy"))


def _claim_no(c: Ctx) -> str:
    return f"{c.rng.randint(10, 99)}{c.rng.randint(10**9, 10**10 - 1)}"


def remittance_advice(c: Ctx) -> list[str]:
    """Provider remittance advice: payment header, one claim with service lines and adjustment codes."""
    f = _org(c, _CARRIERS, 0.6)
    lines = _head(c, f, c.pick("left", "oneline", "rule")) + [""]
    lines += _heading(c, c.pick("Provider Remittance Advice", "Remittance Advice - Professional Claims",
                                "Payment Summary and Remittance Detail"), c.pick("center", "equals", "left"))
    eft = c.chance(0.6)
    lines += ["", fields.two_col(f"Payee: {c.recipient.name}", f"Payee NPI: {_npi(c)}"),
              fields.two_col(f"TIN: XX-XXX{c.rng.randint(1000, 9999)}", f"Remit date: {c.d(c.report_date)}"),
              ("EFT trace #: " if eft else "Check #: ") + str(c.rng.randint(10**7, 10**9)), ""]
    lines += ["-" * 75]
    lines += patient_block(c, c.pick("paired", "inline"), ("Patient:", "Member:", "Patient Name:"))
    lines += [fields.two_col(f"Claim #: {_claim_no(c)}", f"Member ID: {_member_id(c)}"),
              fields.two_col(f"Rendering: {c.doctor}", f"Patient acct: {c.rng.randint(10000, 999999)}"),
              "-" * 75,
              "DOS".ljust(11) + "CODE".ljust(7) + "UNITS".ljust(6) + "BILLED".ljust(10) + "ALLOWED".ljust(10)
              + "PT RESP".ljust(10) + "PAID".ljust(10) + "ADJ"]
    tot_b = tot_a = tot_p = tot_r = 0.0
    used: list[str] = []
    dos = c.service_date
    for code, _desc, fee in c.some(_OFFICE_CODES, 2, 6):
        billed = float(fee)
        denied = c.chance(0.12)
        allowed = 0.0 if denied else round(billed * c.rng.uniform(0.45, 0.85), 2)
        resp = 0.0 if denied else round(allowed * c.rng.choice((0.0, 0.0, 0.2, 1.0)), 2)
        paid = round(allowed - resp, 2)
        adj = c.rng.choice(("CO-97", "CO-50", "CO-16")) if denied else "CO-45"
        if resp and not denied:
            adj += " " + ("PR-1" if resp == allowed else c.pick("PR-2", "PR-3"))
        used += adj.split()
        tot_b, tot_a, tot_p, tot_r = tot_b + billed, tot_a + allowed, tot_p + paid, tot_r + resp
        lines.append(f"{dos:%m/%d/%y}".ljust(11) + code.ljust(7) + "1".ljust(6) + f"{billed:.2f}".ljust(10)
                     + f"{allowed:.2f}".ljust(10) + f"{resp:.2f}".ljust(10) + f"{paid:.2f}".ljust(10) + adj)
    lines += ["-" * 75, "CLAIM TOTALS".ljust(24) + f"{tot_b:.2f}".ljust(10) + f"{tot_a:.2f}".ljust(10)
              + f"{tot_r:.2f}".ljust(10) + f"{tot_p:.2f}", ""]
    lines += ["Adjustment codes on this remittance:"]
    lines += [f"  {code}  {text}" for code, text in _CARC if code in used]
    lines += ["", f"Total paid this remittance: {_money(tot_p)}", ""]
    lines += wrap(c.pick(
        "Group codes: CO = contractual obligation (do not bill the patient); PR = patient responsibility.",
        "Amounts marked PR may be billed to the patient. CO adjustments may not be billed to the member."))
    if c.chance(0.5):
        lines += [""] + wrap("To dispute a line, submit a reconsideration within 90 days of this remittance, "
                             "quoting the claim number.")
    return lines


def cob_questionnaire(c: Ctx) -> list[str]:
    """Coordination of benefits questionnaire asking about other coverage, claims on hold meanwhile."""
    f = _org(c, _CARRIERS, 0.5)
    lines = _head(c, f, c.pick("center", "left", "split")) + [""]
    lines += _heading(c, c.pick("Coordination of Benefits Questionnaire", "Other Health Coverage Questionnaire",
                                "Request for Other Insurance Information"), c.pick("under", "center", "title"))
    lines += ["", f"Date: {c.d(c.report_date)}", ""]
    lines += wrap(c.pick(
        "Our records show that the member below may have health coverage through another plan. To pay claims "
        "correctly, we need to know which plan pays first. Claims received after "
        f"{c.d(c.service_date)} are on hold until this form is returned.",
        "We are updating coordination of benefits information. Please complete and return this form within "
        "30 days; otherwise pending claims may be denied."))
    lines += ["", "PART 1 - MEMBER INFORMATION"] + ["  " + s for s in _payer_block(c, "stacked")]
    lines += [f"  Member ID: {_member_id(c)}", "", "PART 2 - QUESTIONS (answer every question)"]
    for i, q in enumerate((
            "Is the member covered by any other group health plan?",
            "Is the member enrolled in Medicare Part A or Part B?",
            "Is the member's spouse employed with health coverage?",
            "Is the member covered by Medicaid or a state program?",
            "Is recent treatment related to an accident/injury?"), start=1):
        lines.append(f"  {i}. {q}".ljust(61) + "[ ] Yes  [ ] No")
    lines += ["", "PART 3 - OTHER COVERAGE (if any question above is Yes)",
              "  Carrier name: _____________________________   Policy #: ______________",
              "  Policyholder: _____________________________   Relationship: __________",
              "  Employer: _________________________________   Start date: ____________", "",
              "Member or guardian signature: _______________________   Date: ____________", ""]
    lines += wrap(c.pick(
        f"Return by fax to {phone(c, f.fax)} or by mail to the address above.",
        f"Questions? Call {phone(c, f.phone)}. A copy of this notice was also mailed to the member."))
    return lines


def coverage_change_notice(c: Ctx) -> list[str]:
    """Letter telling the practice that a member's coverage or PCP assignment is changing."""
    f = _org(c, _CARRIERS + ("Lumen Medicare Advantage", "Cascade Family Medicaid Plan"), 0.6)
    when = c.report_date + timedelta(days=c.rng.choice((-10, 0, 15, 30)))
    kind = c.rng.randrange(3)
    title = ("Notice of Coverage Termination", "PCP Assignment Change", "Change in Plan Product")[kind]
    lines = _head(c, f, c.pick("center", "rule", "stars")) + ["", c.d(c.report_date), ""]
    lines += [f"{c.recipient.name}", f"Attn: {c.pick('Billing Office', 'Practice Manager', 'Provider Relations')}", ""]
    lines += _heading(c, title, c.pick("left", "under", "title")) + [""]
    lines += _payer_block(c, c.pick("stacked", "paired"))
    lines += [f"Member ID: {_member_id(c)}   Group #: {c.rng.randint(1000, 99999)}", "",
              c.pick("Dear Provider:", "Dear Practice Administrator:", "To the Office Manager:"), ""]
    if kind == 0:
        lines += wrap(f"Coverage for the member named above ends on {c.d(when)} because of "
                      + c.pick("loss of eligibility through the employer group.", "non-payment of premium.",
                               "a move outside our service area.", "the member's voluntary disenrollment.")
                      + " Services on or after that date will not be covered by this plan.")
    elif kind == 1:
        lines += wrap(f"Effective {c.d(when)}, the member named above is no longer assigned to your practice as "
                      "primary care provider. The member selected a new PCP. Claims for non-urgent primary care "
                      "after that date will be denied unless a referral is on file.")
    else:
        lines += wrap(f"Effective {c.d(when)}, the member's coverage moves from "
                      + c.pick("a PPO to an HMO product", "a commercial plan to Medicare Advantage",
                               "a high-deductible plan to a standard plan")
                      + ". Referral and prior authorization rules of the new product apply from that date.")
    lines += [""] + wrap(c.pick(
        "Please verify eligibility before each visit. This letter is for information only and does not affect "
        "claims already processed.",
        "Update your records so that future claims are billed correctly."))
    return lines + ["", f"Provider Services: {phone(c, f.phone)}", "", c.pick("Sincerely,", "Thank you,"),
                    "Enrollment and Eligibility Department"]


_STATUSES = (("In process", "Claim is under review; no action needed."),
             ("Pended", "Additional information requested - see below."),
             ("Finalized - paid", "Payment issued; see remittance."),
             ("Finalized - denied", "Denied; see reason below."),
             ("Returned", "Member ID not valid on date of service."))


def claim_status_response(c: Ctx) -> list[str]:
    """Response to a provider's claim status inquiry, in table form with notes."""
    f = _org(c, _CARRIERS, 0.5)
    lines = _head(c, f, c.pick("oneline", "left")) + [""]
    lines += _heading(c, c.pick("Claim Status Inquiry - Response", "Claim Status Report", "Status of Submitted Claims"),
                      c.pick("left", "stars", "equals"))
    lines += ["", fields.two_col(f"Inquiry date: {c.d(c.report_date)}", f"Inquiry ref: {_ref(c, 'CSI')}"),
              f"Provider: {c.recipient.name}", ""]
    lines += _payer_block(c, c.pick("inline", "stacked"))
    lines += [f"Member ID: {_member_id(c)}", "",
              "Claim #".ljust(14) + "DOS".ljust(11) + "Billed".ljust(11) + "Status".ljust(20) + "As of",
              "-" * 68]
    rows = []
    for k in range(c.rng.randint(1, 3)):
        status = c.rng.choice(_STATUSES)
        dos = c.service_date - timedelta(days=30 * k + c.rng.randint(0, 20))
        rows.append(status)
        lines.append(_claim_no(c)[:12].ljust(14) + f"{dos:%m/%d/%y}".ljust(11)
                     + f"${c.rng.randint(90, 1900)}.00".ljust(11) + status[0].ljust(20) + f"{c.report_date:%m/%d/%y}")
    lines += ["", "Notes:"] + [f"  {i}. {s[1]}" for i, s in enumerate(rows, start=1)]
    if any(s[0] == "Pended" for s in rows):
        lines += ["", "Information requested:"] + ["  - " + s for s in c.some((
            "Itemized statement", "Accident details questionnaire from the member", "Operative report",
            "Copy of the primary carrier's EOB", "Office note for the date of service"), 1, 2)]
    lines += [""] + wrap(c.pick(
        "Corrected claims must be submitted with frequency code 7 and the original claim number.",
        "This response reflects claim status at the time of inquiry and is not a guarantee of payment."))
    return lines


def overpayment_notice(c: Ctx) -> list[str]:
    """Post-payment review letter identifying an overpayment to be refunded or offset."""
    f = _org(c, _CARRIERS, 0.6)
    billed, supported = c.rng.choice((("99215", "99213"), ("99214", "99213"), ("99204", "99203"),
                                      ("99215", "99214")))
    lines = _head(c, f, c.pick("center", "split", "left")) + [""]
    lines += _heading(c, c.pick("Notice of Overpayment", "Post-Payment Review Findings",
                                "Payment Integrity - Recovery Notice"), c.pick("equals", "under", "center"))
    lines += ["", f"Date: {c.d(c.report_date)}", f"Provider: {c.recipient.name}",
              f"Review ID: {_ref(c, 'PPR')}", ""]
    lines += _payer_block(c, c.pick("paired", "stacked"))
    lines += ["", "Review type: " + _boxes(c, ("Coding review", "Duplicate payment", "Retro eligibility"), 0,
                                            "  "), ""]
    lines += wrap(c.pick(
        f"We reviewed the documentation submitted for the claims below. The records support procedure code "
        f"{supported} rather than the {billed} billed.",
        f"Our review of the medical record found that the level of service billed ({billed}) is not supported; "
        f"the documentation meets the requirements of {supported}."))
    lines += ["", "Claim #".ljust(16) + "DOS".ljust(11) + "Billed".ljust(8) + "Supported".ljust(11)
              + "Paid".ljust(10) + "Overpaid", "-" * 64]
    total = 0.0
    for _ in range(c.rng.randint(1, 4)):
        paid = round(c.rng.uniform(95, 180), 2)
        over = round(paid * c.rng.uniform(0.2, 0.4), 2)
        total += over
        dos = _ago(c, 30, 300)
        lines.append(_claim_no(c)[:14].ljust(16) + f"{dos:%m/%d/%y}".ljust(11) + billed.ljust(8)
                     + supported.ljust(11) + f"{paid:.2f}".ljust(10) + f"{over:.2f}")
    lines += ["-" * 64, f"Total overpayment: {_money(total)}", ""]
    lines += wrap(c.pick(
        "Please refund this amount within 30 days. If we do not receive payment or a written dispute, the amount "
        "will be recovered by offset from future payments.",
        "Remit a check payable to the plan with a copy of this letter, or allow us to deduct the amount from "
        "future claim payments after 45 days."))
    lines += [""] + wrap("To dispute these findings, send a written request with supporting documentation within "
                         "60 days of the date of this notice.")
    return lines + ["", f"Payment Integrity Unit   Call {phone(c, f.phone)}   Fax {phone(c, f.fax)}"]


def premium_grace_notice(c: Ctx) -> list[str]:
    """Marketplace plan notice that a member is in the premium grace period and claims may be pended."""
    f = _org(c, _CARRIERS, 0.5)
    began = c.report_date - timedelta(days=c.rng.randint(31, 50))
    ends = began + timedelta(days=89)
    lines = _head(c, f, c.pick("left", "stars")) + [""]
    lines += _heading(c, c.pick("Notice to Providers: Member in Grace Period", "Grace Period Notification",
                                "Premium Delinquency - Provider Notice"), c.pick("stars", "left", "under"))
    lines += ["", f"Notice date: {c.d(c.report_date)}", ""]
    lines += _payer_block(c, c.pick("stacked", "inline"))
    lines += [f"Member ID: {_member_id(c)}",
              "Plan: " + c.pick("Silver 70 HMO (Marketplace)", "Bronze Saver PPO (Marketplace)",
                                "Gold Select EPO (Marketplace)"), ""]
    lines += wrap(f"The member named above receives advance payments of the premium tax credit and has not paid "
                  f"the full premium due. A three-month grace period began on {c.d(began)} and ends on "
                  f"{c.d(ends)}.")
    lines += [""] + wrap(c.pick(
        "Claims for services in the first month of the grace period will be paid. Claims for services in the "
        "second and third months will be pended until the premium is paid.",
        "Services after the first month of the grace period are held. If the balance is not paid by the end of "
        "the grace period, coverage ends retroactively and held claims will be denied."))
    lines += [""] + wrap(c.pick(
        "You may wish to tell the member about this status and verify eligibility before non-urgent services.",
        "This notice is required by federal rules and is sent to providers with recent claims for the member."))
    return lines + ["", f"Questions: Provider Services {phone(c, f.phone)}"]


def accident_questionnaire(c: Ctx) -> list[str]:
    """Subrogation unit's accident and injury questionnaire: claims held until the member answers."""
    f = _org(c, _SUBROGATION + _CARRIERS, 0.6)
    dos = c.service_date - timedelta(days=c.rng.randint(5, 60))
    lines = _head(c, f, c.pick("center", "split")) + [""]
    lines += _heading(c, c.pick("Accident and Injury Questionnaire", "Injury Information Request",
                                "Third-Party Liability Questionnaire"), c.pick("center", "under", "title"))
    lines += ["", c.d(c.report_date), ""]
    lines += _payer_block(c, c.pick("stacked", "paired"))
    lines += [f"Member ID: {_member_id(c)}", f"Date of service: {c.d(dos)}", f"File #: {_ref(c, 'SUB')}", ""]
    lines += wrap(c.pick(
        "We received a claim with a diagnosis that may be related to an injury. When another party may be "
        "responsible, the plan has the right to recover its payments. Please answer the questions below.",
        "A recent claim suggests treatment of an injury. To process it, we need to know how and where the "
        "injury happened."))
    lines += [""]
    for i, (q, extra) in enumerate((
            ("Was the injury work-related?", "Employer: ______________________"),
            ("Was it a motor vehicle accident?", "Auto insurer: __________________  Claim #: ________"),
            ("Did it happen on someone else's property?", "Owner/business: _________________"),
            ("Have you hired an attorney for this injury?", "Attorney and phone: __________________________"),
    ), start=1):
        lines += [f"{i}. {q}".ljust(56) + "[ ] Yes  [ ] No", f"   {extra}"]
    lines += ["5. Date of injury: ____________  Describe what happened:",
              "   " + "_" * 66, "   " + "_" * 66, ""]
    lines += wrap(c.pick(
        "Claims related to this injury will remain on hold until we receive your answers.",
        "If we do not hear from you within 30 days, related claims may be denied."))
    return lines + ["", "Signature: _______________________________   Date: __________",
                    f"Return to {f.name}, fax {phone(c, f.fax)}"]


def medicare_summary_notice(c: Ctx) -> list[str]:
    """Quarterly Medicare summary notice for Part B services (a patient's copy sent on to the office)."""
    f = _org(c, _MEDICARE_CONTRACTORS, 1.0)
    q_end = c.report_date
    q_start = q_end - timedelta(days=90)
    lines = _heading(c, "Medicare Summary Notice for Part B (Medical Insurance)", c.pick("left", "center"))
    lines += [c.pick("This is not a bill.", "THIS IS NOT A BILL - keep for your records"), ""]
    lines += patient_block(c, "stacked", ("Name:", "Beneficiary:"))
    mbi = f"{c.rng.randint(1, 9)}{c.rng.choice('EGHKM')}{c.rng.choice('ACDFG')}{c.rng.randint(0, 9)}-" \
          f"{c.rng.choice('TUVW')}{c.rng.choice('AEKM')}{c.rng.randint(1, 9)}-{c.rng.choice('MNPQ')}" \
          f"{c.rng.choice('KRTX')}{c.rng.randint(10, 99)}"
    lines += [f"Medicare Number: XXXX-XX{mbi[-5:]}" if c.chance(0.6) else f"Medicare Number: {mbi}",
              f"Claims processed from {c.d(q_start)} to {c.d(q_end)}", ""]
    deductible = c.rng.choice((0, 85, 150, 257))
    total_owed = 0.0
    rows: list[str] = []
    services = c.some(_OFFICE_CODES, 1, 4)
    refused = c.rng.randrange(len(services)) if c.chance(0.25) else -1
    for k, (code, desc, fee) in enumerate(services):
        approved = 0.0 if k == refused else round(fee * c.rng.uniform(0.45, 0.7), 2)
        paid = round(approved * 0.8, 2)
        owed = round(approved - paid, 2)
        total_owed += owed
        rows.append(f"  {desc[:34]} ({code})".ljust(46) + ("No" if k == refused else "Yes").ljust(5)
                    + f"{fee:.2f}".ljust(9)
                    + f"{approved:.2f}".ljust(9) + f"{owed:.2f}")
    lines += [f"Your deductible status: you have met ${deductible} of the {c.service_date.year} Part B deductible.",
              f"Total you may be billed: {_money(total_owed)}",
              "Did Medicare approve all services? " + ("Yes" if refused < 0 else "No - see note A"), ""]
    lines += [f"Provider: {c.recipient.name}, {c.recipient.city_line}", f"Services provided {c.d(c.service_date)}",
              "  Service".ljust(46) + "Appr".ljust(5) + "Charged".ljust(9) + "Approved".ljust(9) + "You owe",
              "  " + "-" * 72] + rows
    if refused >= 0:
        lines += ["", "Note A: " + c.pick("Medicare does not pay for this service this often.",
                                         "The information provided does not support the need for this service."),
                  "        You may be billed only if you signed a written notice before the service."]
    lines += ["", "How to handle an appeal:"]
    lines += wrap("If you disagree with a decision, file an appeal within 120 days. Circle the services you "
                  "disagree with, explain why, and sign the last page.", "  ")
    return lines + ["", "Customer service: 1-800-MEDICARE", f"Claims processed by {f.name}"]


# ---- records requests --------------------------------------------------------------------------------

_LAW_FIRMS = ("Whitfield, Ortega & Lane LLP", "Castellano Injury Law Group", "Brennan Thorpe Attorneys PC",
              "Marsh & Adebayo, Counselors at Law")
_DEFENDANTS = ("Tri-County Freight Lines, Inc.", "Harmon Grocery Stores LLC", "Blue Ridge Property Management Co.",
               "Westfield Transit Authority", "Summit Ridge Apartments LP")
_DDS = ("Disability Determination Services", "Division of Disability Determinations",
        "Bureau of Disability Adjudication")
_LIFE_INSURERS = ("Northstar Life Assurance Company", "Evermore Mutual Life", "Keel & Anchor Underwriting Services")
_NEW_PRACTICES = ("Willow Creek Family Practice", "Summit View Internal Medicine", "Crossroads Community Health Center",
                  "Bright Horizons Pediatrics", "Lakeshore Geriatric Associates")
_COMP_CARRIERS = ("Keystone Mutual Workers' Compensation", "Pioneer Casualty Claims", "TriState Comp Administrators")
_EMPLOYERS = ("Dunmore Packaging Corp.", "Greenfield Unified School District", "Apex Logistics LLC",
              "Riverside Nursing Home", "Hartwell Manufacturing")
_SCHOOLS = ("Lakeridge Unified School District - Health Services", "Pine Hollow Elementary School",
            "Westbrook Middle School", "Cedar Valley High School Nurse's Office")
_COLLEGES = ("Northfield State University Student Health Center", "Bayview Community College Health Office",
             "Ridgemont College Wellness Center")
_RETRIEVAL = ("Meridian Record Retrieval", "Datapoint Copy Services", "ChartFetch Legal Support")


def _records_block(c: Ctx, layout: str | None = None) -> list[str]:
    return patient_block(c, layout, ("RE:", "Re:", "Patient:", "Patient Name:", "Name:"))


def subpoena_records(c: Ctx) -> list[str]:
    """Subpoena duces tecum for medical records in a civil case, with custodian instructions."""
    firm = fields.facility(c.rng, c.rng.choice(_LAW_FIRMS))
    county = c.rng.choice(("Franklin", "Marion", "Jefferson", "Washington", "Madison", "Clay", "Lake"))
    court = c.pick("CIRCUIT COURT", "DISTRICT COURT", "SUPERIOR COURT", "COURT OF COMMON PLEAS")
    due = c.report_date + timedelta(days=c.rng.choice((14, 20, 21, 30)))
    attorney = _person(c)
    year = c.report_date.year
    lines = [f"IN THE {court} OF {county.upper()} COUNTY".center(W).rstrip()]
    if c.chance(0.5):
        lines.append(f"STATE OF {firm.state}".center(W).rstrip())
    lines.append("")
    plaintiff = c.name if c.chance(0.7) else "ESTATE OF " + c.name.upper()
    left = [f"{plaintiff},", "          Plaintiff,", "     v.", f"{c.rng.choice(_DEFENDANTS)},", "          Defendant."]
    right = [f"Case No. {year}-{c.pick('CV', 'L', 'CA')}-{c.rng.randint(1000, 99999):05d}", "",
             "SUBPOENA DUCES TECUM", c.pick("(Records Only)", "(For Production of Documents)"), ""]
    lines += [((a[:44]).ljust(45) + ")   " + b).rstrip() for a, b in zip(left, right, strict=True)]
    lines += ["", "TO:   Custodian of Records", f"      {c.recipient.name}", f"      {c.recipient.street}",
              f"      {c.recipient.city_line}", ""]
    lines += wrap(c.pick(
        f"YOU ARE COMMANDED to produce the documents described below on or before {c.d(due)} at 10:00 a.m. at "
        f"the offices of {firm.name}, {firm.street}, {firm.city_line}.",
        f"YOU ARE HEREBY ORDERED to deliver true and complete copies of the records listed below to {firm.name}, "
        f"{firm.street}, {firm.city_line}, no later than {c.d(due)}."))
    lines += ["", "RECORDS OF:"] + ["  " + s for s in _records_block(c, "stacked")]
    start = c.d(c.service_date - timedelta(days=c.rng.choice((365, 730, 1095, 1825))))
    lines += ["", "DOCUMENTS TO BE PRODUCED:", f"  (for the period {start} through the date of production)"]
    items = ["All medical records, including office and progress notes, intake forms and histories",
             "Diagnostic test results, including laboratory results and imaging reports",
             "Referral letters and correspondence with other providers",
             "Billing statements, ledgers and records of payment",
             "Prescription and medication records"]
    for i, item in enumerate(c.some(items, 3, 5), start=1):
        lines += wrap(f"{i}. {item}.", "  ")
    lines += [""] + wrap(c.pick(
        "In lieu of personal appearance, you may comply by mailing certified copies together with the enclosed "
        "Certificate of Custodian of Records.",
        "Personal appearance is not required if legible copies are delivered with a signed affidavit of the "
        "custodian on or before the date above."))
    lines += [""] + wrap("NOTICE TO CUSTODIAN: Satisfactory assurance under 45 CFR 164.512(e) is enclosed: the "
                         "patient was given notice of this subpoena and did not object within the time allowed.")
    lines += ["", f"ISSUED ON {c.d(c.report_date).upper()}", "", "______________________________",
              f"{attorney}, Esq.", f"Bar No. {c.rng.randint(100000, 999999)}", f"{firm.name}",
              f"Office {phone(c, firm.phone)} / Fax {phone(c, firm.fax)}", "Attorney for Plaintiff", ""]
    if c.chance(0.6):
        lines += ["CERTIFICATE OF CUSTODIAN OF RECORDS", ""]
        lines += wrap("I, ______________________, am the duly authorized custodian of the records of the above "
                      "provider. The attached ____ pages are true copies of all records described in the "
                      "subpoena, made in the regular course of business at or near the time of the events.")
        lines += ["", "Signature: ____________________________   Date: ____________",
                  "Subscribed and sworn before me: ______________________ Notary Public"]
    return lines


def dds_evidence_request(c: Ctx) -> list[str]:
    """State disability determination agency's request for medical evidence for a disability claim."""
    f = fields.facility(c.rng, c.rng.choice(_DDS))
    f = replace(f, name=f"{f.state} {f.name}" if c.chance(0.5) else f.name)
    examiner = _person(c)
    due = c.report_date + timedelta(days=c.rng.choice((10, 14, 15)))
    lines = _head(c, f, c.pick("center", "stars", "left")) + [""]
    lines += _heading(c, c.pick("Evidence of Treatment Requested", "Medical Evidence of Record Request",
                                "Request for Medical Records - Disability Claim"), c.pick("center", "under"))
    lines += ["", f"Date: {c.d(c.report_date)}", f"To: Medical Records / {c.doctor}", f"    {c.recipient.name}", ""]
    lines += patient_block(c, c.pick("stacked", "paired"), ("Claimant:", "RE:", "Name:"))
    lines += [f"SSN: XXX-XX-{c.rng.randint(1000, 9999)}",
              "Claim type: " + c.pick("Title II (SSDI)", "Title XVI (SSI)", "Concurrent Title II/XVI"),
              f"Case #: {c.rng.choice('ABCDE')}{c.rng.randint(10**6, 10**7 - 1)}", ""]
    lines += wrap(c.pick(
        "The person named above has applied for disability benefits under the Social Security Act and lists "
        "you as a treating source. Please send copies of the records checked below.",
        "Our agency makes disability decisions for the Social Security Administration. The claimant has "
        "identified your office as a source of treatment."))
    lines += ["", f"Dates requested: {c.d(c.service_date - timedelta(days=c.rng.choice((365, 540, 730))))} "
              "to present", ""]
    ticked = c.some(range(6), 3, 5)
    for i, s in enumerate(("Office visit / progress notes", "Laboratory and imaging results",
                           "Hospital and emergency department records", "Mental status evaluations",
                           "Functional assessments or work restrictions",
                           "Medical source statement (enclosed form)")):
        lines.append(("  [x] " if i in ticked else "  [ ] ") + s)
    lines += [""] + wrap(c.pick(
        "A signed authorization (Form SSA-827) is enclosed. Federal law permits you to release the records "
        "to us.",
        "The claimant's authorization to release information is attached. A photocopy is as valid as the "
        "original."))
    lines += [""] + wrap(c.pick(
        "We pay for records at the rate set by state fee schedule. Include an invoice with your tax ID number.",
        "Payment is made on receipt of an invoice. Please do not send a bill to the claimant."))
    lines += [""] + wrap(f"Please respond by {c.d(due)}. Return this page with the records so they are matched "
                         "to the correct file.")
    lines += ["", f"Disability examiner: {examiner}",
              f"Direct line {phone(c, f.phone)}   Secure fax {phone(c, f.fax)}"]
    return lines


def aps_request(c: Ctx) -> list[str]:
    """Life insurer's request for an attending physician statement (copies of records) for underwriting."""
    f = _org(c, _LIFE_INSURERS, 0.8)
    years = c.rng.choice((3, 5, 5, 10))
    fee = c.rng.choice((25, 40, 50, 75))
    lines = _head(c, f, c.pick("rule", "center", "split")) + [""]
    lines += _heading(c, c.pick("Attending Physician Statement Request", "Request for APS / Medical Records",
                                "Underwriting Records Request"), c.pick("left", "equals", "title"))
    lines += ["", f"Date: {c.d(c.report_date)}", f"Attention: {c.doctor}", ""]
    lines += patient_block(c, c.pick("stacked", "paired"), ("Proposed Insured:", "Insured:", "Name:", "RE:"))
    lines += [f"Policy/Application #: {c.rng.choice('LUW')}{c.rng.randint(10**7, 10**8 - 1)}", ""]
    lines += wrap(c.pick(
        "Our applicant has applied for life insurance and has named you as a treating physician. To complete "
        f"underwriting, please send copies of the records for the past {years} years, including:",
        f"We are evaluating an application for life coverage. Please provide copies of the last {years} years "
        "of medical records for the person named above, in particular:"))
    lines += ["  - " + s for s in c.some((
        "Office visit notes and problem list", "Lab results and ECG tracings", "Consultation reports",
        "Imaging reports", "Current medication list", "Hospital discharge summaries"), 3, 5)]
    if c.chance(0.5):
        lines += [""] + wrap("Please do not send billing records or records received from other providers.")
    lines += [""] + wrap(c.pick(
        f"We will pay up to ${fee}.00 for copies. If your fee is higher, please call before copying.",
        f"Enclose your invoice (maximum ${fee}.00) with the records; payment is issued within 15 days."))
    lines += [""] + wrap("An authorization signed by the applicant is enclosed. A photocopy of the authorization "
                         "is as valid as the original.")
    return lines + ["", f"APS Unit - {_person(c)}", f"Call {phone(c, f.phone)}, ext. {c.rng.randint(100, 999)}",
                    f"Fax records to {phone(c, f.fax)}"]


def continuity_records_request(c: Ctx) -> list[str]:
    """Short letter from a new practice asking the old one for records, for continuity of care."""
    f = _org(c, _NEW_PRACTICES, 0.85)
    appt = c.report_date + timedelta(days=c.rng.randint(5, 40))
    lines = _head(c, f, c.pick("center", "left", "oneline")) + ["", c.d(c.report_date), ""]
    lines += [c.pick("Medical Records Department", "Attn: Release of Information"), c.recipient.name, ""]
    if c.chance(0.4):
        lines += _heading(c, c.pick("Records Transfer Request", "Request for Prior Records"),
                          c.pick("left", "under")) + [""]
    lines += _records_block(c, c.pick("stacked", "inline")) + [""]
    lines += [c.pick("Dear Colleague,", "To Whom It May Concern:", "Dear Records Custodian,"), ""]
    lines += wrap(c.pick(
        "The patient named above has transferred care to our practice and has signed the enclosed release. To "
        "ensure continuity of care, please send the following:",
        f"This patient will be seen as a new patient by {c.other_doctor} on {c.d(appt)}. We would be grateful "
        "for copies of:"))
    lines += ["  - " + s for s in c.some((
        "Office notes from the last 2 years", "Most recent lab results", "Immunization record",
        "Current medication and allergy list", "Imaging and specialist reports", "Problem list",
        "Growth charts and well-child visits"), 2, 5)]
    lines += [""] + wrap(c.pick(
        f"Records may be faxed to {phone(c, f.fax)}.",
        f"Please fax to {phone(c, f.fax)}, attention medical records, or send through your HIE connection."))
    lines += ["", c.pick("Thank you for your help.", "Thank you.", "We appreciate your prompt attention."), "",
              _staff(c, "Medical Records Coordinator", "Referral Coordinator", "Office Manager")]
    return lines


def workers_comp_request(c: Ctx) -> list[str]:
    """Workers' compensation carrier asking for treatment records related to a work injury claim."""
    f = _org(c, _COMP_CARRIERS, 0.8)
    injury = _ago(c, 10, 200)
    adjuster = _person(c)
    lines = _head(c, f, c.pick("left", "stars", "split")) + [""]
    lines += _heading(c, c.pick("Workers' Compensation - Request for Medical Records", "Request for Treatment Records",
                                "Medical Records Request - Work Injury Claim"), c.pick("under", "left", "center"))
    lines += ["", f"Date: {c.d(c.report_date)}", f"To: {c.recipient.name} / {c.doctor}", ""]
    lines += patient_block(c, c.pick("stacked", "paired"), ("Claimant:", "RE:", "Name:"))
    lines += [f"Claim #: WC-{c.rng.randint(10**6, 10**7 - 1)}", f"Date of injury: {c.d(injury)}",
              f"Employer: {c.rng.choice(_EMPLOYERS)}",
              "Body part: " + c.pick("Low back", "Right shoulder", "Left knee", "Right wrist", "Neck"), ""]
    lines += wrap(c.pick(
        "We are the workers' compensation carrier for the employer named above. Please send copies of all "
        "records of treatment for this injury, including:",
        "This office administers the work injury claim listed above. To pay your bills and manage the claim we "
        "need the following records:"))
    lines += ["  * " + s for s in c.some((
        "Initial evaluation and all follow-up notes", "Work status reports and restrictions",
        "Diagnostic test results (x-ray, MRI, EMG)", "Therapy notes", "Itemized bills on CMS-1500",
        "Return-to-work or maximum medical improvement opinion"), 3, 5)]
    lines += [""] + wrap(c.pick(
        "Disclosure for a workers' compensation claim is permitted without the patient's authorization "
        "(45 CFR 164.512(l)).",
        f"Under {c.recipient.state} workers' compensation law, a signed release is not required for records of "
        "treatment for the claimed injury."))
    if c.chance(0.5):
        lines += [""] + wrap("Please also complete the enclosed work status form after each visit.")
    return lines + ["", f"Adjuster: {adjuster}", f"Direct {phone(c, f.phone)}   Fax {phone(c, f.fax)}"]


def school_records_request(c: Ctx) -> list[str]:
    """School nurse's (or college health service's) request for a student's health records, with consent."""
    age = c.age()
    college = age is not None and age > 18
    f = fields.facility(c.rng, c.rng.choice(_COLLEGES)) if college else _org(c, _SCHOOLS, 0.9)
    lines = _head(c, f, c.pick("center", "left")) + [""]
    lines += _heading(c, c.pick("Request for Student Health Records", "Student Health Information Request",
                                "School Health Records Request"), c.pick("title", "center", "under"))
    lines += ["", f"Date: {c.d(c.report_date)}", "", c.pick("Dear Health Care Provider,", "Dear Doctor,"), ""]
    if college:
        lines += wrap(c.pick(
            "The student below has enrolled and must meet our immunization requirements before registering for "
            "classes. The student has asked us to obtain the records from your office.",
            "To complete this student's health file we need documentation from the student's physician. The "
            "student's signed consent is below."))
    else:
        lines += wrap(c.pick(
            "The student below is enrolled in our school. So that we can meet state health requirements and plan "
            "for the student's needs during the school day, please send the items checked.",
            "Our records for this student are incomplete. With the parent's permission below, please send:"))
    lines += [""] + patient_block(c, c.pick("stacked", "paired"), ("Student Name:", "Name:", "Patient:"))
    if college:
        lines += [f"Student ID: {c.rng.randint(10**7, 10**8 - 1)}   Term: "
                  + c.pick("Fall", "Spring", "Summer") + f" {c.report_date.year}", ""]
        items: tuple[str, ...] = ("MMR (2 doses) or titers", "Meningococcal ACWY after age 16",
                                  "Hepatitis B series", "Tuberculosis screening result", "Tdap within 10 years",
                                  "Documentation of disability for accommodations")
    else:
        lines += [f"Grade: {max(0, min(12, (age or 10) - 5)) or 'K'}", ""]
        items = ("Immunization record (certificate of immunization)", "Most recent physical or sports physical",
                 "Medication orders for school", "Asthma action plan", "Allergy/anaphylaxis emergency plan",
                 "Documentation of diagnosis for a 504 plan or IEP evaluation")
    ticked = c.some(range(len(items)), 1, 3)
    for i, item in enumerate(items):
        lines.append(("[x] " if i in ticked else "[ ] ") + item)
    lines += ["", "STUDENT CONSENT" if college else "PARENT/GUARDIAN CONSENT"]
    lines += wrap(f"I authorize the provider named above to release the information checked to {f.name}. This "
                  "consent expires at the end of the current school year.")
    lines += [("Student" if college else "Parent/guardian") + " signature: ____________________________   "
              "Date: _________", ""]
    lines += wrap(c.pick(
        "Once received, health records become part of the student's education record and are protected by "
        "FERPA.",
        "Information is shared only with school staff who need it to keep the student safe."))
    return lines + ["", _staff(c, "RN, School Nurse", "BSN, RN, NCSN", "RN, Student Health"),
                    f"Health office fax {phone(c, f.fax)}"]


def hipaa_authorization_form(c: Ctx) -> list[str]:
    """Full HIPAA authorization to disclose health information, with sensitive-information initials."""
    f = _org(c, _LAW_FIRMS + _LIFE_INSURERS + _NEW_PRACTICES, 0.5)
    expires = c.report_date + timedelta(days=c.rng.choice((90, 180, 365)))
    lines: list[str] = []
    if c.chance(0.5):
        lines += _head(c, f, c.pick("left", "oneline")) + [""]
        lines += wrap(c.pick(
            f"Please release the records described below to {f.name}. The patient's signed authorization "
            "follows.",
            "Enclosed is a valid authorization. Kindly send copies of the records described in section 4.")) + [""]
    lines += _heading(c, c.pick("Authorization to Use or Disclose Health Information",
                                "Authorization for Release of Medical Information",
                                "HIPAA Authorization Form"), c.pick("equals", "center", "left"))
    lines += ["", "1. PATIENT"] + ["   " + s for s in patient_block(c, c.pick("stacked", "paired"),
                                                                      ("Patient Name:", "Name:", "Patient:"))]
    lines += ["", "2. I AUTHORIZE (person or organization releasing the information):",
              f"   {c.recipient.name}", f"   {c.recipient.street}, {c.recipient.city_line}", "",
              "3. TO DISCLOSE MY INFORMATION TO:", f"   {f.name}", f"   {f.street}, {f.city_line}",
              f"   Fax {phone(c, f.fax)}", "",
              "4. INFORMATION TO BE DISCLOSED:"]
    ticked = c.some(range(7), 1, 4)
    for i, s in enumerate(("Entire medical record", "Office notes", "Lab results", "Imaging reports",
                           "Billing records", "Discharge summaries", "Other: ___________")):
        lines.append(("   [x] " if i in ticked else "   [ ] ") + s)
    lines += [f"   Dates of service: {c.pick('All', 'From ' + c.d(_ago(c, 365, 1500)) + ' to present')}", "",
              "   Sensitive information - initial to include:",
              "   ____ HIV/AIDS testing or treatment     ____ Mental health records",
              "   ____ Substance use disorder records (42 CFR Part 2)",
              "   ____ Genetic testing                   ____ Psychotherapy notes", "",
              "5. PURPOSE: " + _boxes(c, ("At my request", "Legal", "Insurance", "Continuing care"), None, "  "),
              ""] + wrap(f"6. EXPIRATION: This authorization expires on {c.d(expires)} or when the purpose above "
                         "has been served, whichever comes first.") + [
              "", "7. MY RIGHTS"]
    for s in ("I may revoke this authorization at any time by writing to the provider, except where action "
              "has already been taken in reliance on it.",
              "My treatment, payment, enrollment or eligibility for benefits will not depend on whether I sign.",
              "Information disclosed may be re-disclosed by the recipient and may no longer be protected by "
              "federal privacy rules.",
              "I am entitled to a copy of this signed form."):
        lines += wrap("- " + s, "   ")
    lines += ["", "8. SIGNATURE", "   Signed: ___________________________   [ ] Self   [ ] Legal representative",
              f"   Date: {c.d(c.report_date) if c.chance(0.6) else '__________'}",
              "   If signed by a representative, relationship/authority: ____________________"]
    return lines


def retrieval_service_request(c: Ctx) -> list[str]:
    """Record retrieval company's request (often a second notice) on behalf of a law firm or insurer."""
    f = _org(c, _RETRIEVAL, 0.9)
    second = c.chance(0.5)
    client = c.rng.choice(_LAW_FIRMS + _LIFE_INSURERS)
    lines = _head(c, f, c.pick("split", "rule", "center")) + [""]
    title = c.pick("Records Request - Second Notice", "Follow-Up: Outstanding Records Request") if second else \
        c.pick("Medical Records Request", "Request for Copies of Records")
    lines += _heading(c, title, c.pick("stars", "equals", "under"))
    lines += ["", fields.two_col(f"Our file #: {c.rng.randint(10**5, 10**6 - 1)}-{c.rng.randint(1, 9)}",
                                 f"Date: {c.d(c.report_date)}"), f"On behalf of: {client}", ""]
    lines += _records_block(c, c.pick("paired", "stacked"))
    lines += [""]
    if second:
        lines += wrap(f"This is our second request. We have not received records requested on "
                      f"{c.d(_ago(c, 20, 45))}. If the records have been sent, please disregard this notice.")
        lines += [""]
    lines += ["Records requested:", "  " + _boxes(c, ("Medical", "Billing", "Both"), 2),
              "  [ ] Images on CD     [ ] Pharmacy records     [ ] Correspondence",
              f"  Dates: {c.d(_ago(c, 400, 1800))} to present", ""]
    lines += wrap(c.pick(
        "If no records exist for this patient, please complete the enclosed 'No Records' certification and "
        "fax it back so we can close our file.",
        "Please include a signed certification of records. If you have no records, let us know in writing."))
    lines += [""] + wrap(c.pick(
        "Invoice us for copying charges; we pay within 15 business days. Electronic delivery through our secure "
        "upload portal is preferred.",
        "Prepayment available on request. Please reference our file number on your invoice."))
    return lines + ["", f"Questions: {_person(c)}, retrieval specialist, {phone(c, f.phone)}"]


# ---- progress notes ----------------------------------------------------------------------------------

_PRACTICES = ("Willow Creek Family Practice", "Harbor Point Internal Medicine", "Crossroads Community Health Center",
              "Maplewood Primary Care Associates", "Sandstone Medical Group")
_CLINIC_FOCUS = {"Crescent Endocrinology & Diabetes": ("E11", "E03", "E78"),
                 "Blue Ridge Pulmonary Associates": ("J44", "J45", "G47"),
                 "Tri-County Kidney Care": ("N18", "I10"),
                 "Allegheny Heart & Vascular": ("I48", "I50", "I10", "R07"),
                 "Lakeshore Bone & Joint": ("M17", "M54"),
                 "Heartland Cardiology Associates": ("I48", "I50", "I10", "R07"),
                 "Cedar Creek Orthopedics": ("M17", "M54"), "Lakeside Gastroenterology": ("K21", "D50", "R63"),
                 "Prairie Neurology Clinic": ("G43", "G47", "M54")}
_SPECIALTY_CLINICS = tuple(list(_CLINIC_FOCUS)[:5])
_BH_CLINICS = ("Harborview Behavioral Health", "New Leaf Counseling Center", "Stillwater Psychological Services")
_HOME_HEALTH = ("Sunrise Home Health Services", "Hearthside Home Care", "CareBridge Visiting Nurses")
_ROS_NEG = ("fever", "chills", "chest pain", "shortness of breath", "palpitations", "abdominal pain", "nausea",
            "vomiting", "diarrhea", "headache", "dizziness", "leg swelling", "dysuria", "rash")
_EXAM = (("General", ("Well appearing, in no acute distress.", "Alert and oriented, pleasant, NAD.")),
         ("HEENT", ("Normocephalic. Oropharynx clear. TMs normal.", "PERRL, EOMI, moist mucous membranes.")),
         ("Neck", ("Supple, no lymphadenopathy or thyromegaly.", "No JVD. No carotid bruits.")),
         ("Lungs", ("Clear to auscultation bilaterally.", "Scattered expiratory wheeze, no crackles.",
                    "Decreased breath sounds at the bases.")),
         ("Heart", ("Regular rate and rhythm, no murmur.", "Irregularly irregular rhythm, rate controlled.",
                    "S1 S2 normal, 2/6 systolic murmur at RUSB.")),
         ("Abdomen", ("Soft, nontender, nondistended. Normal bowel sounds.", "Mild epigastric tenderness, no guarding.")),
         ("Extremities", ("No edema.", "Trace bilateral ankle edema.", "1+ pitting edema to mid-shin.")),
         ("Skin", ("Warm and dry, no rashes.", "Healing abrasion left forearm.")),
         ("Neuro", ("No focal deficits. Gait steady.", "CN II-XII intact, strength 5/5 throughout.")),
         ("Psych", ("Normal mood and affect.", "Anxious affect, linear thought process.")))
_HOME_READINGS = ("home BP readings mostly 130s/80s", "fasting sugars running 110-150",
                  "weights stable on the home scale", "peak flows 80% of personal best",
                  "no home readings since the last visit")


def _vitals(c: Ctx, style: str = "line") -> list[str]:
    bp = f"{c.rng.randint(104, 168)}/{c.rng.randint(60, 98)}"
    hr, rr, sp = c.rng.randint(56, 104), c.rng.randint(12, 20), c.rng.randint(92, 100)
    t = f"{c.rng.uniform(97.0, 99.4):.1f}"
    wt = c.rng.randint(98, 290)
    if style == "line":
        return [f"BP {bp}  HR {hr}  RR {rr}  Temp {t} F  SpO2 {sp}% RA  Wt {wt} lb"]
    return [fields.two_col(f"Blood pressure: {bp} mmHg", f"Pulse: {hr}/min"),
            fields.two_col(f"Respirations: {rr}/min", f"Temperature: {t} F"),
            fields.two_col(f"O2 saturation: {sp}%", f"Weight: {wt} lb")]


def _exam(c: Ctx, lo: int, hi: int, indent: str = "  ") -> list[str]:
    chosen = c.some(range(len(_EXAM)), lo, hi)
    return [f"{indent}{_EXAM[i][0]}: {c.rng.choice(_EXAM[i][1])}" for i in sorted(chosen)]


def _signoff(c: Ctx, who: str) -> list[str]:
    return ["", c.pick(f"Electronically signed: {who}", f"Signed by {who}", f"/s/ {who}",
                       f"Provider signature: {who}"),
            c.pick(f"Date signed: {c.d(c.report_date)}", f"{c.d(c.report_date)} {_clock(c, 8, 21)}", "")]


def telehealth_visit(c: Ctx) -> list[str]:
    """Video (or audio-only) visit note with consent, locations, limited exam and time statement."""
    f = _org(c, _PRACTICES + _SPECIALTY_CLINICS, 0.5)
    problems = c.some(clinical.DIAGNOSES, 1, 3)
    video = c.chance(0.7)
    sec = c.pick("caps", "title")
    lines = _head(c, f, c.pick("left", "center", "oneline")) + [""]
    lines += _heading(c, c.pick("Telehealth Visit Note", "Video Visit", "Virtual Office Visit") if video
                      else c.pick("Audio-Only Telehealth Visit", "Telephone Visit Note (Audio Only)"),
                      c.pick("under", "left", "center"))
    lines += [""] + patient_block(c, c.pick("paired", "stacked"))
    lines += [f"Date of service: {c.d(c.service_date)}", f"Rendering clinician: {c.doctor}",
              "Modality: " + ("Synchronous audio and video" if video else "Audio only (patient has no video device)"),
              f"Patient location: home, {c.patient.state if c.patient and c.patient.state else c.recipient.state}"
              + c.pick("", " (confirmed)"),
              "Provider location: " + c.pick("clinic office", "provider's home office"), ""]
    lines += [_section(c, "Consent", sec)] + wrap(c.pick(
        "Patient verbally consented to a telehealth visit and understands its limitations, including that a "
        "physical exam cannot be performed.",
        "Verbal consent obtained for virtual care. Patient was told that an in-person visit will be arranged "
        "if needed."), "  ")
    lines += ["", _section(c, "History of present illness", sec)]
    lines += wrap(f"{c.age() or 'Adult'}-year-old seen virtually for follow-up of {problems[0][0].lower()}. "
                  + c.pick("Feels about the same.", "Doing better since the last visit.",
                           "Reports some worsening over the last two weeks.")
                  + f" Reports {c.rng.choice(_HOME_READINGS)}. "
                  + c.pick("Taking medications as prescribed.", "Missed a few doses last month.",
                           "No side effects from medications."), "  ")
    lines += ["", _section(c, "Review of systems", sec)]
    lines += wrap("Negative for " + ", ".join(c.some(_ROS_NEG, 3, 6)) + ".", "  ")
    lines += ["", _section(c, "Exam (limited, by video)" if video else "Observations (audio only)", sec)]
    lines += wrap(c.pick("Well appearing, speaking in full sentences, no respiratory distress. Normal affect.",
                         "Alert, conversant, no audible shortness of breath. Mood appropriate.")
                  if video else "Speech clear and fluent, answers appropriately, no audible distress.", "  ")
    lines += ["", _section(c, "Assessment and plan", sec)]
    for i, (dx, icd) in enumerate(problems, start=1):
        plan = c.pick("Continue current regimen.", "Labs ordered before next visit.",
                      f"Increase {clinical.drug_line(c.rng)[0]} as discussed.",
                      f"Refill sent for {clinical.drug_line(c.rng)[0]}, 90 days.",
                      "Will see in person for exam at next visit.")
        lines += wrap(f"{i}. {dx} ({icd}) - {plan}", "  ")
    lines += ["", f"Follow-up: {c.pick('virtual', 'in person')} in {c.pick('4 weeks', '3 months', '6 months')}.",
              f"Total time on the date of the encounter: {c.rng.randint(12, 40)} minutes."]
    return lines + _signoff(c, c.doctor)


_TRIAGE = (("cough and congestion for 5 days", "Adult cough protocol", "home care with fluids and OTC measures"),
           ("home BP reading of 178/96 this morning, no symptoms", "High blood pressure protocol",
            "recheck in 1 hour; appointment within 3 days"),
           ("dizziness since starting a new medication", "Dizziness protocol", "office visit tomorrow"),
           ("painful urination and frequency since yesterday", "Urinary symptoms protocol", "same-day appointment"),
           ("new itchy rash on both arms", "Rash protocol", "home care; call back if spreading"),
           ("chest tightness with exertion", "Chest pain protocol", "advised to go to the emergency department"))


def phone_encounter(c: Ctx) -> list[str]:
    """Nurse telephone triage encounter with disposition and provider review."""
    f = _org(c, _PRACTICES, 0.6)
    complaint, protocol, disposition = c.rng.choice(_TRIAGE)
    nurse = _staff(c, "RN", "LPN", "RN, BSN")
    lines = ([] if c.chance(0.4) else _head(c, f, c.pick("oneline", "left")) + [""])
    lines += _heading(c, c.pick("Telephone Encounter", "Phone Note", "Nurse Triage Call"), c.pick("left", "stars", "under"))
    lines += [""] + patient_block(c, c.pick("stacked", "inline"))
    lines += [f"Call date: {c.d(c.service_date)}  Time: {_clock(c)}",
              "Caller: " + c.pick("patient", "spouse", "daughter", "son", "caregiver"), f"Taken by: {nurse}", ""]
    lines += ["Reason for call:"] + wrap(c.pick("Caller reports ", "Patient calling with ", "States ") + complaint + ".", "  ")
    lines += ["", f"Protocol used: {protocol}",
              "Red flags screened: " + c.pick("none present", "denies fever, syncope, shortness of breath"),
              f"Disposition: {disposition}", "", "Advice given:"]
    lines += wrap(c.pick(
        "Reviewed home care and warning signs. Call back or go to urgent care if symptoms worsen.",
        "Instructed to monitor symptoms and keep a log. Appointment scheduled as above.",
        "Caller advised per protocol and agrees with the plan."), "  ")
    lines += ["", c.pick("Caller verbalized understanding.", "Caller repeated instructions back correctly.")]
    lines += ["", f"Routed to {c.doctor} for review.",
              c.pick("Reviewed - agree with plan.", "Reviewed. Please schedule follow-up in 1 week.", "")]
    return lines


_SCREENS = (("Depression (PHQ-2)", ("0 - negative", "1 - negative", "3 - positive, PHQ-9 done")),
            ("Cognition (Mini-Cog)", ("5/5 - normal", "4/5 - normal", "2/5 - further evaluation advised")),
            ("Fall risk (Timed Up and Go)", ("9 seconds", "11 seconds", "15 seconds - at risk")),
            ("Hearing (whisper test)", ("passed both ears", "failed left - audiology referral")),
            ("Functional status (ADLs)", ("independent in all", "needs help with bathing")),
            ("Home safety", ("no concerns", "throw rugs, no grab bars - discussed")))
_PREVENTIVE = ("Colorectal cancer screening", "Mammogram", "Pneumococcal vaccine", "Shingles vaccine (2 doses)",
               "Influenza vaccine", "Bone density (DXA)", "AAA ultrasound", "Diabetic eye exam", "Lung cancer CT")


def annual_wellness_visit(c: Ctx) -> list[str]:
    """Medicare annual wellness visit: risk assessment, screenings table, prevention plan. Often two pages."""
    f = _org(c, _PRACTICES, 0.5)
    lines = _head(c, f, c.pick("center", "stars", "split")) + [""]
    lines += _heading(c, c.pick("Medicare Annual Wellness Visit", "Annual Wellness Visit - Subsequent",
                                "Initial Annual Wellness Visit"), c.pick("equals", "center", "under"))
    lines += [""] + patient_block(c, c.pick("paired", "stacked"))
    lines += [f"Visit date: {c.d(c.service_date)}", f"Examining provider: {c.doctor}", ""]
    lines += ["HEALTH RISK ASSESSMENT (completed by patient)",
              "  Self-rated health: " + c.pick("excellent", "good", "fair", "poor"),
              f"  Falls in past year: {c.rng.choice((0, 0, 1, 2))}   Fear of falling: {c.pick('yes', 'no')}",
              "  Tobacco: " + c.pick("never", "former, quit 10+ years", "current, 1/2 pack per day"),
              "  Alcohol: " + c.pick("none", "1-2 drinks per week", "daily"),
              "  Physical activity: " + c.pick("walks 30 min most days", "minimal", "gardening, housework"), ""]
    lines += ["VITALS"] + ["  " + v for v in _vitals(c, c.pick("line", "grid"))]
    lines += [f"  Height {c.rng.randint(58, 74)} in   BMI {c.rng.uniform(19, 38):.1f}", ""]
    lines += ["SCREENINGS", "  " + "Screen".ljust(30) + "Result"]
    for name, results in _SCREENS:
        lines.append("  " + name.ljust(30) + c.rng.choice(results))
    lines += ["", "MEDICATIONS REVIEWED"]
    lines += [f"  {d} - {s}" for d, s in _meds(c, 2, 6)]
    lines += ["", "PREVENTIVE SERVICES", "  " + "Service".ljust(32) + "Status"]
    for svc in c.some(_PREVENTIVE, 5, 7):
        lines.append("  " + svc.ljust(32) + c.pick("up to date", "due - ordered", "declined", "due next year",
                                                   f"done {c.service_date.year - c.rng.randint(1, 4)}"))
    lines += ["", "ADVANCE CARE PLANNING"]
    lines += wrap(c.pick("Discussed; patient has a health care proxy and living will on file.",
                         "Discussed for 16 minutes; forms given to review with family.",
                         "Patient declined to discuss today."), "  ")
    lines += ["", "PERSONALIZED PREVENTION PLAN"]
    for i, item in enumerate(c.some((
            "Balance and strength exercises; home safety handout given.",
            "Continue walking program, goal 150 minutes per week.",
            "Schedule overdue screenings listed above.",
            "Hearing evaluation referral placed.",
            "Tobacco cessation counseling provided, 5 minutes.",
            "Printed 5-10 year screening schedule handed out today."), 3, 5), start=1):
        lines += wrap(f"{i}. {item}", "  ")
    lines += ["", "Problems addressed separately today: " + c.pick("none", "see separate office visit note")]
    return lines + _signoff(c, c.doctor)


_BP_DRUGS = tuple(d for d in clinical.DRUGS if d[0] in ("lisinopril", "amlodipine", "losartan",
                                                         "hydrochlorothiazide", "metoprolol succinate"))
_NURSE_TASKS = (("Vitamin B12 (cyanocobalamin) 1000 mcg", "IM", "left deltoid", "monthly"),
                ("Medroxyprogesterone 150 mg/mL", "IM", "right gluteal", "every 12 weeks"),
                ("Influenza vaccine 0.5 mL", "IM", "left deltoid", "next season"),
                ("Tdap vaccine 0.5 mL", "IM", "right deltoid", "in 10 years"),
                ("Testosterone cypionate 200 mg", "IM", "left ventrogluteal", "every 2 weeks"),
                ("Ceftriaxone 500 mg", "IM", "right gluteal", "as ordered"))


def nurse_visit(c: Ctx) -> list[str]:
    """Short nurse visit: an injection or vaccine given, or a blood pressure check per protocol."""
    f = _org(c, _PRACTICES, 0.5)
    nurse = _staff(c, "RN", "LPN", "CMA")
    lines = _head(c, f, c.pick("left", "oneline")) + [""]
    lines += _heading(c, c.pick("Nurse Visit", "Nurse Visit Note", "Clinical Staff Visit"), c.pick("left", "under"))
    lines += [""] + patient_block(c, c.pick("stacked", "inline"))
    lines += [f"Date: {c.d(c.service_date)}   Staff: {nurse}", f"Ordering provider: {c.doctor}", ""]
    if c.chance(0.6):
        sex = c.patient.sex if c.patient else ""
        drug, route, site, due = c.rng.choice([t for t in _NURSE_TASKS if not (
            (t[0].startswith("Testosterone") and sex == "F") or (t[0].startswith("Medroxy") and sex == "M"))])
        lines += [f"Reason for visit: {c.pick('Scheduled injection', 'Injection per standing order', 'Vaccine')}",
                  f"Medication: {drug}", f"Route/site: {route}, {site}",
                  f"Lot #: {c.rng.choice('ABCDEFHJKLMN')}{c.rng.randint(1000, 99999)}   "
                  f"Exp: {c.rng.randint(1, 12):02d}/{c.service_date.year + c.rng.randint(1, 2)}", ""]
        lines += wrap(c.pick(
            "Patient identity verified with two identifiers. Tolerated well; no immediate reaction. Observed "
            "15 minutes before leaving.",
            "Allergies reviewed, none to this product. Given without difficulty. Patient left in stable "
            "condition."))
        lines += ["", f"Next due: {due}"]
    else:
        first = (c.rng.randint(128, 172), c.rng.randint(76, 100))
        second = (first[0] - c.rng.randint(0, 12), first[1] - c.rng.randint(0, 6))
        lines += ["Reason for visit: Blood pressure check per protocol", "",
                  f"Reading 1 (seated, {c.pick('right', 'left')} arm): {first[0]}/{first[1]}  HR {c.rng.randint(58, 96)}",
                  f"Reading 2 after 5 minutes rest: {second[0]}/{second[1]}", "",
                  "Current BP medicines: " + ", ".join(
                      f"{n} {c.rng.choice(st)}" for n, st, _ in c.some(_BP_DRUGS, 1, 2)),
                  "Taking as prescribed: " + c.pick("yes", "yes", "missed doses this week"), ""]
        lines += wrap(c.pick("Readings sent to provider. Patient to continue current regimen until advised.",
                             "Above goal; provider notified and asked for plan. Patient to keep home log."))
    return lines + ["", f"Documented by {nurse}"]


def ccm_monthly_note(c: Ctx) -> list[str]:
    """Chronic care management monthly note: time spent, care plan goals, medication review, barriers."""
    f = _org(c, _PRACTICES, 0.5)
    problems = c.some([d for d in clinical.DIAGNOSES if not d[1].startswith("R")], 2, 4)
    minutes = c.rng.randint(20, 62)
    manager = _staff(c, "RN, Care Manager", "LPN, Care Coordinator", "RN, CCM")
    lines = _head(c, f, c.pick("center", "left", "rule")) + [""]
    lines += _heading(c, c.pick("Chronic Care Management - Monthly Note", "Care Coordination Note (CCM)",
                                "Care Management Progress Note"), c.pick("under", "equals", "left"))
    lines += [""] + patient_block(c, c.pick("paired", "stacked"))
    lines += [f"Service month: {c.service_date:%B %Y}", f"Care manager: {manager}",
              f"Supervising physician: {c.doctor}",
              f"Time this month: {minutes} minutes   Code: {'99490' if minutes < 40 else '99490 + 99439'}", ""]
    lines += ["Chronic conditions:"] + [f"  - {d} ({i})" for d, i in problems]
    lines += ["", "Contact:"] + wrap(f"{c.pick('Telephone call', 'Portal messages', 'Telephone call and portal message')} "
                                     f"with {c.pick('patient', 'patient and spouse', 'daughter (on HIPAA form)')} on "
                                     f"{c.d(c.service_date)}.", "  ")
    lines += ["", "Care plan goals:", "  " + "Goal".ljust(46) + "Status"]
    for goal in c.some(("Keep blood pressure under 130/80", "A1c below 7.5%", "Walk 20 minutes 5 days a week",
                        "No ED visits this quarter", "Daily weights, call for gain of 3 lb", "Quit smoking",
                        "Take medications as prescribed every day"), 2, 4):
        lines.append("  " + goal.ljust(46) + c.pick("met", "progressing", "not met", "new"))
    lines += ["", "Medication review:"]
    for drug, _sig in _meds(c, 2, 4):
        lines.append(f"  {drug} - " + c.pick("taking", "taking", "missing evening doses", "ran out, refill requested"))
    lines += ["", "Barriers / coordination:"]
    lines += ["  - " + s for s in c.some((
        "Transportation to appointments - ride service arranged.",
        f"Cost of {c.rng.choice(clinical.BRAND_DRUGS).split()[0]} - patient assistance application started.",
        "Upcoming specialist visit confirmed.", "Home BP cuff ordered through plan.",
        "Lives alone; daily check-in call from neighbor.", "No barriers identified this month."), 1, 3)]
    lines += ["", f"Next contact: {c.d(c.service_date + timedelta(days=c.rng.randint(21, 35)))}"]
    return lines + _signoff(c, manager)


_BH_DX = (("Generalized anxiety disorder", "F41.1"), ("Major depressive disorder, recurrent, moderate", "F33.1"),
          ("Post-traumatic stress disorder, chronic", "F43.12"), ("Adjustment disorder with mixed anxiety and "
                                                                  "depressed mood", "F43.23"),
          ("Panic disorder", "F41.0"))
_INTERVENTIONS = ("cognitive restructuring using a thought record", "behavioral activation scheduling",
                  "mindfulness and grounding exercises", "motivational interviewing around sleep habits",
                  "exposure hierarchy review", "problem-solving around work stress", "relaxation breathing practice")


def behavioral_health_session(c: Ctx) -> list[str]:
    """Psychotherapy session note in DAP or BIRP format with risk assessment and measures."""
    f = _org(c, _BH_CLINICS, 0.8)
    dx, icd = c.rng.choice(_BH_DX)
    therapist = _staff(c, "LCSW", "LPC", "PsyD", "LMFT", "PhD, Licensed Psychologist")
    minutes = c.rng.choice((45, 53, 55, 60))
    fmt = c.pick("DAP", "BIRP")
    lines = _head(c, f, c.pick("left", "center", "oneline")) + [""]
    lines += _heading(c, c.pick("Psychotherapy Progress Note", "Individual Therapy Session Note",
                                f"Counseling Session - {fmt} Note"), c.pick("left", "under", "title"))
    lines += [""] + patient_block(c, c.pick("stacked", "paired"), ("Client:", "Client Name:", "Patient:", "Name:"))
    lines += [f"Session date: {c.d(c.service_date)}   Start {_clock(c, 8, 17)}   Duration {minutes} min",
              f"Service: {'90837' if minutes >= 53 else '90834'} individual psychotherapy, "
              + c.pick("in person", "telehealth (video)"),
              f"Session #{c.rng.randint(2, 30)}", f"Diagnosis: {dx} ({icd})", ""]
    mood = c.pick("anxious", "low", "'okay'", "irritable", "better than last week")
    data = (f"Client reports mood as {mood}. " + c.pick(
        "Discussed conflict with a family member and difficulty sleeping.",
        "Completed homework from last session with partial success.",
        "Describes increased stress at work and avoidance of social plans.",
        "Reports two panic episodes this week, shorter than before."))
    measures = f"PHQ-9 {c.rng.randint(2, 22)}, GAD-7 {c.rng.randint(2, 20)}."
    mse = ("MSE: appearance appropriate, cooperative; speech normal rate; affect " +
           c.pick("congruent", "constricted", "tearful at times") + "; thought process linear; no psychosis.")
    risk = c.pick("Denies suicidal or homicidal ideation, intent or plan. Safety plan reviewed.",
                  "Passive death wish last week, none today; no plan or intent. Safety plan updated; crisis line "
                  "reviewed.", "No SI/HI. Protective factors: family, employment, future orientation.")
    interventions = "Used " + " and ".join(c.some(_INTERVENTIONS, 1, 2)) + "."
    plan = (f"Continue {c.pick('weekly', 'every other week')} sessions. Homework: "
            + c.pick("daily thought log.", "two pleasant activities.", "breathing practice twice a day.")
            + c.pick("", " Coordinate with prescriber about medication response."))
    parts: tuple[tuple[str, str], ...]
    if fmt == "DAP":
        parts = (("Data", data + " " + measures), ("Assessment", mse + " " + risk + " " + c.pick(
            "Progress toward goals: moderate.", "Symptoms slightly improved.", "Limited progress; stressors high.")),
                 ("Plan", interventions + " " + plan))
    else:
        parts = (("Behavior", data + " " + mse), ("Intervention", interventions),
                 ("Response", c.pick("Engaged well and identified two alternative thoughts.",
                                     "Initially guarded, more open by the end of the session.")
                  + " " + measures + " " + risk),
                 ("Plan", plan))
    for label, text in parts:
        lines += [f"{label.upper()}:"] + wrap(text, "  ") + [""]
    return lines + [f"Therapist: {therapist}", f"Signed {c.d(c.report_date)}"]


def home_health_visit(c: Ctx) -> list[str]:
    """Home health skilled nursing visit note: homebound status, vitals, assessment, teaching."""
    f = _org(c, _HOME_HEALTH, 0.85)
    dx, icd = c.rng.choice([d for d in clinical.DIAGNOSES if d[1][0] in "IEJNM"])
    nurse = _staff(c, "RN", "RN, BSN", "LPN")
    lines = _head(c, f, c.pick("center", "split", "stars")) + [""]
    lines += _heading(c, c.pick("Skilled Nursing Visit Note", "Home Health Visit Record", "SN Visit - Home Care"),
                      c.pick("equals", "left", "center"))
    lines += [""] + patient_block(c, c.pick("paired", "stacked"))
    lines += [fields.two_col(f"Visit date: {c.d(c.service_date)}", f"Time in {_clock(c, 8, 12)}  out {_clock(c, 13, 16)}"),
              f"Clinician: {nurse}", f"Certifying physician: {c.doctor}",
              f"Visit {c.rng.randint(2, 12)} of {c.rng.randint(12, 18)} this episode",
              f"Primary diagnosis: {dx} ({icd})", ""]
    lines += ["HOMEBOUND STATUS:"] + wrap(c.pick(
        "Leaving home requires a walker and the help of another person; leaving home is a taxing effort.",
        "Short of breath after 20 feet; leaves home only for medical appointments with assistance."), "  ")
    lines += ["", "VITAL SIGNS:"] + ["  " + v for v in _vitals(c, c.pick("line", "grid"))]
    lines += [f"  Pain: {c.rng.randint(0, 7)}/10 " + c.pick("lower back", "right knee", "generalized", "")]
    lines += ["", "ASSESSMENT:"]
    lines += ["  " + s for s in c.some((
        "Lungs with fine crackles at bases, no increased work of breathing.",
        "Bilateral lower extremity edema 1+, unchanged from last visit.",
        f"Wound left lower leg {c.rng.randint(1, 4)}.{c.rng.randint(0, 9)} x {c.rng.randint(1, 3)}.{c.rng.randint(0, 9)} "
        "cm, pink granulation, scant serous drainage.",
        "Alert and oriented x3, follows instructions.", "Appetite fair; eating two meals a day.",
        "Medication box set up for the week; no missed doses found.",
        f"Fasting glucose on home meter {c.rng.randint(88, 240)} mg/dL."), 3, 5)]
    lines += ["", "INTERVENTIONS / TEACHING:"]
    lines += ["  - " + s for s in c.some((
        "Wound care per order: cleansed with saline, foam dressing applied.",
        "Taught signs of fluid overload and when to call.", "Reviewed fall prevention; clutter removed from path.",
        "Instructed on low-sodium diet; handout left in home.", "Reviewed insulin injection technique.",
        "Medication reconciliation completed with caregiver."), 2, 4)]
    lines += ["", "RESPONSE: " + c.pick("Patient and caregiver verbalized understanding.",
                                         "Demonstrated teach-back correctly.", "Needs reinforcement next visit.")]
    lines += ["", "PLAN: " + c.pick("Next SN visit in 3 days.", "Continue SN 2x/week.",
                                     "PT to evaluate; SN next week.")]
    if c.chance(0.5):
        lines += [""] + wrap(f"Physician notified: {c.pick('weight up 3 lb', 'BP 168/94', 'wound slower to heal')}; "
                             "awaiting orders.")
    return lines + ["", f"Clinician signature: {nurse}"]


_LAB_SNIPPETS = ("A1c {a:.1f}% (previous {b:.1f}%)", "creatinine {c:.2f} mg/dL, eGFR {e}", "LDL {l} mg/dL",
                 "TSH {t:.2f} uIU/mL", "potassium {k:.1f} mmol/L", "hemoglobin {h:.1f} g/dL")


def specialist_followup(c: Ctx) -> list[str]:
    """Specialist's established-patient follow-up note: interval history, data reviewed, plan by problem."""
    f = _org(c, _SPECIALTY_CLINICS, 0.8)
    focus = _CLINIC_FOCUS.get(f.name, ("",))
    main = c.rng.choice([d for d in clinical.DIAGNOSES if d[1].startswith(focus)])
    problems = [main] + c.some([d for d in clinical.DIAGNOSES if d != main], 1, 3)
    sec = c.pick("caps", "title", "colonless")
    lines = _head(c, f, c.pick("center", "split", "left", "rule")) + [""]
    lines += _heading(c, c.pick("Follow-Up Visit", "Return Visit Note", "Established Patient Progress Note"),
                      c.pick("title", "under", "center"))
    lines += [""] + patient_block(c, c.pick("paired", "stacked"))
    lines += [f"Date of visit: {c.d(c.service_date)}", f"Attending provider: {c.doctor}",
              f"Primary care: {c.other_doctor}", ""]
    lines += [_section(c, "Interval history", sec)]
    lines += wrap(f"Returns for follow-up of {problems[0][0].lower()}, last seen "
                  f"{c.pick('3 months', '6 weeks', '6 months', '4 months')} ago. "
                  + c.pick("Since then has had no hospital visits.", "Had one ED visit for a related complaint.",
                           "Reports better energy and fewer symptoms.", "Has been adherent to the plan.")
                  + " " + c.pick("No new complaints today.", "Main concern today is fatigue.",
                                 "Asks about stopping one medication."), "  ")
    lines += ["", _section(c, "Current medications", sec)] + [f"  {d} - {s}" for d, s in _meds(c, 3, 6)]
    lines += ["", _section(c, "Data reviewed", sec)]
    values = {"a": c.rng.uniform(5.8, 9.4), "b": c.rng.uniform(6.0, 10.2), "c": c.rng.uniform(0.7, 2.1),
              "e": c.rng.randint(28, 95), "l": c.rng.randint(48, 170), "t": c.rng.uniform(0.3, 6.5),
              "k": c.rng.uniform(3.4, 5.4), "h": c.rng.uniform(9.5, 15.5)}
    labs = "; ".join(s.format(**values) for s in c.some(_LAB_SNIPPETS, 2, 4))
    lines += wrap(f"Labs {c.d(_ago(c, 3, 20))}: {labs}.", "  ")
    if c.chance(0.6):
        lines += wrap(c.pick(f"Echocardiogram {c.d(_ago(c, 30, 200))}: EF {c.rng.randint(35, 65)}%.",
                             f"Chest CT {c.d(_ago(c, 30, 300))}: stable small nodules.",
                             f"Renal ultrasound {c.d(_ago(c, 30, 300))}: no hydronephrosis."), "  ")
    lines += ["", _section(c, "Examination", sec)] + ["  " + v for v in _vitals(c)] + _exam(c, 3, 6)
    lines += ["", _section(c, "Impression and plan", sec)]
    for i, (dx, icd) in enumerate(problems, start=1):
        lines += wrap(f"{i}. {dx} ({icd}): " + c.pick(
            "stable; continue current therapy.", "improved; no change today.",
            f"not at goal; adjust {clinical.drug_line(c.rng)[0].split()[0]}.",
            "repeat labs in 3 months.", "discussed lifestyle measures at length."), "  ")
    lines += ["", f"Return visit: {c.pick('3 months', '6 months', '8 weeks')}"
              + c.pick(" with labs beforehand.", ".", ", sooner if needed.")]
    if c.chance(0.7):
        lines += ["", f"cc: {c.other_doctor}"]
    return lines + _signoff(c, c.doctor)


TEMPLATES: dict[DocType, tuple[Template, ...]] = {
    DocType.prescription_request: (refill_batch_form, controlled_refill_request, therapeutic_interchange,
                                   rx_clarification, patient_refill_message, mail_order_renewal, erx_error_notice,
                                   ltc_order_renewal),
    DocType.prior_authorization: (pa_approval_letter, pa_denial_letter, imaging_precert_form, step_therapy_exception,
                                  peer_to_peer_notice, inpatient_certification, pa_receipt_status, dme_auth_request),
    DocType.insurance: (remittance_advice, cob_questionnaire, coverage_change_notice, claim_status_response,
                        overpayment_notice, premium_grace_notice, accident_questionnaire, medicare_summary_notice),
    DocType.records_request: (subpoena_records, dds_evidence_request, aps_request, continuity_records_request,
                              workers_comp_request, school_records_request, hipaa_authorization_form,
                              retrieval_service_request),
    DocType.progress_note: (telehealth_visit, phone_encounter, annual_wellness_visit, nurse_visit, ccm_monthly_note,
                            behavioral_health_session, home_health_visit, specialist_followup),
}
