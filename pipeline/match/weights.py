"""Fellegi-Sunter m and u probabilities per field and comparison level, and how they are estimated.

m = P(level | the document and the roster record are the same person)
u = P(level | they are different people)
A field at a level contributes log2(m/u) bits. For exact agreement on names, DOB and ZIP the u value is
value-specific (a shared "Smith" is weaker evidence than a shared "Zbinden"): it is the value's frequency
in the roster, smoothed towards the table's u so a tiny roster does not make names look unique.

The default table was estimated with `bench/match.py --estimate` (seed 7): m from generated queries
(pipeline.synth.corrupt: typos, OCR confusions, nicknames, swapped and misread DOBs, ...) paired with
their true roster record, raised to the floors in M_FLOORS for errors the generator does not make
(changed phones, moves, wrong recorded DOBs) and renormalised; u from the same queries paired with
100,000 random roster records (a level never seen there gets half a count). Re-estimate after changing
the comparisons; override any value through MatchOptions.mu (a partial table is enough).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

# (field.level, m, u). Names, DOB, MRN, phone and ZIP from `bench/match.py --estimate` (seed 7, 100,000
# patients, 5,000 queries), the old name "partial" level split into typo / phonetic / partial and the DOB's
# day-month swap given its own level. Address u is set above its random-pair frequency (about 3e-4) on
# purpose: a household shares an address, so agreement between different people is far likelier among the
# candidates blocking finds (same surname) than among random pairs. `docintake patients calibrate`
# re-estimates m from the documents and queries seen.
DEFAULT_MU: tuple[tuple[str, float, float], ...] = (
    ("last_name.agree", 0.8756, 0.0016),
    ("last_name.typo", 0.0900, 0.0011),
    ("last_name.phonetic", 0.0060, 0.0040),
    ("last_name.partial", 0.0088, 0.0023),
    ("last_name.disagree", 0.01963, 0.991),
    ("first_name.agree", 0.876, 0.00316),
    ("first_name.nickname", 0.02352, 0.00186),
    ("first_name.typo", 0.0600, 0.0012),
    ("first_name.phonetic", 0.0050, 0.0040),
    ("first_name.partial", 0.0072, 0.0014),
    ("first_name.initial", 0.01853, 0.00119),
    ("first_name.disagree", 0.009929, 0.987),
    ("dob.agree", 0.9656, 1.05e-05),
    ("dob.swap", 0.0040, 3.0e-05),
    ("dob.partial", 0.0156, 0.000765),
    ("dob.disagree", 0.01473, 0.999),
    ("mrn.agree", 0.943, 1.73e-05),
    ("mrn.partial", 0.05201, 1.73e-05),
    ("mrn.disagree", 0.004975, 1),
    ("phone.agree", 0.8547, 1.98e-05),
    ("phone.partial", 0.01709, 1.98e-05),
    ("phone.disagree", 0.1282, 1),
    ("postal_code.agree", 0.885, 6.68e-05),
    ("postal_code.partial", 0.02655, 0.0148),
    ("postal_code.disagree", 0.0885, 0.985),
    ("address.agree", 0.70, 0.003),
    ("address.partial", 0.08, 0.004),
    ("address.disagree", 0.22, 0.993),
    ("city.agree", 0.85, 0.02),
    ("city.partial", 0.03, 0.005),
    ("city.disagree", 0.12, 0.975),
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


# u values that random pairs get wrong and are kept as the table has them: people who share a household
# agree on the address far more often among the candidates blocking finds than among random pairs.
U_KEEP: frozenset[str] = frozenset({"address.agree", "address.partial"})


def estimate_u(random_levels: Iterable[Mapping[str, str]], table: Iterable[tuple[str, float, float]],
               prior_pairs: float = 0.0) -> dict[str, float]:
    """u per field.level from the levels of random (almost surely non-matching) pairs.

    Every key of `table` and every key seen gets a value. With `prior_pairs` the table's u counts as that
    many pairs (a few thousand random pairs cannot tell 1e-5 from 1e-4); a level seen neither there nor
    among the pairs gets half a count. A field never compared, and the keys in U_KEEP, keep the table's u.
    """
    counts, totals = _count(random_levels)
    prior = {key: u for key, _, u in table}
    out: dict[str, float] = {}
    for key in sorted(set(prior) | set(counts)):
        total = totals.get(key.split(".")[0], 0)
        if key in prior and (key in U_KEEP or not total):
            out[key] = prior[key]
        elif key in prior and prior_pairs > 0:
            out[key] = (counts.get(key, 0) + prior_pairs * prior[key]) / (total + prior_pairs)
        else:
            out[key] = max(counts.get(key, 0), 0.5) / total if total else _FLOOR
    return out


def make_table(m: Mapping[str, float], u: Mapping[str, float],
               order: Iterable[str] = ()) -> tuple[tuple[str, float, float], ...]:
    """A (field.level, m, u) table from m and u dicts: keys in `order` first, then the rest sorted."""
    first = [k for k in dict.fromkeys(order) if k in m]
    keys = first + sorted(set(m) - set(first))
    return tuple((k, float(f"{m[k]:.4g}"), float(f"{max(u.get(k, _FLOOR), _FLOOR):.3g}")) for k in keys)
