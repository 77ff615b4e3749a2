"""`docintake patients ...`: the roster."""

from __future__ import annotations

import logging

import click

from pipeline.cli.app import AppContext, cli, echo_json, json_option, pass_app
from pipeline.errors import InputFileError
from pipeline.index.roster import upsert_patients

log = logging.getLogger(__name__)


@cli.group()
def patients() -> None:
    """The patient roster: import it, find people in it."""


@patients.command("import")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--skip-invalid", is_flag=True, help="Import the valid rows even when some rows are invalid.")
@json_option
@pass_app
def patients_import(app: AppContext, file: str, skip_invalid: bool, as_json: bool) -> None:
    """Import or update patients from a roster CSV or a FHIR R4 Bundle (updates by MRN).

    A file with invalid rows imports nothing unless --skip-invalid is given.
    """
    from pipeline.match.roster_file import parse_roster_file

    parsed = parse_roster_file(file)
    if parsed.errors and not skip_invalid:
        shown = "\n  ".join(str(e) for e in parsed.errors[:20])
        more = f"\n  ... and {len(parsed.errors) - 20} more" if len(parsed.errors) > 20 else ""
        raise InputFileError(
            f"{file}: {len(parsed.errors)} invalid row(s); nothing imported:\n  {shown}{more}",
            hint="fix the rows, or pass --skip-invalid to import the valid ones",
        )
    with app.store.db.session() as s:
        counts = upsert_patients(s, list(parsed.records))
    result = {"inserted": counts.inserted, "updated": counts.updated, "unchanged": counts.unchanged,
              "invalid": len(parsed.errors)}
    log.info("roster import: %s", result)
    if as_json:
        echo_json(result)
        return
    for err in parsed.errors:
        click.echo(f"skipped {err}", err=True)
    click.echo(f"inserted {counts.inserted}, updated {counts.updated}, unchanged {counts.unchanged}, "
               f"invalid {len(parsed.errors)}")
