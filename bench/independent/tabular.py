"""An independent generator of tabular and form-like faxes: reference-lab and hospital-lab reports, radiology, pathology,
face sheets, ED summaries, immunization records, pharmacy profiles, prior-authorization and DME forms,
home-health certifications, eligibility printouts, school and sports forms, registration forms, EKG,
sleep-study and PFT reports.

Written for the benchmark by an author who had not seen docintake's extraction, matching or synthetic
templates (pipeline/synth), so that bench/intake.py --family independent measures the pipeline on documents
that do not echo its own generator. Standard library only; deterministic for a roster and a seed.

Usage: tabular.py --roster roster.csv --out DIR --docs N --seed S
Writes DIR/<id>.txt (pages separated by a form feed), DIR/truth.json ({id, mrn, who, template, notes}: who
is roster or absent; notes say which identifiers were printed, typos and nicknames) and DIR/README.txt.
"""
import argparse
import csv
import datetime as dt
import json
import os
import random
import textwrap

W = 90
PG, NPG = "@P@", "@N@"          # page-number placeholders, replaced at assembly
PAGEBREAK = "\x00PAGEBREAK\x00"

# --------------------------------------------------------------------------
# static pools
# --------------------------------------------------------------------------
NICK = {
    "Robert": ["Bob", "Rob", "Bobby"], "William": ["Bill", "Will", "Billy"],
    "Elizabeth": ["Liz", "Beth", "Betsy", "Eliza"], "Richard": ["Rick", "Dick", "Rich"],
    "James": ["Jim", "Jimmy"], "Michael": ["Mike", "Mikey"], "Katherine": ["Kathy", "Kate", "Katie"],
    "Kathleen": ["Kathy", "Kath"], "Kathryn": ["Kathy", "Kate"], "Jennifer": ["Jen", "Jenny"],
    "Margaret": ["Peggy", "Maggie", "Meg"], "Thomas": ["Tom", "Tommy"], "Joseph": ["Joe", "Joey"],
    "Christopher": ["Chris"], "Daniel": ["Dan", "Danny"], "Patricia": ["Pat", "Patty", "Trish"],
    "Susan": ["Sue", "Susie"], "Deborah": ["Debbie", "Deb"], "Debra": ["Debbie", "Deb"],
    "Anthony": ["Tony"], "Steven": ["Steve"], "Stephen": ["Steve"], "Charles": ["Chuck", "Charlie"],
    "Edward": ["Ed", "Eddie", "Ted"], "Kenneth": ["Ken", "Kenny"], "Ronald": ["Ron", "Ronnie"],
    "Donald": ["Don", "Donnie"], "Timothy": ["Tim"], "Matthew": ["Matt"], "Andrew": ["Andy", "Drew"],
    "Joshua": ["Josh"], "Nicholas": ["Nick"], "Benjamin": ["Ben", "Benny"], "Samuel": ["Sam"],
    "Alexander": ["Alex"], "Jonathan": ["Jon"], "Gregory": ["Greg"], "Jeffrey": ["Jeff"],
    "Raymond": ["Ray"], "Lawrence": ["Larry"], "Gerald": ["Jerry"], "Douglas": ["Doug"],
    "Frederick": ["Fred"], "Victoria": ["Vicky", "Tori"], "Rebecca": ["Becky"],
    "Jessica": ["Jess", "Jessie"], "Kimberly": ["Kim"], "Cynthia": ["Cindy"], "Pamela": ["Pam"],
    "Christine": ["Chris", "Chrissy"], "Christina": ["Tina", "Chris"], "Barbara": ["Barb"],
    "Jacqueline": ["Jackie"], "Theodore": ["Ted", "Teddy"], "Abigail": ["Abby"],
    "Samantha": ["Sam"], "Stephanie": ["Steph"], "Angela": ["Angie"], "Dorothy": ["Dot", "Dottie"],
    "Guadalupe": ["Lupe"], "Francisco": ["Paco", "Frank"], "Jose": ["Pepe"], "Alejandro": ["Alex"],
    "Alejandra": ["Ale"], "Zachary": ["Zach"], "Nathan": ["Nate"], "Jacob": ["Jake"],
    "Leonard": ["Leo", "Len"], "Harold": ["Hal"], "Henry": ["Hank"], "Walter": ["Walt"],
    "Herbert": ["Herb"], "Eugene": ["Gene"], "Philip": ["Phil"], "Vincent": ["Vince"],
    "Russell": ["Russ"], "Stanley": ["Stan"], "Frances": ["Fran"], "Judith": ["Judy"],
    "Josephine": ["Jo", "Josie"], "Carolyn": ["Carol"], "Virginia": ["Ginny"],
    "Mildred": ["Millie"], "Florence": ["Flo"], "Eleanor": ["Ellie"], "Evelyn": ["Evie"],
    "Gabriel": ["Gabe"], "Valentina": ["Vale"], "Santiago": ["Santi"], "Madison": ["Maddie"],
    "Natalie": ["Nat"], "Penelope": ["Penny"], "Isabella": ["Bella"], "Olivia": ["Liv"],
    "Dmitri": ["Dima"], "Svetlana": ["Sveta"], "Stanislaw": ["Stan"], "Agnieszka": ["Aga"],
    "Teresa": ["Terri"], "Theresa": ["Terri", "Tess"], "Catherine": ["Cathy", "Kate"],
    "Gloria": ["Glo"], "Beverly": ["Bev"], "Sandra": ["Sandy"], "Louise": ["Lou"],
    "Louis": ["Lou"], "Manuel": ["Manny"], "Rafael": ["Rafa"], "Ricardo": ["Ricky"],
    "Javier": ["Javi"], "Marvin": ["Marv"], "Clarence": ["Clare"], "Bernice": ["Bernie"],
    "Dolores": ["Lola"], "Jesse": ["Jess"], "Ashley": ["Ash"], "Jeremy": ["Jer"],
    "Gladys": ["Glad"], "Lillian": ["Lily"], "Marilyn": ["Mare"], "Harry": ["Hal"],
}

STREETS = ["Oak", "Maple", "Cedar", "Pine", "Elm", "Washington", "Lincoln", "Jefferson", "Madison",
           "Park", "Lake", "Hill", "River", "Spring", "Church", "Main", "Market", "Broad", "Center",
           "Highland", "Meadow", "Forest", "Sunset", "Ridge", "Commerce", "Medical", "Hospital",
           "University", "Industrial", "Airport", "Veterans", "Liberty", "Franklin", "Walnut",
           "Chestnut", "Willow", "Birch", "Summit", "Harbor", "Grand", "Union", "Providence"]
SUFFIX = ["St", "Ave", "Blvd", "Dr", "Rd", "Pkwy", "Way", "Ln", "Ct", "Pl", "Circle", "Street",
          "Avenue", "Drive", "Road", "Parkway"]
REGIONS = ["Tri-County", "Heartland", "Summit", "Riverside", "Lakeshore", "Mid-Valley", "Northstar",
           "Keystone", "Capitol", "Pioneer", "Crossroads", "Evergreen", "Frontier", "Harborview",
           "Twin Rivers", "Westbrook", "Oakridge", "Stonebridge", "Highlands", "Allied", "Metro",
           "Parkview", "Valley", "Community", "Regional", "Unity", "Cornerstone", "Clearwater",
           "Fairview", "Brookside", "Granite", "Meadowbrook"]
SAINTS = ["St. Agnes", "St. Luke's", "St. Vincent", "Good Samaritan", "Mercy", "St. Mary's",
          "Sacred Heart", "St. Joseph", "Providence", "St. Francis", "Holy Cross", "Baptist",
          "Methodist", "Presbyterian", "St. Elizabeth", "St. Anthony"]
PROV_FIRST = ["Anita", "Rajesh", "Laura", "Michael", "David", "Susan", "Kevin", "Maria", "Ahmed",
              "Jennifer", "Robert", "Emily", "Thomas", "Nadia", "Brian", "Olga", "Carlos",
              "Priya", "Jonathan", "Rebecca", "Samuel", "Linda", "Victor", "Grace", "Paul",
              "Helen", "Omar", "Yvonne", "Martin", "Irene", "Hugo", "Farah", "Gordon", "Leah",
              "Chidi", "Ingrid", "Tobias", "Renee", "Neil", "Sofia", "Pradeep", "Wendy"]
PROV_LAST = ["Shah", "Patel", "Whitfield", "Okafor", "Lindqvist", "Moreno", "Brennan", "Hsu",
             "Abernathy", "Kowalski", "Delgado", "Fairbanks", "Nakamura", "Osei", "Pruitt",
             "Rasmussen", "Sandoval", "Thibodeaux", "Underwood", "Vasquez", "Wexler", "Yoder",
             "Zimmerman", "Castellano", "Bhatt", "Greenberg", "Halvorsen", "Iverson", "Jablonski",
             "Kaur", "Lombardi", "McAllister", "Nwosu", "Oyelaran", "Petrov", "Quintana",
             "Rourke", "Stein", "Tanaka", "Valdez", "Whitaker", "Ashworth", "Bellamy", "Crane",
             "Dunleavy", "Eisenberg", "Ferreira", "Gallagher", "Huang", "Ibarra", "Khoury"]
CREDS = ["MD", "MD", "MD", "DO", "MD", "NP", "PA-C", "MD, FACP", "DO", "APRN", "MD, PhD"]
RECIPIENTS = [
    ("Riverbend Family Medicine", "Intake / Medical Records"),
    ("Riverbend Family Medicine", "Dr. Catherine Holloway"),
    ("Riverbend Family Medicine - Eastside", "Referral Coordinator"),
    ("Riverbend Primary Care Associates", "Medical Records Dept"),
    ("Riverbend Pediatrics & Family Care", "Nurse Triage"),
]
PAYERS = ["Heartland Mutual Health", "Bluestone Health Plan", "Keystone Care PPO",
          "United Meridian Insurance", "Cardinal Choice HMO", "Pioneer Benefit Administrators",
          "Medicare Part B", "Medicare Advantage - Liberty Senior Plan", "State Medicaid",
          "Evergreen Health Alliance", "TriStar Commercial PPO", "Guardian Crest Health"]
INS_PREFIX = ["XJH", "YRT", "ZGP", "HMA", "BSP", "KCP", "UMI", "W", "R", "MCD"]
RACES = ["White", "Black or African American", "Asian", "Hispanic/Latino", "Other",
         "Declined", "American Indian", "Unknown"]
LANGS = ["English", "English", "English", "Spanish", "Vietnamese", "Mandarin", "Russian",
         "Polish", "Hindi", "English", "Arabic"]
RELIG = ["None", "Catholic", "Baptist", "Methodist", "Jewish", "Muslim", "Declined", "Other"]

ICD = [
    ("E11.9", "Type 2 diabetes mellitus without complications"),
    ("E11.65", "Type 2 diabetes mellitus with hyperglycemia"),
    ("I10", "Essential (primary) hypertension"),
    ("E78.5", "Hyperlipidemia, unspecified"),
    ("E03.9", "Hypothyroidism, unspecified"),
    ("J44.9", "Chronic obstructive pulmonary disease, unspecified"),
    ("J45.40", "Moderate persistent asthma, uncomplicated"),
    ("I48.91", "Unspecified atrial fibrillation"),
    ("I50.32", "Chronic diastolic (congestive) heart failure"),
    ("N18.3", "Chronic kidney disease, stage 3 unspecified"),
    ("M17.11", "Unilateral primary osteoarthritis, right knee"),
    ("M54.50", "Low back pain, unspecified"),
    ("G47.33", "Obstructive sleep apnea (adult) (pediatric)"),
    ("F41.1", "Generalized anxiety disorder"),
    ("F32.A", "Depression, unspecified"),
    ("K21.9", "Gastro-esophageal reflux disease without esophagitis"),
    ("R07.9", "Chest pain, unspecified"),
    ("R06.02", "Shortness of breath"),
    ("R00.2", "Palpitations"),
    ("Z00.00", "Encounter for general adult medical exam w/o abnormal findings"),
    ("Z12.11", "Encounter for screening for malignant neoplasm of colon"),
    ("Z12.31", "Encounter for screening mammogram for malignant neoplasm of breast"),
    ("E55.9", "Vitamin D deficiency, unspecified"),
    ("D64.9", "Anemia, unspecified"),
    ("M81.0", "Age-related osteoporosis w/o current pathological fracture"),
    ("R53.83", "Other fatigue"),
    ("N39.0", "Urinary tract infection, site not specified"),
    ("Z79.01", "Long term (current) use of anticoagulants"),
    ("E66.01", "Morbid (severe) obesity due to excess calories"),
    ("L40.0", "Psoriasis vulgaris"),
    ("M05.79", "Rheumatoid arthritis w/ rheumatoid factor of multiple sites"),
    ("R26.81", "Unsteadiness on feet"),
    ("Z96.651", "Presence of right artificial knee joint"),
    ("I25.10", "Atherosclerotic heart disease of native coronary artery"),
]
PEDS_ICD = [
    ("Z00.129", "Encounter for routine child health exam w/o abnormal findings"),
    ("J45.20", "Mild intermittent asthma, uncomplicated"),
    ("J06.9", "Acute upper respiratory infection, unspecified"),
    ("H66.90", "Otitis media, unspecified, unspecified ear"),
    ("L20.9", "Atopic dermatitis, unspecified"),
    ("R50.9", "Fever, unspecified"),
    ("F90.0", "ADHD, predominantly inattentive type"),
    ("Z02.5", "Encounter for examination for participation in sport"),
    ("J02.0", "Streptococcal pharyngitis"),
]

MEDS = [
    ("Lisinopril", "10 mg tablet", "Take 1 tablet by mouth once daily"),
    ("Lisinopril", "20 mg tablet", "1 tab PO daily"),
    ("Amlodipine", "5 mg tablet", "Take 1 tablet by mouth daily"),
    ("Metformin HCl", "500 mg tablet", "Take 1 tablet by mouth twice daily with meals"),
    ("Metformin ER", "750 mg tablet", "2 tabs PO with evening meal"),
    ("Atorvastatin", "40 mg tablet", "Take 1 tablet by mouth at bedtime"),
    ("Rosuvastatin", "10 mg tablet", "1 tab PO daily"),
    ("Levothyroxine", "75 mcg tablet", "Take 1 tablet by mouth every morning on empty stomach"),
    ("Levothyroxine", "112 mcg tablet", "1 tab PO QAM"),
    ("Omeprazole", "20 mg DR capsule", "Take 1 capsule by mouth daily before breakfast"),
    ("Pantoprazole", "40 mg DR tablet", "1 tab PO daily"),
    ("Metoprolol succinate ER", "25 mg tablet", "Take 1 tablet by mouth daily"),
    ("Metoprolol tartrate", "50 mg tablet", "1 tab PO BID"),
    ("Losartan", "50 mg tablet", "Take 1 tablet by mouth daily"),
    ("Hydrochlorothiazide", "25 mg tablet", "1 tab PO QAM"),
    ("Furosemide", "40 mg tablet", "Take 1 tablet by mouth daily"),
    ("Apixaban (Eliquis)", "5 mg tablet", "Take 1 tablet by mouth twice daily"),
    ("Warfarin", "5 mg tablet", "Take as directed per INR clinic"),
    ("Sertraline", "50 mg tablet", "Take 1 tablet by mouth daily"),
    ("Escitalopram", "10 mg tablet", "1 tab PO daily"),
    ("Gabapentin", "300 mg capsule", "Take 1 capsule by mouth three times daily"),
    ("Albuterol HFA", "90 mcg/act inhaler", "Inhale 2 puffs every 4-6 hours as needed"),
    ("Fluticasone/Salmeterol", "250/50 mcg diskus", "Inhale 1 puff twice daily"),
    ("Tiotropium (Spiriva)", "18 mcg cap inh", "Inhale contents of 1 capsule daily"),
    ("Montelukast", "10 mg tablet", "Take 1 tablet by mouth at bedtime"),
    ("Insulin glargine", "100 unit/mL pen", "Inject 22 units subcutaneously at bedtime"),
    ("Semaglutide (Ozempic)", "1 mg/dose pen", "Inject 1 mg subcut once weekly"),
    ("Empagliflozin (Jardiance)", "10 mg tablet", "1 tab PO daily"),
    ("Tamsulosin", "0.4 mg capsule", "Take 1 capsule by mouth 30 min after same meal daily"),
    ("Donepezil", "10 mg tablet", "1 tab PO at bedtime"),
    ("Prednisone", "10 mg tablet", "Taper as directed"),
    ("Allopurinol", "100 mg tablet", "Take 1 tablet by mouth daily"),
    ("Meloxicam", "15 mg tablet", "1 tab PO daily with food"),
    ("Cyclobenzaprine", "10 mg tablet", "1 tab PO TID PRN muscle spasm"),
    ("Trazodone", "50 mg tablet", "Take 1/2 to 1 tablet at bedtime as needed for sleep"),
    ("Vitamin D3", "2000 unit capsule", "1 cap PO daily"),
    ("Aspirin EC", "81 mg tablet", "Take 1 tablet by mouth daily"),
    ("Clopidogrel", "75 mg tablet", "1 tab PO daily"),
    ("Potassium chloride ER", "20 mEq tablet", "1 tab PO daily"),
    ("Alendronate", "70 mg tablet", "1 tab PO weekly with full glass of water"),
    ("Carvedilol", "12.5 mg tablet", "1 tab PO BID with food"),
    ("Spironolactone", "25 mg tablet", "1 tab PO daily"),
    ("Buspirone", "10 mg tablet", "1 tab PO BID"),
    ("Oxybutynin ER", "10 mg tablet", "1 tab PO daily"),
]
PEDS_MEDS = [
    ("Amoxicillin", "400 mg/5 mL susp", "Give 6 mL by mouth twice daily x 10 days"),
    ("Cetirizine", "1 mg/mL solution", "5 mL by mouth daily"),
    ("Albuterol HFA", "90 mcg/act inhaler", "2 puffs with spacer q4h PRN wheeze"),
    ("Fluticasone HFA", "44 mcg/act inhaler", "2 puffs BID with spacer"),
    ("Methylphenidate ER", "18 mg tablet", "1 tab PO QAM"),
    ("Ibuprofen", "100 mg/5 mL susp", "7.5 mL PO q6h PRN fever/pain"),
    ("Triamcinolone 0.1%", "cream 30 g", "Apply thin layer BID to affected areas"),
    ("Montelukast", "5 mg chewable", "Chew 1 tablet at bedtime"),
    ("Polyethylene glycol 3350", "17 g packet", "1/2 capful in 4 oz liquid daily"),
]
ALLERGIES = ["NKDA", "NKDA", "NKDA", "Penicillin (rash)", "Sulfa drugs (hives)", "Codeine (nausea)",
             "Latex", "Shellfish", "Lisinopril (angioedema)", "Morphine (itching)",
             "Amoxicillin", "No Known Allergies", "Iodinated contrast (hives)", "Peanuts"]


def luhn_npi(base9):
    digits = "80840" + base9
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return base9 + str((10 - total % 10) % 10)


def upper(s):
    return s.upper()


def age_years(dob, on):
    return on.year - dob.year - ((on.month, on.day) < (dob.month, dob.day))


def age_parts(dob, on):
    y = age_years(dob, on)
    m = (on.year - dob.year) * 12 + on.month - dob.month - (1 if on.day < dob.day else 0)
    m -= y * 12
    anchor_m = dob.month + y * 12 + m
    ay, am = dob.year + (anchor_m - 1) // 12, (anchor_m - 1) % 12 + 1
    try:
        anchor = dt.date(ay, am, dob.day)
    except ValueError:
        anchor = dt.date(ay, am, 28)
    d = (on - anchor).days
    return y, m, max(d, 0)


def fmt_date(d, style):
    mon = d.strftime("%b")
    if style == "mdY":
        return d.strftime("%m/%d/%Y")
    if style == "mdy_np":
        return "%d/%d/%02d" % (d.month, d.day, d.year % 100)
    if style == "md_Y":
        return "%d/%d/%d" % (d.month, d.day, d.year)
    if style == "iso":
        return d.isoformat()
    if style == "dbY":
        return "%02d-%s-%d" % (d.day, mon, d.year)
    if style == "dBY":
        return "%02d%s%d" % (d.day, mon.upper(), d.year)
    if style == "BdY":
        return "%s %d, %d" % (d.strftime("%B"), d.day, d.year)
    if style == "bdY":
        return "%s %d, %d" % (mon, d.day, d.year)
    if style == "mdYn":
        return d.strftime("%m%d%Y")
    if style == "mdY-":
        return d.strftime("%m-%d-%Y")
    if style == "mdy":
        return d.strftime("%m/%d/%y")
    if style == "dmonY":
        return "%d %s %d" % (d.day, mon.upper(), d.year)
    raise ValueError(style)


DOB_STYLES = ["mdY"] * 12 + ["mdy_np", "mdy_np", "md_Y", "md_Y", "iso", "iso", "dbY", "dbY",
                               "BdY", "bdY", "mdYn", "mdY-", "mdY-", "mdy", "dBY", "dmonY"]
TWO_DIGIT = {"mdy_np", "mdy"}


def svc_date_fmt(r):
    return r.choice(["mdY", "mdY", "mdY", "mdy", "iso", "dbY", "mdY-", "md_Y"])


def wrap(text, width=W, indent="", first=None):
    first = indent if first is None else first
    return textwrap.wrap(text, width=width, initial_indent=first, subsequent_indent=indent,
                         break_long_words=True) or [""]


def center(s, width=W):
    s = s.strip()
    if len(s) >= width:
        return s[:width]
    return (" " * ((width - len(s)) // 2) + s).rstrip()


def rjust_pair(left, right, width=W):
    if len(left) + len(right) + 1 > width:
        return [left, right.rjust(width)]
    return [left + " " * (width - len(left) - len(right)) + right]


def side(left, right, lw):
    """two columns of text side by side"""
    out = []
    for i in range(max(len(left), len(right))):
        a = left[i] if i < len(left) else ""
        b = right[i] if i < len(right) else ""
        out.append((a.ljust(lw) + b).rstrip())
    return out


def cols3(a, b, c, w1, w2):
    out = []
    for i in range(max(len(a), len(b), len(c))):
        x = a[i] if i < len(a) else ""
        y = b[i] if i < len(b) else ""
        z = c[i] if i < len(c) else ""
        out.append((x.ljust(w1) + y.ljust(w2) + z).rstrip())
    return out


def table(headers, rows, widths=None, sep="  ", aligns=None, indent=""):
    n = len(headers)
    if widths is None:
        widths = [max([len(str(headers[i]))] + [len(str(r[i])) for r in rows]) for i in range(n)]
    aligns = aligns or "l" * n

    def fmt(cells):
        parts = []
        for i, c in enumerate(cells):
            c = str(c)
            parts.append(c.rjust(widths[i]) if aligns[i] == "r" else c.ljust(widths[i]))
        return (indent + sep.join(parts)).rstrip()
    out = [fmt(headers)] if headers else []
    out += [fmt(r) for r in rows]
    return out


def boxed_table(headers, rows, widths=None, indent=""):
    n = len(headers)
    if widths is None:
        widths = [max([len(str(headers[i]))] + [len(str(r[i])) for r in rows]) for i in range(n)]
    bar = indent + "+" + "+".join("-" * (w + 2) for w in widths) + "+"
    out = [bar]

    def line(cells):
        return indent + "|" + "|".join(" " + str(c).ljust(w) + " " for c, w in zip(cells, widths, strict=False)) + "|"
    out.append(line(headers))
    out.append(bar)
    for r in rows:
        out.append(line(r))
    out.append(bar)
    return out


def box(lines, width=None, indent="", ch="-", corner="+"):
    width = width or max(len(x) for x in lines) + 4
    inner = width - 4
    out = [indent + corner + ch * (width - 2) + corner]
    for ln in lines:
        for piece in (textwrap.wrap(ln, inner) if len(ln) > inner else [ln]):
            out.append(indent + "| " + piece.ljust(inner) + " |")
    out.append(indent + corner + ch * (width - 2) + corner)
    return out


def cols_below(pairs, width=W, boxed=False, indent="", gap=2):
    """header row of labels, value row below, aligned by column.  Splits into
    several bands when too wide."""
    bands, cur, curw = [], [], len(indent) + (1 if boxed else 0)
    for lab, val in pairs:
        if boxed:
            w = max(len(lab), len(val)) + 1
            need = w + 2
        else:
            w = max(len(lab), len(val)) + gap
            need = w
        if cur and curw + need > width:
            bands.append(cur)
            cur, curw = [], len(indent) + (1 if boxed else 0)
        cur.append((lab, val, w))
        curw += need
    if cur:
        bands.append(cur)
    out = []
    for band in bands:
        if boxed:
            bar = indent + "+" + "+".join("-" * (w + 1) for _, _, w in band) + "+"
            if not out:
                out.append(bar)
            out.append(indent + "|" + "|".join(" " + l.ljust(w) for l, _, w in band) + "|")
            out.append(indent + "|" + "|".join(" " + v.ljust(w) for _, v, w in band) + "|")
            out.append(bar)
        else:
            out.append((indent + "".join(l.ljust(w) for l, _, w in band)).rstrip())
            out.append((indent + "".join(v.ljust(w) for _, v, w in band)).rstrip())
    return out


def inline_pairs(pairs, width=W, sep=":", gap="   ", indent=""):
    out, cur = [], indent
    for lab, val in pairs:
        item = f"{lab}{sep} {val}" if lab else val
        if cur.strip() and len(cur) + len(gap) + len(item) > width:
            out.append(cur.rstrip())
            cur = indent + item
        else:
            cur = cur + (gap if cur.strip() else "") + item
    if cur.strip():
        out.append(cur.rstrip())
    return out


def stacked(pairs, sep=":", lw=None, indent=""):
    lw = lw or max(len(l) for l, _ in pairs) + len(sep) + 1
    return [(indent + (l + sep).ljust(lw) + v).rstrip() for l, v in pairs]


def grid2(pairs, sep=":", indent="", colw=45):
    left = pairs[0::2]
    right = pairs[1::2]
    lw = max(len(l) for l, _ in left) + len(sep) + 1 if left else 0
    rw = max(len(l) for l, _ in right) + len(sep) + 1 if right else 0
    out = []
    for i in range(len(left)):
        a = indent + ((left[i][0] + sep) if left[i][0] else "").ljust(lw) + left[i][1]
        if i < len(right):
            b = ((right[i][0] + sep) if right[i][0] else "").ljust(rw) + right[i][1]
            if len(a) >= colw or colw + len(b) > W:
                out.append(a.rstrip())
                pad = colw if colw + len(b) <= W else len(indent)
                out.append((" " * pad + b).rstrip())
                continue
            a = a.ljust(colw) + b
        out.append(a.rstrip())
    return out


def chk(flag, style="[X]"):
    if style == "[X]":
        return "[X]" if flag else "[ ]"
    if style == "(x)":
        return "(x)" if flag else "( )"
    return "X" if flag else "_"

# --------------------------------------------------------------------------
# roster and people
# --------------------------------------------------------------------------
class Roster:
    def __init__(self, path):
        with open(path, newline="", encoding="utf-8") as fh:
            self.rows = [r for r in csv.DictReader(fh)]
        for r in self.rows:
            r["dob_d"] = dt.date.fromisoformat(r["dob"])
        self.mrns = set(r["mrn"] for r in self.rows)
        self.mrn_digits = set("".join(c for c in r["mrn"] if c.isdigit()) for r in self.rows)
        self.mrn_upper = set(r["mrn"].upper() for r in self.rows)
        self.fld = set((r["first_name"].lower(), r["last_name"].lower(), r["dob"]) for r in self.rows)
        self.ld = {}
        self.fd = set()
        for r in self.rows:
            self.ld.setdefault((r["last_name"].lower(), r["dob"]), []).append(r)
            self.fd.add((r["first_name"].lower(), r["dob"]))
        self.by_name = {}
        for r in self.rows:
            self.by_name.setdefault((r["first_name"].lower(), r["last_name"].lower()), []).append(r)
        self.dob_set = set(r["dob"] for r in self.rows)
        sexes = {}
        for r in self.rows:
            sexes.setdefault(r["first_name"], []).append(r["sex"])
        self.first_by_sex = {"M": [], "F": []}
        for n, s in sorted(sexes.items()):
            self.first_by_sex[max(set(s), key=s.count)].append(n)
        self.lasts = sorted(set(r["last_name"] for r in self.rows))
        self.cities = {}
        for r in self.rows:
            c = self.cities.setdefault((r["city"], r["state"]), {"zips": set(), "ac": set()})
            c["zips"].add(r["postal_code"])
            c["ac"].add(r["phone"][:3])
        self.city_keys = sorted(self.cities)

    def same_name_dob(self, r):
        return [x for x in self.ld.get((r["last_name"].lower(), r["dob"]), [])
                if x["first_name"].lower() == r["first_name"].lower() and x["mrn"] != r["mrn"]]


EXTRA_LAST = ["Albrecht", "Banerjee", "Cardenas", "Dubois", "Ekwueme", "Fontaine", "Gutierrez-Ruiz",
              "Holloway", "Ivanova", "Jorgensen", "Kaminski", "Laurent", "Marchetti", "Novak",
              "Oduya", "Pacheco", "Quigley", "Rinaldi", "Szabo", "Trujillo", "Ueda", "Villalobos",
              "Wojcik", "Yamamoto", "Zaragoza", "Bergstrom", "Castaneda", "Dvorak", "Esposito",
              "Fitzgerald", "Galloway", "Hendricks", "Ishikawa", "Jaramillo", "Kowalczyk",
              "Lindgren", "Mbeki", "Nakashima", "Ostrowski", "Pellegrino", "Ruelas", "Sorensen"]
MI_LETTERS = "AAABBCCDDEEEFGGHJJJKLLLMMMNPRRSSTTVW"


class Gen:
    def __init__(self, roster, seed):
        self.R = roster
        self.seed = seed
        self.rng = random.Random(f"foreignA-{seed}")
        self.used_numbers = set()

    # ---------------------------------------------------------------- numbers
    def safe_digits(self, r, n, lead=None):
        while True:
            s = (lead or str(r.randint(1, 9))) + "".join(str(r.randint(0, 9)) for _ in range(n - 1))
            if s not in self.R.mrn_digits and s.lstrip("0") not in self.R.mrn_digits \
                    and s[-7:] not in self.R.mrn_digits:
                return s

    def ok_number(self, s):
        d = "".join(c for c in s if c.isdigit())
        return d not in self.R.mrn_digits and d.lstrip("0") not in self.R.mrn_digits and \
            s.upper() not in self.R.mrn_upper

    # ---------------------------------------------------------------- people
    def mi_for(self, key):
        rr = random.Random(f"mi-{self.seed}-{key}")
        if rr.random() < 0.38:
            return ""
        return rr.choice(MI_LETTERS)

    def roster_person(self, r):
        row = r
        p = dict(first=row["first_name"], last=row["last_name"], dob=row["dob_d"], sex=row["sex"],
                 phone=row["phone"], address=row["address"], city=row["city"], state=row["state"],
                 zip=row["postal_code"], mrn=row["mrn"], who="roster", row=row,
                 mi=self.mi_for(row["mrn"]))
        return p

    def rand_dob(self, r, lo=1926, hi=2024):
        while True:
            y = r.randint(lo, hi)
            d = dt.date(y, 1, 1) + dt.timedelta(days=r.randint(0, 364))
            if d <= dt.date(2024, 12, 20):
                return d

    def rand_address(self, r, city_key=None):
        ck = city_key or r.choice(self.R.city_keys)
        c = self.R.cities[ck]
        st = "%d %s %s" % (r.randint(100, 9899), r.choice(STREETS), r.choice(SUFFIX))
        if r.random() < 0.2:
            st += r.choice([" Apt %d" % r.randint(1, 40), " Unit %d%s" % (r.randint(1, 30), r.choice("ABC")),
                            " #%d" % r.randint(100, 420)])
        return st, ck[0], ck[1], r.choice(sorted(c["zips"])), r.choice(sorted(c["ac"]))

    def rand_phone(self, r, ac):
        return "%s-%03d-%04d" % (ac, r.randint(200, 989), r.randint(0, 9999))

    def absent_person(self, r):
        R = self.R
        kind = r.choices(["surname", "first_last", "dob", "random"], [1, 1, 1, 3])[0]
        for _ in range(1000):
            base = r.choice(R.rows)
            sex = r.choice("MF")
            if kind == "surname":
                sex = base["sex"] if r.random() < 0.5 else sex
                first = r.choice(R.first_by_sex[sex])
                last = base["last_name"]
                dob = self.rand_dob(r)
                if r.random() < 0.3:   # same birth year as the look-alike
                    dob = self.rand_dob(r, base["dob_d"].year, base["dob_d"].year)
                if first == base["first_name"]:
                    continue
            elif kind == "first_last":
                first, last, sex = base["first_name"], base["last_name"], base["sex"]
                b = base["dob_d"]
                how = r.random()
                if how < 0.3 and b.day <= 12 and b.day != b.month:
                    dob = dt.date(b.year, b.day, b.month)          # month/day swapped
                elif how < 0.55:
                    dob = b + dt.timedelta(days=r.choice([-1, 1, 2, -2, 31, -31, 365, -365]))
                elif how < 0.7 and 1926 <= b.year + 10 <= 2024:
                    dob = b.replace(year=b.year + r.choice([-10, 10, -1, 1])) if not (b.month == 2 and b.day == 29) else b + dt.timedelta(days=3653)
                else:
                    dob = self.rand_dob(r)
            elif kind == "dob":
                dob = base["dob_d"]
                first = r.choice(R.first_by_sex[sex])
                last = r.choice(R.lasts + EXTRA_LAST)
                if first == base["first_name"] or last == base["last_name"]:
                    continue
            else:
                first = r.choice(R.first_by_sex[sex])
                last = r.choice(R.lasts + EXTRA_LAST * 3)
                dob = self.rand_dob(r)
            if dob > dt.date(2024, 12, 20) or dob.year < 1925:
                continue
            ds = dob.isoformat()
            if (first.lower(), last.lower(), ds) in R.fld:
                continue
            if (last.lower(), ds) in R.ld or (first.lower(), ds) in R.fd:
                continue
            # also avoid nicknames/near names of a roster patient with this dob
            bad = False
            for nm, nicks in NICK.items():
                if first in nicks and (nm.lower(), last.lower(), ds) in R.fld:
                    bad = True
            if bad:
                continue
            break
        ck = (base["city"], base["state"]) if r.random() < 0.5 else None
        st, city, state, zp, ac = self.rand_address(r, ck)
        p = dict(first=first, last=last, dob=dob, sex=sex, phone=self.rand_phone(r, ac), address=st,
                 city=city, state=state, zip=zp, mrn=None, who="absent", row=None,
                 mi=r.choice(MI_LETTERS) if r.random() < 0.6 else "", absent_kind=kind,
                 lookalike=base if kind != "random" else None)
        flags = []
        if kind == "random":
            if last in R.lasts:
                flags.append("surname occurs in roster")
            if ds in R.dob_set:
                flags.append("dob occurs in roster")
            if (first.lower(), last.lower()) in R.by_name:
                flags.append("first+last occurs in roster (different dob)")
        p["absent_flags"] = flags
        return p


# --------------------------------------------------------------------------
# per-document context
# --------------------------------------------------------------------------
class Doc:
    def __init__(self, g, r, person, doc_id):
        self.g, self.r, self.p, self.id = g, r, person, doc_id
        self.notes = []
        self.printed = {}          # kind -> list of strings describing how printed
        self.others = set()
        self.date = dt.date(2025, 1, 2) + dt.timedelta(days=r.randint(0, 300))
        while self.date.weekday() >= 5 and r.random() < 0.85:
            self.date += dt.timedelta(days=1)
        if self.date <= person["dob"]:
            self.date = person["dob"] + dt.timedelta(days=r.randint(20, 120))
        self.fax_date = self.date + dt.timedelta(days=r.choice([0, 0, 1, 1, 2, 3, 5, 8]))
        self.age = age_years(person["dob"], self.date)
        self.name_style = r.choices(
            ["LFM", "LF", "LfFm", "Lf", "FL", "FML", "LFs", "FLc", "LFMc", "FMLc"],
            [18, 14, 10, 8, 10, 7, 5, 4, 5, 4])[0]
        self.dob_style = r.choice(DOB_STYLES)
        self.dfmt = svc_date_fmt(r)
        self.label_case = r.choice(["as", "as", "upper"])
        self.first, self.last = person["first"], person["last"]
        self.alter = None
        self._setup_alterations()
        self._setup_mrn()
        self.want_addr = r.random() < 0.35
        self.want_phone = r.random() < 0.35
        self.area_city = (person["city"], person["state"]) if r.random() < 0.92 else r.choice(g.R.city_keys)
        ac = sorted(g.R.cities[self.area_city]["ac"])
        self.ac = r.choice(ac)
        self.recipient = r.choice(RECIPIENTS)
        if self.age < 18 and r.random() < 0.6:
            self.recipient = RECIPIENTS[4]
        g.R.cities[(person["city"], person["state"])] if person["who"] == "roster" else None
        self.rcpt_fax = self.phone_num(self.ac)
        self.rcpt_phone = self.phone_num(self.ac)

    # ---------------------------------------------------------------- setup
    def _setup_alterations(self):
        r, p, R = self.r, self.p, self.g.R
        if p["who"] != "roster":
            return
        x = r.random()
        if x < 0.06 and p["first"] in NICK:
            nick = r.choice(NICK[p["first"]])
            if (nick.lower(), p["last"].lower(), p["dob"].isoformat()) not in R.fld:
                self.first = nick
                self.alter = "nickname first name {}->{}".format(p["first"], nick)
                return
        if x < 0.135:
            for _ in range(20):
                which = "first" if r.random() < 0.45 else "last"
                orig = p[which]
                t = typo(r, orig)
                if not t or t == orig:
                    continue
                f = t if which == "first" else p["first"]
                l = t if which == "last" else p["last"]
                if (f.lower(), l.lower(), p["dob"].isoformat()) in R.fld:
                    continue
                if which == "first":
                    self.first = t
                else:
                    self.last = t
                self.alter = f"typo in {which} name {orig}->{t}"
                return

    def _setup_mrn(self):
        r, p, g = self.r, self.p, self.g
        self.mrn_mode = "none"
        self.mrn_text = None
        if p["who"] == "roster":
            x = r.random()
            if x < 0.46:
                self.mrn_mode = "exact"
                self.mrn_text = p["mrn"]
            elif x < 0.60:
                v = mrn_variant(r, p["mrn"], g.R)
                if v:
                    self.mrn_mode = "variant"
                    self.mrn_text = v
                else:
                    self.mrn_mode = "exact"
                    self.mrn_text = p["mrn"]
            elif x < 0.80:
                self.mrn_mode = "foreign"
            else:
                self.mrn_mode = "none"
        else:
            self.mrn_mode = "foreign" if r.random() < 0.55 else "none"
        if self.mrn_mode == "foreign":
            self.mrn_text = self.foreign_mrn()

    def foreign_mrn(self):
        r, g = self.r, self.g
        while True:
            k = r.random()
            if k < 0.3:
                s = g.safe_digits(r, r.choice([6, 7, 8]))
            elif k < 0.5:
                s = "00" + g.safe_digits(r, r.choice([6, 7, 8]))
            elif k < 0.65:
                s = r.choice(["E", "M", "H", "P", "RB", "MR", "SJ"]) + g.safe_digits(r, r.choice([6, 7, 8]))
            elif k < 0.8:
                s = g.safe_digits(r, 9)
            else:
                s = f"{g.safe_digits(r, 3)}-{g.safe_digits(r, 5)}"
            if g.ok_number(s):
                return s

    # ---------------------------------------------------------------- formatting
    def L(self, s):
        return s.upper() if self.label_case == "upper" else s

    def rec(self, kind, how):
        lst = self.printed.setdefault(kind, [])
        if how not in lst:
            lst.append(how)

    def name(self, style=None, mi=True):
        style = style or self.name_style
        f, l, m = self.first, self.last, self.p["mi"] if mi else ""
        s = {
            "LFM": lambda: "{}, {}{}".format(l.upper(), f.upper(), (" " + m) if m else ""),
            "LF": lambda: f"{l.upper()}, {f.upper()}",
            "LfFm": lambda: "{}, {}{}".format(l, f, (" " + m) if m else ""),
            "Lf": lambda: f"{l}, {f}",
            "FL": lambda: f"{f} {l}",
            "FML": lambda: "{} {}{}".format(f, (m + ". ") if m else "", l),
            "LFs": lambda: f"{l.upper()} {f.upper()}",
            "FLc": lambda: f"{f.upper()} {l.upper()}",
            "LFMc": lambda: "{},{}{}".format(l.upper(), f.upper(), (" " + m) if m else ""),
            "FMLc": lambda: "{} {}{}".format(f.upper(), (m + " ") if m else "", l.upper()),
        }[style]()
        self.rec("name", style)
        return s

    def lastfirst(self):
        """a last-first style consistent with doc's casing"""
        st = self.name_style
        if st in ("FL", "FML", "Lf", "LfFm"):
            return self.name("LfFm" if self.r.random() < 0.5 else "Lf")
        if st in ("FLc", "FMLc", "LFs"):
            return self.name("LF")
        return self.name(st)

    def fname(self):
        self.rec("name", "separate fields")
        return self.first

    def lname(self):
        self.rec("name", "separate fields")
        return self.last

    def mi(self):
        return self.p["mi"]

    def dob(self, style=None):
        style = style or self.dob_style
        self.rec("dob", style)
        return fmt_date(self.p["dob"], style)

    def age_str(self, style=None):
        y, m, d = age_parts(self.p["dob"], self.date)
        style = style or self.r.choice(["Y", "yrs", "plain", "yo", "years"])
        self.rec("age", "age")
        if y < 2:
            months = y * 12 + m
            if months == 0:
                return "%dD" % d if style in ("Y", "plain") else "%d days" % d
            return "%dM" % months if style in ("Y", "plain") else "%d mo" % months
        return {"Y": "%dY" % y, "yrs": "%d yrs" % y, "plain": "%d" % y, "yo": "%d y.o." % y,
                "years": "%d years" % y}[style]

    def sex(self, style=None):
        style = style or self.r.choice(["1", "1", "word", "WORD"])
        self.rec("sex", "sex")
        s = self.p["sex"]
        if style == "1":
            return s
        w = "Female" if s == "F" else "Male"
        return w.upper() if style == "WORD" else w

    def mrn(self):
        """patient record number as this facility prints it (or None)"""
        if self.mrn_text is None:
            return None
        if self.mrn_mode == "exact":
            self.rec("mrn", f"roster MRN exact ({self.mrn_text})")
        elif self.mrn_mode == "variant":
            self.rec("mrn", f"roster MRN as facility wrote it '{self.mrn_text}'")
        else:
            self.rec("mrn", f"facility's own number '{self.mrn_text}' (NOT roster MRN)")
        return self.mrn_text

    def mrn_label(self):
        lab = self.r.choice(["MRN", "MRN", "Med Rec #", "MR#", "Chart No", "Patient ID", "PID",
                             "Hosp #", "Medical Record #", "Chart #", "MRN", "Pt ID", "Acct #",
                             "MR No."])
        return self.L(lab)

    def address(self):
        self.rec("address", "address")
        p = self.p
        return p["address"], "{}, {} {}".format(p["city"], p["state"], p["zip"])

    def address1(self):
        a, b = self.address()
        return f"{a}, {b}"

    def phone(self, style=None):
        self.rec("phone", "phone")
        ph = self.p["phone"]
        style = style or self.r.choice(["dash", "paren", "dot", "dash"])
        return fmt_phone(ph, style)

    def other(self, kind):
        s = make_number(self, kind)
        self.others.add(kind)
        return s

    def dd(self, d, style=None):
        return fmt_date(d, style or self.dfmt)

    def phone_num(self, ac=None):
        return self.g.rand_phone(self.r, ac or self.ac)

    def time(self, military=None):
        h, m = self.r.randint(6, 18), self.r.randint(0, 59)
        if military is None:
            military = self.r.random() < 0.6
        if military:
            return "%02d:%02d" % (h, m)
        return "%d:%02d %s" % ((h - 1) % 12 + 1, m, "AM" if h < 12 else "PM")

    def name_label(self, choices=None):
        choices = choices or ["Patient", "PATIENT NAME", "Pt Name", "Name (Last, First)", "Patient Name",
                              "Name", "Patient", "Pt", "PATIENT"]
        lab = self.r.choice(choices)
        if "Last, First" in lab:
            return self.L(lab), self.lastfirst()
        return self.L(lab) if lab[0].islower() or lab[1:].islower() else lab, self.name()

    def dob_label(self):
        return self.L(self.r.choice(["DOB", "DOB", "D.O.B.", "Birth Date", "Date of Birth", "Born", "BD",
                                     "Birthdate", "DOB", "Date of Birth"]))

    def id_pairs(self, mrn=True, age=None, sex=True, extra=(), addr=None, phone=None, name_lab=None):
        """a list of (label, value) pairs identifying the patient"""
        r = self.r
        pairs = []
        nl, nv = name_lab if name_lab else self.name_label()
        pairs.append((nl, nv))
        combo = r.random() < 0.12
        if combo:
            pairs.append((self.L(r.choice(["DOB/Age/Sex", "DOB/Age/Gender", "Birth/Age/Sex"])),
                          "{} {} {}".format(self.dob(), self.age_str("Y"), self.sex("1"))))
        else:
            pairs.append((self.dob_label(), self.dob()))
            if age if age is not None else r.random() < 0.55:
                pairs.append((self.L(r.choice(["Age", "AGE", "Age"])), self.age_str()))
            if sex:
                pairs.append((self.L(r.choice(["Sex", "Gender", "Sex", "SEX"])), self.sex()))
        if mrn and self.mrn_text:
            pairs.append((self.mrn_label(), self.mrn()))
        for e in extra:
            pairs.append(e)
        if addr if addr is not None else self.want_addr:
            a, b = self.address()
            if r.random() < 0.5:
                pairs.append((self.L("Address"), f"{a}, {b}"))
            else:
                pairs.append((self.L("Address"), a))
                pairs.append((self.L("City/St/Zip"), b))
        if phone if phone is not None else self.want_phone:
            pairs.append((self.L(r.choice(["Phone", "Home Phone", "Tel", "Ph", "Pt Phone"])), self.phone()))
        return pairs

    def id_block(self, pairs, layout=None):
        r = self.r
        layout = layout or r.choice(["stack", "inline", "below", "boxed", "grid2", "grid2", "inline"])
        if layout == "stack":
            return stacked(pairs, sep=r.choice([":", ":", ""]) if True else ":")
        if layout == "inline":
            return inline_pairs(pairs, gap=r.choice(["   ", "  ", "    "]))
        if layout == "below":
            return cols_below(pairs)
        if layout == "boxed":
            return cols_below(pairs, boxed=True)
        return grid2(pairs)


def fmt_phone(ph, style):
    a, b, c = ph.split("-")
    if style == "paren":
        return f"({a}) {b}-{c}"
    if style == "dot":
        return f"{a}.{b}.{c}"
    if style == "plain":
        return a + b + c
    if style == "space":
        return f"{a} {b} {c}"
    return ph


def typo(r, s):
    if len(s) < 4:
        return None
    letters = [i for i, c in enumerate(s) if c.isalpha()]
    i = r.choice(letters[1:])
    kind = r.choice(["sub", "del", "swap", "dup"])
    c = s[i]
    if kind == "sub":
        near = {"a": "e", "e": "a", "i": "y", "y": "i", "o": "a", "u": "o", "n": "m", "m": "n",
                "c": "k", "k": "c", "s": "z", "z": "s", "t": "d", "d": "t", "l": "ll", "r": "n",
                "h": "n", "g": "q", "b": "d", "v": "b", "f": "ph", "w": "v", "x": "ks", "j": "g",
                "p": "b", "q": "g"}
        rep = near.get(c.lower(), "e")[0]
        rep = rep.upper() if c.isupper() else rep
        t = s[:i] + rep + s[i + 1:]
    elif kind == "del":
        t = s[:i] + s[i + 1:]
    elif kind == "swap":
        if i + 1 >= len(s) or not s[i + 1].isalpha() or s[i + 1] == c:
            return None
        t = s[:i] + s[i + 1] + c + s[i + 2:]
    else:
        t = s[:i] + c + s[i:]
    return t if t != s else None


def mrn_variant(r, mrn, R):
    digits = "".join(c for c in mrn if c.isdigit())
    cands = []
    if mrn.upper().startswith("MRN"):
        cands += ["MRN " + digits, "MRN-" + digits, "mrn" + digits, "MRN#" + digits]
        if digits not in R.mrns:
            cands += [digits, digits]
        cands += ["000" + digits, "00" + digits]
    else:
        cands += ["000" + digits, "00" + digits, "0" + digits, "E" + digits, "M" + digits,
                  digits[:3] + "-" + digits[3:], "00" + digits]
    cands = [c for c in cands if c not in R.mrns or c == mrn]
    cands = [c for c in cands if c != mrn]
    return r.choice(cands) if cands else None


def make_number(D, kind):
    r, g = D.r, D.g
    sd = g.safe_digits
    for _ in range(100):
        if kind == "accession":
            s = r.choice([
                lambda: "{}{}{}".format(r.choice(["WB", "EN", "SL", "KC", "AT", "TR"]), sd(r, 6), r.choice("QRXAB")),
                lambda: "{}-{}-{}".format(sd(r, 2, "2"), sd(r, 3), sd(r, 7)),
                lambda: "%s%02d-%s" % (r.choice(["C", "H", "L", "CH", "M"]), D.date.year % 100, sd(r, 5)),
                lambda: "{}{}".format(D.date.strftime("%y%j"), sd(r, 5)),
                lambda: f"{sd(r, 3)}-{sd(r, 3)}-{sd(r, 4)}-{r.randint(0, 9)}",
            ])()
        elif kind == "req":
            s = sd(r, r.choice([7, 8, 10]))
        elif kind == "order":
            s = r.choice(["ORD", "O", ""]) + sd(r, r.choice([7, 8, 9]))
        elif kind == "acct":
            s = r.choice(["", "", "A", "V", "ACC"]) + sd(r, r.choice([8, 9, 10]))
        elif kind == "fin":
            s = sd(r, r.choice([9, 10, 12]))
        elif kind == "npi":
            s = luhn_npi("1" + sd(r, 8, str(r.randint(0, 9))))
        elif kind == "member":
            if r.random() < 0.25:
                chars = "ACDEFGHJKMNPQRTUVWXY"
                s = "%d%s%s%d-%s%s%d-%s%s%d%d" % (r.randint(1, 9), r.choice(chars), r.choice(chars + "0123456789"),
                                                   r.randint(0, 9), r.choice(chars), r.choice(chars + "0123456789"),
                                                   r.randint(0, 9), r.choice(chars), r.choice(chars),
                                                   r.randint(0, 9), r.randint(0, 9))
            else:
                s = r.choice(INS_PREFIX) + sd(r, r.choice([8, 9, 10]))
        elif kind == "group":
            s = r.choice(["", "", "GRP", "0"]) + sd(r, r.choice([5, 6, 7]))
        elif kind == "claim":
            s = D.date.strftime("%Y%m%d") + sd(r, 5)
        elif kind == "rx":
            s = sd(r, 7)
        elif kind == "clia":
            s = "%02dD%s" % (r.randint(1, 52), sd(r, 7, str(r.randint(0, 9))))
        elif kind == "auth":
            s = r.choice(["PA", "AUTH", "", "A"]) + sd(r, r.choice([8, 9, 10]))
        elif kind == "case":
            s = "%s%02d-%s" % (r.choice(["S", "SP", "SX", "DS"]), D.date.year % 100, sd(r, 5))
        elif kind == "registry":
            s = sd(r, r.choice([8, 9, 10]))
        elif kind == "specimen":
            s = sd(r, r.choice([10, 11]))
        elif kind == "encounter":
            s = r.choice(["E", "ENC", ""]) + sd(r, r.choice([9, 10]))
        elif kind == "trace":
            s = sd(r, 12)
        elif kind == "client":
            s = sd(r, r.choice([5, 6, 8]))
        elif kind == "provno":
            s = sd(r, 6)
        elif kind == "ssn4":
            s = "XXX-XX-%04d" % r.randint(1, 9999)
            return s
        else:
            s = sd(r, 8)
        if g.ok_number(s) and s not in g.used_numbers:
            g.used_numbers.add(s)
            return s
    return s

# --------------------------------------------------------------------------
# facilities, providers, letterheads, fax frames
# --------------------------------------------------------------------------
FAC_NAMES = {
    "lab": ["{R} Reference Laboratories", "{R} Clinical Labs", "{R} Diagnostic Laboratories",
            "Pinnacle Diagnostics - {C}", "MedLab Partners of {C}", "{R} Lab Services, LLC",
            "Precision Reference Lab", "ClearPath Laboratories", "{C} Regional Laboratory"],
    "hospital": ["{S} Hospital", "{C} General Hospital", "{R} Medical Center", "{R} Regional Health",
                 "{S} Medical Center", "University Hospital of {C}", "{R} Memorial Hospital"],
    "imaging": ["{R} Imaging Center", "Advanced Radiology of {C}", "{C} Open MRI & Imaging",
                "{R} Diagnostic Imaging", "{S} Outpatient Imaging"],
    "path": ["{R} Pathology Associates", "{C} Dermatopathology, PLLC", "{S} Anatomic Pathology",
             "{R} Cytopathology Laboratory"],
    "pharmacy": ["{R} Pharmacy #{N}", "Corner Drug of {C}", "{R} Apothecary", "CareRx Pharmacy #{N}",
                 "Neighborhood Pharmacy - {C}", "ValuCare Drugs #{N}"],
    "cardio": ["{R} Heart & Vascular", "{C} Cardiology Associates", "{S} Heart Institute",
               "{R} Cardiovascular Consultants"],
    "sleep": ["{R} Sleep Disorders Center", "{C} Sleep Medicine Institute", "{S} Sleep Lab"],
    "pulm": ["{R} Pulmonary & Critical Care", "{C} Lung Center", "{S} Pulmonary Function Lab"],
    "gi": ["{R} Gastroenterology", "{C} Endoscopy Center", "{R} Digestive Health Specialists"],
    "homehealth": ["{R} Home Health Services", "Comfort Care Home Health of {C}", "{S} Home Care",
                   "BrightPath Home Health Agency"],
    "dme": ["{R} Medical Supply", "{C} Home Medical Equipment", "AllCare DME Solutions",
            "{R} Respiratory & Mobility"],
    "snf": ["{R} Nursing & Rehabilitation Center", "{S} Care Center", "The Gardens at {C}",
            "{R} Senior Living & Rehab", "Willow Creek Health Care Center"],
    "pt": ["{R} Physical Therapy", "{C} Sports & Spine Rehab", "Motion Works PT - {C}",
           "{S} Outpatient Rehabilitation"],
    "clinic": ["{R} Family Practice", "{C} Internal Medicine Associates", "{R} Orthopaedic Group",
               "{C} Pediatric Associates", "{R} Multispecialty Clinic", "{S} Medical Group",
               "{C} Endocrinology & Diabetes Center", "{R} Urgent Care"],
    "school": ["{C} Public Schools", "{R} Unified School District", "{S} Catholic School",
               "{R} Elementary School", "{R} Middle School", "{C} Charter Academy"],
    "hs": ["{R} High School", "{C} Central High School", "{S} Academy", "{R} Preparatory Academy",
           "{C} West High School"],
    "fp": ["{R} Family Practice", "{C} Internal Medicine Associates", "{R} Family Medicine",
           "{R} Primary Care", "{S} Medical Group", "{R} Urgent Care", "{C} Community Health Center"],
    "peds": ["{C} Pediatric Associates", "{R} Pediatrics", "Kids First Pediatrics of {C}",
             "{R} Children's Clinic", "{R} Family Medicine", "{C} Community Health Center"],
    "ed": ["{S} Hospital Emergency Department", "{C} General Hospital - Emergency Dept",
           "{R} Medical Center Emergency Services"],
}
STATE_NAMES = {"KY": "Kentucky", "TN": "Tennessee", "GA": "Georgia", "CA": "California", "MD": "Maryland",
               "MA": "Massachusetts", "ME": "Maine", "NH": "New Hampshire", "CO": "Colorado",
               "TX": "Texas", "MO": "Missouri", "NE": "Nebraska", "OR": "Oregon", "IL": "Illinois",
               "NJ": "New Jersey", "MI": "Michigan", "NY": "New York", "VA": "Virginia", "IA": "Iowa",
               "FL": "Florida", "WA": "Washington", "WI": "Wisconsin", "OH": "Ohio", "ID": "Idaho",
               "AR": "Arkansas", "MS": "Mississippi", "VT": "Vermont", "UT": "Utah", "NM": "New Mexico",
               "IN": "Indiana", "NC": "North Carolina", "AL": "Alabama", "PA": "Pennsylvania",
               "AZ": "Arizona", "MN": "Minnesota", "SC": "South Carolina", "LA": "Louisiana",
               "OK": "Oklahoma", "KS": "Kansas", "NV": "Nevada", "CT": "Connecticut", "RI": "Rhode Island",
               "DE": "Delaware", "WV": "West Virginia", "SD": "South Dakota", "ND": "North Dakota",
               "MT": "Montana", "WY": "Wyoming", "HI": "Hawaii", "AK": "Alaska", "DC": "District of Columbia"}


def facility(D, kind, city_key=None):
    r = D.r
    ck = city_key or D.area_city
    c = D.g.R.cities[ck]
    ac = r.choice(sorted(c["ac"]))
    pat = r.choice(FAC_NAMES[kind])
    name = pat.format(R=r.choice(REGIONS), C=ck[0], S=r.choice(SAINTS), N=r.randint(1000, 9999))
    addr = "%d %s %s" % (r.randint(10, 9999), r.choice(STREETS), r.choice(SUFFIX))
    if r.random() < 0.45:
        addr += r.choice([", Suite %d" % r.randint(100, 650), ", Ste %d" % r.randint(1, 400),
                          ", Bldg {}".format(r.choice("ABCD")), ", Floor %d" % r.randint(1, 6)])
    f = dict(name=name, addr=addr, city=ck[0], state=ck[1], zip=r.choice(sorted(c["zips"])),
             phone=D.g.rand_phone(r, ac), fax=D.g.rand_phone(r, ac), kind=kind)
    if r.random() < 0.3:
        f["tollfree"] = "%s-%03d-%04d" % (r.choice(["800", "888", "866", "877"]), r.randint(200, 999),
                                          r.randint(0, 9999))
    return f


def csz(f):
    return "{}, {} {}".format(f["city"], f["state"], f["zip"])


def provider(D, specialty=None, city_key=None):
    r = D.r
    first, last = r.choice(PROV_FIRST), r.choice(PROV_LAST)
    cred = r.choice(CREDS)
    p = dict(first=first, last=last, cred=cred, npi=D.other("npi"), mi=r.choice("ABCDEFGHJKLMNPRSTW"))
    p["practice"] = None
    return p


def pname(pr, style=None, r=None):
    style = style or (r.choice(["FL", "LF", "Dr", "FML", "LFU"]) if r else "FL")
    if style == "FL":
        return "{} {}, {}".format(pr["first"], pr["last"], pr["cred"])
    if style == "FML":
        return "{} {}. {}, {}".format(pr["first"], pr["mi"], pr["last"], pr["cred"])
    if style == "LF":
        return "{}, {} {}".format(pr["last"], pr["first"], pr["cred"].split(",")[0])
    if style == "LFU":
        return "{}, {}".format(pr["last"].upper(), pr["first"].upper())
    if style == "Dr":
        return "Dr. {} {}".format(pr["first"][0] + ".", pr["last"])
    return "{} {}".format(pr["first"], pr["last"])


def letterhead(D, f, style=None, right=None):
    r = D.r
    style = style or r.choice(["center", "left", "rightinfo", "caps", "bar"])
    ph = fmt_phone(f["phone"], r.choice(["dash", "paren", "dot"]))
    fx = fmt_phone(f["fax"], r.choice(["dash", "paren", "dot"]))
    tpl = r.choice(["Phone: %s   Fax: %s", "Tel %s | Fax %s", "P: %s  F: %s", "Ph %s  Fax %s",
                    "Phone %s * Fax %s", "T %s  F %s"])
    tel = tpl % (ph, fx)
    if f.get("tollfree") and r.random() < 0.6:
        tel += "  Toll-free {}".format(f["tollfree"])
    lines = []
    if style == "center":
        lines = [center(f["name"].upper()), center(f["addr"] + " - " + csz(f)), center(tel)]
    elif style == "caps":
        lines = [center(" ".join(f["name"].upper())) if len(f["name"]) < 44 else center(f["name"].upper()),
                 center("{}  *  {}".format(f["addr"], csz(f))), center(tel)]
    elif style == "left":
        lines = [f["name"], f["addr"], csz(f), tel]
    elif style == "bar":
        lines = ["=" * W, " " + f["name"].upper(), " " + f["addr"] + ", " + csz(f) + "   " + tel
                 if len(f["addr"] + csz(f) + tel) < 80 else " " + f["addr"] + ", " + csz(f)]
        if len(lines[-1]) > W or tel not in lines[-1]:
            lines.append(" " + tel)
        lines.append("=" * W)
    else:
        rt = right or []
        left = [f["name"].upper(), f["addr"], csz(f), tel]
        lines = side(left, rt, 56) if rt else left
    return [ln[:W] for ln in lines]


def FAX_SENDER_TAGS(f):
    return f["name"].upper()[:24]


def fax_header(D, f, idx, total, style):
    d, t = D.fax_date, D.fax_time
    fx = f["fax"]
    tag = D.fax_tag
    if style == 0:
        return "%s %s FAX %s %-26s P.%03d/%03d" % (d.strftime("%m/%d/%Y"), t[:5], fx.replace("-", ""), tag, idx, total)
    if style == 1:
        return "%s %s   %s   %s   p.%d" % (d.strftime("%b %d %Y"), ampm(t), tag, fmt_phone(fx, "paren"), idx)
    if style == 2:
        return "From: %s  Fax: %s  Page %d of %d  %s %s" % (
            tag.title()[:22].strip(), fmt_phone(fx, "paren"), idx, total,
            d.strftime("%m/%d/%Y"), ampm(t, secs=True))
    if style == 3:
        return "%s %s (GMT-05:00)  %s  From: %s   Page %d/%d" % (d.isoformat(), t, fx.replace("-", ""), tag, idx, total)
    if style == 4:
        return "%s/%s/%s %s  %s  ->  %s      %03d/%03d" % (
            d.strftime("%m"), d.strftime("%d"), d.strftime("%y"), t[:5], fx.replace("-", ""),
            D.rcpt_fax.replace("-", ""), idx, total)
    if style == 5:
        return "%-40s%s" % ("{}  {}".format(d.strftime("%d-%b-%Y"), t[:5]), "FROM:%s  PAGE %d OF %d" % (fx, idx, total))
    if style == 6:
        return "RECEIVED %s %s  %s   FROM %s  P %03d/%03d" % (
            d.strftime("%m/%d/%Y"), t[:5], D.rcpt_fax.replace("-", ""), fx.replace("-", ""), idx, total)
    return "%s %s  %s  %s  #%d P.%d/%d" % (d.strftime("%a %b %d %Y"), ampm(t), tag, fx, D.job, idx, total)


def ampm(t, secs=False):
    h, m = int(t[:2]), int(t[3:5])
    s = ":%02d" % int(t[6:8]) if secs and len(t) >= 8 else ""
    return "%d:%02d%s %s" % ((h - 1) % 12 + 1, m, s, "AM" if h < 12 else "PM")


CONFID = [
    "CONFIDENTIALITY NOTICE: This facsimile contains protected health information that is "
    "privileged and confidential under HIPAA (45 CFR Parts 160 and 164). It is intended only for "
    "the use of the recipient named above. If you have received this fax in error, please notify "
    "the sender immediately by telephone and destroy the transmitted documents.",
    "The documents accompanying this transmission contain confidential health information that is "
    "legally privileged. Redisclosure without additional patient consent or as permitted by law is "
    "prohibited. If you are not the intended recipient, call us at the number above.",
    "NOTICE: The information in this fax is confidential and is intended solely for the addressee. "
    "Any review, dissemination or copying of this communication by anyone other than the intended "
    "recipient is strictly prohibited.",
]


def cover_sheet(D, f, sender_person, npages, subject):
    r = D.r
    rname, rattn = D.recipient
    lines = []
    style = r.randint(0, 3)
    if style == 0:
        lines += letterhead(D, f, "center") + [""]
        lines += [center("F A X   T R A N S M I T T A L"), ""]
    elif style == 1:
        lines += ["", "FAX", "=" * 30] + letterhead(D, f, "left") + [""]
    elif style == 2:
        lines += letterhead(D, f, "bar") + ["", center("FACSIMILE COVER SHEET"), ""]
    else:
        lines += [center(f["name"]), center("FAX COVER"), ""]
    date_s = D.fax_date.strftime(r.choice(["%m/%d/%Y", "%B %d, %Y", "%m/%d/%y"]))
    pairs = [("To", f"{rattn} - {rname}" if r.random() < 0.6 else rname),
             ("Fax", fmt_phone(D.rcpt_fax, "paren")),
             ("Phone", fmt_phone(D.rcpt_phone, "dash")),
             ("From", sender_person or f["name"]),
             ("Fax", fmt_phone(f["fax"], "paren")),
             ("Phone", fmt_phone(f["phone"], "dash")),
             ("Date", date_s),
             ("Pages", "%d (including cover)" % npages if r.random() < 0.6 else str(npages))]
    if r.random() < 0.5:
        lines += grid2([pairs[0], pairs[3], pairs[1], pairs[4], pairs[2], pairs[5], pairs[6], pairs[7]],
                       colw=46)
    else:
        lines += stacked(pairs, lw=10)
    lines.append("")
    re_mode = r.random()
    if re_mode < 0.45:
        nm = D.name(r.choice(["FL", "LF", "Lf", "FML"]))
        extra = ""
        if r.random() < 0.6:
            extra = "  DOB " + D.dob()
        lines.append(f"Re: {nm}{extra} - {subject}" if r.random() < 0.5 else
                     f"RE: Patient {nm}{extra}")
        D.rec("cover_re", "patient named on fax cover")
    else:
        lines.append("Re: " + subject)
    lines.append("")
    boxes = ["Urgent", "For Review", "Please Comment", "Please Reply", "Please Recycle", "FYI"]
    sel = r.choice(boxes[:4] + ["FYI"])
    lines.append("  ".join(f"{chk(b == sel)} {b}" for b in boxes[:5]))
    lines.append("")
    if "signature" in subject.lower():
        msg = r.choice(["Please review, sign and date where indicated and fax back to the number above.",
                        "Signature required - please return within 48 hours to avoid delay in services.",
                        "Second request. Please sign and return the attached order."])
    elif subject.lower().startswith(("prior", "eligib", "referral", "new patient", "resident")):
        msg = r.choice(["Attached for your records.", "Please see attached and file in the patient's chart.",
                        "Sending per your office's request. Call with any questions."])
    else:
        msg = r.choice([
            "Please see attached results for your patient. Call with any questions.",
            "Attached are the requested records. Please file in the patient's chart.",
            "Results attached per your order. A copy has been sent to the patient portal.",
            "Sending for your records. Original will not follow.",
            f"Comments: Requested by your office on {D.dd(D.date)}.",
            "Please forward to the ordering provider. Thank you!",
        ])
    lines += wrap("Message: " + msg if r.random() < 0.5 else msg)
    lines += [""] * r.randint(3, 10)
    lines += wrap(r.choice(CONFID))
    return lines


def cont_header(D, extra=None):
    """short patient header for page 2+; returns callable producing lines"""
    r = D.r
    s = r.randint(0, 5)
    nm = D.name(r.choice([D.name_style, "LF", "LFM", "Lf"]))
    db = D.dob()
    mrn = D.mrn_text

    def make():
        if s == 0:
            out = ["{}  DOB {}{}".format(nm, db, "  " + extra if extra else ""), ""]
            out[0] = rjust_pair(out[0], f"Page {PG} of {NPG}")[0]
        elif s == 1:
            parts = [f"Patient: {nm}", f"DOB: {db}"]
            if mrn:
                parts.append("{}: {}".format("MRN", mrn))
            parts.append(f"Page {PG}")
            out = [" | ".join(parts), "-" * W]
        elif s == 2:
            out = rjust_pair(f"{nm} ({db})", (extra or "") + f"  Page {PG}/{NPG}") + [""]
        elif s == 3:
            out = [f"Name: {nm}    Birth Date: {db}    (continued)", ""]
        elif s == 4:
            out = ["%-34s%-22s%s" % (nm[:33], "DOB: " + db, ("Acc: " + extra) if extra else ""),
                   rjust_pair("", f"Page {PG} of {NPG}")[0], ""]
        else:
            out = ["CONTINUED  {}  {}  {}".format(nm, db, ("MRN " + mrn) if mrn else ""), "=" * 60, ""]
        return [x.rstrip() for x in out]
    if mrn and s in (1, 5):
        D.mrn()
    return make


def paginate(D, first, body, cont, foot=None, maxl=None):
    maxl = maxl or D.r.randint(56, 66)
    pages, cur = [], list(first)
    for ln in body:
        if ln == PAGEBREAK or len(cur) >= maxl:
            pages.append(cur)
            cur = list(cont()) if cont else []
            if ln == PAGEBREAK:
                continue
        cur.append(ln)
    pages.append(cur)
    if foot:
        for pg in pages:
            pg += foot()
    return pages


def page_foot(D, text=None, style=None):
    r = D.r
    style = style if style is not None else r.randint(0, 3)

    def f():
        if style == 0:
            return ["", rjust_pair(text or "", f"Page {PG} of {NPG}")[0]]
        if style == 1:
            return ["", center(f"Page {PG} of {NPG}")]
        if style == 2:
            return ["", "-" * W, rjust_pair(text or "CONFIDENTIAL", f"{PG}/{NPG}")[0]]
        return ["", ("{}   Printed {}   Page {}".format(text or "", D.dd(D.fax_date), PG))[-W:].strip()
                if len(text or "") < 60 else f"Printed {D.dd(D.fax_date)}   Page {PG}"]
    return f


# --------------------------------------------------------------------------
# assembly
# --------------------------------------------------------------------------
def assemble(D, sender, body_pages, subject, cover_prob=0.33, sender_person=None):
    r = D.r
    D.fax_time = "%02d:%02d:%02d" % (r.randint(7, 19), r.randint(0, 59), r.randint(0, 59))
    D.job = r.randint(100, 9999)
    D.fax_tag = sender["name"].upper()[:r.choice([18, 20, 22, 26])].strip()
    pages = [list(p) for p in body_pages]
    nb = len(pages)
    for i, pg in enumerate(pages):
        for j, ln in enumerate(pg):
            pg[j] = ln.replace(NPG, str(nb)).replace(PG, str(i + 1))
    cover = r.random() < cover_prob
    if cover:
        pages.insert(0, cover_sheet(D, sender, sender_person, nb + 1, subject))
    total = len(pages)
    style = r.randint(0, 7)
    second = r.random() < 0.12
    out = []
    for i, pg in enumerate(pages):
        hdr = [fax_header(D, sender, i + 1, total, style)]
        if second:
            hdr.insert(0, "RCVD %s %s   FAX SERVER  %s   PG %d" % (
                D.fax_date.strftime("%m/%d/%Y"), D.fax_time[:5], D.rcpt_fax.replace("-", ""), i + 1))
        blank = [""] if r.random() < 0.7 else []
        out.append(hdr + blank + pg)
    D.n_pages = total
    D.cover = cover
    text_pages = []
    for pg in out:
        fixed = []
        for ln in pg:
            ln = ln.rstrip()
            if len(ln) > W:
                D.g.overlong += 1
                if os.environ.get("FXA_DEBUG"):
                    print(f"LONG[{D.tkey}] {ln!r}")
                fixed += textwrap.wrap(ln, W, subsequent_indent="  ", break_long_words=True)
            else:
                fixed.append(ln)
        text_pages.append("\n".join(fixed))
    return "\n\f\n".join(text_pages) + "\n"

# --------------------------------------------------------------------------
# laboratory content
# --------------------------------------------------------------------------
# name: (short, units, lo, hi, decimals, abnormal_lo, abnormal_hi)
TESTS = {
    "Glucose": ("GLU", "mg/dL", 65, 99, 0, 48, 260),
    "BUN": ("BUN", "mg/dL", 7, 25, 0, 4, 48),
    "Creatinine": ("CREAT", "mg/dL", 0.60, 1.30, 2, 0.4, 2.9),
    "eGFR": ("EGFR", "mL/min/1.73m2", 60, 9999, 0, 22, 59),
    "BUN/Creatinine Ratio": ("B/C", "(calc)", 6, 22, 0, 3, 35),
    "Sodium": ("NA", "mmol/L", 135, 146, 0, 126, 152),
    "Potassium": ("K", "mmol/L", 3.5, 5.3, 1, 2.9, 6.1),
    "Chloride": ("CL", "mmol/L", 98, 110, 0, 90, 116),
    "Carbon Dioxide": ("CO2", "mmol/L", 20, 32, 0, 15, 36),
    "Calcium": ("CA", "mg/dL", 8.6, 10.3, 1, 7.6, 11.4),
    "Protein, Total": ("TP", "g/dL", 6.1, 8.1, 1, 5.2, 9.0),
    "Albumin": ("ALB", "g/dL", 3.6, 5.1, 1, 2.6, 5.6),
    "Globulin": ("GLOB", "g/dL (calc)", 1.9, 3.7, 1, 1.4, 4.6),
    "Albumin/Globulin Ratio": ("A/G", "(calc)", 1.0, 2.5, 1, 0.6, 2.9),
    "Bilirubin, Total": ("TBIL", "mg/dL", 0.2, 1.2, 1, 0.1, 3.4),
    "Alkaline Phosphatase": ("ALKP", "U/L", 37, 153, 0, 20, 310),
    "AST": ("AST", "U/L", 10, 35, 0, 6, 140),
    "ALT": ("ALT", "U/L", 6, 29, 0, 4, 160),
    "WBC": ("WBC", "Thousand/uL", 3.8, 10.8, 1, 2.1, 18.4),
    "RBC": ("RBC", "Million/uL", 3.80, 5.10, 2, 3.0, 6.0),
    "Hemoglobin": ("HGB", "g/dL", 11.7, 15.5, 1, 8.4, 17.8),
    "Hematocrit": ("HCT", "%", 35.0, 45.0, 1, 27.0, 52.0),
    "MCV": ("MCV", "fL", 80.0, 100.0, 1, 70.0, 108.0),
    "MCH": ("MCH", "pg", 27.0, 33.0, 1, 23.0, 36.0),
    "MCHC": ("MCHC", "g/dL", 32.0, 36.0, 1, 30.0, 37.0),
    "RDW": ("RDW", "%", 11.0, 15.0, 1, 10.0, 19.0),
    "Platelet Count": ("PLT", "Thousand/uL", 140, 400, 0, 88, 520),
    "MPV": ("MPV", "fL", 7.5, 12.5, 1, 6.5, 13.5),
    "Absolute Neutrophils": ("ANC", "cells/uL", 1500, 7800, 0, 900, 13000),
    "Absolute Lymphocytes": ("ALC", "cells/uL", 850, 3900, 0, 500, 5200),
    "Absolute Monocytes": ("AMC", "cells/uL", 200, 950, 0, 100, 1400),
    "Absolute Eosinophils": ("AEC", "cells/uL", 15, 500, 0, 5, 900),
    "Cholesterol, Total": ("CHOL", "mg/dL", 0, 199, 0, 0, 286),
    "HDL Cholesterol": ("HDL", "mg/dL", 40, 9999, 0, 24, 39),
    "Triglycerides": ("TRIG", "mg/dL", 0, 149, 0, 0, 412),
    "LDL-Cholesterol": ("LDL", "mg/dL (calc)", 0, 99, 0, 0, 196),
    "Chol/HDLC Ratio": ("RATIO", "(calc)", 0, 5.0, 1, 0, 7.4),
    "Non HDL Cholesterol": ("NONHDL", "mg/dL (calc)", 0, 129, 0, 0, 225),
    "Hemoglobin A1c": ("A1C", "% of total Hgb", 0, 5.6, 1, 0, 10.8),
    "TSH": ("TSH", "mIU/L", 0.40, 4.50, 2, 0.05, 11.2),
    "T4, Free": ("FT4", "ng/dL", 0.8, 1.8, 1, 0.5, 2.4),
    "Vitamin D, 25-OH, Total": ("VITD", "ng/mL", 30, 100, 0, 9, 29),
    "Vitamin B12": ("B12", "pg/mL", 200, 1100, 0, 120, 1800),
    "Ferritin": ("FERR", "ng/mL", 16, 232, 0, 5, 640),
    "Iron, Total": ("FE", "mcg/dL", 45, 160, 0, 18, 210),
    "Magnesium": ("MG", "mg/dL", 1.5, 2.5, 1, 1.1, 3.0),
    "Phosphorus": ("PHOS", "mg/dL", 2.5, 4.5, 1, 1.8, 5.6),
    "C-Reactive Protein": ("CRP", "mg/L", 0, 8.0, 1, 0, 64.0),
    "Sed Rate by Modified Westergren": ("ESR", "mm/h", 0, 20, 0, 0, 72),
    "PSA, Total": ("PSA", "ng/mL", 0, 4.0, 2, 0, 11.8),
    "Prothrombin Time": ("PT", "sec", 9.0, 11.5, 1, 8.0, 32.0),
    "INR": ("INR", "", 0.9, 1.1, 1, 0.8, 3.6),
    "Uric Acid": ("URIC", "mg/dL", 2.5, 7.0, 1, 1.8, 10.4),
    "NT-proBNP": ("BNP", "pg/mL", 0, 125, 0, 0, 2400),
    "Troponin I, High Sensitivity": ("TROP", "ng/L", 0, 17, 0, 0, 210),
    "Lactic Acid": ("LACT", "mmol/L", 0.5, 2.0, 1, 0.3, 5.2),
    "Lipase": ("LIPA", "U/L", 7, 60, 0, 3, 620),
    "Microalbumin/Creatinine Ratio": ("UACR", "mcg/mg creat", 0, 30, 0, 0, 310),
}
PANELS = {
    "COMPREHENSIVE METABOLIC PANEL": ["Glucose", "BUN", "Creatinine", "eGFR", "BUN/Creatinine Ratio",
                                      "Sodium", "Potassium", "Chloride", "Carbon Dioxide", "Calcium",
                                      "Protein, Total", "Albumin", "Globulin", "Albumin/Globulin Ratio",
                                      "Bilirubin, Total", "Alkaline Phosphatase", "AST", "ALT"],
    "BASIC METABOLIC PANEL": ["Glucose", "BUN", "Creatinine", "eGFR", "Sodium", "Potassium", "Chloride",
                              "Carbon Dioxide", "Calcium"],
    "CBC (INCLUDES DIFF/PLT)": ["WBC", "RBC", "Hemoglobin", "Hematocrit", "MCV", "MCH", "MCHC", "RDW",
                                "Platelet Count", "MPV", "Absolute Neutrophils", "Absolute Lymphocytes",
                                "Absolute Monocytes", "Absolute Eosinophils"],
    "LIPID PANEL, STANDARD": ["Cholesterol, Total", "HDL Cholesterol", "Triglycerides", "LDL-Cholesterol",
                              "Chol/HDLC Ratio", "Non HDL Cholesterol"],
    "HEMOGLOBIN A1c": ["Hemoglobin A1c"],
    "TSH W/REFLEX TO FT4": ["TSH", "T4, Free"],
    "VITAMIN D, 25-HYDROXY": ["Vitamin D, 25-OH, Total"],
    "VITAMIN B12": ["Vitamin B12"],
    "IRON AND FERRITIN": ["Iron, Total", "Ferritin"],
    "MAGNESIUM": ["Magnesium"],
    "PSA, TOTAL": ["PSA, Total"],
    "PROTHROMBIN TIME WITH INR": ["Prothrombin Time", "INR"],
    "URIC ACID": ["Uric Acid"],
    "C-REACTIVE PROTEIN": ["C-Reactive Protein"],
    "SED RATE": ["Sed Rate by Modified Westergren"],
    "MICROALBUMIN, RANDOM URINE W/CREAT": ["Microalbumin/Creatinine Ratio"],
}
UA = [("Color", "YELLOW", "YELLOW"), ("Appearance", "CLEAR", "CLEAR"), ("Specific Gravity", "1.018", "1.001-1.035"),
      ("pH", "6.0", "5.0-8.0"), ("Glucose", "NEGATIVE", "NEGATIVE"), ("Bilirubin", "NEGATIVE", "NEGATIVE"),
      ("Ketones", "NEGATIVE", "NEGATIVE"), ("Occult Blood", "NEGATIVE", "NEGATIVE"),
      ("Protein", "NEGATIVE", "NEGATIVE"), ("Nitrite", "NEGATIVE", "NEGATIVE"),
      ("Leukocyte Esterase", "NEGATIVE", "NEGATIVE"), ("WBC", "0-5", "<=5 /HPF"), ("RBC", "0-2", "<=2 /HPF"),
      ("Squamous Epithelial Cells", "NONE SEEN", "<=5 /HPF"), ("Bacteria", "NONE SEEN", "NONE SEEN /HPF")]


CRIT = {"Potassium": (2.8, 6.2), "Sodium": (120, 160), "Glucose": (50, 400), "Hemoglobin": (7.0, 20),
        "INR": (0, 4.5), "Troponin I, High Sensitivity": (0, 100), "Platelet Count": (20, 1000),
        "Calcium": (6.5, 13), "WBC": (1.5, 30), "Lactic Acid": (0, 4.0)}


def flag_for(name, v, lo, hi):
    f = ""
    if hi < 9999 and v > hi:
        f = "H"
    elif lo > 0 and v < lo:
        f = "L"
    crit = CRIT.get(name)
    if f and crit and (v < crit[0] or v > crit[1]):
        f += f
    return f


def gen_series(D, name, n):
    r = D.r
    v0, f0, ref, u = gen_value(D, name, 0.2)
    dec = TESTS[name][4]
    lo, hi = sex_adjust(name, D.p["sex"], D.age)
    try:
        x = float(v0.lstrip("<>"))
    except ValueError:
        x = lo
    out = [(v0, f0)]
    for _ in range(n - 1):
        x = max(0, x * (1 + r.gauss(0, 0.045)))
        out.append((("%." + str(dec) + "f") % x, flag_for(name, x, lo, hi)))
    return out, ref, u


def sex_adjust(name, sex, age):
    lo, hi = TESTS[name][2], TESTS[name][3]
    if sex == "M":
        adj = {"Hemoglobin": (13.2, 17.1), "Hematocrit": (38.5, 50.0), "RBC": (4.20, 5.80),
               "Creatinine": (0.70, 1.35), "ALT": (9, 46), "AST": (10, 40), "Uric Acid": (4.0, 8.0),
               "Ferritin": (38, 380)}
        lo, hi = adj.get(name, (lo, hi))
    if age < 18:
        adj = {"Alkaline Phosphatase": (117, 390), "Creatinine": (0.20, 0.73), "Hemoglobin": (11.5, 14.5),
               "Hematocrit": (34.0, 43.0), "WBC": (4.5, 13.5)}
        lo, hi = adj.get(name, (lo, hi))
    return lo, hi


def gen_value(D, name, abn_rate=0.14):
    r = D.r
    short, units, lo, hi, dec, alo, ahi = TESTS[name]
    lo, hi = sex_adjust(name, D.p["sex"], D.age)
    flag = ""
    if r.random() < abn_rate:
        if hi >= 9999:                                   # only low is abnormal
            v = r.uniform(alo, lo * 0.98)
            flag = "L"
        elif lo == 0:                                   # only high is abnormal
            v = r.uniform(hi * 1.03, ahi)
            flag = "H"
        elif r.random() < 0.5:
            v = r.uniform(alo, lo * 0.98)
            flag = "L"
        else:
            v = r.uniform(hi * 1.02, ahi)
            flag = "H"
    else:
        top = hi if hi < 9999 else lo * 1.8
        bot = lo if lo > 0 else hi * 0.35
        span = top - bot
        v = r.uniform(bot + span * 0.08, top - span * 0.08)
    if name == "eGFR" and not flag:
        v = r.uniform(61, 118)
        val = ">60" if r.random() < 0.3 else "%d" % v
    else:
        val = ("%." + str(dec) + "f") % v
    if hi >= 9999:
        ref = f">= {fmt_num(lo, dec)}" if name != "eGFR" else "> OR = 60"
    elif lo == 0:
        ref = f"<{fmt_num(hi + (1 if dec == 0 else 0), dec)}" if name not in ("Hemoglobin A1c",) else "<5.7"
    else:
        ref = f"{fmt_num(lo, dec)}-{fmt_num(hi, dec)}"
    crit = CRIT.get(name)
    if flag and crit and (v < crit[0] or v > crit[1]):
        flag = flag + flag      # critical
    return val, flag, ref, units


def fmt_num(x, dec):
    return ("%." + str(dec) + "f") % x


def choose_panels(D):
    r = D.r
    base = ["COMPREHENSIVE METABOLIC PANEL", "CBC (INCLUDES DIFF/PLT)", "LIPID PANEL, STANDARD",
            "HEMOGLOBIN A1c", "TSH W/REFLEX TO FT4", "BASIC METABOLIC PANEL", "VITAMIN D, 25-HYDROXY",
            "VITAMIN B12", "IRON AND FERRITIN", "MAGNESIUM", "URIC ACID", "C-REACTIVE PROTEIN",
            "SED RATE", "PROTHROMBIN TIME WITH INR", "MICROALBUMIN, RANDOM URINE W/CREAT"]
    if D.p["sex"] == "M" and D.age >= 40:
        base.append("PSA, TOTAL")
    if D.age < 18:
        base = ["CBC (INCLUDES DIFF/PLT)", "BASIC METABOLIC PANEL", "COMPREHENSIVE METABOLIC PANEL",
                "TSH W/REFLEX TO FT4", "VITAMIN D, 25-HYDROXY", "IRON AND FERRITIN", "LIPID PANEL, STANDARD",
                "C-REACTIVE PROTEIN"]
    n = r.choice([1, 2, 2, 3, 3, 4, 5])
    pick = []
    first = r.choice(base[:3])
    pick.append(first)
    while len(pick) < n:
        x = r.choice(base)
        if x not in pick and not (x == "BASIC METABOLIC PANEL" and "COMPREHENSIVE METABOLIC PANEL" in pick) \
                and not (x == "COMPREHENSIVE METABOLIC PANEL" and "BASIC METABOLIC PANEL" in pick):
            pick.append(x)
    if r.random() < 0.2:
        pick.append("URINALYSIS, COMPLETE")
    return pick


def ua_rows(D):
    r = D.r
    rows = []
    abn = r.random() < 0.3
    for name, val, ref in UA:
        flag = ""
        if abn and name in ("Leukocyte Esterase", "Nitrite", "WBC", "Bacteria", "Protein", "Occult Blood") \
                and r.random() < 0.6:
            val = {"Leukocyte Esterase": r.choice(["1+", "2+", "TRACE"]), "Nitrite": "POSITIVE",
                   "WBC": r.choice(["10-20", "20-40", ">60"]), "Bacteria": r.choice(["FEW", "MODERATE", "MANY"]),
                   "Protein": r.choice(["TRACE", "1+"]), "Occult Blood": r.choice(["TRACE", "1+", "2+"])}[name]
            flag = "A"
        rows.append((name, val, flag, ref))
    return rows


def lab_comment(D, panel):
    r = D.r
    c = {
        "HEMOGLOBIN A1c": "For someone without known diabetes, a hemoglobin A1c value between 5.7% and 6.4% "
                          "is consistent with prediabetes and should be confirmed with a follow-up test. "
                          "For someone with known diabetes, a value <7% indicates that their diabetes is well "
                          "controlled.",
        "LIPID PANEL, STANDARD": "Desirable range <100 mg/dL for primary prevention; <70 mg/dL for patients "
                                 "with CHD or diabetic patients with > or = 2 CHD risk factors. LDL-C is now "
                                 "calculated using the Martin-Hopkins calculation.",
        "COMPREHENSIVE METABOLIC PANEL": "eGFR calculated using the 2021 CKD-EPI creatinine equation, "
                                         "which does not use a race coefficient.",
        "VITAMIN D, 25-HYDROXY": "Vitamin D Status: Deficiency <20 ng/mL; Insufficiency 20-29 ng/mL; "
                                 "Optimal >= 30 ng/mL.",
        "PSA, TOTAL": "The total PSA value from this assay system is standardized against the WHO standard. "
                      "Values obtained with different assay methods cannot be used interchangeably.",
        "PROTHROMBIN TIME WITH INR": "Suggested INR therapeutic range for oral anticoagulant therapy is "
                                     "2.0-3.0 for most indications.",
    }.get(panel)
    return c if c and r.random() < 0.55 else None


def results_rows(D, panels, abn_rate=0.14):
    """returns list of (panel, [(test, val, flag, ref, units)])"""
    out = []
    for pn in panels:
        if pn == "URINALYSIS, COMPLETE":
            out.append((pn, [(n, v, f, rf, "") for n, v, f, rf in ua_rows(D)]))
            continue
        rows = []
        for t in PANELS[pn]:
            if D.age < 18 and t in ("eGFR", "BUN/Creatinine Ratio"):
                continue
            v, f, ref, u = gen_value(D, t, abn_rate)
            rows.append((t, v, f, ref, u))
        out.append((pn, rows))
    return out


def ordering(D, spec=None):
    pr = provider(D)
    pr["practice"] = D.recipient[0]
    return pr


# ---------------------------------------------------------------- T1 reference lab, boxed header
def t_reflab_boxed(D):
    r = D.r
    lab = facility(D, "lab")
    pr = ordering(D)
    acc, req = D.other("accession"), D.other("req")
    coll = D.date
    recv = coll + dt.timedelta(days=r.choice([0, 1]))
    rept = recv + dt.timedelta(days=r.choice([0, 1, 2]))
    status = r.choice(["FINAL", "Final", "FINAL REPORT", "COMPLETE"])
    right = [f"Report Status: {status}", "Client #: {}".format(D.other("client")),
             f"Page {PG} of {NPG}"]
    head = letterhead(D, lab, r.choice(["rightinfo", "left", "center"]), right=right)
    head.append("")
    id_col = r.choice(["PATIENT ID", "ID", "MRN", "PT ID", None, "CHART #"])
    nl = r.choice(["PATIENT NAME", "PATIENT", "NAME (LAST, FIRST)", "PATIENT INFORMATION"])
    name = D.lastfirst() if "LAST" in nl or r.random() < 0.7 else D.name()
    row1 = [(nl, name), ("DOB", D.dob()), ("AGE", D.age_str("plain")), ("SEX", D.sex("1"))]
    if r.random() < 0.2:
        row1 = [(nl, name), ("DOB/AGE/SEX", "{} {} {}".format(D.dob(), D.age_str("Y"), D.sex("1")))]
    if id_col:
        mid = D.mrn()
        row1.append((id_col, mid or D.other("acct")))
        if not mid:
            D.rec("mrn", "lab's own patient id only")
    row2 = [("ACCESSION", acc), ("REQUISITION", req), ("COLLECTED", f"{D.dd(coll)} {D.time()}"),
            ("RECEIVED", D.dd(recv)), ("REPORTED", f"{D.dd(rept)} {D.time()}")]
    r.shuffle(row2) if r.random() < 0.2 else None
    boxed = r.random() < 0.65
    head += cols_below(row1, boxed=boxed)
    if boxed:
        head += cols_below(row2, boxed=True)[1:]
    else:
        head += cols_below(row2)
    if D.want_addr or r.random() < 0.25:
        a, b = D.address()
        ph = ("  PHONE: " + D.phone()) if D.want_phone else ""
        head += [f"PATIENT ADDRESS: {a}, {b}{ph}"]
    elif D.want_phone:
        head += ["PATIENT PHONE: " + D.phone()]
    head.append("")
    left = ["ORDERING PHYSICIAN", pname(pr, "LFU"), "NPI: " + pr["npi"]]
    right = ["CLIENT INFORMATION", D.recipient[0].upper(), "%d %s %s" % (r.randint(100, 9000), r.choice(STREETS), r.choice(SUFFIX)),
             f"{D.area_city[0]}, {D.area_city[1]}"]
    head += side(left, right, 44)
    fasting = r.choice(["FASTING: YES", "FASTING: NO", "FASTING: UNKNOWN", ""])
    if fasting:
        head.append(fasting)
    head += ["", "-" * W]
    style = r.randint(0, 1)
    if style == 0:
        head.append("%-34s%-12s%-14s%-20s%s" % ("Test Name", "In Range", "Out Of Range", "Reference Range", "Lab"))
    else:
        head.append("   %-29s%-10s%-5s%-14s%-18s%s" % ("TEST", "RESULT", "FLAG", "UNITS", "REFERENCE RANGE", "SITE"))
    head.append("-" * W)
    body = []
    site = r.choice(["SL", "EN", "Z4G", "01", "AMD", "KC"])
    for pn, rows in results_rows(D, choose_panels(D)):
        body.append(pn)
        for t, v, f, ref, u in rows:
            if style == 0:
                inr = v if not f else ""
                outr = (f"{v} {f}") if f else ""
                refu = (f"{ref} {u}").strip() if u else ref
                line = "   %-31s%-12s%-14s%-20s%s" % (t[:30], inr, outr, refu[:19], site)
                body.append(line)
            else:
                body.append("   %-29s%-10s%-5s%-14s%-18s%s" % (t[:28], v, f, u[:13], ref, site))
        cm = lab_comment(D, pn)
        if cm:
            body += wrap(cm, W, "      ")
        body.append("")
    body += ["", "PERFORMING SITE:"]
    body += wrap("{}  {}, {}, {}  Laboratory Director: {} {}, MD  CLIA: {}".format(
        site, lab["name"].upper(), lab["addr"], csz(lab), r.choice(PROV_FIRST), r.choice(PROV_LAST),
        D.other("clia")), W, "    ")
    cont = cont_header(D, acc)
    foot = page_foot(D, "{} - Report Status: {}".format(lab["name"], status), r.choice([0, 2, None]))
    pages = paginate(D, head, body, cont, foot if r.random() < 0.5 else None, maxl=r.randint(48, 60))
    return lab, pages, "Lab results"


# ---------------------------------------------------------------- T2 reference lab, sectioned
def t_reflab_sections(D):
    r = D.r
    lab = facility(D, "lab")
    pr = ordering(D)
    spec_id = r.choice([f"{D.g.safe_digits(r, 3)}-{D.g.safe_digits(r, 3)}-{D.g.safe_digits(r, 4)}-0",
                        D.other("accession")])
    acct = D.other("client")
    head = []
    head += rjust_pair("Patient Report", lab["name"])
    head += rjust_pair("", "{}, {}".format(lab["addr"], csz(lab)))
    head += rjust_pair("", "{}  Fax {}".format(lab["phone"], lab["fax"]))
    head.append("")
    mid = D.mrn()
    top = [("Specimen ID", spec_id), ("Acct #", acct)]
    if mid:
        top.insert(0, (r.choice(["Patient ID", "Control #", "Pat ID"]), mid))
    else:
        top.insert(0, ("Control ID", D.other("req")))
    top.append(("Phone", D.phone() if D.want_phone else lab["phone"]))
    head += inline_pairs(top, gap="    ")
    head.append("")
    y, m, dd_ = age_parts(D.p["dob"], D.date)
    D.rec("age", "age y/m/d")
    pdet = ["Patient Details", D.lastfirst() if r.random() < 0.7 else D.name(),
            "DOB: " + D.dob(), "Age(y/m/d): %03d/%02d/%02d" % (y, m, dd_),
            "Gender: " + D.sex("1")]
    if mid and r.random() < 0.5:
        pdet.append("Patient ID: " + mid)
    if D.want_addr:
        a, b = D.address()
        pdet += [a, b]
    sdet = ["Specimen Details", "Date collected: {} {}".format(D.dd(D.date, "mdY"), D.time(True).replace(":", "")),
            "Date received: " + D.dd(D.date + dt.timedelta(days=r.choice([0, 1])), "mdY"),
            "Date entered: " + D.dd(D.date + dt.timedelta(days=1), "mdY"),
            "Date reported: {} {} ET".format(D.dd(D.date + dt.timedelta(days=r.choice([1, 2])), "mdY"), D.time(True).replace(":", ""))]
    phdet = ["Physician Details", "Ordering: {} {}".format(pr["first"][0], pr["last"].upper()),
             "Referring:", "ID:", "NPI: " + pr["npi"]]
    head += cols3(pdet, sdet, phdet, 30, 34)
    head.append("")
    head += ["General Comments & Additional Information",
             "Clinical Info: {}          Total Volume: Not Provided".format(r.choice(["FASTING", "NON-FASTING", "NOT GIVEN"])),
             ""]
    panels = choose_panels(D)
    head.append("Ordered Items")
    head += wrap("; ".join(p.title() for p in panels), W, "  ", "  ")
    head.append("")
    tbl = [" %-29s%-11s%-9s%-14s%-20s%s" % ("TESTS", "RESULT", "FLAG", "UNITS", "REFERENCE INTERVAL", "LAB"),
           ""]
    body = list(tbl)
    for pn, rows in results_rows(D, panels):
        body.append(pn.title() if r.random() < 0.5 else pn)
        for t, v, f, ref, u in rows:
            fl = {"H": "High", "L": "Low", "HH": "Critical High", "LL": "Alert Low", "A": "Abnormal"}.get(f, f)
            body.append(" %-29s%-11s%-9s%-14s%-20s%s" % (t[:28], v, fl[:8], u[:13], ref, "01"))
        cm = lab_comment(D, pn)
        if cm:
            body += wrap(cm, W, "   ")
        body.append("")
    body += ["", "01  {}  Dir: {} {}, MD".format(lab["name"].upper()[:40], r.choice(PROV_FIRST), r.choice(PROV_LAST))]
    body += wrap("{}, {}  For inquiries, the physician may contact Branch: {}".format(lab["addr"], csz(lab), lab["phone"]), W, "    ", "    ")
    nm_short = D.name("LF")
    foot_s = r.random() < 0.7

    def foot():
        return ["", "Date Issued: {}    FINAL REPORT    Page {} of {}".format(
                    D.dd(D.date + dt.timedelta(days=2), "mdY"), PG, NPG),
                "This document contains private and confidential health information protected by law."]

    def cont():
        return [f"Patient: {nm_short}   DOB: {D.dob()}   Specimen ID: {spec_id}" if foot_s else
                f"{nm_short}   {D.dob()}   {spec_id}", ""]
    pages = paginate(D, head, body, cont, foot, maxl=r.randint(50, 60))
    return lab, pages, "Laboratory report"


# ---------------------------------------------------------------- T3 hospital lab cumulative
def t_hosplab_cumulative(D):
    r = D.r
    hosp = facility(D, "hospital")
    att = provider(D)
    acct = D.other("fin")
    head = [center(hosp["name"].upper()), center("DEPARTMENT OF LABORATORY MEDICINE"),
            center("{}  {}  {}".format(hosp["addr"], csz(hosp), hosp["phone"])), ""]
    head += rjust_pair(r.choice(["CUMULATIVE RESULTS REPORT", "INPATIENT CUMULATIVE SUMMARY",
                                 "LABORATORY CUMULATIVE REPORT"]),
                       "Printed: {} {}".format(D.dd(D.fax_date, "mdY"), D.time(True)))
    head.append("-" * W)
    mrn = D.mrn()
    l1 = "%-38s%s" % ("Name: " + D.lastfirst(), ("{} {}".format(r.choice(["MR#:", "MRN:", "Med Rec:"]), mrn) if mrn else ""))
    l1 = "%-62s%s" % (l1, "Acct#: " + acct)
    adm = D.date - dt.timedelta(days=r.randint(1, 5))
    l2 = "%-38s%-24s%s" % ("DOB: {}  Age: {}  Sex: {}".format(D.dob(), D.age_str("Y"), D.sex("1")),
                           "Loc: %s-%d-%s" % (r.choice(["4W", "5E", "ICU", "3N", "TELE", "6S"]), r.randint(401, 699), r.choice("AB")),
                           "Adm: " + D.dd(adm, "mdY"))
    l3 = "Attending: {}    Status: {}".format(pname(att, "LFU"), r.choice(["INPATIENT", "OBSERVATION", "DISCHARGED"]))
    head += [l1, l2, l3, "-" * W]
    days = sorted(set(adm + dt.timedelta(days=i) for i in range(0, (D.date - adm).days + 1)))[-4:]
    times = [D.time(True).replace(":", "") for _ in days]
    hdr = "%-22s" % "" + "".join("%-11s" % d.strftime("%m/%d/%y") for d in days)
    hdr2 = "%-22s" % "" + "".join("%-11s" % t for t in times)
    body = []
    sections = [("CHEMISTRY", ["Sodium", "Potassium", "Chloride", "Carbon Dioxide", "BUN", "Creatinine",
                               "Glucose", "Calcium", "Magnesium"]),
                ("HEMATOLOGY", ["WBC", "Hemoglobin", "Hematocrit", "Platelet Count"]),
                ("COAGULATION", ["Prothrombin Time", "INR"]),
                ("CARDIAC", ["Troponin I, High Sensitivity", "NT-proBNP"]),
                ("OTHER", ["Lactic Acid", "Lipase", "C-Reactive Protein"])]
    for sec, tests in sections[:r.choice([2, 3, 4, 5])]:
        body += [hdr.replace(" " * 22, "%-22s" % sec, 1), hdr2, ""]
        for t in tests:
            vals = []
            series, ref, u = gen_series(D, t, len(days))
            for i, (v, f) in enumerate(series):
                if r.random() < 0.15 and i > 0:
                    vals.append("%-11s" % "")
                    continue
                vals.append("%-11s" % (v + (" " + f if f else "")))
            line = "  %-20s%s" % (TESTS[t][0] if r.random() < 0.3 else t[:20], "".join(vals))
            line = line.ljust(22 + 11 * len(days)) + "%-12s%s" % (ref, u[:12])
            body.append(line.rstrip())
        body.append("")
    body += ["Flags: L=Low  H=High  LL/HH=Critical (called to and read back by RN per policy)"]
    if r.random() < 0.5:
        body += wrap("CRITICAL VALUE: Potassium called to {} RN at {} on {} by {}. Read back verified.".format(
            r.choice(PROV_FIRST), D.time(True), D.dd(days[-1], "mdY"), r.choice(["MLS", "MT"]) + " " + r.choice(PROV_LAST)))
    body += ["", "*** END OF REPORT ***"]
    cont = cont_header(D)
    pages = paginate(D, head, body, cont, page_foot(D, hosp["name"]), maxl=r.randint(50, 62))
    return hosp, pages, "Lab results - inpatient"


# ---------------------------------------------------------------- T4 microbiology
ORGS = [("Escherichia coli", "urine"), ("Klebsiella pneumoniae", "urine"), ("Proteus mirabilis", "urine"),
        ("Enterococcus faecalis", "urine"), ("Staphylococcus aureus", "wound"),
        ("Streptococcus pyogenes (Group A)", "throat"), ("Pseudomonas aeruginosa", "wound")]
ABX = ["Ampicillin", "Amoxicillin/Clavulanate", "Cefazolin", "Ceftriaxone", "Cefepime", "Ciprofloxacin",
       "Levofloxacin", "Gentamicin", "Nitrofurantoin", "Trimethoprim/Sulfa", "Piperacillin/Tazo",
       "Meropenem", "Tetracycline", "Vancomycin", "Oxacillin", "Clindamycin"]


def t_micro(D):
    r = D.r
    lab = facility(D, r.choice(["lab", "hospital"]))
    pr = ordering(D)
    acc = D.other("accession")
    kind = r.choice(["urine", "urine", "urine", "wound", "throat"])
    src = {"urine": r.choice(["Urine, Clean Catch", "Urine, Catheterized", "URINE MIDSTREAM"]),
           "wound": r.choice(["Wound, Left Lower Leg", "Abscess, R Axilla", "Wound, Sacrum"]),
           "throat": "Throat Swab"}[kind]
    head = letterhead(D, lab, r.choice(["center", "bar", "left"]))
    head += ["", center(r.choice(["MICROBIOLOGY REPORT", "CULTURE AND SUSCEPTIBILITY", "MICROBIOLOGY - FINAL"])), ""]
    pairs = D.id_pairs(extra=[(D.L("Accession"), acc)], age=r.random() < 0.4)
    head += D.id_block(pairs, r.choice(["stack", "grid2", "boxed", "inline"]))
    head += [""]
    head += inline_pairs([("Ordering", pname(pr, None, r)), ("NPI", pr["npi"])])
    head += inline_pairs([("Source", src), ("Collected", f"{D.dd(D.date)} {D.time()}"),
                          ("Received", D.dd(D.date))])
    head += ["-" * W]
    body = []
    orgs = [o for o, k in ORGS if k == kind]
    if kind == "throat":
        pos = r.random() < 0.4
        body += ["TEST: Culture, Beta Strep (Group A)", "",
                 f"FINAL REPORT  {D.dd(D.date + dt.timedelta(days=2))}", ""]
        body += ["  " + ("Streptococcus pyogenes (Group A) isolated. Penicillin remains drug of choice; "
                         "susceptibility testing not routinely performed." if pos else
                         "No Group A Streptococcus isolated.")]
        body = body[:4] + wrap(body[4], W, "  ")
    else:
        neg = r.random() < 0.3
        body += ["TEST: %s" % ("Urine Culture, Routine" if kind == "urine" else "Aerobic Culture w/ Gram Stain"), ""]
        if kind == "wound":
            body += ["GRAM STAIN:", "  Many WBCs", "  Moderate gram positive cocci in clusters" if r.random() < 0.6
                     else "  Few gram negative rods", ""]
        body += [f"FINAL REPORT {D.dd(D.date + dt.timedelta(days=r.choice([2, 3])))}", ""]
        if neg:
            body += ["  " + ("<10,000 CFU/mL mixed urogenital flora. Probable contamination; suggest recollection "
                             "if clinically indicated." if kind == "urine" else "No growth at 48 hours.")]
            body = body[:-1] + wrap(body[-1], W, "  ")
        else:
            org = r.choice(orgs)
            cnt = r.choice([">100,000 CFU/mL", "50,000-100,000 CFU/mL", ">100,000 CFU/mL"]) if kind == "urine" \
                else r.choice(["Heavy growth", "Moderate growth"])
            body += [f"  ISOLATE 1: {cnt}   {org}", ""]
            if "Staphylococcus" in org:
                pool = ["Oxacillin", "Vancomycin", "Clindamycin", "Trimethoprim/Sulfa", "Tetracycline", "Gentamicin",
                        "Levofloxacin", "Rifampin", "Linezolid"]
            elif "Enterococcus" in org:
                pool = ["Ampicillin", "Vancomycin", "Nitrofurantoin", "Tetracycline", "Linezolid", "Ciprofloxacin"]
            else:
                pool = ["Ampicillin", "Amoxicillin/Clavulanate", "Cefazolin", "Ceftriaxone", "Cefepime", "Ciprofloxacin",
                        "Levofloxacin", "Gentamicin", "Nitrofurantoin", "Trimethoprim/Sulfa", "Piperacillin/Tazo",
                        "Meropenem"]
                if kind != "urine":
                    pool.remove("Nitrofurantoin")
            ab = r.sample(pool, min(len(pool), r.randint(6, 11)))
            rows = []
            for a in ab:
                sir = r.choices(["S", "I", "R"], [7, 1, 2])[0]
                mic = {"S": r.choice(["<=1", "<=2", "<=0.25", "<=16", "4", "<=0.5"]),
                       "I": r.choice(["16", "8", "2"]), "R": r.choice([">=32", ">=4", ">=16", ">=64"])}[sir]
                rows.append((a, mic, {"S": "Susceptible", "I": "Intermediate", "R": "Resistant"}[sir]))
            body += ["  SUSCEPTIBILITY (MIC, mcg/mL)  Method: {}".format(r.choice(["Vitek 2", "MicroScan", "Broth microdilution"]))]
            body += table(["Antibiotic", "MIC", "Interpretation"], rows, widths=[28, 8, 14], indent="    ")
            if r.random() < 0.3:
                body += [""] + wrap("ESBL screen: Negative. Interpretive criteria per CLSI M100.", W, "  ")
    body += ["", f"Verified by: {r.choice(PROV_LAST)}, MLS(ASCP)  {D.dd(D.date + dt.timedelta(days=2))}"]
    pages = paginate(D, head, body, cont_header(D, acc), None)
    return lab, pages, "Culture results"


# ---------------------------------------------------------------- T5 gyn cytology
def t_pap(D):
    r = D.r
    lab = facility(D, r.choice(["path", "lab"]))
    pr = ordering(D)
    case = D.other("case").replace("S", "GYN", 1) if r.random() < 0.5 else D.other("case")
    head = letterhead(D, lab, r.choice(["center", "left", "caps"])) + [""]
    head.append(center(r.choice(["GYNECOLOGIC CYTOLOGY REPORT", "CYTOPATHOLOGY REPORT - THINPREP PAP TEST",
                                 "PAP TEST WITH HPV"])))
    head.append("")
    pairs = D.id_pairs(extra=[(D.L("Case #"), case), (D.L("Physician"), pname(pr, "LF"))])
    pairs.append((D.L("LMP"), D.dd(D.date - dt.timedelta(days=r.randint(5, 40)))))
    head += D.id_block(pairs, r.choice(["grid2", "boxed", "stack"]))
    head += ["", f"Collected: {D.dd(D.date)}    Received: {D.dd(D.date + dt.timedelta(days=1))}    Reported: {D.dd(D.date + dt.timedelta(days=r.randint(3, 7)))}", "=" * W]
    interp = r.choices(["NEGATIVE FOR INTRAEPITHELIAL LESION OR MALIGNANCY (NILM)",
                        "ATYPICAL SQUAMOUS CELLS OF UNDETERMINED SIGNIFICANCE (ASC-US)",
                        "LOW-GRADE SQUAMOUS INTRAEPITHELIAL LESION (LSIL)"], [7, 2, 1])[0]
    body = ["SPECIMEN TYPE: ThinPrep liquid-based cervical/endocervical", "",
            "SPECIMEN ADEQUACY:", "  Satisfactory for evaluation. Endocervical/transformation zone component {}.".format(r.choice(["present", "present", "absent"])), "",
            "INTERPRETATION/RESULT:", "  " + interp, ""]
    if "NILM" in interp and r.random() < 0.4:
        body += ["  Organisms: {}".format(r.choice(["Shift in flora suggestive of bacterial vaginosis",
                                               "Fungal organisms morphologically consistent with Candida spp."])), ""]
    hr = "POSITIVE" if "NILM" not in interp and r.random() < 0.7 else "NEGATIVE"
    body += ["HPV, HIGH RISK WITH GENOTYPING (cobas)"]
    body += table(["Test", "Result", "Reference"], [
        ("HPV 16", "Negative", "Negative"), ("HPV 18", "Negative", "Negative"),
        ("Other High Risk HPV", "Positive" if hr == "POSITIVE" else "Negative", "Negative")],
        widths=[30, 12, 10], indent="  ")
    body += [""]
    body += wrap("The Pap test is a screening test for cervical cancer with false negative and false positive "
                 "results. Follow-up per ASCCP risk-based management guidelines.")
    body += ["", f"Screened by: {r.choice(PROV_LAST)}, CT(ASCP)"]
    if "NILM" not in interp:
        body += [f"Reviewed by: {r.choice(PROV_FIRST)} {r.choice(PROV_LAST)}, MD, Pathologist"]
    pages = paginate(D, head, body, cont_header(D, case), None)
    return lab, pages, "Pap/HPV results"

# --------------------------------------------------------------------------
# imaging / pathology / procedures
# --------------------------------------------------------------------------
RAD_EXAMS = [
    # (exam, cpt, modality, min_age, sex, history, technique, normal findings, abnormal findings, imp_n, imp_a)
    ("XR CHEST 2 VIEWS PA AND LATERAL", "71046", "CR", 0, None,
     ["Cough x 2 weeks", "Shortness of breath", "Fever, r/o pneumonia", "Preoperative evaluation"],
     "PA and lateral views of the chest.",
     ["The cardiomediastinal silhouette is within normal limits.", "The lungs are clear without focal "
      "consolidation, pleural effusion, or pneumothorax.", "No acute osseous abnormality."],
     ["Patchy airspace opacity in the right lower lobe.", "Small right pleural effusion.", "Heart size "
      "is upper normal.", "Degenerative changes of the thoracic spine."],
     "No acute cardiopulmonary process.", "Right lower lobe airspace disease, likely pneumonia in the "
     "appropriate clinical setting. Recommend follow-up radiographs in 6-8 weeks to document resolution."),
    ("CT ABDOMEN AND PELVIS WITH IV CONTRAST", "74177", "CT", 12, None,
     ["Right lower quadrant pain", "Abdominal pain, nausea", "Hematuria", "Weight loss"],
     "Axial CT images of the abdomen and pelvis were obtained after the administration of 100 mL "
     "Omnipaque 350 IV. Coronal and sagittal reformats were generated. Dose reduction techniques were used.",
     ["Liver, spleen, pancreas and adrenal glands are unremarkable.", "Gallbladder is unremarkable. No "
      "biliary ductal dilatation.", "Kidneys enhance symmetrically without hydronephrosis.", "The appendix "
      "is normal. No bowel obstruction.", "No free fluid or free air. No lymphadenopathy."],
     ["Appendix is dilated to 11 mm with periappendiceal fat stranding.", "No abscess or free air.",
      "Simple 1.8 cm cyst in the left kidney (Bosniak I).", "Colonic diverticulosis without diverticulitis."],
     "No acute abnormality in the abdomen or pelvis.", "Findings consistent with acute uncomplicated "
     "appendicitis. Findings were discussed with the ordering provider at the time of dictation."),
    ("MRI LUMBAR SPINE WITHOUT CONTRAST", "72148", "MR", 16, None,
     ["Low back pain radiating to left leg", "Lumbar radiculopathy", "Back pain > 6 weeks"],
     "Multiplanar multisequence MR images of the lumbar spine were obtained without contrast.",
     ["Vertebral body heights and alignment are maintained.", "Conus terminates at L1 and is normal.",
      "No significant disc herniation, spinal canal or neural foraminal stenosis."],
     ["L4-L5: Disc bulge with superimposed left paracentral protrusion contacting the traversing left L5 "
      "nerve root. Mild spinal canal stenosis.", "L5-S1: Facet arthropathy with mild bilateral foraminal "
      "narrowing.", "Modic type 2 endplate changes at L4-L5."],
     "Unremarkable MRI of the lumbar spine.", "L4-L5 left paracentral disc protrusion contacting the left "
     "L5 nerve root. Multilevel degenerative changes as above."),
    ("US ABDOMEN LIMITED RIGHT UPPER QUADRANT", "76705", "US", 10, None,
     ["RUQ pain after meals", "Elevated LFTs", "Nausea"],
     "Real-time grayscale and color Doppler ultrasound of the right upper quadrant.",
     ["Liver is normal in size and echotexture.", "Gallbladder is normal without stones or wall "
      "thickening. Negative sonographic Murphy sign.", "Common bile duct measures 3 mm."],
     ["Multiple mobile shadowing gallstones, largest 1.4 cm.", "Gallbladder wall is not thickened. "
      "Negative sonographic Murphy sign.", "Liver is diffusely echogenic, consistent with hepatic steatosis."],
     "Normal right upper quadrant ultrasound.", "Cholelithiasis without sonographic evidence of acute "
     "cholecystitis. Hepatic steatosis."),
    ("CT HEAD WITHOUT CONTRAST", "70450", "CT", 0, None,
     ["Headache", "Fall with head strike", "Dizziness", "Altered mental status"],
     "Axial CT images of the head were obtained without contrast.",
     ["No acute intracranial hemorrhage, mass effect, or midline shift.", "Gray-white differentiation "
      "is preserved.", "Ventricles and sulci are appropriate for age.", "Visualized paranasal sinuses and "
      "mastoid air cells are clear."],
     ["Mild periventricular white matter hypodensities, likely chronic small vessel ischemic change.",
      "No acute hemorrhage or territorial infarct.", "Mild mucosal thickening of the maxillary sinuses."],
     "No acute intracranial abnormality.", "No acute intracranial process. Chronic small vessel "
     "ischemic changes."),
    ("XR KNEE RIGHT 3 VIEWS", "73562", "CR", 5, None,
     ["Knee pain", "Injury playing basketball", "Chronic knee pain, r/o OA"],
     "AP, lateral and sunrise views of the right knee.",
     ["No fracture or dislocation.", "Joint spaces are preserved.", "No joint effusion."],
     ["Moderate medial compartment joint space narrowing with marginal osteophytes.", "Small joint "
      "effusion.", "No acute fracture."],
     "Normal right knee.", "Moderate medial compartment osteoarthritis of the right knee."),
    ("US PELVIS TRANSABDOMINAL AND TRANSVAGINAL", "76856", "US", 14, "F",
     ["Pelvic pain", "Abnormal uterine bleeding", "Follow-up ovarian cyst"],
     "Transabdominal and transvaginal grayscale and Doppler imaging of the pelvis.",
     ["Uterus is anteverted and normal in size. Endometrium measures 6 mm.", "Both ovaries are "
      "normal in size with normal Doppler flow.", "No free fluid."],
     ["Uterus is enlarged with a 3.2 cm intramural fibroid in the posterior fundus.", "Right ovary "
      "contains a 2.9 cm simple cyst.", "Trace free fluid."],
     "Normal pelvic ultrasound.", "Uterine fibroid. Right ovarian simple cyst, likely physiologic; no "
     "follow-up imaging needed in a premenopausal patient."),
    ("US SCROTUM WITH DOPPLER", "76870", "US", 10, "M",
     ["Scrotal pain", "Palpable left testicular mass", "Swelling"],
     "Grayscale and color Doppler ultrasound of the scrotum.",
     ["Testes are symmetric in size and echotexture with normal arterial and venous flow.",
      "Epididymides are unremarkable.", "No hydrocele or varicocele."],
     ["Left varicocele with veins measuring up to 3.5 mm with Valsalva.", "Small right hydrocele.",
      "Testes are normal with symmetric flow."],
     "Normal scrotal ultrasound.", "Left varicocele. Small right hydrocele."),
    ("CT CHEST WITHOUT CONTRAST LOW DOSE LUNG CANCER SCREENING", "71271", "CT", 50, None,
     ["Lung cancer screening, 30 pack-year smoker", "Annual LDCT screening"],
     "Low-dose helical CT of the chest without contrast per LCS protocol.",
     ["No suspicious pulmonary nodules.", "Mild centrilobular emphysema.", "No mediastinal "
      "lymphadenopathy."],
     ["6 mm solid nodule in the right upper lobe (series 3, image 45).", "Moderate centrilobular "
      "emphysema.", "Coronary artery calcifications."],
     "Lung-RADS 1: Negative. Continue annual screening with LDCT in 12 months.",
     "Lung-RADS 3: Probably benign. Recommend 6 month LDCT."),
    ("XR FOREARM LEFT 2 VIEWS", "73090", "CR", 2, None,
     ["Fall on outstretched hand", "Wrist/forearm pain after fall"],
     "AP and lateral views of the left forearm.",
     ["No fracture or dislocation.", "Soft tissues are unremarkable."],
     ["Nondisplaced buckle fracture of the distal radial metaphysis.", "Ulna is intact.", "Mild soft "
      "tissue swelling."],
     "No acute osseous abnormality.", "Buckle fracture of the distal left radius."),
    ("VENOUS DUPLEX LOWER EXTREMITY LEFT", "93971", "US", 18, None,
     ["Left calf swelling and pain", "R/O DVT"],
     "Grayscale, compression and color/spectral Doppler imaging of the left lower extremity deep veins.",
     ["The common femoral, femoral, popliteal and calf veins are fully compressible with normal flow.",
      "No evidence of deep venous thrombosis."],
     ["Noncompressible left popliteal and posterior tibial veins with echogenic intraluminal thrombus.",
      "Common femoral and femoral veins are patent."],
     "No evidence of left lower extremity DVT.", "Acute deep venous thrombosis involving the left "
     "popliteal and posterior tibial veins. Results called to ordering provider."),
]


def t_radiology(D):
    r = D.r
    fac = facility(D, r.choice(["imaging", "imaging", "hospital"]))
    pr = ordering(D)
    exams = [e for e in RAD_EXAMS if D.age >= e[3] and (e[4] is None or e[4] == D.p["sex"])]
    e = r.choice(exams)
    abn = r.random() < 0.45
    acc = D.other("accession")
    head = letterhead(D, fac, r.choice(["center", "bar", "left", "caps"])) + [""]
    head.append(center(r.choice(["RADIOLOGY REPORT", "DIAGNOSTIC IMAGING REPORT", "IMAGING CONSULTATION",
                                 "FINAL REPORT"])))
    head.append("")
    lay = r.randint(0, 2)
    if lay == 0:
        pairs = D.id_pairs(extra=[(D.L("Accession #"), acc), (D.L("Exam Date"), D.dd(D.date))])
        head += D.id_block(pairs)
        head += ["", f"Referring Physician: {pname(pr, None, r)}",
                 f"Ordering Location: {D.recipient[0]}"]
    elif lay == 1:
        mrn = D.mrn()
        row = [("PATIENT", D.lastfirst()), ("DOB", D.dob()), ("SEX", D.sex("1"))]
        row.append(("MRN", mrn) if mrn else ("ACCT", D.other("acct")))
        head += cols_below(row, boxed=r.random() < 0.5)
        head += cols_below([("EXAM DATE", D.dd(D.date)), ("ACCESSION", acc), ("ORDER #", D.other("order")),
                            ("REFERRING", pname(pr, "LFU"))])
    else:
        nm = D.name()
        head += ["{}: {}{}{}: {}".format(D.L("Patient"), nm, " " * max(2, 40 - len(nm) - 9), D.L("Exam Date"), D.dd(D.date)),
                 "{}: {}{}{}: {}".format(D.dob_label(), D.dob(), " " * max(2, 31 - len(D.dob())), D.L("Accession"), acc)]
        mrn = D.mrn()
        if mrn:
            head.append(f"{D.mrn_label()}: {mrn}")
        head.append("Ordering Provider: {}   NPI {}".format(pname(pr, None, r), pr["npi"]))
        if D.want_phone:
            head.append("Patient phone: " + D.phone())
    head += ["", "-" * W]
    body = [f"EXAM: {e[0]}" + (("   CPT: " + e[1]) if r.random() < 0.5 else ""), ""]
    body += wrap(f"CLINICAL HISTORY: {r.choice(e[5])}." + (f" ICD-10: {r.choice(ICD)[0]}." if r.random() < 0.3 else ""))
    body += [""] + wrap("COMPARISON: " + r.choice(["None.", "None available.", f"{e[2]} {D.dd(D.date - dt.timedelta(days=r.randint(200, 1500)))}."]))
    body += [""] + wrap("TECHNIQUE: " + e[6])
    body += ["", "FINDINGS:"]
    bullet = r.choice(["  ", "- ", "  - ", "* "])
    for f in (e[8] if abn else e[7]):
        body += wrap(f, W, " " * len(bullet), bullet)
    body += ["", "IMPRESSION:"]
    body += wrap(e[10] if abn else e[9], W, "   ", "1. ")
    rad = provider(D)
    body += ["", "Electronically signed by: {} {}, MD on {} at {}".format(rad["first"], rad["last"], D.dd(D.date, "mdY"), D.time(False))]
    if r.random() < 0.4:
        body += [f"Dictated: {D.dd(D.date)}  Transcribed: {D.dd(D.date)}  Job #{D.g.safe_digits(r, 6)}"]
    pages = paginate(D, head, body, cont_header(D, acc), page_foot(D, fac["name"]) if r.random() < 0.4 else None)
    return fac, pages, "Imaging report"


def t_mammo(D):
    r = D.r
    fac = facility(D, "imaging")
    pr = ordering(D)
    acc = D.other("accession")
    screening = r.random() < 0.7
    head = letterhead(D, fac, r.choice(["center", "left", "bar"])) + [""]
    head.append(center("BREAST IMAGING REPORT" if r.random() < 0.5 else "MAMMOGRAPHY REPORT"))
    head.append("")
    pairs = D.id_pairs(extra=[(D.L("Exam Date"), D.dd(D.date)), (D.L("Acc#"), acc),
                              (D.L("Referring"), pname(pr, "LF"))], sex=False)
    head += D.id_block(pairs, r.choice(["grid2", "stack", "boxed", "below"]))
    head += ["", "=" * W]
    dens = r.choice(["a. The breasts are almost entirely fatty.",
                     "b. There are scattered areas of fibroglandular density.",
                     "c. The breasts are heterogeneously dense, which may obscure small masses.",
                     "d. The breasts are extremely dense, which lowers the sensitivity of mammography."])
    birads = r.choices(["1", "2", "0", "3"], [6, 4, 2, 1])[0] if screening else r.choice(["2", "3", "4A"])
    exam = ("SCREENING BILATERAL DIGITAL MAMMOGRAM WITH TOMOSYNTHESIS (3D)   CPT 77067, 77063" if screening else
            "DIAGNOSTIC {} MAMMOGRAM AND ULTRASOUND   CPT 77065, 76642".format(r.choice(["LEFT", "RIGHT"])))
    body = wrap("EXAM: " + exam), []
    body = body[0] + [""]
    body += wrap("HISTORY: " + (r.choice(["Annual screening. No current breast complaints.",
                                          "Screening. Family history of breast cancer (mother, age 58)."])
                                if screening else r.choice(["Palpable lump reported by patient.",
                                                            "Callback from screening for asymmetry."])))
    body += ["", f"COMPARISON: Prior studies from {D.date.year - 1} and {D.date.year - 2}.", ""]
    body += ["BREAST COMPOSITION:"] + wrap(dens, W, "   ", "   ") + [""]
    body += ["FINDINGS:"]
    if birads == "1":
        body += wrap("There are no suspicious masses, architectural distortion or suspicious calcifications "
                     "in either breast.", W, "   ", "   ")
    elif birads == "2":
        body += wrap("Stable benign-appearing calcifications in the {} breast. Stable intramammary lymph node. "
                     "No suspicious findings.".format(r.choice(["left", "right"])), W, "   ", "   ")
    elif birads == "0":
        body += wrap("Possible focal asymmetry in the {} breast, {}, seen on CC view only. Additional imaging "
                     "is recommended.".format(r.choice(["left", "right"]), r.choice(["upper outer quadrant", "12 o'clock, posterior depth"])),
                     W, "   ", "   ")
    else:
        body += wrap("A %d mm oval circumscribed hypoechoic mass at %d o'clock, %d cm from the nipple, "
                     "corresponding to the area of concern." % (r.randint(5, 14), r.randint(1, 12), r.randint(2, 8)),
                     W, "   ", "   ")
    cat = {"0": "BI-RADS 0: INCOMPLETE - NEED ADDITIONAL IMAGING EVALUATION",
           "1": "BI-RADS 1: NEGATIVE", "2": "BI-RADS 2: BENIGN",
           "3": "BI-RADS 3: PROBABLY BENIGN - SHORT INTERVAL FOLLOW-UP SUGGESTED",
           "4A": "BI-RADS 4A: LOW SUSPICION FOR MALIGNANCY - TISSUE SAMPLING RECOMMENDED"}[birads]
    rec = {"0": "Diagnostic mammogram and possible ultrasound.", "1": "Routine screening mammogram in 1 year.",
           "2": "Routine screening mammogram in 1 year.", "3": "Follow-up diagnostic imaging in 6 months.",
           "4A": "Ultrasound-guided core needle biopsy."}[birads]
    body += ["", "IMPRESSION:", "   " + cat, "", "RECOMMENDATION: " + rec, ""]
    body += wrap("A letter with these results has been sent to the patient as required by the Mammography "
                 "Quality Standards Act (MQSA).")
    body += ["", f"Interpreting Radiologist: {r.choice(PROV_FIRST)} {r.choice(PROV_LAST)}, MD",
             f"Signed {D.dd(D.date + dt.timedelta(days=1))} {D.time()}"]
    pages = paginate(D, head, body, cont_header(D, acc), None)
    return fac, pages, "Mammogram report"


def t_dexa(D):
    r = D.r
    fac = facility(D, r.choice(["imaging", "clinic"]))
    pr = ordering(D)
    head = letterhead(D, fac, r.choice(["center", "left"])) + ["", center("BONE DENSITOMETRY (DXA) REPORT"), ""]
    ht = r.randint(58, 74)
    wt = r.randint(105, 245)
    pairs = D.id_pairs(extra=[(D.L("Height"), '%d in' % ht), (D.L("Weight"), "%d lb" % wt),
                              (D.L("Scan Date"), D.dd(D.date)), (D.L("Referring"), pname(pr, "LF"))], age=True)
    pairs.append((D.L("Ethnicity"), r.choice(["White", "Black", "Asian", "Hispanic"])))
    head += D.id_block(pairs, r.choice(["grid2", "stack", "below"]))
    head += ["", "Scanner: {}   Software: {}".format(r.choice(["Hologic Horizon A", "GE Lunar iDXA", "Hologic Discovery W"]),
                                                  r.choice(["Apex 5.6", "enCORE 18", "Apex 4.7"])), "-" * W]
    rows = []
    worst = 9
    for reg in ["L1-L4", "Left Femoral Neck", "Left Total Hip", "Right Femoral Neck", "Right Total Hip",
                "Left Forearm 33%"][:r.choice([3, 5, 6])]:
        t = round(r.uniform(-3.3, 0.8), 1)
        worst = min(worst, t)
        z = round(t + r.uniform(0.3, 1.6), 1)
        bmd = round(0.95 + t * 0.11 + r.uniform(-0.03, 0.03), 3)
        rows.append((reg, f"{bmd:.3f}", f"{t:+.1f}", f"{z:+.1f}", "%d%%" % (100 + t * 11)))
    body = table(["Region", "BMD (g/cm2)", "T-score", "Z-score", "% Young Adult"], rows,
                 widths=[22, 12, 9, 9, 14], aligns="lrrrr", indent="  ")
    cls = "Normal" if worst > -1.0 else ("Osteopenia (low bone mass)" if worst > -2.5 else "Osteoporosis")
    body += ["", f"WHO CLASSIFICATION: {cls} (lowest T-score {worst:+.1f})", ""]
    body += ["FRAX 10-YEAR PROBABILITY (without BMD prior fracture):",
             f"   Major osteoporotic fracture: {r.uniform(4, 28):.1f}%",
             f"   Hip fracture: {r.uniform(0.4, 6):.1f}%", ""]
    body += wrap("COMMENTS: %s Recommend adequate calcium and vitamin D intake, weight-bearing exercise and "
                 "fall precautions. Repeat DXA in %d years on the same scanner." %
                 ("Treatment may be considered per NOF guidelines." if cls != "Normal" else "", r.choice([2, 3, 5])))
    body += ["", f"Interpreted by {r.choice(PROV_FIRST)} {r.choice(PROV_LAST)}, MD   {D.dd(D.date)}"]
    pages = paginate(D, head, body, cont_header(D), None)
    return fac, pages, "DXA results"


PATH_SPECS = [
    (None, 0, "Skin, %s, shave biopsy", ["left shoulder", "right forearm", "upper back", "left cheek", "nasal tip"],
     "Rule out BCC vs SK", "Received in formalin labeled with the patient's name and \"%s\" is a tan-pink shave "
     "of skin measuring 0.6 x 0.5 x 0.1 cm. Inked, bisected and entirely submitted in cassette A1.",
     ["SEBORRHEIC KERATOSIS, IRRITATED.", "BASAL CELL CARCINOMA, NODULAR TYPE, EXTENDING TO PERIPHERAL MARGIN.",
      "COMPOUND MELANOCYTIC NEVUS WITH MILD ARCHITECTURAL ATYPIA; MARGINS FREE.", "ACTINIC KERATOSIS."]),
    (None, 40, "Colon, %s, polypectomy", ["ascending", "sigmoid", "transverse", "cecum", "rectum"],
     "Screening colonoscopy, polyp", "Received in formalin labeled \"%s polyp\" are three tan soft tissue "
     "fragments measuring in aggregate 0.7 x 0.4 x 0.3 cm, entirely submitted in one cassette.",
     ["TUBULAR ADENOMA. NEGATIVE FOR HIGH-GRADE DYSPLASIA.", "HYPERPLASTIC POLYP.",
      "SESSILE SERRATED LESION WITHOUT CYTOLOGIC DYSPLASIA.", "TUBULOVILLOUS ADENOMA, NEGATIVE FOR HIGH-GRADE DYSPLASIA."]),
    (None, 18, "Gallbladder, %s", ["laparoscopic cholecystectomy"], "Symptomatic cholelithiasis",
     "Received fresh labeled \"%s\" is a 7.5 x 3.0 cm gallbladder with a smooth serosa. The wall measures "
     "0.3 cm. Multiple yellow-green faceted stones are present. Representative sections submitted.",
     ["CHRONIC CHOLECYSTITIS WITH CHOLELITHIASIS.", "ACUTE AND CHRONIC CHOLECYSTITIS WITH CHOLELITHIASIS."]),
    ("M", 45, "Prostate, %s, needle core biopsies", ["left base", "right mid", "left apex", "right base"],
     "Elevated PSA", "Received in formalin labeled \"%s\" are two tan cores of tissue measuring 1.2 and 1.5 cm "
     "in length, entirely submitted.",
     ["BENIGN PROSTATIC TISSUE.", "PROSTATIC ADENOCARCINOMA, GLEASON SCORE 3+3=6 (GRADE GROUP 1), "
      "INVOLVING 20% OF ONE CORE.", "HIGH-GRADE PROSTATIC INTRAEPITHELIAL NEOPLASIA (HGPIN)."]),
    ("F", 30, "Breast, %s, ultrasound-guided core biopsy", ["left 2 o'clock", "right 10 o'clock"],
     "BI-RADS 4A mass", "Received in formalin labeled \"%s\" are four tan-white cores measuring up to 1.6 cm. "
     "Cold ischemic time <1 hour. Entirely submitted.",
     ["FIBROADENOMA.", "FIBROCYSTIC CHANGES WITH USUAL DUCTAL HYPERPLASIA; NO ATYPIA OR MALIGNANCY IDENTIFIED.",
      "INVASIVE DUCTAL CARCINOMA, NOTTINGHAM GRADE 2 (SEE COMMENT)."]),
    ("F", 35, "Endometrium, %s", ["biopsy"], "Postmenopausal bleeding",
     "Received in formalin labeled \"%s\" is 1.5 cc of tan-red mucoid tissue fragments, entirely submitted.",
     ["DISORDERED PROLIFERATIVE ENDOMETRIUM. NEGATIVE FOR HYPERPLASIA OR MALIGNANCY.",
      "ATROPHIC ENDOMETRIUM.", "ENDOMETRIAL POLYP."]),
    (None, 1, "Tonsils and adenoids, %s", ["bilateral, tonsillectomy and adenoidectomy"],
     "Recurrent tonsillitis", "Received in formalin labeled \"%s\" are two tonsils measuring 2.5 and 2.8 cm "
     "and adenoid fragments in aggregate 2.0 cm. Representative sections submitted.",
     ["TONSILS AND ADENOIDS WITH REACTIVE LYMPHOID HYPERPLASIA."]),
]


def t_surgpath(D):
    r = D.r
    fac = facility(D, r.choice(["path", "path", "hospital"]))
    pr = ordering(D)
    case = D.other("case")
    specs = [s for s in PATH_SPECS if (s[0] is None or s[0] == D.p["sex"]) and D.age >= s[1]
             and not (s[2].startswith("Tonsils") and D.age > 35)]
    if D.age < 18:
        specs = [PATH_SPECS[0], PATH_SPECS[6]]
    sp = r.choice(specs)
    n = r.choice([1, 1, 1, 2, 3]) if "%s" in sp[2] and len(sp[3]) > 1 else 1
    sites = r.sample(sp[3], min(n, len(sp[3])))
    head = letterhead(D, fac, r.choice(["center", "caps", "left", "rightinfo"]), right=["Case: " + case]) + [""]
    head.append(center(r.choice(["SURGICAL PATHOLOGY REPORT", "PATHOLOGY CONSULTATION REPORT",
                                 "ANATOMIC PATHOLOGY REPORT"])))
    head.append("")
    lay = r.randint(0, 1)
    if lay == 0:
        mrn = D.mrn()
        rows1 = [("Patient Name", D.lastfirst()), ("Case Number", case), ("Med Rec", mrn or "")]
        rows2 = [("Date of Birth", D.dob()), ("Collected", D.dd(D.date)), ("Sex", D.sex("WORD"))]
        rows3 = [("Age", D.age_str("yrs")), ("Received", D.dd(D.date + dt.timedelta(days=1))),
                 ("Physician", pname(pr, "LF"))]
        for _a, _b in zip(zip(rows1, rows2, rows3, strict=False), range(3), strict=False):
            pass
        grid = []
        for rr in (rows1, rows2, rows3):
            grid.append("  ".join("%-13s %-20s" % (l + ":", v[:20]) for l, v in rr).rstrip())
        head += box(grid, W)
        if not mrn:
            head[-2] = head[-2]
    else:
        pairs = D.id_pairs(extra=[(D.L("Case #"), case), (D.L("Submitting MD"), pname(pr, None, r)),
                                  (D.L("Date Obtained"), D.dd(D.date))])
        head += D.id_block(pairs)
    head += [""]
    letters = "ABC"
    body = ["FINAL DIAGNOSIS:"]
    for i, s in enumerate(sites):
        body += wrap(f"{letters[i]}. {(sp[2] % s).upper()}:", W, "     ", "  ")
        body += wrap("- " + r.choice(sp[6]), W, "       ", "     ")
        body.append("")
    pat = provider(D)
    body += ["{} {}, MD, Pathologist".format(pat["first"], pat["last"]), f"*** Electronically Signed {D.dd(D.date + dt.timedelta(days=r.randint(1, 4)))} ***", ""]
    body += ["CLINICAL HISTORY:"] + wrap(sp[4] + ".", W, "  ", "  ") + [""]
    body += ["GROSS DESCRIPTION:"]
    for i, s in enumerate(sites):
        body += wrap(f"{letters[i]}. " + sp[5] % (sp[2] % s), W, "  ", "  ")
    body += ["  {}/{}".format(r.choice(["JK", "mw", "LT", "abs"]), r.choice(["dh", "rp", "gl"])), ""]
    if r.random() < 0.7:
        body += ["MICROSCOPIC DESCRIPTION:"] + wrap("Microscopic examination performed. Findings support the "
                                                     "above diagnosis.", W, "  ", "  ") + [""]
    body += wrap("CPT: 88305 x%d. This test was performed at %s, %s, %s. CLIA %s." % (
        len(sites), fac["name"], fac["addr"], csz(fac), D.other("clia")))
    pages = paginate(D, head, body, cont_header(D, case), page_foot(D, "Case " + case) if r.random() < 0.6 else None)
    return fac, pages, "Pathology report"


def t_endoscopy(D):
    r = D.r
    fac = facility(D, r.choice(["gi", "hospital"]))
    pr = ordering(D)
    doc = provider(D)
    colon = r.random() < 0.7
    head = letterhead(D, fac, r.choice(["center", "left", "bar"])) + [""]
    head.append(center("COLONOSCOPY PROCEDURE REPORT" if colon else "UPPER ENDOSCOPY (EGD) REPORT"))
    head.append("")
    pairs = D.id_pairs(extra=[(D.L("Date of Procedure"), D.dd(D.date)), (D.L("Endoscopist"), pname(doc, "FL")),
                              (D.L("Referring Physician"), pname(pr, "FL")), (D.L("Encounter"), D.other("encounter"))])
    head += D.id_block(pairs, r.choice(["stack", "grid2", "grid2"]))
    head += ["", "-" * W]
    if colon:
        ind = r.choice(["Screening for colorectal malignancy (Z12.11)", "Surveillance, history of adenomatous polyps",
                        "Hematochezia", "Iron deficiency anemia", "Change in bowel habits"])
        polyps = r.random() < 0.55
        body = ["INDICATIONS: " + ind, "",
                "MEDICATIONS: Monitored anesthesia care; propofol per anesthesia record.", "",
                "PROCEDURE: " + "After informed consent was obtained, the patient was placed in the left lateral position.",
                ]
        body = body[:-1] + wrap(body[-1] + " A digital rectal exam was normal. The colonoscope was advanced to the "
                                "cecum, identified by the appendiceal orifice and ileocecal valve. The terminal ileum was "
                                "intubated. Withdrawal time was %d minutes." % r.randint(7, 16))
        body += ["", "BOWEL PREP: Boston Bowel Preparation Scale %d (%d-%d-%d)" % ((lambda a, b, c: (a + b + c, a, b, c))(
            r.randint(2, 3), r.randint(2, 3), r.randint(1, 3))), ""]
        body += ["FINDINGS:"]
        if polyps:
            for _i in range(r.randint(1, 3)):
                body += wrap("- A %d mm %s polyp in the %s. Resected with cold snare. Resection and retrieval complete." % (
                    r.randint(3, 12), r.choice(["sessile", "pedunculated", "flat"]),
                    r.choice(["ascending colon", "sigmoid colon", "transverse colon", "cecum", "rectum"])), W, "  ", "")
        body += wrap("- {}".format(r.choice(["Scattered diverticula in the sigmoid colon.", "Non-bleeding internal "
                                                                                         "hemorrhoids, grade I.",
                                        "The examined colon was otherwise normal."])), W, "  ", "")
        body += ["", "IMPRESSION:"]
        body += ["  " + ("Colon polyps removed, pathology pending." if polyps else "Normal colonoscopy to the terminal ileum.")]
        body += ["", "RECOMMENDATIONS:"]
        body += wrap("Await pathology. Repeat colonoscopy in %s. Resume prior diet and medications." % (
            "3-5 years depending on pathology" if polyps else "10 years for screening"), W, "  ", "  ")
        cpt = "45385" if polyps else "45378"
    else:
        body = ["INDICATIONS: " + r.choice(["Dysphagia", "GERD refractory to PPI", "Epigastric pain", "Anemia"]), ""]
        body += ["FINDINGS:"]
        body += ["  - Esophagus: {}".format(r.choice(["Normal", "LA Grade A esophagitis", "Short segment salmon-colored mucosa, Prague C0M2"])),
                 "  - Stomach: {}".format(r.choice(["Mild antral erythema, biopsied (CLO)", "Normal", "Small hiatal hernia"])),
                 "  - Duodenum: {}".format(r.choice(["Normal to the second portion", "Normal, biopsied to r/o celiac"])), ""]
        body += ["IMPRESSION: See findings.", "", "RECOMMENDATIONS: Continue PPI. Follow up in GI clinic in 6 weeks."]
        cpt = "43239"
    body += ["", "CPT: {}   ICD-10: {}".format(cpt, "Z12.11" if colon else "K21.9"),
             "Complications: None. Estimated blood loss: Minimal.", "",
             "{}  Electronically signed {} {}".format(pname(doc, "FL"), D.dd(D.date), D.time(False))]
    pages = paginate(D, head, body, cont_header(D), None)
    return fac, pages, "Procedure report"


# ---------------------------------------------------------------- cardiac / pulmonary
def t_ekg(D):
    r = D.r
    fac = facility(D, r.choice(["cardio", "hospital", "clinic"]))
    pr = ordering(D)
    conf = provider(D)
    rate = r.randint(48, 118) if D.age >= 12 else r.randint(70, 140)
    pr_i, qrs = r.randint(122, 210), r.randint(72, 126)
    qt = r.randint(340, 440)
    qtc = int(qt / ((60.0 / rate) ** 0.5))
    axes = (r.randint(20, 80), r.randint(-40, 90), r.randint(10, 80))
    interp = []
    if rate < 60:
        interp.append("Sinus bradycardia")
    elif rate > 100:
        interp.append("Sinus tachycardia")
    else:
        interp.append("Normal sinus rhythm")
    if qrs > 120:
        interp.append(r.choice(["Right bundle branch block", "Left bundle branch block"]))
    elif axes[1] < -30:
        interp.append("Left axis deviation")
    if r.random() < 0.25:
        interp.append(r.choice(["Nonspecific T wave abnormality", "Left atrial enlargement",
                                "Borderline ECG", "Premature atrial complexes"]))
    if len(interp) == 1:
        interp.append("Normal ECG")
    sty = r.randint(0, 1)
    mrn = D.mrn()
    pid = mrn or D.other("acct")
    if sty == 0:   # machine style
        ts = "{} {}".format(D.date.strftime("%d-%b-%Y"), D.time(True) + ":%02d" % r.randint(0, 59))
        L = []
        L.append("%-34s%-26s%s" % (D.name(r.choice(["LF", "LFs", "LFMc"]))[:33], f"ID:{pid}", ts))
        L.append("%-34s%-26s%s" % ("%s (%d yr)" % (D.dob(r.choice(["mdY-", "mdY", "dbY"])), D.age),
                                   "Vent. rate    %3d BPM" % rate, interp[0]))
        D.rec("age", "age")
        L.append("%-34s%-26s%s" % (D.sex("WORD").title() + "   " + r.choice(["Caucasian", "Black", "Hispanic", "Unspecified", "Asian"]),
                                   "PR interval   %3d ms" % pr_i, interp[1]))
        L.append("%-34s%-26s%s" % ("Room:{}".format(r.choice(["ED12", "CL3", "4W-410", "OP", ""])), "QRS duration  %3d ms" % qrs,
                                   interp[2] if len(interp) > 2 else ""))
        L.append("%-34s%-26s" % ("Loc:%d   Option:%d" % (r.randint(1, 30), r.randint(1, 40)), "QT/QTc  %d/%d ms" % (qt, qtc)))
        L.append("%-34s%-26s" % ("", "P-R-T axes  %d %d %d" % axes))
        if not mrn:
            D.rec("mrn", "ECG cart ID is facility account only")
        L += ["", "Technician: {}".format(r.choice(["AB", "JR", "KLM", "tech 04"])),
              "Test ind: {}".format(r.choice(["Chest pain", "Pre-op", "Palpitations", "Annual", "SOB"])),
              "Referred by: %s    Confirmed by: %s (%d) on %s" % (
                  pname(pr, "LFU")[:24], pname(conf, "LFU")[:24], r.randint(10, 99), D.dd(D.date + dt.timedelta(days=1), "mdY"))]
        L += ["", "25mm/s   10mm/mV   40Hz   %s   12SL v%d   CID: %d" % (r.choice(["MAC5500", "MAC 2000", "PageWriter TC70"]),
                                                                        r.randint(200, 250), r.randint(1, 99)), ""]
        L += ["[12-lead tracing: I, II, III, aVR, aVL, aVF, V1-V6, rhythm strip II]"]
        head = [center(fac["name"].upper()), ""]
        pages = [head + L]
    else:
        head = letterhead(D, fac, r.choice(["center", "left"])) + ["", center("12-LEAD ELECTROCARDIOGRAM REPORT"), ""]
        pairs = D.id_pairs(extra=[(D.L("Date/Time"), f"{D.dd(D.date)} {D.time()}"),
                                  (D.L("Ordering"), pname(pr, "LF"))], mrn=True)
        head += D.id_block(pairs)
        head += [""]
        body = table(["Measurement", "Value", "Normal"], [
            ("Ventricular rate", "%d bpm" % rate, "60-100"), ("Atrial rate", "%d bpm" % rate, ""),
            ("PR interval", "%d ms" % pr_i, "120-200"), ("QRS duration", "%d ms" % qrs, "<120"),
            ("QT", "%d ms" % qt, ""), ("QTc (Bazett)", "%d ms" % qtc, "<450 M / <460 F"),
            ("P / QRS / T axis", "%d / %d / %d" % axes, "")], widths=[22, 16, 16], indent="  ")
        body += ["", "INTERPRETATION:"] + ["  " + x for x in interp]
        body += ["", "Compared to prior tracing of {}: {}".format(D.dd(D.date - dt.timedelta(days=r.randint(100, 900))),
                                                           r.choice(["no significant change.", "rate is faster.", "no prior available."])),
                 "", "Read by: {}   {}".format(pname(conf, "FL"), D.dd(D.date))]
        pages = paginate(D, head, body, None, None)
    return fac, pages, "EKG"


def t_echo(D):
    r = D.r
    fac = facility(D, r.choice(["cardio", "hospital"]))
    pr = ordering(D)
    ht, wt = r.randint(150, 190), r.randint(48, 120)
    bsa = ((ht * wt) / 3600.0) ** 0.5
    if D.age < 14:
        ht, wt = r.randint(90, 160), r.randint(13, 50)
        bsa = ((ht * wt) / 3600.0) ** 0.5
    ef = r.choice([60, 55, 65, 58, 45, 35, 62, 60])
    head = letterhead(D, fac, r.choice(["center", "bar", "left"])) + ["", center("TRANSTHORACIC ECHOCARDIOGRAM REPORT"), ""]
    extra = [(D.L("Study Date"), D.dd(D.date)), (D.L("Height"), "%d cm" % ht), (D.L("Weight"), "%d kg" % wt),
             (D.L("BSA"), f"{bsa:.2f} m2"), (D.L("BP"), "%d/%d" % (r.randint(100, 160), r.randint(60, 95))),
             (D.L("Referring"), pname(pr, "LF")), (D.L("Sonographer"), f"{r.choice(PROV_LAST)}, RDCS")]
    pairs = D.id_pairs(extra=extra, age=True)
    head += D.id_block(pairs, r.choice(["grid2", "grid2", "boxed", "inline"]))
    head += ["", "Indication: " + r.choice(["Dyspnea", "Murmur", "CHF evaluation", "Atrial fibrillation", "Syncope", "Pre-chemotherapy"]),
             "Image quality: " + r.choice(["Good", "Fair", "Technically difficult"]), "-" * W]
    meas = [("LVIDd", f"{r.uniform(3.8, 5.9):.1f} cm", "3.9-5.3"), ("LVIDs", f"{r.uniform(2.2, 4.4):.1f} cm", "2.5-4.0"),
            ("IVSd", f"{r.uniform(0.7, 1.4):.1f} cm", "0.6-1.0"), ("LVPWd", f"{r.uniform(0.7, 1.3):.1f} cm", "0.6-1.0"),
            ("LA diameter", f"{r.uniform(2.8, 4.8):.1f} cm", "2.7-3.8"), ("Ao root", f"{r.uniform(2.6, 3.8):.1f} cm", "2.0-3.7"),
            ("LVEF (biplane)", "%d %%" % ef, ">= 53"), ("E/A ratio", f"{r.uniform(0.6, 1.8):.1f}", ""),
            ("E/e' average", f"{r.uniform(6, 17):.0f}", "<14"), ("TAPSE", f"{r.uniform(1.5, 2.7):.1f} cm", ">1.7"),
            ("RVSP", "%d mmHg" % r.randint(18, 52), "<35")]
    body = ["MEASUREMENTS"] + table(["Parameter", "Value", "Normal"], meas, widths=[18, 12, 10], indent="  ")
    body += ["", "FINDINGS"]
    body += wrap("Left Ventricle: %s. Estimated ejection fraction %d%%. %s" % (
        r.choice(["Normal size", "Mildly dilated", "Normal size with mild concentric hypertrophy"]), ef,
        "No regional wall motion abnormalities." if ef >= 50 else "Global hypokinesis."), W, "  ", "  ")
    body += wrap("Right Ventricle: Normal size and systolic function.", W, "  ", "  ")
    body += wrap("Atria: {}".format(r.choice(["Normal.", "Left atrium is mildly dilated.", "Biatrial enlargement."])), W, "  ", "  ")
    body += wrap("Valves: {}".format(r.choice(["No significant valvular disease.", "Mild mitral regurgitation. Trace tricuspid regurgitation.",
                                          "Aortic sclerosis without stenosis.", "Moderate mitral regurgitation."])), W, "  ", "  ")
    body += wrap("Pericardium: No pericardial effusion.", W, "  ", "  ")
    body += ["", "CONCLUSIONS"]
    concl = ["Left ventricular ejection fraction %d%%." % ef,
             r.choice(["Grade I diastolic dysfunction.", "Normal diastolic function.", "Indeterminate diastolic function."]),
             r.choice(["No prior study for comparison.", "Compared with prior echo, no significant change."])]
    for i, c in enumerate(concl):
        body.append("  %d. %s" % (i + 1, c))
    body += ["", f"Interpreting Cardiologist: {r.choice(PROV_FIRST)} {r.choice(PROV_LAST)}, MD, FACC",
             f"Electronically signed {D.dd(D.date + dt.timedelta(days=1))}"]
    pages = paginate(D, head, body, cont_header(D), page_foot(D, fac["name"]) if r.random() < 0.5 else None)
    return fac, pages, "Echo report"


def t_holter(D):
    r = D.r
    fac = facility(D, r.choice(["cardio", "hospital"]))
    pr = ordering(D)
    dur = r.choice([24, 48, 48, 72, 336])
    label_sets = r.choice([("Patient", "Patient ID"), ("Subject", "Subject ID"), ("Patient Name", "ID #")])
    head = letterhead(D, fac, r.choice(["center", "left", "caps"])) + [""]
    head.append(center("%s MONITOR REPORT" % ("HOLTER" if dur <= 72 else "EXTENDED AMBULATORY ECG (PATCH)")))
    head.append("")
    mrn = D.mrn()
    pairs = [(D.L(label_sets[0]), D.name()), (D.dob_label(), D.dob()), (D.L("Age"), D.age_str("plain")),
             (D.L("Gender"), D.sex("WORD")), (D.L(label_sets[1]), mrn or D.other("registry")),
             (D.L("Hookup"), f"{D.dd(D.date - dt.timedelta(days=dur // 24))} {D.time()}"),
             (D.L("Duration"), "%dh %02dm" % (dur - 1, r.randint(0, 59))),
             (D.L("Referring"), pname(pr, "LF")), (D.L("Indication"), r.choice(["Palpitations", "Syncope", "AF burden", "Dizziness"]))]
    if not mrn:
        D.rec("mrn", "device/registry id only")
    head += D.id_block(pairs, r.choice(["grid2", "below", "boxed"]))
    head += ["", "=" * W]
    mn, mx = r.randint(42, 60), r.randint(110, 165)
    body = ["HEART RATE"] + table(["", "BPM", "Time"], [
        ("Minimum", mn, f"{D.time(True)} (sleep)"), ("Maximum", mx, D.time(True)),
        ("Average", r.randint(mn + 15, mx - 40), "")], widths=[14, 6, 20], indent="  ")
    pvc = r.randint(0, 9000)
    pac = r.randint(0, 4000)
    body += ["", "VENTRICULAR ECTOPY"] + table(["", "Count", "%"], [
        ("Isolated PVCs", pvc, "%.1f" % (pvc / 1000.0)), ("Couplets", r.randint(0, 30), ""),
        ("V-tach runs", r.choice([0, 0, 0, 1, 2]), "")], widths=[18, 8, 6], indent="  ")
    body += ["", "SUPRAVENTRICULAR ECTOPY"] + table(["", "Count", "%"], [
        ("Isolated PACs", pac, "%.1f" % (pac / 1000.0)), ("SVT runs", r.randint(0, 6), ""),
        ("AF/Flutter burden", "", "%d" % r.choice([0, 0, 0, 0, 3, 12, 100]))], widths=[18, 8, 6], indent="  ")
    body += ["", f"PAUSES: longest {r.uniform(1.1, 3.4):.1f} sec", "",
             "PATIENT DIARY: %d events; symptoms correlated with %s." % (
                 r.randint(0, 6), r.choice(["sinus rhythm", "PACs", "sinus tachycardia", "no arrhythmia"])), ""]
    body += ["INTERPRETATION:"]
    body += wrap(r.choice(["Predominant rhythm is sinus with normal heart rate variability. Rare isolated PACs "
                           "and PVCs. No sustained arrhythmias.",
                           "Sinus rhythm with frequent PVCs (burden %.1f%%). No ventricular tachycardia. "
                           "Clinical correlation recommended." % (pvc / 1000.0),
                           "Paroxysmal atrial fibrillation detected with rapid ventricular response up to %d bpm." % mx]),
                 W, "  ", "  ")
    body += ["", f"Reviewed and signed: {r.choice(PROV_FIRST)} {r.choice(PROV_LAST)}, MD  {D.dd(D.date + dt.timedelta(days=2))}"]
    pages = paginate(D, head, body, cont_header(D), None)
    return fac, pages, "Holter results"


def t_sleep(D):
    r = D.r
    fac = facility(D, r.choice(["sleep", "hospital"]))
    pr = ordering(D)
    lab = r.choice(["Patient", "Subject", "Patient Name", "Name"])
    head = letterhead(D, fac, r.choice(["center", "left", "bar"])) + [""]
    study = r.choice(["DIAGNOSTIC POLYSOMNOGRAPHY (CPT 95810)", "HOME SLEEP APNEA TEST (CPT G0399)",
                      "SPLIT-NIGHT POLYSOMNOGRAPHY (CPT 95811)"])
    head.append(center("SLEEP STUDY REPORT"))
    head.append(center(study))
    head.append("")
    ht, wt = r.randint(60, 75), r.randint(130, 330)
    bmi = wt * 703.0 / (ht * ht)
    if D.age < 16:
        ht, wt = r.randint(40, 62), r.randint(35, 120)
        bmi = wt * 703.0 / (ht * ht)
    extra = [(D.L("Study Date"), D.dd(D.date)), (D.L("Referring Physician"), pname(pr, "FL")),
             (D.L("BMI"), f"{bmi:.1f}"), (D.L("Neck"), '%d in' % r.randint(13, 19)),
             (D.L("Epworth"), "%d/24" % r.randint(3, 19))]
    pairs = D.id_pairs(extra=extra, name_lab=(D.L(lab), D.name()))
    head += D.id_block(pairs, r.choice(["stack", "grid2", "boxed"]))
    head += ["", "-" * W]
    ahi = r.choice([r.uniform(1, 4.9), r.uniform(5, 14.9), r.uniform(15, 29.9), r.uniform(30, 78)])
    tst = r.randint(280, 440)
    hsat = "HOME" in study
    nev = int(round(ahi * tst / 60.0))
    cen = int(nev * r.uniform(0, 0.08))
    obs = int((nev - cen) * r.uniform(0.15, 0.5))
    hyp = nev - cen - obs
    if hsat:
        body = ["RECORDING SUMMARY"] + table(["Parameter", "Value"], [
            ("Device", r.choice(["WatchPAT One", "ApneaLink Air", "Nox T3"])), ("Monitoring time", "%d min" % tst),
            ("Valid flow time", "%d min" % (tst - r.randint(5, 30))), ("Supine time", "%d %%" % r.randint(20, 70))],
            widths=[28, 22], indent="  ")
    else:
        body = ["SLEEP ARCHITECTURE"] + table(["Parameter", "Value"], [
        ("Total recording time", "%d min" % (tst + r.randint(20, 90))), ("Total sleep time", "%d min" % tst),
        ("Sleep efficiency", "%d %%" % r.randint(62, 94)), ("Sleep latency", "%d min" % r.randint(4, 48)),
        ("REM latency", "%d min" % r.randint(60, 190)), ("Stage N1 / N2 / N3 / REM", "%d / %d / %d / %d %%" % (
            r.randint(4, 15), r.randint(45, 60), r.randint(5, 20), r.randint(12, 24))),
        ("Arousal index", f"{r.uniform(5, 40):.1f} /h")], widths=[28, 22], indent="  ")
    body += ["", "RESPIRATORY EVENTS"] + table(["Event", "Total", "Index (/h)"], [
        ("Obstructive apneas", obs, "%.1f" % (obs * 60.0 / tst)), ("Central apneas", cen, "%.1f" % (cen * 60.0 / tst)),
        ("Hypopneas (4%)", hyp, "%.1f" % (hyp * 60.0 / tst)), ("REI" if hsat else "AHI", nev, f"{ahi:.1f}"),
        ("RDI", "", "%.1f" % (ahi + r.uniform(0, 8))),
        ("Supine AHI", "", "%.1f" % (ahi * 1.4))], widths=[24, 8, 10], indent="  ")
    body += ["", "OXYGENATION: baseline SpO2 %d%%, nadir %d%%, time <=88%%: %.1f min" % (
        r.randint(93, 98), r.randint(72, 90), r.uniform(0, 60)),
             "CARDIAC: {}".format(r.choice(["Sinus rhythm, no arrhythmias.", "Occasional PVCs.", "Sinus rhythm, HR 52-88 bpm."])),
             f"LIMB MOVEMENTS: PLM index {r.uniform(0, 30):.1f} /h", ""]
    sev = "No" if ahi < 5 else ("Mild" if ahi < 15 else ("Moderate" if ahi < 30 else "Severe"))
    body += ["IMPRESSION:"] + wrap("{} obstructive sleep apnea (AHI {:.1f} events/hour){}.".format(
        sev, ahi, "" if ahi >= 5 else " - study does not meet criteria for OSA"), W, "  ", "  ")
    body += ["", "RECOMMENDATIONS:"]
    if ahi >= 5:
        body += wrap("1. CPAP titration study or auto-PAP 5-15 cm H2O with heated humidification. 2. Weight "
                     "management. 3. Avoid driving when drowsy. 4. Follow up in sleep clinic 6-8 weeks after PAP start.",
                     W, "   ", "  ")
    else:
        body += wrap("Sleep hygiene counseling. Consider alternative causes of daytime sleepiness.", W, "  ", "  ")
    body += ["", f"Diplomate, American Board of Sleep Medicine: {r.choice(PROV_FIRST)} {r.choice(PROV_LAST)}, MD",
             f"Scored by: {r.choice(PROV_LAST)}, RPSGT"]
    pages = paginate(D, head, body, cont_header(D), page_foot(D, fac["name"]))
    return fac, pages, "Sleep study"


def t_pft(D):
    r = D.r
    fac = facility(D, r.choice(["pulm", "hospital"]))
    pr = ordering(D)
    ht = (r.randint(160, 192) if D.p["sex"] == "M" else r.randint(150, 175)) if D.age >= 14 else r.randint(110, 165)
    wt = r.randint(45, 125) if D.age >= 14 else r.randint(20, 60)
    head = letterhead(D, fac, r.choice(["center", "left"])) + ["", center("PULMONARY FUNCTION TEST REPORT"), ""]
    extra = [(D.L("Test Date"), D.dd(D.date)), (D.L("Height"), "%d cm" % ht), (D.L("Weight"), "%d kg" % wt),
             (D.L("Race"), r.choice(["GLI global", "N/A"])), (D.L("Ref Physician"), pname(pr, "LF")),
             (D.L("Technician"), r.choice(PROV_LAST) + ", RRT")]
    pairs = D.id_pairs(extra=extra, age=True)
    head += D.id_block(pairs, r.choice(["grid2", "boxed", "inline"]))
    head += ["", "Smoking: {}   Bronchodilator: Albuterol 4 puffs".format(r.choice(["Never", "Former, 20 pk-yr", "Current 1 ppd", "N/A"])), ""]
    obstr = r.random() < 0.45
    fvcp = r.uniform(3.0, 5.2) if D.age >= 14 else r.uniform(1.5, 3.2)
    rows = []

    def row(name, pred, pct, post_chg=None, unit="L"):
        pre = pred * pct
        lln = pred * 0.8
        post = pre * (1 + (post_chg or 0))
        return (name, f"{pred:.2f}", f"{lln:.2f}", f"{pre:.2f}", "%d" % (pct * 100), f"{post:.2f}",
                "%d" % (post / pred * 100), "%+d" % ((post_chg or 0) * 100))
    rows.append(row("FVC (L)", fvcp, r.uniform(0.72, 1.05), r.uniform(0, 0.08)))
    f1p = fvcp * 0.8
    rows.append(row("FEV1 (L)", f1p, r.uniform(0.45, 0.78) if obstr else r.uniform(0.82, 1.05), r.uniform(0.02, 0.18 if obstr else 0.06)))
    ratio = float(rows[1][3]) / float(rows[0][3])
    rows.append(("FEV1/FVC (%)", "80", "70", "%d" % (ratio * 100), "", "%d" % (float(rows[1][5]) / float(rows[0][5]) * 100), "", ""))
    rows.append(row("FEF25-75 (L/s)", f1p * 0.9, r.uniform(0.3, 1.0), r.uniform(0, 0.3)))
    rows.append(row("PEF (L/s)", f1p * 2.2, r.uniform(0.55, 1.05), r.uniform(0, 0.1)))
    if r.random() < 0.6:
        rows.append(row("TLC (L)", fvcp * 1.55, r.uniform(0.8, 1.2)))
        rows.append(row("RV (L)", fvcp * 0.45, r.uniform(0.9, 1.6)))
        rows.append(row("DLCO (mL/min/mmHg)", 24.0, r.uniform(0.5, 1.05)))
    body = table(["", "Pred", "LLN", "Pre", "%Pred", "Post", "%Pred", "%Chg"], rows,
                 widths=[20, 7, 7, 7, 6, 7, 6, 6], aligns="lrrrrrrr", indent=" ")
    body += ["", "INTERPRETATION:"]
    if ratio < 0.7:
        body += wrap("Spirometry demonstrates an obstructive ventilatory defect (FEV1/FVC %d%%, FEV1 %s%% predicted). "
                     "%s Lung volumes and diffusion capacity as tabulated." % (
                         ratio * 100, rows[1][4], "Significant bronchodilator response is present." if float(rows[1][7]) >= 12
                         else "No significant bronchodilator response."), W, "  ", "  ")
    else:
        body += wrap("Normal spirometry. No significant bronchodilator response. Flow-volume loop is normal in contour.",
                     W, "  ", "  ")
    body += ["", "Test quality: ATS/ERS grade {}".format(r.choice("AAB")),
             f"Interpreted by: {r.choice(PROV_FIRST)} {r.choice(PROV_LAST)}, MD, Pulmonary Medicine   {D.dd(D.date)}"]
    pages = paginate(D, head, body, cont_header(D), None)
    return fac, pages, "PFT results"

# --------------------------------------------------------------------------
# administrative and form-like documents
# --------------------------------------------------------------------------
def pick_meds(r, pool, n):
    out, seen = [], set()
    for m in r.sample(pool, len(pool)):
        key = m[0].split()[0].lower()
        cls = {"metoprolol": "bb", "carvedilol": "bb", "lisinopril": "acei", "losartan": "acei",
               "atorvastatin": "statin", "rosuvastatin": "statin", "omeprazole": "ppi", "pantoprazole": "ppi",
               "apixaban": "ac", "warfarin": "ac", "sertraline": "ssri", "escitalopram": "ssri",
               "metformin": "met", "levothyroxine": "lt4"}.get(key, key)
        if cls in seen:
            continue
        seen.add(cls)
        out.append(m)
        if len(out) >= n:
            break
    return out


def relative(D, rel=None):
    r = D.r
    R = D.g.R
    p = D.p
    if rel is None:
        rel = "Mother" if D.age < 18 and r.random() < 0.65 else ("Father" if D.age < 18 else
                                                                  r.choice(["Spouse", "Daughter", "Son", "Sister", "Friend", "Husband", "Wife"]))
    sex = {"Mother": "F", "Father": "M", "Daughter": "F", "Son": "M", "Sister": "F", "Husband": "M", "Wife": "F"}.get(rel, r.choice("MF"))
    first = r.choice(R.first_by_sex[sex])
    while first == p["first"]:
        first = r.choice(R.first_by_sex[sex])
    last = p["last"] if r.random() < 0.75 else r.choice(R.lasts)
    if rel in ("Mother", "Father"):
        dob = p["dob"] - dt.timedelta(days=r.randint(20 * 365, 42 * 365))
    elif rel in ("Daughter", "Son"):
        dob = p["dob"] + dt.timedelta(days=r.randint(20 * 365, 38 * 365))
        dob = min(dob, dt.date(2005, 1, 1))
    else:
        dob = p["dob"] + dt.timedelta(days=r.randint(-3000, 3000))
        dob = min(dob, dt.date(2006, 1, 1))
    return dict(first=first, last=last, rel=rel, sex=sex, dob=dob, phone=D.phone_num())


def insurance(D):
    r = D.r
    payer = r.choice(PAYERS)
    if D.age >= 65 and r.random() < 0.7:
        payer = r.choice(["Medicare Part B", "Medicare Advantage - Liberty Senior Plan", "Medicare"])
    if D.age < 19 and "Medicare" in payer:
        payer = r.choice(["State Medicaid", "CHIP", "Heartland Mutual Health", "Keystone Care PPO"])
    member = D.other("member")
    if "Medicare" in payer:
        while "-" not in member:
            member = D.other("member")
    else:
        while "-" in member:
            member = D.other("member")
    return dict(payer=payer, member=member, group=D.other("group") if "Medic" not in payer else "",
                phone="%s-%03d-%04d" % (r.choice(["800", "888", "877", "866"]), r.randint(200, 999), r.randint(0, 9999)))


def t_face_sheet(D):
    r = D.r
    hosp = facility(D, "hospital")
    att = provider(D)
    adm = D.date
    fin = D.other("fin")
    mrn = D.mrn()
    head = letterhead(D, hosp, r.choice(["center", "bar", "caps"])) + [""]
    title = r.choice(["PATIENT FACE SHEET", "ADMISSION RECORD", "INPATIENT FACE SHEET", "REGISTRATION FACE SHEET"])
    head += rjust_pair(title, "Printed {} {}".format(D.dd(D.fax_date, "mdY"), D.time()))
    head.append("=" * W)
    body = ["PATIENT INFORMATION"]
    ssn = D.other("ssn4")
    a, b = D.address()
    pairs = [(D.L("Name"), D.lastfirst()), (D.mrn_label() if mrn else D.L("Acct #"), mrn or fin),
             (D.L("DOB"), D.dob()), (D.L("Age"), D.age_str("yrs")), (D.L("Sex"), D.sex("WORD")),
             (D.L("SSN"), ssn), (D.L("Marital"), r.choice(["Single", "Married", "Widowed", "Divorced"]) if D.age >= 18 else "Single"),
             (D.L("Race"), r.choice(RACES)), (D.L("Language"), r.choice(LANGS)), (D.L("Religion"), r.choice(RELIG)),
             (D.L("Address"), a), (D.L("City/St/Zip"), b), (D.L("Home Phone"), D.phone()),
             (D.L("Cell"), D.phone_num() if r.random() < 0.5 else "")]
    if mrn:
        pairs.insert(2, (D.L("Encounter/FIN"), fin))
    body += grid2(pairs, colw=48)
    body += ["", "ADMISSION INFORMATION"]
    body += grid2([("Admit Date", "{} {}".format(D.dd(adm, "mdY"), D.time(True))), ("Admit Type", r.choice(["Emergency", "Urgent", "Elective"])),
                   ("Source", r.choice(["Emergency Room", "Physician Referral", "Transfer from SNF", "Clinic"])),
                   ("Unit/Room/Bed", "%s / %d / %s" % (r.choice(["4 West", "MedSurg", "ICU", "Telemetry", "5 East"] if D.age >= 18 else ["Peds", "PICU", "Peds 3N"]), r.randint(200, 699), r.choice("AB"))),
                   ("Attending", pname(att, "LF")), ("Attending NPI", att["npi"]),
                   ("PCP", pname(provider(D), "LF")), ("Service", r.choice(["Hospitalist", "Cardiology", "General Surgery", "Orthopedics"]) if D.age >= 18 else "Pediatrics"),
                   ("Admit Dx", r.choice([x for x in (ICD if D.age >= 18 else PEDS_ICD) if not x[0].startswith("Z")])[1][:36]), ("Code Status", r.choice(["Full Code", "DNR/DNI", "Full Code"]))], colw=48)
    body += ["", "GUARANTOR"]
    if D.age < 18:
        g = relative(D)
        gname = "{}, {}".format(g["last"].upper(), g["first"].upper())
        body += grid2([("Guarantor", gname), ("Relationship", g["rel"]), ("Guarantor DOB", fmt_date(g["dob"], "mdY")),
                       ("Phone", g["phone"])], colw=48)
    else:
        body += grid2([("Guarantor", "SELF"), ("Relationship", "Self"), ("Employer", r.choice(["Retired", "Self-employed", "Amazon", f"County of {D.area_city[0]}", "Unemployed", "Walmart"])),
                       ("Guarantor Acct", D.other("acct"))], colw=48)
    body += ["", "INSURANCE"]
    ins1, ins2 = insurance(D), insurance(D)
    rows = [("Primary", ins1["payer"][:26], ins1["member"], ins1["group"] or "-", "Self" if D.age >= 18 else "Child")]
    if r.random() < 0.4:
        rows.append(("Secondary", ins2["payer"][:26], ins2["member"], ins2["group"] or "-", "Self"))
    body += table(["Plan", "Payer", "Policy/Member ID", "Group #", "Rel"], rows, widths=[10, 27, 18, 12, 6], indent="  ")
    body += ["", "EMERGENCY CONTACT"]
    ec = relative(D)
    body += ["  {} {} ({})   Phone: {}".format(ec["first"], ec["last"], ec["rel"], ec["phone"])]
    body += ["", f"ALLERGIES: {r.choice(ALLERGIES)}", "ADVANCE DIRECTIVE: {}".format(r.choice(["Yes - on file", "No", "Declined"])),
             "", "Registered by: {}   {} {}".format(r.choice(PROV_LAST).upper()[:6] + r.choice("ABCDK"), D.dd(adm, "mdY"), D.time())]
    pages = paginate(D, head, body, cont_header(D), None)
    return hosp, pages, "Face sheet / admission"


ED_CASES = [
    ("Chest pain", "R07.9", "Chest pain, unspecified - ACS ruled out", ["Aspirin 324 mg PO", "Nitroglycerin 0.4 mg SL"],
     ["ECG", "Troponin x2", "CXR"], "Follow up with your primary care provider within 2-3 days. Stress test as outpatient."),
    ("Ankle injury", "S93.401A", "Sprain of right ankle, initial encounter", ["Ibuprofen 600 mg PO"],
     ["XR ankle 3 views"], "RICE, ACE wrap, crutches as needed. Follow up with orthopedics if not improving in 1 week."),
    ("Abdominal pain", "R10.31", "Right lower quadrant abdominal pain", ["Ondansetron 4 mg IV", "Morphine 4 mg IV", "NS 1 L IV"],
     ["CBC", "CMP", "Lipase", "UA", "CT abd/pelvis"], "Return immediately for worsening pain, fever or vomiting."),
    ("Fever and cough", "J18.9", "Community-acquired pneumonia", ["Ceftriaxone 1 g IV", "Acetaminophen 1000 mg PO"],
     ["CXR", "CBC", "BMP", "Influenza/COVID PCR"], "Complete antibiotic course. Follow up with PCP in 48-72 hours."),
    ("Laceration", "S61.412A", "Laceration without foreign body of right hand", ["Lidocaine 1% local", "Tdap 0.5 mL IM"],
     [], "Keep wound clean and dry. Suture removal in 10 days at PCP office."),
    ("Headache", "R51.9", "Headache, unspecified", ["Metoclopramide 10 mg IV", "Diphenhydramine 25 mg IV", "Ketorolac 15 mg IV"],
     ["CT head w/o contrast"], "Follow up with primary care. Return for worst headache of life, weakness, or fever."),
    ("Shortness of breath", "J44.1", "COPD with acute exacerbation", ["DuoNeb x3", "Methylprednisolone 125 mg IV"],
     ["CXR", "VBG", "CBC", "BMP"], "Prednisone 40 mg daily x 5 days. Use inhalers as directed. Follow up in 1 week."),
    ("Fever, ear pain", "H66.91", "Otitis media, right ear", ["Acetaminophen 15 mg/kg PO"], [],
     "Amoxicillin as prescribed. Follow up with pediatrician in 2-3 days if fever persists."),
    ("Dizziness", "R42", "Dizziness and giddiness", ["Meclizine 25 mg PO", "NS 1 L IV"],
     ["ECG", "BMP", "Orthostatic vitals"], "Hydrate well, rise slowly. Follow up with PCP this week."),
    ("Urinary burning", "N39.0", "Urinary tract infection, site not specified", ["Cephalexin 500 mg PO"],
     ["UA", "Urine culture"], "Finish antibiotics. We will call if culture requires a change."),
]


def t_ed(D):
    r = D.r
    fac = facility(D, "ed")
    cases = [c for c in ED_CASES if c[0] != "Fever, ear pain"] if D.age >= 16 else \
        [c for c in ED_CASES if c[0] in ("Ankle injury", "Fever and cough", "Laceration", "Fever, ear pain", "Headache")]
    c = r.choice(cases)
    prov = provider(D)
    clock = [r.randint(0, 20 * 60)]

    def tick(lo=10, hi=70):
        clock[0] = min(clock[0] + r.randint(lo, hi), 23 * 60 + 59)
        return "%02d:%02d" % divmod(clock[0], 60)
    arr = tick(0, 1)
    head = letterhead(D, fac, r.choice(["center", "bar", "left"])) + [""]
    head.append(center(r.choice(["EMERGENCY DEPARTMENT VISIT SUMMARY", "ED PROVIDER NOTE - SUMMARY",
                                 "EMERGENCY DEPARTMENT DISCHARGE SUMMARY", "ED ENCOUNTER RECORD"])))
    head.append("")
    enc = D.other("encounter")
    pairs = D.id_pairs(extra=[(D.L("Visit #"), enc), (D.L("Arrival"), f"{D.dd(D.date)} {arr}"),
                              (D.L("Mode"), r.choice(["Walk-in", "EMS", "Private vehicle"])),
                              (D.L("PCP"), "{}".format(pname(provider(D), "LF")))])
    head += D.id_block(pairs)
    head += ["-" * W]
    body = ["CHIEF COMPLAINT: " + c[0], ""]
    v = dict(bp="%d/%d" % (r.randint(98, 172), r.randint(58, 102)), hr=r.randint(62, 128), rr=r.randint(12, 24),
             t=f"{r.uniform(97.2, 102.4):.1f}", spo2=r.randint(90, 100), pain=r.randint(0, 9))
    body += ["VITAL SIGNS"] + table(["Time", "BP", "HR", "RR", "Temp(F)", "SpO2", "Pain"], [
        (arr, v["bp"], v["hr"], v["rr"], v["t"], "%d%% RA" % v["spo2"], v["pain"]),
        (tick(60, 150), "%d/%d" % (r.randint(100, 150), r.randint(60, 90)), r.randint(60, 100), 16, f"{r.uniform(97.5, 99.5):.1f}",
         "%d%%" % r.randint(95, 100), r.randint(0, 4))], widths=[6, 8, 4, 4, 8, 8, 4], indent="  ")
    body += ["", "ALLERGIES: " + r.choice(ALLERGIES), ""]
    body += ["MEDICATIONS ADMINISTERED IN ED:"] + [f"  - {m}  {tick(5, 40)}" for m in c[3]] + [""]
    if c[4]:
        body += ["ORDERS / RESULTS:"] + wrap(", ".join(c[4]) + ". " + r.choice(["Results reviewed, see attached.", "Unremarkable except as noted.", "Pending at time of discharge: culture."]), W, "  ", "  ") + [""]
    body += ["DIAGNOSES:", f"  1. {c[2]} ({c[1]})"]
    if r.random() < 0.4:
        x = r.choice(ICD)
        body.append(f"  2. {x[1]} ({x[0]})")
    body += ["", "DISPOSITION: {} at {}  Condition: {}".format(r.choice(["Discharged home", "Discharged home with family", "Admitted - see H&P"]),
                                                         tick(30, 120), r.choice(["Stable", "Improved", "Good"])), ""]
    rx = {"Ankle injury": ["Ibuprofen 600 mg tablet - 1 tab PO q8h PRN pain with food, #20"],
          "Abdominal pain": ["Ondansetron ODT 4 mg - 1 tab SL q8h PRN nausea, #10"],
          "Fever and cough": ["Amoxicillin/clavulanate 875/125 mg - 1 tab PO BID x 7 days",
                              "Azithromycin 250 mg - 2 tabs day 1 then 1 tab daily x 4 days",
                              "Benzonatate 100 mg - 1 cap PO TID PRN cough"],
          "Headache": ["Sumatriptan 50 mg - 1 tab PO at onset, may repeat in 2 h, #9"],
          "Shortness of breath": ["Prednisone 20 mg - 2 tabs PO daily x 5 days", "Albuterol HFA 90 mcg - 2 puffs q4h PRN"],
          "Fever, ear pain": ["Amoxicillin 400 mg/5 mL - 90 mg/kg/day divided BID x 10 days"],
          "Dizziness": ["Meclizine 25 mg - 1 tab PO q8h PRN dizziness, #15"],
          "Urinary burning": ["Cephalexin 500 mg - 1 cap PO BID x 5 days"],
          "Laceration": ["Bacitracin ointment - apply to wound BID"]}.get(c[0], [])
    body += ["DISCHARGE PRESCRIPTIONS:"]
    picks = r.sample(rx, min(len(rx), r.randint(1, 2))) if rx else []
    for m in picks:
        body += wrap(m, W, "    ", "  - ")
    if not picks:
        body += ["  None"]
    body += ["", "FOLLOW-UP INSTRUCTIONS:"] + wrap(c[5], W, "  ", "  ")
    body += ["", "ED Provider: {}   NPI {}".format(pname(prov, "FL"), prov["npi"]),
             f"Electronically signed {D.dd(D.date)} {tick(20, 90)}"]
    if r.random() < 0.5:
        body += ["", f"cc: {D.recipient[0]}"]
    pages = paginate(D, head, body, cont_header(D, enc), page_foot(D, fac["name"]) if r.random() < 0.6 else None)
    return fac, pages, "ED visit"


ADULT_VACC = [("Influenza", "Fluzone High-Dose Quad", "IM", "Sanofi"), ("Influenza", "Flucelvax Quad", "IM", "Seqirus"),
              ("COVID-19", "Spikevax 2024-2025", "IM", "Moderna"), ("COVID-19", "Comirnaty 2024-2025", "IM", "Pfizer"),
              ("Td/Tdap", "Boostrix (Tdap)", "IM", "GSK"), ("Zoster", "Shingrix", "IM", "GSK"),
              ("Pneumococcal", "Prevnar 20 (PCV20)", "IM", "Pfizer"), ("Hep B", "Heplisav-B", "IM", "Dynavax"),
              ("RSV", "Arexvy", "IM", "GSK")]
CHILD_SCHED = [("Hep B", "Engerix-B Peds", [0, 1, 6]), ("Rotavirus", "RotaTeq", [2, 4, 6]),
               ("DTaP", "Infanrix", [2, 4, 6, 15, 48]), ("Hib", "ActHIB", [2, 4, 6, 12]),
               ("Pneumococcal", "Vaxneuvance (PCV15)", [2, 4, 6, 12]), ("Polio", "IPOL (IPV)", [2, 4, 6, 48]),
               ("MMR", "M-M-R II", [12, 48]), ("Varicella", "Varivax", [12, 48]), ("Hep A", "Havrix Peds", [12, 18]),
               ("Tdap", "Adacel", [132]), ("HPV", "Gardasil 9", [132, 138]), ("Meningococcal", "MenQuadfi (MenACWY)", [132, 192]),
               ("Influenza", "FluLaval Quad", [6, 18, 30, 42, 54, 66, 78, 90, 102, 114, 126, 138, 150, 162, 174, 186, 198])]


def add_months(d, m):
    y, mm = d.year + (d.month - 1 + m) // 12, (d.month - 1 + m) % 12 + 1
    try:
        return dt.date(y, mm, d.day)
    except ValueError:
        return dt.date(y, mm, 28)


def t_immunization(D):
    r = D.r
    st = D.p["state"] if r.random() < 0.8 else D.area_city[1]
    sname = STATE_NAMES.get(st, st)
    reg = r.choice([f"{sname} Immunization Information System", f"{sname} Immunization Registry",
                    f"{sname} Statewide Immunization Information System (SIIS)"])
    fac = facility(D, r.choice(["peds" if D.age < 18 else "fp", "fp", "pharmacy"]))
    head = [center("OFFICIAL IMMUNIZATION RECORD"), center(reg.upper()), ""]
    head += rjust_pair("Printed by: {}".format(fac["name"]), "Date printed: {}".format(D.dd(D.fax_date, "mdY")))
    head += ["-" * W]
    regid = D.other("registry")
    lab = r.choice(["Client", "Patient", "Name", "Client Name"])
    pairs = [(D.L(lab), D.lastfirst() if r.random() < 0.6 else D.name()), (D.dob_label(), D.dob()),
             (D.L("Gender"), D.sex("WORD")), (D.L(r.choice(["Registry ID", "Client ID", "State ID", "IIS ID"])), regid)]
    mrn = D.mrn()
    if mrn and r.random() < 0.7:
        pairs.append((D.L("Chart #"), mrn))
    if D.age < 18:
        g = relative(D, "Mother" if r.random() < 0.7 else "Father")
        pairs.append((D.L("Parent/Guardian"), "{} {}".format(g["first"], g["last"])))
        if r.random() < 0.5:
            pairs.append((D.L("Mother's Maiden Name"), r.choice(D.g.R.lasts)))
    if D.want_addr or r.random() < 0.3:
        pairs.append((D.L("Address"), D.address1()))
    head += D.id_block(pairs, r.choice(["stack", "grid2", "boxed"]))
    head += ["", "=" * W]
    rows = []
    if D.age < 19:
        for grp, trade, months in CHILD_SCHED:
            for i, m in enumerate(months):
                d = add_months(D.p["dob"], m) + dt.timedelta(days=r.randint(0, 20))
                if d > D.date or (grp == "Influenza" and r.random() < 0.35):
                    continue
                rows.append((grp, D.dd(d, "mdY"), str(i + 1), trade, "{}{}".format(r.choice("ABCDEFHKUY"), D.g.safe_digits(r, 5)),
                             r.choice(["Historical", fac["name"][:16], "VFC - " + fac["name"][:10]])))
    else:
        for grp, trade, _route, _mfr in r.sample(ADULT_VACC, r.randint(3, 7)):
            for k in range(r.choice([1, 1, 2])):
                d = D.date - dt.timedelta(days=r.randint(30, 3000))
                if d <= D.p["dob"]:
                    continue
                rows.append((grp, D.dd(d, "mdY"), str(k + 1), trade, "{}{}".format(r.choice("ABCDEFHKUY"), D.g.safe_digits(r, 5)),
                             r.choice(["Historical", fac["name"][:16], "Pharmacy"])))
    rows.sort(key=lambda x: (x[0], x[1][6:] + x[1][:5]))
    body = table(["Vaccine Group", "Date Admin", "Dose", "Vaccine (Trade)", "Lot #", "Source"], rows,
                 widths=[15, 11, 4, 22, 8, 18])
    body += ["", "VACCINES DUE / RECOMMENDED:"]
    due = r.sample(["Influenza (annual)", "COVID-19 2025-2026", "Td/Tdap booster", "Zoster dose 2", "HPV dose 2", "MenACWY booster", "Pneumococcal"], 2)
    body += ["  - {}   due {}".format(x, D.dd(D.date + dt.timedelta(days=r.randint(0, 200)), "mdY")) for x in due]
    body += [""] + wrap(f"This record is an official copy of immunizations reported to the {reg}. Immunizations not "
                        "reported to the registry may not appear.")
    pages = paginate(D, head, body, cont_header(D), page_foot(D, reg[:40]))
    return fac, pages, "Immunization record"


def t_pharmacy(D):
    r = D.r
    ph = facility(D, "pharmacy")
    head = letterhead(D, ph, r.choice(["left", "center", "rightinfo"]),
                      right=["Store #%d" % r.randint(100, 9999), f"NCPDP {D.g.safe_digits(r, 7)}", "DEA {}{}{}".format(r.choice("ABF"), ph["name"][0], D.g.safe_digits(r, 7))]) + [""]
    title = r.choice(["PATIENT MEDICATION PROFILE", "PRESCRIPTION HISTORY REPORT", "MEDICATION LIST", "PATIENT RX PROFILE"])
    head += rjust_pair(title, "From {} to {}".format(D.dd(D.date - dt.timedelta(days=365), "mdY"), D.dd(D.date, "mdY")))
    head += ["-" * W]
    lab = r.choice(["Patient", "Patient Name", "Customer", "Pt Name", "Name"])
    pairs = [(D.L(lab), D.lastfirst() if r.random() < 0.7 else D.name()), (D.dob_label(), D.dob())]
    if r.random() < 0.5:
        pairs.append((D.L("Gender"), D.sex("1")))
    pairs.append((D.L("Pharmacy Pt ID"), D.other("registry")))
    a, b = D.address()
    pairs += [(D.L("Address"), f"{a}, {b}"), (D.L("Phone"), D.phone())]
    ins = insurance(D)
    pairs += [(D.L("Plan"), ins["payer"][:30]), (D.L("BIN/PCN"), "{} / {}".format(D.g.safe_digits(r, 6), r.choice(["ADV", "MEDDPRIME", "RXSAVE", "9999"]))),
              (D.L("Cardholder ID"), ins["member"])]
    pairs.append((D.L("Allergies"), r.choice(ALLERGIES)))
    head += D.id_block(pairs, r.choice(["stack", "grid2", "grid2"]))
    head += ["-" * W]
    meds = PEDS_MEDS if D.age < 14 else MEDS
    picks = r.sample(meds, r.randint(4, min(12, len(meds))))
    docs = [provider(D) for _ in range(3)]
    body = []
    sty = r.randint(0, 1)

    def qty(m):
        if any(w in m[1] for w in ("pen", "inhaler", "diskus", "cream", "susp", "solution", "inh")):
            return r.choice([1, 1, 2, 3])
        return r.choice([30, 60, 90, 90, 30])
    if sty == 0:
        rows = []
        for m in picks:
            fill = D.date - dt.timedelta(days=r.randint(0, 120))
            dr = r.choice(docs)
            drug = ("{} {}".format(m[0].split(" (")[0], m[1]))[:33]
            rows.append((D.other("rx"), D.dd(fill, "mdy"), drug, str(qty(m)),
                         str(r.choice([30, 90, 30, 28])), str(r.randint(0, 11)), "{}, {}".format(dr["last"][:10], dr["first"][0])))
        body += table(["Rx #", "Filled", "Drug / Strength", "Qty", "Days", "Rfl", "Prescriber"], rows,
                      widths=[8, 9, 33, 4, 4, 3, 13], aligns="lllrrrl")
        body += ["", "Directions:"]
        for m, row in zip(picks, rows, strict=False):
            body += wrap(f"{row[0]}  {m[0]}: {m[2]}", W, "          ", "  ")
    else:
        for i, m in enumerate(picks):
            dr = r.choice(docs)
            fill = D.date - dt.timedelta(days=r.randint(0, 120))
            body += ["%2d. %s %s" % (i + 1, m[0].upper(), m[1]),
                     f"    SIG: {m[2]}",
                     "    Rx# %s   Last fill %s   Qty %d   Refills left %d" % (
                         D.other("rx"), D.dd(fill, "mdY"), qty(m), r.randint(0, 5)),
                     "    Prescriber: {}   NPI {}".format(pname(dr, "Dr"), dr["npi"]), ""]
    body += ["", f"Pharmacist: {r.choice(PROV_FIRST)} {r.choice(PROV_LAST)}, PharmD   RPh Lic #{D.g.safe_digits(r, 6)}"]
    body += wrap("This profile reflects prescriptions filled at this pharmacy only and may not be a complete "
                 "medication history.")
    pages = paginate(D, head, body, cont_header(D), page_foot(D, ph["name"]))
    return ph, pages, "Medication list"


PA_DRUGS = [("Ozempic (semaglutide) 1 mg/0.75 mL pen", "E11.65", ["Metformin 1000 mg BID x 12 mo", "Glipizide 10 mg daily"], "Endocrinology"),
            ("Mounjaro (tirzepatide) 5 mg/0.5 mL pen", "E11.9", ["Metformin ER 1500 mg", "Jardiance 10 mg"], "Internal Medicine"),
            ("Humira (adalimumab) 40 mg/0.4 mL pen", "M05.79", ["Methotrexate 20 mg weekly x 6 mo", "Hydroxychloroquine"], "Rheumatology"),
            ("Dupixent (dupilumab) 300 mg/2 mL", "L20.9", ["Triamcinolone 0.1% cream", "Tacrolimus 0.1% ointment"], "Dermatology"),
            ("Eliquis (apixaban) 5 mg tab", "I48.91", ["Warfarin - labile INR"], "Cardiology"),
            ("Entresto (sacubitril/valsartan) 49/51 mg", "I50.32", ["Lisinopril 20 mg", "Losartan 100 mg"], "Cardiology"),
            ("Otezla (apremilast) 30 mg tab", "L40.0", ["Clobetasol 0.05%", "Calcipotriene"], "Dermatology"),
            ("Vyvanse (lisdexamfetamine) 30 mg cap", "F90.0", ["Methylphenidate ER 36 mg", "Guanfacine ER 1 mg"], "Pediatrics"),
            ("Trelegy Ellipta 100/62.5/25 mcg", "J44.9", ["Spiriva 18 mcg", "Advair 250/50"], "Pulmonology"),
            ("Dexcom G7 Sensor (CGM)", "E11.65", ["Fingerstick glucose QID"], "Family Medicine")]


def t_prior_auth(D):
    r = D.r
    ins = insurance(D)
    payer = dict(name=ins["payer"], fax=D.phone_num(), phone=ins["phone"])
    pr = provider(D)
    clinic = facility(D, "clinic")
    drugs = PA_DRUGS if D.age >= 18 else [x for x in PA_DRUGS if x[1] in ("F90.0", "L20.9")] + [PA_DRUGS[9]]
    drug, dx, tried, specialty = r.choice(drugs)
    if specialty == "Pediatrics" and D.age >= 18:
        specialty = "Psychiatry"
    head = [center(payer["name"].upper()), center("PHARMACY PRIOR AUTHORIZATION REQUEST FORM"),
            center("Fax completed form to {}   Questions: {}".format(payer["fax"], payer["phone"])), ""]
    head += [r.choice(["[ ] Standard   [X] Urgent (exigent)", "[X] Standard   [ ] Urgent", "Request type: [X] New  [ ] Renewal"]), "=" * W]
    body = ["SECTION A - MEMBER INFORMATION"]
    lab = r.choice(["Member Name", "Member", "Patient/Member Name", "Enrollee Name"])
    mrn = D.mrn()
    pairs = [(D.L(lab), D.name(r.choice(["FL", "Lf", "LF", "FML"]))), (D.L("Member ID"), ins["member"]),
             (D.dob_label(), D.dob()), (D.L("Group #"), ins["group"] or "N/A")]
    if r.random() < 0.5:
        pairs.append((D.L("Member Phone"), D.phone()))
    if mrn and r.random() < 0.5:
        pairs.append((D.L("Office Chart #"), mrn))
    if D.want_addr:
        pairs.append((D.L("Address"), D.address1()))
    body += grid2(pairs, colw=48) if r.random() < 0.6 else stacked(pairs)
    body += ["", "SECTION B - PRESCRIBER INFORMATION"]
    body += grid2([("Prescriber", pname(pr, "FL")), ("NPI", pr["npi"]), ("Specialty", specialty),
                   ("DEA", "{}{}{}".format(r.choice("ABFM"), pr["last"][0], D.g.safe_digits(r, 7))),
                   ("Office", clinic["name"][:34]), ("Contact", r.choice(PROV_FIRST) + " (MA)"),
                   ("Phone", clinic["phone"]), ("Fax", clinic["fax"]),
                   ("Address", clinic["addr"][:36]), ("City/St/Zip", csz(clinic))], colw=48)
    body += ["", "SECTION C - MEDICATION REQUESTED"]
    body += ["Drug name/strength: " + drug,
             "Quantity: %d   Days supply: %d   Refills: %d" % (r.choice([1, 3, 4, 30, 90]), r.choice([28, 30, 84, 90]), r.randint(0, 11)),
             "Diagnosis (ICD-10): {}  {}".format(dx, dict(ICD + PEDS_ICD).get(dx, "")),
             "{} New start   {} Continuation of therapy (start date: {})".format(chk(r.random() < 0.6), chk(False), "________")]
    body += ["", "SECTION D - CLINICAL INFORMATION"]
    qs = ["Has the member tried and failed formulary alternatives?", "Is the medication being prescribed by or in "
          "consultation with a specialist?", "Does the member have any contraindication to preferred agents?",
          "Are recent labs/chart notes attached?"]
    for q in qs:
        y = r.random() < 0.7
        body += wrap(f"{chk(y)} Yes  {chk(not y)} No   {q}", W, "                  ", "  ")
    body += ["", "  Prior therapies tried:"]
    body += table(["Drug", "Dates", "Outcome"], [(t, "{}-{}".format(D.dd(D.date - dt.timedelta(days=r.randint(300, 900)), "mdy"),
                                                             D.dd(D.date - dt.timedelta(days=r.randint(10, 200)), "mdy")),
                                                 r.choice(["Inadequate response", "Intolerance (GI)", "Side effects", "Not at goal"]))
                                                for t in tried], widths=[32, 18, 20], indent="    ")
    if dx.startswith("E11") and r.random() < 0.7:
        body += ["", f"  Pertinent labs: HbA1c {r.uniform(6.8, 10.5):.1f}% ({D.dd(D.date - dt.timedelta(days=30))})   BMI {r.uniform(27, 44):.1f}"]
    body += ["", f"Prescriber signature: ______________________________   Date: {D.dd(D.date)}", ""]
    body += wrap("By signing, I attest that the information provided is accurate and supported by the member's "
                 "medical record. Incomplete forms will be returned.")
    if r.random() < 0.35:
        body += [PAGEBREAK, center("PRIOR AUTHORIZATION DETERMINATION"), ""]
        dec = r.choice(["APPROVED", "APPROVED", "DENIED", "PENDED - ADDITIONAL INFORMATION REQUIRED"])
        body += ["Member: {}    Member ID: {}    DOB: {}".format(D.name("LF"), ins["member"], D.dob())]
        body += ["Reference/Auth #: {}".format(D.other("auth")), "Decision: " + dec,
                 f"Effective: {D.dd(D.date)} through {D.dd(D.date + dt.timedelta(days=365))}" if dec == "APPROVED" else
                 "Reason: {}".format(r.choice(["Step therapy requirement not met.", "Chart notes not received."])), ""]
        body += wrap("This determination was made by {} clinical pharmacist review. Appeal rights are enclosed.".format(payer["name"]))
    pages = paginate(D, head, body, cont_header(D), page_foot(D, "PA form rev. %02d/%d" % (r.randint(1, 12), r.randint(2021, 2024))))
    return dict(name=payer["name"] if r.random() < 0.4 else clinic["name"], fax=payer["fax"] if r.random() < 0.4 else clinic["fax"],
                phone=payer["phone"]), pages, "Prior authorization"


DME_ITEMS = [("E0601", "CPAP device, auto-titrating, with heated humidifier", "99 (lifetime)", "G47.33", 18),
             ("A7030", "Full face mask, 1 per 3 months", "99", "G47.33", 18),
             ("E0143", "Walker, folding, wheeled, adjustable height", "99", "R26.81", 50),
             ("E0260", "Hospital bed, semi-electric, with mattress", "12", "M81.0", 60),
             ("E1390", "Oxygen concentrator, single delivery port, 2 LPM continuous", "12", "J44.9", 40),
             ("E0431", "Portable gaseous oxygen system, rental", "12", "J44.9", 40),
             ("K0001", "Standard wheelchair, 18 in seat, swing-away footrests", "99", "R26.81", 50),
             ("E0570", "Nebulizer with compressor", "99", "J45.40", 1),
             ("E0163", "Commode chair, stationary, fixed arms", "99", "R26.81", 60),
             ("A9276", "Continuous glucose monitor sensor, 1 per 10 days", "12", "E11.65", 5),
             ("L1833", "Knee orthosis, adjustable, with joint, prefabricated", "99", "M17.11", 30)]


def t_dme(D):
    r = D.r
    sup = facility(D, "dme")
    pr = provider(D)
    clinic = facility(D, "clinic")
    items = [x for x in DME_ITEMS if D.age >= x[4]]
    dx0 = r.choice(items)[3]
    same = [x for x in items if x[3] == dx0]
    pick = r.sample(same, min(len(same), r.choice([1, 1, 2, 3])))
    head = letterhead(D, sup, r.choice(["center", "left", "bar"])) + [""]
    head.append(center(r.choice(["STANDARD WRITTEN ORDER (SWO)", "DETAILED WRITTEN ORDER - DME",
                                 "DURABLE MEDICAL EQUIPMENT ORDER / PRESCRIPTION"])))
    head.append(center("Please sign, date and fax back to {}".format(sup["fax"])) if r.random() < 0.7 else "")
    head.append("")
    ins = insurance(D)
    lab = r.choice(["Beneficiary Name", "Patient Name", "Patient", "Beneficiary"])
    mrn = D.mrn()
    a, b = D.address()
    pairs = [(D.L(lab), D.name(r.choice(["FL", "LF", "LFM", "Lf"]))), (D.dob_label(), D.dob()),
             (D.L("Sex"), D.sex("1")), (D.L("Medicare ID (MBI)" if "Medicare" in ins["payer"] else "Insurance ID"), ins["member"]),
             (D.L("Address"), a), (D.L("City/State/Zip"), b), (D.L("Phone"), D.phone())]
    if r.random() < 0.5:
        pairs.insert(4, (D.L("Height/Weight"), "%d in / %d lb" % (r.randint(58, 75), r.randint(110, 290))))
    if mrn:
        pairs.append((D.L("Referral Source MRN"), mrn))
    pairs.append((D.L("Supplier Order #"), D.other("order")))
    body = ["PATIENT / BENEFICIARY INFORMATION"] + (stacked(pairs) if r.random() < 0.5 else grid2(pairs, colw=46))
    body += ["", "ORDER"]
    rows = [(it[0], it[1][:46], "1", it[2]) for it in pick]
    body += boxed_table(["HCPCS", "Item Description", "Qty", "LON (mo)"], rows) if r.random() < 0.5 else \
        table(["HCPCS", "Item Description", "Qty", "LON (mo)"], rows, widths=[7, 48, 4, 10], indent="  ")
    body += ["", "Diagnosis codes: " + ", ".join(sorted(set(it[3] for it in pick))),
             f"Order date: {D.dd(D.date)}   Face-to-face encounter date: {D.dd(D.date - dt.timedelta(days=r.randint(1, 60)))}", ""]
    if any(it[0] in ("E1390", "E0431") for it in pick):
        body += wrap("Oxygen: 2 L/min via nasal cannula, continuous and with exertion. Resting SpO2 %d%% RA on %s." % (
            r.randint(84, 88), D.dd(D.date - dt.timedelta(days=3))))
    if any(it[0] == "E0601" for it in pick):
        body += wrap(f"PAP settings: APAP 5-15 cm H2O, EPR 2, heated humidity. Sleep study {D.dd(D.date - dt.timedelta(days=r.randint(10, 50)))} AHI {r.uniform(6, 60):.1f}.")
    body += ["", "ORDERING PRACTITIONER"]
    body += grid2([("Name", pname(pr, "FL")), ("NPI", pr["npi"]), ("Practice", clinic["name"][:34]),
                   ("Phone", clinic["phone"]), ("Address", clinic["addr"][:36]), ("Fax", clinic["fax"]),
                   ("", csz(clinic)), ("", "")], colw=50)
    body += ["", "Signature: ____________________________    Date: ____________", ""]
    body += wrap("I certify that I am the physician/practitioner identified above and that the information in this order "
                 "is true and accurate and that the item(s) ordered are medically necessary.")
    pages = paginate(D, head, body, cont_header(D), page_foot(D, sup["name"]))
    return sup, pages, "DME order - signature requested"


def t_home_health(D):
    r = D.r
    ag = facility(D, "homehealth")
    pr = provider(D)
    clinic = facility(D, "clinic")
    soc = D.date - dt.timedelta(days=r.randint(0, 20))
    cert_to = soc + dt.timedelta(days=59)
    ins = insurance(D)
    agency_mrn = D.mrn() or D.other("registry")
    if D.mrn_mode in ("none",):
        D.rec("mrn", f"agency's own medical record no. '{agency_mrn}' (NOT roster MRN)")
    provno = D.other("provno")
    head = [center("HOME HEALTH CERTIFICATION AND PLAN OF CARE"), ""]
    def line(cells, ws):
        return "|" + "|".join(" " + c.ljust(w - 1)[:w - 1] for c, w in zip(cells, ws, strict=False)) + "|"
    def bar_of(ws):
        return "+" + "+".join("-" * w for w in ws) + "+"
    wa = [26, 22, 38]
    head += [bar_of(wa), line(["1. Patient's HI Claim No.", "2. Start of Care Date", "3. Certification Period"], wa),
             line([ins["member"], D.dd(soc, "mdY"), "From: {}  To: {}".format(D.dd(soc, "mdy"), D.dd(cert_to, "mdy"))], wa)]
    wb = [43, 44]
    head += [bar_of(wb), line(["4. Medical Record No.", "5. Provider No."], wb), line([agency_mrn, provno], wb), bar_of(wb)]
    a, b = D.address()
    six = ["6. Patient's Name and Address", D.name(r.choice(["LFM", "LF", "Lf"])), a, b, "Phone: " + D.phone()]
    seven = ["7. Provider's Name, Address, Telephone", ag["name"][:40], ag["addr"][:40], csz(ag), "Tel: " + ag["phone"]]
    ws2 = [43, 44]
    bar2 = bar_of(ws2)
    head += [line([x, y], ws2) for x, y in zip(six, seven, strict=False)] + [bar2]
    sx = D.sex("1")
    head += [line([f"8. Date of Birth: {D.dob()}", "9. Sex: {} M  {} F".format(chk(sx == "M"), chk(sx == "F"))], ws2), bar2]
    body = []
    meds = pick_meds(r, MEDS, r.randint(4, 9))
    body += ["10. Medications: Dose/Frequency/Route  (N)ew (C)hanged"]
    for m in meds:
        body += wrap("{} {} {} {}".format(m[0], m[1], m[2].lower(), r.choice(["", "(N)", "", "(C)", ""])), W, "      ", "    ")
    dx = r.sample(ICD, 4)
    body += ["", "11. ICD-10  Principal Diagnosis                                   Date",
             "    %-8s %-54s %s" % (dx[0][0], dx[0][1][:54], D.dd(soc - dt.timedelta(days=r.randint(3, 30)), "mdy")),
             "12. ICD-10  Surgical Procedure:  {}".format(r.choice(["N/A", "0SRC0J9 R TKA {}".format(D.dd(soc - dt.timedelta(days=9), "mdy"))])),
             "13. ICD-10  Other Pertinent Diagnoses"]
    for x in dx[1:]:
        body.append("    %-8s %s" % (x[0], x[1][:70]))
    body += ["14. DME and Supplies: {}".format(r.choice(["Rolling walker, shower chair", "Hospital bed, commode", "Glucometer, lancets", "None"])),
             "15. Safety Measures: Fall precautions, clear pathways, {}".format(r.choice(["bleeding precautions", "oxygen safety", "infection control"])),
             "16. Nutritional Req.: {}".format(r.choice(["Regular", "2 gm Na, carb controlled", "Cardiac diet", "Mechanical soft"])),
             f"17. Allergies: {r.choice(ALLERGIES)}",
             "18.A Functional Limitations: {}".format(r.choice(["Ambulation, Endurance", "Ambulation, Dyspnea w/ minimal exertion", "Bowel/bladder, Ambulation"])),
             "18.B Activities Permitted: {}".format(r.choice(["Up as tolerated, Walker", "Partial weight bearing, Walker", "Wheelchair, Transfer bed/chair"])),
             "19. Mental Status: {}".format(r.choice(["Oriented", "Oriented, Forgetful", "Disoriented"])),
             "20. Prognosis: {}".format(r.choice(["Good", "Fair", "Guarded"])), ""]
    body += ["21. Orders for Discipline and Treatments (Specify Amount/Frequency/Duration)"]
    body += wrap("SN 2w3, 1w5 for assessment of cardiopulmonary status, medication teaching and compliance, "
                 "disease management teaching, vital signs each visit. Notify MD for SBP >160 or <90, HR >110, "
                 "weight gain >3 lbs in 2 days. PT eval and treat: 2w4 for gait training, transfers, home exercise "
                 "program. {}".format(r.choice(["OT eval.", "HHA 2w4 for personal care.", "MSW eval PRN."])), W, "    ", "    ")
    body += ["", "22. Goals/Rehabilitation Potential/Discharge Plans"]
    body += wrap("Patient/caregiver will verbalize understanding of medication regimen within 4 weeks. Patient will "
                 "ambulate 150 ft with walker independently. Rehab potential: {}. Discharge when goals met.".format(r.choice(["good", "fair"])),
                 W, "    ", "    ")
    body += ["", "23. Nurse's Signature and Date of Verbal SOC: {}, RN  {}".format(r.choice(PROV_LAST), D.dd(soc, "mdy")),
             "24. Physician's Name and Address:",
             "    {}   NPI {}".format(pname(pr, "FL"), pr["npi"]), "    {}, {}, {}".format(clinic["name"], clinic["addr"], csz(clinic))]
    body[-1] = body[-1][:W]
    body += ["25. Date HHA Received Signed POT: ________",
             "26. I certify that this patient is confined to his/her home and needs intermittent",
             "    skilled nursing care, physical therapy and/or speech therapy. The patient is under",
             "    my care, and I have authorized the services on this plan of care and will",
             "    periodically review the plan.",
             "27. Attending Physician's Signature and Date Signed: ___________________  ________",
             "28. Anyone who misrepresents, falsifies, or conceals essential information required for",
             "    payment of Federal funds may be subject to fine, imprisonment, or civil penalty."]
    cont = cont_header(D)
    pages = paginate(D, head, body, cont, page_foot(D, "Form CMS-485-style  {}".format(ag["name"][:30])), maxl=r.randint(52, 60))
    return ag, pages, "Plan of care - signature required"


def t_eligibility(D):
    r = D.r
    ins = insurance(D)
    clinic = facility(D, "clinic")
    dep = D.age < 18 or r.random() < 0.15
    head = [center(r.choice(["ELIGIBILITY & BENEFITS INQUIRY RESPONSE", "INSURANCE ELIGIBILITY VERIFICATION",
                              "271 ELIGIBILITY RESPONSE - BENEFIT DETAIL"])), ""]
    head += rjust_pair("Payer: {}".format(ins["payer"]), "Inquiry: {} {}".format(D.dd(D.date, "mdY"), D.time(False)))
    head += rjust_pair(f"Payer ID: {D.g.safe_digits(r, 5)}", "Trace #: {}".format(D.other("trace")))
    head += ["Provider: {}   NPI {}".format(clinic["name"], D.other("npi")), "=" * W]
    body = []
    sub = relative(D, r.choice(["Mother", "Father"]) if D.age < 18 else r.choice(["Spouse", "Husband", "Wife"])) if dep else None
    mlab = r.choice(["Member", "Subscriber", "Insured"])
    if dep:
        body += ["SUBSCRIBER"]
        body += grid2([("Name", "{}, {}".format(sub["last"].upper(), sub["first"].upper())), ("Member ID", ins["member"]),
                       ("DOB", fmt_date(sub["dob"], D.dob_style)), ("Gender", sub["sex"]),
                       ("Group #", ins["group"] or "N/A"), ("Group Name", r.choice(["ACME MANUFACTURING", "COUNTY SCHOOLS", "STATE EMPLOYEES", "INDIVIDUAL MARKET"]))], colw=46)
        body += ["", "DEPENDENT (PATIENT)"]
        pairs = [("Name", D.name("LF")), ("Relationship", "Child" if D.age < 18 else "Spouse"), ("DOB", D.dob()), ("Gender", D.sex("1")),
                 ("Dependent Suffix", "0%d" % r.randint(1, 4))]
    else:
        body += [mlab.upper() + " (PATIENT)"]
        pairs = [("Name", D.name(r.choice(["LF", "LFM", "FLc"]))), ("Member ID", ins["member"]), ("DOB", D.dob()),
                 ("Gender", D.sex("1")), ("Group #", ins["group"] or "N/A"), ("Relationship", "Self")]
    body += grid2(pairs, colw=46)
    if D.want_addr or r.random() < 0.5:
        body.append("Address: " + D.address1())
    body += ["", "COVERAGE", "  Status: {}  Plan: {}  Effective: {}  Term: {}".format(
        r.choice(["ACTIVE", "ACTIVE", "ACTIVE COVERAGE", "INACTIVE"]),
        r.choice(["Part A/B", "MA-PD"]) if "Medicare" in ins["payer"] else r.choice(["PPO", "HMO", "EPO", "POS", "Medicaid MCO"] if "Medicaid" not in ins["payer"] else ["Medicaid MCO"]),
        D.dd(dt.date(D.date.year - r.randint(0, 6), r.choice([1, 1, 7]), 1), "mdY"), "12/31/9999")]
    body += ["  PCP on file: {}".format(r.choice(["Not required", pname(provider(D), "LFU")])), ""]
    rows = []
    for svc in ["Health Benefit Plan Coverage", "Office Visit - PCP", "Office Visit - Specialist", "Emergency Room",
                "Urgent Care", "Diagnostic Lab", "Diagnostic X-Ray", "Advanced Imaging", "DME", "Physical Therapy"]:
        rows.append((svc, r.choice(["In", "In", "Out"]), r.choice(["Individual", "Family"]),
                     r.choice(["$0", "$25", "$40", "$50", "$250", "-"]), r.choice(["0%", "20%", "30%", "-"]),
                     "$%d" % r.choice([500, 1500, 3000, 0]), "$%d" % r.randint(0, 3000)))
    body += table(["Service Type", "Ntwk", "Level", "Copay", "Coins", "Deduct", "Remaining"], rows,
                  widths=[28, 4, 10, 6, 6, 7, 9])
    body += ["", "Out-of-pocket max: $%d individual / $%d family; met to date $%d" % (r.choice([3000, 6350, 8700]), r.choice([6000, 12700, 17400]), r.randint(0, 3000))]
    body += ["Prior authorization required for: Advanced imaging, DME > $500, Specialty Rx", ""]
    body += wrap("Eligibility and benefit information is not a guarantee of payment. Benefits are subject to "
                 "all contract limitations and the member's eligibility at the time services are rendered.")
    pages = paginate(D, head, body, cont_header(D), page_foot(D, "Clearinghouse response " + D.g.safe_digits(r, 6)))
    return dict(name=clinic["name"] + " Billing", fax=clinic["fax"], phone=clinic["phone"]), pages, "Eligibility"


def t_sports(D):
    r = D.r
    clinic = facility(D, "peds" if D.age < 16 else "fp")
    pr = provider(D)
    school = facility(D, "hs" if D.age >= 13 else "school")["name"]
    if D.age >= 19:
        school = f"{D.area_city[0]} Community College"
    ht = int(min(70, 50 + (D.age - 8) * 2.0) + r.randint(-3, 4))
    wt = int(max(50, (ht - 30) * 3.2 * r.uniform(0.8, 1.35)))
    grade = max(1, min(12, D.age - 5))
    head = [center("PREPARTICIPATION PHYSICAL EVALUATION"), center("MEDICAL ELIGIBILITY FORM"), ""]
    ln = "Name: {}   Date of birth: {}".format(D.name(r.choice(["FL", "FML", "Lf"])), D.dob())
    head += [ln, "Sex: %s   Age: %s   Grade: %d   School: %s" % (D.sex("1"), D.age_str("plain"), grade, school[:36]),
             "Sport(s): {}".format(", ".join(r.sample(["Football", "Soccer", "Basketball", "Volleyball", "Track", "Swim", "Wrestling", "Baseball", "Softball", "Cross Country", "Tennis"], 2)))]
    if D.want_phone or r.random() < 0.4:
        g = relative(D)
        head.append("Parent/Guardian: {} {}   Phone: {}".format(g["first"], g["last"], D.phone()))
    if D.want_addr:
        head.append(f"Address: {D.address1()}")
    head += ["-" * W]
    body = ["HISTORY (reviewed with athlete and parent)"]
    qs = ["Has a doctor ever denied or restricted your participation in sports?", "Do you have any ongoing medical issues?",
          "Have you ever passed out during or after exercise?", "Have you had chest pain, discomfort or pressure during exercise?",
          "Has any family member died suddenly of heart problems before age 35?", "Have you ever had a concussion or head injury?",
          "Do you have asthma or use an inhaler?", "Have you had a bone, muscle or joint injury that made you miss a game?"]
    for i, q in enumerate(qs):
        y = r.random() < 0.12
        body.append(" %2d. %-70s %s Y %s N" % (i + 1, q[:70], chk(y), chk(not y)))
    body += ["", "PHYSICAL EXAMINATION"]
    body += ["Height %d in  Weight %d lb  BP %d/%d  Pulse %d  Vision R 20/%d L 20/%d  Corrected: %s" % (
        ht, wt, r.randint(96, 132), r.randint(56, 84), r.randint(58, 98), r.choice([20, 20, 25, 30]), r.choice([20, 20, 25, 40]),
        r.choice(["Y", "N"]))]
    body += table(["MEDICAL", "NORMAL", "ABNORMAL FINDINGS"], [(x, "X", "") for x in
                  ["Appearance", "Eyes/ears/nose/throat", "Lymph nodes", "Heart (murmurs)", "Lungs", "Abdomen", "Skin", "Neurological"]],
                  widths=[26, 8, 40], indent="  ")
    body += table(["MUSCULOSKELETAL", "NORMAL", "ABNORMAL FINDINGS"], [(x, "X", "") for x in
                  ["Neck", "Back", "Shoulder/arm", "Elbow/forearm", "Hip/thigh", "Knee", "Ankle/foot", "Functional (duck walk)"]],
                  widths=[26, 8, 40], indent="  ")
    body += ["", "CLEARANCE"]
    c = r.choice([0, 0, 0, 1])
    body += [f"  {chk(c == 0)} Medically eligible for all sports without restriction",
             f"  {chk(c == 1)} Medically eligible for all sports without restriction with recommendations for",
             "      further evaluation or treatment of: %s" % ("exercise-induced bronchospasm" if c == 1 else "________"),
             f"  {chk(False)} Not medically eligible pending further evaluation", ""]
    body += ["Name of health care professional: {}   Date: {}".format(pname(pr, "FL"), D.dd(D.date)),
             "Address: {}, {}   Phone: {}".format(clinic["addr"], csz(clinic), clinic["phone"]),
             "Signature: _______________________________   License/NPI: {}".format(pr["npi"]), ""]
    body += wrap("(c) Preparticipation Physical Evaluation form adapted for office use. Form must be on file with "
                 "the school athletic department before participation in practice or games.")
    pages = paginate(D, head, body, cont_header(D), None)
    return clinic, pages, "Sports physical"


def t_school(D):
    r = D.r
    clinic = facility(D, "peds")
    pr = provider(D)
    school = facility(D, "school" if D.age < 14 else "hs")["name"]
    st = STATE_NAMES.get(D.p["state"], D.p["state"])
    head = [center(f"{st.upper()} DEPARTMENT OF HEALTH"), center(r.choice([
        "CERTIFICATE OF IMMUNIZATION AND SCHOOL ENTRY HEALTH EXAMINATION", "CHILD HEALTH ASSESSMENT - SCHOOL FORM",
        "STUDENT HEALTH EXAMINATION REPORT"])), ""]
    g = relative(D)
    l = r.choice(["Student", "Student Name", "Child's Name", "Name of Child"])
    if r.random() < 0.5:
        head += ["{} (Last, First, MI): {}".format(D.L(l), D.name("LFM"))]
    else:
        head += ["%s  Last: %-20s First: %-16s MI: %s" % (D.L(l) + ":", D.lname(), D.fname(), D.mi() or "")]
    grade = "Pre-K" if D.age < 5 else ("K" if D.age == 5 else str(min(12, D.age - 5)))
    head += ["Date of Birth: {}    Sex: {}    Grade: {}".format(D.dob(), D.sex("1"), grade),
             f"School: {school}"]
    head += ["Parent/Guardian: {} {} ({})   Phone: {}".format(g["first"], g["last"], g["rel"], D.phone())]
    if D.want_addr or r.random() < 0.5:
        head += [f"Address: {D.address1()}"]
    head += ["=" * W]
    body = ["IMMUNIZATIONS (month/day/year of each dose)"]
    hdr = "%-16s %-10s %-10s %-10s %-10s %-10s" % ("Vaccine", "Dose 1", "Dose 2", "Dose 3", "Dose 4", "Dose 5")
    body.append(hdr)
    for grp, _trade, months in CHILD_SCHED[:-1]:
        doses = []
        for m in months:
            d = add_months(D.p["dob"], m) + dt.timedelta(days=r.randint(0, 25))
            if d <= D.date:
                doses.append(D.dd(d, "mdy"))
        body.append(("%-16s " % grp + " ".join("%-10s" % x for x in doses[:5])).rstrip())
    body += ["", "SCREENINGS"]
    body += table(["Screening", "Date", "Result"], [
        ("Vision", D.dd(D.date), "R 20/%d  L 20/%d  %s" % (r.choice([20, 25]), r.choice([20, 25, 30]), r.choice(["Pass", "Pass", "Refer"]))),
        ("Hearing", D.dd(D.date), r.choice(["Pass bilateral", "Pass", "Refer R ear"])),
        ("Dental", D.dd(D.date), r.choice(["No obvious problems", "Referred to dentist"])),
        ("Lead", D.dd(add_months(D.p["dob"], 24)), "%d mcg/dL" % r.randint(1, 4)),
        ("TB risk", D.dd(D.date), "Low risk - no testing indicated"),
        ("BMI %ile", D.dd(D.date), "%d%%" % r.randint(8, 97))], widths=[12, 10, 40], indent="  ")
    body += ["", "Chronic conditions / medications at school: {}".format(r.choice(["None", "Asthma - albuterol inhaler (form attached)", "Peanut allergy - EpiPen Jr", "ADHD"])),
             "", f"{chk(r.random() < 0.85)} Child has received all required immunizations for school entry",
             f"{chk(False)} Medical exemption on file", "",
             "Examining provider: {}   NPI {}".format(pname(pr, "FL"), pr["npi"]),
             "Clinic: {}, {}, {}  Ph {}".format(clinic["name"], clinic["addr"], csz(clinic), clinic["phone"]),
             f"Signature: __________________________  Date: {D.dd(D.date)}"]
    body[-2] = body[-2][:W]
    pages = paginate(D, head, body, cont_header(D), None)
    return clinic, pages, "School health form"


def t_registration(D):
    r = D.r
    clinic = facility(D, r.choice(["clinic", "fp", "peds" if D.age < 18 else "fp"]))
    head = letterhead(D, clinic, r.choice(["center", "left", "bar"])) + [""]
    head.append(center(r.choice(["NEW PATIENT REGISTRATION", "PATIENT INFORMATION / REGISTRATION FORM",
                                 "PATIENT DEMOGRAPHIC SHEET"])))
    head.append("")
    mrn = D.mrn()
    if r.random() < 0.6:
        head += rjust_pair(f"Date: {D.dd(D.date)}", (f"Chart #: {mrn}") if mrn else "Acct #: {}".format(D.other("acct")))
    body = ["PATIENT INFORMATION"]
    a, b = D.address()
    pref = ""
    if D.first in sum(NICK.values(), []) and D.alter and "nickname" in D.alter:
        pref = D.first
    elif D.p["first"] in NICK and r.random() < 0.3:
        pref = r.choice(NICK[D.p["first"]])
        D.rec("name", f"preferred-name field '{pref}'")
    sx = D.p["sex"]
    if r.random() < 0.5:
        body += ["Last Name: %-22s First: %-16s MI: %-3s Preferred: %s" % (D.lname(), D.first if not pref else (D.p["first"] if D.alter and "nickname" in D.alter else D.first), D.mi() or "", pref)]
    else:
        body += ["Name (Last, First, MI): {}        Preferred name: {}".format(D.name("LfFm"), pref)]
    body += ["Date of Birth: {}   Age: {}   Sex: {} Male {} Female   SSN: {}".format(D.dob(), D.age_str("plain"), chk(sx == "M"), chk(sx == "F"), D.other("ssn4")),
             f"Street Address: {a}", f"City/State/Zip: {b}",
             "Home Phone: %-18s Cell Phone: %-18s Work: %s" % (D.phone(), D.phone_num() if r.random() < 0.5 else "", ""),
             "Email: %s" % (("%s.%s%d@%s" % (D.p["first"].lower(), D.p["last"].lower().replace("'", ""), r.randint(1, 99), r.choice(["gmail.com", "yahoo.com", "outlook.com"]))) if r.random() < 0.6 else ""),
             "Marital: {}   Preferred language: {}   Race: {}".format(r.choice(["S", "M", "W", "D"]), r.choice(LANGS), r.choice(RACES)),
             f"Preferred contact: {chk(True)} Phone {chk(False)} Text {chk(False)} Email {chk(r.random() < 0.5)} Portal"]
    D.rec("phone", "phone")
    if D.age >= 18:
        body += ["Employer: {}   Occupation: {}".format(r.choice(["Retired", "Self", "St. Vincent Hospital", "Target", "School district", "Unemployed"]),
                                                    r.choice(["Retired", "Teacher", "Nurse", "Driver", "Clerk", "Engineer", "Homemaker"]))]
    body += ["", "RESPONSIBLE PARTY / GUARANTOR"]
    if D.age < 18:
        g = relative(D)
        body += ["Name: {} {}   Relationship: {}   DOB: {}   Phone: {}".format(g["first"], g["last"], g["rel"], fmt_date(g["dob"], "mdY"), g["phone"])]
    else:
        body += [f"{chk(True)} Self   {chk(False)} Other: ______________________"]
    body += ["", "INSURANCE"]
    ins = insurance(D)
    sub_self = D.age >= 18 and r.random() < 0.8
    sp = relative(D, "Spouse") if not sub_self else None
    body += ["Primary Insurance: %-30s ID #: %s" % (ins["payer"], ins["member"]),
             "Group #: %-14s Subscriber: %s   Subscriber DOB: %s" % (
                 ins["group"] or "", "Self" if sub_self else "{} {}".format(sp["first"], sp["last"]),
                 "same" if sub_self else fmt_date(sp["dob"], "mdY")),
             "Secondary Insurance: {}".format(r.choice(["None", "", "Medicaid"]))]
    body += ["", "EMERGENCY CONTACT"]
    ec = relative(D)
    body += ["Name: {} {}   Relationship: {}   Phone: {}".format(ec["first"], ec["last"], ec["rel"], ec["phone"])]
    body += [""] + wrap("PREFERRED PHARMACY: {}, {}   Ph {}".format(facility(D, "pharmacy")["name"], D.area_city[0], D.phone_num()))
    body += ["Referring physician: {}".format(pname(provider(D), "Dr")), ""]
    body += wrap("I authorize the release of any medical information necessary to process insurance claims and "
                 "assign benefits to the provider. I have received the Notice of Privacy Practices.")
    body += ["", f"Patient/Guardian signature: ______________________________   Date: {D.dd(D.date)}"]
    pages = paginate(D, head, body, cont_header(D), None)
    return clinic, pages, "New patient registration"


def t_snf_transfer(D):
    r = D.r
    snf = facility(D, "snf")
    att = provider(D)
    head = letterhead(D, snf, r.choice(["center", "left", "bar"])) + [""]
    title = r.choice(["INTERFACILITY TRANSFER / CONTINUITY OF CARE FORM", "RESIDENT FACE SHEET", "RESIDENT TRANSFER SUMMARY"])
    head += [center(title), ""]
    mrn = D.mrn()
    lab = r.choice(["Resident", "Resident Name", "Resident", "Patient"])
    pairs = [(D.L(lab), D.lastfirst()), (D.dob_label(), D.dob()), (D.L("Age"), D.age_str("plain")), (D.L("Sex"), D.sex("1")),
             (D.L("Room/Bed"), "%d-%s" % (r.randint(100, 260), r.choice("ABW"))), (D.L("Resident #" if not mrn else "MRN"), mrn or D.other("registry")),
             (D.L("Admit Date"), D.dd(D.date - dt.timedelta(days=r.randint(30, 1500)))), (D.L("Code Status"), r.choice(["DNR", "Full Code", "DNR/DNI - MOLST on file"]))]
    if not mrn:
        D.rec("mrn", "facility resident # only")
    if D.want_phone or r.random() < 0.3:
        pairs.append((D.L("Phone"), D.phone()))
    ins = insurance(D)
    pairs += [(D.L("Primary Payer"), ins["payer"]), (D.L("Policy #"), ins["member"])]
    head += D.id_block(pairs, r.choice(["grid2", "boxed", "stack"]))
    head += ["", "Attending: {}   Phone {}".format(pname(att, "FL"), snf["phone"])]
    rp = relative(D, r.choice(["Daughter", "Son", "Spouse"]))
    head += ["Responsible Party / POA: {} {} ({})  {}".format(rp["first"], rp["last"], rp["rel"], rp["phone"]), "-" * W]
    body = ["REASON FOR TRANSFER: {}".format(r.choice(["Fall with possible hip fracture", "Change in mental status",
                                                  "Shortness of breath, SpO2 86%", "Follow-up appointment with PCP",
                                                  "Discharge to community - care transferred to PCP", "Fever, suspected UTI"])), ""]
    body += ["DIAGNOSES:"] + [f"  - {x[1]} ({x[0]})" for x in r.sample([x for x in ICD if not x[0].startswith("Z0") and not x[0].startswith("Z1")], r.randint(3, 6))]
    body += ["", "ALLERGIES: " + r.choice(ALLERGIES), ""]
    body += [f"CURRENT MEDICATIONS (per MAR {D.dd(D.date)}):"]
    rows = [(m[0][:26], m[1][:18], m[2][:38]) for m in pick_meds(r, MEDS, r.randint(5, 11))]
    body += table(["Medication", "Strength", "Directions"], rows, widths=[26, 18, 38], indent="  ")
    body += ["", "LAST VITALS: BP %d/%d  P %d  R %d  T %.1f  SpO2 %d%%  Wt %d lb   (%s %s)" % (
        r.randint(100, 170), r.randint(55, 95), r.randint(55, 110), r.randint(14, 24), r.uniform(97, 101), r.randint(88, 99),
        r.randint(95, 230), D.dd(D.date), D.time(True))]
    body += ["FUNCTION: %s   DIET: %s   COGNITION: BIMS %d/15" % (
        r.choice(["Ext assist x1 transfers", "Independent w/ walker", "Dependent, Hoyer lift"]), r.choice(["Regular", "Mech soft, nectar thick", "Renal", "CCHO"]), r.randint(3, 15))]
    body += ["Isolation: {}   Skin: {}".format(r.choice(["None", "Contact - MRSA", "None"]), r.choice(["Intact", "Stage 2 sacrum", "Skin tear L forearm"])), ""]
    body += [f"Sent with resident: {chk(True)} Med list {chk(True)} Face sheet {chk(r.random() < 0.7)} MOLST {chk(False)} Hearing aids {chk(r.random() < 0.5)} Dentures"]
    body += ["", "Nurse completing form: {}, {}  {} {}".format(r.choice(PROV_LAST), r.choice(["RN", "LPN"]), D.dd(D.date), D.time(True))]
    pages = paginate(D, head, body, cont_header(D), page_foot(D, snf["name"]))
    return snf, pages, "Resident transfer"


def t_pt_poc(D):
    r = D.r
    pt = facility(D, "pt")
    ref = provider(D)
    therapist = dict(first=r.choice(PROV_FIRST), last=r.choice(PROV_LAST))
    head = letterhead(D, pt, r.choice(["center", "left", "rightinfo"]), right=["Please sign & return", "Fax: {}".format(pt["fax"])]) + [""]
    head += [center(r.choice(["PHYSICAL THERAPY PLAN OF CARE", "INITIAL EVALUATION & PLAN OF CARE - CERTIFICATION REQUEST",
                              "THERAPY PLAN OF CARE / RECERTIFICATION"])), ""]
    lab = r.choice(["Client", "Patient", "Client Name", "Patient Name"])
    dx = r.choice([("M17.11", "Primary OA right knee"), ("M54.50", "Low back pain"), ("M75.101", "Rotator cuff tear R shoulder"),
                   ("S83.511A", "ACL sprain L knee"), ("Z96.651", "S/p R TKA"), ("R26.81", "Unsteadiness on feet")])
    extra = [(D.L("Referring MD"), pname(ref, "LF")), (D.L("Dx"), "{} {}".format(*dx)), (D.L("Onset"), D.dd(D.date - dt.timedelta(days=r.randint(10, 200)))),
             (D.L("Eval Date"), D.dd(D.date)), (D.L("Cert Period"), "{} - {}".format(D.dd(D.date, "mdy"), D.dd(D.date + dt.timedelta(days=r.choice([30, 60, 90])), "mdy")))]
    pairs = D.id_pairs(extra=extra, name_lab=(D.L(lab), D.name()))
    head += D.id_block(pairs, r.choice(["grid2", "stack"]))
    head += ["-" * W]
    limit = {"M17.11": "stairs and prolonged walking", "M54.50": "sitting > 30 minutes and lifting",
             "M75.101": "overhead reaching and dressing", "S83.511A": "cutting, pivoting and stairs",
             "Z96.651": "stairs, car transfers and walking > 1 block", "R26.81": "community ambulation"}[dx[0]]
    body = ["SUBJECTIVE:"] + wrap("%s reports %s pain %d/10 at worst, limiting %s." % (
        r.choice(["Client", "Patient", "Pt"]), r.choice(["constant aching", "intermittent sharp", "activity-related"]), r.randint(3, 9),
        limit), W, "  ", "  ")
    body += ["", "OBJECTIVE:"]
    body += table(["Measure", "Right", "Left", "Normal"], [
        ("Knee flexion AROM", "%d deg" % r.randint(85, 135), "%d deg" % r.randint(110, 140), "0-135"),
        ("Knee extension", "-%d deg" % r.randint(0, 12), "0 deg", "0"),
        ("Hip abduction MMT", "{}/5".format(r.choice(["3+", "4-", "4"])), "{}/5".format(r.choice(["4", "4+", "5"])), "5/5"),
        ("Timed Up and Go", f"{r.uniform(8, 22):.1f} sec", "", "<13.5"),
        ("LEFS / ODI", "%d/80" % r.randint(20, 60), "", "")], widths=[22, 10, 10, 8], indent="  ")
    body += ["", "ASSESSMENT:"] + wrap("Presents with impairments in ROM, strength and balance consistent with diagnosis. "
                                       "Good rehab potential. Skilled PT indicated.", W, "  ", "  ")
    body += ["", "GOALS:"]
    goals = ["Independent with home exercise program in 2 weeks", "Ascend/descend 12 stairs reciprocally in 6 weeks",
             "Pain <=3/10 with ADLs in 6 weeks", "TUG < 12 sec to reduce fall risk in 8 weeks", "Return to work/sport without restriction"]
    body += ["  STG/LTG %d: %s" % (i + 1, g) for i, g in enumerate(r.sample(goals, 3))]
    body += ["", "PLAN: %dx/week x %d weeks. CPT 97110, 97112, 97140, 97530, 97161. Modalities PRN." % (r.choice([2, 2, 3]), r.choice([4, 6, 8])), ""]
    body += ["Therapist: {} {}, PT, DPT   Lic #{}   {}".format(therapist["first"], therapist["last"], D.g.safe_digits(r, 6), D.dd(D.date)), ""]
    body += ["PHYSICIAN CERTIFICATION:"] + wrap("I have reviewed this plan of care and certify the need for these services "
                                                "furnished under this plan while under my care.", W, "  ", "  ")
    body += ["  Physician signature: _______________________  Date: ________   NPI: {}".format(ref["npi"])]
    pages = paginate(D, head, body, cont_header(D), None)
    return pt, pages, "PT plan of care - signature requested"


def t_referral(D):
    r = D.r
    clinic = facility(D, "clinic")
    pr = provider(D)
    spec = r.choice(["Cardiology", "Gastroenterology", "Orthopedics", "Endocrinology", "Dermatology", "Neurology", "Pulmonology", "ENT", "Urology", "Allergy/Immunology"])
    head = letterhead(D, clinic, r.choice(["center", "left", "caps"])) + [""]
    head += [center(r.choice(["REFERRAL / CONSULTATION REQUEST", "OUTGOING REFERRAL FORM", "SPECIALTY REFERRAL"])), ""]
    urg = r.choice(["Routine", "Urgent (within 1 week)", "STAT"])
    head += ["Priority: " + "  ".join(f"{chk(x == urg)} {x}" for x in ["Routine", "Urgent (within 1 week)", "STAT"]), ""]
    to_us = r.random() < 0.65
    if to_us:
        spec = "Primary Care" if D.age >= 18 else "Pediatrics / Primary Care"
        clinic = facility(D, r.choice(["clinic", "ed", "hospital"]))
        head = letterhead(D, clinic, r.choice(["center", "left", "caps"])) + [""] + head[-4:]
    body = ["REFERRED TO: {}   Specialty: {}".format(D.recipient[0] if to_us else f"Dr. {r.choice(PROV_FIRST)} {r.choice(PROV_LAST)}", spec)]
    body += ["REFERRED BY: {}  NPI {}   Ph {}  Fax {}".format(pname(pr, "FL"), pr["npi"], clinic["phone"], clinic["fax"]), ""]
    body += ["PATIENT"]
    ins = insurance(D)
    pairs = D.id_pairs(extra=[(D.L("Insurance"), ins["payer"]), (D.L("Member ID"), ins["member"])],
                       phone=r.random() < 0.7)
    lay = r.choice(["boxed", "grid2", "below"])
    body += D.id_block(pairs, lay)
    body += ["", "Authorization #: %s   Visits approved: %d   Valid through: %s" % (
        D.other("auth") if r.random() < 0.6 else "Not required", r.randint(1, 6), D.dd(D.date + dt.timedelta(days=90)))]
    dx = r.choice([x for x in (ICD if D.age >= 18 else PEDS_ICD) if not x[0].startswith("Z")])
    body += ["", "DIAGNOSIS: {}  {}".format(*dx), "", "REASON FOR REFERRAL:"]
    reasons = (["Patient seen in our clinic; please establish primary care and follow up within 1-2 weeks.",
                "Returning patient to PCP for ongoing management; our consultation note is attached.",
                "Recent ED visit; needs PCP follow-up within 7 days, repeat labs recommended.",
                "Patient has no PCP on file and requests to establish care with your practice."] if to_us else
               ["Please evaluate and treat. Symptoms persist despite conservative management for 3 months.",
                "Consultation requested regarding abnormal test results (attached). Please advise on management.",
                "Evaluate for further workup; patient requests specialist opinion."])
    body += wrap(r.choice(reasons), W, "  ", "  ")
    if not to_us:
        body += ["", f"cc: {D.recipient[0]} (PCP)"]
    body += ["", f"Attached: {chk(True)} Office notes  {chk(r.random() < 0.6)} Labs  {chk(r.random() < 0.4)} Imaging  {chk(True)} Medication list"]
    body += ["", "Current medications:"]
    for m in r.sample(PEDS_MEDS if D.age < 14 else MEDS, r.randint(2, 5)):
        body += ["  - {} {}, {}".format(*m)]
    body += ["", f"Referring provider signature: ____________________  Date: {D.dd(D.date)}"]
    pages = paginate(D, head, body, cont_header(D), page_foot(D, clinic["name"]))
    return clinic, pages, "Referral"


def t_discharge(D):
    r = D.r
    hosp = facility(D, "hospital")
    att = provider(D)
    adm = D.date - dt.timedelta(days=r.randint(2, 9))
    fin = D.other("fin")
    head = letterhead(D, hosp, r.choice(["center", "bar"])) + [""]
    head += [center(r.choice(["DISCHARGE SUMMARY", "HOSPITAL DISCHARGE SUMMARY", "TRANSITION OF CARE SUMMARY"])), ""]
    mrn = D.mrn()
    row = [("PATIENT", D.lastfirst()), ("DOB", D.dob()), ("AGE/SEX", "{}/{}".format(D.age_str("Y"), D.sex("1")))]
    row2 = [("MRN" if mrn else "FIN", mrn or fin), ("ADMIT", D.dd(adm)), ("DISCHARGE", D.dd(D.date)),
            ("ATTENDING", pname(att, "LFU")[:22])]
    if mrn:
        row2.insert(1, ("FIN", fin))
    boxed = r.random() < 0.5
    head += cols_below(row, boxed=boxed)
    head += cols_below(row2, boxed=boxed)[1:] if boxed else cols_below(row2)
    head += [""]
    dx = r.sample([x for x in (ICD if D.age >= 18 else PEDS_ICD) if not x[0].startswith("Z")], 4)
    body = wrap(f"PRINCIPAL DIAGNOSIS: {dx[0][1]} ({dx[0][0]})") + ["SECONDARY DIAGNOSES:"]
    body += [f"  - {x[1]} ({x[0]})" for x in dx[1:]]
    body += ["", "HOSPITAL COURSE:"]
    course = {"N39": ("fever, dysuria and confusion", "IV ceftriaxone, narrowed to oral cephalexin per culture"),
              "I50": ("dyspnea and bilateral lower extremity edema", "IV furosemide with net negative 4.2 L"),
              "J44": ("worsening dyspnea and wheezing", "nebulized bronchodilators, IV then oral steroids"),
              "J45": ("wheezing and hypoxia", "continuous albuterol and systemic steroids"),
              "R07": ("chest pain", "serial troponins (negative) and a normal stress test"),
              "I25": ("exertional chest pain", "cardiology consultation and medical optimization"),
              "E11": ("hyperglycemia and dehydration", "IV fluids and basal-bolus insulin"),
              "I48": ("palpitations, found to be in atrial fibrillation with RVR", "IV diltiazem then oral rate control and anticoagulation"),
              "R26": ("a fall at home", "PT/OT evaluation, imaging negative for fracture"),
              "M81": ("a fall with back pain", "pain control and PT; osteoporosis treatment discussed"),
              "D64": ("fatigue and anemia", "transfusion of 1 unit PRBC and iron studies"),
              "R06": ("shortness of breath", "CT angiography negative for PE; treated with diuresis"),
              "R00": ("palpitations", "telemetry monitoring without sustained arrhythmia")}
    pres, mgmt = course.get(dx[0][0][:3], (f"{dx[0][1].lower()}", "supportive care and specialist consultation"))
    body += wrap("Patient was admitted via the emergency department with {}. Managed with {}. Clinical status improved "
                 "and the patient is medically stable for discharge. {}".format(
                     pres, mgmt,
                     r.choice(["No complications.", "Home health has been arranged.", "Follow-up labs recommended in 1 week."])), W, "  ", "  ")
    body += ["", "DISCHARGE MEDICATIONS:"]
    rows = [(m[0][:28], m[1][:18], r.choice(["NEW", "CONTINUE", "CHANGED", "CONTINUE", "STOP"])) for m in pick_meds(r, MEDS, r.randint(4, 9))]
    body += table(["Medication", "Dose", "Status"], rows, widths=[30, 20, 10], indent="  ")
    body += ["", "FOLLOW-UP: PCP in %d-%d days; labs BMP in 1 week." % (3, 7),
             "PENDING RESULTS: {}".format(r.choice(["None", "Blood cultures (no growth to date)", "Pathology"])), "",
             "{}   Dictated {}  Signed {}".format(pname(att, "FL"), D.dd(D.date), D.dd(D.date + dt.timedelta(days=1)))]
    pages = paginate(D, head, body, cont_header(D, fin), page_foot(D, hosp["name"]))
    return hosp, pages, "Discharge summary"

# --------------------------------------------------------------------------
# registry, notes, main
# --------------------------------------------------------------------------
def _f(D):
    return D.p["sex"] == "F"


TEMPLATES = [
    # key, fn, weight, eligibility, description
    ("reflab_boxed", t_reflab_boxed, 3.0, lambda D: True,
     "Reference-lab result report (Quest-like): letterhead with report status, boxed or column header "
     "PATIENT NAME/DOB/AGE/SEX/ID with values in the row below, accession/requisition/collected row, "
     "ordering physician + client block, In Range/Out of Range result table, performing site footer."),
    ("reflab_sections", t_reflab_sections, 3.0, lambda D: True,
     "Reference-lab report (LabCorp-like): Patient ID/Specimen ID/Acct line, three side-by-side "
     "columns Patient Details / Specimen Details / Physician Details, Age(y/m/d), TESTS/RESULT/FLAG/"
     "UNITS/REFERENCE INTERVAL table."),
    ("hosplab_cumulative", t_hosplab_cumulative, 2.0, lambda D: True,
     "Hospital laboratory cumulative report: Name/MR#/Acct#, DOB/Age/Sex/Loc/Adm on fixed columns, "
     "multi-day result columns with flags and reference ranges, critical-value call note."),
    ("micro_culture", t_micro, 2.0, lambda D: True,
     "Microbiology culture & susceptibility report (urine, wound, throat) with MIC table."),
    ("pap_cytology", t_pap, 1.0, lambda D: _f(D) and 21 <= D.age <= 70,
     "Gynecologic cytology (ThinPrep Pap) with HPV genotyping table."),
    ("radiology", t_radiology, 3.0, lambda D: True,
     "Radiology report (XR/CT/MRI/US/duplex) with 3 header layouts, exam/history/comparison/technique/"
     "findings/impression, electronic signature."),
    ("mammogram", t_mammo, 1.5, lambda D: _f(D) and D.age >= 35,
     "Screening/diagnostic mammography report with breast density, BI-RADS category, MQSA note."),
    ("dexa", t_dexa, 1.0, lambda D: D.age >= 50,
     "Bone densitometry (DXA) report with BMD/T-score/Z-score table and FRAX."),
    ("surgical_pathology", t_surgpath, 2.0, lambda D: True,
     "Surgical pathology report: case number, boxed grid header or label pairs, final diagnosis by "
     "part, clinical history, gross description."),
    ("endoscopy", t_endoscopy, 1.0, lambda D: D.age >= 18,
     "Colonoscopy/EGD procedure report."),
    ("ekg", t_ekg, 2.0, lambda D: True,
     "12-lead ECG: machine-printed header (name, ID, DOB (age), vent rate/PR/QRS/QT) or tabular report."),
    ("echo", t_echo, 1.5, lambda D: True,
     "Transthoracic echocardiogram report with measurements table."),
    ("holter", t_holter, 1.0, lambda D: D.age >= 8,
     "Holter / patch ambulatory ECG report; sometimes 'Subject' + 'Subject ID' labels."),
    ("sleep_study", t_sleep, 1.0, lambda D: D.age >= 5,
     "Polysomnography / home sleep apnea test report (AHI, RDI, SpO2 nadir); 'Subject' label variant."),
    ("pft", t_pft, 1.0, lambda D: D.age >= 6,
     "Pulmonary function test with Pred/LLN/Pre/%Pred/Post table."),
    ("face_sheet", t_face_sheet, 2.0, lambda D: True,
     "Hospital face sheet / admission record: demographics grid, admission info, guarantor, insurance "
     "table (policy/group numbers), emergency contact."),
    ("ed_visit", t_ed, 2.0, lambda D: D.age >= 1,
     "Emergency department visit summary: vitals table, meds given, diagnoses, disposition, Rx."),
    ("discharge_summary", t_discharge, 1.5, lambda D: D.age >= 1,
     "Hospital discharge summary with boxed/column header (PATIENT/DOB/AGE-SEX, MRN/FIN/ADMIT/DISCHARGE)."),
    ("immunization_record", t_immunization, 2.0, lambda D: True,
     "State immunization registry printout (Client/Registry ID, vaccine table with lots)."),
    ("pharmacy_profile", t_pharmacy, 2.0, lambda D: True,
     "Pharmacy patient medication profile: Rx#, fill dates, qty/days/refills, prescribers, BIN/PCN."),
    ("prior_auth", t_prior_auth, 1.5, lambda D: D.age >= 5,
     "Payer pharmacy prior-authorization request form (Member Name/Member ID/Group), optional "
     "determination page."),
    ("dme_order", t_dme, 1.5, lambda D: D.age >= 1,
     "DME standard/detailed written order with HCPCS table (Beneficiary Name, MBI)."),
    ("home_health_485", t_home_health, 1.5, lambda D: D.age >= 45,
     "Home health certification & plan of care in CMS-485 numbered-box layout (box 4 = agency MRN)."),
    ("eligibility", t_eligibility, 1.5, lambda D: True,
     "271 eligibility/benefits printout; dependents shown under a subscriber (parent/spouse) with a "
     "different name and DOB."),
    ("sports_physical", t_sports, 1.5, lambda D: 8 <= D.age <= 21,
     "Preparticipation physical evaluation form with Y/N history grid and exam table."),
    ("school_health", t_school, 1.5, lambda D: 3 <= D.age <= 18,
     "State school-entry health exam / certificate of immunization with dose-date grid."),
    ("registration", t_registration, 2.0, lambda D: True,
     "New-patient registration form filled in (separate Last/First/MI fields, preferred name, guarantor, "
     "insurance, emergency contact)."),
    ("snf_transfer", t_snf_transfer, 1.5, lambda D: D.age >= 62,
     "Nursing facility resident transfer / face sheet ('Resident' label, room/bed, MAR medications)."),
    ("pt_plan_of_care", t_pt_poc, 1.5, lambda D: D.age >= 8,
     "Physical therapy plan of care / certification request ('Client' label variant)."),
    ("referral_form", t_referral, 1.5, lambda D: True,
     "Outgoing referral / consultation request form with priority checkboxes and authorization #."),
]

NAME_STYLE_DESC = {"LFM": "LAST, FIRST M", "LF": "LAST, FIRST", "LfFm": "Last, First M", "Lf": "Last, First",
                   "FL": "First Last", "FML": "First M. Last", "LFs": "LAST FIRST", "FLc": "FIRST LAST",
                   "LFMc": "LAST,FIRST M", "FMLc": "FIRST M LAST", "separate fields": "separate Last/First fields"}
DOB_STYLE_DESC = {"mdY": "MM/DD/YYYY", "mdy_np": "M/D/YY", "md_Y": "M/D/YYYY", "iso": "YYYY-MM-DD",
                  "dbY": "DD-Mon-YYYY", "dBY": "DDMONYYYY", "BdY": "Month D, YYYY", "bdY": "Mon D, YYYY",
                  "mdYn": "MMDDYYYY", "mdY-": "MM-DD-YYYY", "mdy": "MM/DD/YY", "dmonY": "D MON YYYY"}


def digits_of(s):
    return "".join(c for c in s if c.isdigit())


def build_notes(D, text):
    p, R = D.p, D.g.R
    parts = []
    if p["who"] == "roster":
        parts.append("roster patient")
    else:
        k = p["absent_kind"]
        la = p.get("lookalike")
        if k == "surname":
            parts.append("ABSENT person; shares surname with roster {} {} (MRN {})".format(la["first_name"], la["last_name"], la["mrn"]))
        elif k == "first_last":
            parts.append("ABSENT person; same first+last as roster MRN {} but DOB differs (roster {}, printed {})".format(
                la["mrn"], la["dob"], p["dob"].isoformat()))
        elif k == "dob":
            parts.append("ABSENT person; shares DOB {} with roster MRN {} ({} {}), different name".format(
                la["dob"], la["mrn"], la["first_name"], la["last_name"]))
        else:
            parts.append("ABSENT person; invented name+DOB" + ("" if not p["absent_flags"] else " ({})".format(", ".join(p["absent_flags"]))))
        parts.append("true identity {} {} DOB {}".format(p["first"], p["last"], p["dob"].isoformat()))
    pr = D.printed
    ns = [NAME_STYLE_DESC.get(x, x) for x in pr.get("name", [])]
    ds = [DOB_STYLE_DESC.get(x, x) for x in pr.get("dob", [])]
    printed = []
    if ns:
        printed.append("name ({})".format("; ".join(ns)))
    if ds:
        printed.append("DOB ({})".format("; ".join(ds)))
        if any(x in TWO_DIGIT for x in pr.get("dob", [])):
            printed.append("DOB has 2-digit year in places")
    if "age" in pr:
        printed.append("age")
    if "sex" in pr:
        printed.append("sex")
    # MRN / address / phone verified against the text itself
    import re
    flat = text
    mrn_desc = []
    if p["who"] == "roster" and re.search(r"(?<![A-Za-z0-9]){}(?![0-9])".format(re.escape(p["mrn"])), flat):
        mrn_desc.append("roster MRN exact {}".format(p["mrn"]))
    elif D.mrn_mode == "variant" and D.mrn_text in flat:
        mrn_desc.append("roster MRN written by facility as '{}' (roster {})".format(D.mrn_text, p["mrn"]))
    if D.mrn_mode == "foreign" and D.mrn_text in flat:
        mrn_desc.append(f"facility's own record number '{D.mrn_text}' under an MRN-type label (NOT the roster MRN)")
    for k in pr.get("mrn", []):
        if any(w in k for w in ("agency", "device", "resident #", "ECG cart", "lab's own")):
            mrn_desc.append(k)
    if not any("roster MRN" in m for m in mrn_desc):
        mrn_desc.insert(0, "no roster MRN printed")
    printed.append("MRN: " + "; ".join(dict.fromkeys(mrn_desc)))
    if p["address"] in flat:
        printed.append("address")
    if digits_of(p["phone"]) in digits_of_lines(flat):
        printed.append("phone")
    if "cover_re" in pr:
        printed.append("patient named on fax cover 'Re:' line")
    parts.append("printed: " + ", ".join(printed))
    if D.alter:
        parts.append(D.alter)
    else:
        parts.append("names exactly as roster" if p["who"] == "roster" else "")
    if D.others:
        parts.append("other numbers present: " + ", ".join(sorted(D.others)))
    if D.cover:
        parts.append("page 1 is fax cover sheet")
    parts.append("%d page(s)" % D.n_pages)
    # matchability checks for roster patients
    if p["who"] == "roster":
        dups = R.same_name_dob(p["row"])
        has_mrn = any(m.startswith("roster MRN") for m in mrn_desc)
        has_other = p["address"] in flat or digits_of(p["phone"]) in digits_of_lines(flat)
        if dups:
            if has_mrn or has_other:
                parts.append("NOTE another roster record ({}) has identical name+DOB; disambiguated by {}".format(
                    ", ".join(x["mrn"] for x in dups), "MRN" if has_mrn else "address/phone"))
            else:
                parts.append("AMBIGUOUS: roster {} share identical name+DOB and nothing printed distinguishes them".format(", ".join([p["mrn"]] + [x["mrn"] for x in dups])))
        if D.alter and not has_mrn:
            if "last name" in D.alter:
                sim = [x for x in R.rows if x["dob"] == p["row"]["dob"] and x["first_name"] == p["first"]
                       and x["mrn"] != p["mrn"]]
                if sim:
                    parts.append("CAUTION other roster patient(s) {} share first name+DOB".format(", ".join(x["mrn"] for x in sim)))
            else:
                sim = [x for x in R.ld.get((p["last"].lower(), p["row"]["dob"]), []) if x["mrn"] != p["mrn"]]
                if sim:
                    parts.append("CAUTION other roster patient(s) {} share surname+DOB".format(", ".join(x["mrn"] for x in sim)))
    return "; ".join(x for x in parts if x)


def digits_of_lines(text):
    return "".join(c for c in text if c.isdigit() or c == "\n")


def check_foreign_mrns(D, text, R):
    """any roster MRN of someone else appearing in the document?"""
    import re
    hits = []
    for tok in re.findall(r"MRN\d{7}|\b\d{7}\b", text):
        if tok in R.mrns and tok != D.p["mrn"]:
            hits.append(tok)
    return hits


def write_readme(out, args, counts, n):
    lines = ["Foreign test documents - generator A (tabular / form-like faxed paperwork)", "=" * 72, "",
             "Command: make.py --roster %s --out %s --docs %d --seed %s" % (args.roster, args.out, args.docs, args.seed), "",
             "Each <id>.txt is one faxed document; pages are separated by a line containing only a form feed.",
             "Every page starts with a fax transmit header line (date, time, sender fax, page x/y); ~1/3 of",
             "documents start with a fax cover sheet.  Multi-page documents repeat the patient in a short",
             "header on page 2+.  Lines are <= 90 characters.  Clean text (no OCR noise).", "",
             "truth.json: list of {id, mrn (roster MRN or null), who (roster|absent), template, notes}.",
             "notes say which identifiers were printed (name style(s), DOB format(s), age, sex, MRN status,",
             "address, phone), typo/nickname alterations, other distractor numbers present, and matchability",
             "warnings (AMBIGUOUS when identical name+DOB roster twins are not distinguished).", "",
             "People: ~75% roster patients, ~25% absent persons.  About half the absent persons look like a",
             "roster patient (same surname, same first+last with a different DOB incl. month/day swaps and",
             "off-by-one-day, or same DOB with a different name).  Roster patients: ~14% carry a one-letter",
             "typo or a nickname; DOB is always correct.  MRN plan: ~46% exact roster MRN, ~14% roster MRN as",
             "the facility writes it (leading zeros, prefix, spacing, digits only), ~25% the facility's own",
             "number under an MRN-like label (not ours), ~20% none (some layouts omit it anyway; notes",
             "record what was actually printed).  Accession, requisition,",
             "order, account, FIN, NPI, member/group, claim, Rx and registry numbers appear as distractors",
             "and never coincide with any roster MRN.", "",
             "Templates (%d):" % len(TEMPLATES)]
    for key, _fn, _w, _el, desc in TEMPLATES:
        lines.append("")
        lines += textwrap.wrap("%-20s (%d docs) %s" % (key, counts.get(key, 0), desc), 88, subsequent_indent=" " * 21)
    lines += ["", "Label variation: Patient / PATIENT NAME / Pt Name / Name (Last, First) / Member / Client /",
              "Resident / Subject / Beneficiary / Student / Customer; DOB / D.O.B. / Birth Date / Born / BD /",
              "DOB/Age/Sex; MRN / Med Rec # / MR# / Chart No / Patient ID / PID / Hosp # / Acct #.",
              "Layouts: label:value stacked, several pairs per line, two-column grids, header row with values",
              "in the row below, |- boxed grids, side-by-side columns, CMS-485 numbered boxes.", ""]
    with open(os.path.join(out, "README.txt"), "w") as fh:
        fh.write("\n".join(lines))


LOCAL_TEMPLATES = {"home_health_485", "snf_transfer", "school_health", "sports_physical", "registration",
                   "immunization_record", "dme_order", "pt_plan_of_care", "pharmacy_profile"}


def make_plan(n, r):
    """template for each document: proportional to weights (largest remainder), every
    template at least once when n allows, shuffled."""
    tot = sum(t[2] for t in TEMPLATES)
    quota = [(t, n * t[2] / tot) for t in TEMPLATES]
    counts = {t[0]: int(q) for t, q in quota}
    if n >= len(TEMPLATES):
        for t, _q in quota:
            counts[t[0]] = max(1, counts[t[0]])
    rem = sorted(quota, key=lambda x: -(x[1] - int(x[1])))
    k = 0
    while sum(counts.values()) < n:
        counts[rem[k % len(rem)][0][0]] += 1
        k += 1
    while sum(counts.values()) > n:
        big = max(counts, key=counts.get)
        counts[big] -= 1
    plan = [t for t in TEMPLATES for _ in range(counts[t[0]])]
    r.shuffle(plan)
    return plan


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--roster", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--docs", type=int, default=100)
    ap.add_argument("--seed", default="1")
    args = ap.parse_args()
    R = Roster(args.roster)
    g = Gen(R, args.seed)
    g.overlong = 0
    os.makedirs(args.out, exist_ok=True)
    truth, counts = [], {}
    plan = make_plan(args.docs, random.Random(f"foreignA-plan-{args.seed}"))
    for i in range(args.docs):
        r = random.Random("foreignA-%s-doc-%d" % (args.seed, i))
        t = plan[i]
        is_roster = r.random() < 0.75
        doc_id = "fxa%s_%04d" % (args.seed, i + 1)
        for _attempt in range(1000):
            person = g.roster_person(r.choice(R.rows)) if is_roster else g.absent_person(r)
            D = Doc(g, r, person, doc_id)
            if t[3](D):
                break
        if person["who"] == "roster" and R.same_name_dob(person["row"]) and r.random() < 0.8:
            D.want_addr = True
            D.want_phone = True
        D.tkey = t[0]
        if t[0] in LOCAL_TEMPLATES:
            D.area_city = (person["city"], person["state"])
            D.ac = r.choice(sorted(R.cities[D.area_city]["ac"]))
        sender, pages, subject = t[1](D)
        if "addr" not in sender:
            base = facility(D, "clinic")
            base.update(sender)
            sender = base
        text = assemble(D, sender, pages, subject)
        hits = check_foreign_mrns(D, text, R)
        if hits:
            print(f"WARNING {doc_id}: other roster MRNs in text: {hits}")
        notes = build_notes(D, text)
        with open(os.path.join(args.out, doc_id + ".txt"), "w", encoding="utf-8") as fh:
            fh.write(text)
        truth.append(dict(id=doc_id, mrn=person["mrn"], who=person["who"], template=t[0], notes=notes))
        counts[t[0]] = counts.get(t[0], 0) + 1
    with open(os.path.join(args.out, "truth.json"), "w") as fh:
        json.dump(truth, fh, indent=1)
    write_readme(args.out, args, counts, args.docs)
    if g.overlong:
        print("note: %d over-long lines were re-wrapped" % g.overlong)
    print("wrote %d documents to %s (%d templates used)" % (args.docs, args.out, len(counts)))


if __name__ == "__main__":
    main()
