"""`docintake patients ...`: the roster."""

from __future__ import annotations

import click

from pipeline.cli.app import AppContext, cli, echo_json, json_option, pass_app, print_table, user_option
from pipeline.errors import InputFileError


@cli.group()
def patients() -> None:
    """The patient roster: import it, find people in it."""


@patients.command("import")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--skip-invalid", is_flag=True, help="Import the valid rows even when some rows are invalid.")
@user_option
@json_option
@pass_app
def patients_import(app: AppContext, file: str, skip_invalid: bool, user: str, as_json: bool) -> None:
    """Import or update patients from a roster CSV, a FHIR R4 Bundle or HL7 v2 ADT messages (by MRN).

    ADT A04/A28 add, A08/A31 update, A40 merges; a FHIR Patient with active:false or a replaced-by link
    is retired (never matched) and merged into the record it links to: its documents, review items and
    aliases move there, audited, and exports are corrected. A file with invalid rows (or messages)
    imports nothing unless --skip-invalid is given.
    """
    import logging

    from pipeline.index.roster import upsert_patients
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
    merged = _apply_merges(app, parsed.merges, user)
    result = {"inserted": counts.inserted, "updated": counts.updated, "unchanged": counts.unchanged,
              "invalid": len(parsed.errors), **({"merged": merged} if merged else {})}
    logging.getLogger(__name__).info("roster import: %s", result)
    if as_json:
        echo_json(result)
        return
    for err in parsed.errors:
        click.echo(f"skipped {err}", err=True)
    click.echo(f"inserted {counts.inserted}, updated {counts.updated}, unchanged {counts.unchanged}, "
               f"invalid {len(parsed.errors)}" + (f", retired {len(merged)}" if merged else ""))


def _apply_merges(app: AppContext, merges: tuple, user: str) -> list[dict]:
    """Retire merged records and move their documents (exports are corrected); [] when there are none."""
    if not merges:
        return []
    from pipeline.export.deliver import deliver_after_filing
    from pipeline.index.merge import apply_merges

    results = [r.as_json() for r in apply_merges(app.store, merges, user)]
    deliver_after_filing(app.store)
    return results


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

    from pipeline.lookup import find_many, find_one, load_roster, match_options

    if not csv_file and not any((name, dob, mrn, phone)):
        raise click.UsageError("give at least one of --name, --dob, --mrn, --phone, or --file")
    roster, options = load_roster(app.store), match_options(app.store)
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


@patients.command("weights")
@json_option
@pass_app
def patients_weights(app: AppContext, as_json: bool) -> None:
    """The matcher's m/u table in use: version, source, and m, u, log2(m/u) per field and level."""
    from pipeline.index.weights import current_version
    from pipeline.match.weights import log_weight

    with app.store.db.read() as s:
        found = current_version(s)
    rows = [{"key": k, "m": m, "u": u, "weight": round(log_weight(m, u), 2)} for k, m, u in found.table]
    if as_json:
        echo_json({"version": found.version, "source": found.source, "description": found.description,
                   "created_at": found.created_at.isoformat() if found.created_at else None,
                   "created_by": found.created_by, "n_pairs": found.n_pairs, "n_labelled": found.n_labelled,
                   "match_share": found.match_share, "levels": rows})
        return
    click.echo(f"version {found.version} ({found.source}): {found.description}")
    print_table(f"{len(rows)} level(s)", ["field.level", "m", "u", "weight"],
                [[r["key"], r["m"], r["u"], r["weight"]] for r in rows])


@patients.command("calibrate")
@click.option("--file", "csv_file", type=click.Path(dir_okay=False),
              help="Also learn from the rows of a query CSV (the columns `patients find --file` takes).")
@user_option
@json_option
@pass_app
def patients_calibrate(app: AppContext, csv_file: str | None, user: str, as_json: bool) -> None:
    """Re-estimate the m/u table from the store's documents, clerk decisions and an optional query CSV.

    Records a new version, used from then on by `patients find` and the pipeline; exits 9 when there
    are too few candidate pairs to estimate from (the table in use is then unchanged).
    """
    from pathlib import Path

    from pipeline.calibrate import calibrate
    from pipeline.lookup import load_roster, match_options, read_queries

    extra = read_queries(Path(csv_file)) if csv_file else []
    result = calibrate(app.store.db, load_roster(app.store), match_options(app.store), extra,
                       user=user)
    if as_json:
        echo_json(result)
        return
    click.echo(f"recorded version {result['version']} (was {result['previous_version']}): "
               f"{result['n_pairs']} pairs ({result['n_labelled']} labelled by clerks), "
               f"match share {result['match_share']}, {result['iterations']} iterations")
    moved = [c for c in result["changes"] if abs(c["weight"] - c["weight_before"]) >= 0.05]
    print_table(f"{len(moved)} level(s) changed", ["field.level", "m before", "m", "u before", "u", "weight"],
                [[c["key"], c["m_before"], c["m"], c["u_before"], c["u"],
                  f"{c['weight_before']} -> {c['weight']}"] for c in moved])
