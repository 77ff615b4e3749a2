"""`docintake failed list|retry`: documents that failed, where their files are, and another try."""

from __future__ import annotations

from typing import Any

import click

from pipeline.cli.app import AppContext, cli, echo_json, json_option, pass_app, print_table, user_option
from pipeline.cli.runs import print_summary, progress_bar, progress_callback
from pipeline.errors import ExitCode
from pipeline.vocab import Status


def failed_documents(app: AppContext) -> list[dict[str, Any]]:
    """Every failed document with its reason, stage, time and kept file (the `failed list` JSON)."""
    from pipeline.ingest import ledger
    from pipeline.ingest.failed import FailedArea

    area = FailedArea(app.store.root)
    out = []
    for doc in ledger.in_state(app.store, Status.failed):
        kept = area.kept_file(doc.id)
        note = area.note(doc.id)
        out.append({
            "id": doc.id,
            "source_name": doc.source_name,
            "error": doc.error,
            "stage": doc.error_stage,
            "failed_at": ledger.utc(doc.updated_at).isoformat() if doc.updated_at else None,
            "received": ledger.utc(doc.received_at).isoformat() if doc.received_at else None,
            "kept": str(kept) if kept else None,
            "retryable": bool(kept or doc.original_path),
            "note": note.note if note else "",
        })
    return out


@cli.group()
def failed() -> None:
    """Documents that failed: list them with their reasons, retry them."""


@failed.command("list")
@json_option
@pass_app
def failed_list(app: AppContext, as_json: bool) -> None:
    """Every failed document, oldest first: reason, stage, and where its file is kept."""
    docs = failed_documents(app)
    if as_json:
        echo_json(docs)
        return
    rows = [[d["id"], d["failed_at"], d["stage"], d["error"], d["kept"] or d["note"] or "(original in the store)"]
            for d in docs]
    print_table(f"{len(docs)} failed document(s)", ["id", "failed at", "stage", "reason", "file"], rows)


@failed.command("retry")
@click.argument("ids", nargs=-1)
@click.option("--all", "retry_all", is_flag=True, help="Retry every failed document.")
@click.option("--workers", type=click.IntRange(1, 256), help="Worker processes (default: config, else CPU cores).")
@json_option
@user_option
@pass_app
def failed_retry(app: AppContext, ids: tuple[str, ...], retry_all: bool, workers: int | None, as_json: bool,
                 user: str) -> None:
    """Run failed documents (IDS, or --all) through the pipeline again; each keeps its id.

    Exit 0 when every retried document reached another state, 1 when some failed again.
    """
    from pipeline.drivers.retry import retry_failed

    if bool(ids) == retry_all:
        raise click.UsageError("give document ids or --all (not both)")
    with progress_bar("retry") as progress:
        task = progress.add_task("retry", total=len(ids) or None, pps="0.0")
        report = retry_failed(app.config, app.store, user, None if retry_all else list(ids), workers,
                              progress_callback(progress, task))
    if as_json:
        echo_json(report.as_json())
    else:
        print_summary("retry summary", report)
    if report.count(Status.failed):
        raise click.exceptions.Exit(int(ExitCode.some_failed))
