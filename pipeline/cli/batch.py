"""`docintake batch DIR`: process every file under a folder once (the nightly run)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from pipeline.cli.app import AppContext, cli, echo_json, json_option, pass_app, user_option
from pipeline.cli.runs import check_folder, print_summary, progress_bar, progress_callback
from pipeline.errors import ExitCode
from pipeline.vocab import Status

if TYPE_CHECKING:

    pass


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
