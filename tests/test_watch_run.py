"""The watcher for real: slow writers, a burst of 200 files, several watchers on one inbox, polling, failures."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

from pipeline.config import load_config
from pipeline.drivers.watch import Watcher, WatchOptions
from pipeline.errors import ExitCode
from pipeline.index.store import Store
from tests.test_watch_kit import (
    children,
    claims,
    docintake,
    documents,
    drop,
    inbox_files,
    make_home,
    one_row_per_file,
    pdf_bytes,
    rss_kib,
    sha256,
    stderr_of,
    stop,
    wait_for,
    wait_until_watching,
)


def test_a_file_written_in_slow_chunks_is_taken_only_once_complete(tmp_path: Path) -> None:
    home = make_home(tmp_path)
    cfg = load_config(str(home))
    store = Store(cfg)
    watcher = Watcher(cfg, store, "tester", options=WatchOptions(settle_seconds=1.0, workers=1, tick=0.05))
    thread = threading.Thread(target=watcher.run)
    thread.start()
    try:
        assert watcher.started.wait(30)
        data = pdf_bytes(7, pages=2)
        path = cfg.inbox_path / "slow fax.pdf"
        chunks = [data[i:i + len(data) // 6 + 1] for i in range(0, len(data), len(data) // 6 + 1)]
        with path.open("wb") as fh:
            for chunk in chunks:
                fh.write(chunk)
                fh.flush()
                time.sleep(0.5)  # shorter than the settle time: the file never looks complete meanwhile
        assert len(chunks) >= 6
        docs = wait_for(lambda: [d for d in store.list_documents() if d["status"] != "processing"], 30,
                        what="the slow file to be recorded")
    finally:
        watcher.request_stop()
        thread.join(60)
    assert not thread.is_alive()
    assert len(docs) == 1 and len(store.list_documents()) == 1
    doc = docs[0]
    assert doc["sha256"] == sha256(data), "the file was read before it was complete"
    assert doc["status"] in ("filed", "review") and doc["pages"] == 2
    assert inbox_files(cfg.inbox_path) == [] and claims(cfg.inbox_path) == []
    store.close()


def test_a_burst_of_200_files_each_recorded_once_in_bounded_memory(tmp_path: Path) -> None:
    home = make_home(tmp_path, settle_seconds=0.3, workers=2)
    inbox = home / "inbox"
    proc = docintake(home, "watch", "--json")
    wait_until_watching(proc)
    names = {f"batch {i // 50}/fax-{i:03d}.pdf" for i in range(200)}
    for i, name in enumerate(sorted(names)):
        drop(inbox, name, pdf_bytes(i))
    peak_claims, peak_rss = 0, 0
    deadline = time.monotonic() + 150
    while time.monotonic() < deadline and (inbox_files(inbox) or claims(inbox)) and proc.poll() is None:
        peak_claims = max(peak_claims, len(claims(inbox)))
        peak_rss = max(peak_rss, rss_kib(proc.pid) + sum(rss_kib(c) for c in children(proc.pid)))
        time.sleep(0.05)
    code, out, err = stop(proc)
    assert code == 0, err
    assert not inbox_files(inbox) and not claims(inbox), "some files were never taken"
    rows = one_row_per_file(documents(home), names)
    assert all(r["status"] in ("filed", "review") for r in rows.values()), err
    report = json.loads(out)
    assert report["processed"] == 200 and report["failed"] == 0
    assert peak_claims <= 4, f"{peak_claims} files claimed at once; the window is 2 per worker"
    assert peak_rss < 700 * 1024, f"watcher and workers peaked at {peak_rss // 1024} MiB"


def test_two_watchers_and_a_batch_move_on_one_inbox_process_each_file_once(tmp_path: Path) -> None:
    home = make_home(tmp_path, settle_seconds=0.2, workers=1)
    inbox = home / "inbox"
    watchers = [docintake(home, "watch", "--json") for _ in range(2)]
    wait_until_watching(*watchers)
    names = {f"fax-{i:03d}.pdf" for i in range(90)}
    for i, name in enumerate(sorted(names)):
        drop(inbox, name, pdf_bytes(1000 + i))
    mover = docintake(home, "batch", str(inbox), "--move", "--json", "--workers", "1")
    mover_out, _ = mover.communicate(timeout=120)
    assert mover.returncode == 0, stderr_of(mover)
    wait_for(lambda: not inbox_files(inbox) and not claims(inbox), 120, what="the inbox to empty")
    reports = [json.loads(out) for out in (stop(w)[1] for w in watchers)] + [json.loads(mover_out)]
    done = [set(r["documents"]) for r in reports]
    assert sum(len(d) for d in done) == 90 and len(set().union(*done)) == 90, "a file was processed twice"
    assert all(len(d) > 0 for d in done[:2]), f"work per watcher: {[len(d) for d in done]}"
    rows = one_row_per_file(documents(home), names)
    assert {r["id"] for r in rows.values()} == set().union(*done)
    assert not any(r["status"] == "duplicate" for r in rows.values())


def test_polling_observer_and_the_periodic_rescan(tmp_path: Path) -> None:
    home = make_home(tmp_path, settle_seconds=0.2, workers=1)
    inbox = home / "inbox"
    polling = docintake(home, "watch", "--poll", "0.3", "--json")
    wait_until_watching(polling)
    drop(inbox, "share/polled.pdf", pdf_bytes(1))
    wait_for(lambda: not inbox_files(inbox) and documents(home), 30, what="the polled file")
    code, out, err = stop(polling)
    assert code == 0 and json.loads(out)["processed"] == 1, err
    # A poll interval of an hour sees nothing: only the rescan (every second) can find the file.
    rescanning = docintake(home, "watch", "--poll", "3600", "--rescan", "1", "--json")
    wait_until_watching(rescanning)
    drop(inbox, "missed.pdf", pdf_bytes(2))
    wait_for(lambda: not inbox_files(inbox) and len(documents(home)) == 2, 30, what="the rescan to find it")
    code, out, err = stop(rescanning)
    assert code == 0 and json.loads(out)["processed"] == 1, err


def test_failure_moves_to_failed_with_its_reason_then_retry(cli, home: Path) -> None:  # type: ignore[no-untyped-def]
    (home / "docintake.toml").write_text("page_limit = 3\nsettle_seconds = 0.0\n")
    inbox = home / "inbox"
    drop(inbox, "long report.pdf", pdf_bytes(5, pages=5))
    drop(inbox, "fine.pdf", pdf_bytes(6))
    run = cli("watch", "--once", "--json", "--workers", "1")
    assert run.code == ExitCode.some_failed, run.err
    assert run.json()["failed"] == 1 and run.json()["processed"] == 2
    assert inbox_files(inbox) == [] and claims(inbox) == []
    failed_dir = home / "store" / "failed"
    [note_path] = failed_dir.glob("*.error.json")
    note = json.loads(note_path.read_text())
    assert note["reason"].startswith("too_many_pages") and note["stage"] == "ocr" and note["time"]
    kept = failed_dir / note["kept"]
    assert kept.read_bytes() == pdf_bytes(5, pages=5) and note_path.name == note["kept"] + ".error.json"
    listed = cli("failed", "list", "--json").json()
    assert [d["id"] for d in listed] == [note["document_id"]] and listed[0]["kept"] == str(kept)
    assert listed[0]["stage"] == "ocr" and listed[0]["error"] == note["reason"]

    again = cli("failed", "retry", note["document_id"], "--json")
    assert again.code == ExitCode.some_failed and again.json()["failed"] == 1
    assert json.loads(note_path.read_text())["time"], "the note is rewritten, the file stays"
    (home / "docintake.toml").write_text("page_limit = 10\n")
    fixed = cli("failed", "retry", "--all", "--json")
    assert fixed.code == 0, fixed.err
    assert fixed.json()["documents"] == [note["document_id"]]
    assert list(failed_dir.iterdir()) == []
    docs = cli("documents", "list", "--json").json()
    assert len(docs) == 2 and {d["status"] for d in docs} <= {"filed", "review"}
    assert cli("failed", "list", "--json").json() == []
    assert cli("failed", "retry", "ffffffffffff").code == ExitCode.not_found
    assert cli("failed", "retry").code == ExitCode.usage
