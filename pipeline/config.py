"""One validated configuration: defaults, help text, loading from TOML, and `config show`."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from pipeline.errors import ConfigError

CONFIG_FILENAME = "docintake.toml"
CONFIG_ENV = "DOCINTAKE_CONFIG"


def _opt(default: Any, help: str) -> Any:
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True)
class Config:
    """The effective configuration. Paths are resolved against `home` by `load_config`."""

    home: str = _opt(".", "Base folder that relative paths are resolved against (also --home).")
    inbox: str = _opt("inbox", "The watched drop folder.")
    store: str = _opt("store", "Where originals, searchable PDFs, filed copies and the database live.")
    database_url: str = _opt("", "SQLAlchemy URL; empty means sqlite:///<store>/index.db.")
    workers: int = _opt(0, "Worker processes for OCR; 0 means one per CPU core.")
    broker_url: str = _opt(
        "", "Celery broker for `--queue` runs and `docintake worker`: redis://host:6379/0 or "
            "amqp://user:password@host:5672//; empty means the local process pool only.")
    queue_name: str = _opt("docintake", "Broker queue the documents' tasks go to (`worker --queues` reads it).")
    queue_visibility_timeout: float = _opt(
        7200.0, "Redis broker: seconds after which a task whose worker vanished is delivered again; "
                "must exceed the longest document.")
    queue_resend_seconds: float = _opt(
        120.0, "`--queue` runs: a document still unfinished this long after its task was sent, while the "
               "queue is empty and no worker holds it, gets its task sent again (a broker that lost it).")
    queue_max_attempts: int = _opt(
        3, "Deliveries of one document's task that may end with its worker process dying before the "
           "document is failed as worker_crashed.")
    ocr_language: str = _opt("eng", "Tesseract language(s), e.g. 'eng' or 'eng+spa'.")
    ocr_timeout: float = _opt(120.0, "Seconds Tesseract may spend on one page before it is abandoned.")
    page_limit: int = _opt(200, "Documents with more pages than this fail with 'too_many_pages'.")
    max_image_pixels: int = _opt(200_000_000, "Images declaring more pixels than this are refused (decompression bombs).")
    auto_threshold: float = _opt(0.98, "Match probability needed to file automatically.")
    review_threshold: float = _opt(0.20, "Below this probability no candidate is plausible (decision 'none').")
    auto_margin: float = _opt(4.0, "log2 weight by which the best candidate must beat the second to file automatically.")
    type_threshold: float = _opt(0.60, "Type confidence below which a document goes to review as 'type uncertain'.")
    split_partial: bool = _opt(True, "A fax of several documents with clear boundaries is split even when some parts "
                                     "cannot be filed: those wait in review one by one (false: the whole fax does).")
    settle_seconds: float = _opt(2.0, "A file is taken once its size and mtime are unchanged for this long.")
    poll_seconds: float = _opt(0.0, "Poll the inbox every N seconds instead of using inotify (network shares); 0 = events.")
    rescan_seconds: float = _opt(60.0, "Periodic full rescan of the inbox, catching anything an event missed.")
    incomplete_minutes: float = _opt(
        10.0, "A file whose structure stays incomplete (or that stays open for writing) this long, unchanged, "
              "is failed as truncated with its bytes kept; until then it waits in the inbox.")
    database_wait_seconds: float = _opt(
        300.0, "While the database is unreachable (restarting, locked) a run waits and retries this long "
               "before it stops with exit status 7.")
    review_claim_minutes: float = _opt(
        10.0, "How long a clerk's claim on a review item lasts; after it, another clerk may take the item.")
    export_to: tuple[str, ...] = _opt(
        (), "Where filed documents are delivered: a list of mllp://HOST:PORT, https://HOST/fhir, "
        "fhir+folder:DIR, hl7+folder:DIR (see docs/export.md).")
    export_patient_system: str = _opt(
        "urn:docintake:mrn", "FHIR identifier system of the MRN (DocumentReference.subject.identifier).")
    export_assigning_authority: str = _opt("DOCINTAKE", "HL7 PID-3 assigning authority of the MRN (and MSH-4).")
    export_receiver: str = _opt("EHR", "HL7 MSH-5 receiving application.")
    export_fhir_inline: bool = _opt(
        False, "Put the PDF inline in DocumentReference.content.attachment.data instead of a Binary entry.")
    export_hl7_ed_type: str = _opt(
        "application^pdf", "OBX-5 type^subtype of the embedded PDF ('application^pdf', or 'AP^PDF' for older engines).")
    export_timeout: float = _opt(10.0, "Seconds to wait for a destination to connect and answer (MLLP ACK, HTTP).")
    export_retry_seconds: float = _opt(
        30.0, "First wait before retrying an unreachable destination; doubles per attempt up to an hour.")
    export_ca_bundle: str = _opt(
        "", "PEM file of the certificate authorities trusted for https:// FHIR destinations, used instead of "
            "the system's (an EHR's own CA); relative to home. Empty: the system trust store.")
    export_tls_verify: bool = _opt(
        True, "Check the certificate and host name of https:// FHIR destinations. Turn off only for a test "
              "server: without it documents go to whoever answers at that address.")
    filed_path_template: str = _opt(
        "patients/{mrn}/{year}/{doc_type}/{received:%Y%m%d}-{doc_type}-{id}.pdf",
        "Where a filed copy goes under <store>, as a Python format string.",
    )

    @property
    def inbox_path(self) -> Path:
        """The inbox folder, resolved."""
        return _resolve(self.home, self.inbox)

    @property
    def store_path(self) -> Path:
        """The store folder, resolved."""
        return _resolve(self.home, self.store)

    @property
    def ca_bundle_path(self) -> Path | None:
        """export_ca_bundle, resolved; None when the system trust store is used."""
        return _resolve(self.home, self.export_ca_bundle) if self.export_ca_bundle else None

    @property
    def effective_database_url(self) -> str:
        """database_url, or the SQLite file inside the store."""
        return self.database_url or f"sqlite:///{self.store_path / 'index.db'}"

    @property
    def effective_workers(self) -> int:
        """workers, or the number of CPU cores."""
        return self.workers or (os.cpu_count() or 1)


def _resolve(home: str, path: str) -> Path:
    p = Path(path).expanduser()
    return p if p.is_absolute() else (Path(home).expanduser() / p).absolute()


def config_help() -> list[tuple[str, Any, str]]:
    """(name, default, help) for every setting: used by `config show --help` and the docs."""
    return [(f.name, f.default, f.metadata["help"]) for f in fields(Config)]


def _check_value(name: str, value: Any, expected: Any, source: str) -> Any:
    if isinstance(expected, tuple):
        ok = isinstance(value, list | tuple) and all(isinstance(v, str) for v in value)
        value = tuple(value) if ok else value
    elif isinstance(expected, bool) or expected is None:
        ok = isinstance(value, type(expected))
    elif isinstance(expected, float):
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        value = float(value) if ok else value
    elif isinstance(expected, int):
        ok = isinstance(value, int) and not isinstance(value, bool)
    else:
        ok = isinstance(value, type(expected))
    if not ok:
        raise ConfigError(
            f"{source}: '{name}' must be {type(expected).__name__}, got {value!r}",
            hint=f"{name}: {dict((n, h) for n, _, h in config_help())[name]}",
        )
    return value


_RANGES: dict[str, tuple[float, float]] = {
    "workers": (0, 256),
    "ocr_timeout": (1, 3600),
    "page_limit": (1, 100_000),
    "max_image_pixels": (1, 10**12),
    "auto_threshold": (0.5, 1.0),
    "review_threshold": (0.0, 1.0),
    "auto_margin": (0.0, 100.0),
    "type_threshold": (0.0, 1.0),
    "settle_seconds": (0.0, 3600),
    "poll_seconds": (0.0, 3600),
    "rescan_seconds": (1.0, 86400),
    "incomplete_minutes": (0.0, 7 * 1440),
    "database_wait_seconds": (0.0, 86400),
    "review_claim_minutes": (0.1, 1440),
    "export_timeout": (0.1, 600),
    "export_retry_seconds": (0.0, 86400),
    "queue_visibility_timeout": (1, 7 * 86400),
    "queue_resend_seconds": (1, 86400),
    "queue_max_attempts": (1, 1000),
}
BROKER_SCHEMES = ("redis://", "rediss://", "amqp://", "amqps://")


def validate(values: dict[str, Any], source: str) -> dict[str, Any]:
    """Check names, types and ranges of raw settings; raise ConfigError naming the key and the source."""
    defaults = {f.name: f.default for f in fields(Config)}
    out: dict[str, Any] = {}
    for name, value in values.items():
        if name not in defaults:
            raise ConfigError(
                f"{source}: unknown setting '{name}'",
                hint="known settings: " + ", ".join(sorted(defaults)),
            )
        value = _check_value(name, value, defaults[name], source)
        lo, hi = _RANGES.get(name, (None, None))
        if lo is not None and not (lo <= value <= hi):
            raise ConfigError(f"{source}: '{name}' = {value!r} is out of range [{lo}, {hi}]")
        out[name] = value
    if out.get("broker_url") and not out["broker_url"].startswith(BROKER_SCHEMES):
        raise ConfigError(f"{source}: 'broker_url' must start with one of {', '.join(BROKER_SCHEMES)}",
                          hint="e.g. redis://127.0.0.1:6379/0 or amqp://guest:guest@127.0.0.1:5672//")
    if "export_to" in out:
        _check_destinations(out["export_to"], source)
    if out.get("review_threshold", 0.0) >= out.get("auto_threshold", defaults["auto_threshold"]):
        raise ConfigError(f"{source}: 'review_threshold' must be below 'auto_threshold'")
    return out


def _check_destinations(values: tuple[str, ...], source: str) -> None:
    from pipeline.export.destinations import DestinationError, parse_destinations

    try:
        parse_destinations(values)
    except DestinationError as exc:
        raise ConfigError(f"{source}: 'export_to': {exc}") from None


def find_config_file(cwd: Path | None = None) -> Path | None:
    """$DOCINTAKE_CONFIG if set, else ./docintake.toml if it exists."""
    env = os.environ.get(CONFIG_ENV)
    if env:
        path = Path(env)
        if not path.is_file():
            raise ConfigError(f"${CONFIG_ENV} names {path}, which does not exist")
        return path
    path = (cwd or Path.cwd()) / CONFIG_FILENAME
    return path if path.is_file() else None


def read_config_file(path: Path) -> dict[str, Any]:
    """Parse one TOML file; its settings may sit at top level or under [docintake]."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from exc
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}") from exc
    if "docintake" in data and isinstance(data["docintake"], dict):
        rest = {k: v for k, v in data.items() if k != "docintake"}
        data = {**rest, **data["docintake"]}
    return data


def load_config(home: str | None = None, overrides: dict[str, Any] | None = None) -> Config:
    """The effective config: defaults, then the config file, then --home and command-line overrides."""
    values: dict[str, Any] = {}
    base = Path(home).expanduser() if home else Path.cwd()
    path = find_config_file(base if home else None)
    if path is not None:
        values.update(validate(read_config_file(path), str(path)))
        values.setdefault("home", str(path.parent.absolute()))
    if home:
        values["home"] = str(base.absolute())
    values.update(validate(overrides or {}, "command line"))
    cfg = Config(**values)
    cfg = replace(cfg, home=str(Path(cfg.home).expanduser().absolute()))
    _check_ca_bundle(cfg)
    return cfg


def _check_ca_bundle(cfg: Config) -> None:
    """A configured CA bundle must be a readable PEM file: a bad one would fail every https:// delivery."""
    path = cfg.ca_bundle_path
    if path is None:
        return
    import ssl

    try:
        ssl.create_default_context(cafile=str(path))
    except (OSError, ssl.SSLError) as exc:
        reason = getattr(exc, "strerror", None) or getattr(exc, "reason", None) or exc
        raise ConfigError(f"'export_ca_bundle': cannot load {path}: {reason}",
                          hint="give a PEM file holding the CA certificate(s) of the FHIR server") from None
