"""`docintake search QUERY`: ranked full-text search over every document's page text."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

import click

from pipeline.cli.app import AppContext, cli, echo_json, json_option, pass_app, print_table
from pipeline.index.limits import MARK_END, MARK_START, MAX_LIMIT
from pipeline.vocab import DocType, Status

if TYPE_CHECKING:
    from pipeline.index.search import SearchHit

_DAY = click.DateTime(formats=["%Y-%m-%d"])


def _local_day_start(day: datetime | None, plus_days: int = 0) -> datetime | None:
    """Midnight of `day` (+ `plus_days`) in this machine's time zone, as an aware datetime."""
    if day is None:
        return None
    return (day + timedelta(days=plus_days)).astimezone()


def _highlighted(snippet: str) -> str:
    """The snippet as Rich markup: matched words bold, everything else literal."""
    from rich.markup import escape

    out = []
    for i, piece in enumerate(snippet.split(MARK_START)):
        marked, _, rest = piece.partition(MARK_END) if i else ("", "", piece)
        out.append((f"[bold]{escape(marked)}[/bold]" if marked else "") + escape(rest))
    return "".join(out)


def _table(query: str, hits: list[SearchHit]) -> None:
    rows = [[h.id, (h.received or "")[:10], h.patient_mrn, h.doc_type, h.status, h.page, f"{h.score:.3g}",
             _highlighted(h.snippet)] for h in hits]
    print_table(f"{len(hits)} document(s) match {query!r}",
                ["id", "received", "patient", "type", "status", "page", "score", "snippet"], rows)


@cli.command()
@click.argument("query", nargs=-1, required=True)
@click.option("--patient", "patient_mrn", metavar="MRN", help="Only documents of this patient (MRN).")
@click.option("--type", "doc_type", type=click.Choice([t.value for t in DocType]), help="Only this document type.")
@click.option("--from", "date_from", type=_DAY, help="Only documents received on or after this day (YYYY-MM-DD).")
@click.option("--to", "date_to", type=_DAY, help="Only documents received on or before this day (YYYY-MM-DD).")
@click.option("--status", type=click.Choice([s.value for s in Status]), help="Only documents in this state.")
@click.option("--limit", type=click.IntRange(1, MAX_LIMIT), default=20, show_default=True,
              help="At most this many documents.")
@json_option
@pass_app
def search(app: AppContext, query: tuple[str, ...], patient_mrn: str | None, doc_type: str | None,
           date_from: datetime | None, date_to: datetime | None, status: str | None, limit: int,
           as_json: bool) -> None:
    """Find documents by the words on their pages, best match first, with a highlighted snippet.

    QUERY: words (all must appear, stemmed), "a phrase", prefix*, a OR b, -excluded (put `--` before a
    query that starts with '-'). Days are this machine's local dates.
    """
    from pipeline.index.search import SearchFilters

    filters = SearchFilters(patient_mrn=patient_mrn, doc_type=doc_type, status=status,
                            received_from=_local_day_start(date_from),
                            received_to=_local_day_start(date_to, plus_days=1))
    text = " ".join(query)
    hits = app.store.search(text, filters, limit)
    if as_json:
        echo_json([h.as_json() for h in hits])
    else:
        _table(text, hits)
