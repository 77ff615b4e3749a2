"""The Celery app, made from the config on first use (importing this module does not import Celery)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pipeline.config import Config
from pipeline.errors import ConfigError
from pipeline.queue.names import TASK_NAME  # noqa: F401  (re-exported: the name the task is sent under)

if TYPE_CHECKING:
    from celery import Celery

RESTORE_INTERVAL = 5  # Redis: at most this many seconds between sweeps for tasks whose worker vanished


def require_broker(cfg: Config) -> str:
    """The broker URL, or a ConfigError saying how to set one."""
    if not cfg.broker_url:
        raise ConfigError("no broker configured: --queue runs and `docintake worker` need broker_url",
                          hint="set broker_url in docintake.toml, e.g. redis://127.0.0.1:6379/0 or "
                               "amqp://guest:guest@127.0.0.1:5672//")
    return cfg.broker_url


def celery_settings(cfg: Config) -> dict[str, Any]:
    """Celery settings for exactly-once delivery of long, CPU-bound document tasks."""
    settings: dict[str, Any] = {
        "broker_url": require_broker(cfg),
        # Acknowledged only once the document's state is recorded; a worker that dies mid-document (its
        # pool process killed, or the whole worker) gets its task delivered again.
        "task_acks_late": True,
        "task_reject_on_worker_lost": True,
        "worker_prefetch_multiplier": 1,  # one document at a time per process: none waits behind a long one
        "task_default_queue": cfg.queue_name,
        "task_ignore_result": True,  # outcomes are in the store: no result backend
        "task_serializer": "json",
        "accept_content": ["json"],
        "broker_connection_retry_on_startup": True,
        "broker_connection_max_retries": None,  # a broker restarted: keep trying, never give up the worker
        "worker_cancel_long_running_tasks_on_connection_loss": False,  # leases keep a redelivery from running twice
        "task_publish_retry": True,
        "task_publish_retry_policy": {"max_retries": 60, "interval_start": 0.2, "interval_step": 0.5,
                                      "interval_max": 2.0},
        "worker_hijack_root_logger": False,
        "worker_redirect_stdouts": False,
        "worker_send_task_events": False,
        "worker_enable_remote_control": True,
    }
    if cfg.broker_url.startswith(("redis://", "rediss://")):
        settings["broker_transport_options"] = {
            "visibility_timeout": int(cfg.queue_visibility_timeout),
            "unacked_restore_interval": max(1, min(RESTORE_INTERVAL, int(cfg.queue_visibility_timeout) // 4)),
            "unacked_restore_throttle": 1,
        }
    return settings


def make_app(cfg: Config, *, with_tasks: bool = False) -> Celery:
    """A Celery app for this config; `with_tasks` registers the document task (workers need it, senders not)."""
    from celery import Celery

    app = Celery("docintake", set_as_current=False)
    app.conf.update(celery_settings(cfg))
    if with_tasks:
        from pipeline.queue.tasks import register

        register(app)
    return app
