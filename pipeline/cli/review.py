"""`docintake review ...`: the queue of documents a clerk decides."""

from __future__ import annotations

import sys
from typing import IO, TYPE_CHECKING, Any

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
from pipeline.vocab import DocType

if TYPE_CHECKING:
    from pipeline.review import Decision

TYPE_CHOICE = click.Choice([t.value for t in DocType])
REASON_HELP = ("Only items with this reason: 'patient uncertain', 'no patient found', 'type uncertain', 'several patients', "
               "'several documents', 'pages of unsure belonging'.")
expect_option = click.option("--expect-version", type=int, default=None,
                             help="Refuse (exit 6) if the document changed since you saw this version (`review show`).")


@cli.group()
def review() -> None:
    """The review queue: documents docintake was not sure enough to file."""


def _age(seconds: int) -> str:
    if seconds < 3600:
        return f"{seconds // 60} min"
    return f"{seconds // 3600} h" if seconds < 172800 else f"{seconds // 86400} d"


@review.command("list")
@click.option("--reason", help=REASON_HELP)
@click.option("--older-than", "older_than", metavar="DURATION", help="Only items received longer ago than this (90m, 2h, 3d, 1w).")
@limit_option("items, the oldest")
@json_option
@pass_app
def review_list(app: AppContext, reason: str | None, older_than: str | None, limit: int | None,
                as_json: bool) -> None:
    """Open review items, oldest first, with their reasons, best candidate and type guess."""
    from pipeline.clock import now
    from pipeline.index.listing import open_reader
    from pipeline.jsonout import list_json
    from pipeline.review.items import parse_duration, parse_reason, queue_items

    at = now()
    with open_reader(app.config, lambda: app.store) as reader:
        items = queue_items(reader, parse_reason(reason) if reason else None,
                            parse_duration(older_than) if older_than else None, at)
    total, items = len(items), items[:rows_to_show(limit, as_json)]
    if as_json:
        echo_json_pieces(list_json(i.as_json(at) for i in items))
        return
    rows = []
    for i in items:
        data = i.as_json(at)
        best = f"{i.candidate_name or ''} {i.candidate_mrn}".strip() if i.candidate_mrn else None
        rows.append([i.id, i.received.strftime("%Y-%m-%d %H:%M"), _age(data["age_seconds"]), i.source_name,
                     "; ".join(data["queue_reasons"]), best, i.candidate_score, i.doc_type, i.claimed_by])
    title = f"review queue: {total} item(s)" + ("" if total == len(items) else f", the oldest {len(items)} shown (--limit 0: all)")
    print_table(title, ["id", "received", "age", "source", "reasons",
                                                        "best candidate", "score", "type guess", "claimed by"], rows)


@review.command("show")
@click.argument("doc_id", metavar="ID")
@json_option
@user_option
@pass_app
def review_show(app: AppContext, doc_id: str, as_json: bool, user: str) -> None:
    """The evidence for one item: identifiers, candidates with per-field explanations, text, PDF path.

    Looking is audited (action 'viewed', with --user).
    """
    from pipeline.review import show_item
    from pipeline.review.loop import format_candidate, format_item

    ev = show_item(app.store, doc_id, user)
    if as_json:
        echo_json(ev.as_json())
        return
    click.echo(format_item(ev))
    for n, c in enumerate(ev.candidates[3:], start=4):
        click.echo(format_candidate(n, c))
    status = f"resolved: {ev.resolution['decision']} by {ev.resolution['by']} at {ev.resolution['at']}" \
        if ev.resolution else f"open, version {ev.version}" + (f", claimed by {ev.claimed_by}" if ev.claimed_by else "")
    click.echo(f"status:   {ev.status}; {status}")


def _report(decision: Decision, as_json: bool) -> None:
    from pipeline.review.loop import describe

    if as_json:
        echo_json(decision.as_json())
    else:
        click.echo(describe(decision))


@review.command("assign")
@click.argument("doc_id", metavar="ID")
@click.option("--patient", "mrn", required=True, metavar="MRN", help="MRN of the roster patient the document is about.")
@click.option("--type", "doc_type", type=TYPE_CHOICE, help="File it as this type (default: the type guess).")
@click.option("--note", default="", help="Why, for the audit log.")
@expect_option
@json_option
@user_option
@pass_app
def review_assign(app: AppContext, doc_id: str, mrn: str, doc_type: str | None, note: str,
                  expect_version: int | None, as_json: bool, user: str) -> None:
    """File a review item under a patient (exit 5 if the item or the MRN is unknown, 6 if someone else
    resolved or holds it). The document's name variant becomes an alias of the patient."""
    from pipeline.review import assign

    _report(assign(app.store, doc_id, mrn, user, doc_type, note, expect_version), as_json)


@review.command("retype")
@click.argument("doc_id", metavar="ID")
@click.option("--type", "doc_type", type=TYPE_CHOICE, required=True, help="The document's type.")
@expect_option
@json_option
@user_option
@pass_app
def review_retype(app: AppContext, doc_id: str, doc_type: str, expect_version: int | None, as_json: bool,
                  user: str) -> None:
    """Set a review item's type; it is filed when its patient is already known, else it waits for one."""
    from pipeline.review import retype

    _report(retype(app.store, doc_id, doc_type, user, expect_version), as_json)


@review.command("reject")
@click.argument("doc_id", metavar="ID")
@click.option("--reason", required=True, help="Why: junk fax, not our patient, duplicate, ...")
@expect_option
@json_option
@user_option
@pass_app
def review_reject(app: AppContext, doc_id: str, reason: str, expect_version: int | None, as_json: bool,
                  user: str) -> None:
    """Reject a review item: it is kept with its reason but never filed."""
    from pipeline.review import reject

    _report(reject(app.store, doc_id, reason, user, expect_version), as_json)


@review.command("split")
@click.argument("doc_id", metavar="ID")
@click.option("--pages", "pages", multiple=True, metavar="RANGE",
              help="One part's pages, like 1-2 or 3; give it once per part, in order, covering every page.")
@click.option("--accept", is_flag=True, help="Split as docintake proposed (`review list --json`: proposed_parts).")
@expect_option
@json_option
@user_option
@pass_app
def review_split(app: AppContext, doc_id: str, pages: tuple[str, ...], accept: bool, expect_version: int | None,
                 as_json: bool, user: str) -> None:
    """Split a fax of several documents into parts; each part is then a review item of its own.

    The fax gets the status 'split' and keeps its original; `review undo` puts it back (while no part was
    decided). Exit 2 for ranges that do not cover every page once, 5 if the item is unknown, 6 if someone
    else resolved or holds it.
    """
    from pipeline.review.splitting import split

    _report(split(app.store, doc_id, list(pages), user, accept, expect_version), as_json)


@review.command("undo")
@click.argument("doc_id", metavar="[ID]", required=False)
@json_option
@user_option
@pass_app
def review_undo(app: AppContext, doc_id: str | None, as_json: bool, user: str) -> None:
    """Undo your last decision (or your last on document ID): the item returns to the queue."""
    from pipeline.review import undo

    _report(undo(app.store, user, doc_id), as_json)


@review.command("stats")
@click.option("--days", default=14, show_default=True, type=click.IntRange(1, 3660),
              help="Days of automatic-filing rate to show.")
@json_option
@pass_app
def review_stats_cmd(app: AppContext, days: int, as_json: bool) -> None:
    """Queue size by reason and age, decisions per clerk, and the automatic-filing rate per day."""
    from pipeline.review import review_stats

    stats = review_stats(app.store, days)
    if as_json:
        echo_json(stats.as_json())
        return
    buckets = list(stats.by_age)
    print_table(f"review queue: {stats.open_items} open, by reason and age", ["reason", *buckets, "all"],
                [[reason, *ages.values(), stats.by_reason[reason]] for reason, ages in stats.by_reason_age.items()]
                + [["all items", *stats.by_age.values(), stats.open_items]])
    actions = ["assigned", "rejected", "retyped", "undone"]
    print_table("decisions per clerk", ["clerk", *actions],
                [[user, *(counts.get(a, 0) for a in actions)] for user, counts in stats.decisions.items()])
    rate = "-" if stats.auto_filed_rate is None else f"{stats.auto_filed_rate:.1%}"
    print_table(f"automatic filing, last {days} day(s): {rate}", ["day", "documents", "auto-filed", "to review",
                                                                  "rate"],
                [[d.day, d.documents, d.auto_filed, d.reviewed, "-" if d.rate is None else f"{d.rate:.1%}"]
                 for d in stats.days])


# -- review next -----------------------------------------------------------------------------------------

class KeyTerminal:
    """A real terminal: one key press, no Enter needed (click.getchar); lines for search text and reasons."""

    def show(self, text: str) -> None:
        """Print text."""
        click.echo(text)

    def key(self, prompt: str, default: str) -> str:
        """Wait for one key; Enter gives the default, Ctrl-C or Ctrl-D quit."""
        click.echo(prompt, nl=False)
        try:
            ch = click.getchar()
        except (KeyboardInterrupt, EOFError):
            click.echo("q")
            return "q"
        ch = default if ch in ("\r", "\n") else ch
        click.echo(ch)
        return ch

    def line(self, prompt: str) -> str:
        """A line typed and ended with Enter."""
        click.echo(prompt, nl=False)
        try:
            return input()
        except (KeyboardInterrupt, EOFError):
            click.echo("")
            return ""


class LineTerminal:
    """Piped stdin for scripting: one command per line ('1', 'k', 's Jane Doe', 'r junk fax', '' = default).

    A key's argument may follow it on the same line or come on the next line; the end of input quits.
    """

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self._argument: str | None = None

    def show(self, text: str) -> None:
        """Print text."""
        click.echo(text)

    def _read(self) -> str | None:
        raw = self.stream.readline()
        return None if raw == "" else raw.rstrip("\r\n")

    def key(self, prompt: str, default: str) -> str:
        """The first character of the next line (the rest is kept as the argument of the next `line`)."""
        click.echo(prompt, nl=False)
        raw = self._read()
        if raw is None:
            click.echo("q (end of input)")
            return "q"
        text = raw.strip()
        key, self._argument = (text[:1], text[1:].strip() or None) if text else (default, None)
        click.echo(key)
        return key

    def line(self, prompt: str) -> str:
        """The argument given after the key, else the next line."""
        click.echo(prompt, nl=False)
        if self._argument is not None:
            text, self._argument = self._argument, None
        else:
            text = self._read() or ""
        click.echo(text)
        return text


def terminal_for(stream: Any) -> KeyTerminal | LineTerminal:
    """A key-at-a-time terminal when stdin is one, else line-by-line reading for scripts."""
    return KeyTerminal() if stream.isatty() else LineTerminal(stream)


@review.command("next")
@click.option("--reason", help=REASON_HELP)
@user_option
@pass_app
def review_next(app: AppContext, reason: str | None, user: str) -> None:
    """Work the queue interactively, one key per decision.

    \b
    1-3 file under that candidate   s search the roster   t change the type
    r reject   k skip   o open the PDF   u undo the last decision   q quit
    Enter takes the default shown. With piped stdin, one key (and its argument) per line.
    """
    from pipeline.match.matcher import MatchOptions
    from pipeline.review import ReviewLoop, parse_reason

    loop = ReviewLoop(app.store, user, terminal_for(sys.stdin), reason=parse_reason(reason) if reason else None,
                      options=MatchOptions.from_config(app.config))
    loop.run()
