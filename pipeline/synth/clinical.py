"""Clinical vocabulary shared by both template families: tests, drugs, diagnoses, procedures.

Only domain terms live here (a lab result in either family names the same analytes); the sentences that
use them are written separately per family.
"""

from __future__ import annotations

import random

# panel -> (code, full name, unit, low, high, decimals)
LAB_PANELS: dict[str, tuple[tuple[str, str, str, float, float, int], ...]] = {
    "Complete Blood Count": (
        ("WBC", "White Blood Cell Count", "x10^3/uL", 4.0, 11.0, 1),
        ("RBC", "Red Blood Cell Count", "x10^6/uL", 4.2, 5.9, 2),
        ("HGB", "Hemoglobin", "g/dL", 12.0, 17.5, 1),
        ("HCT", "Hematocrit", "%", 36.0, 52.0, 1),
        ("MCV", "Mean Corpuscular Volume", "fL", 80.0, 100.0, 1),
        ("PLT", "Platelet Count", "x10^3/uL", 150.0, 400.0, 0),
    ),
    "Comprehensive Metabolic Panel": (
        ("NA", "Sodium", "mmol/L", 135.0, 145.0, 0),
        ("K", "Potassium", "mmol/L", 3.5, 5.1, 1),
        ("CL", "Chloride", "mmol/L", 98.0, 107.0, 0),
        ("CO2", "Carbon Dioxide", "mmol/L", 22.0, 29.0, 0),
        ("BUN", "Urea Nitrogen", "mg/dL", 7.0, 20.0, 0),
        ("CREAT", "Creatinine", "mg/dL", 0.6, 1.3, 2),
        ("GLU", "Glucose", "mg/dL", 70.0, 99.0, 0),
        ("CA", "Calcium", "mg/dL", 8.5, 10.5, 1),
        ("ALT", "Alanine Aminotransferase", "U/L", 7.0, 56.0, 0),
        ("AST", "Aspartate Aminotransferase", "U/L", 10.0, 40.0, 0),
        ("ALB", "Albumin", "g/dL", 3.5, 5.0, 1),
    ),
    "Lipid Panel": (
        ("CHOL", "Cholesterol, Total", "mg/dL", 100.0, 199.0, 0),
        ("TRIG", "Triglycerides", "mg/dL", 40.0, 149.0, 0),
        ("HDL", "HDL Cholesterol", "mg/dL", 40.0, 90.0, 0),
        ("LDL", "LDL Cholesterol (calc)", "mg/dL", 50.0, 99.0, 0),
    ),
    "Hemoglobin A1c": (("A1C", "Hemoglobin A1c", "%", 4.0, 5.6, 1), ("EAG", "Estimated Average Glucose", "mg/dL", 68.0, 114.0, 0)),
    "Thyroid Panel": (("TSH", "Thyroid Stimulating Hormone", "uIU/mL", 0.45, 4.5, 2),
                      ("FT4", "Free T4", "ng/dL", 0.8, 1.8, 2)),
    "Urinalysis": (("SG", "Specific Gravity", "", 1.005, 1.030, 3), ("PH", "Urine pH", "", 5.0, 8.0, 1),
                   ("UPRO", "Urine Protein", "mg/dL", 0.0, 14.0, 0)),
}

# (generic name, strengths, sig)
DRUGS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("lisinopril", ("10 mg", "20 mg", "40 mg"), "1 tablet by mouth daily"),
    ("metformin", ("500 mg", "850 mg", "1000 mg"), "1 tablet by mouth twice daily with meals"),
    ("atorvastatin", ("20 mg", "40 mg", "80 mg"), "1 tablet by mouth at bedtime"),
    ("amlodipine", ("5 mg", "10 mg"), "1 tablet by mouth daily"),
    ("levothyroxine", ("50 mcg", "75 mcg", "100 mcg"), "1 tablet by mouth every morning"),
    ("omeprazole", ("20 mg", "40 mg"), "1 capsule by mouth before breakfast"),
    ("sertraline", ("50 mg", "100 mg"), "1 tablet by mouth daily"),
    ("metoprolol succinate", ("25 mg", "50 mg", "100 mg"), "1 tablet by mouth daily"),
    ("albuterol HFA", ("90 mcg/act",), "2 puffs every 4-6 hours as needed"),
    ("gabapentin", ("300 mg", "600 mg"), "1 capsule by mouth three times daily"),
    ("losartan", ("25 mg", "50 mg", "100 mg"), "1 tablet by mouth daily"),
    ("hydrochlorothiazide", ("12.5 mg", "25 mg"), "1 tablet by mouth daily"),
    ("apixaban", ("2.5 mg", "5 mg"), "1 tablet by mouth twice daily"),
    ("insulin glargine", ("100 units/mL",), "inject 20 units subcutaneously at bedtime"),
    ("montelukast", ("10 mg",), "1 tablet by mouth nightly"),
    ("furosemide", ("20 mg", "40 mg"), "1 tablet by mouth every morning"),
)

# (description, ICD-10)
DIAGNOSES: tuple[tuple[str, str], ...] = (
    ("Essential hypertension", "I10"),
    ("Type 2 diabetes mellitus without complications", "E11.9"),
    ("Hyperlipidemia, unspecified", "E78.5"),
    ("Chronic obstructive pulmonary disease", "J44.9"),
    ("Atrial fibrillation, unspecified", "I48.91"),
    ("Low back pain", "M54.50"),
    ("Osteoarthritis of right knee", "M17.11"),
    ("Major depressive disorder, single episode", "F32.9"),
    ("Chest pain, unspecified", "R07.9"),
    ("Iron deficiency anemia", "D50.9"),
    ("Hypothyroidism, unspecified", "E03.9"),
    ("Chronic kidney disease, stage 3a", "N18.31"),
    ("Gastro-esophageal reflux disease", "K21.9"),
    ("Asthma, mild persistent", "J45.30"),
    ("Heart failure, unspecified", "I50.9"),
    ("Abnormal weight loss", "R63.4"),
    ("Migraine without aura", "G43.009"),
    ("Obstructive sleep apnea", "G47.33"),
)

SPECIALTIES = ("Cardiology", "Gastroenterology", "Orthopedics", "Neurology", "Endocrinology", "Pulmonology",
               "Nephrology", "Dermatology", "Rheumatology", "Urology", "Hematology/Oncology",
               "Physical Therapy", "Sleep Medicine", "Psychiatry")

# (service, CPT/HCPCS)
SERVICES: tuple[tuple[str, str], ...] = (
    ("MRI lumbar spine without contrast", "72148"),
    ("CT abdomen and pelvis with contrast", "74177"),
    ("Polysomnography, attended", "95810"),
    ("Colonoscopy, diagnostic", "45378"),
    ("Echocardiogram, transthoracic", "93306"),
    ("Total knee arthroplasty", "27447"),
    ("Continuous glucose monitor supplies", "A4239"),
    ("Physical therapy evaluation", "97161"),
    ("Nuclear stress test", "78452"),
    ("Upper endoscopy with biopsy", "43239"),
)

BRAND_DRUGS = ("Ozempic (semaglutide)", "Eliquis (apixaban)", "Humira (adalimumab)", "Jardiance (empagliflozin)",
               "Dupixent (dupilumab)", "Trulicity (dulaglutide)", "Xarelto (rivaroxaban)", "Mounjaro (tirzepatide)",
               "Entresto (sacubitril/valsartan)", "Lantus (insulin glargine)")

IMAGING_EXAMS = ("chest", "head", "abdomen", "lumbar", "knee", "breast", "bone_density", "renal")
EXAM_NAMES: dict[str, tuple[str, str]] = {  # region -> (train wording, holdout wording)
    "chest": ("XR CHEST PA AND LATERAL", "Chest radiograph, 2 views"),
    "head": ("CT HEAD WITHOUT CONTRAST", "Non-contrast computed tomography of the brain"),
    "abdomen": ("CT ABDOMEN/PELVIS WITH IV CONTRAST", "Contrast-enhanced CT, abdomen and pelvis"),
    "lumbar": ("MRI LUMBAR SPINE WITHOUT CONTRAST", "Magnetic resonance imaging, L-spine, non-contrast"),
    "knee": ("XR KNEE RIGHT 3 VIEWS", "Radiographs of the right knee (three projections)"),
    "breast": ("MAMMOGRAM SCREENING BILATERAL W/ TOMO", "Bilateral screening mammography with tomosynthesis"),
    "bone_density": ("DXA BONE DENSITY AXIAL SKELETON", "Dual-energy x-ray absorptiometry"),
    "renal": ("US RETROPERITONEUM COMPLETE (RENAL)", "Renal and bladder sonogram"),
}


def lab_value(rng: random.Random, low: float, high: float, decimals: int) -> tuple[str, str]:
    """A result value and its flag ('', 'H' or 'L'); about one in five is out of range."""
    span = high - low
    roll = rng.random()
    if roll < 0.1:
        value, flag = low - span * rng.uniform(0.05, 0.4), "L"
    elif roll < 0.2:
        value, flag = high + span * rng.uniform(0.05, 0.6), "H"
    else:
        value, flag = rng.uniform(low, high), ""
    value = max(value, 0.0)
    return f"{value:.{decimals}f}", flag


def drug_line(rng: random.Random) -> tuple[str, str, str]:
    """(drug and strength, sig, quantity) for a medication list or a refill."""
    name, strengths, sig = rng.choice(DRUGS)
    return f"{name} {rng.choice(strengths)}", sig, rng.choice(("30", "90", "60", "180"))
