"""An independent generator of prose and correspondence: consult, referral and follow-up letters, dictated notes,
operative reports, refill and prior-auth requests, insurer letters, records releases and attorney
requests, FMLA and disability forms, home-health and hospice notes, school, work and jury-duty notes,
letters from patients.

Written for the benchmark by an author who had not seen docintake's extraction, matching or synthetic
templates (pipeline/synth), so that bench/intake.py --family independent measures the pipeline on documents
that do not echo its own generator. Standard library only; deterministic for a roster and a seed.

Usage: letters.py --roster roster.csv --out DIR --docs N --seed S
Writes DIR/<id>.txt (pages separated by a form feed), DIR/truth.json ({id, mrn, who, template, notes}: who
is roster or absent; notes say which identifiers were printed, typos and nicknames) and DIR/README.txt.
"""
import argparse
import csv
import datetime as dt
import json
import os
import random
import re
import textwrap

MAXW = 90
PB = "\x00PAGEBREAK"
MONTHS = ["January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December"]
MON = [m[:3] for m in MONTHS]
NUMW = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
        "nine", "ten", "eleven", "twelve"]


def wchoice(rng, pairs):
    tot = sum(w for _, w in pairs)
    x = rng.random() * tot
    for v, w in pairs:
        x -= w
        if x < 0:
            return v
    return pairs[-1][0]


def fdate(d, st):
    if st == "mdY":
        return f"{d.month:02d}/{d.day:02d}/{d.year}"
    if st == "mdY_np":
        return f"{d.month}/{d.day}/{d.year}"
    if st == "mdy":
        return f"{d.month}/{d.day}/{d.year % 100:02d}"
    if st == "mdy0":
        return f"{d.month:02d}/{d.day:02d}/{d.year % 100:02d}"
    if st == "iso":
        return d.isoformat()
    if st == "long":
        return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"
    if st == "dlong":
        return f"{d.day} {MONTHS[d.month - 1]} {d.year}"
    if st == "mon":
        return f"{MON[d.month - 1]}-{d.day:02d}-{d.year}"
    if st == "mon_sp":
        return f"{MON[d.month - 1]} {d.day}, {d.year}"
    if st == "MONU":
        return f"{d.day:02d}-{MON[d.month - 1].upper()}-{d.year}"
    raise ValueError(st)


DOB_STYLES = [("mdY", 34), ("mdY_np", 14), ("mdy", 9), ("iso", 8), ("long", 16),
              ("dlong", 6), ("mon", 7), ("mon_sp", 6)]
DOB_STYLE_DESC = {"mdY": "MM/DD/YYYY", "mdY_np": "M/D/YYYY", "mdy": "M/D/YY",
                  "mdy0": "MM/DD/YY", "iso": "YYYY-MM-DD", "long": "Month D, YYYY",
                  "dlong": "D Month YYYY", "mon": "Mon-DD-YYYY", "mon_sp": "Mon D, YYYY",
                  "MONU": "DD-MON-YYYY"}


def age_on(dob, when):
    return when.year - dob.year - ((when.month, when.day) < (dob.month, dob.day))


def luhn_npi(rng):
    base = "1" + "".join(str(rng.randint(0, 9)) for _ in range(8))
    digits = "80840" + base
    tot = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch)
        if i % 2 == 0:
            n *= 2
            if n > 9:
                n -= 9
        tot += n
    chk = (10 - tot % 10) % 10
    return base + str(chk)


def dea_num(rng, last):
    d = [rng.randint(0, 9) for _ in range(6)]
    chk = ((d[0] + d[2] + d[4]) + 2 * (d[1] + d[3] + d[5])) % 10
    first = rng.choice("ABFM")
    ini = (re.sub(r"[^A-Za-z]", "", last) or "X")[0].upper()
    return f"{first}{ini}" + "".join(map(str, d)) + str(chk)


# ----------------------------------------------------------------- name pools
PROV_FIRST_M = ["Anil", "Thomas", "Robert", "David", "Michael", "Rajesh", "Kevin", "Daniel",
                "Samuel", "Jonathan", "Hiroshi", "Ahmed", "Carlos", "Peter", "Brian", "Mark",
                "Stephen", "Vikas", "Gregory", "Alan", "Nathaniel", "Omar", "Christopher",
                "Matthew", "Andrew", "Eli", "Marcus", "Ravi", "Tobias", "Felix", "Elliot",
                "Wesley", "Graham", "Conrad", "Desmond", "Ignatius", "Quentin", "Reuben"]
PROV_FIRST_F = ["Anjali", "Susan", "Lisa", "Karen", "Priya", "Jennifer", "Maria", "Elena",
                "Rachel", "Meredith", "Naomi", "Grace", "Laura", "Monica", "Catherine", "Amy",
                "Deepa", "Hannah", "Julia", "Ingrid", "Beatrice", "Colleen", "Renata", "Tamsin",
                "Vivian", "Wendy", "Yvonne", "Fiona", "Margot", "Simone", "Lydia", "Rosalind"]
PROV_LAST = ["Patel", "Greer", "Moreno", "Okonkwo", "Lindqvist", "Goldberg", "Nakashima",
             "Fairbanks", "Whitfield", "Abernathy", "Castellano", "Delacroix", "Eastwood",
             "Farrow", "Galbraith", "Hollingsworth", "Iverson", "Jablonski", "Kowalczyk",
             "Lachance", "Mansfield", "Northcutt", "Oyelaran", "Pemberton", "Quiroga",
             "Rasmussen", "Sorensen", "Thibodeaux", "Umberger", "Vanderpool", "Wexler",
             "Yablonsky", "Zielinski", "Brightwater", "Chaudhry", "Dorsey", "Ebersole",
             "Feinstein", "Gallardo", "Haverford", "Imbriale", "Kaczmarek", "Lundgren",
             "McAllister", "Nussbaum", "Ostrowski", "Prescott", "Radcliffe", "Stroud",
             "Tolliver", "Underhill", "Villalobos", "Winslow", "Ashby", "Benedetti",
             "Cavanaugh", "Donnelly", "Esterhazy", "Fujimoto", "Gundersen", "Hargrove",
             "Kapoor", "Mukherjee", "Venkataraman", "Oduya", "Banerjee", "Srinivasan",
             "Nguyen", "Chen", "Kim", "Shah", "Reddy", "Levine", "Rosen", "Katz", "Baptiste"]
EXTRA_LAST = ["Abernathy", "Albrecht", "Ashworth", "Babcock", "Bertrand", "Blackwood",
              "Brennan", "Calloway", "Castellano", "Dalton", "Delacroix", "Dunleavy",
              "Eastman", "Ellsworth", "Faulkner", "Fenwick", "Galloway", "Gifford",
              "Hadley", "Halvorsen", "Hastings", "Holloway", "Ingersoll", "Jasinski",
              "Kendrick", "Kirkland", "Langley", "Lockhart", "Lundquist", "Mercer",
              "Merriweather", "Northrop", "Oakley", "Ottinger", "Pendleton", "Prewitt",
              "Quackenbush", "Radford", "Rutledge", "Sheffield", "Stratton", "Thackeray",
              "Trowbridge", "Upton", "Vickers", "Wadsworth", "Whitaker", "Winthrop",
              "Yardley", "Zamora", "Achebe", "Bhattacharya", "Czerwinski", "Dimitriou",
              "Espinal", "Fitzpatrick", "Gallo", "Haddad", "Ishikawa", "Jaramillo",
              "Kozlowski", "Lombardi", "Mastrangelo", "Nakagawa", "Obregon", "Papadopoulos",
              "Quintero", "Rinaldi", "Szabo", "Takahashi", "Urquhart", "Valenzuela",
              "Wojcik", "Xiong", "Yilmaz", "Zeller", "Beaumont", "Cardoza", "Dufresne",
              "Eldridge", "Fontenot", "Goins", "Hebert", "Isaacson", "Jeffries",
              "Kilgore", "Landry", "Mabry", "Nolan", "Orozco", "Pruitt", "Renfro",
              "Sizemore", "Toomey", "Varga", "Whitlock", "Yeager", "Zapata", "Boudreaux",
              "Caruso", "Dwyer", "Everhart", "Frost", "Gentry", "Huffman", "Irving",
              "Justice", "Keane", "Lovelace", "Mayfield", "Needham", "Overstreet"]
EXTRA_FIRST_M = ["Clifford", "Dwight", "Everett", "Gordon", "Harvey", "Irvin", "Lyle",
                 "Mitchell", "Norman", "Otis", "Percy", "Rodney", "Sheldon", "Troy",
                 "Vernon", "Wallace", "Leroy", "Milton", "Glenn", "Dale"]
EXTRA_FIRST_F = ["Arlene", "Bonnie", "Connie", "Darlene", "Geraldine", "Harriet", "Ida",
                 "Jolene", "Lorraine", "Maureen", "Nadine", "Opal", "Paulette", "Rhonda",
                 "Sylvia", "Tammy", "Vera", "Wanda", "Marjorie", "Roberta"]

NICK = {
    "Robert": ["Bob", "Rob", "Bobby"], "William": ["Bill", "Will", "Billy"],
    "Elizabeth": ["Liz", "Beth", "Betsy"], "James": ["Jim", "Jimmy"],
    "Richard": ["Rick", "Dick", "Rich"], "Margaret": ["Peggy", "Maggie", "Meg"],
    "Katherine": ["Kathy", "Kate", "Katie"], "Kathryn": ["Kathy", "Kate"],
    "Kathleen": ["Kathy", "Kate"], "Catherine": ["Cathy", "Cate"],
    "Michael": ["Mike", "Mikey"], "Joseph": ["Joe", "Joey"], "Thomas": ["Tom", "Tommy"],
    "Charles": ["Chuck", "Charlie"], "Christopher": ["Chris"], "Daniel": ["Dan", "Danny"],
    "Matthew": ["Matt"], "Anthony": ["Tony"], "Patricia": ["Pat", "Patty", "Trish"],
    "Jennifer": ["Jen", "Jenny"], "Deborah": ["Debbie", "Deb"], "Debra": ["Debbie", "Deb"],
    "Susan": ["Sue", "Susie"], "Barbara": ["Barb"], "Kimberly": ["Kim"],
    "Rebecca": ["Becky", "Becca"], "Samantha": ["Sam"], "Alexander": ["Alex"],
    "Benjamin": ["Ben"], "Nicholas": ["Nick"], "Jonathan": ["Jon"], "Steven": ["Steve"],
    "Stephen": ["Steve"], "Edward": ["Ed", "Eddie", "Ted"], "Lawrence": ["Larry"],
    "Gerald": ["Jerry"], "Douglas": ["Doug"], "Gregory": ["Greg"], "Timothy": ["Tim"],
    "Kenneth": ["Ken", "Kenny"], "Ronald": ["Ron", "Ronnie"], "Donald": ["Don", "Donnie"],
    "Raymond": ["Ray"], "Theodore": ["Ted", "Teddy"], "Frederick": ["Fred", "Freddie"],
    "Albert": ["Al", "Bert"], "Samuel": ["Sam"], "Philip": ["Phil"], "Jeffrey": ["Jeff"],
    "Andrew": ["Andy", "Drew"], "Cynthia": ["Cindy"], "Pamela": ["Pam"],
    "Victoria": ["Vicky", "Tori"], "Jessica": ["Jess", "Jessie"], "Judith": ["Judy"],
    "Dorothy": ["Dot", "Dottie"], "Virginia": ["Ginny"], "Teresa": ["Terri"],
    "Theresa": ["Terri", "Tess"], "Sandra": ["Sandy"], "Melissa": ["Missy", "Mel"],
    "Guadalupe": ["Lupe"], "Penelope": ["Penny"], "Abigail": ["Abby"], "Gabriel": ["Gabe"],
    "Zachary": ["Zach"], "Jacqueline": ["Jackie"], "Madison": ["Maddie"],
    "Nathan": ["Nate"], "Joshua": ["Josh"], "Jacob": ["Jake"], "Francisco": ["Frank"],
    "Frances": ["Fran"], "Eugene": ["Gene"], "Harold": ["Hal"], "Herbert": ["Herb"],
    "Leonard": ["Len", "Lenny"], "Stanley": ["Stan"], "Walter": ["Walt"],
    "Howard": ["Howie"], "Russell": ["Russ"], "Vincent": ["Vince"], "Dennis": ["Denny"],
    "Christina": ["Tina", "Chris"], "Christine": ["Chris", "Chrissy"],
    "Carolyn": ["Carol"], "Eleanor": ["Ellie", "Nora"], "Josephine": ["Jo", "Josie"],
    "Mildred": ["Millie"], "Florence": ["Flo"], "Beverly": ["Bev"], "Gloria": ["Glo"],
    "Alejandro": ["Alex"], "Alejandra": ["Alex"], "Valentina": ["Vale"],
    "Isabella": ["Bella"], "Natalie": ["Nat"], "Manuel": ["Manny"], "Ricardo": ["Ricky"],
    "Santiago": ["Santi"], "Stanislaw": ["Stan"], "Dmitri": ["Dima"], "Svetlana": ["Sveta"],
    "Agnieszka": ["Aga"], "Rafael": ["Rafa"], "Javier": ["Javi"], "Louise": ["Lou"],
    "Louis": ["Lou"], "Rachel": ["Rae"], "Danielle": ["Dani"], "Stephanie": ["Steph"],
    "Michelle": ["Shelly"], "Heather": ["Heath"], "Amanda": ["Mandy"], "Andrea": ["Andi"],
    "Angela": ["Angie"], "Cheryl": ["Cher"], "Marilyn": ["Lynn"],
}

KEYNEI = {"a": "sqz", "b": "vn", "c": "xv", "d": "sf", "e": "wr", "f": "dg", "g": "fh",
          "h": "gj", "i": "uo", "j": "hk", "k": "jl", "l": "k", "m": "n", "n": "bm",
          "o": "ip", "p": "o", "q": "w", "r": "et", "s": "ad", "t": "ry", "u": "yi",
          "v": "cb", "w": "qe", "x": "zc", "y": "tu", "z": "x"}

PLACES = ["Riverbend", "Lakeside", "Summit", "Pinecrest", "Cedar Ridge", "Valley View",
          "Northside", "Southpoint", "Heritage", "Crossroads", "Parkview", "Harbor",
          "Metro", "Tri-County", "Prairie", "Highland", "Oak Hollow", "Bayside", "Capitol",
          "Westgate", "Eastwood", "Stonebridge", "Maple Grove", "Willow Creek",
          "Fairview", "Brookside", "Ironwood", "Clearwater", "Red Oak", "Silver Lake"]
STREETS = ["Medical Center Dr", "Professional Pkwy", "Health Park Blvd", "Hospital Dr",
           "Physicians Way", "Corporate Center Dr", "Executive Park", "Wellness Way",
           "Main St", "Broadway", "Commerce St", "Campus Dr", "University Ave",
           "Lakeshore Blvd", "Pavilion Dr", "Clinic Rd", "Northpoint Pkwy", "Old Mill Rd",
           "Veterans Memorial Hwy", "Riverside Dr", "Market St", "Technology Dr"]
SAINTS = ["St. Mary's", "St. Joseph", "Mercy", "Good Samaritan", "Providence", "Baptist",
          "Methodist", "Presbyterian", "St. Luke's", "Sacred Heart", "St. Vincent",
          "Memorial", "University", "Regional", "Christ", "St. Elizabeth"]
INSURERS = ["BlueShield Advantage", "UnitedCare Health Plan", "Aetna Better Health",
            "Cigna Healthcare", "Humana Gold Plus", "Anthem HealthKeepers", "Ambetter",
            "Molina Healthcare", "WellCare of the Midwest", "Highmark Community Plan",
            "CareSource", "Oscar Health", "Medica Choice", "Priority Health Partners",
            "Harvard Pilgrim", "Kaiser Permanente", "Centene Sunshine Health",
            "Meridian Complete", "Devoted Health", "Clover Health"]
PBMS = ["Express Scripts", "CVS Caremark", "OptumRx", "Prime Therapeutics", "MedImpact"]
PHARMACIES = ["CVS Pharmacy #{n}", "Walgreens #{n}", "Rite Aid #{n}", "Kroger Pharmacy #{n}",
              "Walmart Pharmacy {n}", "Publix Pharmacy #{n}", "H-E-B Pharmacy #{n}",
              "{place} Family Pharmacy", "{place} Apothecary", "Costco Pharmacy #{n}",
              "Meijer Pharmacy #{n}", "Hy-Vee Pharmacy #{n}", "Safeway Pharmacy #{n}"]
LAWFIRMS = ["{a} & {b}, LLP", "Law Offices of {fa} {a}", "{a}, {b} & {c}, P.C.",
            "{a} Injury Law Group", "{a} & Associates, PLLC", "{a} {b} Trial Lawyers"]
EMPLOYERS = ["Amazon Fulfillment Center", "Kroger Distribution", "City of {city}",
             "{place} School District", "Tyson Foods", "UPS", "Home Depot #{n}",
             "Baptist Health System", "State Farm Insurance", "FedEx Ground",
             "{place} Manufacturing Co.", "Walmart Supercenter #{n}", "Lowe's #{n}",
             "General Motors", "Target Store #{n}", "AT&T", "Wells Fargo", "{place} Bank"]
OCCUPATIONS_M = ["retired machinist", "warehouse supervisor", "truck driver", "accountant",
                 "high school teacher", "retired postal worker", "electrician",
                 "software developer", "construction foreman", "retired Army veteran",
                 "pastor", "restaurant manager", "auto mechanic", "insurance agent"]
OCCUPATIONS_F = ["retired schoolteacher", "registered nurse", "office manager",
                 "bank teller", "retired bookkeeper", "hair stylist", "paralegal",
                 "elementary school teacher", "home daycare provider", "pharmacy technician",
                 "real estate agent", "retired seamstress", "customer service representative"]


def cap1(s):
    return s[:1].upper() + s[1:]


def an(word):
    return ("an " if word[:1].lower() in "aeiou" else "a ") + word


def cc_text(reason):
    r = re.sub(r"^(a|an) ", "", reason)
    return cap1(r) + "."


def join_and(items):
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def center(s, w=80):
    s = s.strip()
    if len(s) >= w:
        return s
    return " " * ((w - len(s)) // 2) + s


AN_AGE = re.compile(r"\b([Aa]) (8|11|18|8\d)-year-old")


def enforce(lines):
    out = []
    for ln in lines:
        ln = AN_AGE.sub(r"\1n \2-year-old", ln.rstrip())
        if len(ln) <= MAXW:
            out.append(ln)
            continue
        ind = len(ln) - len(ln.lstrip())
        out.extend(textwrap.wrap(ln.strip(), width=MAXW - ind,
                                 initial_indent=" " * ind, subsequent_indent=" " * ind,
                                 break_on_hyphens=False) or [""])
    return out


class SafeTok(dict):
    def __missing__(self, k):
        raise KeyError("missing token " + k)

# ------------------------------------------------------------ clinical library
# Tokens: {he} {He} {his} {His} {him} {man} {pt} {age} {dur} {side} {Side} vitals/labs.
CASES = [
 dict(key="afib", spec="Cardiology", dx="paroxysmal atrial fibrillation", icd="I48.0",
      age=(50, 96), kinds={"clinic", "pa", "refill"},
      reason="palpitations and newly documented atrial fibrillation",
      hpi=["{He} reports intermittent palpitations for {dur}, described as a "
           "fluttering in the chest lasting minutes to several hours, at times with "
           "lightheadedness but no syncope.",
           "A 14-day patch monitor showed an atrial fibrillation burden of {burden}% with "
           "ventricular rates up to the 140s during episodes.",
           "{He} denies exertional chest pain, orthopnea, or paroxysmal nocturnal dyspnea. "
           "There is no prior history of stroke or TIA.",
           "Caffeine intake is two cups of coffee daily and {he} drinks alcohol rarely. "
           "{His} spouse has noticed loud snoring."],
      exam=["Heart: irregularly irregular rhythm, normal S1 and S2, no murmurs or gallops.",
            "Lungs: clear to auscultation bilaterally.",
            "Extremities: no edema; distal pulses intact."],
      data=["ECG today: atrial fibrillation, ventricular rate {hr} bpm, no acute ST changes.",
            "Transthoracic echo: LVEF {ef}%, mild left atrial enlargement, no significant "
            "valvular disease.", "TSH {tsh} mIU/L; creatinine {cr} mg/dL."],
      assess="Paroxysmal atrial fibrillation, CHA2DS2-VASc score of {chads}, rate "
             "controlled at present.",
      plan=["Start apixaban 5 mg twice daily for stroke prevention; aspirin discontinued.",
            "Increase metoprolol succinate to 50 mg daily for rate control.",
            "Discussed rhythm-control strategies including antiarrhythmic therapy and "
            "catheter ablation; {he} prefers to defer for now.",
            "Home sleep apnea testing ordered given snoring and daytime somnolence.",
            "Follow up in 3 months with a repeat 7-day monitor, sooner if symptoms worsen."],
      rx=dict(drug="apixaban (Eliquis) 5 mg tablet", sig="Take 1 tablet by mouth twice daily",
              qty="60", tried="warfarin (labile INR, time in therapeutic range 41%)")),
 dict(key="cad", spec="Cardiology", dx="exertional chest pain, suspected coronary artery disease",
      icd="I20.9", age=(40, 90), kinds={"clinic", "proc"},
      reason="exertional chest pressure",
      hpi=["{He} describes a substernal pressure that comes on after walking about two "
           "blocks or one flight of stairs and resolves with several minutes of rest.",
           "Symptoms began roughly {dur} ago and have become more frequent over the last "
           "few weeks.",
           "Risk factors include hypertension, hyperlipidemia, and a father with a "
           "myocardial infarction at age 58. {He} is a former smoker.",
           "There is no rest pain, diaphoresis, or radiation to the jaw."],
      exam=["BP {bp}, HR {hr}, regular. No JVD. Normal S1/S2 without murmur.",
            "Lungs clear. Abdomen benign. No peripheral edema. Femoral pulses 2+."],
      data=["Resting ECG: normal sinus rhythm, nonspecific T-wave flattening in V5-V6.",
            "Exercise nuclear stress test: {he} exercised 6.5 minutes on a Bruce protocol; "
            "reversible inferolateral perfusion defect, estimated EF {ef}%.",
            "LDL {ldl} mg/dL on atorvastatin 20 mg."],
      assess="Stable angina with an abnormal stress test concerning for obstructive coronary "
             "artery disease in the circumflex territory.",
      plan=["Left heart catheterization with possible PCI has been scheduled.",
            "Start aspirin 81 mg daily and increase atorvastatin to 80 mg nightly.",
            "Sublingual nitroglycerin prescribed with instructions for use.",
            "Cardiac rehabilitation referral after revascularization.",
            "Hold metformin for 48 hours after contrast exposure."],
      proc=dict(name="Left heart catheterization, selective coronary angiography, and "
                     "percutaneous coronary intervention of the left circumflex artery",
                short="cardiac catheterization with PCI", anesthesia="moderate sedation",
                findings="90% stenosis of the mid left circumflex; LAD with 30% luminal "
                         "irregularities; RCA without significant disease; LVEDP 14 mmHg.",
                steps=["The right radial artery was accessed using ultrasound guidance and "
                       "a 6 French sheath was placed.",
                       "Selective angiography of the left and right coronary arteries was "
                       "performed in multiple projections.",
                       "After heparin and a loading dose of ticagrelor, the mid circumflex "
                       "lesion was predilated and treated with a 3.0 x 18 mm drug-eluting "
                       "stent with excellent angiographic result and TIMI 3 flow.",
                       "A TR band was applied for hemostasis."],
                ebl="minimal", specimens="none", implants="3.0 x 18 mm drug-eluting stent")),
 dict(key="hf", spec="Cardiology", dx="heart failure with reduced ejection fraction",
      icd="I50.22", age=(45, 96), kinds={"clinic", "hosp", "pa", "hh", "hospice"},
      reason="heart failure management",
      hpi=["{He} reports dyspnea with one flight of stairs, two-pillow orthopnea, and "
           "ankle swelling that improves overnight.",
           "Weight has increased by about {wtgain} pounds over {dur}.",
           "{He} admits to difficulty limiting salt when eating out and occasionally "
           "missing the evening dose of furosemide.",
           "No chest pain. No palpitations or syncope."],
      exam=["JVP approximately 10 cm. Bibasilar crackles. S3 present.",
            "1+ bilateral pitting edema to the mid shin."],
      data=["Echo: LVEF {ef}%, global hypokinesis, moderate functional mitral regurgitation.",
            "BNP {bnp} pg/mL; potassium {k}; creatinine {cr}."],
      assess="Chronic systolic heart failure, NYHA class II-III, mildly volume overloaded.",
      plan=["Increase furosemide to 40 mg twice daily for 3 days, then resume 40 mg daily.",
            "Transition lisinopril to sacubitril-valsartan 24/26 mg twice daily after a "
            "36-hour washout.",
            "Continue carvedilol; add empagliflozin 10 mg daily.",
            "Daily weights; call for a gain of more than 3 pounds in a day or 5 in a week.",
            "BMP in one week. Follow up in 4 weeks."],
      rx=dict(drug="sacubitril-valsartan (Entresto) 24-26 mg tablet",
              sig="1 tablet by mouth twice daily", qty="60",
              tried="lisinopril 20 mg daily and losartan 50 mg daily"),
      course=["{He} presented with two weeks of progressive dyspnea, orthopnea, and a "
              "weight gain of {wtgain} pounds. Chest x-ray showed pulmonary vascular "
              "congestion and small bilateral effusions; BNP was {bnp}.",
              "{He} was diuresed with intravenous furosemide with net negative fluid "
              "balance of about 6 liters and marked symptomatic improvement.",
              "Troponin was flat and mildly elevated, consistent with demand. Echo showed "
              "an EF of {ef}%. Guideline-directed therapy was optimized and {he} was "
              "transitioned to oral diuretics on hospital day 4.",
              "Dietary sodium restriction and daily weights were reviewed with {him} and "
              "{his} family before discharge."]),
 dict(key="htn", spec="Internal Medicine", dx="essential hypertension, uncontrolled",
      icd="I10", age=(25, 95), kinds={"clinic", "refill"},
      reason="elevated blood pressure",
      hpi=["Home blood pressure readings have averaged in the 150s/90s for "
           "{dur} despite amlodipine 5 mg daily.",
           "{He} denies headaches, visual changes, chest pain, or dyspnea.",
           "{He} uses ibuprofen several times a week for knee pain."],
      exam=["BP {bp} right arm seated, repeat similar. Regular rhythm. No bruits."],
      data=["BMP with creatinine {cr} and potassium {k}. Urine microalbumin mildly elevated."],
      assess="Essential hypertension, not at goal.",
      plan=["Add losartan 50 mg daily and continue amlodipine.",
            "Avoid NSAIDs; acetaminophen for knee pain.",
            "Recheck BMP in 2 weeks and blood pressure in 4 weeks.",
            "DASH diet handout provided."],
      rx=dict(drug="losartan potassium 50 mg tablet", sig="1 tablet by mouth daily",
              qty="90", tried="lisinopril (cough)")),
 dict(key="colon", spec="Gastroenterology", dx="screening colonoscopy with colon polyps",
      icd="Z12.11", age=(45, 80), kinds={"clinic", "proc"},
      reason="screening colonoscopy and a positive stool DNA test",
      hpi=["{He} had a positive multitarget stool DNA test obtained through your office.",
           "{He} denies rectal bleeding, change in bowel habits, or unintentional weight "
           "loss. There is no family history of colorectal cancer.",
           "This would be {his} first colonoscopy."],
      exam=["Abdomen soft, nontender, nondistended, normal bowel sounds."],
      data=["Hemoglobin {hgb} g/dL."],
      assess="Positive stool-based screening test requiring diagnostic colonoscopy.",
      plan=["Colonoscopy scheduled with split-dose polyethylene glycol preparation.",
            "Hold iron supplements for 5 days before the procedure.",
            "Results and pathology will be forwarded to your office."],
      proc=dict(name="Colonoscopy with cold snare polypectomy", short="colonoscopy",
                anesthesia="monitored anesthesia care with propofol",
                findings="Three sessile polyps, 4 to 8 mm, in the ascending and transverse "
                         "colon, removed with cold snare. Small internal hemorrhoids. Boston "
                         "Bowel Preparation Scale 8.",
                steps=["After informed consent, the patient was placed in the left lateral "
                       "decubitus position and sedated by anesthesia.",
                       "Digital rectal exam was normal. The colonoscope was advanced to the "
                       "cecum, identified by the appendiceal orifice and ileocecal valve.",
                       "The terminal ileum was intubated and appeared normal.",
                       "Careful withdrawal inspection was performed with a withdrawal time of "
                       "11 minutes. Polyps were removed as described and retrieved.",
                       "The patient tolerated the procedure well without complication."],
                ebl="minimal", specimens="polyps to pathology, jar 1 and 2", implants="none")),
 dict(key="gerd", spec="Gastroenterology", dx="gastroesophageal reflux disease with dysphagia",
      icd="K21.9", age=(25, 88), kinds={"clinic", "proc", "pa"},
      reason="refractory heartburn and solid-food dysphagia",
      hpi=["{He} has had daily heartburn and regurgitation for {dur}, partially relieved by "
           "omeprazole 20 mg daily.",
           "Over the past several months {he} has noticed bread and meat sticking in the "
           "lower chest. No odynophagia, hematemesis, or melena.",
           "Weight is stable."],
      exam=["Abdomen soft, mild epigastric tenderness without guarding."],
      data=["CBC and CMP unremarkable."],
      assess="GERD with solid-food dysphagia; rule out peptic stricture or Barrett esophagus.",
      plan=["Upper endoscopy with possible dilation.",
            "Increase omeprazole to 40 mg twice daily before meals.",
            "Elevate the head of the bed and avoid meals within 3 hours of bedtime."],
      proc=dict(name="Esophagogastroduodenoscopy with biopsy and balloon dilation",
                short="upper endoscopy", anesthesia="monitored anesthesia care",
                findings="Los Angeles grade B esophagitis; a mild Schatzki ring at 38 cm "
                         "dilated to 18 mm; small hiatal hernia; normal duodenum.",
                steps=["The endoscope was passed under direct visualization into the "
                       "esophagus and advanced to the second portion of the duodenum.",
                       "Retroflexion in the stomach showed a 2 cm hiatal hernia.",
                       "Biopsies were obtained from the distal esophagus and gastric antrum.",
                       "Through-the-scope balloon dilation was performed to 18 mm with a "
                       "mild mucosal rent and no bleeding."],
                ebl="none", specimens="distal esophagus, gastric antrum", implants="none"),
      rx=dict(drug="dexlansoprazole (Dexilant) 60 mg capsule", sig="1 capsule by mouth daily",
              qty="30", tried="omeprazole 40 mg twice daily and pantoprazole 40 mg daily")),
 dict(key="ida", spec="Hematology", dx="iron deficiency anemia", icd="D50.9", age=(18, 90),
      kinds={"clinic"}, reason="microcytic anemia",
      hpi=["Routine labs showed a hemoglobin of {hgb} with a low MCV and ferritin of 6.",
           "{He} reports fatigue and exertional dyspnea for {dur}. No overt bleeding.",
           "{He} has been taking ferrous sulfate once daily with significant constipation."],
      exam=["Conjunctival pallor. Soft systolic flow murmur. No hepatosplenomegaly."],
      data=["Hemoglobin {hgb} g/dL, MCV 71 fL, ferritin 6 ng/mL, transferrin saturation 5%."],
      assess="Iron deficiency anemia, intolerant of oral iron; source evaluation pending.",
      plan=["Intravenous iron sucrose, 200 mg weekly for 5 doses.",
            "Bidirectional endoscopy referral if not completed recently.",
            "Recheck CBC and iron studies 6 weeks after the final infusion."]),
 dict(key="tka", spec="Orthopedic Surgery", dx="primary osteoarthritis of the {side} knee",
      icd="M17.11", age=(50, 90), kinds={"clinic", "proc", "pt", "hh"},
      reason="{side} knee pain",
      hpi=["{He} has had progressive {side} knee pain for {dur}, worse with stairs and "
           "prolonged standing, now limiting walking to less than one block.",
           "{He} has tried acetaminophen, meloxicam, physical therapy, two corticosteroid "
           "injections, and a series of hyaluronic acid injections without lasting relief.",
           "Night pain is now waking {him} several times per week."],
      exam=["{Side} knee: small effusion, varus alignment, medial joint line tenderness, "
            "range of motion 5 to 105 degrees with crepitus. Ligaments stable.",
            "Neurovascularly intact distally."],
      data=["Standing radiographs show bone-on-bone medial compartment narrowing with "
            "osteophytes and subchondral sclerosis."],
      assess="End-stage osteoarthritis of the {side} knee that has failed conservative care.",
      plan=["We discussed total knee arthroplasty including risks of infection, blood clots, "
            "stiffness, and persistent pain; {he} wishes to proceed.",
            "Preoperative medical clearance requested from your office.",
            "Hemoglobin A1c and nasal MRSA screening before surgery.",
            "Outpatient physical therapy to begin the week after surgery."],
      proc=dict(name="{Side} total knee arthroplasty, cemented", short="total knee replacement",
                anesthesia="spinal with adductor canal block",
                findings="Tricompartmental degenerative change, worst medially, with "
                         "exposed subchondral bone.",
                steps=["A tourniquet was applied to the {side} thigh and the leg was prepped "
                       "and draped in the usual sterile fashion. Time-out was performed.",
                       "A midline incision and medial parapatellar arthrotomy were made.",
                       "Distal femoral and proximal tibial cuts were made with standard "
                       "instrumentation and the knee was balanced in flexion and extension.",
                       "Trial components demonstrated good stability and full extension. "
                       "Final components were cemented into place.",
                       "The wound was irrigated and closed in layers. A sterile dressing "
                       "and compression wrap were applied."],
                ebl="150 mL", specimens="none",
                implants="cemented posterior-stabilized femoral and tibial components, "
                         "10 mm polyethylene insert, patellar button")),
 dict(key="rcr", spec="Orthopedic Surgery", dx="full-thickness rotator cuff tear, {side} "
      "shoulder", icd="M75.121", age=(35, 82), kinds={"clinic", "proc", "pt", "work"},
      reason="{side} shoulder pain and weakness",
      hpi=["{He} injured the {side} shoulder {dur} ago lifting a heavy box overhead and has "
           "had pain with reaching and difficulty sleeping on that side since.",
           "A course of physical therapy and a subacromial injection gave only brief relief.",
           "{He} notices weakness when lifting a gallon of milk away from the body."],
      exam=["{Side} shoulder: active forward elevation 120 degrees, passive 170. Positive "
            "drop-arm and empty-can tests. External rotation strength 4-/5."],
      data=["MRI: full-thickness supraspinatus tear measuring 1.8 cm with 1 cm of "
            "retraction, no significant fatty atrophy."],
      assess="Symptomatic full-thickness rotator cuff tear.",
      plan=["Arthroscopic rotator cuff repair with subacromial decompression recommended.",
            "Sling for 6 weeks postoperatively; no driving while in the sling.",
            "Off work for heavy lifting for an anticipated 4 months."],
      proc=dict(name="{Side} shoulder arthroscopy with rotator cuff repair and subacromial "
                     "decompression", short="rotator cuff repair",
                anesthesia="general with interscalene block",
                findings="Crescent-shaped full-thickness supraspinatus tear, 2 cm; type II "
                         "acromion; intact biceps tendon and labrum.",
                steps=["The patient was positioned in the beach-chair position. Standard "
                       "posterior, anterior, and lateral portals were established.",
                       "Diagnostic arthroscopy confirmed the findings above.",
                       "Subacromial bursectomy and acromioplasty were performed with a shaver "
                       "and burr.",
                       "The tear was repaired in a double-row fashion using two medial and "
                       "two lateral knotless anchors with a watertight repair."],
                ebl="25 mL", specimens="none", implants="four suture anchors")),
 dict(key="wrist", spec="Orthopedic Surgery", dx="closed fracture of the {side} distal radius",
      icd="S52.501A", age=(6, 92), kinds={"clinic", "proc", "school", "work", "ed"},
      reason="{side} wrist fracture follow-up",
      hpi=["{He} fell onto an outstretched {side} hand ten days ago and was seen in the "
           "emergency department, where a splint was applied after closed reduction.",
           "Pain is controlled with acetaminophen and ibuprofen. No numbness or tingling."],
      exam=["Splint intact. Fingers warm with brisk capillary refill; median, radial, and "
            "ulnar nerve function intact."],
      data=["Radiographs show a dorsally angulated extra-articular distal radius fracture "
            "with acceptable alignment after reduction."],
      assess="Closed {side} distal radius fracture in acceptable alignment.",
      plan=["Transition to a short-arm fiberglass cast for 4 weeks.",
            "Repeat radiographs in 1 week to confirm maintained alignment.",
            "No contact sports, lifting, or gym class until cleared.",
            "Elevate and keep the cast dry."],
      proc=dict(name="Open reduction and internal fixation, {side} distal radius",
                short="wrist fracture fixation", anesthesia="general with regional block",
                findings="Displaced extra-articular distal radius fracture with dorsal "
                         "comminution.",
                steps=["A volar approach through the flexor carpi radialis sheath was used.",
                       "The pronator quadratus was elevated and the fracture was reduced "
                       "under fluoroscopy.",
                       "A volar locking plate was applied and fixed with distal locking "
                       "screws; final images confirmed restoration of radial height and "
                       "volar tilt."],
                ebl="10 mL", specimens="none", implants="volar locking plate and screws")),
 dict(key="migraine", spec="Neurology", dx="chronic migraine without aura", icd="G43.709",
      age=(12, 66), kinds={"clinic", "pa", "school", "work"},
      reason="frequent headaches",
      hpi=["{He} describes throbbing unilateral headaches with photophobia and nausea "
           "occurring about {hdays} days per month for {dur}.",
           "Attacks last 8 to 24 hours and frequently cause missed work or school.",
           "Preventive trials have included topiramate, propranolol, and amitriptyline, all "
           "stopped for side effects or lack of benefit.",
           "{He} uses sumatriptan with partial relief, limited to 2 days per week."],
      exam=["Neurologic examination is nonfocal. Fundi with sharp disc margins."],
      data=["MRI brain without contrast from last year was normal."],
      assess="Chronic migraine without aura with medication overuse risk.",
      plan=["Begin a CGRP monoclonal antibody for prevention; prior authorization submitted.",
            "Headache diary and sleep hygiene reviewed; limit acute medication use.",
            "Magnesium oxide 400 mg daily and riboflavin 400 mg daily.",
            "Follow up in 3 months."],
      rx=dict(drug="erenumab-aooe (Aimovig) 140 mg/mL autoinjector",
              sig="Inject 140 mg subcutaneously once monthly", qty="1",
              tried="topiramate, propranolol, and amitriptyline")),
 dict(key="parkinson", spec="Neurology", dx="Parkinson disease", icd="G20.A1", age=(55, 92),
      kinds={"clinic", "pt", "hh"}, reason="tremor and slowness of movement",
      hpi=["{His} family noticed a resting tremor of the right hand about {dur} ago along "
           "with smaller handwriting and a softer voice.",
           "{He} has had two near-falls when turning and reports constipation and "
           "reduced sense of smell."],
      exam=["Right-greater-than-left rest tremor, cogwheel rigidity, bradykinesia on finger "
            "taps. Reduced arm swing and en bloc turning."],
      data=["B12 and TSH normal."],
      assess="Idiopathic Parkinson disease, Hoehn and Yahr stage 2.",
      plan=["Start carbidopa-levodopa 25/100 mg, half tablet three times daily, titrating "
            "to one tablet three times daily over 3 weeks.",
            "Physical therapy referral for gait and balance (LSVT BIG).",
            "Speech therapy evaluation (LSVT LOUD).",
            "Home safety evaluation recommended."]),
 dict(key="cts", spec="Neurology", dx="carpal tunnel syndrome, {side} wrist", icd="G56.01",
      age=(28, 82), kinds={"clinic", "proc", "work"}, reason="hand numbness",
      hpi=["{He} reports numbness of the thumb, index, and middle fingers of the {side} hand "
           "for {dur}, worse at night and while driving.",
           "Nocturnal wrist splinting has helped only partially."],
      exam=["Positive Tinel sign and Phalen maneuver at the {side} wrist. Mild thenar atrophy."],
      data=["Nerve conduction studies: prolonged median distal motor latency of 5.8 ms and "
            "absent median sensory response, consistent with moderate-to-severe carpal "
            "tunnel syndrome. No cervical radiculopathy on needle EMG."],
      assess="Moderate-to-severe {side} carpal tunnel syndrome.",
      plan=["Referral to hand surgery for carpal tunnel release.",
            "Continue neutral wrist splint at night."],
      proc=dict(name="{Side} open carpal tunnel release", short="carpal tunnel release",
                anesthesia="local with monitored anesthesia care",
                findings="Thickened transverse carpal ligament with hourglass narrowing of "
                         "the median nerve.",
                steps=["A 2.5 cm longitudinal incision was made in line with the radial "
                       "border of the ring finger.",
                       "The transverse carpal ligament was divided completely under direct "
                       "vision, protecting the median nerve and its recurrent motor branch.",
                       "The skin was closed with interrupted nylon sutures."],
                ebl="minimal", specimens="none", implants="none")),
 dict(key="copd", spec="Pulmonology", dx="chronic obstructive pulmonary disease with acute "
      "exacerbation", icd="J44.1", age=(45, 95),
      kinds={"clinic", "hosp", "pa", "hh", "dme", "hospice"},
      reason="COPD management",
      hpi=["{He} has COPD with a 40 pack-year smoking history and quit {quit} years ago.",
           "{He} reports increased cough with yellow sputum and worsening dyspnea for "
           "{dur}, now short of breath walking across a room.",
           "{He} has needed two courses of prednisone in the last 12 months."],
      exam=["Diffuse expiratory wheezes with prolonged expiratory phase. SpO2 {spo2}% on "
            "room air at rest, 86% with ambulation."],
      data=["Spirometry: FEV1 38% predicted, FEV1/FVC 0.52, no significant "
            "bronchodilator response.", "Chest x-ray: hyperinflation without infiltrate."],
      assess="Severe COPD (GOLD 3, group E) with exertional hypoxemia.",
      plan=["Change to triple therapy with fluticasone furoate/umeclidinium/vilanterol "
            "one inhalation daily.",
            "Ambulatory oxygen 2 L/min by nasal cannula with exertion and sleep.",
            "Pulmonary rehabilitation referral.",
            "Update pneumococcal and RSV vaccinations."],
      rx=dict(drug="fluticasone furoate/umeclidinium/vilanterol (Trelegy Ellipta) "
                   "100-62.5-25 mcg", sig="Inhale 1 puff once daily", qty="1 inhaler (30)",
              tried="tiotropium and budesonide-formoterol"),
      course=["{He} presented with three days of increased dyspnea, wheezing, and purulent "
              "sputum, with an oxygen saturation of 84% on arrival.",
              "{He} was treated with nebulized albuterol and ipratropium, intravenous "
              "methylprednisolone transitioned to oral prednisone, and doxycycline.",
              "BiPAP was required for the first night and then weaned to 2 L nasal cannula.",
              "Ambulatory saturations on the day of discharge were 89-91% on 2 L."]),
 dict(key="osa", spec="Sleep Medicine", dx="obstructive sleep apnea", icd="G47.33",
      age=(25, 85), kinds={"clinic", "dme", "work"}, reason="snoring and daytime sleepiness",
      hpi=["{His} bed partner reports loud snoring and witnessed pauses in breathing.",
           "Epworth Sleepiness Scale score is {ess}. {He} has nodded off at red lights."],
      exam=["BMI {bmi}. Neck circumference 17.5 inches. Mallampati class IV."],
      data=["Home sleep apnea test: AHI {ahi} events/hour with oxygen nadir of 79%."],
      assess="Moderate-to-severe obstructive sleep apnea.",
      plan=["Auto-titrating CPAP 5-15 cm H2O with heated humidification and mask of choice.",
            "Compliance download at 31-90 days.",
            "Counseled not to drive when drowsy.", "Weight management referral."]),
 dict(key="dm2", spec="Endocrinology", dx="type 2 diabetes mellitus with hyperglycemia",
      icd="E11.65", age=(28, 88), kinds={"clinic", "pa", "refill", "hh"},
      reason="poorly controlled type 2 diabetes",
      hpi=["{His} most recent hemoglobin A1c was {a1c}% on metformin 1000 mg twice daily "
           "and glipizide 10 mg daily.",
           "{He} reports polyuria and nocturia. Home fasting glucose readings run 180-240.",
           "There have been no hypoglycemic episodes. Last eye exam was over two years ago."],
      exam=["BMI {bmi}. Monofilament sensation decreased at both great toes. No foot ulcers."],
      data=["A1c {a1c}%, LDL {ldl} mg/dL, eGFR {egfr}, urine albumin-creatinine ratio "
            "68 mg/g."],
      assess="Type 2 diabetes, uncontrolled, with early diabetic kidney disease and "
             "peripheral neuropathy.",
      plan=["Start semaglutide 0.25 mg weekly, titrating every 4 weeks as tolerated.",
            "Reduce glipizide to 5 mg daily to lower hypoglycemia risk.",
            "Diabetes education and medical nutrition therapy referral.",
            "Dilated eye exam and podiatry referral.",
            "Repeat A1c in 3 months."],
      rx=dict(drug="semaglutide (Ozempic) 0.25 or 0.5 mg/dose pen",
              sig="Inject 0.25 mg subcutaneously once weekly x 4 weeks, then 0.5 mg weekly",
              qty="1 pen", tried="metformin, glipizide, and sitagliptin")),
 dict(key="thyroid", spec="Endocrinology", dx="thyroid nodule", icd="E04.1", age=(20, 82),
      kinds={"clinic", "proc"}, reason="a thyroid nodule found on imaging",
      hpi=["A 2.1 cm {side} thyroid nodule was found incidentally on a CT angiogram.",
           "{He} denies dysphagia, voice change, or a family history of thyroid cancer."],
      exam=["Palpable, mobile, nontender nodule in the {side} lobe. No cervical adenopathy."],
      data=["TSH {tsh}. Ultrasound: 2.1 cm solid hypoechoic nodule, TI-RADS 4."],
      assess="TI-RADS 4 thyroid nodule meeting criteria for fine-needle aspiration.",
      plan=["Ultrasound-guided fine-needle aspiration with molecular testing if "
            "indeterminate.", "Follow up to review cytology in 2 weeks."],
      proc=dict(name="Ultrasound-guided fine-needle aspiration, {side} thyroid nodule",
                short="thyroid biopsy", anesthesia="local, 1% lidocaine",
                findings="2.1 cm solid hypoechoic nodule in the {side} lobe; four passes "
                         "obtained with adequate cellularity on rapid on-site evaluation.",
                steps=["The neck was prepped with chlorhexidine and draped.",
                       "Under real-time ultrasound guidance a 25-gauge needle was advanced "
                       "into the nodule and four passes were made using capillary technique.",
                       "An additional pass was placed in molecular testing medium.",
                       "Pressure was held for 5 minutes; no hematoma was seen."],
                ebl="none", specimens="cytology slides x8, molecular vial", implants="none")),
 dict(key="ckd", spec="Nephrology", dx="chronic kidney disease, stage 3b", icd="N18.32",
      age=(45, 95), kinds={"clinic", "pa"}, reason="declining kidney function",
      hpi=["{His} eGFR has declined from 58 to {egfr} over the last two years.",
           "{He} has long-standing hypertension and type 2 diabetes.",
           "{He} takes naproxen occasionally for back pain."],
      exam=["BP {bp}. Trace bilateral ankle edema."],
      data=["Creatinine {cr}, eGFR {egfr}, potassium {k}, bicarbonate 21.",
            "Renal ultrasound: symmetric kidneys, 9.8 and 10.1 cm, mildly increased "
            "echogenicity, no hydronephrosis."],
      assess="CKD stage 3b, likely diabetic and hypertensive nephropathy, with albuminuria.",
      plan=["Start dapagliflozin 10 mg daily.", "Strict NSAID avoidance.",
            "Target blood pressure under 130/80.",
            "Labs every 3 months; renal dietitian referral."],
      rx=dict(drug="dapagliflozin (Farxiga) 10 mg tablet", sig="1 tablet by mouth daily",
              qty="90", tried="maximally tolerated losartan")),
 dict(key="ra", spec="Rheumatology", dx="seropositive rheumatoid arthritis", icd="M05.79",
      age=(22, 82), kinds={"clinic", "pa", "refill", "work"},
      reason="inflammatory joint pain",
      hpi=["{He} reports pain and swelling of the hands and wrists with morning stiffness "
           "lasting two hours for {dur}.",
           "{He} has been on methotrexate 20 mg weekly with folic acid for 6 months with "
           "only partial improvement.",
           "Hydroxychloroquine was added without further benefit."],
      exam=["Synovitis of bilateral MCP 2-3 and PIP joints and the {side} wrist. 8 tender "
            "and 6 swollen joints."],
      data=["Rheumatoid factor and anti-CCP strongly positive. CRP 2.4 mg/dL. Hand x-rays "
            "with periarticular osteopenia and early erosions.",
            "QuantiFERON negative; hepatitis B and C serologies negative."],
      assess="Seropositive erosive rheumatoid arthritis with moderate-to-high disease "
             "activity (CDAI 28) despite methotrexate.",
      plan=["Add adalimumab 40 mg subcutaneously every 14 days; prior authorization "
            "submitted.", "Continue methotrexate and folic acid.",
            "CBC and CMP every 8 to 12 weeks.",
            "Shingles and pneumococcal vaccination recommended."],
      rx=dict(drug="adalimumab-adaz (Hyrimoz) 40 mg/0.4 mL pen",
              sig="Inject 40 mg subcutaneously every 14 days", qty="2 pens",
              tried="methotrexate and hydroxychloroquine")),
 dict(key="bcc", spec="Dermatology", dx="basal cell carcinoma of the nose", icd="C44.311",
      age=(40, 96), kinds={"clinic", "proc"}, reason="a nonhealing lesion on the nose",
      hpi=["{He} noticed a pearly bump on the {side} nasal ala that bleeds intermittently "
           "and has been present for {dur}.",
           "{He} has a history of significant sun exposure and a prior basal cell carcinoma "
           "on the back."],
      exam=["7 mm pearly papule with rolled borders and telangiectasia on the {side} nasal "
            "ala. Multiple actinic keratoses on the scalp and forearms."],
      data=["Shave biopsy: nodular basal cell carcinoma, margins involved."],
      assess="Nodular basal cell carcinoma in a high-risk location.",
      plan=["Mohs micrographic surgery scheduled.",
            "Liquid nitrogen cryotherapy to actinic keratoses today.",
            "Daily broad-spectrum sunscreen; full skin exam every 6 months."],
      proc=dict(name="Mohs micrographic surgery, {side} nasal ala, with bilobed flap repair",
                short="Mohs surgery", anesthesia="local, 1% lidocaine with epinephrine",
                findings="Clear margins after two stages; final defect 1.4 x 1.2 cm.",
                steps=["The lesion was debulked and the first stage excised with a 2 mm "
                       "margin, mapped, and processed with frozen sections.",
                       "Residual tumor at the 3 o'clock margin was excised in a second "
                       "stage, which was clear.",
                       "The defect was repaired with a bilobed transposition flap and closed "
                       "with 5-0 and 6-0 sutures."],
                ebl="minimal", specimens="Mohs stages I and II", implants="none")),
 dict(key="ad", spec="Dermatology", dx="moderate-to-severe atopic dermatitis", icd="L20.9",
      age=(2, 60), kinds={"clinic", "pa", "school"}, reason="severe eczema",
      hpi=["{He} has had widespread itchy eczema since early childhood, with a flare over "
           "the last several months disrupting sleep most nights.",
           "Treatment has included triamcinolone 0.1% ointment, tacrolimus ointment, and "
           "bleach baths with only temporary improvement."],
      exam=["Lichenified eczematous plaques on the antecubital and popliteal fossae, neck, "
            "and dorsal hands; about 25% body surface area. EASI score 24."],
      data=["No signs of secondary infection."],
      assess="Moderate-to-severe atopic dermatitis inadequately controlled with topical "
             "therapy.",
      plan=["Start dupilumab with loading dose followed by maintenance injections.",
            "Continue emollients twice daily and topical steroid for flares.",
            "Follow up in 8 weeks."],
      rx=dict(drug="dupilumab (Dupixent) 300 mg/2 mL prefilled pen",
              sig="Inject 600 mg once, then 300 mg subcutaneously every 2 weeks",
              qty="2 pens", tried="triamcinolone 0.1% and tacrolimus 0.1% ointment")),
 dict(key="cataract", spec="Ophthalmology", dx="age-related nuclear cataract, {side} eye",
      icd="H25.11", age=(55, 92), kinds={"clinic", "proc"},
      reason="blurred vision and glare",
      hpi=["{He} reports progressive blurring of vision in the {side} eye with glare from "
           "headlights that makes night driving difficult.",
           "{He} has stopped reading the newspaper because of the blur."],
      exam=["Best-corrected visual acuity 20/60 in the {side} eye and 20/30 in the other. "
            "3+ nuclear sclerotic cataract. Dilated fundus exam unremarkable."],
      data=["Biometry and keratometry completed for lens calculation."],
      assess="Visually significant nuclear cataract, {side} eye.",
      plan=["Phacoemulsification with intraocular lens implantation, {side} eye.",
            "Preoperative drops: moxifloxacin and prednisolone starting 2 days before.",
            "Please let us know of any alpha-blocker use (e.g., tamsulosin) before surgery."],
      proc=dict(name="Phacoemulsification of cataract with posterior chamber intraocular "
                     "lens, {side} eye", short="cataract surgery",
                anesthesia="topical with intracameral lidocaine and MAC",
                findings="Dense nuclear cataract; capsule intact.",
                steps=["A 2.4 mm clear corneal incision and a paracentesis were made.",
                       "Viscoelastic was injected and a continuous curvilinear "
                       "capsulorhexis was created.",
                       "Hydrodissection was performed and the nucleus was removed by "
                       "phacoemulsification; cortex removed with irrigation-aspiration.",
                       "A one-piece acrylic lens was placed in the capsular bag; wounds were "
                       "hydrated and found watertight."],
                ebl="none", specimens="none", implants="one-piece acrylic IOL, +21.5 D")),
 dict(key="tonsil", spec="Otolaryngology", dx="recurrent tonsillitis with obstructive sleep "
      "disordered breathing", icd="J35.01", age=(3, 28), kinds={"clinic", "proc", "school"},
      reason="recurrent sore throats and snoring",
      hpi=["{He} has had {nstrep} documented episodes of streptococcal pharyngitis in the "
           "past year, each treated with antibiotics, and has missed many days of school.",
           "{His} parents also report loud snoring with pauses at night."],
      exam=["Tonsils 3+ and cryptic. No peritonsillar swelling. Tympanic membranes clear."],
      data=["Rapid strep positive on four occasions per records."],
      assess="Recurrent acute tonsillitis meeting Paradise criteria with sleep-disordered "
             "breathing.",
      plan=["Tonsillectomy and adenoidectomy.",
            "Soft diet and school excuse for 10 days after surgery.",
            "Ibuprofen and acetaminophen for pain; no codeine."],
      proc=dict(name="Tonsillectomy and adenoidectomy", short="tonsillectomy",
                anesthesia="general endotracheal",
                findings="3+ cryptic tonsils; adenoids 70% obstructing the choana.",
                steps=["A McIvor mouth gag was placed and suspended.",
                       "The tonsils were removed in the extracapsular plane using "
                       "electrocautery dissection; hemostasis achieved with suction cautery.",
                       "The adenoids were removed with suction electrocautery under mirror "
                       "visualization.", "The nasopharynx and oropharynx were irrigated."],
                ebl="15 mL", specimens="tonsils, gross only", implants="none")),
 dict(key="sinus", spec="Otolaryngology", dx="chronic rhinosinusitis with nasal polyps",
      icd="J33.9", age=(20, 78), kinds={"clinic", "proc", "pa"},
      reason="chronic nasal congestion",
      hpi=["{He} has had nasal obstruction, facial pressure, and loss of smell for {dur}.",
           "Daily fluticasone spray, saline irrigations, and three courses of oral steroids "
           "have provided only temporary relief."],
      exam=["Nasal endoscopy: bilateral grade 3 polyps filling the middle meati."],
      data=["CT sinuses: pansinus opacification, Lund-Mackay score 18."],
      assess="Chronic rhinosinusitis with nasal polyps refractory to medical therapy.",
      plan=["Functional endoscopic sinus surgery recommended.",
            "Biologic therapy may be considered if polyps recur."],
      proc=dict(name="Bilateral functional endoscopic sinus surgery with polypectomy",
                short="sinus surgery", anesthesia="general endotracheal",
                findings="Extensive bilateral polyps; thick eosinophilic mucin in the "
                         "maxillary and ethmoid sinuses.",
                steps=["The nose was decongested with oxymetazoline pledgets.",
                       "Under endoscopic guidance with image navigation, polyps were removed "
                       "with a microdebrider.",
                       "Bilateral maxillary antrostomies, total ethmoidectomies, and frontal "
                       "sinusotomies were performed.", "Absorbable packing was placed."],
                ebl="150 mL", specimens="sinus contents to pathology", implants="none"),
      rx=dict(drug="dupilumab (Dupixent) 300 mg/2 mL pen",
              sig="Inject 300 mg subcutaneously every 2 weeks", qty="2 pens",
              tried="intranasal fluticasone, budesonide irrigations, and sinus surgery")),
 dict(key="bph", spec="Urology", dx="benign prostatic hyperplasia with lower urinary tract "
      "symptoms", icd="N40.1", age=(50, 92), sex="M", kinds={"clinic", "refill", "proc"},
      reason="urinary frequency and weak stream",
      hpi=["{He} reports nocturia four times nightly, hesitancy, and a weak stream for "
           "{dur}. International Prostate Symptom Score is {ipss}.",
           "Tamsulosin 0.4 mg helped modestly."],
      exam=["Prostate approximately 50 grams, smooth, without nodules."],
      data=["PSA {psa} ng/mL. Post-void residual 180 mL. Urinalysis negative."],
      assess="BPH with moderate-to-severe lower urinary tract symptoms and incomplete "
             "emptying.",
      plan=["Add finasteride 5 mg daily.", "Cystoscopy and urodynamic study.",
            "Discussed transurethral resection and minimally invasive options."],
      proc=dict(name="Cystourethroscopy and transurethral resection of the prostate",
                short="TURP", anesthesia="spinal",
                findings="Trilobar prostatic hypertrophy with a high median lobe; bladder "
                         "trabeculation; no tumors or stones.",
                steps=["The patient was placed in dorsal lithotomy position.",
                       "A 26 French resectoscope was introduced and the verumontanum "
                       "identified.", "Bipolar resection of the median and lateral lobes "
                       "was performed; chips were evacuated and hemostasis obtained.",
                       "A 22 French three-way catheter was placed with continuous bladder "
                       "irrigation."],
                ebl="100 mL", specimens="prostate chips", implants="none"),
      rx=dict(drug="tamsulosin 0.4 mg capsule", sig="1 capsule by mouth at bedtime",
              qty="90", tried="")),
 dict(key="stone", spec="Urology", dx="{side} ureteral calculus", icd="N20.1", age=(20, 82),
      kinds={"clinic", "proc", "ed", "work"}, reason="a {side} ureteral stone",
      hpi=["{He} presented with sudden severe {side} flank pain radiating to the groin with "
           "nausea and hematuria.", "The pain has recurred despite tamsulosin for 2 weeks."],
      exam=["Mild {side} costovertebral angle tenderness. Afebrile."],
      data=["CT abdomen/pelvis without contrast: 7 mm {side} proximal ureteral stone with "
            "moderate hydronephrosis."],
      assess="Obstructing {side} proximal ureteral calculus that has failed medical "
             "expulsive therapy.",
      plan=["Ureteroscopy with laser lithotripsy and stent placement.",
            "24-hour urine stone risk profile after recovery."],
      proc=dict(name="{Side} ureteroscopy with holmium laser lithotripsy and ureteral stent "
                     "placement", short="ureteroscopy", anesthesia="general LMA",
                findings="7 mm stone in the {side} proximal ureter; mild ureteral edema.",
                steps=["Cystoscopy was performed and a guidewire passed into the {side} "
                       "renal pelvis under fluoroscopy.",
                       "A semirigid ureteroscope was advanced to the stone, which was "
                       "fragmented with the holmium laser; fragments were basket extracted.",
                       "A 6 French x 24 cm double-J stent was placed with a tether."],
                ebl="minimal", specimens="stone fragments for analysis",
                implants="6 Fr x 24 cm ureteral stent")),
 dict(key="breast", spec="Hematology/Oncology", dx="invasive ductal carcinoma of the {side} "
      "breast", icd="C50.911", age=(32, 88), sex="F",
      kinds={"clinic", "pa", "work", "proc"},
      reason="newly diagnosed breast cancer",
      hpi=["A screening mammogram showed a 1.6 cm spiculated mass in the {side} breast.",
           "Core biopsy showed grade 2 invasive ductal carcinoma, ER/PR positive, HER2 "
           "negative. Sentinel node biopsy at lumpectomy was negative.",
           "{He} has recovered well from surgery and is here to discuss adjuvant therapy."],
      exam=["Well-healed lumpectomy incision, no masses. No axillary or supraclavicular "
            "adenopathy."],
      data=["21-gene recurrence score 14. Staging labs unremarkable."],
      assess="Stage IA (pT1c pN0) hormone-receptor-positive, HER2-negative breast cancer.",
      plan=["Adjuvant whole-breast radiation; radiation oncology referral placed.",
            "Endocrine therapy with anastrozole 1 mg daily for at least 5 years.",
            "Baseline DEXA scan; calcium and vitamin D.",
            "Survivorship visit in 3 months."],
      proc=dict(name="{Side} breast partial mastectomy with sentinel lymph node biopsy",
                short="lumpectomy", anesthesia="general LMA",
                findings="Wire-localized 1.6 cm mass; two blue/hot sentinel nodes.",
                steps=["Technetium and isosulfan blue were injected in the periareolar "
                       "region.", "A curvilinear incision was made over the localized "
                       "lesion and the mass removed with a rim of normal tissue.",
                       "Specimen radiograph confirmed the clip and wire.",
                       "Through a separate axillary incision two sentinel nodes were "
                       "removed."],
                ebl="20 mL", specimens="breast tissue oriented with sutures, sentinel nodes",
                implants="none"),
      rx=dict(drug="anastrozole 1 mg tablet", sig="1 tablet by mouth daily", qty="90",
              tried="")),
 dict(key="gallbladder", spec="General Surgery", dx="symptomatic cholelithiasis",
      icd="K80.20", age=(18, 85), kinds={"clinic", "proc", "ed", "work"},
      reason="right upper quadrant pain",
      hpi=["{He} reports recurrent postprandial right upper quadrant pain radiating to the "
           "back for {dur}, typically after fatty meals and lasting 1 to 3 hours.",
           "An emergency department visit last month documented gallstones."],
      exam=["Mild right upper quadrant tenderness, negative Murphy sign today."],
      data=["Ultrasound: multiple gallstones without wall thickening or ductal dilation. "
            "LFTs and lipase normal."],
      assess="Symptomatic cholelithiasis (biliary colic).",
      plan=["Laparoscopic cholecystectomy.", "Low-fat diet until surgery.",
            "Return to the ED for fever, jaundice, or persistent pain."],
      proc=dict(name="Laparoscopic cholecystectomy", short="gallbladder removal",
                anesthesia="general endotracheal",
                findings="Thin-walled gallbladder with multiple stones; critical view of "
                         "safety obtained.",
                steps=["Pneumoperitoneum was established through a periumbilical Hasson "
                       "technique and three additional ports were placed.",
                       "The gallbladder was retracted cephalad and the triangle of Calot "
                       "dissected until the critical view of safety was obtained.",
                       "The cystic duct and artery were clipped and divided.",
                       "The gallbladder was removed from the liver bed with electrocautery "
                       "and extracted in a bag."],
                ebl="10 mL", specimens="gallbladder", implants="none")),
 dict(key="hernia", spec="General Surgery", dx="{side} inguinal hernia", icd="K40.90",
      age=(20, 88), kinds={"clinic", "proc", "work"}, reason="a groin bulge",
      hpi=["{He} noticed a {side} groin bulge {dur} ago that enlarges with lifting and "
           "causes an aching discomfort by the end of the workday.",
           "It reduces easily when lying down. No obstructive symptoms."],
      exam=["Reducible {side} inguinal hernia with cough impulse. No contralateral hernia."],
      data=["No imaging required."],
      assess="Symptomatic reducible {side} inguinal hernia.",
      plan=["Laparoscopic {side} inguinal hernia repair with mesh.",
            "No lifting more than 15 pounds for 2 weeks after surgery."],
      proc=dict(name="Laparoscopic {side} inguinal hernia repair with mesh (TEP)",
                short="hernia repair", anesthesia="general endotracheal",
                findings="Indirect {side} inguinal hernia with a moderate sac.",
                steps=["The preperitoneal space was developed with a balloon dissector.",
                       "The hernia sac was reduced off the cord structures.",
                       "A 15 x 15 cm lightweight polypropylene mesh was placed covering the "
                       "direct, indirect, and femoral spaces."],
                ebl="minimal", specimens="none", implants="15 x 15 cm polypropylene mesh")),
 dict(key="asthma", spec="Allergy and Immunology", dx="moderate persistent asthma",
      icd="J45.40", age=(5, 65), kinds={"clinic", "pa", "school", "refill", "ed"},
      reason="asthma control",
      hpi=["{He} reports daytime symptoms most days and night awakenings twice weekly for "
           "{dur}, using albuterol about four times a week.",
           "Symptoms are triggered by cats, dust, and upper respiratory infections.",
           "There were two urgent care visits requiring oral steroids this year."],
      exam=["Scattered end-expiratory wheezes. Pale boggy nasal turbinates."],
      data=["Spirometry: FEV1 72% predicted with 16% improvement after bronchodilator. "
            "Skin testing positive for dust mite and cat. FeNO 48 ppb."],
      assess="Moderate persistent asthma, not well controlled, with allergic rhinitis.",
      plan=["Step up to budesonide-formoterol as maintenance and reliever therapy.",
            "Dust mite encasements and allergen avoidance counseling.",
            "Asthma action plan provided; school medication form completed.",
            "Follow up in 6 weeks."],
      rx=dict(drug="budesonide-formoterol (Symbicort) 160-4.5 mcg inhaler",
              sig="2 puffs twice daily and as needed, max 12 puffs daily", qty="1 inhaler",
              tried="fluticasone 110 mcg and montelukast")),
 dict(key="adhd", spec="Pediatrics", dx="attention-deficit hyperactivity disorder, combined "
      "type", icd="F90.2", age=(6, 17), kinds={"clinic", "school", "refill", "pa"},
      reason="attention and behavior concerns at school",
      hpi=["{His} teachers report difficulty staying seated, incomplete assignments, and "
           "impulsive interrupting.",
           "Vanderbilt rating scales from parent and teacher are consistent with combined "
           "type ADHD.", "Sleep and appetite are good."],
      exam=["Growth parameters normal. BP {bp}. Cardiac exam normal."],
      data=["No family history of sudden cardiac death."],
      assess="ADHD, combined presentation.",
      plan=["Start methylphenidate extended-release 18 mg each morning.",
            "504 plan recommended; letter provided to school.",
            "Follow up in 4 weeks for dose adjustment, weight, and blood pressure."],
      rx=dict(drug="methylphenidate ER (Concerta) 18 mg tablet",
              sig="1 tablet by mouth every morning", qty="30",
              tried="behavioral therapy")),
 dict(key="aub", spec="Obstetrics and Gynecology", dx="abnormal uterine bleeding with "
      "uterine fibroids", icd="N93.9", age=(25, 54), sex="F",
      kinds={"clinic", "proc", "work"}, reason="heavy menstrual bleeding",
      hpi=["{He} reports heavy menses lasting 8 days with clots, changing a pad every hour on "
           "the heaviest days, for {dur}.",
           "{He} has fatigue and was found to have a hemoglobin of {hgb}."],
      exam=["Enlarged irregular uterus, approximately 14-week size."],
      data=["Pelvic ultrasound: multiple intramural fibroids, the largest 5.2 cm. "
            "Endometrial biopsy benign."],
      assess="Symptomatic uterine fibroids with iron deficiency anemia.",
      plan=["Discussed options; {he} elects laparoscopic hysterectomy with ovarian "
            "preservation.", "Oral iron until surgery."],
      proc=dict(name="Total laparoscopic hysterectomy with bilateral salpingectomy",
                short="hysterectomy", anesthesia="general endotracheal",
                findings="14-week fibroid uterus; normal ovaries.",
                steps=["A uterine manipulator was placed.", "The round ligaments were "
                       "divided and the bladder flap developed.",
                       "The uterine arteries were sealed with a vessel-sealing device.",
                       "Colpotomy was performed and the uterus morcellated in a contained "
                       "bag; the vaginal cuff was closed with barbed suture."],
                ebl="200 mL", specimens="uterus, cervix, fallopian tubes",
                implants="none")),
 dict(key="lbp", spec="Pain Management", dx="lumbar radiculopathy, L5", icd="M54.16",
      age=(28, 85), kinds={"clinic", "proc", "pt", "work"},
      reason="low back and {side} leg pain",
      hpi=["{He} reports low back pain radiating down the posterolateral {side} leg to the "
           "top of the foot for {dur}, rated {pain}/10.",
           "Physical therapy and gabapentin have helped minimally."],
      exam=["Positive straight-leg raise on the {side} at 40 degrees. Great toe extension "
            "4/5. Reflexes symmetric."],
      data=["MRI lumbar spine: L4-5 disc protrusion with {side} lateral recess stenosis "
            "contacting the traversing L5 nerve root."],
      assess="{Side} L5 radiculopathy due to L4-5 disc protrusion.",
      plan=["{Side} L4-5 transforaminal epidural steroid injection.",
            "Continue home exercise program.", "Surgical referral if no improvement."],
      proc=dict(name="{Side} L4-5 transforaminal epidural steroid injection under "
                     "fluoroscopy", short="epidural steroid injection",
                anesthesia="local", findings="Appropriate epidural and perineural spread of "
                "contrast without vascular uptake.",
                steps=["The patient was placed prone and the skin prepped with "
                       "chlorhexidine.", "Under fluoroscopic guidance a 22-gauge spinal "
                       "needle was advanced to the {side} L4-5 foramen.",
                       "After negative aspiration and contrast confirmation, 10 mg of "
                       "dexamethasone with 1 mL of preservative-free saline was injected."],
                ebl="none", specimens="none", implants="none")),
 dict(key="pna", spec="Hospital Medicine", dx="community-acquired pneumonia", icd="J18.9",
      age=(18, 100), kinds={"hosp", "ed", "hh"}, reason="pneumonia",
      course=["{He} presented with 4 days of fever, productive cough, and pleuritic chest "
              "pain. Chest x-ray showed a right lower lobe consolidation. WBC was {wbc}.",
              "{He} was started on ceftriaxone and azithromycin. Blood cultures remained "
              "negative; sputum grew normal flora.",
              "Fever resolved by hospital day 2 and oxygen was weaned to room air.",
              "{He} was transitioned to oral amoxicillin-clavulanate to complete a 7-day "
              "course."]),
 dict(key="cellulitis", spec="Hospital Medicine", dx="cellulitis of the {side} lower leg",
      icd="L03.116", age=(18, 100), kinds={"hosp", "ed", "hh"}, reason="leg cellulitis",
      course=["{He} presented with 3 days of spreading redness, warmth, and swelling of the "
              "{side} lower leg with fever to 101.8.",
              "Duplex ultrasound was negative for DVT. {He} was treated with intravenous "
              "cefazolin with steady improvement in the erythema, which was marked.",
              "{He} was transitioned to oral cephalexin on hospital day 3."]),
 dict(key="hipfx", spec="Orthopedic Surgery", dx="closed fracture of the {side} femoral neck",
      icd="S72.001A", age=(62, 102), kinds={"hosp", "proc", "pt", "hh", "snf"},
      reason="hip fracture",
      course=["{He} sustained a mechanical fall at home and was unable to bear weight. "
              "Radiographs showed a displaced {side} femoral neck fracture.",
              "Medicine cleared {him} for surgery and {he} underwent {side} hip "
              "hemiarthroplasty on hospital day 2 without complication.",
              "Postoperatively {he} developed mild delirium at night that resolved with "
              "nonpharmacologic measures. Hemoglobin nadir was {hgb}.",
              "Physical therapy progressed {him} to ambulating 40 feet with a walker. "
              "{He} will go to a skilled nursing facility for rehabilitation."],
      proc=dict(name="{Side} hip hemiarthroplasty, cemented", short="hip hemiarthroplasty",
                anesthesia="spinal", findings="Displaced subcapital femoral neck fracture.",
                steps=["The patient was placed in the lateral decubitus position.",
                       "A posterior approach was used; the short external rotators were "
                       "tagged and released.", "The femoral head was removed and sized; the "
                       "canal was prepared and a cemented stem placed.",
                       "A bipolar head was reduced with good stability; the external "
                       "rotators were repaired."],
                ebl="250 mL", specimens="femoral head", implants="cemented stem, bipolar "
                "head")),
 dict(key="stroke", spec="Neurology", dx="acute ischemic stroke, left MCA territory",
      icd="I63.512", age=(48, 98), kinds={"hosp", "pt", "hh", "snf"}, reason="stroke",
      course=["{He} presented with sudden right arm weakness and expressive aphasia with last "
              "known well 90 minutes before arrival. NIHSS was 7.",
              "CT was negative for hemorrhage and {he} received IV tenecteplase. CTA showed "
              "no large-vessel occlusion.",
              "MRI confirmed a small left frontal infarct. Telemetry showed no atrial "
              "fibrillation; echo with bubble study was unremarkable.",
              "By discharge {his} speech had improved considerably with mild residual "
              "right hand weakness. {He} was started on aspirin, clopidogrel for 21 days, "
              "and high-intensity atorvastatin."]),
 dict(key="gibleed", spec="Gastroenterology", dx="upper GI bleed due to duodenal ulcer",
      icd="K26.4", age=(30, 95), kinds={"hosp", "proc"}, reason="GI bleeding",
      course=["{He} presented with melena and lightheadedness after several weeks of "
              "naproxen use. Hemoglobin on arrival was 6.9.",
              "{He} was transfused two units of packed red cells and started on an "
              "intravenous proton pump inhibitor infusion.",
              "EGD showed a 1 cm duodenal bulb ulcer with a visible vessel treated with "
              "epinephrine injection and clips. H. pylori biopsy was positive.",
              "Hemoglobin remained stable at {hgb} for 48 hours before discharge."],
      hpi=["{He} reports black tarry stools for three days and lightheadedness on standing.",
           "{He} had been taking naproxen 500 mg twice daily for back pain for several weeks."],
      proc=dict(name="Esophagogastroduodenoscopy with epinephrine injection and hemoclip "
                     "placement", short="upper endoscopy with hemostasis",
                anesthesia="monitored anesthesia care",
                findings="1 cm clean-based-rim duodenal bulb ulcer with a nonbleeding visible "
                         "vessel (Forrest IIa); old blood in the stomach.",
                steps=["The endoscope was advanced to the second portion of the duodenum.",
                       "The stomach was lavaged; no active bleeding was seen.",
                       "Dilute epinephrine 1:10,000, 6 mL total, was injected in four "
                       "quadrants around the vessel, and two hemoclips were deployed.",
                       "Gastric antral biopsies were obtained for H. pylori."],
                ebl="minimal", specimens="gastric antrum biopsies", implants="two hemoclips")),
 dict(key="dementia", spec="Geriatrics", dx="Alzheimer disease, late onset, severe",
      icd="G30.1", age=(68, 104), kinds={"hospice", "snf", "hh"}, reason="dementia",
      course=["{He} has progressive Alzheimer dementia with increasing dependence."]),
 dict(key="panc", spec="Hematology/Oncology", dx="metastatic adenocarcinoma of the pancreas",
      icd="C25.0", age=(45, 95), kinds={"hospice", "hosp"}, reason="pancreatic cancer",
      course=["{He} was admitted with intractable abdominal pain and poor oral intake in the "
              "setting of metastatic pancreatic adenocarcinoma with liver involvement.",
              "Pain was controlled with a hydromorphone PCA and then transitioned to "
              "long-acting oral morphine with breakthrough dosing.",
              "After a family meeting, {he} and {his} family chose to focus on comfort and "
              "{he} is being discharged home with hospice services."]),
]

PT_CASES = [
 dict(key="pt_tka", dx="s/p {side} total knee arthroplasty", icd="Z96.651", age=(50, 90),
      subj="{He} reports knee pain {pain}/10 at worst, improving each week. Sleeping better. "
           "Using a cane in the community and no device at home.",
      obj=["Knee AROM: {rom1} to {rom2} degrees flexion (goal 0-120).",
           "Quadriceps strength 4-/5; extensor lag 5 degrees.",
           "Timed Up and Go: {tug} seconds (initial 24).",
           "Gait: mildly antalgic with decreased stance time on the {side}."],
      goals=["Knee flexion to 115 degrees to allow normal stair negotiation - progressing.",
             "Ambulate community distances without assistive device - progressing.",
             "Independent with home exercise program - met."]),
 dict(key="pt_shoulder", dx="s/p {side} arthroscopic rotator cuff repair", icd="Z98.890",
      age=(35, 82),
      subj="{He} is out of the sling and reports soreness with reaching overhead, {pain}/10. "
           "Has been compliant with home exercises.",
      obj=["Shoulder PROM flexion 150, abduction 130, ER 45 degrees.",
           "AROM flexion 120 degrees with mild hiking.",
           "Strength deferred per protocol until week 12."],
      goals=["Full PROM by week 10 - progressing.",
             "Reach overhead cabinet without pain - not met.",
             "Return to work at full duty - not met."]),
 dict(key="pt_lbp", dx="low back pain with {side} lumbar radiculopathy", icd="M54.16",
      age=(20, 85),
      subj="{He} reports centralization of symptoms with extension exercises; leg pain now "
           "intermittent. Able to sit 45 minutes.",
      obj=["Lumbar flexion 75% of normal with end-range pain; extension full.",
           "Modified Oswestry Disability Index: {odi}% (initial 48%).",
           "Negative slump test on the {side}.", "Core endurance: prone plank 35 seconds."],
      goals=["Oswestry below 20% - progressing.",
             "Sit 60 minutes for work tasks - progressing.",
             "Lift 25 lb floor to waist with proper mechanics - met."]),
 dict(key="pt_stroke", dx="right hemiparesis following ischemic stroke", icd="I69.351",
      age=(48, 98),
      subj="{His} daughter reports {he} is walking more at home and is more confident on "
           "stairs with the rail.",
      obj=["Berg Balance Scale {berg}/56 (initial 38).",
           "10-meter walk 0.62 m/s with quad cane.",
           "Right ankle dorsiflexion 3/5; hip flexion 4/5."],
      goals=["Berg above 45 to reduce fall risk - progressing.",
             "Community ambulation with single-point cane - progressing.",
             "Independent transfers - met."]),
 dict(key="pt_ankle", dx="{side} ankle sprain, grade II", icd="S93.402A", age=(12, 45),
      subj="{He} reports mild swelling after practice. Pain {pain}/10 with cutting.",
      obj=["Ankle DF 12 degrees, PF 45 degrees.",
           "Single-leg balance 18 seconds eyes open on the {side} (30 on uninvolved).",
           "Hop test 82% of uninvolved limb."],
      goals=["Return to sport - progressing.",
             "Single-leg balance symmetric - progressing."]),
 dict(key="pt_hip", dx="s/p {side} hip hemiarthroplasty for femoral neck fracture",
      icd="Z96.641", age=(62, 102),
      subj="{He} reports hip soreness {pain}/10 and fatigue after walking to the mailbox.",
      obj=["Ambulates 150 feet with rolling walker, standby assist.",
           "Sit to stand 5 times: 19 seconds. Hip abduction 3+/5.",
           "Posterior hip precautions maintained."],
      goals=["Ambulate 300 feet with least restrictive device - progressing.",
             "Independent with stairs x4 with rail - not met.",
             "Independent bathing with equipment - met."]),
]

HOSPICE_DX = [
 ("end-stage heart failure", "I50.22", "hf"),
 ("chronic obstructive pulmonary disease, end stage", "J44.9", "copd"),
 ("Alzheimer disease, late onset, severe", "G30.1", "dementia"),
 ("metastatic adenocarcinoma of the pancreas", "C25.0", "panc"),
 ("metastatic non-small cell lung cancer", "C34.90", "lung"),
 ("end-stage renal disease, declined dialysis", "N18.6", "esrd"),
]

PMH_ADULT = ["hypertension", "type 2 diabetes mellitus", "hyperlipidemia", "GERD",
             "hypothyroidism", "osteoarthritis", "obstructive sleep apnea on CPAP",
             "chronic kidney disease stage 3a", "depression", "generalized anxiety disorder",
             "asthma", "obesity", "gout", "migraine", "benign essential tremor",
             "history of appendectomy", "allergic rhinitis",
             "vitamin D deficiency", "prediabetes", "remote tobacco use"]
PMH_OLD = ["coronary artery disease", "atrial fibrillation", "osteoporosis",
           "mild cognitive impairment", "history of prostate cancer", "macular degeneration",
           "peripheral neuropathy", "hearing loss", "history of TIA", "chronic constipation"]
PMH_KID = ["mild intermittent asthma", "eczema", "allergic rhinitis", "seasonal allergies",
           "recurrent otitis media, s/p tympanostomy tubes", "no significant past history"]
MEDS_ADULT = ["lisinopril 20 mg daily", "metformin 1000 mg twice daily",
              "atorvastatin 40 mg nightly", "amlodipine 5 mg daily",
              "levothyroxine 75 mcg daily", "omeprazole 20 mg daily",
              "metoprolol succinate 50 mg daily", "furosemide 40 mg daily",
              "gabapentin 300 mg three times daily", "sertraline 50 mg daily",
              "albuterol HFA 2 puffs every 4-6 hours as needed",
              "hydrochlorothiazide 25 mg daily", "aspirin 81 mg daily",
              "losartan 50 mg daily", "pantoprazole 40 mg daily", "escitalopram 10 mg daily",
              "vitamin D3 2000 IU daily", "cetirizine 10 mg daily",
              "fluticasone nasal spray 2 sprays each nostril daily",
              "meloxicam 15 mg daily", "allopurinol 300 mg daily",
              "trazodone 50 mg at bedtime as needed", "montelukast 10 mg nightly",
              "insulin glargine 22 units at bedtime", "tamsulosin 0.4 mg nightly",
              "apixaban 5 mg twice daily", "donepezil 10 mg nightly",
              "carvedilol 12.5 mg twice daily", "calcium carbonate 600 mg twice daily"]
MEDS_KID = ["cetirizine 5 mg daily", "fluticasone nasal spray 1 spray each nostril daily",
            "albuterol HFA 2 puffs every 4 hours as needed",
            "hydrocortisone 2.5% ointment twice daily as needed",
            "multivitamin daily", "polyethylene glycol 8.5 g daily as needed"]
ALLERGIES = ["No known drug allergies", "NKDA", "Penicillin (rash)", "Sulfa (hives)",
             "Codeine (nausea)", "Latex", "Shellfish; iodinated contrast (hives)",
             "Lisinopril (cough)", "Amoxicillin (rash)", "Morphine (itching)"]

# ------------------------------------------------------------------ entities
class Person:
    def __init__(self, **kw):
        self.mi = ""
        self.mrn = None
        self.fake_mrn = None
        self.__dict__.update(kw)
        self.pfirst = self.first
        self.plast = self.last
        self.variant = ""


class Globals:
    def __init__(self, rows):
        self.rows = rows
        self.full = set()
        self.last_dob = set()
        self.first_dob = set()
        self.fld = set()
        self.dobs = set()
        self.surnames = set()
        self.mrns = set()
        self.mrn_digits = set()
        self.phones = set()
        self.city = {}
        fsex = {}
        for r in rows:
            fn, ln, dob = r["first_name"], r["last_name"], r["dob"]
            self.full.add((fn.lower(), ln.lower()))
            self.last_dob.add((ln.lower(), dob))
            self.first_dob.add((fn.lower(), dob))
            self.fld.add((fn.lower(), ln.lower(), dob))
            self.dobs.add(dob)
            self.surnames.add(ln)
            self.mrns.add(r["mrn"])
            self.mrn_digits.add(re.sub(r"\D", "", r["mrn"]))
            self.phones.add(re.sub(r"\D", "", r["phone"]))
            key = (r["city"], r["state"])
            c = self.city.setdefault(key, {"zips": [], "ac": []})
            c["zips"].append(r["postal_code"])
            c["ac"].append(r["phone"][:3])
            fsex.setdefault(fn, {"M": 0, "F": 0})
            if r["sex"] in ("M", "F"):
                fsex[fn][r["sex"]] += 1
        for k in self.city:
            self.city[k]["zips"] = sorted(set(self.city[k]["zips"]))
            self.city[k]["ac"] = sorted(set(self.city[k]["ac"]))
        self.cities = sorted(self.city)
        self.first_m = sorted(f for f, c in fsex.items() if c["M"] > c["F"])
        self.first_f = sorted(f for f, c in fsex.items() if c["F"] >= c["M"])
        self.sorted_surnames = sorted(self.surnames)
        self.extra_last = [s for s in EXTRA_LAST if s not in self.surnames]

    def is_roster_name(self, first, last):
        return (first.lower(), last.lower()) in self.full


def nickname_or_typo(rng, p, G=None):
    """Nickname or one-letter typo that does not collide with another roster name."""
    for _ in range(30):
        f, l, note = _nickname_or_typo(rng, p)
        if G is None or not G.is_roster_name(f, l):
            return f, l, note
    return f, l, note


def _nickname_or_typo(rng, p):
    """Return (first, last, note) with a nickname or a one-letter typo."""
    if p.first in NICK and NICK[p.first] and (rng.random() < 0.5 or
                                               getattr(p, "self_written", False)):
        kind = "nick"
    else:
        kind = rng.choice(["typo_last", "typo_first", "typo_last"])
    if kind == "nick":
        nk = rng.choice(NICK[p.first])
        return nk, p.last, f"nickname: first name printed as '{nk}' (roster '{p.first}')"
    target = p.last if kind == "typo_last" else p.first
    for _ in range(50):
        t = typo(rng, target)
        if t and t != target:
            break
    else:
        t = target[:-1] + ("a" if target[-1] != "a" else "e")
    if kind == "typo_last":
        return p.first, t, f"typo: last name printed as '{t}' (roster '{p.last}')"
    return t, p.last, f"typo: first name printed as '{t}' (roster '{p.first}')"


def typo(rng, s):
    idx = [i for i, ch in enumerate(s) if ch.isalpha() and i > 0]
    if not idx:
        return None
    i = rng.choice(idx)
    ch = s[i]
    op = rng.choice(["sub", "sub", "del", "dup"])
    if op == "sub":
        rep = rng.choice(KEYNEI.get(ch.lower(), "e"))
        rep = rep.upper() if ch.isupper() else rep
        return s[:i] + rep + s[i + 1:]
    if op == "del":
        if len(s) < 5:
            return None
        return s[:i] + s[i + 1:]
    return s[:i] + ch + s[i:]


# ---------------------------------------------------------------- document
class Doc:
    def __init__(self, G, rng, did, tname, pt, date):
        self.G = G
        self.rng = rng
        self.id = did
        self.tname = tname
        self.pt = pt
        self.date = date
        self.lines = []
        self.notes = []
        self.printed = {}
        self.other_ids = []
        self.people = {}
        self.cover = False
        self.cover_re = None
        self.cont_style = None
        self.sender = None
        self.recip = None
        self.no_dob = False
        self.age = age_on(pt.dob, date)
        self.child = self.age < 18
        self.dob_style = wchoice(rng, DOB_STYLES)
        if self.dob_style == "mdy" and not (1936 <= pt.dob.year <= 2020):
            self.dob_style = "mdY_np"
        self.dstyle = wchoice(rng, [("long", 50), ("mdY", 30), ("mdY_np", 15), ("mon_sp", 5)])
        self.show_mrn = False
        self.mrn_label = wchoice(rng, [("MRN:", 20), ("MRN", 8), ("MR#:", 14), ("MR #", 5),
                                       ("Med Rec No.", 8), ("Medical Record #:", 8),
                                       ("Chart #:", 9), ("Chart No.", 4), ("Patient ID:", 9),
                                       ("Account:", 5), ("Acct #:", 4), ("MRN#", 6)])
        sexm = pt.sex == "M"
        self.sexm = sexm
        if self.child:
            self.title = ""
        elif sexm:
            self.title = "Mr."
        else:
            self.title = "Mrs." if (self.age > 28 and rng.random() < 0.45) else "Ms."
        self.side = rng.choice(["right", "left"])
        self.tok = SafeTok()
        self.case = None

    # ---------------------------------------------------------- bookkeeping
    def mark(self, key, val=True):
        if key not in self.printed:
            self.printed[key] = val

    def other(self, label, val):
        self.other_ids.append(label)
        return val

    def r(self):
        return self.rng.random()

    def ch(self, seq):
        return self.rng.choice(seq)

    def sample(self, seq, k):
        return self.rng.sample(list(seq), min(k, len(seq)))

    # --------------------------------------------------------------- names
    def name(self, form="full"):
        f, l, mi = self.pt.pfirst, self.pt.plast, self.pt.mi
        self.mark("name")
        if form == "full":
            return f"{f} {mi + '. ' if mi else ''}{l}"
        if form == "fl":
            return f"{f} {l}"
        if form == "lf":
            return f"{l}, {f}" + (f" {mi}." if mi else "")
        if form == "LF":
            return f"{l.upper()}, {f.upper()}" + (f" {mi}" if mi else "")
        if form == "LFc":
            return f"{l.upper()},{f.upper()}" + (f" {mi}" if mi else "")
        if form == "FLU":
            return f"{f} {mi + ' ' if mi else ''}{l}".upper()
        if form == "title":
            return f"{self.title} {l}" if self.title else f
        if form == "titlefull":
            return (f"{self.title} " if self.title else "") + self.name("full")
        if form == "first":
            return f
        if form == "last":
            return l
        raise ValueError(form)

    def any_name(self):
        return self.name(wchoice(self.rng, [("full", 45), ("fl", 15), ("LF", 20),
                                            ("lf", 15), ("FLU", 5)]))

    def dob(self, style=None):
        st = style or self.dob_style
        used = self.printed.setdefault("dob", [])
        if DOB_STYLE_DESC[st] not in used:
            used.append(DOB_STYLE_DESC[st])
        return fdate(self.pt.dob, st)

    def dt(self, d, style=None):
        return fdate(d, style or self.dstyle)

    def mrn(self, label=None):
        """Printed MRN with label, or '' when the document carries none."""
        if not self.show_mrn:
            return ""
        val = self.pt.mrn if self.pt.mrn else self.pt.fake_mrn
        lab = label or self.mrn_label
        if val.startswith("MRN") and lab.upper().startswith("MRN") and self.mrn_bare:
            s = val
        else:
            s = f"{lab} {val}"
        self.mark("mrn", s)
        return s

    def mrn_only(self):
        if not self.show_mrn:
            return ""
        val = self.pt.mrn if self.pt.mrn else self.pt.fake_mrn
        self.mark("mrn", val)
        return val

    def address_lines(self):
        p = self.pt
        self.mark("address")
        return [p.address, f"{p.city}, {p.state} {p.zip}"]

    def address_one(self):
        p = self.pt
        self.mark("address")
        return f"{p.address}, {p.city}, {p.state} {p.zip}"

    def phone(self):
        self.mark("phone")
        p = self.pt.phone
        if self.r() < 0.25:
            d = re.sub(r"\D", "", p)
            return f"({d[:3]}) {d[3:6]}-{d[6:]}"
        return p

    # ---------------------------------------------------------------- text
    def L(self, s=""):
        self.lines.append(s)

    def Ls(self, seq):
        for s in seq:
            self.lines.append(s)

    def P(self, text, width=None, indent=0, blank=True):
        width = width or self.width
        text = AN_AGE.sub(r"\1n \2-year-old", self.f(text))
        for ln in textwrap.wrap(text, width=width - indent, break_on_hyphens=False):
            self.lines.append(" " * indent + ln)
        if blank:
            self.lines.append("")

    def H(self, head, text=None, blank=True):
        """Section heading; inline text or heading on its own line."""
        text = self.f(text) if text else None
        if text is None:
            self.L(head)
            return
        if self.inline_heads:
            self.P(f"{head} {text}", blank=blank)
        else:
            self.L(head)
            self.P(text, blank=blank)

    def bullets(self, items, style=None, indent=2):
        style = style or self.bullet_style
        for i, it in enumerate(items, 1):
            it = self.f(it)
            mark = {"num": f"{i}.", "dash": "-", "star": "*", "paren": f"{i})"}[style]
            first = " " * indent + mark + " "
            w = self.width - len(first)
            wrapped = textwrap.wrap(it, width=w, break_on_hyphens=False) or [""]
            self.lines.append(first + wrapped[0])
            for ln in wrapped[1:]:
                self.lines.append(" " * len(first) + ln)

    def PBR(self):
        self.lines.append(PB)

    def f(self, s):
        if "{" not in s:
            return s
        return s.format_map(self.tok)

    def kv(self, pairs, w=None, indent=0):
        w = max(w or 0, max(len(a) for a, _ in pairs) + 1)
        for a, b in pairs:
            self.lines.append(" " * indent + a.ljust(w) + str(b))

    def sigline(self, label="Signature", w=36):
        return f"{label}: " + "_" * w

    # -------------------------------------------------------------- people
    def new_person(self, sex=None, last=None, pools="prov"):
        rng = self.rng
        for _ in range(200):
            s = sex or rng.choice("MF")
            if pools == "prov":
                first = rng.choice(PROV_FIRST_M if s == "M" else PROV_FIRST_F)
                ln = last or rng.choice(PROV_LAST)
            else:
                pool = (self.G.first_m if s == "M" else self.G.first_f)
                pool = pool + (EXTRA_FIRST_M if s == "M" else EXTRA_FIRST_F)
                first = rng.choice(pool)
                ln = last or rng.choice(PROV_LAST + EXTRA_LAST + self.G.sorted_surnames)
            if self.G.is_roster_name(first, ln):
                continue
            if first == self.pt.first or first == self.pt.pfirst:
                continue
            return first, ln, s
        return "Morgan", "Vanderpool", sex or "F"

    def provider(self, role, cred=None, spec=None):
        if role in self.people:
            return self.people[role]
        first, last, s = self.new_person()
        cred = cred or wchoice(self.rng, [("MD", 70), ("DO", 15), ("MD, FACP", 5),
                                          ("MD, PhD", 3), ("MD, FACS", 4), ("DO, FACOI", 3)])
        pr = dict(first=first, last=last, sex=s, cred=cred, spec=spec,
                  npi=luhn_npi(self.rng), name=f"{first} {last}, {cred}",
                  dr=(f"Dr. {last}" if ("MD" in cred or "DO" in cred or "DPM" in cred)
                      else f"{first} {last}"))
        pr["dea"] = dea_num(self.rng, last)
        pr["short"] = f"{first} {last}"
        self.people[role] = pr
        return pr

    def staff(self, role, cred=""):
        if role in self.people:
            return self.people[role]
        first, last, s = self.new_person()
        nm = f"{first} {last}" + (f", {cred}" if cred else "")
        pr = dict(first=first, last=last, sex=s, cred=cred, name=nm, short=f"{first} {last}",
                  dr=f"{first} {last}")
        self.people[role] = pr
        return pr

    def relative(self, rel=None):
        """A family member; may share the patient's surname."""
        if rel is None:
            if self.child:
                rel = self.ch(["mother", "father", "mother", "grandmother"])
            elif self.age < 40:
                rel = self.ch(["spouse", "mother", "sister", "brother", "father"])
            elif self.age < 65:
                rel = self.ch(["spouse", "spouse", "daughter", "son", "sister"])
            else:
                rel = self.ch(["daughter", "son", "spouse", "daughter", "niece", "grandson"])
        if ("rel", rel) in self.people:
            return self.people[("rel", rel)]
        if rel == "spouse":
            s = "F" if self.sexm else "M"
            word = "wife" if s == "F" else "husband"
        else:
            s = {"mother": "F", "father": "M", "sister": "F", "brother": "M",
                 "daughter": "F", "son": "M", "niece": "F", "grandson": "M",
                 "grandmother": "F"}[rel]
            word = rel
        same = self.r() < (0.85 if rel in ("spouse", "son", "brother", "father", "grandson")
                           else 0.6)
        if self.child and rel in ("mother", "father"):
            same = self.r() < 0.85
        first, last, s = self.new_person(sex=s, last=self.pt.last if same else None,
                                         pools="pt")
        pr = dict(first=first, last=last, sex=s, rel=word, name=f"{first} {last}",
                  phone=self.rand_phone())
        self.people[("rel", rel)] = pr
        self.mark("relative_named", f"{word} {first} {last}")
        return pr

    # -------------------------------------------------------------- numbers
    def digits(self, n, lead_nonzero=True):
        for _ in range(100):
            s = str(self.rng.randint(1 if lead_nonzero else 0, 9)) + "".join(
                str(self.rng.randint(0, 9)) for _ in range(n - 1))
            if s not in self.G.mrn_digits and s not in self.G.phones:
                return s
        return s

    def rand_phone(self, ac=None):
        ac = ac or self.area
        for _ in range(100):
            ph = f"{ac}-{self.rng.randint(201, 989)}-{self.rng.randint(0, 9999):04d}"
            if re.sub(r"\D", "", ph) not in self.G.phones and ph[4:7] != "555":
                return ph
        return ph

    def fmt_phone(self, ph, style=None):
        d = re.sub(r"\D", "", ph)
        st = style if style is not None else self.phone_style
        if st == 0:
            return f"({d[:3]}) {d[3:6]}-{d[6:]}"
        if st == 1:
            return f"{d[:3]}-{d[3:6]}-{d[6:]}"
        if st == 2:
            return f"{d[:3]}.{d[3:6]}.{d[6:]}"
        return f"{d[:3]}/{d[3:6]}-{d[6:]}"

    # ------------------------------------------------------------ practices
    def locale(self):
        p = self.pt
        key = (p.city, p.state)
        info = self.G.city.get(key)
        if info is None or self.r() < 0.1:
            same_state = [c for c in self.G.cities if c[1] == p.state]
            key = self.ch(same_state or self.G.cities)
            info = self.G.city[key]
        return key[0], key[1], self.ch(info["zips"]), self.ch(info["ac"])

    def practice(self, kind, spec=None, name=None):
        city, st, zp, ac = self.locale()
        rng = self.rng
        place = rng.choice(PLACES)
        sp = spec or "Family Medicine"
        specword = {"Cardiology": ["Cardiology", "Heart & Vascular", "Cardiovascular"],
                    "Gastroenterology": ["Gastroenterology", "Digestive Health", "GI"],
                    "Orthopedic Surgery": ["Orthopaedics", "Orthopedic & Spine",
                                           "Bone & Joint"],
                    "Neurology": ["Neurology", "Neuroscience", "Neurological"],
                    "Pulmonology": ["Pulmonary & Sleep", "Lung", "Pulmonary"],
                    "Sleep Medicine": ["Sleep", "Sleep & Pulmonary"],
                    "Endocrinology": ["Endocrinology", "Diabetes & Endocrine"],
                    "Nephrology": ["Kidney", "Nephrology"],
                    "Rheumatology": ["Rheumatology", "Arthritis"],
                    "Dermatology": ["Dermatology", "Skin & Cancer"],
                    "Ophthalmology": ["Eye", "Eye Surgeons", "Vision"],
                    "Otolaryngology": ["ENT", "Ear, Nose & Throat", "Otolaryngology"],
                    "Urology": ["Urology", "Urologic"],
                    "Hematology/Oncology": ["Cancer", "Oncology & Hematology"],
                    "Hematology": ["Hematology", "Blood & Cancer"],
                    "General Surgery": ["Surgical", "General Surgery"],
                    "Allergy and Immunology": ["Allergy & Asthma", "Allergy"],
                    "Pediatrics": ["Pediatrics", "Children's"],
                    "Obstetrics and Gynecology": ["OB/GYN", "Women's Health"],
                    "Pain Management": ["Pain", "Spine & Pain"],
                    "Internal Medicine": ["Internal Medicine", "Primary Care"],
                    "Family Medicine": ["Family Medicine", "Family Practice",
                                        "Primary Care"],
                    "Hospital Medicine": ["Internal Medicine"],
                    "Geriatrics": ["Senior Care", "Geriatric Medicine"]}.get(sp, [sp])
        sw = rng.choice(specword)
        if name:
            nm = name
        elif kind == "hospital":
            sa = rng.choice(SAINTS)
            sb = "" if sa in ("Regional", "Memorial", "University") else " Regional"
            nm = rng.choice([f"{sa}{sb} Medical Center",
                             f"{rng.choice(SAINTS)} Hospital of {city}",
                             f"{place} Medical Center", f"{city} General Hospital",
                             f"{rng.choice(SAINTS)} Health - {place} Campus"])
        else:
            nm = rng.choice([f"{place} {sw} Associates", f"{place} {sw}",
                             f"{sw} Specialists of {city}", f"{city} {sw} Group",
                             f"{place} {sw} Center, PLLC", f"{place} {sw}, P.C.",
                             f"{rng.choice(PROV_LAST)} & {rng.choice(PROV_LAST)} {sw}"])
        num = rng.randint(100, 9899)
        street = rng.choice(STREETS)
        suite = rng.choice(["", f", Suite {rng.randint(100, 650)}", f", Ste {rng.randint(1, 40)}0",
                            f", Bldg {rng.choice('ABC')}", f", {rng.choice(['2nd', '3rd', '4th', '5th', '6th'])} Floor"])
        ph = self.rand_phone(ac)
        fx = self.rand_phone(ac)
        return dict(name=nm, addr=f"{num} {street}{suite}", city=city, state=st, zip=zp,
                    phone=ph, fax=fx, kind=kind, spec=sp, place=place, ac=ac)

    def letterhead(self, pr, style=None, providers=None, extra=None):
        style = style if style is not None else self.rng.randint(0, 4)
        ph, fx = self.fmt_phone(pr["phone"]), self.fmt_phone(pr["fax"])
        cs = f"{pr['city']}, {pr['state']} {pr['zip']}"
        if style == 0:
            self.L(center(pr["name"].upper()))
            if extra:
                self.L(center(extra))
            self.L(center(f"{pr['addr']} * {cs}"))
            self.L(center(f"Phone {ph}  *  Fax {fx}"))
            self.L("_" * 80)
        elif style == 1:
            self.L(pr["name"])
            if extra:
                self.L(extra)
            if providers:
                self.L(" | ".join(providers)[:88])
            self.L(pr["addr"])
            self.L(cs)
            self.L(f"Tel {ph}    Fax {fx}")
            self.L("")
        elif style == 2:
            self.L("=" * 78)
            self.L(center(pr["name"], 78))
            if extra:
                self.L(center(extra, 78))
            self.L(center(f"{pr['addr']}, {cs}", 78))
            self.L(center(f"P: {ph}   F: {fx}", 78))
            self.L("=" * 78)
        elif style == 3:
            left = [pr["name"], pr["addr"], cs]
            right = [f"Phone: {ph}", f"Fax:   {fx}", extra or ""]
            for a, b in zip(left, right, strict=False):
                self.L(a.ljust(52) + b)
            self.L("-" * 80)
        else:
            self.L(pr["name"].upper())
            if providers:
                for p in providers[:4]:
                    self.L("  " + p)
            self.L(f"{pr['addr']}  {cs}")
            self.L(f"office {ph}  fax {fx}")
            self.L("")
        self.L("")

    def esig(self, prov, when=None, closing=True):
        rng = self.rng
        when = when or self.date
        if closing:
            self.L(self.ch(["Sincerely,", "Sincerely,", "Best regards,", "Respectfully,",
                            "Warm regards,", "Kind regards,", "With best wishes,",
                            "Thank you,"]))
            self.L("")
        mode = rng.randint(0, 3)
        if mode == 0:
            self.L(f"/s/ {prov['short']}")
        elif mode == 1:
            self.L("")
            self.L("")
        elif mode == 2:
            hh = rng.randint(7, 18)
            self.L(f"Electronically signed by {prov['name']} on {fdate(when, 'mdY')} at "
                   f"{hh % 12 or 12}:{rng.randint(0, 59):02d} {'AM' if hh < 12 else 'PM'}")
            self.L("")
        else:
            self.L("[signature on file]")
        self.L(prov["name"])
        if prov.get("spec"):
            self.L(prov["spec"])
        if rng.random() < 0.35 and "npi" in prov:
            self.L(f"NPI: {self.other('NPI', prov['npi'])}")

    def cc(self, names):
        names = [n for n in names if n]
        if not names:
            return
        if self.r() < 0.5:
            self.L("cc: " + "; ".join(names))
        else:
            self.L("cc:")
            for n in names:
                self.L("    " + n)

    def dictation_footer(self, prov):
        ini = (prov["first"][0] + prov["last"][0]).upper()
        ts = ini + "/" + "".join(self.ch("abcdefghjklmnprstw") for _ in range(3))
        d1 = self.date - dt.timedelta(days=self.rng.randint(0, 2))
        job = self.other("dictation job #", self.digits(self.ch([6, 8])))
        self.L("")
        self.L(f"{ts}   D: {fdate(d1, 'mdY')}   T: {fdate(self.date, 'mdY')}   Job #: {job}")

    # ------------------------------------------------------------ id blocks
    def idblock(self, style, extra=(), re_word=None):
        rng = self.rng
        mrn = self.mrn()
        dobl = self.ch(["DOB:", "DOB:", "DOB", "D.O.B.:", "Date of Birth:", "Birthdate:"])
        dob = None if self.no_dob else self.dob()
        re_word = re_word or self.ch(["Re:", "RE:", "Re:", "RE:", "Regarding:"])
        out = []
        if style == "re_comma":
            s = f"{re_word} {self.name(self.ch(['full', 'fl', 'full']))}"
            if dob:
                s += f", {self.ch(['DOB', 'DOB:', 'date of birth', 'born'])} {dob}"
            if mrn:
                s += f", {mrn}"
            out.append(s)
        elif style == "re_caps":
            s = f"{re_word.upper()} {self.name(self.ch(['LF', 'LFc']))}"
            if mrn:
                s += f" ({mrn})"
            out.append(s)
            if dob:
                out.append(f"{dobl} {dob}" if rng.random() < 0.7 else
                           f"{' ' * (len(re_word) + 1)}{dobl} {dob}")
        elif style == "label_lines":
            nl = self.ch(["Patient Name:", "Patient:", "Name:", "Patient name:", "PATIENT:"])
            out.append(f"{nl} {self.name(self.ch(['full', 'fl', 'LF', 'lf']))}")
            if dob:
                out.append(f"{dobl} {dob}")
            if mrn:
                out.append(mrn)
        elif style == "one_line":
            nl = self.ch(["Name:", "Patient:", "Pt Name:", "PATIENT NAME:"])
            parts = [f"{nl} {self.name(self.ch(['full', 'LF', 'fl']))}"]
            if dob:
                parts.append(f"{dobl} {dob}")
            if mrn:
                parts.append(mrn)
            out.append("   ".join(parts))
        elif style == "pt":
            s = f"Pt: {self.name(self.ch(['full', 'fl', 'lf']))}"
            if dob:
                s += f"  {self.ch(['DOB', 'DOB:', 'dob'])} {dob}"
            if mrn:
                s += f"  {mrn}"
            out.append(s)
        elif style == "regarding":
            s = f"{self.ch(['Regarding your patient:', 'Re: Your patient', 'Patient:', 'RE: Our mutual patient,'])} {self.name(self.ch(['full', 'titlefull', 'fl']))}"
            if dob:
                s += f" (DOB: {dob})" if rng.random() < 0.6 else f", DOB {dob}"
            out.append(s)
            if mrn:
                out.append(mrn)
        elif style == "dictated":
            s = f"PATIENT: {self.name(self.ch(['LF', 'LFc']))}"
            parts = [s]
            if mrn:
                parts.append(mrn.upper() if rng.random() < 0.5 else mrn)
            if dob:
                parts.append(f"DOB: {dob}")
            for a, b in extra:
                parts.append(f"{a}: {b}")
            line = ""
            for pp in parts:
                if line and len(line) + 2 + len(pp) > 88:
                    out.append(line)
                    line = pp
                else:
                    line = (line + "  " + pp) if line else pp
            if line:
                out.append(line)
        elif style == "table":
            rows = [(self.ch(["PATIENT NAME:", "PATIENT:", "NAME:"]),
                     self.name(self.ch(["LF", "LF", "full", "lf"])))]
            if dob:
                rows.append((self.ch(["DATE OF BIRTH:", "DOB:", "BIRTH DATE:"]), dob))
            if mrn:
                m = mrn
                rows.append(("MEDICAL RECORD #:" if "Med" in self.mrn_label else
                             (self.mrn_label.upper() if not m.startswith("MRN") or
                              " " in m else "MRN:"),
                             m.split(" ", 1)[1] if " " in m else m))
            rows += [(a if a.endswith(":") else a.upper() + ":", b) for a, b in extra]
            self.tab_rows(out, rows)
        elif style == "re_multi":
            out.append(f"{re_word:<10}{self.name(self.ch(['full', 'fl', 'LF']))}")
            if dob:
                out.append(f"{'':<10}{dobl} {dob}")
            if mrn:
                out.append(f"{'':<10}{mrn}")
            for a, b in extra:
                out.append(f"{'':<10}{a}: {b}")
        elif style == "slash":
            s = f"Patient: {self.name(self.ch(['full', 'fl']))}"
            if dob:
                s += f" / DOB: {dob}"
            if mrn:
                s += f" / {mrn}"
            out.append(s)
        else:
            raise ValueError(style)
        if style not in ("dictated", "table", "re_multi"):
            for a, b in extra:
                out.append(f"{a}: {b}")
        return out

    def tab_rows(self, out, rows):
        w = max(len(a) for a, _ in rows) + 2
        if self.r() < 0.5 and len(rows) >= 4:
            half = (len(rows) + 1) // 2
            left, right = rows[:half], rows[half:]
            wl = max(len(a) for a, _ in left) + 1
            wr = max(len(a) for a, _ in right) + 1
            for i in range(half):
                a = f"{left[i][0]:<{wl}}{left[i][1]}"
                b = f"{right[i][0]:<{wr}}{right[i][1]}" if i < len(right) else ""
                if len(a) > 44:
                    out.append(a)
                    if b:
                        out.append(" " * 46 + b)
                else:
                    out.append(f"{a:<46}{b}".rstrip())
        else:
            for a, b in rows:
                out.append(f"{a:<{w}}{b}")

    # ------------------------------------------------------------ clinical
    def pick_case(self, kinds):
        kinds = set(kinds)
        cands = [c for c in CASES if c["kinds"] & kinds and c["age"][0] <= self.age <=
                 c["age"][1] and c.get("sex") in (None, self.pt.sex)]
        if not cands:
            cands = [c for c in CASES if c["age"][0] <= self.age <= c["age"][1] and
                     c.get("sex") in (None, self.pt.sex) and "clinic" in c["kinds"]]
        if not cands:
            cands = [c for c in CASES if "clinic" in c["kinds"]]
        self.case = self.ch(cands)
        self.notes.append(f"clinical: {self.case['key']}")
        return self.case

    def build_tokens(self):
        rng = self.rng
        t = self.tok
        m = self.sexm
        t.update(he="he" if m else "she", He="He" if m else "She", his="his" if m else "her",
                 His="His" if m else "Her", him="him" if m else "her",
                 man=("boy" if m else "girl") if self.age < 13 else
                 (("young man" if m else "young woman") if self.age < 20 else
                  ("man" if m else "woman")),
                 pt=self.name("title") if self.title else self.pt.pfirst,
                 age=str(self.age), side=self.side, Side=self.side.capitalize())
        # the 'pt' token is used in running text; keep name mark only if used later
        if self.child:
            sbp, dbp = rng.randint(96, 118), rng.randint(56, 76)
            hr = rng.randint(72, 110)
            wt = max(12, int(self.age * 6.5 + rng.randint(10, 30)))
        else:
            sbp, dbp = rng.randint(112, 168), rng.randint(64, 98)
            hr = rng.randint(58, 96)
            wt = rng.randint(118, 262)
        t.update(bp=f"{sbp}/{dbp}", hr=str(hr), rr=str(rng.randint(14, 20)),
                 temp=f"{rng.choice([97, 98])}.{rng.randint(0, 9)}",
                 spo2=str(rng.randint(90, 99)), wt=str(wt),
                 bmi=f"{rng.randint(21, 41)}.{rng.randint(0, 9)}",
                 a1c=f"{rng.randint(8, 11)}.{rng.randint(0, 9)}", ldl=str(rng.randint(82, 168)),
                 egfr=str(rng.randint(32, 44)), cr=f"{rng.randint(1, 2)}.{rng.randint(0, 9)}",
                 hgb=f"{rng.randint(8, 12)}.{rng.randint(0, 9)}",
                 tsh=f"{rng.randint(1, 3)}.{rng.randint(0, 9)}{rng.randint(0, 9)}",
                 psa=f"{rng.randint(1, 5)}.{rng.randint(0, 9)}", ef=str(rng.choice(
                     [25, 30, 35, 40, 45, 55, 60])),
                 k=f"4.{rng.randint(0, 9)}", na=str(rng.randint(134, 143)),
                 chads=str(rng.randint(2, 5)), wbc=f"{rng.randint(11, 19)}.{rng.randint(0, 9)}",
                 bnp=str(rng.randint(420, 2400)), burden=str(rng.randint(6, 31)),
                 wtgain=str(rng.randint(6, 14)), hdays=str(rng.randint(15, 24)),
                 quit=str(rng.randint(2, 15)), ess=str(rng.randint(12, 19)),
                 ahi=str(rng.randint(18, 52)), ipss=str(rng.randint(17, 27)),
                 nstrep=str(rng.randint(7, 9)), pain=str(rng.randint(2, 7)),
                 rom1=str(rng.choice([0, 2, 3, 5])), rom2=str(rng.randint(95, 118)),
                 tug=f"{rng.randint(9, 16)}.{rng.randint(0, 9)}", odi=str(rng.randint(14, 34)),
                 berg=str(rng.randint(40, 50)),
                 dur=rng.choice(["three months", "six months", "several months", "a year",
                                 "two years", "eight weeks", "four months", "nine months",
                                 "six weeks", "18 months"]))

    def vitals_line(self):
        t = self.tok
        return (f"BP {t['bp']}  HR {t['hr']}  RR {t['rr']}  Temp {t['temp']} F  "
                f"SpO2 {t['spo2']}%  Wt {t['wt']} lb")

    def pmh(self, k=None):
        if self.child:
            got = self.sample(PMH_KID, k or self.rng.randint(1, 2))
            if len(got) > 1 and "no significant past history" in got:
                got.remove("no significant past history")
            return got
        pool = PMH_ADULT + (PMH_OLD if self.age >= 60 else [])
        if self.age < 40:
            pool = [p for p in pool if not re.search(
                r"kidney|remote tobacco|cholecyst|tremor|osteoarthritis|sleep apnea", p)]
        pool = [p for p in pool if not ("prostate" in p and not self.sexm)]
        return self.sample(pool, k or self.rng.randint(2 if self.age < 40 else 3,
                                                       3 if self.age < 40 else 6))

    def meds(self, k=None):
        if self.child:
            return self.sample(MEDS_KID, k or self.rng.randint(0, 3))
        pool = MEDS_ADULT
        if not self.sexm:
            pool = [m for m in pool if "tamsulosin" not in m]
        if self.age < 45:
            pool = [m for m in pool if not re.search(
                r"donepezil|apixaban|tamsulosin|insulin|carvedilol|furosemide|calcium|"
                r"allopurinol|aspirin|metoprolol", m)]
        elif self.age < 65:
            pool = [m for m in pool if "donepezil" not in m]
        hi = 4 if self.age < 45 else 8
        return self.sample(pool, k or self.rng.randint(1 if self.age < 45 else 3, hi))

    def allergies(self):
        return self.ch(ALLERGIES)

    def social(self):
        if self.child:
            rel = self.relative(self.ch(["mother", "father"]))
            grade = max(1, min(12, self.age - 5))
            g = {1: "1st", 2: "2nd", 3: "3rd"}.get(grade, f"{grade}th")
            if self.age < 5:
                return self.f(f"{{He}} lives at home with {{his}} parents and attends "
                              f"daycare. {{His}} {rel['rel']}, {rel['name']}, provides "
                              f"history today.")
            return self.f(f"{{He}} is in the {g} grade and lives with {{his}} "
                          f"{rel['rel']}, {rel['name']}. No tobacco smoke exposure at home.")
        occ = self.ch(OCCUPATIONS_M if self.sexm else OCCUPATIONS_F)
        if self.age < 55:
            occ = occ.replace("retired ", "")
        elif self.age > 68 and not occ.startswith("retired"):
            occ = "retired " + occ
        rel = self.relative()
        tob = self.ch(["Never smoker.", "Former smoker, quit {quit} years ago.",
                       "Smokes about half a pack per day.", "Never used tobacco.",
                       "Former smoker with a 20 pack-year history."])
        alc = self.ch(["Drinks alcohol socially.", "No alcohol use.",
                       "Two to three beers on weekends.", "Rare wine.",
                       "Denies alcohol or drug use."])
        if rel["rel"] in ("wife", "husband"):
            liv = f"lives with {{his}} {rel['rel']}, {rel['name']}"
        else:
            liv = self.ch([f"lives alone; {{his}} {rel['rel']} {rel['name']} lives nearby "
                           f"and helps with appointments",
                           f"lives with {{his}} {rel['rel']}, {rel['name']}"])
        return self.f(f"{{He}} is {an(occ)} and {liv}. {tob} {alc}")

    def family_hx(self):
        a = self.ch(["Father with coronary artery disease", "Mother with type 2 diabetes",
                     "Mother with breast cancer at 62", "Father with colon cancer at 70",
                     "Father deceased of stroke", "Mother with hypertension"])
        b = self.ch(["a brother with asthma", "a sister with hypothyroidism",
                     "no family history of early cardiac death",
                     "no known family history of cancer", "a sister with lupus"])
        return f"{a}; {b}."

# ================================================================ templates
SPEC_TITLE = {"Cardiology": "Cardiology", "Gastroenterology": "Gastroenterology",
              "Orthopedic Surgery": "Orthopaedic Surgery", "Neurology": "Neurology",
              "Pulmonology": "Pulmonary and Critical Care Medicine",
              "Sleep Medicine": "Sleep Medicine", "Endocrinology": "Endocrinology",
              "Nephrology": "Nephrology", "Rheumatology": "Rheumatology",
              "Dermatology": "Dermatology and Mohs Surgery",
              "Ophthalmology": "Ophthalmology", "Otolaryngology": "Otolaryngology",
              "Urology": "Urology", "Hematology/Oncology": "Medical Oncology",
              "Hematology": "Hematology", "General Surgery": "General Surgery",
              "Allergy and Immunology": "Allergy and Immunology",
              "Pediatrics": "Developmental Pediatrics",
              "Obstetrics and Gynecology": "Obstetrics and Gynecology",
              "Pain Management": "Interventional Pain Medicine",
              "Internal Medicine": "Internal Medicine", "Hospital Medicine": "Hospitalist",
              "Geriatrics": "Geriatric Medicine"}

RE_STYLES = [("re_comma", 24), ("re_caps", 15), ("label_lines", 14), ("one_line", 7),
             ("regarding", 12), ("re_multi", 10), ("slash", 5), ("pt", 3), ("none", 10)]


def store_sender(d):
    """Where a patient sends a fax from: a print shop, library, or a home machine."""
    rng = d.rng
    pr = d.practice("store", "Store")
    kind = rng.randint(0, 5)
    pr["name"] = [f"FedEx Office #{rng.randint(1000, 9999)}",
                  f"The UPS Store #{rng.randint(1000, 9999)}",
                  f"Staples #{rng.randint(100, 2999)}", "OfficeMax",
                  f"{pr['city']} Public Library", "HP OfficeJet"][kind]
    if kind == 5:
        pr["addr"] = None
        if d.pt.phone and rng.random() < 0.5:
            pr["fax"] = d.pt.phone
            d.mark("phone_as_fax")
        else:
            pr["fax"] = d.rand_phone()
        pr["fax_id"] = rng.choice(["HP OfficeJet", "FAX", "Brother MFC", ""]) or " "
    return pr


def salutation(d, prov):
    return d.ch([f"Dear {prov['dr']}:", f"Dear {prov['dr']},", f"Dear {prov['first']},",
                 "Dear Colleague:", f"Dear {prov['dr']}:", f"Dear Dr. {prov['last']} and staff,"])


def inside_address(d, prov, pr):
    if d.r() < 0.3:
        d.L(f"{prov['dr'] if prov['dr'].startswith('Dr') else prov['name']}")
        d.L(f"VIA FAX: {d.fmt_phone(pr['fax'])}")
    else:
        d.L(prov["name"])
        d.L(pr["name"])
        d.L(pr["addr"])
        d.L(f"{pr['city']}, {pr['state']} {pr['zip']}")
    d.L("")


def date_line(d):
    if d.r() < 0.8:
        d.L(d.dt(d.date))
    else:
        d.L(f"Date: {d.dt(d.date, 'mdY')}")
    d.L("")


def re_block(d, weights=RE_STYLES, extra=()):
    st = wchoice(d.rng, weights)
    if st == "none":
        return "none"
    d.Ls(d.idblock(st, extra=extra))
    d.L("")
    return st


def hpi_text(d, case, n=None):
    sents = case.get("hpi", [])
    if n and n < len(sents):
        keep = sorted(d.sample(range(len(sents)), n))
        sents = [sents[i] for i in keep]
    return " ".join(d.f(s) for s in sents)


def plan_items(d, case, n=None):
    items = case.get("plan", [])
    if n and n < len(items):
        keep = sorted(d.sample(range(len(items)), n))
        items = [items[i] for i in keep]
    return [d.f(s) for s in items]


def dos_date(d, lo=1, hi=10):
    return d.date - dt.timedelta(days=d.rng.randint(lo, hi))


def family_sentence(d):
    rel = d.relative()
    return d.ch([f"{{He}} was accompanied today by {{his}} {rel['rel']}, {rel['name']}, who "
                 f"contributed to the history.",
                 f"{{His}} {rel['rel']} {rel['name']} was present for the visit and asked "
                 f"appropriate questions.",
                 f"{rel['name']} ({rel['rel']}) joined the visit by phone."])


# ---------------------------------------------------------------- 1 consult
def t_consult(d):
    case = d.pick_case({"clinic"})
    spec = case["spec"]
    sender = d.practice("clinic", spec)
    d.sender = sender
    doc = d.provider("author", spec=SPEC_TITLE.get(spec, spec))
    partner = d.provider("partner", spec=SPEC_TITLE.get(spec, spec))
    pcp = d.provider("pcp")
    ours = d.practice("clinic", "Family Medicine")
    d.recip = ours
    d.doctitle = "Consultation"
    d.cont_styles = [1, 3, 4, 5, 0]
    d.letterhead(sender, providers=[doc["name"], partner["name"]])
    date_line(d)
    if d.r() < 0.65:
        inside_address(d, pcp, ours)
    st = re_block(d)
    d.L(salutation(d, pcp))
    d.L("")
    dos = dos_date(d)
    dosf = d.dt(dos)
    reason = d.f(case["reason"])
    dobp = "" if d.no_dob else f" (DOB {d.dob()})"
    if st == "none":
        op = d.ch([f"Thank you for referring {d.name('titlefull')}{dobp} for evaluation of "
                   f"{reason}. I saw {{him}} in consultation on {dosf}.",
                   f"Thank you for the kind referral of your patient, {d.name('full')}"
                   f"{dobp}, whom I had the pleasure of seeing in {spec.lower()} "
                   f"consultation on {dosf} for {reason}."])
    else:
        op = d.ch([f"Thank you for referring {{pt}} for evaluation of {reason}. I saw {{him}} "
                   f"in consultation on {dosf}.",
                   f"I had the pleasure of evaluating {{pt}} in our office on {dosf} at "
                   f"your request regarding {reason}.",
                   f"As you know, {{pt}} is a {{age}}-year-old {{man}} whom you referred for "
                   f"{reason}. I saw {{him}} on {dosf}.",
                   f"Thank you for asking me to see {{pt}}, a pleasant {{age}}-year-old "
                   f"{{man}} with {reason}."])
    d.P(op)
    headed = d.r() < 0.6
    if headed:
        d.H("HISTORY OF PRESENT ILLNESS:", hpi_text(d, case))
        if d.r() < 0.5:
            d.P(family_sentence(d))
        d.H("PAST MEDICAL HISTORY:", cap1(", ".join(d.pmh())) + ".")
        meds = d.meds()
        if meds:
            d.L("MEDICATIONS:")
            d.bullets(meds, style="dash")
            d.L("")
        d.H("ALLERGIES:", d.allergies())
        d.H("SOCIAL HISTORY:", d.social())
        if d.r() < 0.6:
            d.H("FAMILY HISTORY:", d.family_hx())
        if d.r() < 0.5:
            d.H("REVIEW OF SYSTEMS:", "A complete review of systems was obtained and is "
                "negative except as noted in the HPI.")
        d.L("PHYSICAL EXAMINATION:")
        d.P(d.vitals_line() + ". " + "General: alert, oriented, in no acute distress. " +
            " ".join(d.f(e) for e in case["exam"]))
        if case.get("data"):
            d.L(d.ch(["DATA REVIEWED:", "STUDIES:", "LABORATORY AND IMAGING:",
                      "DIAGNOSTIC DATA:"]))
            d.bullets([d.f(x) for x in case["data"]], style="dash")
            d.L("")
        d.H(d.ch(["IMPRESSION:", "ASSESSMENT:", "ASSESSMENT AND IMPRESSION:"]),
            d.f(case["assess"]))
        d.L(d.ch(["RECOMMENDATIONS:", "PLAN:", "RECOMMENDATIONS AND PLAN:"]))
        d.bullets(plan_items(d, case), style=d.ch(["num", "num", "paren", "dash"]))
        d.L("")
    else:
        h = hpi_text(d, case, 3)
        d.P("In brief, " + h[0].lower() + h[1:])
        d.P(f"{{His}} past medical history is notable for {join_and(d.pmh(3))}. "
            f"Medications include {join_and(d.meds(3) or ['no regular medications'])}. "
            f"Allergies: {d.allergies()}. {d.social()}")
        d.P(f"On examination, {d.vitals_line()}. " + " ".join(d.f(e) for e in case["exam"]) +
            " " + " ".join(d.f(x) for x in case.get("data", [])))
        d.P(f"My impression is {d.f(case['assess'])[0].lower()}{d.f(case['assess'])[1:]} "
            f"I have recommended the following: " +
            " ".join(f"({i}) {s}" for i, s in enumerate(plan_items(d, case, 4), 1)))
    if d.r() < 0.4:
        nurse = d.staff("nurse", "RN")
        d.P(f"Our nurse coordinator, {nurse['name']}, will contact {{him}} to arrange "
            f"scheduling. {{He}} knows to call sooner with any new or worsening symptoms.")
    d.P(d.ch(["Thank you for allowing me to participate in the care of this pleasant "
              "patient. I will keep you informed of {his} progress.",
              "Thank you again for this kind referral. Please do not hesitate to contact me "
              "with any questions.",
              "It is a pleasure to share in {his} care. I will see {him} back after the "
              "above is completed and will send you a copy of my note.",
              "Please feel free to call me directly with questions or concerns."]))
    d.esig(doc)
    d.L("")
    ccs = []
    if d.r() < 0.5:
        other = d.provider("other", spec=None)
        ccs.append(f"{other['name']}")
    if d.r() < 0.3:
        ccs.append("Patient")
    if ccs:
        d.cc(ccs)


# --------------------------------------------------------------- 2 followup
def t_followup(d):
    case = d.pick_case({"clinic"})
    spec = case["spec"]
    sender = d.practice("clinic", spec)
    d.sender = sender
    doc = d.provider("author", spec=SPEC_TITLE.get(spec, spec))
    pcp = d.provider("pcp")
    ours = d.practice("clinic", "Internal Medicine")
    d.recip = ours
    d.doctitle = "Follow-up"
    d.cont_styles = [1, 4, 5]
    d.letterhead(sender)
    date_line(d)
    if d.r() < 0.5:
        inside_address(d, pcp, ours)
    st = re_block(d, weights=RE_STYLES[:-1] + [("none", 22)])
    d.L(salutation(d, pcp))
    d.L("")
    dx = d.f(case["dx"])
    if st == "none":
        dobs = "" if d.no_dob else d.ch([f", date of birth {d.dob()},",
                                          f" (born {d.dob()})"])
        d.P(f"I saw {d.name('titlefull')}{dobs} back in the office today in follow-up of "
            f"{dx}.")
    else:
        d.P(d.ch([f"I saw {{pt}} today in follow-up of {dx}.",
                  f"I had the pleasure of seeing {{pt}} back in clinic today for {dx}.",
                  f"{{pt}} returns today for reassessment of {dx}."]))
    d.P(d.ch(["Since {his} last visit {he} has been doing reasonably well. ",
              "Interval history is notable for a brief upper respiratory illness, otherwise "
              "stable. ", "{He} reports partial improvement since the last visit. "]) +
        hpi_text(d, case, 2))
    if d.r() < 0.35:
        cover = d.provider("covering", spec=SPEC_TITLE.get(spec, spec))
        d.P(f"In the interim {{he}} was seen once by my partner, {cover['dr']}, for a phone "
            f"consultation regarding medication side effects.")
    d.P(d.ch(["Vital signs today: ", "On exam today: ", "Today: "]) + d.vitals_line() + ". " +
        d.f(d.ch(case["exam"])))
    d.P(f"Assessment: {d.f(case['assess'])}")
    d.P("Plan: " + " ".join(plan_items(d, case, 3)))
    if d.r() < 0.4:
        d.P(family_sentence(d))
    d.P(d.ch(["I will see {him} again in three months.", "Follow-up is scheduled in 6 to 8 "
              "weeks.", "We will see {him} back sooner as needed."]))
    d.esig(doc)


# --------------------------------------------------------------- 3 referral
def t_referral(d):
    case = d.pick_case({"clinic"})
    spec = case["spec"]
    sender = d.practice("clinic", d.ch(["Family Medicine", "Internal Medicine"]) if
                        not d.child else "Pediatrics")
    d.sender = sender
    pcp = d.provider("author", spec=None)
    spc = d.provider("specialist", spec=SPEC_TITLE.get(spec, spec))
    ours = d.practice("clinic", spec)
    d.recip = ours
    d.doctitle = "Referral"
    d.cont_styles = [1, 3, 4]
    d.letterhead(sender, providers=[pcp["name"]])
    if d.r() < 0.5:
        d.L(center(d.ch(["REFERRAL LETTER", "REQUEST FOR CONSULTATION", "PATIENT REFERRAL"])))
        d.L("")
    date_line(d)
    inside_address(d, spc, ours)
    form = d.r() < 0.5
    if form:
        d.L("PATIENT INFORMATION")
        rows = [("Name:", d.name(d.ch(["full", "LF", "lf"])))]
        if not d.no_dob:
            rows.append(("DOB:", d.dob()))
        rows.append(("Sex:", "Male" if d.sexm else "Female"))
        if d.r() < 0.8:
            a = d.address_lines()
            rows.append(("Address:", a[0]))
            rows.append(("", a[1]))
        if d.r() < 0.8:
            rows.append(("Phone:", d.phone()))
        ins = d.ch(INSURERS)
        rows.append(("Insurance:", ins))
        rows.append(("Member ID:", d.other("member ID", d.ch(["W", "XEH", "U", "ZG", "H"]) +
                                           d.digits(9))))
        if d.mrn():
            rows.append(("", d.mrn()))
        d.kv(rows, w=14, indent=2)
        d.L("")
        d.L(f"Reason for referral: {d.f(case['reason'])}")
        d.L(f"Diagnosis: {d.f(case['dx'])} ({case['icd']})")
        d.L(f"Urgency: {d.ch(['Routine', 'Routine', 'Urgent - within 2 weeks', 'Soon'])}")
        d.L("")
    else:
        re_block(d, weights=[("re_comma", 30), ("re_caps", 15), ("label_lines", 25),
                             ("re_multi", 15), ("regarding", 15)])
    d.L(salutation(d, spc))
    d.L("")
    d.P(d.ch([f"I am referring {{pt}}, a {{age}}-year-old {{man}}, for evaluation and "
              f"management of {d.f(case['reason'])}.",
              f"Thank you for seeing my patient {d.name('full')} for {d.f(case['reason'])}.",
              f"I would appreciate your evaluation of {{pt}} regarding {d.f(case['dx'])}."]))
    d.P(hpi_text(d, case))
    d.P(f"Past history includes {', '.join(d.pmh(4))}. Current medications: "
        f"{'; '.join(d.meds(5) or ['none'])}. Allergies: {d.allergies()}.")
    if case.get("data"):
        d.P("Pertinent results: " + " ".join(d.f(x) for x in case["data"][:2]))
    d.P(d.ch(["Recent office notes, labs, and imaging are enclosed. Please send your "
              "consultation note to my attention.",
              "I have enclosed the last two office notes and recent labs.",
              "Enclosed please find the patient's medication list, problem list, and most "
              "recent laboratory results."]))
    if d.r() < 0.4:
        rel = d.relative()
        d.P(f"{{His}} {rel['rel']}, {rel['name']}, is the best contact for scheduling and "
            f"can be reached at {d.fmt_phone(rel['phone'])}.")
    d.esig(pcp, closing=True)
    if d.r() < 0.5:
        ma = d.staff("referral coordinator")
        d.L("")
        d.L(f"Referral coordinator: {ma['name']}  Direct line {d.fmt_phone(d.rand_phone())}")
    if d.r() < 0.5:
        d.PBR()
        d.L("ENCLOSURE - CURRENT MEDICATION LIST")
        d.L("")
        d.Ls(d.idblock("one_line"))
        d.L("")
        for m in d.meds(8):
            d.L(f"  [ ] {m}")
        d.L("")
        d.L(f"Allergies: {d.allergies()}")
        d.L(f"Problem list: {'; '.join(d.pmh(4))}")


# ---------------------------------------------------------- 4 discharge summ
def t_discharge(d):
    case = d.pick_case({"hosp"})
    hosp = d.practice("hospital", case["spec"])
    d.sender = hosp
    att = d.provider("author", spec="Hospital Medicine")
    pcp = d.provider("pcp")
    ours = d.practice("clinic", "Family Medicine")
    d.recip = ours
    d.doctitle = "Discharge Summary"
    d.cont_styles = [2, 6, 3, 1]
    los = d.rng.randint(2, 7)
    dis = d.date - dt.timedelta(days=d.rng.randint(0, 3))
    adm = dis - dt.timedelta(days=los)
    d.letterhead(hosp, style=d.ch([0, 2, 4]), extra="Health Information Management")
    d.L(center(d.ch(["DISCHARGE SUMMARY", "HOSPITAL DISCHARGE SUMMARY",
                     "DISCHARGE SUMMARY - FINAL"])))
    d.L("")
    acct = d.other("hospital account/FIN", d.ch(["", "V", "A"]) + d.digits(9))
    extra = [("ADMIT DATE:", fdate(adm, "mdY")), ("DISCHARGE DATE:", fdate(dis, "mdY")),
             ("ATTENDING:", att["name"]), ("PCP:", pcp["name"])]
    if d.r() < 0.7:
        extra.insert(0, (d.ch(["ACCOUNT #:", "FIN:", "VISIT #:", "ENCOUNTER:"]), acct))
    if d.r() < 0.7:
        d.Ls(d.idblock("table", extra=extra))
    else:
        d.Ls(d.idblock("dictated", extra=[(a.rstrip(":"), b) for a, b in extra[:3]]))
    d.L("")
    d.H("DISCHARGE DIAGNOSIS:" if d.r() < 0.5 else "PRINCIPAL DIAGNOSIS:",
        cap1(d.f(case["dx"])) + ".")
    d.L("SECONDARY DIAGNOSES:")
    d.bullets([cap1(p) for p in d.pmh(4)], style="num")
    d.L("")
    if case.get("proc"):
        d.H("PROCEDURES:", d.f(case["proc"]["name"]) + f" on {fdate(adm + dt.timedelta(days=1), 'mdY')}.")
    if d.r() < 0.6:
        cs = {"pna": "Pulmonology", "cellulitis": "Infectious Disease", "hf": "Cardiology",
              "copd": "Pulmonology", "stroke": "Neurology", "hipfx": "Orthopaedic Surgery",
              "gibleed": "Gastroenterology", "panc": "Palliative Care"}.get(
                  case["key"], SPEC_TITLE.get(case["spec"], case["spec"]))
        c = d.provider("consultant", spec=cs)
        d.H("CONSULTATIONS:", f"{c['name']}, {cs}." + (
            " Physical therapy and case management." if d.r() < 0.4 else ""))
    d.L("HOSPITAL COURSE:")
    for para in case.get("course", []):
        d.P(para)
    if d.r() < 0.6:
        rel = d.relative()
        d.P(f"The plan of care was discussed with the patient and {{his}} {rel['rel']}, "
            f"{rel['name']}, who agrees with discharge.")
    d.H("CONDITION AT DISCHARGE:", d.ch(["Stable.", "Improved, stable.", "Fair."]))
    disp = d.ch(["Home with self-care.", "Home with home health services.",
                 "Skilled nursing facility for short-term rehabilitation.",
                 "Home with family."]) if case["key"] != "panc" else "Home with hospice."
    d.H("DISPOSITION:", disp)
    d.L("DISCHARGE MEDICATIONS:")
    meds = d.meds(d.rng.randint(5, 10))
    newm = {"pna": "amoxicillin-clavulanate 875 mg twice daily x 4 more days (NEW)",
            "cellulitis": "cephalexin 500 mg four times daily x 5 days (NEW)",
            "copd": "prednisone 40 mg daily x 3 more days (NEW)",
            "hf": "furosemide 40 mg twice daily (CHANGED)",
            "stroke": "clopidogrel 75 mg daily x 21 days (NEW)",
            "hipfx": "enoxaparin 40 mg subcutaneously daily x 4 weeks (NEW)",
            "gibleed": "pantoprazole 40 mg twice daily (NEW)",
            "panc": "morphine ER 15 mg every 12 hours (NEW)"}.get(case["key"])
    if newm:
        meds = [newm] + meds
    d.bullets(meds, style="num")
    d.L("")
    if case["key"] == "gibleed":
        d.L("STOP: naproxen and all NSAIDs.")
        d.L("")
    d.H("DIET:", d.ch(["Cardiac, 2 g sodium.", "Regular.", "Carbohydrate controlled.",
                       "Soft, advance as tolerated."]))
    d.H("ACTIVITY:", d.ch(["As tolerated.", "Weight bearing as tolerated with walker.",
                           "No driving until cleared."]))
    d.L("FOLLOW-UP:")
    d.bullets([f"{pcp['dr']} within 7 days ({d.fmt_phone(ours['phone'])}).",
               d.ch(["Repeat chest x-ray in 6 weeks.", "BMP in 1 week.",
                     "CBC in 1 week.", "Outpatient physical therapy."])], style="dash")
    d.L("")
    if d.r() < 0.5:
        d.H("PENDING RESULTS:", d.ch(["Final blood cultures.", "Surgical pathology.",
                                      "None."]))
    d.L("Total time spent on discharge: 38 minutes.")
    d.L("")
    d.esig(att, when=dis, closing=False)
    d.dictation_footer(att)
    d.cc([pcp["name"], d.ch(["", "Medical Records", ""])])

# ------------------------------------------------------------ 5 progress note
def t_progress(d):
    case = d.pick_case({"clinic"})
    spec = case["spec"]
    sender = d.practice("clinic", spec)
    d.sender = sender
    doc = d.provider("author", spec=SPEC_TITLE.get(spec, spec))
    pcp = d.provider("pcp")
    d.recip = d.practice("clinic", "Family Medicine")
    d.doctitle = "Progress Note"
    d.cont_styles = [2, 6, 1, 0]
    dos = dos_date(d, 0, 6)
    d.letterhead(sender, style=d.ch([0, 2, 3, 4]))
    d.L(center(d.ch(["PROGRESS NOTE", "OFFICE VISIT", "CLINIC NOTE", "FOLLOW-UP VISIT NOTE"])))
    d.L("")
    if d.r() < 0.55:
        d.Ls(d.idblock("dictated", extra=[("DOS", fdate(dos, "mdY"))]))
        d.L(f"PROVIDER: {doc['name']}   REFERRING: {pcp['name']}")
    else:
        d.Ls(d.idblock("table", extra=[("DATE OF SERVICE:", fdate(dos, "mdY")),
                                       ("PROVIDER:", doc["name"]),
                                       ("REFERRING MD:", pcp["name"])]))
    d.L("")
    d.H("CHIEF COMPLAINT:", cc_text(d.f(case["reason"])))
    soap = d.r() < 0.5
    d.H("SUBJECTIVE:" if soap else "HISTORY OF PRESENT ILLNESS:",
        f"{{pt}} is a {{age}}-year-old {{man}} seen today for {d.f(case['dx'])}. " +
        hpi_text(d, case))
    if d.r() < 0.4:
        d.P(family_sentence(d))
    if not soap:
        d.H("CURRENT MEDICATIONS:", "; ".join(d.meds() or ["None"]) + ".")
        d.H("ALLERGIES:", d.allergies())
        d.H("REVIEW OF SYSTEMS:", d.ch([
            "Constitutional: no fever or weight loss. Cardiovascular and respiratory as "
            "per HPI. GI: no nausea or bleeding. All other systems reviewed and negative.",
            "Negative except as noted above.",
            "Ten-point review of systems otherwise negative."]))
    d.H("OBJECTIVE:" if soap else "PHYSICAL EXAM:", d.vitals_line() + ". " +
        " ".join(d.f(e) for e in case["exam"]))
    if case.get("data"):
        d.H("RESULTS:", " ".join(d.f(x) for x in case["data"]))
    d.H("ASSESSMENT:", f"{d.f(case['assess'])} ({case['icd']})")
    d.L("PLAN:")
    d.bullets(plan_items(d, case), style=d.ch(["num", "dash"]))
    d.L("")
    d.P(d.ch(["Return to clinic in 3 months or sooner if needed.",
              "Patient verbalized understanding and agrees with the plan.",
              "Over 50% of this 30-minute visit was spent in counseling and coordination."]))
    d.esig(doc, when=dos, closing=False)
    if d.r() < 0.5:
        d.dictation_footer(doc)
    d.cc([pcp["name"]])


# ------------------------------------------------------------ 6 op report
def t_operative(d):
    case = d.pick_case({"proc"})
    pr = case["proc"]
    hosp = d.practice(d.ch(["hospital", "clinic"]), case["spec"],
                      name=None)
    if hosp["kind"] == "clinic":
        hosp["name"] = d.ch([f"{hosp['place']} Surgery Center", f"{hosp['place']} Ambulatory "
                             f"Surgery Center, LLC", f"{hosp['city']} Outpatient Surgical "
                             f"Center"])
    d.sender = hosp
    surg = d.provider("author", spec=SPEC_TITLE.get(case["spec"], case["spec"]))
    asst = d.staff("assistant", d.ch(["PA-C", "RNFA", "PA-C"]))
    anes = d.provider("anesthesia", spec="Anesthesiology")
    pcp = d.provider("pcp")
    d.recip = d.practice("clinic", "Family Medicine")
    d.doctitle = "Operative Report"
    d.cont_styles = [2, 6, 3]
    dos = dos_date(d, 0, 5)
    d.letterhead(hosp, style=d.ch([0, 2, 4]))
    d.L(center(d.ch(["OPERATIVE REPORT", "OPERATIVE NOTE", "PROCEDURE NOTE",
                     "BRIEF OPERATIVE NOTE / OPERATIVE REPORT"])))
    d.L("")
    d.Ls(d.idblock(d.ch(["table", "table", "dictated"]),
                   extra=[("DATE OF SURGERY" if d.r() < 0.5 else "DATE OF PROCEDURE",
                           fdate(dos, "mdY"))] if True else []))
    d.L("")
    dx = cap1(d.f(case["dx"]))
    rows = [("SURGEON:", surg["name"]), ("ASSISTANT:", asst["name"]),
            ("ANESTHESIOLOGIST:", anes["name"]),
            ("PREOPERATIVE DIAGNOSIS:", dx), ("POSTOPERATIVE DIAGNOSIS:", "Same"),
            ("PROCEDURE PERFORMED:", d.f(pr["name"])), ("ANESTHESIA:", pr["anesthesia"]),
            ("ESTIMATED BLOOD LOSS:", pr["ebl"]), ("SPECIMENS:", pr["specimens"]),
            ("IMPLANTS:", pr["implants"]), ("COMPLICATIONS:", "None apparent"),
            ("DRAINS:", d.ch(["None", "None", "Foley catheter"]))]
    for a, b in rows:
        txt = f"{a} {d.f(b)}"
        d.P(txt, blank=False)
    d.L("")
    d.L("INDICATIONS:")
    d.P(f"{{pt}} is a {{age}}-year-old {{man}} with {d.f(case['dx'])}. " +
        hpi_text(d, case, 2) + " Risks, benefits, and alternatives were discussed, "
        "questions were answered, and informed consent was signed.")
    d.H("FINDINGS:", d.f(pr["findings"]))
    d.L("DESCRIPTION OF PROCEDURE:")
    d.P("The patient was identified in the preoperative holding area, the operative site "
        "was marked, and {he} was brought to the operating room. After induction of "
        "anesthesia, a surgical time-out was completed confirming patient identity, "
        "procedure, and site.")
    for s in pr["steps"]:
        d.P(s)
    d.P("All counts were reported correct at the end of the case. The patient tolerated the "
        "procedure well and was taken to the recovery area in stable condition.")
    d.H("DISPOSITION:", d.ch(["PACU, then discharge home when criteria are met.",
                              "PACU in stable condition; admit for overnight observation.",
                              "Recovery room, stable."]))
    d.H("POSTOPERATIVE PLAN:", d.ch([
        "Follow up in clinic in 10 to 14 days. Prescriptions sent to pharmacy.",
        "Resume home medications. Follow up in 2 weeks for wound check and pathology.",
        "Activity as instructed on the discharge sheet. Call for fever over 101."]))
    d.esig(surg, when=dos, closing=False)
    d.dictation_footer(surg)
    d.cc([pcp["name"], d.ch(["", "Referring physician"])])


# ------------------------------------------------------------ 7 H&P
def t_hp(d):
    case = d.pick_case({"hosp", "proc"})
    hosp = d.practice("hospital", case["spec"])
    d.sender = hosp
    adm = d.provider("author", spec=d.ch(["Hospital Medicine", "Internal Medicine"]))
    pcp = d.provider("pcp")
    d.recip = d.practice("clinic", "Family Medicine")
    d.doctitle = "History and Physical"
    d.cont_styles = [2, 6, 3]
    dos = dos_date(d, 0, 4)
    pre = "proc" in case["kinds"] and "hosp" not in case["kinds"]
    d.letterhead(hosp, style=d.ch([0, 2, 4]))
    d.L(center("PREOPERATIVE HISTORY AND PHYSICAL" if pre else
               d.ch(["ADMISSION HISTORY AND PHYSICAL", "HISTORY AND PHYSICAL", "H&P"])))
    d.L("")
    room = f"{d.rng.randint(2, 8)}{d.rng.randint(10, 60):02d}-{d.ch('AB')}"
    d.Ls(d.idblock(d.ch(["table", "dictated"]),
                   extra=[("DATE OF ADMISSION" if not pre else "DATE", fdate(dos, "mdY")),
                          ("ROOM", room), ("ATTENDING", adm["name"])]))
    d.L("")
    d.H("CHIEF COMPLAINT:", cc_text(d.f(case["reason"])))
    d.L("HISTORY OF PRESENT ILLNESS:")
    hp = hpi_text(d, case) or " ".join(d.f(c) for c in case.get("course", [])[:1])
    d.P(f"{{pt}} is a {{age}}-year-old {{man}} with a history of {', '.join(d.pmh(3))} who "
        f"presents with {d.f(case['reason'])}. " + hp)
    if d.r() < 0.5:
        rel = d.relative()
        d.P(f"History was obtained from the patient and {{his}} {rel['rel']}, {rel['name']}, "
            f"at the bedside.")
    d.H("PAST MEDICAL HISTORY:", "; ".join(cap1(p) for p in d.pmh()) + ".")
    d.H("PAST SURGICAL HISTORY:", d.ch(["Appendectomy remotely.", "Cholecystectomy.",
                                        "Tonsillectomy as a child.", "None.",
                                        "Cesarean section x2." if not d.sexm else
                                        "Right inguinal hernia repair."]))
    d.H("MEDICATIONS:", "; ".join(d.meds() or ["None"]) + ".")
    d.H("ALLERGIES:", d.allergies())
    d.H("SOCIAL HISTORY:", d.social())
    d.H("FAMILY HISTORY:", d.family_hx())
    d.H("REVIEW OF SYSTEMS:", "Pertinent positives as in HPI; a 12-point review is "
        "otherwise negative.")
    d.L("PHYSICAL EXAMINATION:")
    d.kv([("Vitals:", d.vitals_line()),
          ("General:", d.ch(["Alert, no acute distress.", "Uncomfortable but nontoxic.",
                             "Elderly, frail-appearing, awake and conversant."])),
          ("HEENT:", "Normocephalic, atraumatic. Mucous membranes moist."),
          ("Neck:", "Supple, no lymphadenopathy."),
          ("Cardiac:", d.ch(["Regular rate and rhythm.", "Irregularly irregular."])),
          ("Lungs:", d.ch(["Clear bilaterally.", "Crackles at the right base.",
                           "Diffuse wheezes."])),
          ("Abdomen:", "Soft, nontender, nondistended."),
          ("Extremities:", d.ch(["No edema.", "Trace edema bilaterally."])),
          ("Neuro:", "Alert and oriented x3, no focal deficits.")], w=14, indent=2)
    d.L("")
    d.H("LABORATORY DATA:", f"WBC {d.tok['wbc']}, hemoglobin {d.tok['hgb']}, sodium "
        f"{d.tok['na']}, potassium {d.tok['k']}, creatinine {d.tok['cr']}.")
    d.H("ASSESSMENT AND PLAN:", f"{cap1(d.f(case['dx']))}.")
    items = plan_items(d, case, 3) or [d.f(c) for c in case.get("course", [])[1:3]]
    items += ["DVT prophylaxis with enoxaparin.", f"Code status: {d.ch(['Full code', 'DNR/DNI', 'Full code']) if d.age > 75 else 'Full code'}.",
              f"Disposition: anticipate discharge in {d.rng.randint(2, 4)} days."]
    d.bullets(items, style="num")
    d.L("")
    d.esig(adm, when=dos, closing=False)
    d.cc([pcp["name"]])


# ------------------------------------------------------------ 8 PT
def t_pt(d):
    cands = [c for c in PT_CASES if c["age"][0] <= d.age <= c["age"][1]] or PT_CASES
    pc = d.ch(cands)
    d.notes.append(f"clinical: {pc['key']}")
    clinic = d.practice("clinic", "Physical Therapy")
    clinic["name"] = d.ch([f"{clinic['place']} Physical Therapy", f"{clinic['place']} Rehab "
                           f"& Sports Medicine", f"Active Life Physical Therapy - "
                           f"{clinic['city']}", f"{clinic['place']} Outpatient Rehabilitation",
                           f"ProMotion PT of {clinic['city']}"])
    d.sender = clinic
    pt_ = d.staff("author", d.ch(["PT, DPT", "DPT", "PT, DPT, OCS", "MPT"]))
    ref = d.provider("referring")
    d.recip = d.practice("clinic", "Orthopedic Surgery")
    d.doctitle = "PT Progress Note"
    d.cont_styles = [1, 2, 3, 0]
    d.letterhead(clinic, style=d.ch([1, 3, 0]))
    title = d.ch(["PHYSICAL THERAPY PROGRESS NOTE", "PROGRESS REPORT / RE-CERTIFICATION",
                  "PHYSICAL THERAPY PLAN OF CARE UPDATE", "PT RE-EVALUATION"])
    d.L(title)
    d.L("")
    onset = d.date - dt.timedelta(days=d.rng.randint(30, 120))
    visit = d.rng.randint(6, 18)
    rows = d.idblock(d.ch(["label_lines", "one_line", "table"]),
                     extra=[("Referring Physician", ref["name"]) if d.r() < 0.5 else
                            ("Referring MD", ref["dr"])])
    d.Ls(rows)
    d.L(f"Diagnosis: {d.f(pc['dx'])}   ICD-10: {pc['icd']}")
    d.L(f"Date of initial evaluation: {fdate(onset, 'mdY')}   Visit # {visit} of "
        f"{visit + d.rng.randint(4, 12)}   Date: {fdate(d.date, 'mdY')}")
    d.L("")
    d.H("SUBJECTIVE:", d.f(pc["subj"]))
    d.L("OBJECTIVE:")
    d.bullets([d.f(o) for o in pc["obj"]], style="dash")
    d.L("")
    d.H("ASSESSMENT:", d.ch([
        "{pt} is making good progress toward goals with improved mobility and decreased "
        "pain. Continued skilled therapy is indicated to address remaining deficits in "
        "strength, range of motion, and functional tolerance.",
        "Patient demonstrates steady gains but continues to present with impairments "
        "limiting function. Rehab potential is good."]))
    d.L("GOALS:")
    d.bullets([d.f(g) for g in pc["goals"]], style="num")
    d.L("")
    freq = d.ch(["2x/week for 6 weeks", "3x/week for 4 weeks", "2x/week for 4 weeks"])
    d.H("PLAN:", f"Continue skilled PT {freq}: therapeutic exercise (97110), manual therapy "
        f"(97140), neuromuscular re-education (97112), gait training (97116), and "
        f"therapeutic activities (97530). Progress home exercise program.")
    d.L("")
    d.L(f"Therapist: {pt_['name']}   License # {d.other('PT license', 'PT' + d.digits(6))}")
    d.L(f"Date: {fdate(d.date, 'mdY')}")
    d.L("")
    d.L("PHYSICIAN CERTIFICATION")
    d.P("I have reviewed this plan of care and certify a continuing need for the services "
        f"described. Certification period {fdate(d.date, 'mdY')} through "
        f"{fdate(d.date + dt.timedelta(days=42), 'mdY')}.")
    d.L("Physician signature: ______________________________  Date: __________")
    d.L(f"Printed name: {ref['name']}   NPI: {d.other('NPI', ref['npi'])}")
    d.L("")
    d.P(f"Please sign and fax back to {d.fmt_phone(clinic['fax'])}. Thank you.")


# ------------------------------------------------------------ 9 refill
def t_refill(d):
    case = d.pick_case({"refill", "pa"})
    rx = case.get("rx") or dict(drug="atorvastatin 40 mg tablet", sig="1 tablet nightly",
                                qty="90", tried="")
    rng = d.rng
    nstore = rng.randint(1000, 19999)
    phname = rng.choice(PHARMACIES).format(n=nstore, place=rng.choice(PLACES))
    ph = d.practice("pharmacy", "Pharmacy", name=phname)
    d.sender = ph
    pres = d.provider("prescriber", spec=SPEC_TITLE.get(case["spec"], case["spec"]))
    d.recip = d.practice("clinic", case["spec"])
    d.doctitle = "Refill Request"
    d.cont_styles = [0]
    rph = d.staff("pharmacist", d.ch(["PharmD", "RPh"]))
    d.letterhead(ph, style=d.ch([1, 3]), extra=f"NCPDP {d.other('NCPDP', d.digits(7))}")
    d.L(center(d.ch(["REFILL AUTHORIZATION REQUEST", "PRESCRIPTION RENEWAL REQUEST",
                     "*** REFILL REQUEST - PLEASE RESPOND BY FAX ***"])))
    d.L("")
    d.L(f"To: {pres['name']}        Fax: {d.fmt_phone(d.recip['fax'])}")
    d.L(f"From: {ph['name']}, {rph['name']}")
    d.L(f"Date: {fdate(d.date, 'mdY')}  {rng.randint(8, 11)}:{rng.randint(0, 59):02d} AM")
    d.L("")
    d.L("PATIENT")
    rows = [("Name:", d.name(d.ch(["LF", "full", "lf"])))]
    if not d.no_dob:
        rows.append(("DOB:", d.dob()))
    if rng.random() < 0.6:
        rows.append(("Address:", d.address_one()))
    if rng.random() < 0.7:
        rows.append(("Phone:", d.phone()))
    if d.mrn():
        rows.append(("Ref:", d.mrn()))
    d.kv(rows, w=11, indent=2)
    d.L("")
    last = d.date - dt.timedelta(days=rng.randint(25, 95))
    orig = last - dt.timedelta(days=rng.randint(200, 360))
    d.L("PRESCRIPTION")
    d.kv([("Rx #:", d.other("Rx number", d.digits(7))),
          ("Drug:", rx["drug"]), ("Sig:", rx["sig"]), ("Qty:", rx["qty"]),
          ("Days supply:", rng.choice(["30", "90"])),
          ("Original date:", fdate(orig, "mdY")), ("Last filled:", fdate(last, "mdY")),
          ("Refills left:", "0")], w=15, indent=2)
    d.L("")
    d.L("PRESCRIBER")
    d.kv([("Name:", pres["name"]), ("NPI:", d.other("NPI", pres["npi"])),
          ("DEA:", d.other("DEA", pres["dea"]))], w=11, indent=2)
    d.L("")
    d.L("[ ] APPROVED   Number of refills: ____     [ ] APPROVED WITH CHANGES (see below)")
    d.L("[ ] DENIED - patient needs appointment     [ ] DENIED - no longer patient of practice")
    d.L("[ ] DENIED - therapy discontinued")
    d.L("")
    d.L("Changes/comments: ____________________________________________________________")
    d.L("")
    d.L("Prescriber signature: ______________________________   Date: ____________")
    d.L("")
    if rng.random() < 0.5:
        d.P(d.ch(["Patient requested this refill through our automated line.",
                  "Patient states they have 3 days of medication left. Please respond ASAP.",
                  "Insurance requires a 90-day supply; please authorize quantity 90."]))
    d.P(f"Please fax response to {d.fmt_phone(ph['fax'])} or call {d.fmt_phone(ph['phone'])}. "
        "This request is not valid for controlled substances unless signed by the prescriber.")


# ------------------------------------------------------------ 10 PA form
def t_pa_form(d):
    case = d.pick_case({"pa"})
    rx = case.get("rx")
    if not rx:
        rx = dict(drug="semaglutide (Ozempic) pen", sig="weekly", qty="1", tried="metformin")
    rng = d.rng
    pbm = rng.choice(PBMS)
    insr = d.practice("insurer", "Pharmacy", name=f"{pbm} Prior Authorization Department")
    d.sender = insr
    pres = d.provider("prescriber", spec=SPEC_TITLE.get(case["spec"], case["spec"]))
    d.recip = d.practice("clinic", case["spec"])
    d.doctitle = "Prior Authorization"
    d.cont_styles = [2, 6, 0]
    d.letterhead(insr, style=d.ch([0, 2]))
    d.L(center(d.ch(["PRIOR AUTHORIZATION REQUEST - PRESCRIBER ACTION REQUIRED",
                     "MEDICATION PRIOR AUTHORIZATION FORM",
                     "COVERAGE DETERMINATION REQUEST"])))
    d.L("")
    case_id = d.other("PA case ID", rng.choice(["PA-", "", "C"]) + d.digits(8))
    d.L(f"Case ID: {case_id}          Date sent: {fdate(d.date, 'mdY')}")
    d.L(f"Please respond within 72 hours. Fax completed form to {d.fmt_phone(insr['fax'])}.")
    d.L("")
    d.L("MEMBER INFORMATION")
    mid = d.other("member ID", rng.choice(["", "W", "ZXP", "9"]) + d.digits(rng.choice([9, 10])))
    rows = [("Member name:", d.name(d.ch(["LF", "full"]))), ("Member ID:", mid),
            ("Group #:", d.other("group number", rng.choice(["", "G"]) + d.digits(6))),
            ("Plan:", rng.choice(INSURERS))]
    if not d.no_dob:
        rows.insert(1, ("Date of birth:", d.dob()))
    if rng.random() < 0.3:
        rows.append(("Phone:", d.phone()))
    d.kv(rows, w=16, indent=2)
    d.L("")
    d.L("PRESCRIBER INFORMATION")
    d.kv([("Name:", pres["name"]), ("NPI:", d.other("NPI", pres["npi"])),
          ("Phone:", d.fmt_phone(d.recip["phone"])), ("Fax:", d.fmt_phone(d.recip["fax"]))],
         w=16, indent=2)
    d.L("")
    d.L("MEDICATION REQUESTED")
    d.kv([("Drug/strength:", rx["drug"]), ("Directions:", rx["sig"]), ("Quantity:", rx["qty"]),
          ("Diagnosis/ICD-10:", f"{d.f(case['dx'])} / {case['icd']}")], w=19, indent=2)
    d.L("")
    d.L("CLINICAL QUESTIONS")
    qs = ["1. Has the patient tried and failed formulary alternatives? [X] Yes  [ ] No",
          f"   If yes, list agents, dates, and outcomes: {rx.get('tried') or '____'}",
          "2. Is the medication prescribed by or in consultation with a specialist?"
          " [X] Yes [ ] No",
          "3. Please attach chart notes and relevant lab results supporting medical"
          " necessity.",
          "4. Is this request for continuation of therapy?  [ ] Yes  [X] No",
          "5. Expedited review required (waiting could seriously jeopardize health)?"
          "  [ ] Yes  [X] No"]
    for q in qs:
        d.L(q)
    d.L("")
    d.L("I attest that the information provided is accurate and supported by the medical")
    d.L("record.")
    d.L("")
    d.L(f"Prescriber signature: /s/ {pres['short']}        Date: {fdate(d.date, 'mdY')}")
    d.L("")
    d.P("CONFIDENTIAL: This form contains protected health information. If received in "
        f"error, call {d.fmt_phone(insr['phone'])} and destroy all copies.")


# ------------------------------------------------------------ 11 LMN / appeal
def t_lmn(d):
    case = d.pick_case({"pa", "proc"})
    spec = case["spec"]
    sender = d.practice("clinic", spec)
    d.sender = sender
    doc = d.provider("author", spec=SPEC_TITLE.get(spec, spec))
    pcp = d.provider("pcp")
    insurer = d.ch(INSURERS)
    d.recip = d.practice("clinic", "Family Medicine")
    d.doctitle = "Letter of Medical Necessity"
    d.cont_styles = [1, 4, 5]
    what = service_of(d, case)
    d.letterhead(sender)
    date_line(d)
    d.L(f"{insurer}")
    d.L(d.ch(["Attn: Utilization Management / Appeals", "Attn: Pharmacy Prior Authorization",
              "Attn: Medical Director, Grievances and Appeals"]))
    d.L(f"Fax: {d.fmt_phone(d.rand_phone())}")
    d.L("")
    mid = d.other("member ID", d.ch(["", "J", "YRX"]) + d.digits(9))
    ref = d.other("denial reference #", d.ch(["", "UM", "A"]) + d.digits(8))
    lines = [f"RE: {d.ch(['Letter of Medical Necessity', 'Appeal of Denial', 'Request for Reconsideration'])}",
             f"Patient: {d.name(d.ch(['full', 'fl']))}"]
    if not d.no_dob:
        lines.append(f"Date of Birth: {d.dob()}")
    lines.append(f"Member ID: {mid}")
    if d.r() < 0.6:
        lines.append(f"Reference #: {ref}")
    lines.append(f"Requested: {what}")
    if d.mrn():
        lines.append(d.mrn())
    d.Ls(lines)
    d.L("")
    d.L(d.ch(["To Whom It May Concern:", "Dear Medical Director:", "Dear Reviewer:"]))
    d.L("")
    d.P(f"I am writing on behalf of my patient, {d.name('full')}, to request "
        f"{d.ch(['coverage of', 'reconsideration of the denial for', 'authorization of'])} "
        f"{what} for the treatment of {d.f(case['dx'])} (ICD-10 {case['icd']}).")
    d.P("{pt} is a {age}-year-old {man} under my care. " + hpi_text(d, case))
    if case.get("rx") and case["rx"].get("tried"):
        d.P(f"{{He}} has tried and failed {case['rx']['tried']}. Continued use of less "
            f"effective therapy places {{him}} at risk of disease progression, "
            f"hospitalization, and loss of function.")
    if case.get("data"):
        d.P("Objective findings supporting this request include: " +
            " ".join(d.f(x) for x in case["data"]))
    d.P(d.ch(["This treatment is consistent with current specialty society guidelines and "
              "is medically necessary. I respectfully request that you approve it.",
              "In my professional opinion the requested service is medically necessary and "
              "there is no equally effective, less costly alternative appropriate for this "
              "patient.",
              "I would welcome a peer-to-peer discussion if additional information is "
              "needed."]))
    d.P(f"Please contact my office at {d.fmt_phone(sender['phone'])} with any questions.")
    d.esig(doc)
    d.L("")
    d.L("Enclosures: office notes, laboratory results")
    d.cc([pcp["name"], d.ch(["Patient", ""])])


# ------------------------------------------------------------ 12/13 insurer letters
def insurer_head(d):
    ins = d.ch(INSURERS)
    pr = d.practice("insurer", "Insurance", name=ins)
    pr["addr"] = d.ch([f"P.O. Box {d.rng.randint(1000, 99999)}",
                       f"{d.rng.randint(100, 9999)} Corporate Center Dr"])
    d.sender = pr
    return pr


def member_block(d, mid, extra):
    rows = [("Member:", d.name(d.ch(["full", "fl", "LF"]))), ("Member ID:", mid)]
    if not d.no_dob:
        rows.append(("Date of Birth:", d.dob()))
    rows += extra
    if d.r() < 0.5:
        d.kv(rows, w=20)
    else:
        for a, b in rows:
            d.L(f"{a} {b}")
    d.L("")


def t_denial(d):
    case = d.pick_case({"pa", "proc"})
    ins = insurer_head(d)
    prov = d.provider("requesting", spec=SPEC_TITLE.get(case["spec"], case["spec"]))
    md = d.provider("medical director", cred="MD")
    d.recip = d.practice("clinic", case["spec"])
    d.doctitle = "Adverse Determination"
    d.cont_styles = [1, 2, 6]
    d.letterhead(ins, style=d.ch([0, 1, 2]))
    d.L(center(d.ch(["NOTICE OF ADVERSE BENEFIT DETERMINATION", "NOTICE OF DENIAL OF "
                     "MEDICAL COVERAGE", "PRIOR AUTHORIZATION DECISION: NOT APPROVED"])))
    d.L("")
    date_line(d)
    to_member = d.r() < 0.5
    if to_member:
        d.L(d.name(d.ch(["full", "FLU"])))
        d.Ls(d.address_lines())
        d.L("")
        d.L(f"Provider copy: {prov['name']}  Fax {d.fmt_phone(d.recip['fax'])}")
    else:
        d.L(prov["name"])
        d.L(d.recip["name"])
        d.L(f"Fax: {d.fmt_phone(d.recip['fax'])}")
    d.L("")
    mid = d.other("member ID", d.ch(["", "U", "MX", "K"]) + d.digits(d.ch([9, 10, 11])))
    service = service_of(d, case)
    extra = [("Reference #:", d.other("reference #", d.digits(10, True))),
             ("Service requested:", service[:66]),
             ("Requesting provider:", prov["name"])]
    if d.r() < 0.5:
        extra.insert(1, ("Claim #:", d.other("claim #", d.ch(["E", "25", "CLM"]) + d.digits(9))))
    member_block(d, mid, extra)
    greet = f"Dear {d.name('titlefull')}:" if to_member else f"Dear {prov['dr']}:"
    d.L(greet)
    d.L("")
    d.P(f"We reviewed the request for {service} received on "
        f"{d.dt(d.date - dt.timedelta(days=d.rng.randint(3, 12)))}. After review by a "
        f"physician reviewer, we are unable to approve this request.")
    d.P("Reason for denial: " + d.ch([
        "The clinical information submitted does not show that the member has tried and "
        "failed at least two formulary alternatives for an adequate trial period, as "
        "required by our coverage policy.",
        "The records provided do not document at least 6 weeks of conservative therapy, "
        "including physical therapy, within the past 6 months.",
        "The requested service is considered not medically necessary based on the "
        "information provided. InterQual criteria were not met.",
        "Documentation of a specialist evaluation and baseline laboratory results was not "
        "included with the request."]))
    d.P("This decision was based on our medical policy and the member's benefit plan. You "
        "may request a copy of the criteria used, free of charge.")
    d.L("YOUR RIGHT TO APPEAL")
    d.P("You or your provider may request an appeal within 180 days of the date of this "
        "notice. An expedited appeal may be requested if waiting could seriously harm the "
        f"member's health. Your provider may also request a peer-to-peer discussion by calling "
        f"{d.fmt_phone(ins['phone'])} within 14 days.")
    d.P("Send written appeals to: Appeals Department, " + ins["addr"] + ", " +
        f"{ins['city']}, {ins['state']} {ins['zip']}.")
    d.L("Sincerely,")
    d.L("")
    d.L(f"{md['name']}")
    d.L("Medical Director, Utilization Management")
    d.L("")
    d.P("If you need this letter in another language or format, call Member Services at the "
        "number on the back of your ID card (TTY 711).")


def t_approval(d):
    case = d.pick_case({"pa", "proc"})
    ins = insurer_head(d)
    prov = d.provider("requesting", spec=SPEC_TITLE.get(case["spec"], case["spec"]))
    d.recip = d.practice("clinic", case["spec"])
    d.doctitle = "Authorization"
    d.cont_styles = [1, 2]
    d.letterhead(ins, style=d.ch([0, 3, 4]))
    d.L(d.ch(["AUTHORIZATION APPROVAL NOTICE", "PRIOR AUTHORIZATION APPROVED",
              "Notice of Approved Services"]))
    d.L("")
    date_line(d)
    d.L(f"To: {prov['name']}   Fax: {d.fmt_phone(d.recip['fax'])}")
    d.L(f"From: Utilization Management, {ins['name']}")
    d.L("")
    mid = d.other("member ID", d.ch(["", "H", "Q"]) + d.digits(d.ch([9, 11])))
    auth = d.other("authorization #", d.ch(["", "A", "AUTH"]) + d.digits(9))
    start = d.date
    end = start + dt.timedelta(days=d.ch([90, 180, 365]))
    service = service_of(d, case)
    if d.r() < 0.5:
        member_block(d, mid, [("Authorization #:", auth)])
    else:
        d.Ls(d.idblock(d.ch(["re_multi", "label_lines"]),
                       extra=[("Member ID", mid), ("Auth #", auth)]))
        d.L("")
    is_proc = bool(case.get("proc")) and service == d.f(case["proc"]["name"])
    d.P(f"The following request has been APPROVED: {service}.")
    d.kv([("Diagnosis:", f"{case['icd']} {d.f(case['dx'])}"[:70]),
          ("Approved units:", "1 procedure" if is_proc else
           d.ch(["12 fills", "6 fills", "26 doses"])),
          ("Effective:", f"{fdate(start, 'mdY')} through {fdate(end, 'mdY')}"),
          ("Place of service:", d.ch(["Outpatient hospital", "Ambulatory surgery center"])
           if is_proc else
           d.ch(["Retail/specialty pharmacy", "Specialty pharmacy"]))], w=19,
         indent=2)
    d.L("")
    d.P("Authorization is not a guarantee of payment. Benefits are subject to the member's "
        "eligibility on the date of service and the terms of the plan. Please reference the "
        "authorization number on all claims.")
    d.L(f"Questions: Provider Services {d.fmt_phone(ins['phone'])}")
    d.L(f"Reviewer: {d.staff('reviewer', 'RN')['name']}, Utilization Review Nurse")

def service_of(d, case):
    if case.get("proc") and (not case.get("rx") or d.r() < 0.5):
        return d.f(case["proc"]["name"])
    if case.get("rx"):
        return case["rx"]["drug"]
    return f"specialty evaluation and management of {d.f(case['dx'])}"


def ssn4(d):
    v = d.digits(4, lead_nonzero=False)
    d.other("SSN last 4", v)
    return f"XXX-XX-{v}"


def signed_name(d):
    """How the patient signs: the name as it would be written."""
    return d.ch([d.name("fl"), d.name("full"), d.name("fl")])


# ------------------------------------------------------------ 14 release
def t_release(d):
    ours = d.practice("clinic", d.ch(["Family Medicine", "Internal Medicine", "Cardiology"]))
    d.recip = ours
    dest = d.practice("clinic", d.ch(["Family Medicine", "Orthopedic Surgery", "Neurology"]))
    d.sender = dest if d.r() < 0.6 else store_sender(d)
    d.doctitle = "Authorization"
    d.cont_styles = [3, 4, 0]
    if d.sender is dest:
        d.letterhead(dest, style=d.ch([1, 3]))
    d.L(center(d.ch(["AUTHORIZATION FOR RELEASE OF PROTECTED HEALTH INFORMATION",
                     "AUTHORIZATION TO DISCLOSE HEALTH INFORMATION (HIPAA)",
                     "PATIENT REQUEST FOR MEDICAL RECORDS"])))
    d.L("")
    rows = [("Patient name:", d.name(d.ch(["full", "fl", "lf"])))]
    if not d.no_dob:
        rows.append(("Date of birth:", d.dob()))
    if d.r() < 0.8:
        rows.append(("Address:", d.address_one()))
    if d.r() < 0.7:
        rows.append(("Phone:", d.phone()))
    if d.r() < 0.25:
        rows.append(("SSN (last 4):", ssn4(d)))
    if d.mrn():
        rows.append(("Record #:", d.mrn_only()))
    d.kv(rows, w=16)
    d.L("")
    d.L("I authorize:")
    d.L(f"    {ours['name']}, {ours['addr']}, {ours['city']}, {ours['state']}")
    d.L("to release information to:")
    if d.sender is dest:
        rp = d.provider("dest provider")
        d.L(f"    {rp['name']}, {dest['name']}")
        d.L(f"    {dest['addr']}, {dest['city']}, {dest['state']} {dest['zip']}")
        d.L(f"    Fax {d.fmt_phone(dest['fax'])}")
    else:
        d.L("    Myself, at the address above")
    d.L("")
    d.L("Information to be released:")
    items = ["Office/clinic notes", "Laboratory results", "Radiology reports",
             "Medication list", "Immunization record", "Operative reports",
             "Discharge summaries", "Billing records", "Entire medical record"]
    chosen = set(d.sample(items, d.rng.randint(2, 5)))
    for i in range(0, len(items), 3):
        d.L("  " + "".join(f"[{'X' if it in chosen else ' '}] {it:<26}" for it in items[i:i + 3]))
    frm = d.date - dt.timedelta(days=d.ch([365, 730, 1095]))
    d.L(f"Dates of service: {fdate(frm, 'mdY')} to present")
    d.L("")
    d.L("Purpose: " + d.ch(["Continuity of care", "Personal use", "Transfer of care",
                            "Insurance", "Second opinion"]))
    d.P("I understand that this authorization will expire one year from the date signed "
        "unless revoked sooner in writing. I understand that information disclosed may be "
        "re-disclosed by the recipient and no longer protected by federal privacy law. "
        "Treatment will not be conditioned on signing this form. Records regarding HIV, "
        "substance use treatment, and mental health will be released only if initialed "
        "here: ______")
    if d.child:
        g = d.relative(d.ch(["mother", "father"]))
        d.L(f"Signature of parent/guardian: {g['name']} (signed)    Date: {fdate(d.date, 'mdY')}")
        d.L(f"Printed name: {g['name']}    Relationship to patient: {g['rel'].capitalize()}")
    elif d.r() < 0.2 and d.age > 70:
        g = d.relative(d.ch(["daughter", "son"]))
        d.L(f"Signature: {g['name']} (signed)   Date: {fdate(d.date, 'mdY')}")
        d.L(f"Authority: Health care power of attorney for {d.name('fl')} "
            f"({g['rel']})")
    else:
        d.L(f"Patient signature: {signed_name(d)} (signed)      Date: "
            f"{fdate(d.date, d.ch(['mdY', 'mdY_np', 'mdy']))}")
    d.L("")
    if d.r() < 0.5:
        d.L("FOR OFFICE USE: Rec'd by ______  Date sent ______  Method ______")


# ------------------------------------------------------------ 15 attorney
def t_attorney(d):
    rng = d.rng
    a, b, c = rng.sample(PROV_LAST + EXTRA_LAST, 3)
    fa, _, _ = d.new_person()
    firm = d.practice("law", "Law", name=rng.choice(LAWFIRMS).format(a=a, b=b, c=c, fa=fa))
    d.sender = firm
    ours = d.practice("clinic", d.ch(["Orthopedic Surgery", "Family Medicine",
                                      "Pain Management"]))
    d.recip = ours
    d.doctitle = "Records Request"
    d.cont_styles = [1, 4, 5, 0]
    atty = d.staff("attorney", "Esq.")
    para = d.staff("paralegal")
    d.letterhead(firm, style=d.ch([0, 1, 2]), extra="Attorneys at Law")
    date_line(d)
    d.L("VIA FACSIMILE ONLY" if d.r() < 0.5 else "Via Fax and U.S. Mail")
    d.L("")
    d.L("Custodian of Records")
    d.L(ours["name"])
    d.L(ours["addr"])
    d.L(f"{ours['city']}, {ours['state']} {ours['zip']}")
    d.L(f"Fax: {d.fmt_phone(ours['fax'])}")
    d.L("")
    dol = d.date - dt.timedelta(days=rng.randint(60, 700))
    fileno = d.other("law firm file #", f"{d.date.year % 100}-{d.digits(4)}")
    claim = d.other("insurer claim #", d.ch(["", "CL", "0"]) + d.digits(10))
    lbl = d.ch(["Our Client:", "Client:", "Re:", "RE:", "Patient:"])
    lines = [f"{lbl} {d.name(d.ch(['full', 'fl', 'FLU']))}"]
    if not d.no_dob:
        lines.append(f"{d.ch(['Date of Birth:', 'DOB:', 'D.O.B.:'])} {d.dob()}")
    lines.append(f"{d.ch(['Date of Loss:', 'Date of Incident:', 'Date of Accident:', 'DOI:'])} "
                 f"{fdate(dol, 'mdY')}")
    lines.append(f"Our File No.: {fileno}")
    if rng.random() < 0.6:
        lines.append(f"Claim No.: {claim} ({rng.choice(['State Farm', 'GEICO', 'Progressive', 'Allstate', 'Liberty Mutual'])})")
    if d.mrn():
        lines.append(f"Your {d.mrn()}")
    if rng.random() < 0.3:
        d.L(lines[0])
        for ln in lines[1:]:
            d.L(" " * (len(lbl) + 1) + ln)
    else:
        d.Ls(lines)
    d.L("")
    d.L(d.ch(["Dear Custodian of Records:", "To Whom It May Concern:", "Dear Sir or Madam:"]))
    d.L("")
    d.P(f"Please be advised that this office represents {d.name('fl')} for injuries "
        f"sustained in a {rng.choice(['motor vehicle collision', 'slip and fall', 'workplace accident', 'dog bite incident'])} "
        f"on {d.dt(dol)}. Pursuant to the enclosed HIPAA-compliant authorization, we "
        "request certified copies of the following:")
    d.bullets(["Complete medical records, including office notes, intake forms, and "
               "correspondence", "Diagnostic imaging reports and films on CD",
               "Itemized billing statements with CPT and ICD-10 codes",
               "Records of all referrals made"], style="num")
    d.L("")
    d.P(f"for dates of service from {d.dt(dol)} to the present. Please include a records "
        "custodian affidavit. We will pay reasonable copying charges as permitted by state "
        "law; please send an invoice before processing if charges exceed $50.")
    if rng.random() < 0.5:
        rel = d.relative("spouse" if d.age > 22 else "mother")
        d.P(f"Please direct any questions to our paralegal, {para['name']}. Note that our "
            f"client's {rel['rel']}, {rel['name']}, is not authorized to receive records.")
    else:
        d.P(f"Questions may be directed to {para['name']}, paralegal, at "
            f"{d.fmt_phone(firm['phone'])}.")
    d.esig(atty, closing=True)
    d.L("Enclosure: Authorization")
    d.PBR()
    d.L(center("HIPAA AUTHORIZATION FOR RELEASE OF MEDICAL RECORDS"))
    d.L("")
    d.L(f"Patient: {d.name(d.ch(['full', 'fl']))}")
    if not d.no_dob:
        d.L(f"Date of birth: {d.dob(d.ch([None, 'mdY', 'mdY_np']))}")
    if rng.random() < 0.6:
        d.L(f"Address: {d.address_one()}")
    if rng.random() < 0.3:
        d.L(f"SSN: {ssn4(d)}")
    d.L("")
    d.P(f"I authorize any physician, hospital, clinic, or health care provider to release "
        f"my complete medical and billing records to {firm['name']}, "
        f"{firm['addr']}, {firm['city']}, {firm['state']} {firm['zip']}, for the purpose of "
        "legal representation. This authorization expires 2 years from the date below. A "
        "photocopy is as valid as the original.")
    d.L(f"Signature: {signed_name(d)} (signed)        Date: {fdate(d.date - dt.timedelta(days=rng.randint(3, 40)), 'mdY')}")
    d.L(f"Witness: {para['name']}")


# ------------------------------------------------------------ 16 FMLA
def t_fmla(d):
    case = d.pick_case({"clinic", "hosp", "proc"})
    rng = d.rng
    fam = d.child or (d.age > 70) or rng.random() < 0.25
    ours = d.practice("clinic", case["spec"])
    d.sender = ours
    d.recip = d.practice("clinic", "Family Medicine")
    city = ours["city"]
    emp_name = rng.choice(EMPLOYERS).format(city=city, place=rng.choice(PLACES),
                                            n=rng.randint(100, 9999))
    hr = d.staff("hr")
    doc = d.provider("author", spec=SPEC_TITLE.get(case["spec"], case["spec"]))
    d.doctitle = "FMLA Certification"
    d.cont_styles = [3, 2, 1]
    if fam:
        emp = d.relative("mother" if d.child else d.ch(["daughter", "son", "spouse"])
                         if d.age > 50 else "spouse")
        emp_nm = emp["name"]
        d.notes.append(f"employee is relative ({emp['rel']} {emp['name']}); patient is the "
                       "family member")
    d.letterhead(ours, style=d.ch([1, 3]))
    d.L(center("CERTIFICATION OF HEALTH CARE PROVIDER"))
    d.L(center("Family and Medical Leave Act" + (" - Family Member's Serious Health Condition"
                                                 if fam else " - Employee's Serious Health "
                                                 "Condition")))
    d.L("")
    d.L("SECTION I - EMPLOYER")
    d.L(f"Employer: {emp_name}   Contact: {hr['name']}, HR   Fax {d.fmt_phone(d.rand_phone())}")
    if fam:
        d.L(f"Employee name: {emp_nm}      Employee ID: {d.other('employee ID', d.digits(6))}")
    else:
        d.L(f"Employee name: {d.name(d.ch(['fl', 'full', 'lf']))}      Employee ID: "
            f"{d.other('employee ID', d.digits(6))}")
        d.L(f"Job title: {d.ch(OCCUPATIONS_M if d.sexm else OCCUPATIONS_F).replace('retired ', '')}")
    d.L("")
    d.L("SECTION II - HEALTH CARE PROVIDER")
    d.L(f"Provider: {doc['name']}   Practice: {ours['name']}"[:90])
    d.L(f"Phone {d.fmt_phone(ours['phone'])}   Fax {d.fmt_phone(ours['fax'])}")
    d.L("")
    d.L("PART A: MEDICAL FACTS")
    if fam:
        d.L(f"Name of family member: {d.name(d.ch(['full', 'fl']))}")
        if not d.no_dob:
            d.L(f"Family member's date of birth: {d.dob()}")
        d.L(f"Relationship to employee: {d.ch(['Child', 'Son or daughter']) if d.child else ('Parent' if emp['rel'] in ('daughter', 'son') else 'Spouse')}")
    else:
        if not d.no_dob:
            d.L(f"Patient date of birth: {d.dob()}")
    if d.mrn():
        d.L(d.mrn())
    start = d.date - dt.timedelta(days=rng.randint(0, 20))
    d.L(f"Approximate date condition commenced: {fdate(start - dt.timedelta(days=rng.randint(10, 200)), 'mdY')}")
    d.L(f"Probable duration: {d.ch(['3 months', '6 months', 'lifetime, with flare-ups', '8 weeks'])}")
    d.L("[X] Inpatient care  " if "hosp" in case["kinds"] and rng.random() < 0.5 else
        "[ ] Inpatient care  ", )
    d.L("[X] Continuing treatment by a health care provider")
    d.L("")
    d.L("Describe relevant medical facts:")
    d.P(f"{cap1(d.f(case['dx']))} ({case['icd']}). " + (hpi_text(d, case, 2) or
        " ".join(d.f(c) for c in case.get("course", [])[:1])), indent=2)
    d.PBR()
    d.L("PART B: AMOUNT OF LEAVE NEEDED")
    cont_end = start + dt.timedelta(days=rng.choice([14, 28, 42, 56]))
    d.L(f"Continuous incapacity: [X] Yes  from {fdate(start, 'mdY')} to {fdate(cont_end, 'mdY')}")
    d.L(f"Follow-up appointments: {d.ch(['1 visit per month', '2 visits per month', 'weekly for 6 weeks'])}, "
        f"about {d.ch(['2 hours', 'half a day'])} each")
    d.L(f"Episodic flare-ups: {d.ch(['1-2 episodes per month lasting 1-2 days', 'Not expected', '2 per month, 1 day each'])}")
    if fam:
        d.P(f"The family member requires assistance with transportation to appointments, "
            f"medication management, and daily activities during recovery. {emp_nm} is "
            f"needed to provide this care.", indent=0)
    else:
        d.P("The employee is unable to perform any job functions during the period of "
            "continuous incapacity. Upon return, restrictions may apply and will be "
            "communicated in a separate work status note.")
    d.L("")
    d.L(f"Signature of Health Care Provider: /s/ {doc['short']}")
    d.L(f"Type of practice/specialization: {doc['spec'] or 'Family Medicine'}   Date: {fdate(d.date, 'mdY')}")
    d.L("")
    d.P("Form modeled on U.S. Department of Labor WH-380. Return to the employer, not to "
        "the Department of Labor.")


# ------------------------------------------------------------ 17 disability APS
def t_disability(d):
    case = d.pick_case({"proc", "work"})
    rng = d.rng
    carrier = rng.choice(["Guardian Mutual Disability", "Lincoln Benefit Life",
                          "Unum Group", "The Hartford", "MetLife Disability", "Sun Life",
                          "Standard Insurance Company", "Reliance Standard", "Mutual of Omaha"])
    ins = d.practice("insurer", "Insurance", name=carrier)
    ins["addr"] = f"P.O. Box {rng.randint(1000, 99999)}"
    d.sender = ins
    doc = d.provider("author", spec=SPEC_TITLE.get(case["spec"], case["spec"]))
    d.recip = d.practice("clinic", case["spec"])
    d.doctitle = "Attending Physician Statement"
    d.cont_styles = [2, 6, 3]
    ex = d.staff("examiner")
    d.letterhead(ins, style=d.ch([0, 2]), extra="Disability Claims")
    d.L(center(d.ch(["ATTENDING PHYSICIAN STATEMENT", "SHORT-TERM DISABILITY - ATTENDING "
                     "PHYSICIAN STATEMENT", "LONG TERM DISABILITY CLAIM - PHYSICIAN STATEMENT"])))
    d.L("")
    claim = d.other("disability claim #", d.ch(["", "STD-", "LTD"]) + d.digits(8))
    pol = d.other("policy #", d.ch(["", "GP"]) + d.digits(7))
    rows = [("Claimant:", d.name(d.ch(["LF", "full", "lf"])))]
    if not d.no_dob:
        rows.append(("Date of Birth:", d.dob()))
    rows += [("Claim Number:", claim), ("Policy/Group:", pol),
             ("Employer:", rng.choice(EMPLOYERS).format(city=ins["city"], place=rng.choice(PLACES),
                                                        n=rng.randint(100, 999)))]
    if rng.random() < 0.3:
        rows.append(("SSN:", ssn4(d)))
    if d.mrn():
        rows.append(("Provider chart #:", d.mrn_only()))
    d.kv(rows, w=18)
    d.L(f"Claims examiner: {ex['name']}   Phone {d.fmt_phone(ins['phone'])}  Fax {d.fmt_phone(ins['fax'])}")
    d.L("")
    d.L("TO BE COMPLETED BY THE ATTENDING PHYSICIAN")
    lwd = d.date - dt.timedelta(days=rng.randint(10, 80))
    d.kv([("1. Primary diagnosis / ICD-10:", f"{d.f(case['dx'])[:48]} / {case['icd']}"),
          ("2. Date symptoms first appeared:", fdate(lwd - dt.timedelta(days=rng.randint(10, 200)), "mdY")),
          ("3. Date patient last worked:", fdate(lwd, "mdY")),
          ("4. Date of first visit for this:", fdate(lwd - dt.timedelta(days=rng.randint(1, 30)), "mdY")),
          ("5. Surgery:", d.f(case["proc"]["short"]) if case.get("proc") else "None"),
          ("6. Hospitalized:", d.ch(["No", "No", "Yes - 2 nights"]))], w=36)
    d.L("")
    d.L("7. Subjective symptoms and objective findings:")
    d.P(hpi_text(d, case, 2) + " " + " ".join(d.f(e) for e in case.get("exam", [])[:1]),
        indent=3)
    d.L("8. Restrictions (what the patient should not do) and limitations (cannot do):")
    k = case["key"]
    if k in ("rcr", "wrist", "cts"):
        rest = d.f("No lifting over 10 pounds with the {side} arm, no overhead reaching, no "
                   "repetitive gripping or keyboarding over 20 minutes per hour.")
    elif k in ("lbp", "tka", "hipfx", "hernia"):
        rest = d.ch(["Sedentary work only; may sit up to 6 hours with position changes; no "
                     "prolonged standing or walking; no lifting over 10 pounds.",
                     "No lifting over 15 pounds, no bending or twisting, no ladders."])
    else:
        rest = d.ch(["Unable to work in any capacity during treatment and recovery.",
                     "No work for the period of recovery; reassess at next visit."])
    d.P(rest, indent=3)
    rtw = d.date + dt.timedelta(days=rng.choice([14, 30, 45, 60, 90]))
    d.L(f"9. Expected return-to-work date: {fdate(rtw, 'mdY')}  [ ] Full duty [X] Modified")
    d.L("10. Prognosis: " + d.ch(["Good", "Fair", "Good with surgery", "Guarded"]))
    d.L("")
    d.L(f"Physician: {doc['name']}   Specialty: {doc['spec']}")
    d.L(f"Tax ID: {d.other('TIN', d.digits(2) + '-' + d.digits(7))}   NPI: {d.other('NPI', doc['npi'])}")
    d.L(f"Signature: /s/ {doc['short']}                 Date: {fdate(d.date, 'mdY')}")
    d.L("")
    d.P("Any person who knowingly files a statement of claim containing false or misleading "
        "information is guilty of a crime. A copy of this form is as valid as the original.")

# ------------------------------------------------------------ 18 home health
def t_homehealth(d):
    case = d.pick_case({"hh"})
    rng = d.rng
    ag = d.practice("agency", "Home Health")
    ag["name"] = d.ch([f"{ag['place']} Home Health Care", f"{ag['place']} Visiting Nurse Association",
                       f"CareFirst Home Health - {ag['city']}", f"{ag['place']} Home Care, LLC",
                       f"{ag['city']} Home Health Partners"])
    d.sender = ag
    rn = d.staff("author", d.ch(["RN", "RN, BSN", "LPN"]))
    md = d.provider("attending")
    d.recip = d.practice("clinic", "Family Medicine")
    d.doctitle = "Skilled Nursing Visit"
    d.cont_styles = [3, 1, 2]
    soc = d.date - dt.timedelta(days=rng.randint(5, 50))
    agency_id = d.other("agency patient #", d.ch(["HH", "", "P"]) + d.digits(6))
    d.letterhead(ag, style=d.ch([0, 1, 3]))
    d.L(d.ch(["SKILLED NURSING VISIT NOTE", "HOME HEALTH NURSING VISIT - SN",
              "SKILLED NURSING NOTE / PHYSICIAN UPDATE"]))
    d.L("")
    extra = [("Agency Pt #", agency_id), ("SOC", fdate(soc, "mdY")),
             ("Physician", md["name"])]
    d.Ls(d.idblock(d.ch(["label_lines", "table", "one_line"]), extra=extra))
    if rng.random() < 0.6:
        d.L(f"Address: {d.address_one()}")
    d.L(f"Visit date: {fdate(d.date, 'mdY')}   Time in {rng.randint(8, 11)}:{rng.choice(['00', '15', '30', '45'])}"
        f"   Time out {rng.randint(12, 14) - 12 or 12}:{rng.choice(['05', '20', '40'])} PM")
    d.L(f"Primary diagnosis: {d.f(case['dx'])} ({case['icd']})")
    d.L("")
    d.H("HOMEBOUND STATUS:", d.ch([
        "Requires assistance of one person and a walker to leave home; leaving home "
        "requires considerable and taxing effort due to dyspnea.",
        "Unable to leave home without a wheelchair and assistance; absences are infrequent "
        "and for medical appointments only.",
        "Severe fatigue and unsteady gait; high fall risk outside the home."]))
    d.H("VITAL SIGNS:", d.vitals_line() + f". Pain {d.tok['pain']}/10.")
    d.L("ASSESSMENT:")
    d.bullets([d.ch(["Lungs with diminished bases, no distress at rest.",
                     "Lungs clear; mild dyspnea on exertion."]),
               d.ch(["Bilateral lower extremity edema 1+, unchanged.",
                     "No edema."]),
               (d.ch(["Surgical incision clean, dry, intact; staples removed per order.",
                      "Incision well approximated, mild ecchymosis, no drainage."])
                if case["key"] in ("hipfx", "tka") else
                d.ch(["Stage 2 sacral pressure injury 2.0 x 1.5 cm, pink wound bed, no odor; "
                      "foam dressing applied.", "Skin intact.", "Skin warm, dry, intact."])
                if d.age >= 60 else d.ch(["Skin intact.", "Skin warm, dry, intact."])),
               d.ch(["Medication reconciliation completed; patient using pill organizer.",
                     "Found duplicate bottles of the same medication from two pharmacies; "
                     "removed and educated." if d.age >= 60 else
                     "Medication reconciliation completed; no discrepancies."])],
              style="dash")
    d.L("")
    rel = d.relative()
    d.H("TEACHING:", f"Reviewed {d.ch(['low-sodium diet and daily weights', 'signs of infection', 'fall prevention', 'inhaler technique'])} "
        f"with patient and {rel['rel']} {rel['name']}; both verbalized understanding.")
    d.H("PLAN:", d.ch(["Continue SN 2w3, 1w4. PT and OT following.",
                       "SN 1w4 for assessment and medication management.",
                       "Continue current plan of care; next visit in 3 days."]))
    d.P(f"Physician notified: {d.ch(['weight up 4 lb in 3 days; awaiting orders regarding diuretic', 'BP elevated at two consecutive visits', 'no new concerns this visit'])}.")
    d.L(f"Clinician: {rn['name']}   Signature on file   {fdate(d.date, 'mdY')}")
    if rng.random() < 0.7:
        d.PBR()
        d.L(center("PHYSICIAN ORDER - SIGNATURE REQUIRED"))
        d.L("")
        d.Ls(d.idblock(d.ch(["one_line", "pt", "slash"])))
        d.L(f"Order date: {fdate(d.date, 'mdY')}   Order #: {d.other('order #', d.digits(6))}")
        d.L("")
        d.P(d.ch(["Skilled nursing to continue 1w4 for cardiopulmonary assessment, "
                  "medication teaching, and lab draw (BMP) on next visit.",
                  "Physical therapy evaluation and treatment 2w4 for gait and balance.",
                  "Wound care: cleanse sacral wound with normal saline, apply foam dressing "
                  "every 3 days and as needed."]))
        d.L(f"Physician: {md['name']}   NPI {d.other('NPI', md['npi'])}")
        d.L("Signature: ____________________________  Date: __________")
        d.L("")
        d.P(f"Please sign and return to {ag['name']} at fax {d.fmt_phone(ag['fax'])} within 48 "
            "hours. Thank you.")


# ------------------------------------------------------------ 19 hospice
def t_hospice(d):
    rng = d.rng
    dxs = [h for h in HOSPICE_DX if not (h[2] == "dementia" and d.age < 65)]
    dx, icd, key = d.ch(dxs)
    d.notes.append(f"clinical: hospice {key}")
    hs = d.practice("agency", "Hospice")
    hs["name"] = d.ch([f"{hs['place']} Hospice", f"Hospice of {hs['city']}",
                       f"{hs['place']} Hospice & Palliative Care", f"Serenity Hospice of {hs['city']}"])
    d.sender = hs
    md = d.provider("author", cred=d.ch(["MD", "DO", "MD, HMDC"]), spec="Hospice Medical Director")
    att = d.provider("attending")
    np_ = d.staff("np", "APRN, FNP-BC")
    d.recip = d.practice("clinic", "Family Medicine")
    d.doctitle = "Hospice"
    d.cont_styles = [3, 1, 2]
    d.letterhead(hs, style=d.ch([0, 1, 2]))
    kind = d.ch(["recert", "f2f", "idg"])
    d.L({"recert": "CERTIFICATION OF TERMINAL ILLNESS - RECERTIFICATION",
         "f2f": "HOSPICE FACE-TO-FACE ENCOUNTER",
         "idg": "INTERDISCIPLINARY GROUP (IDG) UPDATE"}[kind])
    d.L("")
    bp = rng.randint(2, 5)
    start = d.date - dt.timedelta(days=rng.randint(1, 20))
    per = 90 if bp <= 2 else 60
    d.Ls(d.idblock(d.ch(["label_lines", "table", "re_multi"]),
                   extra=[("Benefit period", f"{bp} ({fdate(start, 'mdY')} - "
                                             f"{fdate(start + dt.timedelta(days=per - 1), 'mdY')})"),
                          ("Attending", att["name"])]))
    d.L(f"Terminal diagnosis: {dx} ({icd})")
    d.L("")
    pps = rng.choice([30, 40, 40, 50])
    wl = rng.randint(6, 18)
    d.L("CLINICAL FINDINGS:")
    items = [f"Palliative Performance Scale {pps}%, declined from {pps + 10}% at last "
             f"certification.", f"Weight loss of {wl} lb over 3 months; eating 25% of meals.",
             "Increasing time in bed; requires assistance with all ADLs.",
             {"hf": "NYHA class IV symptoms at rest despite maximal tolerated therapy; "
                    "LVEF 15%; two hospitalizations in the past 3 months.",
              "copd": "Dyspnea at rest on 3 L continuous oxygen; FEV1 22% predicted; "
                      "recurrent exacerbations.",
              "dementia": "FAST stage 7a; speech limited to a few words; recurrent "
                          "aspiration on thickened liquids.",
              "panc": "Ascites requiring paracentesis every 2 weeks; pain controlled on "
                      "long-acting morphine.",
              "lung": "Progressive dyspnea with a malignant pleural effusion drained via "
                      "an indwelling pleural catheter.",
              "esrd": "Creatinine 6.8 mg/dL; declined dialysis; increasing edema, "
                      "uremic pruritus, and somnolence."}[key]]
    d.bullets(items, style="dash")
    d.L("")
    rel = d.relative(d.ch(["daughter", "son", "spouse"]) if d.age > 55 else "spouse")
    d.P(f"{{pt}} lives at home with {{his}} {rel['rel']} {rel['name']}, who is the primary "
        f"caregiver and health care surrogate. Goals of care remain comfort-focused; DNR "
        f"order and POLST are in the home.")
    d.L("CURRENT COMFORT MEDICATIONS:")
    d.bullets(["Morphine sulfate oral concentrate 20 mg/mL, 5 mg every 2 hours as needed "
               "for pain or dyspnea", "Lorazepam 0.5 mg every 6 hours as needed for anxiety",
               "Haloperidol 0.5 mg every 4 hours as needed for agitation or nausea",
               "Senna-docusate 2 tablets at bedtime", "Atropine 1% 2 drops SL every 4 hours "
               "as needed for secretions"], style="dash")
    d.L("")
    if kind == "f2f":
        d.P(f"I, {np_['name']}, performed a face-to-face encounter with this patient on "
            f"{d.dt(d.date - dt.timedelta(days=2))} and findings were provided to the "
            "certifying physician.")
    d.P("I certify that this patient is terminally ill with a life expectancy of six months "
        "or less if the terminal illness runs its normal course. The clinical findings above "
        "support this prognosis.")
    d.L(f"{md['name']}, Hospice Medical Director")
    d.L(f"Signed: {fdate(d.date, 'mdY')}")
    d.L("")
    d.L(f"Attending physician acknowledgment ({att['name']}):")
    d.L("Signature: ______________________________   Date: __________")
    d.P(f"Please sign and fax to {d.fmt_phone(hs['fax'])}.")


# ------------------------------------------------------------ 20 SNF transfer
def t_snf_transfer(d):
    case = d.pick_case({"snf", "hosp", "hh"})
    rng = d.rng
    snf = d.practice("facility", "Skilled Nursing")
    snf["name"] = d.ch([f"{snf['place']} Health and Rehabilitation Center",
                        f"{snf['place']} Nursing & Rehab", f"The Gardens at {snf['place']}",
                        f"{snf['place']} Manor Skilled Nursing Facility",
                        f"{snf['city']} Post-Acute Care"])
    d.sender = snf
    nurse = d.staff("author", d.ch(["RN", "LPN", "RN, Charge Nurse"]))
    att = d.provider("attending")
    d.recip = d.practice("hospital", "Emergency")
    d.doctitle = "Transfer Form"
    d.cont_styles = [3, 2, 0]
    d.letterhead(snf, style=d.ch([1, 3, 0]))
    d.L(center(d.ch(["INTERFACILITY TRANSFER FORM", "NURSING HOME TO HOSPITAL TRANSFER FORM",
                     "SNF TRANSFER / COMMUNICATION RECORD"])))
    d.L("")
    room = f"{rng.randint(1, 3)}{rng.randint(0, 4)}{rng.randint(0, 9)}{rng.choice(['A', 'B', ''])}"
    adm = d.date - dt.timedelta(days=rng.randint(20, 900))
    rows = [("Resident:", d.name(d.ch(["LF", "full", "lf"])))]
    if not d.no_dob:
        rows.append(("DOB:", d.dob()))
    rows += [("Room:", room), ("Facility admit date:", fdate(adm, "mdY")),
             ("Transfer date/time:", f"{fdate(d.date, 'mdY')} {rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}"),
             ("Sent to:", d.recip["name"]),
             ("Code status:", d.ch(["DNR/DNI", "Full code", "DNR - OK to transport",
                                    "DNR, selective treatment"])),
             ("Attending:", att["name"])]
    if d.mrn():
        rows.append(("Hospital MR# (if known):", d.mrn_only()))
    else:
        rows.append(("Facility resident #:", d.other("facility resident #", d.digits(5))))
    d.kv(rows, w=24)
    d.L("")
    poa = d.relative(d.ch(["daughter", "son", "niece", "spouse"]))
    d.L(f"Contact/POA: {poa['name']} ({poa['rel']})  {d.fmt_phone(poa['phone'])}  "
        f"[{d.ch(['X', ' '])}] notified")
    d.L("")
    reason = d.ch(["Unwitnessed fall with new left hip pain and inability to bear weight.",
                   "Acute change in mental status, more lethargic than baseline, temp 101.3.",
                   "Shortness of breath and oxygen saturation 84% on 2 L.",
                   "Coffee-ground emesis x2 this shift.",
                   "Blood glucose 42 not responding to oral glucose; received glucagon 1 mg."])
    d.H("REASON FOR TRANSFER:", reason)
    d.H("VITALS AT TRANSFER:", d.vitals_line())
    d.H("BASELINE:", d.ch(["Alert, oriented to self only; ambulates with walker and 1 assist.",
                           "Nonverbal, total care, wheelchair bound.",
                           "Alert and oriented x3, independent with walker, continent."]))
    d.H("DIAGNOSES:", "; ".join([cap1(d.f(case["dx"]))] + d.pmh(4)))
    d.H("ALLERGIES:", d.allergies())
    d.H("ISOLATION:", d.ch(["None", "Contact - MRSA (wound)", "C. diff - enteric contact"]))
    d.H("DIET:", d.ch(["Mechanical soft, nectar-thick liquids", "Regular, diabetic",
                       "Pureed"]))
    d.L("CURRENT MEDICATIONS (MAR attached):")
    d.bullets(d.meds(6), style="dash")
    d.L("")
    d.L("Last dose of anticoagulant: " + d.ch(["N/A", "apixaban 5 mg at 0800",
                                               "enoxaparin 40 mg at 0900"]))
    d.L("Hearing aids / dentures / glasses sent: " + d.ch(["dentures, glasses",
                                                          "hearing aids (both)", "none"]))
    d.L("")
    d.L(f"Sending nurse: {nurse['name']}   Phone {d.fmt_phone(snf['phone'])}")
    d.L(f"Report called to: {d.staff('ED nurse')['name']}, ED charge nurse")
    d.L(f"Transported by: {d.ch(['ALS ambulance', 'BLS ambulance', 'Wheelchair van'])}")


# ------------------------------------------------------------ 21 school
def t_school(d):
    rng = d.rng
    case = d.pick_case({"school", "clinic"})
    sch_name = rng.choice([f"{rng.choice(PLACES)} Elementary School",
                           f"{rng.choice(PLACES)} Middle School",
                           f"{rng.choice(PLACES)} High School", f"{rng.choice(PROV_LAST)} "
                           f"Academy", f"St. {rng.choice(['Agnes', 'Francis', 'Jude', 'Anne'])} "
                           f"Catholic School"])
    if d.age < 11:
        sch_name = sch_name.replace("High School", "Elementary School").replace(
            "Middle School", "Elementary School")
    parent = d.relative(d.ch(["mother", "father"]))
    variant = d.ch(["excuse", "excuse", "medform", "nurse"])
    grade = max(0, min(12, d.age - 5))
    gtxt = "K" if grade == 0 else str(grade)
    if variant in ("excuse", "medform"):
        pr = d.practice("clinic", d.ch(["Pediatrics", case["spec"]]))
        d.sender = pr
        doc = d.provider("author", spec=SPEC_TITLE.get(pr["spec"], pr["spec"]))
        d.recip = d.practice("clinic", "Pediatrics")
        d.doctitle = "School Note"
        d.cont_styles = [0]
        d.letterhead(pr, style=d.ch([0, 1, 3]))
        date_line(d)
        if variant == "excuse":
            d.L(d.ch(["To: School Nurse / Attendance Office", "To Whom It May Concern:",
                      f"To: {sch_name}"]))
            d.L("")
            d.Ls(d.idblock(d.ch(["re_comma", "label_lines", "slash"]),
                           extra=[("Grade", gtxt)] if rng.random() < 0.5 else []))
            d.L("")
            back = d.date + dt.timedelta(days=rng.randint(1, 10))
            d.P(f"{d.name('fl')} was seen in our office on "
                f"{d.dt(d.date - dt.timedelta(days=rng.randint(0, 2)))}. Please excuse "
                f"{{him}} from school {d.ch(['for the dates of absence', 'through ' + d.dt(back)])}. "
                f"{{He}} may return to school on {d.dt(back)}.")
            d.P(d.ch([
                "Restrictions: no physical education, recess sports, or contact activities "
                "for 4 weeks. May carry a backpack on the unaffected side.",
                "No restrictions. Please allow access to water and restroom as needed.",
                "Please allow the student to carry and self-administer an albuterol inhaler "
                "and to rest in the nurse's office if symptomatic.",
                "Please allow extra time for assignments missed during the absence."]))
        else:
            d.L(center("AUTHORIZATION FOR MEDICATION ADMINISTRATION AT SCHOOL"))
            d.L("")
            d.kv([("Student:", d.name("fl")), ("Date of birth:", d.dob() if not d.no_dob else
                                              ""), ("School:", sch_name), ("Grade:", gtxt),
                  ("Parent/guardian:", f"{parent['name']}  {d.fmt_phone(parent['phone'])}")],
                 w=18)
            d.L("")
            med = (case.get("rx") or {}).get("drug", "albuterol HFA 90 mcg inhaler")
            d.kv([("Medication:", med), ("Dose/route:", d.ch(["2 puffs inhaled", "1 tablet by mouth",
                                                              "as directed"])),
                  ("Time:", d.ch(["Every 4 hours as needed for cough/wheeze", "11:30 AM daily",
                                  "Before PE class"])),
                  ("Diagnosis:", f"{d.f(case['dx'])}"),
                  ("Start/stop:", f"{fdate(d.date, 'mdY')} to end of school year")], w=18)
            d.L("[X] Student may self-carry   [ ] Store in health office")
            d.L("")
        d.esig(doc, closing=rng.random() < 0.5)
        if variant == "medform":
            d.L("")
            d.L(f"Parent signature: {parent['name']} (signed)   Date: {fdate(d.date, 'mdY')}")
    else:
        sch = d.practice("school", "School", name=sch_name)
        sch["name"] = sch_name
        d.sender = sch
        nurse = d.staff("author", d.ch(["RN, NCSN", "BSN, RN", "LPN"]))
        pcp = d.provider("pcp", spec="Pediatrics")
        d.recip = d.practice("clinic", "Pediatrics")
        d.doctitle = "School Nurse"
        d.cont_styles = [0]
        d.letterhead(sch, style=d.ch([0, 1]), extra="Health Services")
        date_line(d)
        d.L(f"To: {pcp['name']}")
        d.L(f"From: {nurse['name']}, School Nurse")
        d.L("")
        d.Ls(d.idblock(d.ch(["re_comma", "label_lines", "one_line"])))
        d.L("")
        d.L(salutation(d, pcp))
        d.L("")
        d.P(d.ch([
            f"{d.name('fl')} has visited the health office {rng.randint(5, 12)} times in the "
            f"past month with {d.ch(['wheezing and cough after recess', 'headaches and nausea', 'abdominal pain', 'itchy rash on the hands'])}. "
            f"{{His}} {parent['rel']}, {parent['name']}, asked me to share these observations "
            f"before {{his}} upcoming appointment.",
            f"Our vision screening on {d.dt(d.date - dt.timedelta(days=8))} showed 20/50 in "
            f"both eyes for {d.name('fl')}. {{His}} {parent['rel']}, {parent['name']}, has "
            f"been notified and would like a referral.",
            f"We do not have a current medication authorization or action plan on file for "
            f"{d.name('fl')}. Please complete the enclosed form so that we may administer "
            f"{{his}} medication during the school day."]))
        d.P(f"Please fax any response to {d.fmt_phone(sch['fax'])}. Thank you for your help.")
        d.L("Sincerely,")
        d.L("")
        d.L(nurse["name"])
        d.L(f"School Nurse, {sch_name}")


# ------------------------------------------------------------ 22 work status
def t_work(d):
    case = d.pick_case({"work", "clinic"})
    rng = d.rng
    pr = d.practice("clinic", case["spec"])
    if rng.random() < 0.4:
        pr["name"] = d.ch([f"{pr['place']} Occupational Health", f"WorkWell Occupational Medicine - {pr['city']}",
                           f"{pr['place']} Industrial Medicine Clinic"])
    d.sender = pr
    doc = d.provider("author", spec=SPEC_TITLE.get(case["spec"], case["spec"]))
    d.recip = d.practice("clinic", "Occupational Medicine")
    d.doctitle = "Work Status"
    d.cont_styles = [0]
    d.letterhead(pr, style=d.ch([0, 1, 2, 3]))
    d.L(center(d.ch(["WORK STATUS REPORT", "RETURN TO WORK / ACTIVITY STATUS",
                     "WORKERS' COMPENSATION - WORK STATUS"])))
    d.L("")
    emp = rng.choice(EMPLOYERS).format(city=pr["city"], place=rng.choice(PLACES),
                                       n=rng.randint(100, 9999))
    doi = d.date - dt.timedelta(days=rng.randint(5, 200))
    wc = case["key"] in ("wrist", "rcr", "lbp", "cts", "hernia") and rng.random() < 0.7
    extra = [("Employer", emp)]
    if wc:
        extra += [("Date of injury", fdate(doi, "mdY")),
                  ("WC claim #", d.other("workers comp claim #", d.digits(3) + "-" + d.digits(6)))]
    d.Ls(d.idblock(d.ch(["label_lines", "one_line", "table", "re_multi"]), extra=extra))
    d.L(f"Date of visit: {fdate(d.date, 'mdY')}")
    d.L(f"Diagnosis: {d.f(case['dx'])}")
    d.L("")
    st = d.ch(["mod", "mod", "off", "full"])
    d.L(f"[{'X' if st == 'full' else ' '}] Return to full duty without restrictions on "
        f"{fdate(d.date + dt.timedelta(days=1), 'mdY')}")
    d.L(f"[{'X' if st == 'mod' else ' '}] Return to modified duty with the restrictions below")
    d.L(f"[{'X' if st == 'off' else ' '}] Off work until next evaluation")
    d.L("")
    if st == "mod":
        d.L("Restrictions:")
        d.bullets(d.sample(["No lifting, pushing, or pulling over 10 lb",
                            "No overhead work with the {side} arm", "Seated work only",
                            "No climbing ladders", "Must wear splint at all times",
                            "No use of the {side} hand", "Limit walking to 15 minutes per hour",
                            "No driving company vehicles while on muscle relaxants"], 3),
                  style="dash")
        d.L("")
    nxt = d.date + dt.timedelta(days=rng.choice([7, 14, 21, 28]))
    d.L(f"Restrictions in effect through: {fdate(nxt, 'mdY')}   Next appointment: {fdate(nxt, 'mdY')}")
    d.L("")
    d.esig(doc, closing=False)
    if rng.random() < 0.5:
        adj = d.staff("adjuster")
        d.L("")
        d.cc([f"{adj['name']}, claims adjuster", "Employer HR"])


# ------------------------------------------------------------ 23 patient letter
def t_patient_letter(d):
    rng = d.rng
    ours = d.practice("clinic", d.ch(["Family Medicine", "Internal Medicine"]))
    d.recip = ours
    pcp = d.provider("pcp")
    writer = None
    if d.child or (d.age > 78 and rng.random() < 0.6):
        writer = d.relative("mother" if d.child else d.ch(["daughter", "son"]))
    d.sender = store_sender(d)
    d.doctitle = "Letter"
    d.cont_styles = [0]
    portal = rng.random() < 0.3
    if portal:
        d.L(center("Patient Portal - Secure Message"))
        d.L("")
        d.L(f"From: {writer['name'] + ' (proxy for ' + d.name('fl') + ')' if writer else d.name(d.ch(['fl', 'full']))}")
        d.L(f"To: {pcp['name']} / Care Team")
        d.L(f"Sent: {fdate(d.date, 'mdY_np')} {rng.randint(1, 11)}:{rng.randint(0, 59):02d} PM")
        d.L(f"Subject: {d.ch(['Refill request', 'Question about my medication', 'Need letter', 'Test results question'])}")
        if not d.no_dob:
            d.L(f"Patient DOB: {d.dob()}")
        d.L("")
    else:
        d.L(d.dt(d.date, d.ch(["long", "mdY_np"])))
        d.L("")
        d.L(f"To: {pcp['dr']}" + (f" - {ours['name']}" if rng.random() < 0.5 else ""))
        d.L("")
    who = d.name(d.ch(["fl", "full"]))
    dob = "" if d.no_dob else d.dob(d.ch([None, "long", "mdY_np"]))
    reqs = [f"I have been taking my {d.ch(['blood pressure pill', 'metformin', 'thyroid medicine', 'cholesterol pill'])} "
            f"and I only have a few left. The pharmacy said they sent a request but nobody "
            f"answered. Can you please send it to the {d.ch(['Walgreens', 'CVS', 'Kroger'])} on "
            f"{d.ch(['Main St', 'Broadway', 'the corner by my house'])}?",
            "I need a letter saying I can't stand for long periods for my job. My supervisor "
            "said it has to be from the doctor.",
            "I got a bill for my last visit that says my insurance denied it. I changed "
            "insurance in January and I think you have the old card. My new insurance "
            f"is {d.ch(INSURERS)}.",
            "Since my last appointment the dizziness has come back, mostly in the morning "
            "when I get out of bed. Should I stop the new pill?",
            "Please send a copy of my records to my new doctor. I am moving to be closer to "
            "my family."]
    if writer:
        opening = d.ch([f"My name is {writer['name']} and I am writing for my "
                        f"{'son' if d.sexm else 'daughter'} " if d.child else
                        f"My name is {writer['name']}. I am the {writer['rel']} of your patient "])
        opening += f"{who}" + (f", date of birth {dob}" if dob else "") + "."
        body = d.ch([f"{{He}} has been more confused the last two weeks and is not eating "
                     f"much. I am worried about {{his}} medicines. Can someone from the office "
                     f"call me at {d.fmt_phone(writer['phone'])}?" if not d.child else
                     "{He} needs a form filled out for summer camp and a copy of {his} "
                     "shot records. Camp starts in three weeks.",
                     reqs[4]])
    else:
        opening = d.ch([f"My name is {who}" + (f" and my birthday is {dob}" if dob else "") + ".",
                        f"This is {who}" + (f", DOB {dob}" if dob else "") + ". I am one of "
                        "your patients.",
                        f"Dear {pcp['dr']}, it is {who}" + (f" (born {dob})" if dob else "") +
                        "."])
        body = d.ch(reqs)
    d.L("Dear " + pcp["dr"] + "," if not portal and rng.random() < 0.6 else "Hello,")
    d.L("")
    d.P(opening + " " + body)
    if rng.random() < 0.5:
        d.P(f"You can reach me at {d.phone() if not writer else d.fmt_phone(writer['phone'])}. "
            + d.ch(["Thank you so much.", "Thanks for everything you do.", "God bless.",
                    "I appreciate your help."]))
    if rng.random() < 0.4 and not writer:
        d.P(f"My address is {d.address_one()} in case you need to mail something.")
    if d.show_mrn and rng.random() < 0.7:
        d.P(f"(My chart number from the card is {d.mrn_only()}.)")
    d.L(d.ch(["Sincerely,", "Thank you,", "Respectfully,", "Thanks,"]))
    d.L(writer["name"] if writer else d.name(d.ch(["fl", "full"])))


# ------------------------------------------------------------ 24 death certificate
def t_death_cert(d):
    rng = d.rng
    fh = d.practice("funeral", "Funeral")
    a = rng.choice(PROV_LAST + EXTRA_LAST)
    fh["name"] = d.ch([f"{a} Funeral Home", f"{a}-{rng.choice(EXTRA_LAST)} Funeral Home & "
                       f"Cremation", f"{fh['place']} Memorial Chapel", f"{a} & Sons Mortuary"])
    d.sender = fh
    fd = d.staff("author")
    fd["cred"] = d.ch(["Licensed Funeral Director", "Funeral Director / Embalmer",
                       "Funeral Director"])
    pcp = d.provider("pcp")
    d.recip = d.practice("clinic", "Family Medicine")
    d.doctitle = "Death Certificate"
    d.cont_styles = [0]
    dod = d.date - dt.timedelta(days=rng.randint(1, 5))
    case_no = d.other("EDRS case #", d.ch(["", "EDRS-", str(d.date.year) + "-"]) + d.digits(6))
    d.letterhead(fh, style=d.ch([0, 2, 1]))
    d.L(center(d.ch(["REQUEST FOR PHYSICIAN CERTIFICATION OF DEATH",
                     "DEATH CERTIFICATE - MEDICAL CERTIFIER REQUEST",
                     "URGENT: DEATH CERTIFICATE SIGNATURE NEEDED"])))
    d.L("")
    date_line(d)
    d.L(f"To: {pcp['name']}   Fax {d.fmt_phone(d.recip['fax'])}")
    d.L(f"Attn: {d.ch(['Medical Records', 'Office Manager', 'Nurse'])} {d.staff('office', '')['name']}")
    d.L("")
    rows = [("Decedent:", d.name(d.ch(["full", "FLU", "LF"])))]
    if not d.no_dob:
        rows.append(("Date of birth:", d.dob()))
    rows += [("Date of death:", fdate(dod, "mdY")),
             ("Place of death:", d.ch(["Residence", "Residence - under hospice care",
                                       "Nursing facility", "Assisted living facility"]
                                      if d.age >= 65 else
                                      ["Residence", "Residence - under hospice care",
                                       "Residence"])),
             ("Age:", str(age_on(d.pt.dob, dod))),
             ("Last address:", d.address_one() if rng.random() < 0.6 else
              f"{d.pt.city}, {d.pt.state}"),
             ("EDRS case #:", case_no)]
    if rng.random() < 0.3:
        rows.append(("SSN:", ssn4(d)))
    if d.mrn():
        rows.append(("Your patient ID:", d.mrn_only()))
    d.kv(rows, w=18)
    inf = d.relative(d.ch(["daughter", "son", "spouse"]) if d.age > 40 else "mother")
    d.L(f"Informant: {inf['name']} ({inf['rel']})  {d.fmt_phone(inf['phone'])}")
    d.L("")
    d.P(f"Our firm has been entrusted with the arrangements for the above decedent. The family "
        f"has identified {pcp['dr']} as the physician who last attended "
        f"{'him' if d.sexm else 'her'} and who is able "
        "to certify the cause of death. The death was not referred to the medical examiner.")
    d.P("Please complete and electronically sign the medical certification (cause of death, "
        "manner of death, and interval between onset and death) in the state Electronic "
        "Death Registration System within 48 hours, or complete the enclosed worksheet and "
        f"fax it to {d.fmt_phone(fh['fax'])}. Services are planned for "
        f"{d.dt(dod + dt.timedelta(days=rng.randint(5, 9)))}.")
    d.P("Thank you for your prompt attention.")
    d.L(fd["name"])
    d.L(fd["cred"])
    d.L(f"{fh['name']}  {d.fmt_phone(fh['phone'])}")
    d.PBR()
    d.L(center("MEDICAL CERTIFICATION WORKSHEET"))
    d.L("")
    d.L(f"Decedent: {d.name(d.ch(['fl', 'LF']))}     Date of death: {fdate(dod, 'mdY')}")
    d.L("")
    d.L("Part I. Immediate cause (final disease or condition): _________________________")
    d.L("   Due to (or as a consequence of): ____________________________________________")
    d.L("   Due to (or as a consequence of): ____________________________________________")
    d.L("Part II. Other significant conditions: ________________________________________")
    d.L("Manner: [ ] Natural [ ] Accident [ ] Suicide [ ] Homicide [ ] Pending [ ] Unknown")
    d.L("Tobacco contributed: [ ] Yes [ ] No [ ] Probably [ ] Unknown")
    d.L("")
    d.L("Certifier signature: ______________________________  License #: ______________")


# ------------------------------------------------------------ 25 jury duty
def t_jury(d):
    rng = d.rng
    county = rng.choice(PLACES) + " County"
    case = d.pick_case({"clinic"})
    juror = d.other("juror ID", d.digits(rng.choice([6, 8, 9])))
    svc = d.date + dt.timedelta(days=rng.randint(10, 45))
    if rng.random() < 0.6:
        pr = d.practice("clinic", case["spec"])
        d.sender = pr
        doc = d.provider("author", spec=SPEC_TITLE.get(case["spec"], case["spec"]))
        d.recip = d.practice("clinic", "Family Medicine")
        d.doctitle = "Jury Excuse"
        d.cont_styles = [0]
        d.letterhead(pr)
        date_line(d)
        d.L(d.ch(["Jury Commissioner", "Office of the Clerk of Court - Jury Services",
                  "Jury Administrator"]))
        d.L(f"{county} Circuit Court")
        d.L("")
        d.Ls(d.idblock(d.ch(["re_comma", "label_lines", "re_multi"]),
                       extra=[("Juror ID", juror), ("Summons date", fdate(svc, "mdY"))],
                       re_word=d.ch(["Re:", "RE:", "Juror:"])))
        d.L("")
        d.L(d.ch(["To Whom It May Concern:", "Dear Jury Commissioner:", "Dear Clerk:"]))
        d.L("")
        d.P(f"{d.name('fl')} is under my care for {d.f(case['dx'])}. " + d.ch([
            "Because of this condition {he} is unable to sit for prolonged periods and "
            "requires frequent position changes and access to a restroom.",
            "{He} is scheduled for treatment during the period of the summons and should "
            "not miss these appointments.",
            "{His} condition and medications make extended concentration and sitting "
            "difficult, and symptoms are unpredictable."]))
        d.P(d.ch(["I respectfully request that {he} be excused from jury service at this "
                  "time.", "Please defer {his} service for at least six months.",
                  "I request a permanent medical exemption from jury service."]))
        d.esig(doc)
    else:
        ours = d.practice("clinic", "Family Medicine")
        d.recip = ours
        d.sender = store_sender(d)
        pcp = d.provider("pcp")
        d.doctitle = "Jury Request"
        d.cont_styles = [0]
        d.L(d.ch(["Please fill out for jury duty", "JURY DUTY - MEDICAL EXCUSE REQUEST"]))
        d.L("")
        d.L(f"To: {pcp['dr']}'s office")
        d.L(f"From: {d.name('fl')}")
        d.L("")
        dob = "" if d.no_dob else f" My date of birth is {d.dob()}."
        d.P(f"Hi, I got a summons for jury duty in {county} on {d.dt(svc)} and my juror "
            f"number is {juror}.{dob} The court says I need a doctor's note to be excused "
            f"because of my {d.ch(['back', 'anxiety', 'bladder problem', 'heart condition', 'surgery'])}. "
            f"The form is attached on the next page. Please fax it to the court at "
            f"{d.fmt_phone(d.rand_phone())} or call me at {d.phone()}. Thank you.")
        d.L(d.name("fl"))
        d.PBR()
        d.L(center(f"{county.upper()} JURY SERVICES"))
        d.L(center("REQUEST FOR MEDICAL EXCUSE / DEFERRAL"))
        d.L("")
        d.L(f"Juror name: {d.name(d.ch(['FLU', 'fl']))}    Juror #: {juror}")
        d.L(f"Report date: {fdate(svc, 'mdY')}")
        if d.r() < 0.6:
            d.L(f"Address: {d.address_one()}")
        d.L("")
        d.L("To be completed by a licensed physician:")
        d.L("Nature of condition: _______________________________________________")
        d.L("Expected duration:   [ ] Temporary (months: ___)   [ ] Permanent")
        d.L("Physician signature: ___________________________  Date: __________")

# ------------------------------------------------------------ 26 ED record
def t_ed(d):
    case = d.pick_case({"ed", "hosp"})
    rng = d.rng
    hosp = d.practice("hospital", "Emergency Medicine")
    d.sender = hosp
    edmd = d.provider("author", spec="Emergency Medicine")
    pcp = d.provider("pcp")
    d.recip = d.practice("clinic", "Family Medicine")
    d.doctitle = "ED Record"
    d.cont_styles = [2, 6, 3]
    d.letterhead(hosp, style=d.ch([0, 2, 4]), extra="Emergency Department")
    d.L(center(d.ch(["EMERGENCY DEPARTMENT PHYSICIAN RECORD", "ED PROVIDER NOTE",
                     "EMERGENCY DEPARTMENT VISIT SUMMARY - PCP NOTIFICATION"])))
    d.L("")
    arr = f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}"
    enc = d.other("ED encounter #", d.ch(["E", "", "ED"]) + d.digits(9))
    d.Ls(d.idblock(d.ch(["table", "dictated"]),
                   extra=[("ARRIVAL", f"{fdate(d.date, 'mdY')} {arr}"), ("ENCOUNTER", enc),
                          ("PCP", pcp["name"])]))
    d.L("")
    d.H("CHIEF COMPLAINT:", cc_text(d.f(case["reason"])))
    d.H("TRIAGE:", f"ESI {rng.randint(2, 4)}. {d.vitals_line()}.")
    txt = hpi_text(d, case, 2) or " ".join(d.f(c) for c in case.get("course", [])[:1])
    d.H("HPI:", f"{{age}}-year-old {{man}} presents with {d.f(case['reason'])}. {txt}")
    if rng.random() < 0.5:
        rel = d.relative()
        d.P(f"Accompanied by {{his}} {rel['rel']}, {rel['name']}.")
    d.H("EXAM:", " ".join(d.f(e) for e in case.get("exam", ["Uncomfortable, nontoxic. "
                                                            "Lungs with right basilar "
                                                            "crackles."])))
    d.H("ED COURSE / MDM:", d.ch([
        "Labs and imaging reviewed as below. Symptoms improved after treatment in the "
        "department. Low suspicion for an emergent surgical process at this time.",
        "Differential considered. Patient re-examined after medications with improvement. "
        "Shared decision making regarding admission versus outpatient follow-up."]) + " " +
        " ".join(d.f(x) for x in case.get("data", [])[:1]))
    d.H("DIAGNOSIS:", f"{cap1(d.f(case['dx']))}.")
    disp = d.ch(["Discharged home in stable condition.", "Admitted to hospitalist service.",
                 "Discharged with follow-up instructions."])
    d.H("DISPOSITION:", disp)
    d.H("FOLLOW-UP:", f"{pcp['dr']} within 2-3 days. Return for worsening symptoms.")
    if "Discharged" in disp:
        d.H("PRESCRIPTIONS:", {
            "stone": "Tamsulosin 0.4 mg daily; ondansetron 4 mg ODT every 8 hours as needed; "
                     "ketorolac 10 mg every 6 hours as needed, max 5 days.",
            "wrist": "Ibuprofen 400 mg every 6 hours as needed with food.",
            "gallbladder": "Ondansetron 4 mg ODT every 8 hours as needed.",
            "pna": "Amoxicillin-clavulanate 875 mg twice daily and azithromycin 500 mg daily "
                   "x 5 days.",
            "cellulitis": "Cephalexin 500 mg four times daily x 7 days.",
            "asthma": "Prednisone 40 mg daily x 5 days; albuterol HFA 2 puffs every 4 hours "
                      "as needed."}.get(case["key"], "None."))
    d.esig(edmd, closing=False)
    d.L("")
    d.L(f"This summary was faxed to the PCP on file: {pcp['name']}, "
        f"fax {d.fmt_phone(d.recip['fax'])}")


# ------------------------------------------------------------ 27 lab results letter
def t_lab_letter(d):
    rng = d.rng
    pr = d.practice("clinic", d.ch(["Internal Medicine", "Family Medicine", "Endocrinology",
                                    "Cardiology"]))
    d.sender = pr
    doc = d.provider("author", spec=SPEC_TITLE.get(pr["spec"], pr["spec"]))
    pcp = d.provider("pcp")
    d.recip = d.practice("clinic", "Family Medicine")
    d.doctitle = "Results Letter"
    d.cont_styles = [0, 4]
    d.letterhead(pr)
    date_line(d)
    if d.child:
        d.relative(d.ch(["mother", "father"]))
        d.L(f"To the parent or guardian of {d.name('fl')}")
    else:
        d.L(d.name(d.ch(["titlefull", "full", "fl"])))
    d.Ls(d.address_lines())
    d.L("")
    if rng.random() < 0.6:
        st = d.ch(["re_comma", "label_lines", "one_line"])
        d.Ls(d.idblock(st, re_word="Re:"))
        d.L("")
    sal = d.name("title") if not d.child else "Parent/Guardian"
    d.L(f"Dear {sal}," if rng.random() < 0.7 else f"Dear {d.name('first')},")
    d.L("")
    t = d.tok
    d.P(d.ch([
        f"I am writing to let you know the results of the blood work drawn on "
        f"{d.dt(d.date - dt.timedelta(days=rng.randint(3, 14)))}.",
        "We tried to reach you by phone regarding your recent test results and were unable "
        "to leave a message, so I am sending this letter.",
        "Thank you for completing your recent laboratory tests. Your results are below."]))
    d.L(d.ch(["RESULTS:", "Your results:"]))
    res = d.sample([f"Hemoglobin A1c: {t['a1c']}% (goal under 7.0%)",
                    f"LDL cholesterol: {t['ldl']} mg/dL",
                    f"TSH: {t['tsh']} mIU/L (normal 0.4-4.5)",
                    f"Creatinine: {t['cr']} mg/dL; eGFR {t['egfr']}",
                    f"Hemoglobin: {t['hgb']} g/dL", "Vitamin D, 25-OH: 18 ng/mL (low)",
                    f"Potassium: {t['k']} mmol/L (normal)"], rng.randint(2, 4))
    d.bullets(res, style="dash")
    d.L("")
    d.P(d.ch(["Some of these values are outside the goal range. Please schedule a follow-up "
              "visit within the next month so we can discuss adjusting your treatment.",
              "Overall these results are reassuring. Please continue your current "
              "medications and we will repeat the tests in 6 months.",
              "Your vitamin D level is low. Please start vitamin D3 2000 IU daily, available "
              "over the counter."]))
    d.P(f"If you have questions, please call our office at {d.fmt_phone(pr['phone'])}.")
    d.esig(doc)
    d.L("")
    d.cc([pcp["name"] + " (PCP)"])


# ------------------------------------------------------------ 28 pre-op clearance
def t_clearance(d):
    case = d.pick_case({"proc"})
    rng = d.rng
    sp = d.practice("clinic", case["spec"])
    d.sender = sp
    surg = d.provider("surgeon", spec=SPEC_TITLE.get(case["spec"], case["spec"]))
    coord = d.staff("author", "Surgical Coordinator")
    pcp = d.provider("pcp")
    d.recip = d.practice("clinic", "Family Medicine")
    d.doctitle = "Clearance Request"
    d.cont_styles = [1, 3, 0]
    d.letterhead(sp, style=d.ch([0, 1, 3]))
    d.L(center(d.ch(["PRE-OPERATIVE MEDICAL CLEARANCE REQUEST", "REQUEST FOR SURGICAL "
                     "CLEARANCE", "PREOPERATIVE RISK ASSESSMENT REQUEST"])))
    d.L("")
    d.L(f"Date: {fdate(d.date, 'mdY')}")
    d.L(f"To: {pcp['name']}   Fax: {d.fmt_phone(d.recip['fax'])}")
    d.L(f"From: {coord['name']} for {surg['name']}")
    d.L("")
    sdate = d.date + dt.timedelta(days=rng.randint(10, 40))
    extra = [("Procedure", d.f(case["proc"]["name"])[:72]),
             ("Surgery date", fdate(sdate, "mdY")),
             ("Anesthesia", case["proc"]["anesthesia"])]
    if rng.random() < 0.5:
        extra.insert(0, ("Phone", d.phone()))
    d.Ls(d.idblock(d.ch(["label_lines", "one_line", "re_multi", "table"]), extra=extra))
    d.L("")
    d.P(f"Our mutual patient {d.name('fl')} is scheduled for the procedure above. Please "
        f"evaluate {{him}} and provide medical clearance, including any recommendations for "
        f"perioperative management. Please fax the following by "
        f"{d.dt(sdate - dt.timedelta(days=5))}:")
    d.bullets(d.sample(["History and physical within 30 days", "EKG (age 50 or older)",
                        "CBC, BMP, PT/INR", "Hemoglobin A1c (diabetic patients)",
                        "Chest x-ray if indicated", "Cardiology clearance if applicable"], 4),
              style=d.ch(["dash", "num"]))
    d.L("")
    d.L("Anticoagulant/antiplatelet instructions (please indicate):")
    d.L("  [ ] Hold ________ for ___ days before surgery   [ ] Continue   [ ] Bridge")
    d.L("")
    d.L("Clearance decision:")
    d.L("  [ ] Cleared for surgery   [ ] Cleared with recommendations   [ ] Not cleared")
    d.L("Physician signature: ___________________________  Date: __________")
    d.L("")
    d.P(f"Questions: {coord['name']}, {d.fmt_phone(sp['phone'])} ext. {rng.randint(200, 499)}. "
        f"Thank you for your assistance.")


# ------------------------------------------------------------ 29 DME order
def t_dme(d):
    case = d.pick_case({"dme"})
    rng = d.rng
    sup = d.practice("dme", "DME")
    sup["name"] = d.ch([f"{sup['place']} Medical Supply", f"{sup['place']} Home Respiratory Services",
                        f"{sup['city']} Home Medical Equipment", f"{sup['place']} HME, Inc."])
    d.sender = sup
    md = d.provider("ordering", spec=SPEC_TITLE.get(case["spec"], case["spec"]))
    d.recip = d.practice("clinic", case["spec"])
    d.doctitle = "DME Order"
    d.cont_styles = [2, 3, 0]
    d.letterhead(sup, style=d.ch([1, 3, 0]))
    d.L(center(d.ch(["STANDARD WRITTEN ORDER - SIGNATURE REQUIRED",
                     "DETAILED WRITTEN ORDER / CERTIFICATE OF MEDICAL NECESSITY",
                     "DME ORDER REQUEST - PLEASE SIGN AND RETURN"])))
    d.L("")
    medicare = d.age >= 65
    rows = [("Beneficiary:" if medicare else "Patient:", d.name(d.ch(["LF", "full"])))]
    if not d.no_dob:
        rows.append(("DOB:", d.dob()))
    if rng.random() < 0.7:
        rows.append(("Address:", d.address_one()))
    if rng.random() < 0.6:
        rows.append(("Phone:", d.phone()))
    if medicare:
        al = "ACDEFGHJKMNPQRTUVWXY"
        mbi = (str(rng.randint(1, 9)) + rng.choice(al) + rng.choice(al + "0123456789") +
               str(rng.randint(0, 9)) + "-" + rng.choice(al) + rng.choice(al + "0123456789") +
               str(rng.randint(0, 9)) + "-" + rng.choice(al) + rng.choice(al) +
               str(rng.randint(0, 9)) + str(rng.randint(0, 9)))
        rows.append(("Medicare MBI:", d.other("Medicare MBI", mbi)))
    else:
        rows.append(("Insurance ID:", d.other("member ID", d.ch(["", "N"]) + d.digits(10))))
    d.kv(rows, w=15)
    d.L("")
    if case["key"] == "osa":
        items = [("E0601", "CPAP device, auto-titrating 5-15 cm H2O"),
                 ("E0562", "Heated humidifier"), ("A7030", "Full face mask, 1 per 3 months"),
                 ("A7037", "Tubing, 1 per 3 months"), ("A7038", "Disposable filters, 2 per month")]
        just = f"Obstructive sleep apnea (G47.33), AHI {d.tok['ahi']} on home sleep test."
    else:
        items = [("E1390", "Oxygen concentrator, 2 L/min continuous with sleep and exertion"),
                 ("E0431", "Portable gaseous oxygen system"),
                 ("E1392", "Portable oxygen concentrator"),
                 ("A4615", "Nasal cannula, 2 per month")]
        just = f"{cap1(d.f(case['dx']))} ({case['icd']}); SpO2 86% on room air " \
               f"with ambulation, 93% on 2 L."
    d.L("ITEMS ORDERED:")
    for code, desc in items:
        d.L(f"  {code}  {desc}")
    d.L("")
    d.L(f"Qualifying diagnosis/testing: {just}")
    d.L("Length of need: 99 months (lifetime)")
    d.L(f"Order date: {fdate(d.date, 'mdY')}")
    d.L("")
    d.L(f"Ordering practitioner: {md['name']}   NPI {d.other('NPI', md['npi'])}")
    d.L("Signature: ______________________________   Date signed: ____________")
    d.L("")
    d.P(f"Medicare requires the practitioner's signature and date on this order before "
        f"billing. Please also fax the most recent office note documenting the face-to-face "
        f"evaluation to {d.fmt_phone(sup['fax'])}. Intake coordinator: "
        f"{d.staff('intake')['name']}.")


# ------------------------------------------------------------ 30 phone message
def t_phone(d):
    rng = d.rng
    svc = d.practice("agency", "Answering Service")
    svc["name"] = d.ch(["AnswerNet Medical", f"{svc['place']} Answering Service",
                        "MedCall After-Hours Services", f"{svc['city']} Physician Exchange"])
    d.sender = svc
    ours = d.practice("clinic", d.ch(["Family Medicine", "Internal Medicine", "Pediatrics"]))
    d.recip = ours
    oc = d.provider("on-call")
    d.doctitle = "Message"
    d.cont_styles = [0]
    d.L(center(svc["name"].upper()))
    d.L(center("AFTER-HOURS MESSAGE"))
    d.L("")
    caller_rel = rng.random() < 0.55
    rel = d.relative() if caller_rel else None
    tm = f"{rng.randint(5, 11)}:{rng.randint(0, 59):02d} PM"
    d.L(f"For: {ours['name']}   On call: {oc['dr']}")
    d.L(f"Msg #: {d.other('message #', d.digits(5))}   Taken: {fdate(d.date, 'mdY_np')} {tm}   "
        f"Operator: {d.staff('op')['first']}")
    d.L("")
    if caller_rel:
        d.L(f"Caller: {rel['name']} ({rel['rel']})   Callback: {d.fmt_phone(rel['phone'])}")
    else:
        d.L(f"Caller: {d.name(d.ch(['fl', 'full']))} (self)   Callback: {d.phone()}")
    d.L(f"Patient: {d.name(d.ch(['fl', 'full', 'LF']))}" +
        ("" if d.no_dob else f"   DOB: {d.dob()}"))
    if d.mrn():
        d.L(d.mrn())
    d.L("")
    msgs = ["Patient has a fever of 102.4 since this afternoon, taking Tylenol, asking if "
            "needs to be seen tonight.",
            "Calling about a rash that started after the new antibiotic. No trouble "
            "breathing. Wants to know whether to stop it.",
            "Ran out of blood pressure medication, pharmacy closed until Monday. Requesting "
            "a short supply be sent to the 24-hour pharmacy.",
            "Fell in the bathroom, no head strike, bruised right hip, able to walk. Family "
            "wants advice.",
            "Blood sugar readings over 300 for two days, feels thirsty and tired."]
    d.L("Message:")
    d.P(d.ch(msgs), indent=2)
    d.L(f"Urgent: {d.ch(['Yes - paged on-call', 'No - routine next business day', 'Yes'])}")
    if rng.random() < 0.6:
        d.L(f"Disposition: {oc['dr']} returned call at "
            f"{min(11, int(tm.split(':')[0]) + 1)}:{rng.randint(0, 59):02d} PM. "
            + d.ch(["Advised ED evaluation.", "Advised to hold medication and follow up "
                    "in clinic.", "Called in 3-day supply.", "Home care advice given."]))


# ------------------------------------------------------------ 31 radiology
RAD = [
    dict(exam="CHEST, 2 VIEWS", age=(0, 110), hist="Cough and fever.",
         find="The lungs are clear except for patchy opacity in the right lower lobe. No "
              "pleural effusion or pneumothorax. Heart size is normal. Osseous structures "
              "are intact.", imp="Right lower lobe opacity suspicious for pneumonia. "
              "Recommend follow-up radiographs in 6-8 weeks to document resolution."),
    dict(exam="MRI {SIDE} KNEE WITHOUT CONTRAST", age=(14, 90), hist="Knee pain, locking.",
         find="Complex tear of the posterior horn of the medial meniscus extending to the "
              "inferior articular surface. Moderate joint effusion. The cruciate and "
              "collateral ligaments are intact. Grade 3 chondromalacia of the medial femoral "
              "condyle.", imp="1. Complex medial meniscal tear. 2. Medial compartment "
              "chondral thinning."),
    dict(exam="CT HEAD WITHOUT CONTRAST", age=(18, 110), hist="Fall, headache.",
         find="No acute intracranial hemorrhage, mass effect, or midline shift. Mild "
              "periventricular white matter hypodensities consistent with chronic small "
              "vessel ischemic change. The calvarium is intact.",
         imp="No acute intracranial abnormality."),
    dict(exam="BILATERAL SCREENING MAMMOGRAM WITH TOMOSYNTHESIS", age=(40, 85), sex="F",
         hist="Routine screening.", find="The breasts are heterogeneously dense, which may "
         "obscure small masses. There is a new 8 mm focal asymmetry in the {side} breast "
         "upper outer quadrant, posterior depth.",
         imp="BI-RADS 0: Incomplete. Diagnostic mammogram and ultrasound of the {side} "
             "breast recommended."),
    dict(exam="ULTRASOUND ABDOMEN, COMPLETE", age=(18, 95), hist="Elevated liver enzymes.",
         find="The liver is enlarged at 18.5 cm with diffusely increased echogenicity. No "
              "focal lesion. Gallbladder contains several mobile stones without wall "
              "thickening. CBD 4 mm. Kidneys normal. No ascites.",
         imp="1. Hepatomegaly with hepatic steatosis. 2. Cholelithiasis without "
             "cholecystitis."),
    dict(exam="DXA BONE DENSITY", age=(50, 95), hist="Screening for osteoporosis.",
         find="Lumbar spine L1-L4 T-score -2.7. Left femoral neck T-score -2.2. Total hip "
              "T-score -1.9. FRAX 10-year major osteoporotic fracture risk 21%, hip "
              "fracture risk 3.6%.", imp="Osteoporosis by WHO criteria."),
    dict(exam="LOW-DOSE CT CHEST FOR LUNG CANCER SCREENING", age=(50, 80),
         hist="30 pack-year smoker.", find="6 mm solid nodule in the right upper lobe, "
         "series 3 image 47. Mild centrilobular emphysema. Coronary artery calcification.",
         imp="Lung-RADS 3, probably benign. Recommend low-dose CT in 6 months."),
]


def t_radiology(d):
    rng = d.rng
    cands = [r for r in RAD if r["age"][0] <= d.age <= r["age"][1] and
             r.get("sex") in (None, d.pt.sex)] or RAD[:1]
    rr = d.ch(cands)
    d.notes.append("clinical: imaging " + rr["exam"].split(",")[0].lower().replace("{side} ", ""))
    ic = d.practice("clinic", "Radiology")
    ic["name"] = d.ch([f"{ic['place']} Imaging Center", f"{ic['city']} Open MRI & Imaging",
                       f"{ic['place']} Radiology Associates", f"Advanced Diagnostic Imaging of "
                       f"{ic['city']}"])
    d.sender = ic
    rad = d.provider("author", spec="Diagnostic Radiology")
    ordering = d.provider("ordering")
    d.recip = d.practice("clinic", "Family Medicine")
    d.doctitle = "Radiology Report"
    d.cont_styles = [2, 6]
    d.letterhead(ic, style=d.ch([0, 2, 3, 4]))
    acc = d.other("accession #", d.ch(["", "RAD", "A"]) + d.digits(8))
    ex_date = d.date - dt.timedelta(days=rng.randint(0, 2))
    d.Ls(d.idblock(d.ch(["dictated", "table"]),
                   extra=[("EXAM DATE", fdate(ex_date, "mdY")), ("ACCESSION", acc),
                          ("ORDERING", ordering["name"])]))
    d.L("")
    side = d.side.upper()
    d.H("EXAM:", rr["exam"].replace("{SIDE}", side))
    d.H("CLINICAL HISTORY:", rr["hist"])
    d.H("COMPARISON:", d.ch(["None.", f"{fdate(ex_date - dt.timedelta(days=400), 'mdY')}.",
                             "No prior studies available."]))
    d.H("TECHNIQUE:", d.ch(["Standard protocol.", "Per department protocol; no contrast.",
                            "Routine views were obtained."]))
    d.H("FINDINGS:", rr["find"].replace("{side}", d.side))
    d.H("IMPRESSION:", rr["imp"].replace("{side}", d.side))
    d.L(f"Electronically signed: {rad['name']}  {fdate(ex_date, 'mdY')} "
        f"{rng.randint(8, 19):02d}:{rng.randint(0, 59):02d}")
    if rng.random() < 0.4:
        d.L("")
        d.P(f"Critical/unexpected finding communicated to {ordering['dr']}'s office "
            f"({d.staff('office nurse', 'RN')['name']}) by telephone.")


# ------------------------------------------------------------ 32 care management
def t_care_mgmt(d):
    rng = d.rng
    ins = insurer_head(d)
    cm = d.staff("author", d.ch(["RN, CCM", "RN", "LCSW"]))
    pcp = d.provider("pcp")
    d.recip = d.practice("clinic", "Family Medicine")
    d.doctitle = "Care Management"
    d.cont_styles = [1, 4, 0]
    d.letterhead(ins, style=d.ch([0, 1, 3]), extra="Care Management Program")
    date_line(d)
    d.L(pcp["name"])
    d.L(d.recip["name"])
    d.L(f"Fax: {d.fmt_phone(d.recip['fax'])}")
    d.L("")
    mid = d.other("member ID", d.ch(["", "M", "WK"]) + d.digits(9))
    member_block(d, mid, [("Program:", d.ch(["Transitions of Care", "Complex Case Management",
                                              "Diabetes Care Program", "Heart Failure Program"]))])
    d.L(f"Dear {pcp['dr']}:")
    d.L("")
    d.P(d.ch([
        f"Our records indicate that your patient, {d.name('fl')}, was recently discharged from "
        f"{d.ch(SAINTS)} Hospital after an admission for "
        f"{d.ch(['heart failure', 'COPD exacerbation', 'pneumonia', 'a fall with injury'])}. "
        f"{{He}} has been enrolled in our transitions of care program.",
        f"{d.name('fl')} is enrolled in our care management program. As part of our quality "
        "program we are sharing the following care gaps identified through claims data."]))
    d.L("Identified care opportunities:")
    d.bullets(d.sample(["No hemoglobin A1c claim in the past 6 months",
                        "Diabetic retinal exam not found for the measurement year",
                        "Statin therapy not filled in the past 90 days",
                        "Medication adherence below 80% for an ACE inhibitor",
                        "No follow-up visit within 7 days of discharge",
                        "Colorectal cancer screening due", "Annual wellness visit not "
                        "completed"], 3), style="dash")
    d.L("")
    if rng.random() < 0.5:
        rel = d.relative()
        d.P(f"During our call the member's {rel['rel']}, {rel['name']}, reported difficulty "
            "obtaining transportation to appointments. We have arranged ride benefits.")
    d.P(f"Please contact me at {d.fmt_phone(ins['phone'])} ext. {rng.randint(1000, 9999)} "
        "if you would like to coordinate. This information is provided for care "
        "coordination and does not replace your clinical judgment.")
    d.L("Sincerely,")
    d.L("")
    d.L(cm["name"])
    d.L(f"Care Manager, {ins['name']}")

# ================================================================ registry
# name: (function, min age, max age, case kinds or None, p_mrn, p_cover, description)
TEMPLATES = {
    "consult_letter": (t_consult, 0, 110, {"clinic"}, 0.55, 0.30,
                       "Specialist consultation letter to the referring physician "
                       "(Re: block variants or name only in salutation/body)."),
    "followup_letter": (t_followup, 0, 110, {"clinic"}, 0.60, 0.20,
                        "Short specialist follow-up letter ('I saw Mr. X back today')."),
    "referral_letter": (t_referral, 0, 110, {"clinic"}, 0.45, 0.35,
                        "PCP referral to a specialist with demographics/insurance block and "
                        "optional medication-list enclosure page."),
    "discharge_summary": (t_discharge, 18, 110, {"hosp"}, 0.70, 0.30,
                          "Hospital discharge summary, dictated table header, account/FIN "
                          "numbers, multi-page."),
    "progress_note": (t_progress, 0, 110, {"clinic"}, 0.70, 0.20,
                      "Dictated clinic progress note (PATIENT: LAST, FIRST  MR#  DOB  DOS)."),
    "operative_report": (t_operative, 0, 110, {"proc"}, 0.70, 0.25,
                         "Operative/procedure report with surgeon/assistant/anesthesia."),
    "history_physical": (t_hp, 0, 110, {"hosp", "proc"}, 0.70, 0.20,
                         "Admission or pre-operative history and physical."),
    "pt_progress_note": (t_pt, 12, 102, None, 0.50, 0.30,
                         "Physical-therapy progress note / re-certification with physician "
                         "signature request."),
    "pharmacy_refill": (t_refill, 0, 110, {"refill", "pa"}, 0.45, 0.10,
                        "Pharmacy refill authorization request (Rx#, NPI, DEA, NCPDP)."),
    "prior_auth_form": (t_pa_form, 0, 110, {"pa"}, 0.30, 0.20,
                        "PBM prior-authorization request form to prescriber (member ID, "
                        "case ID)."),
    "medical_necessity_letter": (t_lmn, 0, 110, {"pa", "proc"}, 0.50, 0.30,
                                 "Letter of medical necessity / appeal to an insurer."),
    "insurance_denial": (t_denial, 0, 110, {"pa", "proc"}, 0.20, 0.20,
                         "Insurer adverse determination (Member/Member ID/DOB/claim/ref #)."),
    "insurance_approval": (t_approval, 0, 110, {"pa", "proc"}, 0.30, 0.20,
                           "Insurer authorization approval notice (auth #)."),
    "records_release": (t_release, 0, 110, None, 0.50, 0.40,
                        "Patient-signed HIPAA release authorization (guardian/POA variants)."),
    "attorney_request": (t_attorney, 16, 95, None, 0.35, 0.50,
                         "Law-firm records request with client/DOB/date of loss and an "
                         "authorization page."),
    "fmla_certification": (t_fmla, 0, 110, {"clinic", "hosp", "proc"}, 0.55, 0.40,
                           "FMLA certification; employee may be a relative caring for the "
                           "patient."),
    "disability_aps": (t_disability, 20, 67, {"clinic", "proc", "work"}, 0.45, 0.40,
                       "Disability insurer attending physician statement (claim/policy #)."),
    "home_health_note": (t_homehealth, 18, 110, {"hh"}, 0.55, 0.30,
                         "Home-health skilled nursing visit note plus order to sign."),
    "hospice_note": (t_hospice, 45, 110, None, 0.50, 0.30,
                     "Hospice recertification / face-to-face / IDG update."),
    "snf_transfer": (t_snf_transfer, 62, 110, {"snf", "hosp", "hh"}, 0.60, 0.10,
                     "Nursing-home to hospital transfer form (resident, room, POA)."),
    "school_note": (t_school, 4, 18, {"school", "clinic"}, 0.40, 0.10,
                    "School excuse, school medication authorization, or school-nurse letter."),
    "work_status": (t_work, 18, 72, {"work", "clinic"}, 0.55, 0.20,
                    "Work status / workers' comp restriction report."),
    "patient_letter": (t_patient_letter, 0, 110, None, 0.35, 0.05,
                       "Letter or portal message written by the patient or a relative."),
    "death_certificate_request": (t_death_cert, 25, 110, None, 0.40, 0.30,
                                  "Funeral-home request to certify death + worksheet page."),
    "jury_duty": (t_jury, 18, 85, {"clinic"}, 0.40, 0.10,
                  "Physician jury-excuse letter or patient's request with court form."),
    "ed_record": (t_ed, 1, 110, {"ed", "hosp"}, 0.70, 0.20,
                  "Emergency department physician record faxed to PCP."),
    "lab_results_letter": (t_lab_letter, 0, 110, None, 0.55, 0.10,
                           "Results letter mailed to the patient's home address, cc PCP."),
    "preop_clearance_request": (t_clearance, 0, 110, {"proc"}, 0.50, 0.30,
                                "Surgeon's request for pre-operative medical clearance."),
    "dme_order": (t_dme, 25, 100, {"dme"}, 0.40, 0.30,
                  "DME supplier written order for signature (CPAP/oxygen, MBI)."),
    "phone_message": (t_phone, 0, 110, None, 0.50, 0.00,
                      "Answering-service after-hours message (caller may be a relative)."),
    "radiology_report": (t_radiology, 0, 110, None, 0.60, 0.20,
                         "Outside imaging-center report (accession #, ordering MD)."),
    "care_management_letter": (t_care_mgmt, 18, 110, None, 0.25, 0.20,
                               "Health-plan care-management / care-gap letter to PCP."),
}


def feasible(tname, age, sex):
    fn, lo, hi, kinds, *_ = TEMPLATES[tname]
    if not (lo <= age <= hi):
        return False
    if tname == "pt_progress_note":
        return any(c["age"][0] <= age <= c["age"][1] for c in PT_CASES)
    if tname == "dme_order" and age < 25:
        return False
    if kinds is None:
        return True
    return any(c["kinds"] & kinds and c["age"][0] <= age <= c["age"][1] and
               c.get("sex") in (None, sex) for c in CASES)


# ================================================================ people
def parse_date(s):
    return dt.date(int(s[:4]), int(s[5:7]), int(s[8:10]))


def roster_person(r):
    return Person(first=r["first_name"], last=r["last_name"], sex=r["sex"] or "F",
                  dob=parse_date(r["dob"]), mrn=r["mrn"], phone=r["phone"],
                  address=r["address"], city=r["city"], state=r["state"],
                  zip=r["postal_code"], who="roster")


def rand_dob(rng, date, lo, hi):
    lo = max(lo, 0)
    age = rng.randint(lo, hi)
    d0 = dt.date(date.year - age - 1, date.month, min(date.day, 28)) + dt.timedelta(
        days=rng.randint(1, 364))
    if d0 >= date:
        d0 = date - dt.timedelta(days=40)
    return d0


def absent_person(G, rng, date, tname, kind):
    lo, hi = TEMPLATES[tname][1], min(TEMPLATES[tname][2], 98)
    for _ in range(2000):
        sex = rng.choice("MF")
        note = ""
        if kind == "fullname":
            r = rng.choice(G.rows)
            first, last, sex = r["first_name"], r["last_name"], r["sex"] or "F"
            rd = parse_date(r["dob"])
            if rng.random() < 0.5:
                dob = dt.date(rd.year, rng.randint(1, 12), rng.randint(1, 28))
            else:
                dob = rand_dob(rng, date, lo, hi)
            note = f"lookalike: same first+last name as roster {r['mrn']} ({r['dob']}), DOB differs"
        elif kind == "surname":
            r = rng.choice(G.rows)
            last = r["last_name"]
            first = rng.choice(G.first_m if sex == "M" else G.first_f)
            if G.is_roster_name(first, last):
                continue
            dob = rand_dob(rng, date, lo, hi)
            note = f"lookalike: shares surname '{last}' with roster patients"
        elif kind == "dob":
            r = rng.choice(G.rows)
            dob = parse_date(r["dob"])
            first = rng.choice((G.first_m if sex == "M" else G.first_f) +
                               (EXTRA_FIRST_M if sex == "M" else EXTRA_FIRST_F))
            last = rng.choice(G.extra_last) if rng.random() < 0.7 else rng.choice(G.sorted_surnames)
            if G.is_roster_name(first, last):
                continue
            note = f"lookalike: same DOB as roster {r['mrn']} ({r['dob']}), different name"
        else:
            first = rng.choice((G.first_m if sex == "M" else G.first_f) +
                               (EXTRA_FIRST_M if sex == "M" else EXTRA_FIRST_F))
            last = rng.choice(G.extra_last)
            dob = rand_dob(rng, date, lo, hi)
            if dob.isoformat() in G.dobs:
                continue
            note = "novel: surname not in roster, DOB not in roster"
        ds = dob.isoformat()
        if dob >= date - dt.timedelta(days=30):
            continue
        age = age_on(dob, date)
        if not feasible(tname, age, sex):
            continue
        if (first.lower(), last.lower(), ds) in G.fld:
            continue
        if (last.lower(), ds) in G.last_dob:
            continue
        if kind != "fullname" and (first.lower(), ds) in G.first_dob:
            continue
        city, st = rng.choice(G.cities)
        info = G.city[(city, st)]
        phone = None
        for _ in range(50):
            ph = f"{rng.choice(info['ac'])}-{rng.randint(201, 989)}-{rng.randint(0, 9999):04d}"
            if re.sub(r"\D", "", ph) not in G.phones:
                phone = ph
                break
        addr = f"{rng.randint(10, 9899)} {rng.choice(['Oak', 'Maple', 'Cedar', 'Sunset', 'Hickory', 'Spring', 'Meadow', 'Chestnut', 'Dogwood', 'Briar'])} " \
               f"{rng.choice(['St', 'Ave', 'Dr', 'Ln', 'Ct', 'Rd', 'Cir', 'Way'])}"
        p = Person(first=first, last=last, sex=sex, dob=dob, mrn=None, phone=phone,
                   address=addr, city=city, state=st, zip=rng.choice(info["zips"]),
                   who="absent")
        p.absent_note = note
        return p
    raise RuntimeError("could not make absent person")


# ================================================================ fax chrome
def fax_header(d, i, n, style, when, sender_name, from_fax, to_fax):
    hh, mm, ss = when
    ap = "AM" if hh < 12 else "PM"
    h12 = hh % 12 or 12
    t = d.tx_date
    fd = re.sub(r"\D", "", from_fax)
    td = re.sub(r"\D", "", to_fax)
    nm = sender_name
    if style == 0:
        s = (f"{fdate(t, 'mdY')} {h12:02d}:{mm:02d}{ap}  FROM: {d.fmt_phone(from_fax, 0)}  "
             f"{nm.upper()[:30]}  P.{i:03d}/{n:03d}")
    elif style == 1:
        s = (f"{MON[t.month - 1]} {t.day:2d} {t.year} {hh:02d}:{mm:02d}   From:{fd}   "
             f"To:{td}   Page {i} of {n}")
    elif style == 2:
        s = (f"{fdate(t, 'MONU')} {hh:02d}:{mm:02d} FROM:{nm.upper()[:24]} {fd}  "
             f"T-{d.tx_job} P.{i:03d}/{n:03d} F-{d.tx_f}")
    elif style == 3:
        s = (f"From: {nm[:32]}  Fax: {d.fmt_phone(from_fax, 0)}  Sent: {fdate(t, 'mdY_np')} "
             f"{h12}:{mm:02d}:{ss:02d} {ap}  Page {i}/{n}")
    elif style == 4:
        s = (f"{t.isoformat()} {hh:02d}:{mm:02d}:{ss:02d}  {d.fmt_phone(from_fax, 1)} -> "
             f"{d.fmt_phone(to_fax, 1)}  {nm[:22]}  Pg {i}/{n}")
    elif style == 5:
        s = f"{fdate(t, 'mdy')} {hh:02d}:{mm:02d} {nm[:34]} {d.fmt_phone(from_fax, 2)} p.{i}"
    else:
        s = (f"{fdate(t, 'mdY_np')} {h12}:{mm:02d}:{ss:02d} {ap}  PAGE {i}/{n}  "
             f"Fax Server  FROM {fd}")
    return s


def fax_header_fit(d, i, n, style, when, sender_name, from_fax, to_fax):
    nm = sender_name
    while True:
        s = fax_header(d, i, n, style, when, nm, from_fax, to_fax)
        if len(s) <= MAXW or len(nm) < 6:
            return s[:MAXW]
        nm = nm[:-1].rstrip()


def cover_sheet(d, npages):
    rng = d.rng
    s, r = d.sender, d.recip
    out = []
    title = rng.choice(["FAX", "FACSIMILE TRANSMITTAL", "CONFIDENTIAL FAX COVER SHEET",
                        "FAX COVER SHEET", "*** FAX ***"])
    out.append(center(title))
    out.append("")
    out.append(s["name"])
    if s.get("addr"):
        out.append(f"{s['addr']}, {s['city']}, {s['state']} {s['zip']}")
    out.append("")
    frm = d.cover_from
    to_name = d.ch([f"{d.people['pcp']['name']}" if "pcp" in d.people else "Medical Records",
                    "Medical Records", r["name"], "Referral Coordinator", "Provider"])
    attn = d.staff("recip staff")
    rows = [("Date:", fdate(d.tx_date, rng.choice(["mdY", "long", "mdY_np"]))),
            ("To:", to_name), ("Attn:", f"{attn['name']}"),
            ("Fax:", d.fmt_phone(r["fax"])), ("From:", frm),
            ("Phone:", d.fmt_phone(s.get("phone") or d.rand_phone())),
            ("Fax:", d.fmt_phone(s["fax"]))]
    if rng.random() < 0.4:
        rows = [x for x in rows if x[0] != "Attn:"]
    rmode = rng.random()
    if rmode < 0.35:
        re_ = f"{d.name(d.ch(['fl', 'full', 'LF']))}"
        if not d.no_dob and rng.random() < 0.8:
            re_ += f"  DOB {d.dob(d.ch([None, 'mdY', 'mdY_np', 'iso']))}"
        d.notes.append("cover sheet Re: names patient")
    elif rmode < 0.5:
        re_ = f"{d.doctitle} - {d.name('last')}"
        d.notes.append("cover sheet Re: surname only")
    else:
        re_ = d.ch([d.doctitle, "Medical records", "Patient information", "Requested records",
                    "Please review and sign", d.doctitle + " - see attached"])
    rows.append(("Re:", re_))
    rows.append(("Pages:", f"{npages} (including cover)"))
    w = 9
    for a, b in rows:
        out.append(f"{a:<{w}}{b}")
    out.append("")
    boxes = ["Urgent", "For Review", "Please Comment", "Please Reply", "Please Sign"]
    chk = set(rng.sample(boxes, rng.randint(1, 2)))
    out.append("  ".join(f"[{'X' if b in chk else ' '}] {b}" for b in boxes))
    out.append("")
    out.append("Comments:")
    out.append("  " + rng.choice(["Please see attached.", "Records as requested.",
                                  "Please sign and fax back at your earliest convenience.",
                                  "For your records.", "Thank you for the referral.",
                                  "2nd request - please respond.",
                                  "Please place in chart and route to provider."]))
    out.append("")
    out.append("")
    conf = rng.choice([
        "CONFIDENTIALITY NOTICE: The documents accompanying this facsimile contain "
        "confidential health information that is legally privileged. This information is "
        "intended only for the use of the individual or entity named above. If you are not "
        "the intended recipient, you are hereby notified that any disclosure, copying, "
        "distribution, or action taken in reliance on the contents of these documents is "
        "strictly prohibited. If you have received this fax in error, please notify the "
        "sender immediately and destroy the documents.",
        "This facsimile may contain protected health information (PHI) under HIPAA. It is "
        "intended solely for the addressee. Redisclosure without authorization is "
        "prohibited. If received in error, call the number above and destroy all copies."])
    out.extend(textwrap.wrap(conf, 84))
    return out


def cont_header(d, style, n, total):
    dob_alt = None
    if not d.no_dob:
        dob_alt = d.dob(d.cont_dob_style)
    if style == 1:
        s = f"Re: {d.name(d.ch(['fl', 'full']))}"
        if dob_alt:
            s += f"  DOB {dob_alt}"
        return [f"{s}  Page {n}"]
    if style == 2:
        m = d.mrn()
        mid = m if m else (f"DOB: {dob_alt}" if dob_alt else "")
        return [f"{d.name('LF')}   {mid}   Page {n} of {total}".replace("      ", "   ")]
    if style == 3:
        s = d.name("fl")
        if dob_alt:
            s += f" - DOB {dob_alt}"
        return [f"{s} - {d.doctitle} - p. {n}"]
    if style == 4:
        return [f"Patient: {d.name('full')} (continued)"]
    if style == 5:
        rp = d.people.get("pcp") or d.people.get("specialist")
        out = []
        if rp:
            out.append(rp["name"])
        out.append(d.dt(d.date))
        out.append(f"Page {n}")
        out.append(f"Re: {d.name('fl')}")
        return out
    if style == 6:
        return [f"{d.doctitle.upper()}   {d.name('LF')}   Page {n} of {total}"]
    return []


def paginate(lines, cap):
    pages, cur = [], []
    for ln in lines:
        if ln == PB:
            if cur:
                pages.append(cur)
            cur = []
            continue
        cur.append(ln)
        if len(cur) >= cap:
            idx = None
            for j in range(len(cur) - 1, max(len(cur) - 16, 0), -1):
                if cur[j] == "":
                    idx = j
                    break
            if idx:
                pages.append(cur[:idx])
                cur = cur[idx + 1:]
            else:
                pages.append(cur)
                cur = []
    if cur:
        pages.append(cur)
    out = []
    for pg in pages:
        while pg and pg[0] == "":
            pg = pg[1:]
        while pg and pg[-1] == "":
            pg = pg[:-1]
        if pg:
            out.append(pg)
    return out


def finish(d, p_cover):
    rng = d.rng
    cap = rng.randint(50, 60)
    pages = paginate(d.lines, cap)
    total = len(pages)
    cstyle = rng.choice(d.cont_styles) if total > 1 else 0
    if total > 1:
        if rng.random() < 0.2:
            cstyle = 0
        d.notes.append(f"{total} body pages; continuation header style {cstyle}"
                       + (" (none)" if cstyle == 0 else ""))
    for k in range(1, total):
        hdr = cont_header(d, cstyle, k + 1, total)
        if hdr:
            pages[k] = hdr + [""] + pages[k]
    if rng.random() < p_cover:
        d.cover = True
        pages.insert(0, None)
    n = len(pages)
    if d.cover:
        pages[0] = cover_sheet(d, n)
        d.notes.append("fax cover sheet")
    style = rng.randint(0, 6)
    hh = rng.randint(7, 18)
    mm = rng.randint(0, 59)
    ss = rng.randint(0, 59)
    snd = d.sender
    sname = snd.get("fax_id") or snd["name"]
    out = []
    recv = rng.random() < 0.12
    for i, pg in enumerate(pages, 1):
        mm2 = min(59, mm + (i - 1) // 3)
        hdr = [fax_header_fit(d, i, n, style, (hh, mm2, ss), sname, snd["fax"], d.recip["fax"])]
        if recv:
            hdr.insert(0, f"RECEIVED {fdate(d.tx_date, 'mdY')} {hh:02d}:{min(59, mm + 1):02d}"
                          f"  {d.recip['name'][:40].upper()}  PG {i}")
        out.append(hdr + [""] + pg)
    text = "\n\f\n".join("\n".join(enforce(pg)) for pg in out) + "\n"
    return text, n


# ================================================================ main
def build_doc(G, rng, did, tname, pt, date):
    fn, lo, hi, kinds, p_mrn, p_cover, desc = TEMPLATES[tname]
    d = Doc(G, rng, did, tname, pt, date)
    d.width = rng.choice([78, 80, 82, 84, 86, 88])
    d.inline_heads = rng.random() < 0.5
    d.bullet_style = rng.choice(["num", "dash", "star"])
    d.phone_style = rng.randint(0, 3)
    d.mrn_bare = rng.random() < 0.5
    d.cont_dob_style = rng.choice([None, None, "mdY_np", "mdY", "mdy" if 1936 <= pt.dob.year
                                   <= 2020 else "mdY"])
    d.area = pt.phone[:3] if pt.phone else "555"
    d.doctitle = tname.replace("_", " ").title()
    d.cont_styles = [0]
    if pt.who == "roster":
        d.show_mrn = rng.random() < min(0.95, p_mrn * 1.25)
    else:
        d.show_mrn = pt.fake_mrn is not None
    d.no_dob = rng.random() < 0.05 and not getattr(pt, "absent_note", "").startswith(
        "lookalike: same DOB")
    d.tx_date = date + dt.timedelta(days=rng.choice([0, 0, 0, 1, 1, 2, 3, 6]))
    d.tx_job = rng.randint(100, 999)
    d.tx_f = rng.randint(100, 999)
    d.build_tokens()
    fn(d)
    author = d.people.get("author")
    d.cover_from = author["name"] if author else d.sender["name"]
    text, npages = finish(d, p_cover)
    return d, text, npages


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--roster", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    with open(a.roster, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    rows.sort(key=lambda r: r["mrn"])
    G = Globals(rows)
    rng = random.Random(a.seed * 7919 + 17)
    os.makedirs(a.out, exist_ok=True)
    n = a.docs
    n_abs = round(n * 0.25)
    whos = ["absent"] * n_abs + ["roster"] * (n - n_abs)
    rng.shuffle(whos)
    # exactly half of the absent people are look-alikes (name, surname or DOB)
    look = ["fullname", "surname", "dob"]
    abs_kinds = [look[(k // 2) % 3] if k % 2 == 0 else "novel" for k in range(n_abs)]
    rng.shuffle(abs_kinds)
    tnames = list(TEMPLATES)
    order = []
    while len(order) < n:
        block = tnames[:]
        rng.shuffle(block)
        order.extend(block)
    order = order[:n]
    truth = []
    start = dt.date(2025, 1, 6)
    ai = 0
    width = max(4, len(str(n)))
    for i in range(n):
        did = f"fb{a.seed}-{i + 1:0{width}d}"
        tname = order[i]
        date = start + dt.timedelta(days=rng.randint(0, 297))
        if date.weekday() >= 5:
            date -= dt.timedelta(days=date.weekday() - 4)
        who = whos[i]
        if who == "roster":
            for _ in range(5000):
                r = rng.choice(rows)
                p = roster_person(r)
                if p.dob >= date - dt.timedelta(days=30):
                    continue
                if feasible(tname, age_on(p.dob, date), p.sex):
                    break
            else:
                raise RuntimeError("no roster patient for " + tname)
        else:
            p = absent_person(G, rng, date, tname, abs_kinds[ai])
            ai += 1
            if rng.random() < 0.15:
                for _ in range(100):
                    fake = rng.choice(["", "MRN"]) + str(rng.randint(1000000, 9999999))
                    if fake not in G.mrns and re.sub(r"\D", "", fake) not in G.mrn_digits:
                        p.fake_mrn = fake
                        break
        notes = []
        if rng.random() < 0.25:
            p.mi = rng.choice("ABCDEFGHJKLMNPRSTW")
            notes.append(f"middle initial '{p.mi}' added (roster has none)")
        p.self_written = tname in ("patient_letter", "records_release", "jury_duty")
        if who == "roster" and rng.random() < 0.15 and (not p.self_written or p.first in NICK):
            p.pfirst, p.plast, vnote = nickname_or_typo(rng, p, G)
            notes.append(vnote)
        d, text, npages = build_doc(G, rng, did, tname, p, date)
        with open(os.path.join(a.out, did + ".txt"), "w", encoding="utf-8") as fh:
            fh.write(text)
        pr = d.printed
        ident = []
        if "name" in pr:
            ident.append("name")
        if "dob" in pr:
            ident.append("DOB as " + " and ".join(pr["dob"]))
        else:
            ident.append("no DOB printed")
        if "mrn" in pr:
            if who == "roster":
                ident.append(f"MRN printed as '{pr['mrn']}'")
            else:
                ident.append(f"non-roster MRN printed as '{pr['mrn']}' (sender's own number)")
        else:
            ident.append("no MRN")
        if "address" in pr:
            ident.append("address")
        if "phone" in pr:
            ident.append("phone")
        if "phone_as_fax" in pr:
            ident.append("patient's phone appears as the sending fax number in the header")
        if "relative_named" in pr:
            rels = [f"{v['rel']} {v['name']}" for k, v in d.people.items()
                    if isinstance(k, tuple) and k[0] == "rel"]
            ident.append("other people named: " + "; ".join(rels))
        if d.other_ids:
            seen = []
            for x in d.other_ids:
                if x not in seen:
                    seen.append(x)
            ident.append("non-MRN numbers: " + ", ".join(seen))
        if who == "absent":
            notes.insert(0, p.absent_note)
        if who == "roster" and not any(n_.startswith(("typo", "nickname")) for n_ in notes):
            notes.append("name exactly as roster")
        allnotes = "; ".join(ident + notes + d.notes + [f"{npages} fax pages"])
        truth.append({"id": did, "mrn": p.mrn if who == "roster" else None, "who": who,
                      "template": tname, "notes": allnotes})
    with open(os.path.join(a.out, "truth.json"), "w", encoding="utf-8") as fh:
        json.dump(truth, fh, indent=1)
    write_readme(a, truth)


def write_readme(a, truth):
    from collections import Counter
    cnt = Counter(t["template"] for t in truth)
    who = Counter(t["who"] for t in truth)
    lines = ["Foreign test set B - prose and correspondence faxes",
             "=" * 52, "",
             f"Generated by make.py --docs {a.docs} --seed {a.seed} (deterministic for "
             "roster + seed).", "",
             "Each <id>.txt is one faxed document. Pages are separated by a line holding only "
             "a form feed.",
             "Every page starts with a fax transmit header line (several machine styles); some "
             "documents",
             "start with a fax cover sheet. Multi-page documents may repeat the patient on "
             "later pages.", "",
             "truth.json: list of {id, mrn, who, template, notes}. who='roster' means the "
             "document is",
             "about the roster patient with that MRN; who='absent' means the person is not in "
             "the roster",
             "(mrn null). Half of the absent people are look-alikes: same first+last name "
             "with another",
             "DOB, same surname, or same DOB as a roster patient. Roster patients are printed "
             "with the",
             "roster's values; ~15% carry a nickname or one-letter typo; a middle initial is "
             "sometimes",
             "added; the DOB is never wrong (sometimes omitted). MRN printed in about half of "
             "the roster",
             "documents, under labels such as MRN, MR#, Med Rec No., Chart #, Patient ID, "
             "Account.",
             "Other numbers (NPI, DEA, member IDs, claim/reference/auth #, Rx #, accession, "
             "account/FIN,",
             "juror IDs, phone/fax) are never the MRN. Providers, staff, relatives are never "
             "roster names.", "",
             f"Counts: {dict(who)}", "", "Templates:"]
    for k, v in TEMPLATES.items():
        lines.append(f"  {k:<28} ({cnt.get(k, 0):>3} in this set)")
        for ln in textwrap.wrap(v[6], 80):
            lines.append("      " + ln)
    with open(os.path.join(a.out, "README.txt"), "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
