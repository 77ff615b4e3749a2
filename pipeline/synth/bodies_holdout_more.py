"""A third "holdout" template for every type (same senders and headers as `bodies_holdout`)."""

from __future__ import annotations

from datetime import timedelta

from pipeline.records import DocType
from pipeline.synth import clinical, fields
from pipeline.synth.bodies_holdout import _attest, _dear, _top
from pipeline.synth.context import Ctx, patient_block
from pipeline.synth.fields import wrap

_SPECIMENS = ("Skin, left forearm, shave biopsy", "Colon, sigmoid, polypectomy", "Breast, right, core needle biopsy",
              "Gallbladder, cholecystectomy")
_DIAGNOSES = ("Seborrheic keratosis. No atypia identified.", "Tubular adenoma. Negative for high-grade dysplasia.",
              "Fibroadenoma. Benign.", "Chronic cholecystitis with cholelithiasis.")


def surgical_pathology(c: Ctx) -> list[str]:
    """Surgical pathology report: specimen, gross and microscopic description, final diagnosis."""
    i = c.rng.randrange(len(_SPECIMENS))
    lines = _top(c, "Surgical Pathology Report") + patient_block(c, c.pick("piped", "stacked"))
    lines += ["", f"Case: S{c.report_date.year % 100}-{c.rng.randint(1000, 99999)}   Received: {c.d(c.service_date)}",
              f"Submitting physician: {c.doctor}", "", f"Specimen: {_SPECIMENS[i]}", "", "Gross description"]
    lines += wrap(f"Received in formalin is a tan tissue fragment measuring {c.rng.uniform(0.2, 3.5):.1f} cm. "
                  "Entirely submitted in one cassette.")
    lines += ["", "Microscopic description"] + wrap("Sections examined at multiple levels; see diagnosis.")
    lines += ["", "Final diagnosis"] + wrap(_DIAGNOSES[i])
    return lines + _attest(c, fields.clinician(c.rng) + ", Pathologist")


def carotid_duplex(c: Ctx) -> list[str]:
    """Vascular laboratory carotid duplex study with velocities and interpretation."""
    lines = _top(c, "Vascular Laboratory: Carotid Duplex Ultrasound") + patient_block(c, c.pick("inline", "piped"))
    lines += ["", f"Exam performed {c.d(c.service_date)}; ordered by {c.doctor}", "",
              "Velocities (cm/s)          Right      Left"]
    for vessel in ("CCA peak systolic", "ICA peak systolic", "ICA end diastolic"):
        lines.append(vessel.ljust(27) + f"{c.rng.randint(40, 140)}".ljust(11) + f"{c.rng.randint(40, 140)}")
    lines += ["", "Interpretation"] + wrap(c.pick("Less than 50% stenosis of both internal carotid arteries.",
                                                  "50-69% stenosis of the right internal carotid artery.")
                                           + " Antegrade vertebral flow bilaterally.")
    return lines + _attest(c, fields.clinician(c.rng))


def behavioral_referral(c: Ctx) -> list[str]:
    """Request to connect a patient with behavioral health services."""
    lines = _top(c, "Behavioral Health Connection Request") + patient_block(c, "piped")
    lines += ["", f"Requesting clinician: {c.doctor}   Date: {c.d(c.report_date)}", "",
              "Concern prompting this request:"] + wrap(c.pick(
                  "Worsening low mood and poor sleep over two months; PHQ-9 score of 16.",
                  "Anxiety interfering with work; interested in counseling.",
                  "Alcohol use above recommended limits; patient agrees to assessment."))
    lines += ["", "Patient prefers: " + c.pick("telehealth", "in person", "either"), "",
              "Safety screen completed today: no current thoughts of self-harm."]
    return lines + ["", "Please reach out to the patient directly to arrange intake."]


def preop_evaluation(c: Ctx) -> list[str]:
    """Pre-operative risk evaluation letter to the surgeon."""
    service, _code = c.rng.choice(clinical.SERVICES)
    lines = _top(c, "Pre-operative Medical Evaluation") + [c.d(c.report_date), "", _dear(c), ""]
    lines += patient_block(c, "inline", ("RE:", "Re:"))
    lines += [""] + wrap(f"I evaluated this patient on {c.d(c.service_date)} ahead of the planned "
                         f"{service.lower()}. Functional capacity exceeds four metabolic equivalents and the "
                         "electrocardiogram shows sinus rhythm.")
    lines += [""] + wrap("From a medical standpoint the patient is at acceptable risk to proceed. Hold "
                         "anticoagulants as directed by the surgical team.")
    return lines + ["", "Best regards,", c.doctor]


def observation_summary(c: Ctx) -> list[str]:
    """Summary of a short observation-unit stay."""
    dx, icd = c.rng.choice(clinical.DIAGNOSES)
    hours = c.rng.randint(14, 46)
    lines = _top(c, "Observation Unit Discharge Summary") + patient_block(c, c.pick("stacked", "piped"))
    lines += ["", f"Placed in observation: {c.d(c.service_date - timedelta(days=1))}", f"Released: {c.d(c.service_date)}"
              f" after {hours} hours", f"Observation physician: {c.doctor}", "", "Working diagnosis"] + wrap(f"{dx} ({icd})")
    lines += ["", "What was done"] + ["- " + s for s in c.some((
        "Serial troponins negative.", "Treadmill stress test without ischemia.", "Intravenous fluids given.",
        "Symptoms resolved with oral medication."), 2, 3)]
    return lines + ["", "Go-home advice"] + wrap("Follow up with your regular clinician within one week.")


def portal_refill(c: Ctx) -> list[str]:
    """A patient's refill request from the portal, forwarded by the call center."""
    drug, sig, _qty = clinical.drug_line(c.rng)
    lines = _top(c, "Medication Renewal - Patient Portal Message") + patient_block(c, "piped")
    lines += ["", f"Message received {c.d(c.report_date)} for {c.doctor}", "", "Patient wrote:"]
    lines += wrap(f'"I am almost out of my {drug}. I take it {sig}. Could you send more to my usual pharmacy?"')
    return lines + ["", "Preferred pharmacy on file: " + c.pick("Neighborhood Rx #112", "QuickScript Mail Order Pharmacy"),
                    "Clinician action:  renew ___   schedule visit ___   decline ___"]


def step_therapy_exception(c: Ctx) -> list[str]:
    """Step-therapy exception request a prescriber sends to the plan."""
    dx, icd = c.rng.choice(clinical.DIAGNOSES)
    lines = _top(c, "Step Therapy Exception Request") + patient_block(c, "stacked", ("Member:", "Enrollee:"))
    lines += ["", f"Requested agent: {c.rng.choice(clinical.BRAND_DRUGS)}", f"Condition: {dx} / {icd}", "",
              "Grounds for exception (check all that apply):", "  [x] Required first-line drug was ineffective",
              "  [ ] Required drug is contraindicated", "  [ ] Patient is stable on requested drug", "",
              f"First-line agent used: {clinical.drug_line(c.rng)[0]} for {c.rng.randint(2, 12)} months"]
    return lines + ["", f"Prescriber: {c.doctor}", "Expedited review requested: " + c.pick("Yes", "No")]


def cob_inquiry(c: Ctx) -> list[str]:
    """Coordination-of-benefits questionnaire from a health plan."""
    lines = _top(c, "Coordination of Benefits Inquiry") + patient_block(c, "piped", ("Member:", "Subscriber:"))
    lines += [""] + wrap("To process claims correctly we need to know whether the member has other health "
                         "coverage. Please complete and return this form.")
    return lines + ["", "Other coverage?  ( ) No  ( ) Yes - carrier name: ______________",
                    "Policy holder: ______________   Policy #: ______________",
                    f"Return by: {c.d(c.report_date + timedelta(days=30))}"]


def records_subpoena(c: Ctx) -> list[str]:
    """A subpoena for records in a civil matter."""
    lines = _top(c, "Subpoena Duces Tecum - Production of Records") + patient_block(c, "stacked", ("RE:", "Re:"))
    lines += [""] + wrap(f"YOU ARE COMMANDED to produce the records described below on or before "
                         f"{c.d(c.report_date + timedelta(days=20))}, together with a certification of the "
                         "custodian, in lieu of personal appearance.")
    lines += ["", "Records described: all charts, billing ledgers and diagnostic images, any date.", "",
              f"Case no. {c.rng.randint(20, 26)}-CV-{c.rng.randint(1000, 9999)}"]
    return lines + ["Issued by counsel: " + fields.clinician(c.rng, with_title=False).split(",")[0] + ", Esq."]


def care_management_summary(c: Ctx) -> list[str]:
    """Monthly chronic care management summary."""
    lines = _top(c, "Chronic Care Management - Monthly Summary") + patient_block(c, c.pick("inline", "piped"))
    lines += ["", f"Month: {c.service_date:%B %Y}   Care manager: {fields.clinician(c.rng, with_title=False)}",
              f"Supervising clinician: {c.doctor}", "", "Conditions managed:"]
    lines += ["- " + d for d, _ in c.some(clinical.DIAGNOSES, 2, 3)]
    lines += ["", f"Contacts this month: {c.rng.randint(1, 5)}   Time: {c.rng.randint(20, 75)} minutes", "",
              "Barriers and actions:"] + wrap(c.pick("Transportation arranged for lab visit.",
                                                      "Pill organizer provided; adherence improving.",
                                                      "Home glucose readings reviewed; no lows."))
    return lines + _attest(c, c.doctor)


def returned_mail(c: Ctx) -> list[str]:
    """Returned-mail notice about a patient, or a holiday greeting about nobody."""
    if c.patient is not None:
        lines = _top(c, "Returned Mail Notice") + patient_block(c, "piped")
        return lines + [""] + wrap("Correspondence to this person came back marked 'unable to forward'. Please "
                                   "verify the address on file.")
    return _top(c, "Season's Greetings") + wrap("Wishing your staff a restful holiday season. Our office will "
                                                "reopen on the first business day of the new year.")


TEMPLATES = {
    DocType.lab_result: (surgical_pathology,),
    DocType.imaging_report: (carotid_duplex,),
    DocType.referral: (behavioral_referral,),
    DocType.consult_note: (preop_evaluation,),
    DocType.discharge_summary: (observation_summary,),
    DocType.prescription_request: (portal_refill,),
    DocType.prior_authorization: (step_therapy_exception,),
    DocType.insurance: (cob_inquiry,),
    DocType.records_request: (records_subpoena,),
    DocType.progress_note: (care_management_summary,),
    DocType.other: (returned_mail,),
}
