"""Write the committed sample set: a small roster, ~23 documents in every inbox format, and a manifest.

    .venv/bin/python samples/generate.py [--out samples] [--seed N]

Everything is invented and seeded: re-running with the same seed rewrites byte-identical files.
manifest.json lists, per document file, its type, the roster MRN it belongs to (null when the document
is about nobody in the roster), what the pipeline is expected to do with it (expect: filed | review), the
case it represents (roster, outsider, nobody, twin, same_name_dob, swapped_dob, nickname) and what it tests.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipeline.records import DocType, PatientRecord  # noqa: E402
from pipeline.synth import render  # noqa: E402
from pipeline.synth.documents import SynthDoc, make_document  # noqa: E402
from pipeline.synth.identities import (  # noqa: E402
    make_outsiders,
    make_roster,
    nicknames_of,
    roster_hard_cases,
    write_roster_csv,
)

ROSTER_SIZE = 60
DEFAULT_SEED = 20261102


@dataclass(frozen=True)
class Spec:
    """One sample document: what to write, about whom, in which format, and why."""

    name: str
    doc_type: DocType
    who: str  # roster | outsider | nobody | twin | same_name_dob | swapped_dob | nickname
    fmt: str  # text_pdf | image_pdf | fine_tiff | standard_tiff | png | photo_jpeg | skewed | rotated180 | noisy
    expect: str  # filed | review
    notes: str
    family: str = "train"
    cover: bool = False
    show_mrn: bool | None = None
    dob_form: str | None = None
    name_form: str | None = None
    min_pages: int = 1


SPECS = (
    Spec("01_lab_result", DocType.lab_result, "roster", "text_pdf", "filed", "born-digital PDF with a text layer"),
    Spec("02_imaging_report", DocType.imaging_report, "roster", "fine_tiff", "filed",
         "fine fax (204x196 dpi) multi-page TIFF", cover=True),
    Spec("03_referral", DocType.referral, "roster", "standard_tiff", "filed", "standard fax (204x98 dpi)"),
    Spec("04_consult_note", DocType.consult_note, "roster", "image_pdf", "filed", "scanned image-only PDF (no text layer)"),
    Spec("05_discharge_summary", DocType.discharge_summary, "roster", "fine_tiff", "filed",
         "multi-page fine fax without a cover; admission/discharge dates are distractors", min_pages=2),
    Spec("06_prescription_request", DocType.prescription_request, "roster", "png", "filed", "PNG scan at 300 dpi"),
    Spec("07_prior_authorization", DocType.prior_authorization, "roster", "photo_jpeg", "filed",
         "phone photo (JPEG, grey desk, uneven light) stored rotated with EXIF orientation 6"),
    Spec("08_insurance", DocType.insurance, "roster", "text_pdf", "filed", "born-digital explanation of benefits"),
    Spec("09_records_request", DocType.records_request, "roster", "fine_tiff", "filed", "records request on a fine fax"),
    Spec("10_progress_note", DocType.progress_note, "roster", "skewed", "filed", "fine fax fed crooked (about 3 degrees)"),
    Spec("11_other_flyer", DocType.other, "nobody", "standard_tiff", "review",
         "administrative fax about no patient (a fax test page): nobody to file it under"),
    Spec("12_lab_result_upside_down", DocType.lab_result, "roster", "rotated180", "filed", "fine fax fed upside down (180 degrees)"),
    Spec("13_imaging_report_noisy", DocType.imaging_report, "roster", "noisy", "filed",
         "bitonal 300 dpi scan with speckle, scanner streaks and a slight tilt"),
    Spec("14_referral_not_in_roster", DocType.referral, "outsider", "text_pdf", "review",
         "patient is not in the roster (new to the practice): must not be filed to a look-alike"),
    Spec("15_lab_result_not_in_roster", DocType.lab_result, "outsider", "fine_tiff", "review",
         "patient is not in the roster, faxed lab result"),
    Spec("16_consult_note_same_name_dob", DocType.consult_note, "same_name_dob", "fine_tiff", "review",
         "roster has two patients with this exact name and date of birth; no MRN printed, so it cannot be decided",
         show_mrn=False),
    Spec("17_prescription_request_cover", DocType.prescription_request, "roster", "fine_tiff", "filed",
         "fax cover sheet on page 1 must not decide the type", cover=True),
    Spec("18_progress_note_twin", DocType.progress_note, "twin", "text_pdf", "filed",
         "one of twins (same last name, DOB, address, phone): only the first name tells them apart",
         show_mrn=False, dob_form="mm/dd/yyyy", name_form="last_first"),
    Spec("19_discharge_summary_photo", DocType.discharge_summary, "roster", "photo_jpeg", "filed",
         "phone photo without a rotation tag", family="holdout"),
    Spec("20_insurance_fax", DocType.insurance, "roster", "standard_tiff", "filed", "holdout wording on a standard fax",
         family="holdout"),
    Spec("21_records_request", DocType.records_request, "roster", "png", "filed", "holdout wording, PNG", family="holdout"),
    Spec("22_prior_authorization_scan", DocType.prior_authorization, "roster", "image_pdf", "filed",
         "holdout wording, image-only PDF", family="holdout"),
    Spec("23_lab_result_swapped_dob", DocType.lab_result, "swapped_dob", "fine_tiff", "filed",
         "roster has a same-named patient whose DOB has day and month swapped: the exact DOB must win",
         dob_form="mm/dd/yyyy"),
    Spec("24_referral_nickname", DocType.referral, "nickname", "fine_tiff", "filed",
         "first name printed as a nickname (e.g. Bill for William), with DOB and MRN", show_mrn=True,
         dob_form="month d, yyyy", name_form="first_last_nick"),
)

_EXT = {"text_pdf": "pdf", "image_pdf": "pdf", "png": "png", "photo_jpeg": "jpg"}


def main(argv: list[str] | None = None) -> int:
    """Generate the sample set into --out (default: this folder)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(Path(__file__).resolve().parent))
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    out = Path(args.out)
    generate(out, args.seed)
    print(f"wrote {len(SPECS)} documents, roster and manifest to {out}", file=sys.stderr)
    return 0


def generate(out: Path, seed: int = DEFAULT_SEED) -> dict:
    """Write roster.csv, docs/* and manifest.json under `out`; returns the manifest."""
    docs_dir = out / "docs"
    docs_dir.mkdir(parents=True, exist_ok=True)
    for old in docs_dir.iterdir():  # a re-run must not leave files from an older spec list behind
        if old.is_file():
            old.unlink()
    roster = make_roster(ROSTER_SIZE, seed)
    write_roster_csv(roster, out / "roster.csv")
    people = _cast(roster, seed)
    entries = []
    for index, spec in enumerate(SPECS):
        rng = random.Random(seed * 1000 + index)  # per document, so editing one spec leaves the others alone
        cast = people[spec.who]
        patient = cast[index % len(cast)]
        doc = _document(spec, patient, rng)
        path = docs_dir / f"{spec.name}.{_EXT.get(spec.fmt, 'tif')}"
        meta = _write(doc, spec.fmt, path, rng)
        entries.append(_entry(spec, doc, path.relative_to(out).as_posix(), meta))
    manifest = {"seed": seed, "roster": "roster.csv", "roster_size": len(roster),
                "hard_cases": roster_hard_cases(roster), "documents": entries}
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def _document(spec: Spec, patient: PatientRecord | None, rng: random.Random) -> SynthDoc:
    """Write the spec's document, drawing again (deterministically) until it has min_pages pages."""
    while True:
        dob_form = spec.dob_form or ("none" if patient is None else "mm/dd/yyyy" if rng.random() < 0.5 else None)
        doc = make_document(patient, spec.doc_type, rng, spec.family, cover=spec.cover, name_form=spec.name_form,
                            dob_form=dob_form, doc_id=spec.name, in_roster=spec.who not in ("outsider", "nobody"),
                            show_mrn=spec.show_mrn, fax_header=spec.fmt != "text_pdf", base_templates=True)
        if len(doc.pages) >= spec.min_pages and (spec.fmt != "photo_jpeg" or len(doc.pages) == 1):
            return doc


def _cast(roster: list[PatientRecord], seed: int) -> dict[str, Sequence[PatientRecord | None]]:
    """Pick who each sample is about: plain roster patients, the planted look-alikes, outsiders."""
    by_mrn = {p.mrn: p for p in roster}
    hard = roster_hard_cases(roster)
    special = {m for group in hard.values() for pair in group for m in pair}
    plain = [p for p in roster if p.mrn not in special and p.dob is not None]
    nick = next(p for p in plain if nicknames_of(p.first_name))
    plain = [p for p in plain if p is not nick]
    return {
        "roster": plain,
        "nickname": [nick],
        "twin": [by_mrn[hard["twins"][0][1]]],
        "same_name_dob": [by_mrn[hard["same_name_dob"][0][0]]],
        "swapped_dob": [by_mrn[hard["swapped_dob"][0][0]]],
        "outsider": make_outsiders(2, seed, exclude=roster),
        "nobody": [None],
    }


def _write(doc: SynthDoc, fmt: str, path: Path, rng: random.Random) -> dict:
    pages = list(doc.pages)
    if fmt == "text_pdf":
        render.write_text_pdf(pages, path)
        return {"dpi": None, "exif_orientation": None}
    if fmt == "image_pdf":
        images = [render.binarize(render.render_page(t, 200)) for t in pages]
        render.write_image_pdf(images, path)
        return {"dpi": render.dpi_of(images[0]), "exif_orientation": None}
    if fmt == "photo_jpeg":
        orientation = 6 if doc.family == "train" else 1
        img = render.store_for_exif(render.photo(render.render_page(pages[0], 200), rng, width_px=1500), orientation)
        render.write_jpeg(img, path, exif_orientation=orientation if orientation != 1 else None, quality=70)
        return {"dpi": render.dpi_of(img), "exif_orientation": orientation}
    kind = {"fine_tiff": "fine_fax", "standard_tiff": "standard_fax", "skewed": "skewed", "rotated180": "rotated180",
            "noisy": "noisy_scan", "png": "clean300"}[fmt]
    made, meta = render.make_page(kind, pages, rng)
    assert isinstance(made, list)  # a list of page texts gives a list of images
    render.write_pages(made if meta["format"] == "tiff" else made[0], path, meta)
    return meta


def _entry(spec: Spec, doc: SynthDoc, rel: str, meta: dict) -> dict:
    p = doc.patient
    return {
        "file": rel,
        "doc_type": doc.doc_type.value,
        "mrn": p.mrn if p is not None and doc.in_roster else None,
        "expect": spec.expect,
        "case": spec.who,
        "notes": spec.notes,
        "family": doc.family,
        "format": spec.fmt,
        "pages": len(doc.pages) if spec.fmt != "photo_jpeg" else 1,
        "has_cover": doc.has_cover,
        "in_roster": doc.in_roster,
        "patient": None if p is None else {"first_name": p.first_name, "last_name": p.last_name,
                                           "dob": p.dob.isoformat() if p.dob else None},
        "name_form": doc.name_form,
        "dob_form": doc.dob_form,
        "shows_mrn": doc.shows_mrn,
        "dpi": list(meta["dpi"]) if meta.get("dpi") else None,
        "skew": meta.get("skew", 0.0),
        "rotation": meta.get("rotation", 0),
        "exif_orientation": meta.get("exif_orientation"),
    }


if __name__ == "__main__":
    raise SystemExit(main())
