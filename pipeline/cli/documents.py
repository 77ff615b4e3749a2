"""`docintake documents ...`: what was ingested and where it stands."""

from __future__ import annotations

import click

from pipeline.cli.app import AppContext, cli, echo_json, json_option, pass_app, print_table
from pipeline.records import Status

STATUSES = [s.value for s in Status]


def _pct(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"


@cli.group()
def documents() -> None:
    """Ingested documents."""


@documents.command("list")
@click.option("--status", type=click.Choice(STATUSES), help="Only documents in this state.")
@json_option
@pass_app
def documents_list(app: AppContext, status: str | None, as_json: bool) -> None:
    """One row per ingested file: status, patient, type and scores."""
    docs = app.store.list_documents(status)
    if as_json:
        echo_json(docs)
        return
    rows = [
        [d["id"], d["source_name"], d["status"], d["patient_mrn"], d["doc_type"], _pct(d["match_score"]),
         _pct(d["type_confidence"]), d["pages"], d["error"] or "; ".join(d["reasons"])]
        for d in docs
    ]
    print_table(f"{len(docs)} document(s)", ["id", "source", "status", "patient", "type", "match", "type conf",
                                              "pages", "reason / error"], rows)
