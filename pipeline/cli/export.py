"""`docintake export ...`: deliver filed documents to the EHR (the outbox), or write them out by hand."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any

import click

from pipeline.cli.app import AppContext, cli, echo_json, json_option, pass_app, print_table
from pipeline.errors import DatabaseError, DocintakeError, ExitCode, InputFileError


@contextmanager
def _database_faults() -> Iterator[None]:
    """A database that fails mid-run is an outside fault: a message and exit 7, never a traceback."""
    from sqlalchemy.exc import SQLAlchemyError  # here, not at import: `docintake --help` stays fast

    try:
        yield
    except SQLAlchemyError as exc:
        raise DatabaseError(f"the database failed during the export: {type(exc).__name__}; what was not "
                            "delivered stays pending", hint="check database_url and that the server is running") from None


class _ExportGroup(click.Group):
    """`export run|status|retry`, and `export [ID...] --format ... --to DIR` (the hidden `write` command)."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("-h", "--help"):
            args = ["write", *args]
        return super().parse_args(ctx, args)


@cli.group(cls=_ExportGroup)
def export() -> None:
    """Deliver filed documents to the EHR (see docs/export.md).

    \b
    docintake export run                  deliver what is pending now
    docintake export status [--json]      per destination: pending, sent, failed, last error
    docintake export retry [ID...|--all]  try refused deliveries again
    docintake export queue [ID...|--all]  queue filed documents for a destination added later
    docintake export [ID...] [--since DATE] --format fhir|hl7 --to DIR [--json]
                                          write DIR/<id>.json (FHIR Bundle) or DIR/<id>.hl7 (MDM^T02)
    """


@export.command("run")
@json_option
@pass_app
def export_run(app: AppContext, as_json: bool) -> None:
    """Deliver every pending document to every destination in export_to, now (backoffs are cut short).

    Exit status 0 when everything was delivered, 1 when a destination refused or could not be reached.
    """
    from pipeline.export.deliver import deliver

    _need_destinations(app)
    with _database_faults():
        report = deliver(app.store, due_only=False)
    if as_json:
        echo_json(report.as_json())
    else:
        for d in report.destinations:
            click.echo(f"{d.destination}: delivered {d.delivered}, refused {d.rejected}, retry {d.retried}")
            for err in d.errors[:20]:
                click.echo(f"  {err}", err=True)
    if not report.ok:
        raise click.exceptions.Exit(int(ExitCode.some_failed))


@export.command("status")
@json_option
@pass_app
def export_status(app: AppContext, as_json: bool) -> None:
    """Per destination: deliveries pending, sent, failed, resent after a crash, and the last error."""
    from pipeline.export.deliver import status

    with _database_faults():
        rows = status(app.store)
    if as_json:
        echo_json(rows)
        return
    print_table(f"{len(rows)} destination(s)", ["destination", "pending", "sent", "failed", "resent", "last error"],
                [[r["destination"] + ("" if r["configured"] else " (not configured)"), r["pending"], r["sent"],
                  r["failed"], r["resent_after_crash"], r["last_error"] or ""] for r in rows])


@export.command("retry")
@click.argument("ids", nargs=-1)
@click.option("--all", "all_", is_flag=True, help="Every refused delivery.")
@json_option
@pass_app
def export_retry(app: AppContext, ids: tuple[str, ...], all_: bool, as_json: bool) -> None:
    """Put refused deliveries (of documents ID..., or --all) back in the queue, then deliver them."""
    from pipeline.export.deliver import deliver
    from pipeline.export.outbox import requeue

    if bool(ids) == all_:
        raise click.UsageError("give document ids or --all (not both)")
    _need_destinations(app)
    with _database_faults():
        with app.store.db.session() as s:
            count = requeue(s, list(ids) if ids else None)
        report = deliver(app.store, due_only=False)
    if as_json:
        echo_json({"requeued": count, **report.as_json()})
    else:
        click.echo(f"requeued {count}; " + "; ".join(
            f"{d.destination}: delivered {d.delivered}, refused {d.rejected}, retry {d.retried}"
            for d in report.destinations))
    if not report.ok:
        raise click.exceptions.Exit(int(ExitCode.some_failed))


@export.command("queue")
@click.argument("ids", nargs=-1)
@click.option("--all", "all_", is_flag=True, help="Every filed document.")
@json_option
@pass_app
def export_queue(app: AppContext, ids: tuple[str, ...], all_: bool, as_json: bool) -> None:
    """Queue filed documents (ID..., or --all) for destinations that do not have them yet, e.g. one added
    to export_to after they were filed; `export run` then delivers them. Queued ones are left alone."""
    from pipeline.export.outbox import backfill

    if bool(ids) == all_:
        raise click.UsageError("give document ids or --all (not both)")
    _need_destinations(app)
    with _database_faults(), app.store.db.session() as s:
        added = backfill(s, app.config, list(ids) if ids else None)
    if as_json:
        echo_json({"queued": added})
    else:
        click.echo(f"queued {added} delivery(ies); `docintake export run` delivers them")


@export.command("write")
@click.argument("ids", nargs=-1)
@click.option("--since", metavar="DATE", help="Every filed document received since DATE (YYYY-MM-DD), besides any IDs.")
@click.option("--format", "fmt", type=click.Choice(["fhir", "hl7"]), required=True, help="FHIR Bundle or HL7 MDM^T02.")
@click.option("--to", "to", type=click.Path(file_okay=False), required=True, help="Folder to write into.")
@json_option
@pass_app
def export_write(app: AppContext, ids: tuple[str, ...], since: str | None, fmt: str, to: str, as_json: bool) -> None:
    """Write filed documents by hand: DIR/<id>.json or DIR/<id>.hl7 (the outbox is not touched).

    Without IDs or --since, every filed document is written.
    """
    from pipeline.export.deliver import write_manual

    chosen = list(ids) + [i for i in _filed_since(app, since, bool(ids)) if i not in ids]
    written = write_manual(app.store, chosen, fmt, Path(to))
    if as_json:
        echo_json({"count": len(written), "written": written})
        return
    for w in written:
        click.echo(w["path"])


def _filed_since(app: AppContext, since: str | None, have_ids: bool) -> list[str]:
    if since is None and have_ids:
        return []
    start = _date(since) if since else None
    docs = app.store.list_documents("filed")
    return [d["id"] for d in docs if start is None or _after(d, start)]


def _after(doc: dict[str, Any], start: date) -> bool:
    when = doc.get("received")
    return when is not None and datetime.fromisoformat(str(when)).date() >= start


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InputFileError(f"--since {text!r} is not a date (YYYY-MM-DD)") from None


def _need_destinations(app: AppContext) -> None:
    if not app.config.export_to:
        raise DocintakeError("no destinations configured",
                             hint='set export_to in docintake.toml, e.g. export_to = ["mllp://ehr:6661"]')
