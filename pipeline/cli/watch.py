"""`docintake watch`: watch the inbox and process every file dropped into it, exactly once."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from pipeline.cli.app import AppContext, cli, echo_json, json_option, pass_app, user_option
from pipeline.cli.runs import check_folder, print_summary
from pipeline.errors import ExitCode
from pipeline.vocab import Status

if TYPE_CHECKING:
    from pipeline.records import Outcome


def _announce(outcome: Outcome | None) -> None:
    # Ids and reasons only: a file name may carry a patient's name.
    if outcome is None:
        return
    detail = outcome.error or "; ".join(outcome.reasons[:1])
    click.echo(f"document {outcome.document_id} {outcome.status.value}{': ' + detail if detail else ''}", err=True)


@cli.command()
@click.option("--inbox", type=click.Path(file_okay=False), help="Folder to watch (default: the inbox setting).")
@click.option("--poll", type=click.FloatRange(0.1, 3600), metavar="SECONDS",
              help="Poll the folder every SECONDS instead of waiting for inotify events (NFS, SMB shares).")
@click.option("--settle", type=click.FloatRange(0, 3600), metavar="SECONDS",
              help="Take a file once its size and mtime were unchanged this long (default: settle_seconds).")
@click.option("--rescan", type=click.FloatRange(1, 86400), metavar="SECONDS",
              help="Full rescan interval, catching anything an event missed (default: rescan_seconds).")
@click.option("--workers", type=click.IntRange(1, 256), help="Worker processes (default: config, else CPU cores).")
@click.option("--once", is_flag=True, help="Process what is waiting (and what arrives meanwhile), then exit.")
@click.option("--queue", "queued", is_flag=True,
              help="Record each file, then let `docintake worker`s process it through broker_url's queue.")
@json_option
@user_option
@pass_app
def watch(app: AppContext, inbox: str | None, poll: float | None, settle: float | None, rescan: float | None,
          workers: int | None, once: bool, queued: bool, as_json: bool, user: str) -> None:
    """Watch the inbox: take each file once completely written, process it, file it or queue it for review.

    Each file is claimed by renaming it into <inbox>/.processing/, so several watchers (or a watcher and
    `batch --move`) never process one file twice. A recorded file leaves the inbox (its bytes are in the
    store); a failed one moves to <store>/failed/ with a .error.json. SIGINT/SIGTERM: finish the files in
    flight and exit 0; a second signal stops at once (exit 130) and unfinished files are taken up again at
    the next start. With --once: exit 0, or 1 when some file failed.
    """
    from pipeline.drivers.watch import Watcher, WatchOptions, stop_on_signals
    from pipeline.ocr import check_tesseract

    cfg = app.config
    folder = Path(inbox).absolute() if inbox else cfg.inbox_path
    check_folder(cfg, folder)
    if queued:
        from pipeline.cli.queue import queue_executor

        executor, broker = queue_executor(cfg)
    else:
        check_tesseract(cfg.ocr_language)
        executor, broker = None, None
    options = WatchOptions.from_config(cfg, poll_seconds=poll, settle_seconds=settle, rescan_seconds=rescan,
                                       workers=workers, once=once)
    watcher = Watcher(cfg, app.store, user, folder, options, on_outcome=_announce, executor=executor)
    how = f"polling every {options.poll_seconds:g}s" if options.poll_seconds else "inotify"
    by = f"queue {cfg.queue_name}" if queued else f"{options.workers} worker(s)"
    click.echo(f"watching {folder} ({how}, settle {options.settle_seconds:g}s, {by})", err=True)
    try:
        with stop_on_signals(watcher):
            report = watcher.run()
    finally:
        if broker is not None:
            broker.close()
    if as_json:
        echo_json(report.as_json())
    else:
        print_summary("watch summary", report)
    if report.interrupted:
        raise click.exceptions.Exit(int(ExitCode.interrupted))
    if once and report.count(Status.failed):
        raise click.exceptions.Exit(int(ExitCode.some_failed))
