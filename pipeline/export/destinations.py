"""Destinations named in `export_to`: mllp://HOST:PORT, http(s)://BASE, fhir+folder:DIR, hl7+folder:DIR."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from urllib.parse import urlsplit


class DestinationKind(StrEnum):
    """How a destination is reached, and so which format it gets."""

    mllp = "mllp"  # HL7 v2 MDM over a socket
    fhir_http = "fhir_http"  # FHIR transaction Bundles POSTed to a FHIR server's base URL
    fhir_folder = "fhir_folder"  # one Bundle (.json) per file
    hl7_folder = "hl7_folder"  # one MDM message (.hl7) per file


@dataclass(frozen=True)
class Destination:
    """One parsed `export_to` entry; `name` is the entry as written (the outbox's key)."""

    name: str
    kind: DestinationKind
    host: str = ""
    port: int = 0
    url: str = ""
    folder: str = ""

    @property
    def format(self) -> str:
        """'fhir' or 'hl7'."""
        return "fhir" if self.kind in (DestinationKind.fhir_http, DestinationKind.fhir_folder) else "hl7"

    def folder_path(self, home: str) -> Path:
        """The folder of a folder destination, relative ones resolved against `home`."""
        path = Path(self.folder).expanduser()
        return path if path.is_absolute() else Path(home) / path


class DestinationError(ValueError):
    """An `export_to` entry that names no destination docintake can deliver to."""


_HINT = "use mllp://HOST:PORT, https://HOST/fhir, http://HOST/fhir, fhir+folder:DIR or hl7+folder:DIR"


def parse_destination(text: str) -> Destination:
    """Parse one entry; raises DestinationError saying what is wrong with it."""
    value = text.strip()
    for prefix, kind in (("fhir+folder:", DestinationKind.fhir_folder), ("hl7+folder:", DestinationKind.hl7_folder)):
        if value.startswith(prefix):
            folder = value.removeprefix(prefix).removeprefix("//")
            if not folder:
                raise DestinationError(f"{text!r} names no folder; {_HINT}")
            return Destination(value, kind, folder=folder)
    parts = urlsplit(value)
    if parts.scheme == "mllp":
        return _mllp(value, parts.hostname, _port(value, parts))
    if parts.scheme in ("http", "https"):
        if not parts.hostname:
            raise DestinationError(f"{text!r} names no host; {_HINT}")
        return Destination(value, DestinationKind.fhir_http, url=value.rstrip("/"))
    raise DestinationError(f"{text!r} is not a destination docintake knows; {_HINT}")


def _port(value: str, parts) -> int | None:  # type: ignore[no-untyped-def]
    try:
        return parts.port
    except ValueError:
        raise DestinationError(f"{value!r} has a port that is not a number from 1 to 65535") from None


def _mllp(value: str, host: str | None, port: int | None) -> Destination:
    if not host or not port:
        raise DestinationError(f"{value!r} needs a host and a port, e.g. mllp://ehr.example.org:6661")
    return Destination(value, DestinationKind.mllp, host=host, port=port)


def parse_destinations(values: tuple[str, ...] | list[str]) -> tuple[Destination, ...]:
    """Every entry parsed; a repeated entry is an error (it would deliver everything twice)."""
    parsed = tuple(parse_destination(v) for v in values)
    names = [d.name for d in parsed]
    doubled = sorted({n for n in names if names.count(n) > 1})
    if doubled:
        raise DestinationError(f"export_to lists {', '.join(doubled)} more than once")
    return parsed
