"""`docintake audit ...`: read and verify the hash-chained audit log."""

from __future__ import annotations

import json

import click

from pipeline.cli.app import AppContext, cli, echo_json, json_option, pass_app, print_table
from pipeline.errors import ProblemsFound


@cli.group("audit")
def audit_group() -> None:
    """The audit log: who did what to which document, when, before and after (hash-chained)."""


@audit_group.command("verify")
@json_option
@pass_app
def audit_verify(app: AppContext, as_json: bool) -> None:
    """Check the hash chain: exit 0 when intact, 1 (listing the broken rows) when it was tampered with."""
    count, problems = app.store.verify_audit()
    if as_json:
        echo_json({"ok": not problems, "rows": count,
                   "problems": [{"row": p.row_id, "kind": p.kind.value, "message": p.message} for p in problems]})
    elif problems:
        for p in problems:
            click.echo(p.message)
        click.echo(f"audit chain BROKEN: {len(problems)} problem(s) in {count} row(s)")
    else:
        click.echo(f"audit chain intact: {count} row(s)")
    if problems:
        raise ProblemsFound(f"the audit chain is broken: {len(problems)} problem(s)",
                            hint="the audit log was changed outside docintake; keep this output as evidence")


def _brief(value: dict) -> str:
    return ", ".join(f"{k}={v}" for k, v in value.items()) if value else ""


@audit_group.command("log")
@click.option("--document", "document_id", metavar="ID", help="Only this document's rows.")
@click.option("--limit", type=click.IntRange(1), help="Only the newest N rows (still printed oldest first).")
@json_option
@pass_app
def audit_log(app: AppContext, document_id: str | None, limit: int | None, as_json: bool) -> None:
    """Audit rows, oldest first: when, who, what, which document, before and after."""
    rows = app.store.audit_log(document_id, limit)
    if as_json:
        echo_json(rows)
        return
    table = [[r["id"], r["at"], r["user"], r["action"], r["document_id"], _brief(r["before"]),
              _brief(r["after"]) if len(json.dumps(r["after"])) < 400 else "(long; see --json)"] for r in rows]
    print_table(f"{len(rows)} audit row(s)", ["#", "at", "user", "action", "document", "before", "after"], table)
