"""The one error hierarchy: every run-level fault carries its exit code and a fix-it message."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Process exit codes; documented in README.md (a test keeps the two in step)."""

    ok = 0
    some_failed = 1  # a batch finished but some documents failed (each is recorded with its reason)
    usage = 2  # bad command line (Click's own code)
    bad_config = 3  # docintake.toml or $DOCINTAKE_CONFIG is invalid
    bad_input = 4  # an input file named on the command line is missing or invalid (roster, ids)
    not_found = 5  # a document, review item or patient named on the command line does not exist
    conflict = 6  # someone else changed the item first (review claims, stale versions)
    database = 7  # the database cannot be reached or migrated
    missing_dependency = 8  # Tesseract or its language data is not installed
    insufficient_data = 9  # too few documents or queries to estimate from (patients calibrate)
    broker = 10  # the task broker (Redis, RabbitMQ) named by broker_url cannot be reached
    store_full = 11  # the store's disk is full: files not yet recorded stay where they were
    interrupted = 130  # stopped by a second signal


class DocintakeError(Exception):
    """Root of every error docintake raises on purpose."""

    exit_code: ExitCode = ExitCode.usage

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message if not self.hint else f"{self.message}\n  hint: {self.hint}"


class ConfigError(DocintakeError):
    """The configuration file or an option value is invalid."""

    exit_code = ExitCode.bad_config


class InputFileError(DocintakeError):
    """A file named on the command line (roster, id list) is missing or malformed."""

    exit_code = ExitCode.bad_input


class NotFoundError(DocintakeError):
    """A named document, review item or patient does not exist."""

    exit_code = ExitCode.not_found


class ConflictError(DocintakeError):
    """Another clerk or process changed the item first."""

    exit_code = ExitCode.conflict


class DatabaseError(DocintakeError):
    """The database cannot be reached, opened or migrated."""

    exit_code = ExitCode.database


class StoreFullError(DocintakeError):
    """The store's disk (or quota) is full: nothing more can be recorded until space returns."""

    exit_code = ExitCode.store_full


class MissingDependencyError(DocintakeError):
    """An external program docintake needs (Tesseract) is missing."""

    exit_code = ExitCode.missing_dependency


class BrokerError(DocintakeError):
    """The task broker (Redis or RabbitMQ) cannot be reached."""

    exit_code = ExitCode.broker


class InsufficientDataError(DocintakeError):
    """There is too little data to estimate from (matcher calibration); nothing was changed."""

    exit_code = ExitCode.insufficient_data


class ProblemsFound(DocintakeError):
    """A check (`doctor`, `audit verify`) found problems it could not fix: exit status 1."""

    exit_code = ExitCode.some_failed


class DocumentError(Exception):
    """A problem with one document: recorded as that document's failure, never fatal to a run.

    `stage` names where it happened (ingest, ocr, match, classify, index); `code` is a short
    machine-readable reason such as ``encrypted_pdf`` or ``zero_bytes``.
    """

    def __init__(self, code: str, message: str, *, stage: str = "ingest") -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.stage = stage

    def __reduce__(self) -> tuple:
        # Exception pickles as cls(*args) with args == (message,); a worker process must hand it back whole
        return (self.__class__, (self.code, self.message), dict(self.__dict__))

    def __str__(self) -> str:
        return f"{self.code}: {self.message}"
