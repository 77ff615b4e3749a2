"""Patient identifiers from real page layouts (issue 12): tables, runs of pairs, values under labels,
OCR-damaged labels, and the sender's zones that are never the patient's."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from pipeline.match.extract import Identifiers, NameFound, find_identifiers
from pipeline.match.labels import repair_line
from pipeline.match.layout import layout_lines
from pipeline.records import PageSource, PageText, Word


def ids_of(*pages: str) -> Identifiers:
    return find_identifiers([PageText(i + 1, t, PageSource.ocr) for i, t in enumerate(pages)])


def names(ids: Identifiers) -> list[tuple[str, str, str]]:
    return [(n.first, n.middle, n.last) for n in ids.names]


def row(y: int, items: list[tuple[str, int]], height: int = 30) -> list[Word]:
    return [Word(text, x, y, 16 * len(text), height, 90.0) for text, x in items]


def boxed_page(*rows: list[Word]) -> PageText:
    """A page of word boxes, with the single-spaced text OCR or a PDF text layer gives for it."""
    words = [w for r in rows for w in r]
    text = "\n".join(" ".join(w.text for w in r) for r in rows)
    return PageText(1, text, PageSource.ocr, words=tuple(words))


# --- header row with the values on the row below ---------------------------------------------------

HEADER_TEXT = "Patient          DOB          Account No.\nMatthews, Erin   11/29/1999   181648366"


@pytest.mark.parametrize("rule", ["", "-" * 44, "_" * 44, "=" * 44, "─" * 44, "|" + "-" * 20 + "|" + "-" * 20])
def test_header_row_from_text_spacing(rule):
    header, values = HEADER_TEXT.splitlines()
    ids = ids_of("\n".join(x for x in (header, rule, values) if x))
    assert names(ids) == [("Erin", "", "Matthews")]
    assert ids.dobs == (date(1999, 11, 29),) and ids.other_ids == ("181648366",)


def test_header_row_with_rules_between_cells():
    ids = ids_of("| Patient        | DOB        | MRN     |\n|----------------|------------|---------|\n"
                 "| Matthews, Erin | 11/29/1999 | 4455667 |")
    assert names(ids) == [("Erin", "", "Matthews")]
    assert ids.dobs == (date(1999, 11, 29),) and ids.mrns == ("4455667",)


def test_header_row_from_word_boxes_single_spaced_text():
    page = boxed_page(row(100, [("Patient", 100), ("DOB", 500), ("Account", 800), ("No.", 930)]),
                      row(140, [("Matthews,", 100), ("Erin", 260), ("11/29/1999", 500), ("181648366", 800)]))
    assert ids_of(page.text).dobs == ()  # single-spaced text alone cannot be placed
    ids = find_identifiers([page])
    assert names(ids) == [("Erin", "", "Matthews")]
    assert ids.dobs == (date(1999, 11, 29),) and ids.other_ids == ("181648366",)


def test_header_row_from_word_boxes_with_a_rule_row_between():
    page = boxed_page(row(100, [("Patient", 100), ("Name", 230), ("DOB", 500), ("MRN", 800)]),
                      row(135, [("─" * 40, 100)], height=6),
                      row(150, [("Matthews,", 100), ("Erin", 260), ("11/29/1999", 500), ("4455667", 800)]))
    ids = find_identifiers([page])
    assert names(ids) == [("Erin", "", "Matthews")] and ids.mrns == ("4455667",)
    assert ids.dobs == (date(1999, 11, 29),)


def test_header_row_headed_re_reads_the_name_under_it():
    # a pharmacy form's "RE" column beside a misread "D.O.B." (read "0.0.B."), values on the row below
    page = boxed_page(row(100, [("RE", 120), ("0.0.B.", 430)]),
                      row(140, [("Brooks,", 120), ("Al", 265), ("P", 320), ("18", 430), ("Dec", 480), ("1984", 555)]))
    ids = find_identifiers([page])
    assert names(ids) == [("Al", "P", "Brooks")] and ids.dobs == (date(1984, 12, 18),)
    assert names(ids_of("RE   the refill below\nBrooks, Al P")) == []  # a lone word after "RE" heads nothing


def test_a_boxed_table_read_with_a_misread_label_and_braces_for_its_rules():
    # "| RE | DOB |" with DOB read "boB" (a capital after a small letter: no word, so no name Bob)
    page = boxed_page(row(100, [("|", 100), ("RE", 160), ("|", 600), ("boB", 870), ("|", 1100)]),
                      row(140, [("|", 100), ("MINH", 160), ("GIBSON", 255), ("|", 600), ("11/29/1933", 876), ("|", 1100)]),
                      row(200, [("|", 100), ("MRN", 160), ("#", 239), ("|", 1100)]),
                      row(240, [("{", 100), ("2166520", 162), ("|", 1100)]))  # the left rule read as a brace
    ids = find_identifiers([page])
    assert names(ids) == [("MINH", "", "GIBSON")] and ids.dobs == (date(1933, 11, 29),)
    assert ids.mrns == ("2166520",) and ids_of("| MRN # |\n{ 2166520 |").mrns == ("2166520",)
    for name in ("BOB", "Bob"):  # a name, in either case a name is written, stays a name
        assert repair_line(f"{name} SMITH   01/02/1990", "") == f"{name} SMITH   01/02/1990"
    assert repair_line("boB   01/02/1990", "") == "dob   01/02/1990"


def tilted(words: list[Word], rise: float) -> list[Word]:
    """The words as a photo still tilted by `rise` pixels per pixel shows them."""
    return [Word(w.text, w.left, round(w.top + rise * w.left), w.width, w.height, w.conf) for w in words]


def test_header_row_of_a_photo_still_tilted_is_read_under_its_labels():
    lines = [[("Lakeside", 100), ("Gastroenterology", 260)], [("Main", 100), ("916-599-7313", 200)],
             [("Referral", 100), ("date:", 260), ("11/19/2025", 360)],
             [("Refer", 100), ("to:", 200), ("Centennial", 270), ("Behavioral", 450), ("Health", 630)]]
    top = [w for i, items in enumerate(lines[:2]) for w in row(100 + 40 * i, items)]
    header = row(200, [("RE", 100), ("DATE", 430), ("OF", 515), ("BIRTH", 565), ("ACCT", 730), ("TEL", 960)])
    values = row(236, [("MANUEL", 100), ("HAMMOND", 225), ("2-28-73", 430), ("M20809970", 730), ("704-242-1659", 960)])
    below = [w for i, items in enumerate(lines[2:]) for w in row(290 + 40 * i, items)]
    words = tilted(top + header + values + below, 0.04)  # TEL sits lower than MANUEL below RE
    text = "\n".join(" ".join(t for t, _ in items) for items in lines[:2]) + "\nRE DATE OF BIRTH ACCT TEL\n" \
        "MANUEL HAMMOND 2-28-73 M20809970 704-242-1659\n" + "\n".join(" ".join(t for t, _ in items) for items in lines[2:])
    ids = find_identifiers([PageText(1, text, PageSource.ocr, words=tuple(words))])
    assert names(ids) == [("MANUEL", "", "HAMMOND")] and ids.dobs == (date(1973, 2, 28),)
    assert ids.phones == ("7042421659",)


def test_a_photo_tilted_only_at_its_top_keeps_the_lines_there_whole():
    # A phone photo in perspective: its lower half is level (so the page's median tilt is none), its
    # top still rises to the right, and the line naming the patient had come apart into steps.
    letter = [[("Thank", 100), ("you", 190), ("for", 250), ("referring", 310), ("Ms.", 470), ("PAMELA", 540),
               ("TORRES,", 660), ("date", 800), ("of", 880), ("birth", 930), ("12-12-49,", 1030)],
              [("for", 100), ("evaluation.", 160)]]
    top = tilted([w for i, items in enumerate(letter) for w in row(300 + 34 * i, items, height=22)], -0.05)
    body = [("The", 100), ("patient", 170), ("was", 300), ("seen", 370), ("today", 450), ("in", 550),
            ("clinic", 600), ("and", 700), ("is", 770), ("doing", 820), ("well.", 920)]
    level = [w for i in range(12) for w in row(420 + 34 * i, body, height=22)]
    text = "\n".join(" ".join(t for t, _ in items) for items in letter) + "\n" + "\n".join(
        " ".join(t for t, _ in body) for _ in range(12))
    page = PageText(1, text, PageSource.ocr, words=tuple(top + level))
    lines = [" ".join(line.text.split()) for line in layout_lines(page)]
    assert lines[:2] == [" ".join(t for t, _ in items) for items in letter]


def test_header_with_unlabelled_columns_keeps_values_apart():
    ids = ids_of("Patient          Visit Type     DOB\nMatthews, Erin   Follow Up      11/29/1999")
    assert names(ids) == [("Erin", "", "Matthews")] and ids.dobs == (date(1999, 11, 29),)


def assert_brooklyn_hamley_born_1955(text: str) -> None:
    """The one patient of these tests read from `text`, whatever case the page prints the name in."""
    ids = ids_of(text)
    assert [(n.first.lower(), n.last.lower()) for n in ids.names] == [("brooklyn", "hamley")]
    assert ids.dobs == (date(1955, 6, 2),)


# --- several label: value pairs on one line ---------------------------------------------------------

@pytest.mark.parametrize("line", [
    "Last Name: Hamley   First Name: Brooklyn   DOB: June 2, 1955",
    "Last Name: Hamley First Name: Brooklyn DOB: June 2, 1955",
    "First Name: Brooklyn  Last Name: Hamley  MI: R  DOB: 06/02/1955",
    "Patient Last Name: HAMLEY Patient First Name: BROOKLYN D.O.B.: 06/02/1955",
])
def test_split_name_fields_combine_into_one_name(line):
    assert_brooklyn_hamley_born_1955(line)


def test_split_name_fields_on_separate_lines_with_middle_initial():
    ids = ids_of("Last Name: Hamley\nFirst Name: Brooklyn\nMiddle Initial: R\nDate of Birth: 06/02/1955")
    assert names(ids) == [("Brooklyn", "R", "Hamley")]


def test_several_pairs_each_value_ends_at_the_next_label():
    ids = ids_of("Patient: Hamley, Brooklyn MRN: 4455667 Phone: (217) 555-2034 DOB: 6/2/1955")
    assert names(ids) == [("Brooklyn", "", "Hamley")]
    assert ids.mrns == ("4455667",) and ids.phones == ("2175552034",) and ids.dobs == (date(1955, 6, 2),)


# --- a value under its label ------------------------------------------------------------------------

def test_value_under_its_label_at_the_same_column():
    ids = ids_of("Clinical Notes                 Patient Name\nSeen for follow up             Hamley, Brooklyn")
    assert names(ids) == [("Brooklyn", "", "Hamley")]


def test_value_under_its_label_from_word_boxes():
    page = boxed_page(row(100, [("Report", 100), ("Summary", 220), ("Date", 900), ("of", 980), ("Birth", 1020)]),
                      row(140, [("Stable", 100), ("condition", 220), ("06/02/1955", 900)]))
    assert find_identifiers([page]).dobs == (date(1955, 6, 2),)


# --- OCR-damaged labels -----------------------------------------------------------------------------

@pytest.mark.parametrize("line", ["NOB: 06/02/1955", "D0B: 06/02/1955", "DO8: 06/02/1955", "D0B 6/2/55",
                                  "Date of 8irth: June 2, 1955", "Date 0f Birth: 06/02/1955"])
def test_damaged_dob_labels_still_anchor_the_date(line):
    assert ids_of(f"Patient: Hamley, Brooklyn\n{line}").dobs == (date(1955, 6, 2),)


@pytest.mark.parametrize("label", ["Pat1ent:", "Narne:", "Patlent Narne:", "PAT1ENT NAME:", "Patient Narne:", "Nane:",
                                   "NAHE:"])
def test_damaged_name_labels_still_anchor_the_name(label):
    assert names(ids_of(f"{label} Hamley, Brooklyn")) == [("Brooklyn", "", "Hamley")]


@pytest.mark.parametrize("label", ["Med1cal Rec0rd No:", "Medical Rec0rd Number:", "MRM:"])
def test_damaged_mrn_labels_still_anchor_the_number(label):
    assert ids_of(f"{label} 4455667").mrns == ("4455667",)


def test_values_after_a_form_s_blanks_are_read():
    # A filled-in form: the values typed over the blank lines after the labels.
    ids = ids_of("Nane: __Vikram Barton\nMed Rec #: __9037640\nVisit #: ..V47003918")
    assert names(ids) == [("Vikram", "", "Barton")] and ids.mrns == ("9037640",)


def test_damaged_labels_in_a_header_row():
    ids = ids_of("Pat1ent          NOB          Med1cal Rec0rd No\nMatthews, Erin   11/29/1999   4455667")
    assert names(ids) == [("Erin", "", "Matthews")]
    assert ids.dobs == (date(1999, 11, 29),) and ids.mrns == ("4455667",)


@pytest.mark.parametrize("line", ["DOS: 03/04/2026", "Job: 03/04/2026", "NOB", "the airway is patent. Bilateral",
                                  "Same: 03/04/2026", "Nob Hill Clinic", "Nate: Hamley, Brooklyn",
                                  "Nane Hamley, Brooklyn", "nane: Hamley, Brooklyn"])
def test_ordinary_words_do_not_become_labels(line):
    assert repair_line(line) == line


def test_short_damaged_label_needs_a_date_after_it():
    assert repair_line("NOB: none") == "NOB: none"
    assert repair_line("NOB: 3/4/1961") == "DOB: 3/4/1961"


# --- zones that are never the patient's -------------------------------------------------------------

LETTERHEAD = ("VALLEY FAMILY MEDICINE\n1200 Lakeshore Dr Suite 4\nSpringfield, IL 62704\n"
              "Phone (555) 123-4567  Fax (555) 765-4321\n\n")


def test_letterhead_phone_and_fax_are_not_the_patients():
    ids = ids_of(LETTERHEAD + "CONSULTATION NOTE\nPatient: Hamley, Brooklyn   DOB: 06/02/1955\n")
    assert ids.phones == () and ids.addresses == () and ids.cities == () and ids.postal_codes == ()
    assert names(ids) == [("Brooklyn", "", "Hamley")]


def test_letterhead_excluded_but_a_labelled_patient_phone_is_read():
    ids = ids_of(LETTERHEAD + "Patient: Hamley, Brooklyn\nPhone: (217) 555-2034\n")
    assert ids.phones == ("2175552034",)


def test_letterhead_labelled_phone_above_the_patient_block_is_not_read():
    ids = ids_of("Lakeside Imaging\nPhone: (555) 123-4567\n\nPatient: Hamley, Brooklyn\n")
    assert ids.phones == ()


def test_sender_phone_fax_pair_inside_the_page_is_not_the_patients():
    ids = ids_of("Patient: Hamley, Brooklyn\nDOB: 06/02/1955\n\nQuestions? Phone (555) 123-4567  Fax (555) 765-4321")
    assert ids.phones == ()


@pytest.mark.parametrize("header", [
    "03/15/2026 10:32 Valley Lab (555) 201-3344 P.001/003",
    "Mar 15 2026 10:32AM FROM: VALLEY LAB 5552013344 Page 1 of 3",
    "06/02/1955 09:10 FAX 217 555 2034 Hamley, Brooklyn P.1/2",
])
def test_fax_header_line_is_excluded(header):
    ids = ids_of(f"{header}\nPatient: Hamley, Brooklyn\n")
    assert ids.phones == () and ids.dobs == () and names(ids) == [("Brooklyn", "", "Hamley")]


@pytest.mark.parametrize("line", [
    "From: Dr. Helen Adams  Phone: (217) 555-9999",
    "To: Brooklyn Hamley  Phone: (217) 555-9999",
    "Attn: Medical Records  Phone: (217) 555-9999",
    "Provider: Helen Adams  Phone: (217) 555-9999",
    "Prescriber: Helen Adams  Phone: (217) 555-9999",
    "Electronically Signed By: Helen Adams  Phone: (217) 555-9999",
    "Referring Physician: Helen Adams   Phone: (217) 555-9999",
    "Pharmacy: Main St Drugs  Phone: (217) 555-9999  Address: 9 Main St",
])
def test_other_person_lines_are_excluded(line):
    ids = ids_of(f"Patient: Hamley, Brooklyn\n{line}\n")
    assert ids.phones == () and ids.addresses == () and names(ids) == [("Brooklyn", "", "Hamley")]


def test_provider_and_patient_on_one_line_keeps_the_patient_half():
    ids = ids_of("Provider: Dr. Helen Adams      Patient: Hamley, Brooklyn   DOB: 06/02/1955")
    assert names(ids) == [("Brooklyn", "", "Hamley")] and ids.dobs == (date(1955, 6, 2),)


# --- address, city and postcode ---------------------------------------------------------------------

def test_street_city_and_zip():
    ids = ids_of("Patient: Hamley, Brooklyn\nAddress: 45 Oak Ave Apt 4\nPeoria, IL 61602")
    assert ids.addresses == ("45 Oak Ave Apt 4",) and ids.cities == ("Peoria",) and ids.postal_codes == ("61602",)


def test_street_city_and_zip_on_one_line():
    ids = ids_of("Address: 45 Oak Ave, Peoria, IL 61602-1234")
    assert ids.addresses == ("45 Oak Ave",) and ids.cities == ("Peoria",) and ids.postal_codes == ("61602",)


def test_city_and_zip_labels():
    ids = ids_of("City: Springfield   State: IL   Zip: 62704")
    assert ids.cities == ("Springfield",) and ids.postal_codes == ("62704",)
    assert ids_of("City/State/Zip: Peoria, IL 61602").cities == ("Peoria",)


def test_four_digit_postcode_only_when_labelled():
    assert ids_of("Postcode: 2000").postal_codes == ("2000",)
    assert ids_of("Address: 4 Elm St\nSpringfield 2000").postal_codes == ()


# --- a real born-digital PDF through pipeline.ocr ---------------------------------------------------

def _pdf(path: Path) -> None:
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=(612, 792))
    c.setFont("Helvetica", 10)
    c.drawString(72, 740, "Valley Family Medicine   Phone (555) 123-4567   Fax (555) 765-4321")
    c.drawString(72, 700, "LABORATORY REPORT")
    for x, text in [(72, "Patient"), (250, "DOB"), (380, "Account No.")]:
        c.drawString(x, 670, text)
    c.line(72, 665, 500, 665)
    for x, text in [(72, "Matthews, Erin"), (250, "11/29/1999"), (380, "181648366")]:
        c.drawString(x, 652, text)
    c.drawString(72, 620, "Last Name: Hamley   First Name: Brooklyn")
    c.save()


def test_born_digital_pdf_table_is_read_from_text_layer_word_positions(tmp_path):
    from pipeline.ocr.document import read_document
    from pipeline.ocr.options import OcrOptions

    path = tmp_path / "report.pdf"
    _pdf(path)
    ocr = read_document(str(path), OcrOptions())
    page = ocr.pages[0]
    assert page.source is PageSource.text_layer and page.words
    assert "Patient DOB Account No." in page.text  # the text layer alone has lost the columns
    ids = find_identifiers(ocr.pages)
    assert ("Erin", "", "Matthews") in names(ids) and ("Brooklyn", "", "Hamley") in names(ids)
    assert ids.dobs == (date(1999, 11, 29),) and ids.other_ids == ("181648366",)
    assert ids.phones == ()


def test_short_split_name_labels_after_patient():
    ids = ids_of("Pat1ent Last: White   First: Lenny   Date of 8irth: 06/02/1992")
    assert names(ids) == [("Lenny", "", "White")] and ids.dobs == (date(1992, 6, 2),)


def test_pt_label_alone_with_the_name_below():
    assert names(ids_of("Pt\nDANIEL POWELL\nDOB\n2009-01-13")) == [("DANIEL", "", "POWELL")]


def test_two_letterhead_blocks_above_the_patient_block():
    text = ("VALUMED PHARMACY #0387\n5095 Valley Ter, Suite 286\nProvidence, RI 02923\nPhone: 401-476-2835\n"
            "Fax: (401) 316-2662\n\nHomeScript Mail Service Pharmacy       Office: 808.748.5502\n3199 Pine Ave\n"
            "Honolulu, HI 96832\n\nFormulary Alternative Requested\n\n4-30-26\n\n"
            "Last Name: WEBSTER     First Name: STANISLAW     DOB: 03/12/1958\n")
    ids = ids_of(text)
    assert ids.phones == () and names(ids) == [("STANISLAW", "", "WEBSTER")]


def test_a_name_right_after_a_label_is_never_read_as_a_label():
    ids = ids_of("Patient Last: POWELL    First: DEB    Birthdate: 01/06/1959")
    assert names(ids) == [("DEB", "", "POWELL")] and ids.dobs == (date(1959, 1, 6),)


def test_a_short_label_takes_no_date_that_belongs_to_the_next_label():
    ids = ids_of("Patient: POWELL, DEB    Birthdate: 01/06/1959")
    assert names(ids) == [("DEB", "", "POWELL")]


def test_four_letter_label_words_misread_next_to_another_label_word():
    ids = ids_of("LAST NAMF      FIRST NAMF      MRN #        ENCOUNTER #\n"
                 "Ellis          Virginia        7867874      A206141147")
    assert names(ids) == [("Virginia", "", "Ellis")] and ids.mrns == ("7867874",)


@pytest.mark.parametrize("line", ["CAME  03/04/2026", "Patient: Hamley, Brooklyn\nDATA  11/29/1999"])
def test_a_four_letter_word_alone_is_no_label(line):
    assert "NAME" not in repair_line(line.splitlines()[-1]) and "DATE" not in repair_line(line.splitlines()[-1])


def test_a_misread_name_label_alone_above_a_name_is_read():
    # A phone photo of a form whose labels stand above their values: NAME read as NAHE, DOB as NOB.
    ids = ids_of("NAHE\nBarbara Herrera\nNOB\n08/27/1980\nGENDER\nF")
    assert names(ids) == [("Barbara", "", "Herrera")] and ids.dobs == (date(1980, 8, 27),)


@pytest.mark.parametrize("text", [
    "SAME\nBarbara Herrera",  # an ordinary word alone on its line
    "NAHE\nthe patient was seen today",  # what is under it is no name
    "Nahe\nBarbara Herrera",  # not in capitals
])
def test_a_word_near_name_alone_on_its_line_is_no_label_otherwise(text):
    assert ids_of(text).names == ()


def test_the_word_after_a_label_and_its_colon_is_a_value_even_before_a_date():
    assert repair_line("First: DEB 01/06/1959") == "First: DEB 01/06/1959"
    assert repair_line("Patient NOB 01/06/1959") == "Patient DOB 01/06/1959"


def test_re_alone_on_its_line_labels_the_name_below_it():
    ids = ids_of("Re\n  Austin, Justin G\nDOB\n  08/16/1942\n")
    assert names(ids) == [("Justin", "G", "Austin")] and ids.dobs == (date(1942, 8, 16),)
    assert names(ids_of("We hope to hear from you\nAustin, Justin G\n")) == []


@pytest.mark.parametrize("label", ["bD.O.B.", "|DOB", "lD.O.B.", "b.0.8."])
def test_a_box_border_read_into_a_dob_label_still_anchors_the_date(label):
    ids = ids_of(f"| MEMBER   | {label}\n| RICARDO WELCH   | 18 Aug 2021\n")
    assert ids.dobs == (date(2021, 8, 18),) and names(ids) == [("RICARDO", "", "WELCH")]


def test_a_border_letter_is_kept_before_a_word_that_is_no_label():
    assert repair_line("bDOSAGE  lMEMBERS") == "bDOSAGE  lMEMBERS"


def test_one_patient_label_beside_an_unlabelled_column_is_a_header():
    ids = ids_of("| MED REC #   | GENDER\n| 9717750     | Male\n")
    assert ids.mrns == ("9717750",)
    assert ids_of("MED REC #\n9717750\n").mrns == ("9717750",)  # a label above its value, as before
    assert ids_of("Summary   Plan\n9717750   follow up\n").mrns == ()


@pytest.mark.parametrize("misread", ["Ree", "Rcc", "Roc"])
def test_med_rec_with_its_middle_word_misread(misread):
    assert ids_of(f"Pt: Minh C. Luna   Med {misread} #: 7438091").mrns == ("7438091",)
    assert ids_of(f"Meds {misread}: 7438091").mrns == ()


def test_re_alone_on_an_indented_line_of_word_boxes_labels_the_name_below():
    ids = ids_of("       RE\n       Jackie Montoya\n       DOB\n       01/16/1966\n")
    assert names(ids) == [("Jackie", "", "Montoya")]
    assert names(ids_of("We will write again when we are\n       Jackie Montoya\n")) == []


def test_a_dob_label_with_a_doubled_letter():
    assert ids_of("Name: Barker, Douglas   D.0O.B. May 16, 1932").dobs == (date(1932, 5, 16),)


def test_regarding_with_its_colon_labels_the_patient():
    assert names(ids_of("Regarding: Guadalupe Ward\nDOB: 03/04/1961")) == [("Guadalupe", "", "Ward")]
    assert names(ids_of("We are writing regarding the claim of Guadalupe Ward")) == []


@pytest.mark.parametrize("line", [
    "Patient Name (Last, First): Hamley, Brooklyn    DOB (MM/DD/YYYY): 06/02/1955",
    "NAME (LAST, FIRST, MI): HAMLEY, BROOKLYN     D.O.B.: 06/02/1955",
    "Patient Name (Last, First)        DOB (MM/DD/YYYY)\nHamley, Brooklyn                  06/02/1955",
])
def test_a_format_hint_in_brackets_after_a_label_is_part_of_the_label(line):
    assert_brooklyn_hamley_born_1955(line)


def test_resident_and_given_names_label_the_patient():
    assert names(ids_of("Resident: Brooklyn Hamley   Date of Birth: 06/02/1955")) == [("Brooklyn", "", "Hamley")]
    assert names(ids_of("Surname: Hamley   Given Name(s): Brooklyn   DOB: 06/02/1955")) == [("Brooklyn", "", "Hamley")]
    assert names(ids_of("The resident physician saw Brooklyn Hamley")) == []


@pytest.mark.parametrize(("line", "mrn"), [
    ("Patient: Brooklyn Hamley   Unit #: M000123456   DOB/Age: 06/02/1955 / 70Y", "M000123456"),  # Meditech
    ("Surname: Hamley   Forename: Brooklyn   DOB: 06/02/1955   PID: 123456", "123456"),
    ("Patient: Brooklyn Hamley   Medical Rec #: 123456   DOB: 06/02/1955", "123456"),
    ("Patient: Brooklyn Hamley   MR Number: 123456   DOB: 06/02/1955", "123456"),
])
def test_more_hospital_labels_for_the_mrn_the_first_name_and_the_birth_date(line, mrn):
    ids = ids_of(line)
    assert names(ids) == [("Brooklyn", "", "Hamley")] and ids.dobs == (date(1955, 6, 2),) and ids.mrns == (mrn,)
    assert ids_of("The unit number 5 was cleaned").mrns == ()


@pytest.mark.parametrize("line", ["Patient Name/DOB: Brooklyn Hamley / 06/02/1955",
                                  "Patient Name / DOB: Hamley, Brooklyn  06/02/1955",
                                  "Name & DOB: Brooklyn Hamley 06/02/1955"])
def test_one_label_for_name_and_birth_date_takes_both(line):
    ids = ids_of(line)
    assert names(ids) == [("Brooklyn", "", "Hamley")] and ids.dobs == (date(1955, 6, 2),)


@pytest.mark.parametrize("line", ["In reference to: Brooklyn Hamley   DOB: 06/02/1955",
                                  "Ref: Brooklyn Hamley   D/O/B: 06/02/1955",
                                  "Patient: Brooklyn Hamley   Birth: 06/02/1955"])
def test_reference_labels_and_birth_label_forms(line):
    ids = ids_of(line)
    assert names(ids) == [("Brooklyn", "", "Hamley")] and ids.dobs == (date(1955, 6, 2),)


def test_to_after_in_reference_is_no_recipient_line_but_a_to_line_still_is():
    assert names(ids_of("To: Brooklyn Hamley   DOB: 06/02/1955")) == []


@pytest.mark.parametrize("label", ["EMR #:", "EHR ID:", "Hospital #:", "MRN/Acct:", "M.R.N.:", "Record #:"])
def test_more_medical_record_number_labels(label):
    assert ids_of(f"Patient: Brooklyn Hamley   {label} 0044556").mrns == ("0044556",)


def test_column_headings_that_are_no_identifiers_keep_a_header_with_one_misread_heading():
    # "Pt" read as "Ro": Birthdate and Home Ph are the only labels left; Accession # and Gender are headings.
    page = boxed_page(row(100, [("Ro", 100), ("Birthdate", 500), ("Accession", 720), ("#", 880), ("Gender", 960),
                                ("Home", 1100), ("Ph", 1180)]),
                      row(140, [("VIKRAM", 100), ("KOWALSKI", 220), ("7-9-81", 500), ("L659127911", 720),
                                ("M", 960), ("317.326.9404", 1100)]))
    ids = find_identifiers([page])
    assert ids.dobs == (date(1981, 7, 9),) and ids.names == ()
    # Without such headings, one label among many columns is still no header (a line of running text).
    page = boxed_page(row(100, [("Ro", 100), ("Birthdate", 500), ("Summary", 720), ("Plan", 960), ("Nome", 1100)]),
                      row(140, [("VIKRAM", 100), ("KOWALSKI", 220), ("7-9-81", 500), ("none", 720), ("M", 960)]))
    assert find_identifiers([page]).dobs == ()


@pytest.mark.parametrize("line", ["Re: De La Rosa, Andrew, DOB 5 29 66", "DOB: 5 29 1966", "D0B  05 29 66   MRN 1234567"])
def test_a_labelled_birth_date_whose_hyphens_vanished_is_still_read(line):
    # Thin hyphens disappear from standard faxes: "5-29-66" arrives as "5 29 66".
    assert ids_of(line).dobs == (date(1966, 5, 29),)


@pytest.mark.parametrize("line", ["Seen 5 29 66 times", "Visit date: 5 29 66", "DOB: 5 29", "DOB: 5 29 966"])
def test_numbers_with_spaces_are_no_birth_date_without_a_birth_date_label(line):
    assert ids_of(line).dobs == ()


@pytest.mark.parametrize(("line", "born"), [
    ("RE: King, Omar O Date of Birlh: 7-348", date(1948, 7, 3)),  # read from a standard fax
    ("DOB: 7-31948", date(1948, 7, 3)),
    ("DOB: 1125-80", date(1980, 11, 25)),
    ("DOB: 11-285  MRN 1234567", date(1985, 11, 2)),
    # its month's name one letter from exactly one month
    ("Last. Name: CARLSON First Name: ALBERT D.O.B. 4 Dac 1979", date(1979, 12, 4)),  # read from a standard fax
    ("DOB: Dac 4, 1979", date(1979, 12, 4)),
    ("DOB: 4 0ct 1979", date(1979, 10, 4)),
    # one separator misread as a tilde, or gone to a space; a form's blanks before the value
    ("DOB: __1~19-1925", date(1925, 1, 19)),
    ("DOB: 1-19 1925", date(1925, 1, 19)),
    ("DOB: 1/19~1925", date(1925, 1, 19)),
    ("DOB: __7-31948", date(1948, 7, 3)),
    ("DOB: 1956 04-24", date(1956, 4, 24)),  # ISO order, read from a standard fax
    ("DOB: 1956 04 24", date(1956, 4, 24)),
])
def test_a_damaged_birth_date_is_read_when_only_one_reading_fits(line, born):
    # One hyphen lost, or the month's name misread: read only after a birth-date label.
    assert ids_of(line).dobs == (born,)


@pytest.mark.parametrize("line", [
    "DOB: 12-80",  # month and year
    "DOB: 7-1948",  # month and year, never 7-19-48
    "DOB: 1948-05",  # year and month
    "DOB: 1-1285",  # 1-12-85 or day 12 of '85? a four-digit tail may be a year
    "DOB: 11285",  # 1-12-85 or 11-2-85
    "Visit date: 7-348",  # no birth-date label
    "DOB: 4 Jui 1979",  # June or July
    "DOB: 4 Mav 1979",  # May or March
    "DOB: 4 Dac 79",  # a two-digit year as well: too little to go on
    "Visit: 4 Dac 1979",  # no birth-date label
    "Seen: 1-19 25 times",  # no birth-date label
    "DOB: 1-19 258",  # no year
    "DOB: 5   19 96",  # three spaces: no longer one date
])
def test_a_damaged_date_that_could_be_another_is_no_birth_date(line):
    assert ids_of(line).dobs == ()


def test_a_spaced_birth_date_laid_out_from_word_boxes_with_a_wider_gap_is_read():
    # A standard fax: "5-19-96" lost its hyphens, and the words' positions put two spaces before the year.
    page = boxed_page(row(100, [("Pt:", 100), ("Lawrence", 170), ("Dixon", 320)]),
                      row(160, [("Date", 100), ("of", 180), ("8irth:", 230), ("5", 350), ("19", 380), ("96", 450)]))
    assert find_identifiers([page]).dobs == (date(1996, 5, 19),)


def test_a_damaged_separator_keeps_both_centuries_of_a_two_digit_year():
    # Read from a skewed fax: "DOB: __1~19-25" for a patient born in 1925 (a two-digit year may be either).
    ids = ids_of("Patient: __Raj Watts\nDOB: __1~19-25\nSex: _ Male")
    assert set(ids.dobs + ids.alt_dobs) == {date(1925, 1, 19), date(2025, 1, 19)}


def test_a_last_name_label_with_a_stray_stop_is_read():
    assert names(ids_of("Last. Name: CARLSON First Name: ALBERT")) == [("ALBERT", "", "CARLSON")]


def test_a_label_with_its_value_after_a_wide_gap_is_no_header_over_the_next_line():
    # A fine fax: "Date of Birth:  22 Jul 1972" over "Call date:  04/30/2026" gave the call's date as a second
    # birth date (and the document went to review for showing two).
    def line(y: int, text: str) -> list[Word]:  # words placed where their characters stand, 16 px each
        return [Word(m.group(0), 124 + 16 * m.start(), y, 16 * len(m.group(0)), 22, 95.0)
                for m in re.finditer(r"\S+", text)]

    page = boxed_page(line(20, "PHONE NOTE"), line(60, "Patient Name:  FITZGERALD, SEAN"),
                      line(100, "Date of 8irth:  22 Jul 1972"), line(140, "Call date:  04/30/2026  Time:  14:45"),
                      line(180, "Caller: daughter"))
    assert find_identifiers([page]).dobs == (date(1972, 7, 22),)


# A form's sections for someone else: the guarantor, an emergency contact, a parent, a policy holder.
REGISTRATION = ("Riverside Pediatrics\n12 Main St, Springfield, IL 62704\n\nPATIENT REGISTRATION\n\n"
                "Patient Name: Pennington, Lily\nSex: F\n\n{heading}\nName: Pennington, Joshua\nDOB: 06/17/1984\n"
                "Relationship to patient: Father\n")


@pytest.mark.parametrize("heading", ["GUARANTOR", "Guarantor Information:", "| EMERGENCY CONTACT |",
                                     "PARENT/GUARDIAN", "Responsible Party", "NEXT OF KIN (if different)"])
def test_a_section_for_someone_else_is_never_the_patient(heading):
    ids = ids_of(REGISTRATION.format(heading=heading))
    assert names(ids) == [("Lily", "", "Pennington")] and ids.dobs == ()


def test_a_section_for_someone_else_ends_at_a_blank_line_or_a_patient_label():
    ids = ids_of("REGISTRATION\n\nGUARANTOR\nName: Pennington, Joshua\nPatient DOB: 03/02/2015\n")
    assert ids.dobs == (date(2015, 3, 2),) and names(ids) == []
    ids = ids_of("REGISTRATION\n\nEMERGENCY CONTACT\nName: Pennington, Joshua\n\nDOB: 03/02/2015\n")
    assert ids.dobs == (date(2015, 3, 2),)


def test_the_policy_holder_s_section_is_someone_else_only_beside_the_patient_s_own():
    holder = "ELIGIBILITY RESPONSE\n\nSUBSCRIBER\nName:    PENNINGTON, JOSHUA\nDOB:     06/17/1984\n\n"
    ids = ids_of(holder + "DEPENDENT (PATIENT)\nName:    PENNINGTON, LILY\nDOB:     03/02/2015\n")
    assert names(ids) == [("LILY", "", "PENNINGTON")] and ids.dobs == (date(2015, 3, 2),)
    ids = ids_of(holder + "COVERAGE\nStatus: ACTIVE\n")  # the subscriber is the patient
    assert names(ids) == [("JOSHUA", "", "PENNINGTON")] and ids.dobs == (date(1984, 6, 17),)


def test_a_word_after_a_record_label_is_no_mrn():
    ids = ids_of("Patient: Dolores Stephens\nI attest this is supported by the member's medical record. "
                 "Incomplete forms will be returned.\nMRN: I2345O7\n")
    assert ids.mrns == ("1234507",)


def test_a_decedent_is_the_patient_named():
    assert names(ids_of("DEATH CERTIFICATE WORKSHEET\nDecedent: KENNEDY, TYLER B   Date of death: 05/01/2025\n")) \
        == [("TYLER", "B", "KENNEDY")]


def test_other_dates_abbreviated_one_letter_from_dob_are_not_the_birth_date():
    ids = ids_of("RE: Millie B. Romano\nDOB: Mar-12-1989\nDOI: 08/09/2023\nDOD: 05/01/2025\nDOA: 05/02/2025\n")
    assert ids.dobs == (date(1989, 3, 12),)


def test_a_pharmacy_s_customer_and_bd_labels():
    ids = ids_of("MEDICATION LIST\nCustomer:       DELGADO VIKRAM\nBD:             09/16/1998\n")
    assert names(ids) == [("DELGADO", "", "VIKRAM")] and ids.dobs == (date(1998, 9, 16),)


def test_a_name_printed_again_under_a_plainer_label_takes_that_label():
    ids = ids_of("Re: Emme Hoang  DOB 2015-05-20\n\nPATIENT INFORMATION\nName (Last, First, MI): Hoang, Emme\n"
                 "RESPONSIBLE PARTY / GUARANTOR\nName: Svetlana Hoang   Relationship: Mother\n")
    assert [(n.first, n.last, n.label) for n in ids.names] == [("Emme", "Hoang", "patient name")]


def test_a_clinician_s_hyphenated_credential_is_no_name():
    assert names(ids_of("Name:     Leah Khoury, PA-C          NPI: 1975702022\n")) == []


def test_a_relative_s_line_keeps_its_own_birth_date_until_a_patient_label():
    ids = ids_of("NEWBORN SCREEN\nMother: Jane Pennington   DOB: 06/17/1984\n")
    assert ids.dobs == ()
    ids = ids_of("INTAKE\nGuardian: Joshua Pennington   DOB: 06/17/1984   Patient DOB: 03/02/2015\n")
    assert ids.dobs == (date(2015, 3, 2),)
    ids = ids_of("REFERRAL\nProvider: Dr. Ann Lee   DOB: 03/02/2015\n")  # a clinician's line: the patient's date
    assert ids.dobs == (date(2015, 3, 2),)


def test_a_box_rule_read_into_the_name_s_cell_is_not_the_name():
    from pipeline.match.names import parse_name

    assert names(ids_of("RE:  |.Eric H. Doyle")) == [("Eric", "H", "Doyle")]
    assert parse_name("|.Eric H. Doyle", "re") == NameFound("Eric", "H", "Doyle", "re")  # a cell's value as cut
    assert parse_name("| Okafor, Charlotte") == NameFound("Charlotte", "", "Okafor")
