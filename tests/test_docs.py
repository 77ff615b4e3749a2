"""The docs are tested: every command has help text, every exit code is in the README."""

from __future__ import annotations

import re

import click
import pytest

from pipeline.cli import cli
from pipeline.errors import ExitCode
from tests.conftest import REPO


def _commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], click.Command]]:
    out = []
    for name, cmd in group.commands.items():
        out.append(((*prefix, name), cmd))
        if isinstance(cmd, click.Group):
            out.extend(_commands(cmd, (*prefix, name)))
    return out


@pytest.mark.parametrize(("path", "cmd"), _commands(cli), ids=lambda v: " ".join(v) if isinstance(v, tuple) else "")
def test_every_command_has_help(path: tuple[str, ...], cmd: click.Command) -> None:
    assert cmd.help and cmd.help.strip(), f"docintake {' '.join(path)} has no help text"
    for param in cmd.params:
        if isinstance(param, click.Option):
            assert param.help, f"docintake {' '.join(path)} {param.opts[0]} has no help text"


def test_every_exit_code_is_documented() -> None:
    readme = (REPO / "README.md").read_text()
    table = dict(re.findall(r"^\| (\d+) \| (.+) \|$", readme, re.M))
    assert {int(c) for c in table} == {int(c) for c in ExitCode}


def test_help_runs(cli) -> None:  # type: ignore[no-untyped-def]
    run = cli("--help", home_dir=None)
    assert run.code == 0 and "patients" in run.out and "batch" in run.out
