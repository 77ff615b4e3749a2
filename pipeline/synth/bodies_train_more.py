"""A third "train" template for every type (same senders and headers as `bodies_train`)."""

from __future__ import annotations

from datetime import timedelta

from pipeline.records import DocType
from pipeline.synth import clinical, fields
from pipeline.synth.bodies_train import _signed, _title
from pipeline.synth.context import Ctx, patient_block
from pipeline.synth.fields import wrap

_ORGANISMS = ("Escherichia coli", "Klebsiella pneumoniae", "Enterococcus faecalis", "Proteus mirabilis")
_OPERATIONS = (("Total knee arthroplasty", "27447"), ("Laparoscopic cholecystectomy", "47562"),
               ("Inguinal hernia repair", "49505"), ("Carpal tunnel release", "64721"))
_ANTIBIOTICS = ("Ampicillin", "Cefazolin", "Ciprofloxacin", "Nitrofurantoin", "Trimethoprim/Sulfa", "Gentamicin")


def culture_report(c: Ctx) -> list[str]:
    """Microbiology culture with a susceptibility panel."""
    lines = _title(c, "MICROBIOLOGY REPORT") + patient_block(c, "paired")
    lines += ["", f"Ordering Physician: {c.doctor}", f"Source: {c.pick('Urine, clean catch', 'Urine, catheter')}",
              f"Collected: {c.d(c.service_date)}   Final: {c.d(c.report_date)}", ""]
    if c.chance(0.3):
        return lines + ["CULTURE RESULT:", "  No growth at 48 hours.", "", "*** FINAL ***"]
    lines += ["CULTURE RESULT:", f"  >100,000 CFU/mL {c.rng.choice(_ORGANISMS)}", "", "SUSCEPTIBILITY (MIC):",
              "  ANTIBIOTIC".ljust(26) + "MIC".ljust(10) + "INTERP"]
    for drug in c.some(_ANTIBIOTICS, 4, 6):
        lines.append(f"  {drug}".ljust(26) + f"{c.rng.choice(('<=2', '4', '8', '>=16', '<=16', '32'))}".ljust(10)
                     + c.pick("S", "S", "S", "I", "R"))
    return lines + ["", "S = susceptible  I = intermediate  R = resistant", "*** FINAL ***"]


def echo_report(c: Ctx) -> list[str]:
    """Transthoracic echocardiogram report with measurements."""
    ef = c.rng.randint(30, 68)
    lines = _title(c, "ECHOCARDIOGRAM REPORT") + patient_block(c)
    lines += ["", f"Study date: {c.d(c.service_date)}", f"Referring physician: {c.doctor}",
              f"Indication: {c.rng.choice(clinical.DIAGNOSES)[0]}", "", "MEASUREMENTS:",
              f"  LV ejection fraction: {ef}%", f"  LVIDd: {c.rng.uniform(3.8, 6.2):.1f} cm",
              f"  LA diameter: {c.rng.uniform(2.9, 4.8):.1f} cm", "", "FINDINGS:"]
    lines += wrap(f"Left ventricular systolic function is {'normal' if ef >= 55 else 'reduced'}. "
                  "No significant valvular stenosis. Trace mitral regurgitation. No pericardial effusion.", "  ")
    lines += ["", "IMPRESSION:", f"  1. LVEF {ef}%.", "  2. " + c.pick("No prior study for comparison.", "Unchanged from prior study.")]
    return lines + _signed(c, fields.clinician(c.rng))


def therapy_referral(c: Ctx) -> list[str]:
    """Physical / occupational therapy referral order."""
    dx, icd = c.rng.choice(clinical.DIAGNOSES)
    discipline = c.pick("PHYSICAL THERAPY", "OCCUPATIONAL THERAPY")
    lines = _title(c, f"{discipline} REFERRAL") + patient_block(c, "paired")
    lines += ["", f"Referring Provider: {c.doctor}   NPI: {c.rng.randint(10**9, 2 * 10**9 - 1)}",
              f"Date: {c.d(c.report_date)}", f"Diagnosis: {dx} ({icd})", "",
              f"Frequency: {c.rng.randint(1, 3)}x/week for {c.rng.choice((4, 6, 8))} weeks",
              "Orders: [x] Evaluate and treat  [ ] Home exercise program only", "",
              "Precautions: " + c.pick("None", "Fall risk", "Weight bearing as tolerated")]
    return lines + ["", "Please send the initial evaluation and plan of care to the referring office."]


def surgical_consult(c: Ctx) -> list[str]:
    """Surgical consultation discussing an operation."""
    service, code = c.rng.choice(_OPERATIONS)
    lines = _title(c, "SURGICAL CONSULTATION") + patient_block(c)
    lines += ["", f"Date of service: {c.d(c.service_date)}", f"Referring physician: {c.other_doctor}", "",
              "HISTORY:"] + wrap(f"Seen in surgical clinic to discuss {service.lower()}. Conservative treatment "
                                 "has not provided lasting relief.", "  ")
    lines += ["", "ASSESSMENT:"] + wrap(f"Candidate for {service.lower()} (CPT {code}).", "  ")
    lines += ["", "PLAN:"] + wrap("Risks, benefits and alternatives were discussed and all questions answered. "
                                   "Pre-operative clearance requested from the primary care physician.", "  ")
    return lines + _signed(c, c.doctor)


def rehab_discharge(c: Ctx) -> list[str]:
    """Discharge summary from an inpatient rehabilitation or skilled nursing stay."""
    dx, icd = c.rng.choice(clinical.DIAGNOSES)
    lines = _title(c, c.pick("REHABILITATION DISCHARGE SUMMARY", "SKILLED NURSING DISCHARGE SUMMARY")) + patient_block(c)
    lines += ["", fields.two_col(f"Admit date: {c.d(c.service_date - timedelta(days=c.rng.randint(7, 30)))}",
                                 f"Discharge date: {c.d(c.service_date)}"),
              f"Rehabilitation diagnosis: {dx} ({icd})", "", "FUNCTIONAL STATUS AT DISCHARGE:",
              f"  Ambulation: {c.pick('Independent', 'Rolling walker, 150 ft', 'Cane, supervision')}",
              f"  Transfers: {c.pick('Independent', 'Modified independent', 'Minimal assist')}", "",
              "DISCHARGE PLAN:"] + wrap("Home with outpatient therapy. Family trained in home exercise program.", "  ")
    return lines + _signed(c, c.doctor)


def ninety_day_request(c: Ctx) -> list[str]:
    """Pharmacy request to change a prescription to a 90-day supply."""
    drug, sig, _ = clinical.drug_line(c.rng)
    lines = _title(c, "90-DAY SUPPLY REQUEST") + patient_block(c, "stacked")
    lines += ["", f"To: {c.doctor}", ""] + wrap(f"The patient's plan covers a 90-day supply of {drug}. Please "
                                                "authorize a new prescription for 90 days with refills.")
    return lines + ["", f"Current sig: {sig}", "", "[ ] Yes, 90 days x ___ refills    [ ] No, keep 30-day supply",
                    "", "Prescriber signature: ____________________"]


def pa_more_info(c: Ctx) -> list[str]:
    """Payer letter asking for more information to finish a prior authorization review."""
    lines = _title(c, "PRIOR AUTHORIZATION - ADDITIONAL INFORMATION NEEDED") + patient_block(c, name_labels=("Member:", "RE:"))
    lines += ["", f"Case #: {c.rng.randint(10**6, 10**7 - 1)}", f"Requested: {c.rng.choice(clinical.BRAND_DRUGS)}", ""]
    lines += wrap("We cannot complete the review of this prior authorization request without the items below. "
                  f"Please fax them by {c.d(c.report_date + timedelta(days=14))}:")
    return lines + ["  - Most recent office notes", "  - Relevant lab values", "  - List of medications tried"]


def claim_denial(c: Ctx) -> list[str]:
    """Notice that a claim was denied, with appeal rights."""
    lines = _title(c, "NOTICE OF CLAIM DENIAL") + patient_block(c, name_labels=("Member:", "Patient:"))
    lines += ["", f"Claim number: {c.rng.randint(10**10, 10**11 - 1)}", f"Date of service: {c.d(c.service_date)}",
              f"Billed amount: ${c.rng.randint(60, 1800)}.00", "", "Reason: " + c.pick(
                  "Coverage terminated prior to date of service.", "Service not covered under the member's plan.",
                  "Duplicate claim.")]
    return lines + [""] + wrap("You have the right to appeal this decision within 180 days of this notice.")


def patient_access_request(c: Ctx) -> list[str]:
    """A patient's own written request for a copy of their records."""
    lines = _title(c, "PATIENT REQUEST FOR ACCESS TO MEDICAL RECORDS", "left") + patient_block(c, "stacked")
    lines += ["", "I am requesting a copy of my medical records from your office.", "",
              "Format: " + c.pick("[x] Paper  [ ] Electronic", "[ ] Paper  [x] Electronic (email)"),
              "Records: " + c.pick("All records", "Last 3 years", "Lab and imaging results only"), "",
              "Deliver to: [x] Mail to my home address"]
    return lines + ["", "Signature of patient: ____________________", f"Date: {c.d(c.report_date)}"]


def therapy_progress(c: Ctx) -> list[str]:
    """Therapy progress note with goals."""
    lines = _title(c, "PHYSICAL THERAPY PROGRESS NOTE") + patient_block(c)
    lines += ["", f"Visit #{c.rng.randint(4, 18)}   Date: {c.d(c.service_date)}   Therapist: {_therapist(c)}",
              "", "SUBJECTIVE: Pain " + f"{c.rng.randint(1, 7)}/10, improving with home exercises.", "",
              "GOALS:", "  1. Independent with home exercise program - " + c.pick("met", "progressing"),
              "  2. Walk 500 feet without device - " + c.pick("met", "progressing", "not met"), "",
              "PLAN: Continue per plan of care."]
    return lines + _signed(c, _therapist(c))


def _therapist(c: Ctx) -> str:
    return fields.clinician(c.rng, with_title=False).split(",")[0] + ", PT, DPT"


def test_or_misdirected(c: Ctx) -> list[str]:
    """A fax test page, or a notice that a fax about someone was sent to the wrong office."""
    if c.patient is not None:
        lines = _title(c, "MISDIRECTED FAX NOTIFICATION", "left")
        lines += wrap("We received the attached pages in error. The patient below is not known to our practice.")
        return lines + [""] + patient_block(c, "stacked") + ["", "Please correct your fax directory."]
    return _title(c, "FAX TEST PAGE") + ["This is a test transmission. No reply necessary.", "",
                                         f"Sent from {c.sender.name}"]


TEMPLATES = {
    DocType.lab_result: (culture_report,),
    DocType.imaging_report: (echo_report,),
    DocType.referral: (therapy_referral,),
    DocType.consult_note: (surgical_consult,),
    DocType.discharge_summary: (rehab_discharge,),
    DocType.prescription_request: (ninety_day_request,),
    DocType.prior_authorization: (pa_more_info,),
    DocType.insurance: (claim_denial,),
    DocType.records_request: (patient_access_request,),
    DocType.progress_note: (therapy_progress,),
    DocType.other: (test_or_misdirected,),
}
