"""The deployment files are tested: every docintake command line in docs/deploy parses with the real CLI."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import click
import pytest

from pipeline.cli import cli
from tests.conftest import REPO

DEPLOY = REPO / "docs" / "deploy"


def _command_lines() -> list[tuple[str, list[str]]]:
    """(file, argv after `docintake`) for every docintake invocation in the deployment files."""
    found = []
    for path in sorted(DEPLOY.iterdir()):
        for line in path.read_text().splitlines():
            if line.lstrip().startswith("#"):
                continue
            for match in re.finditer(r"/bin/docintake ([^'>|]+)", line):
                found.append((path.name, shlex.split(match.group(1).replace("%%", "%"))))
    return found


def test_deployment_files_exist() -> None:
    names = {p.name for p in DEPLOY.iterdir()}
    assert {"docintake-watch.service", "docintake-nightly.service", "docintake-nightly.timer",
            "docintake.cron"} <= names
    assert "KillMode=mixed" in (DEPLOY / "docintake-watch.service").read_text()
    assert "OnCalendar=" in (DEPLOY / "docintake-nightly.timer").read_text()


@pytest.mark.parametrize(("name", "argv"), _command_lines(), ids=lambda v: v if isinstance(v, str) else "")
def test_every_command_line_uses_real_commands_and_options(name: str, argv: list[str]) -> None:
    assert argv[:1] == ["--home"], f"{name}: give --home explicitly"
    sub, rest = argv[2], argv[3:]
    command = cli.commands.get(sub)
    assert isinstance(command, click.Command), f"{name}: unknown command {sub}"
    known = {opt for param in command.params if isinstance(param, click.Option) for opt in param.opts}
    used = {a for a in rest if a.startswith("--")}
    assert used <= known, f"{name}: unknown options {used - known} for `docintake {sub}`"
    arguments = [p for p in command.params if isinstance(p, click.Argument)]
    flags = {opt for p in command.params if isinstance(p, click.Option) and p.is_flag for opt in p.opts}
    values = [a for i, a in enumerate(rest) if not a.startswith("--") and (i == 0 or rest[i - 1] in flags
                                                                              or not rest[i - 1].startswith("--"))]
    assert len(values) == len(arguments), f"{name}: arguments {values} for {[a.name for a in arguments]}"


def test_intake_doc_names_every_intake_command() -> None:
    text = (REPO / "docs" / "intake.md").read_text()
    for words in ("docintake watch", "docintake batch DIR", "docintake failed list", "docintake failed retry"):
        assert words in text
    for option in ("--poll", "--settle", "--rescan", "--once", "--move"):
        assert option in text
    assert Path(REPO / "docs" / "deploy").is_dir()
