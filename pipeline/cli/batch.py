"""`docintake batch DIR`: process every file under a folder once."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from pipeline.cli.app import AppContext, cli, echo_json, json_option, pass_app, print_table, user_option
from pipeline.errors import ExitCode, InputFileError
from pipeline.records import Outcome, Status

if TYPE_CHECKING:
    from pipeline.orchestrator import BatchReport


def _progress() -> Progress:
    return Progress(
        TextColumn("[bold]batch"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[pps]} pages/s"),
        TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
        console=Console(stderr=True), transient=False, disable=not sys.stderr.isatty(),
    )


def _summary(report: BatchReport) -> None:
    summary = report.as_json()
    rows = [[k, summary[k]] for k in ("processed", "filed", "review", "failed", "duplicate", "pages", "seconds")]
    print_table("batch summary", ["", "count"], rows)
    failed = [o for o in report.outcomes if o.status is Status.failed]
    if failed:
        print_table("failed documents", ["id", "source", "error"], [[o.document_id, o.source_name, o.error]
                                                                     for o in failed])


@cli.command()
@click.argument("folder", type=click.Path(exists=True, file_okay=False))
@click.option("--workers", type=click.IntRange(1, 256), help="Worker processes (default: config, else CPU cores).")
@json_option
@user_option
@pass_app
def batch(app: AppContext, folder: str, workers: int | None, as_json: bool, user: str) -> None:
    """Process every file under FOLDER once and print a summary (the folder is left untouched).

    Exit status 0 when every file reached a known state without failing, 1 when some failed.
    """
    from pipeline.ocr import check_tesseract
    from pipeline.orchestrator import run_batch

    root = Path(folder).absolute()
    if root == app.config.store_path or root.is_relative_to(app.config.store_path):
        raise InputFileError(f"{folder} is inside the store; give the folder of scans to read")
    check_tesseract(app.config.ocr_language)
    with _progress() as progress:
        task = progress.add_task("batch", total=None, pps="0.0")
        pages = 0

        def on_outcome(outcome: Outcome | None) -> None:
            nonlocal pages
            pages += outcome.pages if outcome and outcome.status is not Status.duplicate else 0
            elapsed = progress.tasks[0].elapsed or 0.0
            progress.update(task, advance=1, pps=f"{pages / elapsed:.1f}" if elapsed else "0.0")

        report = run_batch(app.config, app.store, root, user, workers, on_outcome,
                           on_total=lambda n: progress.update(task, total=n))
    if as_json:
        echo_json(report.as_json())
    else:
        _summary(report)
    if report.count(Status.failed):
        raise click.exceptions.Exit(int(ExitCode.some_failed))
