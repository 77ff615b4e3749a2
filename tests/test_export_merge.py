"""A FHIR Patient retired with `replaced-by` is handled like an A40 merge, exports included: the document
delivered under the retired MRN is withdrawn (MDM^T11; DocumentReference entered-in-error) and sent again
under the surviving MRN and a new number, to every destination, once."""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.export import hl7
from tests.export_kit import MllpReceiver, configure, file_lab, validate_bundle, validate_hl7
from tests.test_review_support import roster_home


def _patient(pid: str, mrn: str, **extra: object) -> dict:
    return {"resource": {"resourceType": "Patient", "id": pid, "name": [{"family": "Ferreira", "given": ["Lucia"]}],
                         "birthDate": "2001-05-17", "identifier": [{"type": {"coding": [{"code": "MR"}]},
                                                                      "value": mrn}], **extra}}


def _reference(path: Path) -> dict:
    bundle = json.loads(path.read_text())
    validate_bundle(bundle)
    return next(e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "DocumentReference")


def test_a_fhir_replaced_by_merge_corrects_what_was_delivered(cli, home: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ehr = MllpReceiver("AA")
    try:
        configure(home, [ehr.url, "fhir+folder:fhir"])
        roster_home(cli, tmp_path)
        doc = file_lab(home, tmp_path / "scans", "lab.pdf", "Lucia Ferreira", "05/17/2001")
        assert cli("export", "run").code == 0 and len(ehr.messages) == 1
        feed = tmp_path / "merge.json"
        feed.write_text(json.dumps({"resourceType": "Bundle", "type": "collection", "entry": [
            _patient("keep", "ZZ777"),
            _patient("old", "ZZ900005", active=False,
                     link=[{"type": "replaced-by", "other": {"reference": "Patient/keep"}}])]}))
        run = cli("patients", "import", feed, "--json")
        assert run.code == 0, run.err
        assert run.json()["merged"][0]["retired"] == "ZZ900005"
        assert run.json()["merged"][0]["surviving"] == "ZZ777"
        assert cli("export", "run").code == 0 and cli("export", "run").code == 0
        seen = []
        for m in ehr.messages:
            validate_hl7(m)
            segs = hl7.segments(m)
            seen.append((hl7.field(hl7.first(segs, "MSH") or [], 9, 2), hl7.field(hl7.first(segs, "PID") or [], 3),
                         hl7.field(hl7.first(segs, "TXA") or [], 12), hl7.field(hl7.first(segs, "TXA") or [], 19)))
        renumbered = seen[2][2]
        assert seen == [("T02", "ZZ900005", doc, "AV"), ("T11", "ZZ900005", doc, "CA"),
                        ("T02", "ZZ777", renumbered, "AV")]
        assert renumbered.startswith(f"{doc}-")
        folder = home / "fhir"
        assert sorted(p.name for p in folder.iterdir()) == sorted(
            [f"{doc}.json", f"{doc}.cancel.json", f"{renumbered}.json"])
        cancel = json.loads((folder / f"{doc}.cancel.json").read_text())
        validate_bundle(cancel)
        withdrawn = cancel["entry"][0]["resource"]
        assert (withdrawn["status"], withdrawn["subject"]["identifier"]["value"]) == ("entered-in-error", "ZZ900005")
        assert _reference(folder / f"{renumbered}.json")["subject"]["identifier"]["value"] == "ZZ777"
        [st_mllp, st_folder] = cli("export", "status", "--json").json()
        assert (st_mllp["sent"], st_mllp["pending"], st_folder["sent"], st_folder["pending"]) == (3, 0, 3, 0)
    finally:
        ehr.close()
