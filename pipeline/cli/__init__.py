"""The `docintake` command: a thin layer over the library. JSON and tables on stdout, logs on stderr."""

from __future__ import annotations

import sys

import click

from pipeline.cli.app import cli
from pipeline.errors import DocintakeError, ExitCode

# Each module registers its commands on `cli` when imported.
from pipeline.cli import admin, batch, documents, failed, patients, review, watch  # noqa: E402,F401  isort: skip
from pipeline.cli import audit, classifier, doctor, search  # noqa: E402,F401  isort: skip
from pipeline.cli import export, listen  # noqa: E402,F401  isort: skip
from pipeline.cli import queue  # noqa: E402,F401  isort: skip


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the command and turn every docintake error into its documented exit code."""
    try:
        code = cli.main(args=argv, prog_name="docintake", standalone_mode=False)
        if isinstance(code, int) and code:
            sys.exit(code)  # a command's click.exceptions.Exit comes back as a return value here
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
