"""Shared material for the split tests: the page lines of one or several documents in one fax.

(No tests here; the split test modules import these helpers.)
"""

from __future__ import annotations


def header(page: int, total: int, sender: str = "RIVERSIDE LAB") -> str:
    """A fax machine's line across the top of a page, with its page counter."""
    return f"FROM: {sender}   FAX 555-010-2000   01/14/2024 09:12   P.{page:03d}/{total:03d}"


def lab_pages(name: str, dob: str, page: int, total: int, first: int = 1, of: int = 1) -> list[list[str]]:
    """A laboratory report of `of` pages about `name`, starting at fax page `page` of `total`."""
    out = []
    for k in range(of):
        top = [header(page + k, total), "Riverside Clinical Laboratory"]
        if k == 0:
            body = ["LABORATORY REPORT", f"Page {first} of {of}", f"Patient Name: {name}", f"DOB: {dob}",
                    "Collection Date: 01/12/2024", "", "Test            Result     Reference Range",
                    "Glucose         98 mg/dL   70-99", "Potassium       4.1 mmol/L 3.5-5.1",
                    "Creatinine      0.9 mg/dL  0.6-1.2", "Specimen: serum"]
        else:
            body = [f"{name}   DOB: {dob}      Page {k + 1} of {of}", "",
                    "Hemoglobin A1c   5.4 %       4.0-5.6", "TSH              2.1 mIU/L   0.4-4.0"]
        if k == of - 1:
            body += ["", "Electronically signed by J. Alvarez, MD, Laboratory Director"]
        out.append(top + body)
    return out
