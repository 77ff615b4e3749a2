"""`docintake review ...`: the queue of documents a clerk decides."""

from __future__ import annotations

from pipeline.cli.app import AppContext, cli, echo_json, json_option, pass_app, print_table


@cli.group()
def review() -> None:
    """The review queue: documents docintake was not sure enough to file."""


@review.command("list")
@json_option
@pass_app
def review_list(app: AppContext, as_json: bool) -> None:
    """Open review items, oldest first, with their reasons, best candidate and type guess."""
    items = app.store.list_review()
    if as_json:
        echo_json(items)
        return
    rows = [
        [i["id"], i["received"], i["source_name"], "; ".join(i["reasons"]), i["candidate_mrn"],
         i["candidate_score"], i["doc_type"]]
        for i in items
    ]
    print_table(f"review queue: {len(items)} item(s)",
                ["id", "received", "source", "reasons", "best candidate", "score", "type guess"], rows)
