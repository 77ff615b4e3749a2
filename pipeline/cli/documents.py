"""`docintake documents ...`: what was ingested and where it stands."""

from __future__ import annotations

import click

from pipeline.cli.app import (
    AppContext,
    cli,
    echo_json,
    echo_json_pieces,
    json_option,
    limit_option,
    pass_app,
    print_table,
    rows_to_show,
    user_option,
)
from pipeline.vocab import Status

STATUSES = [s.value for s in Status]


def routing_reasons(reasons: list[str]) -> str:
    """The routing reasons a clerk scans in a table (the matcher's detail stays in --json and `show`)."""
    return "; ".join(r for r in reasons if not r.startswith("match: "))


def _pct(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"


@cli.group()
def documents() -> None:
    """Ingested documents."""


@documents.command("list")
@click.option("--status", type=click.Choice(STATUSES), help="Only documents in this state.")
@limit_option("documents, the newest")
@json_option
@pass_app
def documents_list(app: AppContext, status: str | None, limit: int | None, as_json: bool) -> None:
    """One row per ingested file, oldest first: status, patient, type and scores (the newest N of them)."""
    from pipeline.index import listing

    shown = rows_to_show(limit, as_json)
    with listing.open_reader(app.config, lambda: app.store) as reader:
        rows = listing.document_rows(reader, status, newest=shown)
        if as_json:
            echo_json_pieces(listing.documents_json(rows))
            return
        docs = [listing.document_dict(row) for chunk in rows for row in chunk]
        total = len(docs) if shown is None or len(docs) < shown else listing.count_documents(reader, status)
    rows_shown = [
        [d["id"], d["source_name"], d["status"], d["patient_mrn"], d["doc_type"], _pct(d["match_score"]),
         _pct(d["type_confidence"]), d["pages"], d["error"] or routing_reasons(d["reasons"])]
        for d in docs
    ]
    title = f"{total} document(s)" if total == len(docs) else f"the newest {len(docs)} of {total} document(s) (--limit 0: all)"
    print_table(title, ["id", "source", "status", "patient", "type", "match", "type conf",
                                              "pages", "reason / error"], rows_shown)


def _show_text(doc: dict) -> None:
    """A clerk-readable view of `documents show`."""
    click.echo(f"document {doc['id']}  {doc['source_name']}")
    for label, key in (("status", "status"), ("received", "received"), ("patient", "patient_mrn"),
                       ("type", "doc_type"), ("match score", "match_score"), ("type confidence", "type_confidence"),
                       ("pages", "pages"), ("error", "error")):
        if doc.get(key) is not None:
            click.echo(f"  {label:<16}{doc[key]}")
    if doc["reasons"]:
        click.echo(f"  {'reasons':<16}{'; '.join(doc['reasons'])}")
    review = doc["review"]
    if review:
        who = review["resolved_by"] or review["claimed_by"] or ""
        click.echo(f"  {'review':<16}{review['state']} {who} {review['decision'] or ''}".rstrip())
    for name, path in doc["files"].items():
        if path:
            click.echo(f"  {name + ' file':<16}{path}")
    for page in doc["page_texts"]:
        click.echo(f"\n--- page {page['number']} ({page['source']}) ---\n{page['text']}")


@documents.command("show")
@click.argument("document_id")
@json_option
@user_option
@pass_app
def documents_show(app: AppContext, document_id: str, as_json: bool, user: str) -> None:
    """Everything about one document: metadata, page text, file locations, review state, history.

    Every look is recorded in the audit log as 'viewed' (by --user).
    """
    doc = app.store.show_document(document_id, user)
    if as_json:
        echo_json(doc)
    else:
        _show_text(doc)
