"""The "train" template family: senders, fax headers, cover sheet and document bodies.

Nothing here may be reused word for word by `bodies_holdout` (a classifier trained on these templates is
evaluated on those).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from pipeline.records import DocType
from pipeline.synth import clinical, fields
from pipeline.synth.context import Ctx, letterhead, patient_block
from pipeline.synth.fields import wrap

_LABS = ("Lakeshore Diagnostic Laboratory", "Summit Pathology Associates", "Prairie Clinical Labs",
         "Great Lakes Reference Laboratory")
_IMAGING = ("Northgate Imaging Center", "Valley Radiology Group", "Riverside Open MRI", "St. Brendan Radiology")
_HOSPITALS = ("St. Brendan Regional Medical Center", "Mercy Lakes Hospital", "Fairhaven General Hospital")
_CLINICS = ("Oakwood Internal Medicine", "Heartland Cardiology Associates", "Cedar Creek Orthopedics",
            "Lakeside Gastroenterology", "Prairie Neurology Clinic")
_PHARMACIES = ("CareRite Pharmacy #2214", "Main Street Drug", "ValuMed Pharmacy #0387", "Hometown Apothecary")
_PAYERS = ("Keystone Health Plan", "Midland Mutual Insurance", "Evergreen Medicare Advantage", "Unity Care HMO")
_REQUESTERS = ("Barrett & Hale, Attorneys at Law", "Disability Determination Services", "Corbin Claims Review LLC",
               "Fairhaven General Hospital HIM Dept")
_VENDORS = ("MedSupply Direct", "ProScan Equipment Leasing", "ClinicStaff Temps", "Apex Continuing Education")

SENDERS: dict[DocType, tuple[str, ...]] = {
    DocType.lab_result: _LABS, DocType.imaging_report: _IMAGING, DocType.referral: _CLINICS,
    DocType.consult_note: _CLINICS, DocType.discharge_summary: _HOSPITALS,
    DocType.prescription_request: _PHARMACIES, DocType.prior_authorization: _PAYERS,
    DocType.insurance: _PAYERS, DocType.records_request: _REQUESTERS, DocType.progress_note: _CLINICS,
    DocType.other: _VENDORS,
}
RECIPIENTS = ("Riverbend Family Medicine", "Maple Grove Primary Care", "Elm Street Medical Group")


def fax_header(c: Ctx, sender_id: str, sent: datetime, page: int, total: int) -> str:
    """The line a fax machine prints across the top of every page."""
    fax = fields.format_phone(c.sender.fax, c.rng)
    if c.rng.random() < 0.5:
        return f"FROM: {sender_id}   FAX {fax}   {sent:%m/%d/%Y %H:%M}   P.{page:03d}"
    digits = "".join(ch for ch in c.sender.fax if ch.isdigit())
    return f"{sent:%b-%d-%Y %I:%M%p}  FROM-{sender_id}  +1{digits}  T-{c.rng.randint(100, 999)} P.{page:03d}/{total:03d}"


def continuation(c: Ctx, page: int) -> list[str]:
    """Top of a follow-on page: who the document is about, again."""
    if c.patient is None:
        return [f"Page {page} (continued)", ""]
    who = f"{c.name}   DOB: {c.dob}" if c.dob else c.name
    return [fields.two_col(who, f"Page {page} (continued)"), ""]


def cover_sheet(c: Ctx, total: int) -> list[str]:
    """A fax cover sheet page; it names the sender and recipient, not the document type."""
    subject = c.pick("Patient information", "Please see attached", "Documents as requested", "For your review")
    if c.patient is not None and c.chance(0.3):
        subject = c.name
    lines = letterhead(c.sender, "center", c.rng) + ["", "FAX COVER SHEET".center(fields.LINE_WIDTH).rstrip(), ""]
    lines += [f"DATE: {c.d(c.report_date)}", "",
              fields.two_col(f"TO: {c.recipient.name}", f"FAX: {fields.format_phone(c.recipient.fax, c.rng)}"),
              "ATTN: " + c.pick("Medical Records", "Dr. " + c.other_doctor.split(",")[0].split()[-1], "Nurse Line"),
              fields.two_col(f"FROM: {c.sender.name}", f"PHONE: {fields.format_phone(c.sender.phone, c.rng)}"),
              f"PAGES (including cover): {total}", f"RE: {subject}", "",
              "[ ] Urgent   [x] For Review   [ ] Please Comment   [ ] Please Reply", "", ""]
    lines += wrap("CONFIDENTIALITY NOTICE: The documents accompanying this facsimile transmission contain "
                  "confidential health information that is legally privileged. This information is intended "
                  "only for the use of the recipient named above. If you have received this fax in error, "
                  "please notify the sender immediately by telephone and destroy the documents.")
    return lines


def _title(c: Ctx, text: str, style: str = "center") -> list[str]:
    head = letterhead(c.sender, style, c.rng)
    return head + ["", text.center(fields.LINE_WIDTH).rstrip() if style == "center" else text, ""]


def _signed(c: Ctx, who: str) -> list[str]:
    return ["", f"Electronically signed by: {who}", f"Signed on: {c.d(c.report_date)} {c.rng.randint(7, 19):02d}:{c.rng.randint(0, 59):02d}"]


# ---- lab results -------------------------------------------------------------------------------------

def _lab_rows(c: Ctx, panels: list[str]) -> list[str]:
    rows = ["TEST".ljust(26) + "RESULT".ljust(10) + "FLAG".ljust(6) + "UNITS".ljust(12) + "REFERENCE RANGE",
            "-" * 72]
    for panel in panels:
        rows.append(panel.upper())
        for code, _name, unit, low, high, dec in clinical.LAB_PANELS[panel]:
            value, flag = clinical.lab_value(c.rng, low, high, dec)
            rows.append(f"  {code}".ljust(26) + value.ljust(10) + flag.ljust(6) + unit.ljust(12) + f"{low:.{dec}f}-{high:.{dec}f}")
    return rows


def lab_report(c: Ctx) -> list[str]:
    """Reference-lab final report with a fixed-width results table."""
    panels = c.some(list(clinical.LAB_PANELS), 1, 3)
    lines = _title(c, c.pick("LABORATORY REPORT - FINAL", "FINAL LAB REPORT", "CLINICAL LABORATORY REPORT"))
    lines += patient_block(c, c.pick("paired", "stacked"))
    lines += ["", fields.two_col(f"Ordering Physician: {c.doctor}", ""),
              fields.two_col(f"Collected: {c.d(c.service_date)} {c.rng.randint(6, 11):02d}:{c.rng.randint(0, 59):02d}",
                             f"Reported: {c.d(c.report_date)}"),
              f"Specimen: {c.pick('Blood, venous', 'Serum', 'Whole blood EDTA', 'Urine, clean catch')}"
              f"   Fasting: {c.pick('Yes', 'No', 'Unknown')}", ""]
    lines += _lab_rows(c, panels)
    lines += ["-" * 72, "Results flagged H or L are outside the laboratory reference interval."]
    if c.chance(0.4):
        lines += ["Critical values were called to the ordering office and read back."]
    lines += [f"Performed at {c.sender.name}, CLIA #{c.rng.randint(10, 52)}D{c.rng.randint(10**6, 10**7 - 1)}",
              f"Laboratory Director: {fields.clinician(c.rng)}", "", "*** END OF REPORT ***"]
    return lines


def lab_cumulative(c: Ctx) -> list[str]:
    """Hospital lab result notification, one component per line."""
    lines = _title(c, "RESULTS NOTIFICATION", "left") + patient_block(c)
    lines += ["", f"Ordered by: {c.doctor}", f"Collection date: {c.d(c.service_date)}",
              "Lab status: Final result", ""]
    for panel in c.some(list(clinical.LAB_PANELS), 1, 2):
        lines += [f"{panel}", "Component".ljust(30) + "Value".ljust(10) + "Ref Range".ljust(18) + "Units"]
        for _code, name, unit, low, high, dec in clinical.LAB_PANELS[panel]:
            value, flag = clinical.lab_value(c.rng, low, high, dec)
            mark = f" ({flag})" if flag else ""
            lines.append(name[:29].ljust(30) + (value + mark).ljust(10) + f"{low:.{dec}f} - {high:.{dec}f}".ljust(18) + unit)
        lines.append("")
    lines += wrap("Comment: Specimen received in good condition. Reference ranges are age and sex specific.")
    return lines


# ---- imaging -----------------------------------------------------------------------------------------

_FINDINGS = {
    "chest": ("The lungs are clear without focal consolidation, effusion or pneumothorax.",
              "Heart size is within normal limits. Mediastinal contours are unremarkable.",
              "Mild degenerative changes of the thoracic spine."),
    "head": ("No acute intracranial hemorrhage, mass effect or midline shift.",
             "Ventricles and sulci are appropriate for age.", "The visualized paranasal sinuses are clear."),
    "abdomen": ("The liver, spleen, pancreas and adrenal glands are unremarkable.",
                "No bowel obstruction or free intraperitoneal air.", "Scattered colonic diverticulosis without inflammation."),
    "lumbar": ("Disc desiccation at L4-L5 with a small broad-based disc bulge.",
               "Mild bilateral neural foraminal narrowing at L5-S1.", "Conus medullaris terminates normally at L1."),
    "knee": ("Moderate narrowing of the medial joint compartment with marginal osteophytes.",
             "Small suprapatellar joint effusion.", "No acute fracture or dislocation."),
    "breast": ("The breasts are heterogeneously dense, which may obscure small masses.",
               "No suspicious masses, calcifications or architectural distortion.", "Stable benign-appearing lymph node."),
    "bone_density": ("Lumbar spine L1-L4 T-score is -1.8.", "Left femoral neck T-score is -2.1.",
                     "Total hip T-score is -1.4."),
    "renal": ("Right kidney measures 10.8 cm, left kidney 11.2 cm.", "No hydronephrosis or renal calculi.",
              "The bladder is normally distended and unremarkable."),
}
_IMPRESSIONS = {
    "chest": "No acute cardiopulmonary process.", "head": "No acute intracranial abnormality.",
    "abdomen": "No acute abdominal or pelvic process.", "lumbar": "Multilevel degenerative disc disease, worst at L4-L5.",
    "knee": "Moderate medial compartment osteoarthritis.", "breast": "BI-RADS 1: Negative. Routine annual screening.",
    "bone_density": "Osteopenia. Recommend follow-up DXA in 2 years.", "renal": "Normal renal ultrasound.",
}


def radiology_report(c: Ctx) -> list[str]:
    """Radiology report with EXAM / HISTORY / TECHNIQUE / FINDINGS / IMPRESSION sections."""
    region = c.rng.choice(clinical.IMAGING_EXAMS)
    lines = _title(c, c.pick("RADIOLOGY REPORT", "IMAGING REPORT")) + patient_block(c, "paired")
    lines += ["", f"EXAM: {clinical.EXAM_NAMES[region][0]}", f"DATE OF EXAM: {c.d(c.service_date)}",
              f"ORDERING PHYSICIAN: {c.doctor}", ""]
    lines += ["CLINICAL HISTORY:"] + wrap(c.rng.choice(clinical.DIAGNOSES)[0] + ".", "  ")
    lines += ["", "TECHNIQUE:"] + wrap("Standard departmental protocol was followed.", "  ")
    lines += ["", "COMPARISON: " + c.pick("None available.", f"Prior study dated {c.d(c.service_date - timedelta(days=400))}."), ""]
    lines += ["FINDINGS:"] + [ln for s in c.some(_FINDINGS[region], 2, 3) for ln in wrap(s, "  ")]
    lines += ["", "IMPRESSION:"] + wrap("1. " + _IMPRESSIONS[region], "  ")
    return lines + _signed(c, fields.clinician(c.rng))


def imaging_brief(c: Ctx) -> list[str]:
    """Short outpatient imaging result with reason for exam and dictation details."""
    region = c.rng.choice(clinical.IMAGING_EXAMS)
    lines = _title(c, "DIAGNOSTIC IMAGING REPORT", "left") + patient_block(c, "stacked")
    lines += [f"Referring: {c.doctor}", "", f"Procedure: {clinical.EXAM_NAMES[region][0]}",
              f"Reason for exam: {c.rng.choice(clinical.DIAGNOSES)[0]}", f"Date of service: {c.d(c.service_date)}", ""]
    lines += ["FINDINGS:"] + [ln for s in c.some(_FINDINGS[region], 1, 3) for ln in wrap(s)]
    lines += ["", "IMPRESSION:"] + wrap(_IMPRESSIONS[region])
    return lines + ["", f"Dictated by: {fields.clinician(c.rng)}", f"Transcribed: {c.d(c.report_date)}"]


# ---- referral / consult ------------------------------------------------------------------------------

def referral_form(c: Ctx) -> list[str]:
    """Referral form from a primary care office to a specialist."""
    dx, icd = c.rng.choice(clinical.DIAGNOSES)
    lines = _title(c, c.pick("REFERRAL FORM", "REFERRAL REQUEST", "SPECIALTY REFERRAL")) + patient_block(c)
    lines += ["", f"Referral date: {c.d(c.report_date)}", f"Referring Provider: {c.doctor}",
              f"Refer to: {c.rng.choice(clinical.SPECIALTIES)} - {c.other_doctor}",
              f"Urgency: {c.pick('Routine', 'Urgent', 'Routine - within 4 weeks')}", "",
              f"Diagnosis: {dx} ({icd})", "Reason for referral:"]
    lines += wrap(c.pick("Please evaluate and treat.", "Evaluate for further management; symptoms not controlled on current therapy.",
                         "Second opinion requested by patient."), "  ")
    lines += ["", "Insurance: " + c.pick("Keystone Health Plan", "Medicare Part B", "Self-pay", "Unity Care HMO"),
              "Pertinent records attached: " + c.pick("office notes, labs", "imaging, office notes", "none")]
    return lines + ["", "Please call our office to confirm the appointment date.", f"Referral coordinator phone: {fields.format_phone(c.sender.phone, c.rng)}"]


def referral_order(c: Ctx) -> list[str]:
    """Outpatient referral order with check boxes."""
    lines = _title(c, "OUTPATIENT REFERRAL ORDER", "left") + patient_block(c, "paired")
    boxes = ["[x] " + s if i == 0 else "[ ] " + s for i, s in enumerate(c.some(("Consult only", "Consult and treat",
             "Evaluate for procedure", "Co-management"), 3, 4))]
    lines += ["", f"Specialty: {c.rng.choice(clinical.SPECIALTIES)}", f"Ordering provider: {c.doctor}",
              f"Order date: {c.d(c.report_date)}", "", "Type of referral:"] + ["  " + b for b in boxes]
    lines += ["", "Clinical question:"] + wrap(f"{c.rng.choice(clinical.DIAGNOSES)[0]} - please advise on treatment options.", "  ")
    return lines + ["", "Authorization number (if required): ________________"]


def consult_note(c: Ctx) -> list[str]:
    """Specialist consultation note with HPI, history, exam, assessment and plan."""
    dx, icd = c.rng.choice(clinical.DIAGNOSES)
    drug, sig, _ = clinical.drug_line(c.rng)
    lines = _title(c, c.pick("CONSULTATION NOTE", "CONSULTATION REPORT")) + patient_block(c)
    lines += ["", f"Date of consultation: {c.d(c.service_date)}", f"Requesting physician: {c.other_doctor}",
              f"Consultant: {c.doctor}", "", "REASON FOR CONSULTATION:"] + wrap(dx + ".", "  ")
    lines += ["", "HISTORY OF PRESENT ILLNESS:"] + wrap(
        f"The patient is a {c.age() or 'adult'}-year-old seen today at the request of the primary physician for "
        f"{dx.lower()}. Symptoms have been present for {c.rng.randint(2, 20)} weeks.", "  ")
    lines += ["", "PAST MEDICAL HISTORY:"] + ["  " + d for d, _ in c.some(clinical.DIAGNOSES, 1, 3)]
    lines += ["", "MEDICATIONS:", f"  {drug} - {sig}", "", "PHYSICAL EXAMINATION:",
              f"  BP {c.rng.randint(104, 168)}/{c.rng.randint(60, 98)}, HR {c.rng.randint(54, 104)}. Alert, no distress.",
              "", "ASSESSMENT AND PLAN:"] + wrap(f"{dx} ({icd}). Will obtain further testing and follow up in clinic.", "  ")
    return lines + ["", "Thank you for this consultation.", f"{c.doctor}"]


def consult_new_patient(c: Ctx) -> list[str]:
    """Shorter new-patient consultation in a specialty clinic's template."""
    dx, icd = c.rng.choice(clinical.DIAGNOSES)
    lines = _title(c, "NEW PATIENT CONSULTATION", "left") + patient_block(c, "stacked")
    lines += [f"Visit date: {c.d(c.service_date)}", f"Referred by: {c.other_doctor}", "",
              "CHIEF COMPLAINT:"] + wrap(c.pick("Shortness of breath.", "Abdominal pain.", "Palpitations.", "Joint pain."), "  ")
    lines += ["", "IMPRESSION:"] + wrap(f"{dx} ({icd}).", "  ")
    lines += ["", "RECOMMENDATIONS:", "  1. " + c.pick("Start low-dose therapy as discussed.", "Obtain imaging before next visit."),
              "  2. Return to consultant clinic in " + c.pick("4 weeks.", "3 months.", "6 weeks.")]
    return lines + _signed(c, c.doctor)


# ---- discharge ---------------------------------------------------------------------------------------

def discharge_summary(c: Ctx) -> list[str]:
    """Hospital discharge summary with admission/discharge dates and hospital course."""
    dx, icd = c.rng.choice(clinical.DIAGNOSES)
    admitted = c.service_date - timedelta(days=c.rng.randint(1, 9))
    lines = _title(c, "DISCHARGE SUMMARY") + patient_block(c, c.pick("paired", "stacked"))
    lines += ["", fields.two_col(f"Admission Date: {c.d(admitted)}", f"Discharge Date: {c.d(c.service_date)}"),
              f"Attending Physician: {c.doctor}", f"Primary Care Physician: {c.other_doctor}", "",
              "ADMITTING DIAGNOSIS:", f"  {dx}", "", "DISCHARGE DIAGNOSES:", f"  1. {dx} ({icd})"]
    lines += [f"  {i}. {d}" for i, (d, _) in enumerate(c.some(clinical.DIAGNOSES, 0, 2), start=2)]
    lines += ["", "HOSPITAL COURSE:"] + wrap(
        f"The patient was admitted for management of {dx.lower()}. Treatment was started on hospital day 1 "
        "and the patient improved steadily. Vital signs were stable for 24 hours before discharge.", "  ")
    lines += ["", "PROCEDURES:"] + ["  " + s for s in c.some((
        "Chest x-ray", "Transthoracic echocardiogram", "CT angiogram of the chest", "Upper endoscopy",
        "Central line placement", "Lumbar puncture"), 1, 3)]
    lines += ["", "CONSULTANTS:"] + [f"  {spec}: {fields.clinician(c.rng)}" for spec in c.some(clinical.SPECIALTIES, 0, 2)]
    lines += ["", "PERTINENT RESULTS AT DISCHARGE:"]
    for _code, name, unit, low, high, dec in c.some(clinical.LAB_PANELS["Comprehensive Metabolic Panel"], 2, 6):
        lines.append(f"  {name}: {clinical.lab_value(c.rng, low, high, dec)[0]} {unit}")
    lines += ["", "DISCHARGE MEDICATIONS:"]
    for _ in range(c.rng.randint(2, 7)):
        drug, sig, _q = clinical.drug_line(c.rng)
        lines.append(f"  {drug} - {sig}")
    lines += ["", f"CONDITION AT DISCHARGE: {c.pick('Stable', 'Good', 'Improved')}",
              f"DISPOSITION: {c.pick('Home', 'Home with home health', 'Skilled nursing facility')}", "",
              "FOLLOW-UP:"] + wrap(f"See primary care physician within {c.rng.randint(3, 14)} days.", "  ")
    lines += ["", "PATIENT INSTRUCTIONS:"] + wrap(c.pick(
        "Low sodium diet. Weigh yourself every morning and call if weight increases by more than 3 pounds.",
        "No driving while taking pain medication. Keep the incision clean and dry.",
        "Walk several times a day. Return to the emergency department for fever, chest pain or bleeding."), "  ")
    return lines + _signed(c, c.doctor)


def discharge_short(c: Ctx) -> list[str]:
    """Brief discharge summary with the sections in a different order."""
    dx, icd = c.rng.choice(clinical.DIAGNOSES)
    stay = c.rng.randint(1, 6)
    lines = _title(c, "DISCHARGE SUMMARY - INPATIENT", "left") + patient_block(c)
    lines += [f"Admitted: {c.d(c.service_date - timedelta(days=stay))}   Discharged: {c.d(c.service_date)}",
              f"Length of stay: {stay} days", "", f"Principal diagnosis: {dx} ({icd})", "", "Hospital course:"]
    lines += wrap("Uncomplicated stay. Pain controlled with oral medication. Tolerating diet and ambulating "
                  "independently at time of discharge.")
    lines += ["", "Discharge instructions: resume home medications unless listed as stopped below.",
              "Stopped: " + clinical.drug_line(c.rng)[0]]
    return lines + ["", f"Discharging physician: {c.doctor}"]


# ---- prescriptions / authorizations / insurance ------------------------------------------------------

def refill_request(c: Ctx) -> list[str]:
    """Pharmacy prescription renewal request to be faxed back."""
    drug, sig, qty = clinical.drug_line(c.rng)
    lines = _title(c, c.pick("PRESCRIPTION RENEWAL REQUEST", "REFILL REQUEST")) + patient_block(c, "stacked")
    lines += ["", f"Prescriber: {c.doctor}", f"Request date: {c.d(c.report_date)}", "",
              f"Drug: {drug}", f"Sig: {sig}", f"Qty: {qty}   Refills remaining: 0",
              f"Last filled: {c.d(c.service_date - timedelta(days=int(qty)))}", "",
              "Please approve or deny this request and fax back to the pharmacy.",
              "[ ] Approved   Refills: ____      [ ] Denied   Reason: ______________", "",
              "Prescriber signature: ______________________   Date: __________"]
    return lines + [f"Pharmacy phone: {fields.format_phone(c.sender.phone, c.rng)}"]


def erx_fallback(c: Ctx) -> list[str]:
    """Refill request generated by pharmacy software when e-prescribing failed."""
    drug, sig, qty = clinical.drug_line(c.rng)
    lines = _title(c, "ELECTRONIC REFILL REQUEST - FAX BACK", "left") + patient_block(c, "paired")
    lines += ["", f"Medication: {drug}   Quantity: {qty}", f"SIG: {sig}",
              f"Original Rx date: {c.d(c.service_date - timedelta(days=180))}", "",
              "Electronic transmission to the prescriber failed. Please respond by fax.", "",
              "PRESCRIBER RESPONSE:  APPROVE ___   DENY ___   NEW RX TO FOLLOW ___"]
    return lines


def prior_auth_request(c: Ctx) -> list[str]:
    """Payer's prior authorization request form sent to the prescriber."""
    dx, icd = c.rng.choice(clinical.DIAGNOSES)
    lines = _title(c, "PRIOR AUTHORIZATION REQUEST FORM") + patient_block(c, name_labels=("Member:", "Patient:", "Member Name:"))
    lines += [f"Member ID: {c.rng.choice('KMEU')}{c.rng.randint(10**8, 10**9 - 1)}", "",
              f"Prescriber: {c.doctor}", f"Medication requested: {c.rng.choice(clinical.BRAND_DRUGS)}",
              f"Diagnosis: {dx}  ICD-10: {icd}", "", "Previous therapies tried and failed:",
              f"  {clinical.drug_line(c.rng)[0]}", "", "Clinical justification:", "  " + "_" * 60, "  " + "_" * 60,
              "", "Please complete all sections. Incomplete requests will be returned.",
              f"Fax completed form to {fields.format_phone(c.sender.fax, c.rng)}"]
    return lines


def prior_auth_decision(c: Ctx) -> list[str]:
    """Payer's prior authorization determination for a procedure."""
    service, code = c.rng.choice(clinical.SERVICES)
    approved = c.chance(0.6)
    lines = _title(c, "PRIOR AUTHORIZATION DETERMINATION", "left") + patient_block(c, name_labels=("Member:", "RE:"))
    lines += ["", f"Authorization #: PA{c.rng.randint(10**7, 10**8 - 1)}", f"Requesting provider: {c.doctor}",
              f"Service: {service} (CPT {code})", f"Decision: {'APPROVED' if approved else 'DENIED'}",
              f"Decision date: {c.d(c.report_date)}", ""]
    if approved:
        lines += wrap(f"The requested service is authorized for one unit, valid through {c.d(c.report_date + timedelta(days=90))}.")
    else:
        lines += wrap("The request does not meet medical necessity criteria. You may submit an appeal within 60 days.")
    return lines


def eob(c: Ctx) -> list[str]:
    """Explanation of benefits with claim lines and patient responsibility."""
    lines = _title(c, "EXPLANATION OF BENEFITS") + ["THIS IS NOT A BILL", ""]
    lines += patient_block(c, name_labels=("Member:", "Patient:"))
    billed = c.rng.randint(80, 2400)
    allowed = round(billed * c.rng.uniform(0.35, 0.8), 2)
    paid = round(allowed * c.rng.choice((0.8, 0.9, 1.0)), 2)
    lines += ["", f"Claim number: {c.rng.randint(10**10, 10**11 - 1)}", f"Provider: {c.other_doctor}",
              f"Date of service: {c.d(c.service_date)}", "",
              "Amount billed".ljust(20) + "Allowed".ljust(14) + "Plan paid".ljust(14) + "You owe",
              f"${billed:.2f}".ljust(20) + f"${allowed:.2f}".ljust(14) + f"${paid:.2f}".ljust(14) + f"${allowed - paid:.2f}", ""]
    return lines + wrap("Questions about this statement? Call Member Services at the number on your ID card.")


def eligibility(c: Ctx) -> list[str]:
    """Eligibility and benefits verification response."""
    lines = _title(c, "ELIGIBILITY AND BENEFITS VERIFICATION", "left") + patient_block(c, "paired", ("Member:", "Patient Name:"))
    lines += ["", f"Coverage status: {c.pick('ACTIVE', 'ACTIVE', 'TERMINATED')}",
              f"Effective date: {c.d(c.service_date - timedelta(days=c.rng.randint(30, 900)))}",
              f"Group number: {c.rng.randint(10000, 99999)}", f"Plan: {c.sender.name} {c.pick('PPO', 'HMO', 'EPO')}",
              f"Copay (office visit): ${c.rng.choice((10, 20, 25, 40))}.00",
              f"Deductible remaining: ${c.rng.randint(0, 3000)}.00", "",
              "Verification is not a guarantee of payment."]
    return lines


# ---- records request / progress note / other ---------------------------------------------------------

def records_request(c: Ctx) -> list[str]:
    """Request for medical records from an attorney or agency, with authorization enclosed."""
    lines = _title(c, "REQUEST FOR MEDICAL RECORDS") + [f"Date: {c.d(c.report_date)}", "", "To: Custodian of Records",
                                                        c.recipient.name, ""]
    lines += patient_block(c, "stacked", ("RE:", "Re:", "Patient:"))
    lines += [""] + wrap("Please release copies of the following records for the above-named patient for dates of "
                         f"treatment from {c.d(c.service_date - timedelta(days=730))} to present:")
    lines += ["  " + s for s in c.some(("Office notes", "Laboratory results", "Radiology reports", "Billing records",
                                           "Medication list", "Correspondence"), 2, 5)]
    lines += [""] + wrap("A HIPAA-compliant authorization signed by the patient is enclosed. Please contact our "
                         "office regarding any copying fees.")
    return lines + ["", "Sincerely,", "", f"{c.other_doctor.split(',')[0].replace('Dr. ', '')}, Records Coordinator"]


def release_authorization(c: Ctx) -> list[str]:
    """Provider-to-provider request with a release of information authorization."""
    lines = _title(c, "AUTHORIZATION FOR RELEASE OF PROTECTED HEALTH INFORMATION", "left") + patient_block(c)
    lines += ["", f"I authorize {c.recipient.name} to release my health information to:",
              f"  {c.sender.name}, {c.sender.street}, {c.sender.city_line}", "",
              "Information to be released:  [x] Complete record  [ ] Last 2 years only", "",
              "Purpose: " + c.pick("Continuity of care", "Legal", "Insurance", "Personal use")]
    lines += wrap("This authorization expires one year from the date signed unless revoked in writing.")
    return lines + ["", "Patient signature: ______________________", f"Date signed: {c.d(c.report_date)}"]


def soap_note(c: Ctx) -> list[str]:
    """Progress note in SOAP format."""
    dx, icd = c.rng.choice(clinical.DIAGNOSES)
    lines = _title(c, c.pick("PROGRESS NOTE", "CLINIC PROGRESS NOTE")) + patient_block(c)
    lines += ["", f"Date of visit: {c.d(c.service_date)}", f"Provider: {c.doctor}", "", "SUBJECTIVE:"]
    lines += wrap(f"Follow-up of {dx.lower()}. Reports {c.pick('improvement', 'no change', 'some worsening')} since last visit.", "  ")
    lines += ["", "OBJECTIVE:", f"  BP {c.rng.randint(100, 170)}/{c.rng.randint(58, 100)}  P {c.rng.randint(52, 108)}  "
              f"Wt {c.rng.randint(95, 280)} lb  T 98.{c.rng.randint(0, 9)} F", "  Lungs clear. Heart regular rate and rhythm.",
              "", "ASSESSMENT:", f"  {dx} ({icd})", "", "PLAN:"]
    lines += ["  - " + s for s in c.some(("Continue current medications.", "Labs before next visit.",
                                          "Diet and exercise counseling given.", f"Return in {c.rng.randint(2, 12)} weeks."), 2, 4)]
    return lines + _signed(c, c.doctor)


def office_visit(c: Ctx) -> list[str]:
    """Office visit note with a vitals line and numbered problem list."""
    lines = _title(c, "OFFICE VISIT NOTE", "left") + patient_block(c, "paired")
    lines += ["", f"Visit date: {c.d(c.service_date)}   Seen by: {c.doctor}", "", "Chief complaint: " +
              c.pick("Medication follow-up", "Blood pressure check", "Cough for 2 weeks", "Diabetes follow-up"), "",
              f"Vitals: BP {c.rng.randint(100, 170)}/{c.rng.randint(58, 100)}, SpO2 {c.rng.randint(92, 100)}%", "",
              "Problem list addressed today:"]
    lines += [f"  {i}. {d} ({code})" for i, (d, code) in enumerate(c.some(clinical.DIAGNOSES, 1, 3), start=1)]
    return lines + ["", "Follow-up: " + c.pick("3 months", "6 weeks", "as needed")] + _signed(c, c.doctor)


def _patient_other(c: Ctx) -> list[str]:
    lines = _title(c, c.pick("PATIENT DEMOGRAPHIC UPDATE", "APPOINTMENT CONFIRMATION"), "left") + patient_block(c, "stacked")
    return lines + ["", f"Submitted: {c.d(c.report_date)}", ""] + wrap(
        "Please update your system with the information above. No clinical information is included.")


def vendor_flyer(c: Ctx) -> list[str]:
    """A marketing fax (or a patient-related administrative form when there is a patient)."""
    if c.patient is not None:
        return _patient_other(c)
    lines = _title(c, c.pick("SPECIAL OFFER FOR MEDICAL OFFICES", "LIMITED TIME PRICING"))
    lines += wrap(f"Save {c.rng.randint(10, 40)}% on exam gloves, table paper and sharps containers when you order "
                  f"before {c.d(c.report_date + timedelta(days=30))}.")
    return lines + ["", f"Call {fields.format_phone(c.sender.phone, c.rng)} to order.", "",
                    "To be removed from our fax list, call the number above."]


def office_notice(c: Ctx) -> list[str]:
    """An administrative notice that is about no patient."""
    if c.patient is not None:
        return _patient_other(c)
    lines = _title(c, c.pick("NOTICE OF OFFICE RELOCATION", "HOLIDAY SCHEDULE NOTICE", "STAFF MEETING AGENDA"), "left")
    lines += wrap(f"Effective {c.d(c.report_date + timedelta(days=14))} our office hours and contact details will "
                  "change. Please update your records accordingly.")
    return lines + ["", f"Questions: {fields.format_phone(c.sender.phone, c.rng)}"]


TEMPLATES = {
    DocType.lab_result: (lab_report, lab_cumulative),
    DocType.imaging_report: (radiology_report, imaging_brief),
    DocType.referral: (referral_form, referral_order),
    DocType.consult_note: (consult_note, consult_new_patient),
    DocType.discharge_summary: (discharge_summary, discharge_short),
    DocType.prescription_request: (refill_request, erx_fallback),
    DocType.prior_authorization: (prior_auth_request, prior_auth_decision),
    DocType.insurance: (eob, eligibility),
    DocType.records_request: (records_request, release_authorization),
    DocType.progress_note: (soap_note, office_visit),
    DocType.other: (vendor_flyer, office_notice),
}
