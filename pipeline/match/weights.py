"""Fellegi-Sunter m and u probabilities per field and comparison level, and how they are estimated.

m = P(level | the document and the roster record are the same person)
u = P(level | they are different people)
A field at a level contributes log2(m/u) bits. For exact agreement on names, DOB and ZIP the u value is
value-specific (a shared "Smith" is weaker evidence than a shared "Zbinden"): it is the value's frequency
in the roster, smoothed towards the table's u so a tiny roster does not make names look unique.

The default table was estimated with `bench/match.py --estimate` (seed 7): m from 20,000 generated
queries paired with their true roster record, u from the same queries paired with random roster
records; levels that never occurred in that sample keep a floor of 1e-6. Re-estimate after changing
the comparisons, and override any value through MatchOptions.mu.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

# (field.level, m, u)
DEFAULT_MU: tuple[tuple[str, float, float], ...] = (
    ("last_name.agree", 0.90, 0.002),
    ("last_name.partial", 0.08, 0.004),
    ("last_name.disagree", 0.02, 0.994),
    ("first_name.agree", 0.80, 0.007),
    ("first_name.nickname", 0.10, 0.003),
    ("first_name.partial", 0.06, 0.004),
    ("first_name.initial", 0.02, 0.05),
    ("first_name.disagree", 0.02, 0.936),
    ("dob.agree", 0.90, 3e-5),
    ("dob.partial", 0.08, 1.5e-3),
    ("dob.disagree", 0.02, 0.998),
    ("mrn.agree", 0.97, 1e-5),
    ("mrn.partial", 0.02, 1e-4),
    ("mrn.disagree", 0.01, 0.9999),
    ("phone.agree", 0.80, 1e-5),
    ("phone.partial", 0.05, 1e-4),
    ("phone.disagree", 0.15, 0.9999),
    ("postal_code.agree", 0.85, 0.01),
    ("postal_code.partial", 0.05, 0.05),
    ("postal_code.disagree", 0.10, 0.94),
)
# Pseudo-count behind the table's u when a value's roster frequency replaces it.
SMOOTHING = 1000.0
_FLOOR = 1e-6


def mu_dict(table: Iterable[tuple[str, float, float]]) -> dict[str, tuple[float, float]]:
    """The table as {field.level: (m, u)}."""
    return {key: (m, u) for key, m, u in table}


def log_weight(m: float, u: float) -> float:
    """log2(m/u), with both kept away from zero."""
    return math.log2(max(m, _FLOOR) / max(u, _FLOOR))


def value_u(count: int, total: int, prior_u: float) -> float:
    """u for agreeing on one specific value: its roster frequency, smoothed towards the table's u."""
    return (count + SMOOTHING * prior_u) / (total + SMOOTHING)


# Lower bounds on m for errors the generator does not make but real records do; without them a field the
# generator never damages would look infallible and its disagreement would veto a true match.
M_FLOORS: dict[str, float] = {
    "dob.disagree": 0.015,  # ~1.5% of recorded birth dates are wrong (matching-facts.md)
    "dob.partial": 0.02,
    "last_name.disagree": 0.02,  # marriage and other legal name changes
    "first_name.disagree": 0.01,
    "mrn.disagree": 0.005,  # a transcribed or another practice's number that looks like ours
    "mrn.partial": 0.01,
    "phone.disagree": 0.15,  # numbers change; rosters lag
    "phone.partial": 0.02,
    "postal_code.disagree": 0.10,  # people move
    "postal_code.partial": 0.03,
}


def estimate_mu(
    true_levels: Iterable[Mapping[str, str]], random_levels: Iterable[Mapping[str, str]]
) -> tuple[tuple[str, float, float], ...]:
    """Estimate m and u from comparison levels ({field: level}) of true pairs and of random pairs.

    Missing fields are left out of both counts, so m and u are conditional on the field being present.
    m is then raised to M_FLOORS and renormalised per field; a level never seen among random pairs gets
    u = 1/(pairs + 1) rather than zero.
    """
    m_counts, m_totals = _count(true_levels)
    u_counts, u_totals = _count(random_levels)
    m: dict[str, float] = {}
    u: dict[str, float] = {}
    for key, m0, u0 in DEFAULT_MU:
        field = key.split(".")[0]
        m[key] = max(m_counts.get(key, 0) / m_totals[field] if m_totals.get(field) else m0, M_FLOORS.get(key, 0.0))
        u[key] = (max(u_counts.get(key, 0), 0.5) / u_totals[field]) if u_totals.get(field) else u0
    sums: dict[str, float] = {}
    for key, value in m.items():
        sums[key.split(".")[0]] = sums.get(key.split(".")[0], 0.0) + value
    return tuple((key, float(f"{m[key] / sums[key.split('.')[0]]:.4g}"), float(f"{max(u[key], _FLOOR):.3g}"))
                 for key, _, _ in DEFAULT_MU)


def _count(rows: Iterable[Mapping[str, str]]) -> tuple[dict[str, int], dict[str, int]]:
    counts: dict[str, int] = {}
    totals: dict[str, int] = {}
    for row in rows:
        for field, level in row.items():
            if level == "missing":
                continue
            key = f"{field}.{level}"
            counts[key] = counts.get(key, 0) + 1
            totals[field] = totals.get(field, 0) + 1
    return counts, totals
