"""What the commands that run documents share: the progress bar on stderr, the summary table, folder checks.

Kept apart from the commands themselves so that `batch`, `watch`, `failed retry` and `batch --queue` use
them without importing one another.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.cli.app import print_table
from pipeline.errors import InputFileError
from pipeline.vocab import Status

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

    from pipeline.config import Config
    from pipeline.orchestrator import BatchReport
    from pipeline.records import Outcome


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
