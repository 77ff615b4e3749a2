"""The matcher's m/u table in the store: versions, the one in use, and recording a new one.

A store without any row uses the documented defaults (pipeline.match.weights.DEFAULT_MU), shown as
version 0 "defaults", so a change to the defaults in the code reaches every uncalibrated store.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from pipeline.index.models import MatchWeights
from pipeline.match.weights import DEFAULT_MU

Table = tuple[tuple[str, float, float], ...]


@dataclass(frozen=True)
class WeightsVersion:
    """One version of the m/u table (version 0 is the built-in defaults, never stored)."""

    version: int
    source: str
    description: str
    created_at: datetime | None
    created_by: str
    n_pairs: int
    n_labelled: int
    match_share: float | None
    table: Table


DEFAULTS = WeightsVersion(0, "defaults", "the documented defaults (pipeline/match/weights.py DEFAULT_MU)",
                          None, "", 0, 0, None, DEFAULT_MU)


def _table(text: str) -> Table:
    return tuple((str(k), float(m), float(u)) for k, m, u in json.loads(text))


def _version(row: MatchWeights) -> WeightsVersion:
    return WeightsVersion(row.version, row.source, row.description, row.created_at, row.created_by,
                          row.n_pairs, row.n_labelled, row.match_share, _table(row.table_json))


def current_version(session: Session) -> WeightsVersion:
    """The table in use: the newest active version, else the defaults."""
    row = session.scalars(select(MatchWeights).where(MatchWeights.active.is_(True))
                          .order_by(MatchWeights.version.desc()).limit(1)).first()
    return _version(row) if row is not None else DEFAULTS


def current_weights(session: Session) -> Table | None:
    """The stored table in use, or None when the store still uses the defaults."""
    found = current_version(session)
    return found.table if found.version else None


def record_weights(session: Session, table: Sequence[tuple[str, float, float]], *, source: str, user: str,
                   description: str = "", n_pairs: int = 0, n_labelled: int = 0,
                   match_share: float | None = None) -> int:
    """Store `table` as a new version and make it the one in use; returns its version number."""
    session.execute(update(MatchWeights).where(MatchWeights.active.is_(True)).values(active=False))
    row = MatchWeights(created_at=datetime.now(UTC), created_by=user[:64], source=source[:32], description=description,
                       n_pairs=n_pairs, n_labelled=n_labelled, match_share=match_share,
                       table_json=json.dumps([list(r) for r in table]), active=True)
    session.add(row)
    session.flush()
    return row.version


def store_weights(db: Any) -> Table | None:
    """current_weights for a pipeline.index.db.Database (what the orchestrator and `patients find` use)."""
    with db.read() as s:
        return current_weights(s)
