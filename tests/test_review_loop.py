"""`review next`: in a real terminal (pexpect), with piped stdin (a real pipe and in-process), and key by key."""

from __future__ import annotations

import io
import os
import subprocess
from pathlib import Path

import pexpect
import pytest

from pipeline.review import ReviewLoop
from pipeline.review.loop import default_key, open_pdf, split_search
from tests.conftest import REPO
from tests.test_review_support import ScriptedTerminal, build_queue, open_store

EXE = REPO / ".venv" / "bin" / "docintake"


@pytest.fixture
def queue(cli, home: Path, tmp_path: Path) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Three review items, oldest first: a (nickname, default = candidate 1), b (name only), c (junk: default skip)."""
    return build_queue(cli, home, tmp_path)


@pytest.fixture
def store(home: Path, queue):  # type: ignore[no-untyped-def]
    s = open_store(home)
    yield s
    s.close()


def _child_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "DOCINTAKE_CONFIG",
                                                            "DOCINTAKE_HOME")}
    env["PYTHONPATH"] = str(REPO)  # the tree under test, whatever the venv's install points at
    return env


def _states(cli) -> dict[str, tuple[str, str | None, str | None]]:  # type: ignore[no-untyped-def]
    return {d["id"]: (d["status"], d["patient_mrn"], d["doc_type"]) for d in cli("documents", "list", "--json").json()}


@pytest.mark.skipif(not EXE.exists(), reason="needs the installed .venv/bin/docintake")
def test_review_next_in_a_real_terminal(cli, home: Path, queue) -> None:  # type: ignore[no-untyped-def]
    child = pexpect.spawn(str(EXE), ["--home", str(home), "review", "next", "--user", "carol"], env=_child_env(),
                          encoding="utf-8", timeout=30, dimensions=(50, 200))
    try:
        child.expect(r"\[Enter = 1: assign to Theodora Okonkwo ZZ900001 as lab_result\] > ")
        child.send("\r")  # Enter takes the default
        child.expect(r"filed \w+ under ZZ900001 as lab_result; the name variant is now an alias")
        child.expect(r"\[Enter = 1: assign to Marcus Delacroix ZZ900002")
        child.send("k")  # one key, no Enter
        child.expect(r"skipped \w+")
        child.expect(r"\[Enter = k: skip\] > ")  # c: nobody plausible, so Enter would only skip
        child.send("o")
        child.expect("no PDF viewer available here")
        child.send("t")
        child.expect(r"new type \(number or name")
        child.sendline("8")
        child.expect(r"type of \w+ set to insurance; now pick the patient")
        child.expect(r"type:\s+insurance")
        child.send("u")
        child.expect(r"undone: your 'retyped'")
        child.expect(r"type:\s+other")
        child.send("r")
        child.expect("reject because")
        child.sendline("1")
        child.expect(r"rejected \w+ \(junk fax\)")
        child.expect("No more items to review")
        child.expect("2 decided, 1 skipped, 1 undone")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 0, child.before
    states = _states(cli)
    assert states[queue["a"]] == ("filed", "ZZ900001", "lab_result")
    assert states[queue["b"]][0] == "review"
    assert states[queue["c"]] == ("rejected", None, "other")
    open_items = {i["id"]: i for i in cli("review", "list", "--json").json()}
    assert list(open_items) == [queue["b"]] and open_items[queue["b"]]["claimed_by"] is None


@pytest.mark.skipif(not EXE.exists(), reason="needs the installed .venv/bin/docintake")
def test_review_next_with_a_real_pipe(cli, home: Path, queue) -> None:  # type: ignore[no-untyped-def]
    run = subprocess.run([str(EXE), "--home", str(home), "review", "next", "--user", "dave"], input="\nk\nr junk fax\n",
                         capture_output=True, text=True, env=_child_env(), timeout=60)
    assert run.returncode == 0, run.stderr
    assert "filed" in run.stdout and "skipped" in run.stdout and "rejected" in run.stdout
    assert "2 decided, 1 skipped, 0 undone" in run.stdout
    states = _states(cli)
    assert states[queue["a"]][:2] == ("filed", "ZZ900001") and states[queue["c"]][0] == "rejected"
    audit = cli("review", "show", queue["c"], "--json").json()
    assert audit["resolution"]["by"] == "dave" and audit["resolution"]["decision"] == "rejected"


def test_piped_script_with_search_and_undo(cli, queue, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    script = "s Okonkwo 03/04/1961\n1\nu\ns\n1961-03-04\n1\nk\nq\n"
    monkeypatch.setattr("sys.stdin", io.StringIO(script))
    run = cli("review", "next", "--user", "erin")
    assert run.code == 0, run.err
    assert run.out.count("filed ") == 2 and "undone: your 'assigned'" in run.out
    assert "2 decided, 1 skipped, 1 undone" in run.out
    states = _states(cli)
    assert states[queue["a"]][:2] == ("filed", "ZZ900001")
    assert states[queue["b"]][0] == "review" and states[queue["c"]][0] == "review"


def test_end_of_input_quits_and_releases_the_item(cli, queue, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    run = cli("review", "next", "--user", "erin")
    assert run.code == 0 and "0 decided" in run.out
    assert all(i["claimed_by"] is None for i in cli("review", "list", "--json").json())


def test_reason_filter_and_empty_queue(cli, queue, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("sys.stdin", io.StringIO("r duplicate\n"))
    run = cli("review", "next", "--reason", "no patient found", "--user", "fay")
    assert run.code == 0, run.err
    assert queue["c"] in run.out and queue["a"] not in run.out and "No more items" in run.out
    assert _states(cli)[queue["c"]][0] == "rejected"


def test_keys_that_do_not_decide(store, queue) -> None:  # type: ignore[no-untyped-def]
    opened: list[str | None] = []

    def opener(path: str | None) -> str:
        opened.append(path)
        return "opened it"

    term = ScriptedTerminal(["u", "x", "3", "?", "o", "s", "", "t", "", "t", "recipe", "r", "", "q"])
    summary = ReviewLoop(store, "gus", term, opener=opener).run()
    assert "nothing to undo yet" in term.text and "unknown key 'x'" in term.text
    assert "there is no candidate 3" in term.text and "Enter takes the default" in term.text
    assert opened and opened[0] and Path(opened[0]).is_file() and "opened it" in term.text
    assert "unknown document type 'recipe'" in term.text
    assert summary.decided == 0 and term.text.count("── review item") == 1, "the item is drawn once"


def test_retype_then_pick_then_undo_twice(cli, store, queue) -> None:  # type: ignore[no-untyped-def]
    term = ScriptedTerminal(["t", "imaging_report", "1", "u", "u", "q"])
    ReviewLoop(store, "hal", term).run()
    assert "set to imaging_report; now pick the patient" in term.text
    assert "filed" in term.text and "as imaging_report" in term.text
    assert "undone: your 'assigned'" in term.text and "undone: your 'retyped'" in term.text
    assert _states(cli)[queue["a"]] == ("review", None, "lab_result")


def test_default_key_is_safe(store, queue) -> None:  # type: ignore[no-untyped-def]
    from pipeline.review import show_item

    assert default_key(show_item(store, queue["a"])) == "1"
    assert default_key(show_item(store, queue["c"])) == "k"  # no patient found: Enter never files it


def test_split_search() -> None:
    assert split_search("Jane Doe") == ("Jane Doe", None)
    assert split_search("03/04/1961") == (None, "03/04/1961")
    assert split_search("Doe, Jane 1961-03-04") == ("Doe, Jane", "1961-03-04")
    assert split_search("Room 12") == ("Room 12", None)


def test_open_pdf_without_a_viewer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pdf = tmp_path / "x.pdf"
    pdf.write_bytes(b"%PDF-1.4\n")
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setattr("sys.platform", "linux")
    message = open_pdf(str(pdf))
    assert "no PDF viewer available" in message and str(pdf) in message
    assert "no PDF" in open_pdf(None)
