"""`docintake batch DIR`: process every file under a folder once (the nightly run)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from pipeline.cli.app import AppContext, cli, echo_json, json_option, pass_app, print_table, user_option
from pipeline.errors import ExitCode, InputFileError
from pipeline.records import Outcome, Status

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

    from pipeline.config import Config
    from pipeline.orchestrator import BatchReport


def progress_bar(label: str) -> Progress:
    """A progress bar on stderr (files done of total, pages per second, ETA); silent when not a terminal."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    return Progress(
        TextColumn(f"[bold]{label}"), BarColumn(), MofNCompleteColumn(), TextColumn("files"),
        TextColumn("{task.fields[pps]} pages/s"), TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
        console=Console(stderr=True), transient=False, disable=not sys.stderr.isatty(),
    )


def progress_callback(progress: Progress, task: TaskID) -> Callable[[Outcome | None], None]:
    """An outcome callback advancing `task` by one file and refreshing pages per second."""
    pages = 0

    def on_outcome(outcome: Outcome | None) -> None:
        nonlocal pages
        pages += outcome.pages if outcome and outcome.status is not Status.duplicate else 0
        elapsed = progress.tasks[0].elapsed or 0.0
        progress.update(task, advance=1, pps=f"{pages / elapsed:.1f}" if elapsed else "0.0")

    return on_outcome


def print_summary(title: str, report: BatchReport) -> None:
    """The summary table (and the failed documents with their reasons) on stdout."""
    summary = report.as_json()
    keys = ("processed", "filed", "review", "failed", "duplicate", "skipped", "pages", "pages_per_minute", "seconds")
    print_table(title, ["", "count"], [[k, summary[k]] for k in keys])
    failed = [o for o in report.outcomes if o.status is Status.failed]
    if failed:
        print_table("failed documents", ["id", "source", "error"],
                    [[o.document_id, o.source_name, o.error] for o in failed])


def check_folder(cfg: Config, folder: Path) -> None:
    """Refuse a folder inside the store (its files are docintake's own)."""
    store = cfg.store_path
    if folder == store or folder.is_relative_to(store):
        raise InputFileError(f"{folder} is inside the store; give the folder of scans to read")


@cli.command()
@click.argument("folder", type=click.Path(exists=True, file_okay=False))
@click.option("--workers", type=click.IntRange(1, 256), help="Worker processes (default: config, else CPU cores).")
@click.option("--move", is_flag=True,
              help="Treat FOLDER like the inbox: claim each file, remove it once recorded, move failures to "
                   "<store>/failed/ (without it FOLDER is left untouched).")
@click.option("--queue", "queued", is_flag=True,
              help="Record each file, then let `docintake worker`s process it through broker_url's queue.")
@click.option("--no-wait", is_flag=True, help="With --queue: return once every task is sent (see `queue status`).")
@json_option
@user_option
@pass_app
def batch(app: AppContext, folder: str, workers: int | None, move: bool, queued: bool, no_wait: bool,
          as_json: bool, user: str) -> None:
    """Process every file under FOLDER once and print a summary (FOLDER is left untouched unless --move).

    Safe to run again, also after a crash or kill -9: files already recorded are skipped, documents left
    half-done are taken up again, failed ones are retried under the same id. Exit status 0 when every file
    reached a known state without failing, 1 when some failed (each is recorded with its reason).
    """
    from pipeline.drivers.batch import run_batch
    from pipeline.ocr import check_tesseract

    root = Path(folder).absolute()
    check_folder(app.config, root)
    if queued or no_wait:
        if move or not queued:
            raise click.UsageError("--no-wait needs --queue" if not queued else "--move cannot go with --queue")
        from pipeline.cli.queue import run_queued_batch

        return run_queued_batch(app, root, user, wait=not no_wait, as_json=as_json)
    check_tesseract(app.config.ocr_language)
    with progress_bar("batch") as progress:
        task = progress.add_task("batch", total=None, pps="0.0")
        report = run_batch(app.config, app.store, root, user, workers, progress_callback(progress, task),
                           on_total=lambda n: progress.update(task, total=n), move=move)
    if as_json:
        echo_json(report.as_json())
    else:
        print_summary("batch summary", report)
    if report.count(Status.failed):
        raise click.exceptions.Exit(int(ExitCode.some_failed))
