"""`docintake worker` and `docintake queue status`: the Celery side of the pipeline (Celery loaded only here)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from pipeline.cli.app import AppContext, cli, echo_json, json_option, pass_app, print_table, user_option
from pipeline.errors import ExitCode
from pipeline.vocab import Status

if TYPE_CHECKING:
    from pipeline.config import Config
    from pipeline.orchestrator import Pipeline
    from pipeline.queue.broker import Broker
    from pipeline.queue.executor import QueueRunner


@cli.command()
@click.option("--concurrency", "-c", type=click.IntRange(1, 256),
              help="Pool processes, each running one document at a time (default: workers setting, else CPU cores).")
@click.option("--queues", "-Q", metavar="NAME[,NAME...]",
              help="Queues to take tasks from, comma-separated (default: the queue_name setting).")
@click.option("--name", "-n", metavar="NODE", help="Celery node name (default: docintake-<pid>@<host>).")
@user_option
@pass_app
def worker(app: AppContext, concurrency: int | None, queues: str | None, name: str | None, user: str) -> None:
    """Run a queue worker: take one document per task from the broker and run it through the pipeline.

    Needs broker_url, a database every worker shares (PostgreSQL past one host) and a store folder every
    worker reaches. Each pool process keeps its roster index in memory and rebuilds it when the roster
    changes. SIGTERM/SIGINT: finish the documents in flight, then exit 0; a second signal stops at once
    (their tasks go back to the queue and are delivered again). Exit 10 when the broker cannot be reached.
    """
    import logging

    from pipeline.ocr import check_tesseract
    from pipeline.queue.app import require_broker
    from pipeline.queue.worker import run_worker

    cfg = app.config
    require_broker(cfg)
    check_tesseract(cfg.ocr_language)
    names = [q.strip() for q in (queues or "").split(",") if q.strip()] or None
    level = logging.getLevelName(logging.getLogger().level)
    code = run_worker(cfg, user, concurrency or cfg.effective_workers, names, name, loglevel=level)
    if code:
        raise click.exceptions.Exit(code)


@cli.group()
def queue() -> None:
    """The task queue: what waits, what runs, which workers are alive."""


@queue.command("status")
@json_option
@pass_app
def status(app: AppContext, as_json: bool) -> None:
    """Pending tasks, documents being worked on, failed documents, and the workers seen with their last
    heartbeat (alive: heard of within the last 30 s and not stopped)."""
    from pipeline.queue.app import require_broker
    from pipeline.queue.status import queue_status

    require_broker(app.config)
    report = queue_status(app.config, app.store)
    if as_json:
        echo_json(report)
        return
    counts = [[k, report[k]] for k in ("pending", "active", "processing", "failed")]
    print_table(f"queue {report['queue']} on {report['broker']}", ["", "count"], counts)
    print_table("workers", ["worker", "host", "pid", "processes", "running", "last heartbeat", "alive"],
                [[w["name"], w["host"], w["pid"], w["processes"], ", ".join(w["active"]), w["last_heartbeat"],
                  "yes" if w["alive"] else "no"] for w in report["workers"]])


def run_queued_batch(app: AppContext, root: Path, user: str, wait: bool, as_json: bool) -> None:
    """`batch --queue [--no-wait]`: record the files, send one task per document, wait and summarise."""
    from pipeline.cli.runs import print_summary, progress_bar, progress_callback
    from pipeline.queue.app import require_broker
    from pipeline.queue.batch import queue_batch

    require_broker(app.config)
    with progress_bar("batch --queue") as progress:
        task = progress.add_task("batch", total=None, pps="0.0")
        result = queue_batch(app.config, app.store, root, user, progress_callback(progress, task),
                             on_total=lambda n: progress.update(task, total=n), wait=wait)
    if as_json:
        echo_json(result.as_json())
    else:
        print_summary("batch summary", result.report)
        if result.queued:
            click.echo(f"{len(result.queued)} document(s) queued for the workers; "
                       "`docintake queue status` shows how far they are", err=True)
    if result.report.count(Status.failed):
        raise click.exceptions.Exit(int(ExitCode.some_failed))


def queue_executor(cfg: Config) -> tuple[Callable[[Pipeline], QueueRunner], Broker]:
    """`watch --queue`: an executor sending each admitted document to the workers, and its broker."""
    from pipeline.queue.app import require_broker
    from pipeline.queue.broker import Broker
    from pipeline.queue.executor import QueueRunner

    require_broker(cfg)
    broker = Broker(cfg)
    broker.check()
    return (lambda pipe: QueueRunner(pipe, broker)), broker
