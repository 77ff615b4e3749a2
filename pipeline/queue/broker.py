"""Talking to the broker from outside a worker: sending document tasks, asking how many wait."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from pipeline.config import Config
from pipeline.errors import BrokerError
from pipeline.queue.app import TASK_NAME, make_app

if TYPE_CHECKING:
    from celery import Celery

log = logging.getLogger(__name__)


def safe_url(url: str) -> str:
    """The broker URL without its password, for messages."""
    scheme, sep, rest = url.partition("://")
    if "@" not in rest:
        return url
    creds, _, host = rest.rpartition("@")
    user = creds.split(":", 1)[0]
    return f"{scheme}{sep}{user}:***@{host}" if ":" in creds else f"{scheme}{sep}{creds}@{host}"


def broker_errors() -> tuple[type[BaseException], ...]:
    """The exceptions that mean "the broker is unreachable or went away"."""
    from kombu.exceptions import OperationalError

    return (OperationalError, ConnectionError, OSError)


class Broker:
    """One connection's worth of sending and asking; made lazily, closed by `close`."""

    def __init__(self, cfg: Config) -> None:
        self.cfg = cfg
        self.app: Celery = make_app(cfg)
        self.queue = cfg.queue_name

    def __enter__(self) -> Broker:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def _fault(self, doing: str, exc: BaseException) -> BrokerError:
        return BrokerError(f"cannot reach the task broker {safe_url(self.cfg.broker_url)} ({doing}): {exc}",
                           hint="check broker_url in docintake.toml and that Redis or RabbitMQ is running")

    def check(self) -> None:
        """Raise BrokerError unless the broker answers now (asked before the first file is admitted)."""
        try:
            with self.app.connection_for_write() as conn:
                conn.ensure_connection(max_retries=2, interval_start=0.2, interval_step=0.5, timeout=5)
        except broker_errors() as exc:
            raise self._fault("connecting", exc) from exc

    def send(self, document_id: str, version: int) -> None:
        """Queue one document's task (retried for a while when the broker is away, then BrokerError)."""
        try:
            self.app.send_task(TASK_NAME, args=[document_id, version], queue=self.queue)
        except broker_errors() as exc:
            raise self._fault(f"sending document {document_id}", exc) from exc

    def pending(self) -> int:
        """Tasks waiting in the queue, not yet taken by a worker (0 when the queue does not exist yet)."""
        from amqp.exceptions import ChannelError  # "no such queue" (Redis raises its parent class)

        try:
            with self.app.connection_for_write() as conn:
                conn.ensure_connection(max_retries=1, timeout=5)
                try:
                    return int(conn.default_channel.queue_declare(queue=self.queue, passive=True).message_count)
                except ChannelError:
                    return 0
        except broker_errors() as exc:
            raise self._fault("counting waiting tasks", exc) from exc

    def close(self) -> None:
        """Release the broker connections."""
        try:
            self.app.close()
        except broker_errors():
            pass
