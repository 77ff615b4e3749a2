"""Finding people in the roster on a clerk's behalf: one query, or one per row of a CSV.

Uses the same decision function (`match_identifiers`) as documents do.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from pipeline.errors import InputFileError
from pipeline.index.roster import load_patients
from pipeline.index.store import Store
from pipeline.index.weights import store_weights
from pipeline.match.extract import Identifiers
from pipeline.match.matcher import MatchOptions, match_identifiers, query_from_fields, result_to_json
from pipeline.match.roster import Roster

QUERY_COLUMNS = {"id", "mrn", "first_name", "last_name", "dob", "sex", "phone", "address", "city", "state",
                 "postal_code"}
# The columns of a query row the matcher compares.
ROW_FIELDS = ("first_name", "last_name", "dob", "mrn", "phone", "postal_code", "address", "city")


def load_roster(store: Store) -> Roster:
    """The matcher's in-memory index over every roster patient and their confirmed aliases."""
    with store.db.session() as s:
        return Roster.from_records(load_patients(s))


def match_options(store: Store) -> MatchOptions:
    """Matching options from the store's config and the m/u table in use (`patients calibrate`)."""
    return MatchOptions.from_config(store.cfg, weights=store_weights(store.db))


def find_one(roster: Roster, options: MatchOptions, **fields: str | None) -> dict[str, Any]:
    """Match one set of typed identifiers: {"decision", "mrn", "score", "reasons", "candidates"}."""
    ids = query_from_fields(**{k: v for k, v in fields.items() if v})
    return result_to_json(match_identifiers(ids, roster, options), roster)


def _read_rows(path: Path) -> list[dict[str, str]]:
    try:
        with open(path, newline="", encoding="utf-8-sig") as fh:
            reader = csv.DictReader(fh)
            header = set(reader.fieldnames or ())
            unknown = header - QUERY_COLUMNS
            if not header or unknown:
                raise InputFileError(
                    f"{path}: unknown column(s) {', '.join(sorted(unknown)) or '(no header)'}",
                    hint="columns: " + ",".join(sorted(QUERY_COLUMNS)),
                )
            return list(reader)
    except FileNotFoundError as exc:
        raise InputFileError(f"{path}: no such file") from exc
    except (UnicodeDecodeError, csv.Error) as exc:
        raise InputFileError(f"{path}: not a readable UTF-8 CSV file ({exc})") from exc


def find_many(path: Path, roster: Roster, options: MatchOptions) -> list[dict[str, Any]]:
    """One result per CSV row: {"row", "id", "decision", "mrn", "score", "candidates"} (row = line number)."""
    results = []
    for line, row in enumerate(_read_rows(path), start=2):
        fields = _row_fields(row)
        try:
            found = find_one(roster, options, **fields)
        except ValueError as exc:
            found = {"decision": "none", "mrn": None, "score": 0.0, "candidates": [], "error": str(exc)}
        results.append({"row": line, "id": row.get("id") or None, **found})
    return results


def _row_fields(row: dict[str, str]) -> dict[str, str | None]:
    return {k: (row.get(k) or "").strip() or None for k in ROW_FIELDS}


def read_queries(path: Path) -> list[Identifiers]:
    """The identifiers of every row of a query CSV (rows that cannot be read are left out)."""
    out = []
    for row in _read_rows(path):
        try:
            ids = query_from_fields(**{k: v for k, v in _row_fields(row).items() if v})
        except ValueError:
            continue
        if not ids.empty:
            out.append(ids)
    return out
