"""`docintake listen --mllp HOST:PORT`: keep the roster current from the EHR's ADT feed."""

from __future__ import annotations

import signal
import threading
from types import FrameType

import click

from pipeline.cli.app import AppContext, cli, pass_app, user_option
from pipeline.errors import DocintakeError


@cli.command()
@click.option("--mllp", "address", required=True, metavar="HOST:PORT",
              help="Address to listen on for HL7 v2 over MLLP, e.g. 0.0.0.0:6661.")
@user_option
@pass_app
def listen(app: AppContext, address: str, user: str) -> None:
    """Receive ADT messages over MLLP and apply each to the roster: A04/A28 add, A08/A31 update, A40 merge.

    Each message is answered AA once applied, or AE with the reason (another message type, a bad date, a
    merge into an unknown record, the database unavailable). Runs until SIGTERM or Ctrl-C
    (see docs/deploy/docintake-listen.service).
    """
    from pipeline.export.listen import Listener, parse_address

    host, port = parse_address(address)
    store = app.store  # opened (and migrated) before the first message arrives
    try:
        server = Listener((host, port), store, user)
    except OSError as exc:
        raise DocintakeError(f"cannot listen on {host}:{port}: {exc.strerror}",
                             hint="is another listener running, or is the port below 1024 without privileges?") from exc

    def stop(signum: int, _frame: FrameType | None) -> None:
        threading.Thread(target=server.shutdown, daemon=True).start()

    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, stop)
    click.echo(f"listening for ADT on {host}:{server.server_address[1]}", err=True)
    try:
        server.serve_forever(poll_interval=0.5)
    finally:
        server.server_close()
    click.echo(f"stopped: {server.counts.get('AA', 0)} applied, {server.counts.get('AE', 0)} refused", err=True)
