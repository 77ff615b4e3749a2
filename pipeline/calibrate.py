"""Re-estimating the matcher's m/u table from what the store has seen (`docintake patients calibrate`).

Comparison vectors come from the blocked candidates of every document in the store (their stored
identifiers) and of the rows of an optional query CSV. u is estimated from random pairs of those same
queries with roster patients, m and the match share by EM (pipeline.match.em) over the candidates. A
clerk's assignment is a labelled pair: the document with the patient it was filed under is a match,
each other candidate the clerk passed over a non-match.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.errors import InsufficientDataError
from pipeline.index.models import Document, ReviewItem
from pipeline.index.weights import Table, current_version, record_weights
from pipeline.match import em
from pipeline.match.extract import Identifiers
from pipeline.match.matcher import MatchOptions, compare_fields
from pipeline.match.names import NameFound
from pipeline.match.roster import Roster
from pipeline.match.scoring import Query, candidates
from pipeline.match.weights import M_FLOORS, estimate_u, log_weight, make_table, mu_dict

log = logging.getLogger(__name__)

MIN_PAIRS = 100  # fewer candidate pairs than this give estimates too noisy to replace a table with
RANDOM_PER_QUERY = 20  # random roster patients (not among its candidates) compared with each query, for u
PRIOR_U_PAIRS = 1000.0  # the current table's u counts as this many random pairs
PRIOR_M_PAIRS = 50.0  # ... and its m as this many matched pairs (a level seen rarely keeps a sane m)
MAX_CANDIDATES = 30  # candidates per query that enter EM (a surname-only query can block hundreds)


@dataclass(frozen=True)
class Labelled:
    """A clerk's decision: the document's identifiers, the patient chosen, the candidates passed over."""

    ids: Identifiers
    mrn: str
    passed_over: tuple[str, ...]


@dataclass(frozen=True)
class Estimate:
    """A re-estimated table and what went into it."""

    table: Table
    em: em.EmResult
    n_queries: int
    n_random: int


def identifiers_from_json(raw: dict[str, Any]) -> Identifiers:
    """The Identifiers a document's identifiers_json holds (unknown keys ignored)."""
    values: dict[str, Any] = {}
    for f in dataclasses.fields(Identifiers):
        if f.name not in raw:
            continue
        value = raw[f.name]
        if f.name == "names":
            known = {x.name for x in dataclasses.fields(NameFound)}
            value = tuple(NameFound(**{k: v for k, v in n.items() if k in known}) for n in value or ())
        elif f.name in ("dobs", "alt_dobs"):
            value = tuple(date.fromisoformat(str(d)[:10]) for d in value or ())
        elif isinstance(value, list):
            value = tuple(value)
        values[f.name] = value
    return Identifiers(**values)


def _sample(mrns: Iterable[str], k: int, rng: random.Random) -> list[str]:
    ordered = sorted(mrns)
    return ordered if len(ordered) <= k else rng.sample(ordered, k)


def _levels(ids: Identifiers, mrns: Iterable[str], roster: Roster, options: MatchOptions) -> list[dict[str, str]]:
    return [compare_fields(ids, roster.get(m), roster, options) for m in mrns if m in roster]


def comparison_vectors(queries: Sequence[Identifiers], labelled: Sequence[Labelled], roster: Roster,
                       options: MatchOptions, rng: random.Random) -> tuple[list, list, list]:
    """(candidate vectors, their labels, random-pair vectors) for EM."""
    vectors: list[dict[str, str]] = []
    labels: list[float | None] = []
    randoms: list[dict[str, str]] = []
    everyone = sorted(r.mrn for r in roster)
    for ids in queries:
        blocked = candidates(Query.of(ids), roster)
        found = _levels(ids, _sample(blocked, MAX_CANDIDATES, rng), roster, options)
        vectors += found
        labels += [None] * len(found)
        randoms += _levels(ids, _random_others(everyone, blocked, rng), roster, options)
    for item in labelled:
        chosen = _levels(item.ids, [item.mrn], roster, options)
        others = _levels(item.ids, [m for m in item.passed_over if m != item.mrn], roster, options)
        vectors += chosen + others
        labels += [1.0] * len(chosen) + [0.0] * len(others)
    return vectors, labels, randoms


def _random_others(everyone: list[str], blocked: set[str], rng: random.Random) -> list[str]:
    """Random roster patients outside a query's candidates (in a small roster a random pick is often the
    person themself, which would make agreement look common among non-matches)."""
    picks = rng.sample(everyone, min(2 * RANDOM_PER_QUERY, len(everyone)))
    return [m for m in picks if m not in blocked][:RANDOM_PER_QUERY]


def estimate_table(queries: Sequence[Identifiers], labelled: Sequence[Labelled], roster: Roster,
                   options: MatchOptions, seed: int = 7) -> Estimate:
    """EM-estimated m (u from random pairs) starting from `options`' table; raises when too few pairs."""
    rng = random.Random(seed)
    vectors, labels, randoms = comparison_vectors(queries, labelled, roster, options, rng)
    if len(vectors) < MIN_PAIRS:
        raise InsufficientDataError(
            f"only {len(vectors)} candidate pair(s) from {len(queries) + len(labelled)} document(s) and "
            f"queries; calibration needs at least {MIN_PAIRS}; the table in use is unchanged",
            hint="process more documents, or pass --file with a query CSV like `patients find --file` takes")
    start = options.mu_table()
    u = estimate_u(randoms, tuple((k, m, uu) for k, (m, uu) in start.items()), prior_pairs=PRIOR_U_PAIRS)
    start = {k: (start[k][0] if k in start else u[k], u[k]) for k in u}  # a new level starts neutral
    # Candidate pairs were chosen for agreeing on something (DOB, surname, phone): among them the u of
    # the blocking fields is far above the random-pair u. EM therefore fits its own u for the candidates
    # (a nuisance parameter) while the table keeps the random-pair u that scoring assumes.
    result = em.estimate(vectors, start, labels, floors=M_FLOORS, fix_u=False, strength=PRIOR_M_PAIRS)
    table = make_table(result.m, u, order=start)
    log.info("calibration: %d pairs (%d labelled), %d random pairs, %d iterations",
             result.n_pairs, result.n_labelled, len(randoms), result.iterations)
    return Estimate(table, result, len(queries) + len(labelled), len(randoms))


# --- what the store has seen -------------------------------------------------------------------------

def clerk_decisions(session: Session) -> list[tuple[str, Labelled]]:
    """(document id, Labelled) for every review item a clerk resolved by assigning a patient."""
    rows = session.execute(select(Document.id, Document.identifiers_json, Document.patient_mrn, Document.match_json)
                           .join(ReviewItem, ReviewItem.document_id == Document.id)
                           .where(ReviewItem.decision == "assigned", Document.patient_mrn.is_not(None)))
    out = []
    for doc_id, ids_json, mrn, match_json in rows:
        shown = [c.get("mrn") for c in json.loads(match_json or "{}").get("candidates") or ()]
        ids = identifiers_from_json(json.loads(ids_json or "{}"))
        out.append((doc_id, Labelled(ids, str(mrn), tuple(m for m in shown if m and m != mrn))))
    return out


def document_identifiers(session: Session, skip: set[str]) -> list[Identifiers]:
    """The identifiers of every document read so far (except `skip`), in id order."""
    rows = session.execute(select(Document.id, Document.identifiers_json).order_by(Document.id))
    out = []
    for doc_id, raw in rows:
        ids = identifiers_from_json(json.loads(raw or "{}"))
        if doc_id not in skip and not ids.empty:
            out.append(ids)
    return out


@dataclass(frozen=True)
class Change:
    """One field.level before and after calibration."""

    key: str
    m_before: float
    u_before: float
    m: float
    u: float

    def as_json(self) -> dict[str, Any]:
        """{"key", "m_before", "u_before", "weight_before", "m", "u", "weight"}."""
        return {"key": self.key, "m_before": self.m_before, "u_before": self.u_before,
                "weight_before": round(log_weight(self.m_before, self.u_before), 2),
                "m": self.m, "u": self.u, "weight": round(log_weight(self.m, self.u), 2)}


def changes(before: Table, after: Table) -> list[Change]:
    """Every key of `after` with its value in `before` (the defaults for a key `before` lacks)."""
    old = {**mu_dict(MatchOptions().mu), **mu_dict(before)}
    return [Change(k, *old.get(k, (m, u)), m, u) for k, m, u in after]


def calibrate(db: Any, roster: Roster, options: MatchOptions, extra: Sequence[Identifiers] = (),
              user: str = "", source: str = "calibrate") -> dict[str, Any]:
    """Re-estimate from the store's documents, clerk decisions and `extra` queries; record a new version."""
    with db.read() as s:
        labelled = clerk_decisions(s)
        queries = document_identifiers(s, {doc_id for doc_id, _ in labelled}) + list(extra)
        before = current_version(s)
    est = estimate_table(queries, [x for _, x in labelled], roster, options)
    with db.session() as s:
        version = record_weights(
            s, est.table, source=source, user=user, n_pairs=est.em.n_pairs, n_labelled=est.em.n_labelled,
            match_share=est.em.match_share, description=f"EM over {est.n_queries} documents and queries "
            f"({est.em.iterations} iterations, {'converged' if est.em.converged else 'not converged'})")
    return {"version": version, "previous_version": before.version, "n_queries": est.n_queries,
            "n_pairs": est.em.n_pairs, "n_labelled": est.em.n_labelled, "n_random_pairs": est.n_random,
            "match_share": round(est.em.match_share, 4), "iterations": est.em.iterations,
            "converged": est.em.converged, "changes": [c.as_json() for c in changes(before.table, est.table)]}
