"""The "holdout" template family: other senders, layouts, headings and sentences than `bodies_train`.

A classifier trained on the train family is evaluated on this one, so nothing here copies train wording;
only domain terms (analytes, drugs, diagnoses) are shared through `clinical`.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from pipeline.records import DocType
from pipeline.synth import clinical, fields
from pipeline.synth.context import Ctx, patient_block
from pipeline.synth.fields import wrap

_LABS = ("Tri-County Medical Laboratory", "Blue Ridge Clinical Reference Lab", "Harbor Point Pathology")
_IMAGING = ("Westbrook Diagnostic Imaging", "Clearview MRI & CT", "Pinecrest Women's Imaging")
_HOSPITALS = ("Good Shepherd Community Hospital", "University Medical Center North", "Bayview Memorial Hospital")
_CLINICS = ("Willow Park Family Practice", "Coastal Kidney Specialists", "Granite State Pulmonary Care",
            "Brookside Endocrine Associates", "Red Oak Rheumatology")
_PHARMACIES = ("QuickScript Mail Order Pharmacy", "Neighborhood Rx #112", "Sunrise Compounding Pharmacy")
_PAYERS = ("Cardinal BlueCross Plan", "Horizon Shield Health", "Pioneer Community Health Plan")
_REQUESTERS = ("Office of Disability Adjudication", "Whitman, Ortiz & Pell LLP", "Liberty Life Claims Unit",
               "Willow Park Family Practice")
_VENDORS = ("Allied Medical Distributors", "NextGen Billing Solutions", "State Medical Society")

SENDERS: dict[DocType, tuple[str, ...]] = {
    DocType.lab_result: _LABS, DocType.imaging_report: _IMAGING, DocType.referral: _CLINICS,
    DocType.consult_note: _CLINICS, DocType.discharge_summary: _HOSPITALS,
    DocType.prescription_request: _PHARMACIES, DocType.prior_authorization: _PAYERS,
    DocType.insurance: _PAYERS, DocType.records_request: _REQUESTERS, DocType.progress_note: _CLINICS,
    DocType.other: _VENDORS,
}
RECIPIENTS = ("Hillcrest Primary Care", "Northside Community Health Center", "Lakeland Medical Associates")


def fax_header(c: Ctx, sender_id: str, sent: datetime, page: int, total: int) -> str:
    """A fax server's stamp across the top of every page."""
    digits = "".join(ch for ch in c.sender.fax if ch.isdigit())
    if c.rng.random() < 0.5:
        to = "".join(ch for ch in c.recipient.fax if ch.isdigit())
        return f"{sent:%Y-%m-%d %H:%M:%S} (GMT-5)  {digits} -> {to}  Page {page} of {total}"
    return f"Received: {sent:%d/%b/%Y %H:%M}  From: {sender_id} ({digits})  Pg {page}/{total}"


def continuation(c: Ctx, page: int) -> list[str]:
    """Running header on follow-on pages."""
    who = c.name if c.patient is not None else c.sender.name
    return [f"{who} -- {c.sender.name} -- page {page}", ""]


def cover_sheet(c: Ctx, total: int) -> list[str]:
    """A fax transmittal page; it says who sent it, never what the enclosed document is."""
    lines = [c.sender.name, f"{c.sender.street} | {c.sender.city_line}", "", "F A C S I M I L E   T R A N S M I T T A L", ""]
    lines += [f"Recipient:  {c.recipient.name}", f"Recipient fax:  {fields.format_phone(c.recipient.fax, c.rng)}",
              f"Sender:  {c.sender.name}", f"Callback number:  {fields.format_phone(c.sender.phone, c.rng)}",
              f"Sent on:  {c.d(c.report_date)}", f"Number of pages:  {total}", "",
              "Comments: " + c.pick("Kindly route to the appropriate staff member.", "Original will not follow.",
                                    "Call with any questions.", "")]
    lines += ["", ""] + wrap("PRIVACY WARNING - This message is intended only for the use of the individual or entity "
                             "to which it is addressed. Any dissemination, distribution or copying of this "
                             "communication by anyone other than the intended recipient is strictly prohibited. If "
                             "this transmission reached you by mistake, telephone us and shred every page.")
    return lines


def _top(c: Ctx, heading: str) -> list[str]:
    f = c.sender
    head = [f.name, f"{f.street} | {f.city_line}",
            f"Voice {fields.format_phone(f.phone, c.rng)} / Fax {fields.format_phone(f.fax, c.rng)}"]
    return head + ["=" * min(len(heading) + 4, fields.LINE_WIDTH), f"  {heading}", "=" * min(len(heading) + 4, fields.LINE_WIDTH), ""]


def _attest(c: Ctx, who: str) -> list[str]:
    return ["", f"Authenticated: {who} / {c.d(c.report_date)}"]


def _dear(c: Ctx) -> str:
    name = c.other_doctor.split(",")[0].removeprefix("Dr. ")
    return f"Dear Dr. {name.split()[-1]}," if c.other_doctor.startswith("Dr. ") else f"Dear {name},"


# ---- lab results -------------------------------------------------------------------------------------

def pathology_results(c: Ctx) -> list[str]:
    """Analyte-per-line results with bracketed normal ranges."""
    lines = _top(c, c.pick("Clinical Pathology Results", "Laboratory Test Results")) + patient_block(c, c.pick("piped", "inline"))
    lines += ["", f"Requesting clinician: {c.doctor}", f"Specimen drawn: {c.d(c.service_date)}   Resulted: {c.d(c.report_date)}", ""]
    for panel in c.some(list(clinical.LAB_PANELS), 1, 3):
        lines.append(f"== {panel} ==")
        for _code, name, unit, low, high, dec in clinical.LAB_PANELS[panel]:
            value, flag = clinical.lab_value(c.rng, low, high, dec)
            note = {"H": "  ABNORMAL HIGH", "L": "  ABNORMAL LOW"}.get(flag, "")
            lines.append(f"  {name}: {value} {unit}  [normal {low:.{dec}f} to {high:.{dec}f}]{note}")
    return lines + ["", "Values outside the normal interval are marked ABNORMAL."] + _attest(c, fields.clinician(c.rng))


def lab_summary_table(c: Ctx) -> list[str]:
    """Outpatient lab summary as a pipe-separated grid."""
    lines = _top(c, "Outpatient Lab Summary") + patient_block(c, "piped")
    lines += ["", f"Draw date: {c.d(c.service_date)} | Ordered by {c.doctor}", ""]
    lines.append("Analyte".ljust(28) + "| Result   | Units      | Normal")
    for panel in c.some(list(clinical.LAB_PANELS), 1, 2):
        for code, _name, unit, low, high, dec in clinical.LAB_PANELS[panel]:
            value, flag = clinical.lab_value(c.rng, low, high, dec)
            lines.append(f"{code} ({panel[:14]})".ljust(28) + f"| {value + ('*' if flag else '')}".ljust(11)
                         + f"| {unit}".ljust(13) + f"| {low:.{dec}f}-{high:.{dec}f}")
    return lines + ["", "* outside normal limits; interpret in clinical context."]


# ---- imaging -----------------------------------------------------------------------------------------

_OBSERVATIONS = {
    "chest": ("Both lung fields are well aerated with no infiltrate.", "Cardiomediastinal silhouette is normal in size.",
              "Costophrenic angles are sharp bilaterally."),
    "head": ("Gray-white matter differentiation is preserved.", "There is no extra-axial collection.",
             "Mild periventricular white matter hypodensity, likely chronic small vessel change."),
    "abdomen": ("Hepatic parenchyma enhances homogeneously.", "The appendix is visualized and normal in caliber.",
                "A simple cyst is noted in the left kidney, measuring 1.4 cm."),
    "lumbar": ("Alignment of the lumbar vertebrae is maintained.", "Facet arthropathy is seen at the lower two levels.",
               "There is no high-grade canal stenosis."),
    "knee": ("Tricompartmental joint space loss, most marked medially.", "Soft tissues appear normal.",
             "Osseous mineralization is preserved."),
    "breast": ("Scattered areas of fibroglandular density are present.", "Skin and nipple contours are normal.",
               "No new focal asymmetry compared with the previous year."),
    "bone_density": ("The lowest T-score, -2.6, is at the left femoral neck.", "The L1-L4 spine BMD is 0.912 g/cm2.",
                     "Ten-year fracture risk (FRAX) is elevated."),
    "renal": ("Both kidneys are normal in size and echotexture.", "Collecting systems are not dilated.",
              "Post-void residual volume is 35 mL."),
}
_CONCLUSIONS = {
    "chest": "Normal chest radiograph.", "head": "Chronic microvascular change; nothing acute.",
    "abdomen": "Incidental simple renal cyst; otherwise negative study.", "lumbar": "Lumbar spondylosis without significant stenosis.",
    "knee": "Advanced degenerative arthritis of the knee.", "breast": "Benign findings (BI-RADS 2). Next screening in one year.",
    "bone_density": "Findings meet WHO criteria for osteoporosis.", "renal": "Unremarkable renal and bladder sonogram.",
}


def imaging_consultation(c: Ctx) -> list[str]:
    """Imaging report with Study / Indication / Method / Findings / Impression headings in mixed case."""
    region = c.rng.choice(clinical.IMAGING_EXAMS)
    lines = _top(c, c.pick("Diagnostic Imaging Consultation", "Radiologist's Report")) + patient_block(c, c.pick("inline", "piped"))
    lines += ["", f"Study: {clinical.EXAM_NAMES[region][1]}", f"Performed: {c.d(c.service_date)}", f"Requested by: {c.doctor}",
              f"Indication: {c.rng.choice(clinical.DIAGNOSES)[0].lower()}", "Method: images acquired per site routine.",
              "Prior studies: " + c.pick("none on file", "outside films unavailable for review"), "", "Findings"]
    lines += [ln for s in c.some(_OBSERVATIONS[region], 2, 3) for ln in wrap("- " + s)]
    lines += ["", c.pick("Impression", "Conclusion")] + wrap(_CONCLUSIONS[region])
    return lines + _attest(c, fields.clinician(c.rng))


def imaging_letter(c: Ctx) -> list[str]:
    """A radiologist's letter reporting a result to the referring doctor."""
    region = c.rng.choice(clinical.IMAGING_EXAMS)
    lines = _top(c, "Imaging Result Letter") + [c.d(c.report_date), "", _dear(c), ""]
    lines += patient_block(c, "inline", ("RE:", "Re:", "Patient:"))
    lines += [""] + wrap(f"Your patient attended our department on {c.d(c.service_date)} for "
                         f"{clinical.EXAM_NAMES[region][1].lower()}. The examination showed the following.")
    lines += [""] + [ln for s in c.some(_OBSERVATIONS[region], 1, 2) for ln in wrap(s)]
    lines += ["", "Summary:"] + wrap(_CONCLUSIONS[region]) + ["", "Yours sincerely,", fields.clinician(c.rng), "Consultant Radiologist"]
    return lines


# ---- referral / consult ------------------------------------------------------------------------------

def referral_letter(c: Ctx) -> list[str]:
    """A letter from one doctor asking another to see a patient."""
    dx, icd = c.rng.choice(clinical.DIAGNOSES)
    lines = _top(c, "Letter of Referral") + [c.d(c.report_date), "", _dear(c), ""]
    lines += patient_block(c, c.pick("inline", "stacked"), ("RE:", "Re:"))
    lines += [""] + wrap(f"I would be grateful if you could see this patient, who has {dx.lower()} ({icd}) that "
                         f"has not settled despite {clinical.drug_line(c.rng)[0]}. I would value your advice on "
                         "further investigation and management.")
    lines += [""] + wrap("Recent notes and results are enclosed. Do not hesitate to contact me if anything further "
                         "would help.")
    return lines + ["", "With thanks and best wishes,", c.doctor]


def referral_slip(c: Ctx) -> list[str]:
    """A specialist appointment request slip."""
    lines = _top(c, "Request for Specialist Appointment") + patient_block(c, "piped")
    lines += ["", f"Referred to service: {c.rng.choice(clinical.SPECIALTIES)}", f"Requested clinician: {c.other_doctor}",
              f"Priority: {c.pick('Standard', 'Expedite', 'Two-week wait')}", f"Sent by: {c.doctor} on {c.d(c.report_date)}", "",
              "Question for the specialist:"]
    lines += wrap(f"Is further work-up indicated for {c.rng.choice(clinical.DIAGNOSES)[0].lower()}?")
    lines += ["", "Relevant history: " + "; ".join(d for d, _ in c.some(clinical.DIAGNOSES, 1, 3))]
    return lines + ["", "Kindly schedule directly with the patient and notify the sending office."]


def consult_letter(c: Ctx) -> list[str]:
    """A consultant's letter back to the requesting doctor."""
    dx, icd = c.rng.choice(clinical.DIAGNOSES)
    lines = _top(c, c.pick("Clinic Letter", "Specialist Clinic Correspondence")) + [c.d(c.report_date), "", _dear(c), ""]
    lines += patient_block(c, "inline", ("RE:", "Re:", "Patient:"))
    lines += [""] + wrap(f"Thank you for asking me to see this patient in my clinic on {c.d(c.service_date)}. "
                         f"On review, the history is typical of {dx.lower()}.")
    lines += [""] + wrap(f"On examination the pulse was {c.rng.randint(56, 102)} and regular, and blood pressure "
                         f"{c.rng.randint(104, 166)}/{c.rng.randint(62, 96)}.")
    lines += ["", f"My impression: {dx} ({icd})."] + wrap(
        "I suggest " + c.pick("a trial of a higher dose", "a short course of therapy", "further imaging")
        + " and I will see the patient again in the specialist clinic.")
    return lines + ["", "Kind regards,", c.doctor]


def specialist_assessment(c: Ctx) -> list[str]:
    """Structured specialist assessment with opinion and suggested management."""
    dx, icd = c.rng.choice(clinical.DIAGNOSES)
    lines = _top(c, "Specialist Assessment") + patient_block(c, c.pick("piped", "stacked"))
    lines += ["", f"Seen on {c.d(c.service_date)} at the request of {c.other_doctor}", "",
              "Presenting problem"] + wrap(f"{dx}, {c.rng.randint(1, 12)} months' duration.")
    lines += ["", "Background"] + ["- " + d for d, _ in c.some(clinical.DIAGNOSES, 1, 3)]
    lines += ["", "Examination findings"] + wrap("Comfortable at rest. No focal deficit identified.")
    lines += ["", "Opinion"] + wrap(f"Presentation consistent with {dx.lower()} (ICD-10 {icd}).")
    lines += ["", "Suggested management"] + ["- " + s for s in c.some((
        "Titrate medication over the next month.", "Repeat bloods in six weeks.", "Refer back if symptoms progress."), 2, 3)]
    return lines + _attest(c, c.doctor)


# ---- discharge ---------------------------------------------------------------------------------------

def discharge_record(c: Ctx) -> list[str]:
    """Hospital discharge record: dates, principal problem, summary of stay, medications, instructions."""
    dx, icd = c.rng.choice(clinical.DIAGNOSES)
    lines = _top(c, c.pick("Hospital Discharge Record", "Inpatient Discharge Letter")) + patient_block(c, "piped")
    lines += ["", f"Date admitted: {c.d(c.service_date - timedelta(days=c.rng.randint(1, 8)))} | "
                  f"Date released: {c.d(c.service_date)}", f"Treating team lead: {c.doctor}", "",
              f"Principal problem: {dx} [{icd}]", "", "Summary of stay"]
    lines += wrap(f"Came in through the emergency department with {dx.lower()}. Responded well to treatment on "
                  "the ward; no complications. Mobilising independently and eating normally before going home.")
    lines += ["", "Medications at discharge"]
    for _ in range(c.rng.randint(2, 5)):
        drug, sig, _q = clinical.drug_line(c.rng)
        lines.append(f"- {drug}: {sig}")
    lines += ["", "Instructions to patient"] + wrap(
        "Seek urgent care for chest pain, fever or worsening breathlessness. Book a review with your family doctor this week.")
    return lines + _attest(c, c.doctor)


def transition_of_care(c: Ctx) -> list[str]:
    """Transition-of-care summary sent to the family doctor after a hospital stay."""
    dx, icd = c.rng.choice(clinical.DIAGNOSES)
    start = c.service_date - timedelta(days=c.rng.randint(2, 10))
    lines = _top(c, "Transition of Care Summary") + patient_block(c, c.pick("inline", "stacked"))
    lines += ["", f"Hospitalization: {c.d(start)} through {c.d(c.service_date)}", f"Hospitalist: {c.doctor}", "",
              "Reason for hospitalization:"] + wrap(f"{dx} ({icd})")
    lines += ["", "Key events:"] + ["- " + s for s in c.some((
        "Telemetry monitoring without arrhythmia.", "IV antibiotics changed to oral on day 3.",
        "Echocardiogram completed.", "Seen by physical therapy; safe for home."), 2, 4)]
    lines += ["", "Pending results at discharge: " + c.pick("blood cultures", "none", "pathology")]
    return lines + ["", f"Follow-up appointments: family physician within {c.rng.randint(5, 10)} days"]


# ---- prescriptions / authorizations / insurance ------------------------------------------------------

def refill_authorization(c: Ctx) -> list[str]:
    """A pharmacy's refill authorization request with response options."""
    drug, sig, qty = clinical.drug_line(c.rng)
    lines = _top(c, "Refill Authorization Request") + patient_block(c, c.pick("piped", "inline"))
    lines += ["", f"Medication requested: {drug}", f"Directions: {sig}",
              f"Last fill: {c.d(c.service_date - timedelta(days=int(qty)))}   Days supply: {qty}",
              f"Prescribing clinician on file: {c.doctor}", "", "Please indicate:",
              "  ( ) OK to refill x ____     ( ) Needs appointment first     ( ) Do not refill", "",
              "Authorized by: ____________________"]
    return lines


def renewal_notice(c: Ctx) -> list[str]:
    """A mail-order pharmacy asking the prescriber for a new prescription."""
    drug, sig, qty = clinical.drug_line(c.rng)
    lines = _top(c, "New Prescription Needed") + [_dear(c), ""] + patient_block(c, "inline")
    lines += [""] + wrap(f"Our mutual patient has no remaining refills for {drug} ({sig}). To avoid a gap in "
                         f"therapy, please send a new {qty}-day prescription by e-prescribing or sign below.")
    return lines + ["", "Approved quantity: ______   Refills: ______", "Prescriber: ____________________",
                    f"Pharmacist contact: {fields.format_phone(c.sender.phone, c.rng)}"]


def precert_notice(c: Ctx) -> list[str]:
    """Health plan pre-certification decision for a service."""
    service, code = c.rng.choice(clinical.SERVICES)
    ok = c.chance(0.6)
    lines = _top(c, "Pre-Certification Decision Notice") + patient_block(c, "piped", ("Member:", "Enrollee:", "Patient:"))
    lines += ["", f"Reference number: UM-{c.rng.randint(10**6, 10**7 - 1)}", f"Procedure: {service} / code {code}",
              f"Requesting clinician: {c.doctor}", ""]
    if ok:
        lines += wrap(f"Your request has been reviewed and the outcome is: CERTIFIED. Services must be rendered "
                      f"between {c.d(c.report_date)} and {c.d(c.report_date + timedelta(days=60))}.")
    else:
        lines += wrap("Your request has been reviewed and the outcome is: NOT CERTIFIED. Clinical documentation "
                      "did not establish necessity. A peer-to-peer discussion may be requested.")
    return lines


def coverage_determination(c: Ctx) -> list[str]:
    """Pharmacy coverage determination request the prescriber must complete."""
    lines = _top(c, "Coverage Determination Request - Pharmacy Benefit") + patient_block(c, "stacked", ("Member:", "Enrollee:"))
    lines += ["", f"Drug name and strength: {c.rng.choice(clinical.BRAND_DRUGS)}",
              f"Prescriber: {c.doctor}", "", "1. Has the patient tried formulary alternatives?  Yes / No",
              "2. List alternatives and outcome: ______________________________",
              "3. Is the drug being used for an FDA-approved indication?  Yes / No", "",
              "Prescriber attestation: the information above is accurate.", "Signature: _______________  Date: ________"]
    return lines + [f"Return to utilization management at {fields.format_phone(c.sender.fax, c.rng)}"]


def claim_status(c: Ctx) -> list[str]:
    """Claim processing / remittance notice from a health plan."""
    charge = c.rng.randint(90, 3000)
    covered = round(charge * c.rng.uniform(0.3, 0.75), 2)
    lines = _top(c, c.pick("Claim Status Notice", "Remittance Summary")) + patient_block(c, "piped", ("Member:", "Subscriber:"))
    lines += ["", f"Claim ID: C{c.rng.randint(10**9, 10**10 - 1)}   Received: {c.d(c.report_date)}",
              f"Rendering provider: {c.other_doctor}", f"Service date: {c.d(c.service_date)}", "",
              f"Charge: ${charge:.2f} | Covered: ${covered:.2f} | Member share: ${covered * 0.2:.2f}", ""]
    return lines + wrap("We processed the claim described above under the member's current benefit plan. "
                        "Remark code N130: consult plan benefit documents.")


def coverage_letter(c: Ctx) -> list[str]:
    """A plan letter confirming (or ending) a member's enrolment."""
    lines = _top(c, "Member Coverage Confirmation") + [c.d(c.report_date), ""] + patient_block(c, "inline", ("Member:", "RE:"))
    lines += [""] + wrap(f"This letter confirms that the member named above is enrolled in {c.sender.name} "
                         f"with benefits effective {c.d(c.service_date - timedelta(days=c.rng.randint(30, 700)))}. "
                         "Primary care copayment and specialist cost sharing are listed in the member handbook.")
    return lines + ["", f"Subscriber ID: {c.rng.choice('XYZW')}{c.rng.randint(10**8, 10**9 - 1)}", "Enrollment Services"]


# ---- records request / progress note / other ---------------------------------------------------------

def medical_evidence_request(c: Ctx) -> list[str]:
    """A disability agency's or insurer's request for medical evidence."""
    lines = _top(c, "Request for Medical Evidence") + [f"Issued: {c.d(c.report_date)}", ""]
    lines += patient_block(c, c.pick("stacked", "piped"), ("Claimant:", "RE:", "Re:", "Name:"))
    lines += [""] + wrap("The individual named above has filed a claim and identified your facility as a source of "
                         "treatment. Kindly furnish legible copies of the items checked:")
    lines += ["  [x] " + s for s in c.some(("Treatment notes", "Test results", "Hospital summaries",
                                             "Medication history", "Functional assessments"), 2, 4)]
    lines += [""] + wrap(f"Period: {c.d(c.service_date - timedelta(days=365))} onward. A signed consent form is attached.")
    return lines + ["", f"Claims examiner: {fields.clinician(c.rng, with_title=False).split(',')[0]}"]


def continuity_request(c: Ctx) -> list[str]:
    """A new practice asking for a transferring patient's chart."""
    lines = _top(c, "Transfer of Care - Chart Copy Request") + [c.d(c.report_date), ""]
    lines += patient_block(c, "inline", ("RE:", "Patient:"))
    lines += [""] + wrap("Our practice has assumed this patient's care. Kindly forward a copy of the chart, "
                         "including immunization history, problem list and the most recent two years of visits.")
    return lines + ["", "Patient consent on file with our office.", c.doctor]


def follow_up_visit(c: Ctx) -> list[str]:
    """Follow-up visit summary: interval history, vital signs, exam, impression and plan."""
    dx, icd = c.rng.choice(clinical.DIAGNOSES)
    lines = _top(c, c.pick("Follow-up Visit Summary", "Return Visit")) + patient_block(c, c.pick("inline", "piped"))
    lines += ["", f"Encounter: {c.d(c.service_date)} with {c.doctor}", "", f"Reason for visit: recheck {dx.lower()}", "",
              "Interval history:"] + wrap(c.pick("Doing well since the last appointment.", "Mild side effects reported.",
                                                 "Missed several doses this month."))
    lines += ["", f"Vital signs: {c.rng.randint(100, 168)}/{c.rng.randint(60, 99)} mmHg, pulse {c.rng.randint(52, 104)}, "
                  f"weight {c.rng.randint(45, 130)} kg", "", "Exam: no acute findings.", "",
              "Impression and plan:"] + wrap(f"{dx} [{icd}] - " + c.pick("stable; same regimen.", "adjust dose.", "add second agent."))
    return lines + _attest(c, c.doctor)


def telehealth_encounter(c: Ctx) -> list[str]:
    """A telehealth encounter note."""
    dx, icd = c.rng.choice(clinical.DIAGNOSES)
    lines = _top(c, "Telehealth Encounter") + patient_block(c, "stacked")
    lines += ["", f"Visit type: {c.pick('video', 'audio only')}   Date: {c.d(c.service_date)}   Clinician: {c.doctor}",
              "Patient location: home; identity confirmed verbally.", "", "History:"]
    lines += wrap(f"Remote check-in regarding {dx.lower()}; symptoms {c.pick('steady', 'better', 'slightly worse')}.")
    lines += ["", "Observations: speaking full sentences, no visible distress.", "", "Plan:",
              f"- {dx} ({icd}): " + c.pick("continue therapy", "order labs", "in-person visit next"),
              f"- Next contact in {c.rng.randint(2, 16)} weeks", "", f"Total time: {c.rng.randint(10, 40)} minutes"]
    return lines


def _patient_admin(c: Ctx) -> list[str]:
    lines = _top(c, c.pick("Change of Address Notification", "Missed Appointment Notice")) + patient_block(c, "piped")
    return lines + [""] + wrap("Administrative notice only; file with the patient's demographic information.")


def recall_notice(c: Ctx) -> list[str]:
    """A supplier's product recall notice (or an administrative patient notice when there is a patient)."""
    if c.patient is not None:
        return _patient_admin(c)
    lines = _top(c, c.pick("Product Recall Notice", "Urgent Field Safety Notice"))
    lines += wrap(f"Lot {c.rng.randint(1000, 9999)}-{c.rng.choice('ABCD')} of disposable blood pressure cuffs is "
                  "being withdrawn. Check your stock and return affected units for credit.")
    return lines + ["", f"Customer service: {fields.format_phone(c.sender.phone, c.rng)}"]


def society_invitation(c: Ctx) -> list[str]:
    """An invitation to an education event or a billing newsletter (administrative notice with a patient)."""
    if c.patient is not None:
        return _patient_admin(c)
    lines = _top(c, c.pick("Annual Education Symposium", "Coding Update Newsletter"))
    lines += wrap(f"Join colleagues on {c.d(c.report_date + timedelta(days=45))} for a half-day program with "
                  "6 continuing education credits. Register by fax or online.")
    return lines + ["", "Reply form: Name ____________  Practice ____________  Attendees ___"]


TEMPLATES = {
    DocType.lab_result: (pathology_results, lab_summary_table),
    DocType.imaging_report: (imaging_consultation, imaging_letter),
    DocType.referral: (referral_letter, referral_slip),
    DocType.consult_note: (consult_letter, specialist_assessment),
    DocType.discharge_summary: (discharge_record, transition_of_care),
    DocType.prescription_request: (refill_authorization, renewal_notice),
    DocType.prior_authorization: (precert_notice, coverage_determination),
    DocType.insurance: (claim_status, coverage_letter),
    DocType.records_request: (medical_evidence_request, continuity_request),
    DocType.progress_note: (follow_up_visit, telehealth_encounter),
    DocType.other: (recall_notice, society_invitation),
}
