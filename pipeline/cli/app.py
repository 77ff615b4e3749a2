"""The root command group, global options, and the shared context every command uses."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:  # config and store (SQLAlchemy, Alembic) are loaded by the commands that use them
    from pipeline.config import Config
    from pipeline.index.store import Store


class AppContext:
    """Lazily loaded config and store, shared by the commands of one invocation.

    (A plain class, and json/logging imported where used: `docintake --help` loads as little as it can.)
    """

    def __init__(self, home: str | None) -> None:
        self.home = home
        self._config: Config | None = None
        self._store: Store | None = None

    @property
    def config(self) -> Config:
        """The effective configuration (loaded on first use)."""
        if self._config is None:
            from pipeline.config import load_config

            self._config = load_config(self.home)
        return self._config

    @property
    def store(self) -> Store:
        """The store, its database migrated (opened on first use)."""
        if self._store is None:
            from pipeline.index.store import Store

            self._store = Store(self.config)
        return self._store

    def close(self) -> None:
        """Release the store's connections."""
        if self._store is not None:
            self._store.close()


def _setup_logging(verbose: int) -> None:
    import logging

    level = logging.WARNING - 10 * min(verbose, 2)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s", "%H:%M:%S"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 110})
@click.option("--home", type=click.Path(file_okay=False), envvar="DOCINTAKE_HOME",
              help="Base folder: docintake.toml is read from it and relative paths resolve against it.")
@click.option("-v", "--verbose", count=True, help="More log output on stderr (-v info, -vv debug).")
@click.version_option(package_name="pipeline", prog_name="docintake")
@click.pass_context
def cli(ctx: click.Context, home: str | None, verbose: int) -> None:
    """docintake: read scanned medical documents, match them to patients, file them or queue them for review."""
    _setup_logging(verbose)
    app = AppContext(home)
    ctx.obj = app
    ctx.call_on_close(app.close)


pass_app = click.make_pass_decorator(AppContext)

json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON on stdout instead of a table.")
def os_user() -> str:
    """The OS user running this command (the default --user)."""
    from pipeline.index.audit import os_user as current

    return current()


user_option = click.option("--user", default=os_user, show_default="the OS user",
                           help="Who is acting; recorded in the audit log.")


TABLE_ROWS = 50  # a table shows this many rows unless --limit says otherwise: a clerk reads, a program uses --json


def limit_option(what: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """`--limit N`: at most N rows of `what` (0: all); a table shows TABLE_ROWS by default, --json everything."""
    return click.option("--limit", type=click.IntRange(0), default=None, metavar="N",
                        help=f"Show at most N {what} (0: all). Default: {TABLE_ROWS} in the table, all with --json.")


def rows_to_show(limit: int | None, as_json: bool) -> int | None:
    """How many rows a listing shows: None for all."""
    if limit is None:
        return None if as_json else TABLE_ROWS
    return limit or None


def echo_json(value: Any) -> None:
    """Print `value` as JSON on stdout."""
    import json

    click.echo(json.dumps(value, indent=2, default=str))


def echo_json_pieces(pieces: Iterable[str]) -> None:
    """Print JSON text given in pieces (a long list streams instead of being built whole) on stdout."""
    out = sys.stdout  # not click.echo: it scans all 50 MB for colour codes JSON cannot hold
    for piece in pieces:
        out.write(piece)
    out.write("\n")
    out.flush()


def print_table(title: str, columns: list[str], rows: list[list[Any]]) -> None:
    """A Rich table on stdout (wide enough for ids and names even when stdout is not a terminal)."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, title_justify="left", show_lines=False)
    for col in columns:
        table.add_column(col, overflow="fold")
    for row in rows:
        table.add_row(*("" if v is None else str(v) for v in row))
    Console(width=max(140, Console().width), soft_wrap=False).print(table)
