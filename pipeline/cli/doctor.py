"""`docintake doctor`: check the store's rows and files agree; repair what is safe to repair."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

import click

from pipeline.cli.app import AppContext, cli, echo_json, json_option, pass_app, user_option
from pipeline.errors import ProblemsFound
from pipeline.index.limits import DEFAULT_GRACE, DEFAULT_STUCK

if TYPE_CHECKING:
    from pipeline.index.doctor import DoctorReport


def _print(report: DoctorReport) -> None:
    for f in report.findings:
        state = "repaired" if f.repaired else "PROBLEM"
        click.echo(f"{state:<9}{f.kind.value:<18}{f.message}")
        if f.action:
            click.echo(f"{'':27}done: {f.action}")
        elif f.hint:
            click.echo(f"{'':27}hint: {f.hint}")
    verdict = "store is consistent" if report.ok else f"{len(report.remaining)} problem(s) remain"
    click.echo(f"checked {report.documents} document(s) and {report.files} file(s): {verdict}")


@cli.command()
@click.option("--repair", is_flag=True, help="Fix what can be fixed safely (each repair is audited).")
@click.option("--stuck-minutes", type=click.IntRange(1), default=int(DEFAULT_STUCK.total_seconds() // 60),
              show_default=True, help="Report documents still 'processing' after this many minutes.")
@click.option("--grace-minutes", type=click.IntRange(0), default=int(DEFAULT_GRACE.total_seconds() // 60),
              show_default=True, help="Leave files younger than this alone (a running batch may own them).")
@json_option
@user_option
@pass_app
def doctor(app: AppContext, repair: bool, stuck_minutes: int, grace_minutes: int, as_json: bool, user: str) -> None:
    """Check every row's files exist and hash right, no orphan files, nothing stuck in 'processing'.

    Exit 0 when the store is consistent (after repairs), 1 when problems remain.
    """
    from pipeline.index.doctor import DoctorOptions

    options = DoctorOptions(repair=repair, stuck_after=timedelta(minutes=stuck_minutes),
                            grace=timedelta(minutes=grace_minutes), user=user)
    report = app.store.doctor(options)
    if as_json:
        echo_json(report.as_json())
    else:
        _print(report)
    if not report.ok:
        raise ProblemsFound(f"{len(report.remaining)} problem(s) remain in the store",
                            hint=None if repair else "run `docintake doctor --repair` to fix what can be fixed")
