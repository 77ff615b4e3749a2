"""`docintake patients ...`: the roster."""

from __future__ import annotations

import logging

import click

from pipeline.cli.app import AppContext, cli, echo_json, json_option, pass_app, print_table
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


@patients.command("find")
@click.option("--name", help="Name as 'First Last' or 'Last, First'.")
@click.option("--dob", help="Date of birth (YYYY-MM-DD or a US form such as 03/04/1961).")
@click.option("--mrn", help="Medical record number.")
@click.option("--phone", help="Phone number.")
@click.option("--file", "csv_file", type=click.Path(dir_okay=False),
              help="Match every row of a CSV (the roster's columns, mrn optional, plus an optional id column).")
@click.option("--limit", default=5, show_default=True, type=click.IntRange(1, 50), help="Candidates to show.")
@json_option
@pass_app
def patients_find(app: AppContext, name: str | None, dob: str | None, mrn: str | None, phone: str | None,
                  csv_file: str | None, limit: int, as_json: bool) -> None:
    """Ranked roster candidates for typed identifiers, each with its per-field explanation."""
    from pathlib import Path

    from pipeline.lookup import find_many, find_one, load_roster
    from pipeline.match.matcher import MatchOptions

    if not csv_file and not any((name, dob, mrn, phone)):
        raise click.UsageError("give at least one of --name, --dob, --mrn, --phone, or --file")
    roster, options = load_roster(app.store), MatchOptions.from_config(app.config)
    if csv_file:
        results = find_many(Path(csv_file), roster, options)
        if as_json:
            echo_json(results)
        else:
            print_table(f"{len(results)} row(s)", ["row", "id", "decision", "mrn", "score"],
                        [[r["row"], r["id"], r["decision"], r["mrn"], r["score"]] for r in results])
        return
    found = find_one(roster, options, name=name, dob=dob, mrn=mrn, phone=phone)
    candidates = found["candidates"][:limit]
    if as_json:
        echo_json(candidates)
        return
    click.echo(f"decision: {found['decision']}" + (f" ({'; '.join(found['reasons'])})" if found["reasons"] else ""))
    print_table(f"{len(candidates)} candidate(s)", ["mrn", "score", "first", "last", "dob", "evidence"], [
        [c["mrn"], c["score"], c["first_name"], c["last_name"], c["dob"],
         ", ".join(f"{e['field']} {e['outcome']}" for e in c["explanation"])] for c in candidates])
