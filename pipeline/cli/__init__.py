"""The `docintake` command: a thin layer over the library. JSON and tables on stdout, logs on stderr."""

from __future__ import annotations

import sys

import click

from pipeline.cli.app import cli
from pipeline.errors import DocintakeError, ExitCode

# Each module registers its commands on `cli` when imported.
from pipeline.cli import admin, batch, documents, patients, review  # noqa: E402,F401  isort: skip
from pipeline.cli import audit, doctor, search  # noqa: E402,F401  isort: skip


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the command and turn every docintake error into its documented exit code."""
    try:
        cli.main(args=argv, prog_name="docintake", standalone_mode=False)
    except DocintakeError as exc:
        click.echo(f"docintake: error: {exc}", err=True)
        sys.exit(int(exc.exit_code))
    except click.exceptions.Abort:
        click.echo("docintake: interrupted", err=True)
        sys.exit(int(ExitCode.interrupted))
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
