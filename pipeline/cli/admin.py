"""`docintake config ...` and `docintake db ...`."""

from __future__ import annotations

from dataclasses import asdict

import click

from pipeline.cli.app import AppContext, cli, echo_json, json_option, pass_app


@cli.group()
def config() -> None:
    """Show the effective configuration."""


@config.command("show")
@json_option
@pass_app
def config_show(app: AppContext, as_json: bool) -> None:
    """Print every setting with its effective value (after docintake.toml and --home)."""
    from pipeline.config import config_help, find_config_file

    values = asdict(app.config)
    if as_json:
        echo_json({**values, "database_url": app.config.effective_database_url})
        return
    source = find_config_file() if app.home is None else None
    click.echo(f"# config file: {source or '(none; defaults)'}")
    for name, _default, help_text in config_help():
        click.echo(f"{name} = {values[name]!r}    # {help_text}")


@cli.group()
def db() -> None:
    """Database schema management (migrations also run automatically on first use)."""


@db.command("upgrade")
@pass_app
def db_upgrade(app: AppContext) -> None:
    """Apply every pending migration to the configured database."""
    from pipeline.index.db import make_engine, upgrade

    engine = make_engine(app.config.effective_database_url)
    try:
        before, after = upgrade(engine)
    finally:
        engine.dispose()
    click.echo(f"database at revision {after}" + ("" if before == after else f" (was {before or 'empty'})"))


@db.command("status")
@pass_app
def db_status(app: AppContext) -> None:
    """Show the database's schema revision and the newest one this version ships."""
    from pipeline.index.db import current_revision, head_revision, make_engine

    engine = make_engine(app.config.effective_database_url)
    try:
        click.echo(f"current: {current_revision(engine) or 'empty'}\nhead:    {head_revision()}")
    finally:
        engine.dispose()
