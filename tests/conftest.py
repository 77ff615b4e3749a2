"""Shared fixtures: a private docintake home, and running the CLI in-process with its exit code."""

from __future__ import annotations

import importlib.util
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest

from pipeline.cli import main

REPO = Path(__file__).resolve().parent.parent


def load_bench(name: str) -> ModuleType:
    """bench/<name>.py imported as the module `<name>_bench` (it is a script, not part of the package)."""
    spec = importlib.util.spec_from_file_location(f"{name}_bench", REPO / "bench" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module
SAMPLES = REPO / "samples"

os.environ.setdefault("OMP_THREAD_LIMIT", "1")
# The default type model trained once and reused by every test and CLI subprocess (keyed by the training
# code, so an edit retrains it); kept out of the developer's own ~/.cache.
os.environ.setdefault("DOCINTAKE_MODEL_CACHE", str(REPO / ".pytest_cache" / "docintake-models"))


@dataclass
class Run:
    """What one CLI invocation did."""

    code: int
    out: str
    err: str

    def json(self):  # type: ignore[no-untyped-def]
        """stdout parsed as JSON."""
        return json.loads(self.out)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty docintake home; the config env var is cleared so the developer's own config never leaks in."""
    monkeypatch.delenv("DOCINTAKE_CONFIG", raising=False)
    monkeypatch.delenv("DOCINTAKE_HOME", raising=False)
    h = tmp_path / "home"
    h.mkdir()
    return h


@pytest.fixture
def cli(home: Path, capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    """Run `docintake --home <home> ARGS...` in-process; returns a Run with the exit code."""

    def run(*args: str, home_dir: Path | None = home) -> Run:
        argv = (["--home", str(home_dir)] if home_dir else []) + [str(a) for a in args]
        code = 0
        try:
            main(argv)
        except SystemExit as exc:
            code = int(exc.code or 0)
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


ROSTER_HEADER = "mrn,first_name,last_name,dob,sex,phone,address,city,state,postal_code\n"


def write_roster(path: Path, rows: list[str]) -> Path:
    """A roster CSV with the contract header and the given rows."""
    path.write_text(ROSTER_HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path
