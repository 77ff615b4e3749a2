"""Fellegi-Sunter m probabilities (and the match share) estimated by expectation-maximisation.

The input is one comparison vector per candidate pair ({field: level}, 'missing' levels ignored), the
output an m (and optionally u) value per field.level. Fields are taken to be independent given the
pair's match status. Pairs a clerk decided keep their label (responsibility 1 or 0) through every
iteration; the rest are weighted by their current posterior. Nothing here knows which fields or levels
exist: every `field.level` key of the starting table or of the vectors is estimated.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

Pattern = tuple[str, ...]  # the sorted field.level keys of one comparison vector

_TINY = 1e-9


@dataclass(frozen=True)
class EmResult:
    """What one EM run estimated."""

    match_share: float  # lambda: the share of the unlabelled pairs that are matches
    m: dict[str, float]  # field.level -> P(level | match)
    u: dict[str, float]  # field.level -> P(level | non-match) (the input's when u was held fixed)
    iterations: int
    converged: bool
    n_pairs: int  # comparison vectors used (labelled included)
    n_labelled: int


def pattern(levels: Mapping[str, str]) -> Pattern:
    """The field.level keys of a comparison vector, without its missing fields."""
    return tuple(sorted(f"{f}.{lv}" for f, lv in levels.items() if lv != "missing"))


def field_of(key: str) -> str:
    """'first_name' of 'first_name.typo'."""
    return key.split(".", 1)[0]


def _group(vectors: Iterable[Mapping[str, str]], labels: Iterable[float | None]) -> Counter:
    """(pattern, label) -> how many pairs have it: EM works on distinct patterns, not on every pair."""
    return Counter((pattern(v), lab) for v, lab in zip(vectors, labels, strict=True))


def _keys_by_field(start: Mapping[str, tuple[float, float]], counts: Counter) -> dict[str, list[str]]:
    keys = set(start) | {k for (p, _), _ in counts.items() for k in p}
    out: dict[str, list[str]] = {}
    for key in sorted(keys):
        out.setdefault(field_of(key), []).append(key)
    return out


def _start(start: Mapping[str, tuple[float, float]], fields: dict[str, list[str]]) -> tuple[dict, dict]:
    """Starting m and u: the table's, and an even share of the field for a level it does not hold."""
    m: dict[str, float] = {}
    u: dict[str, float] = {}
    for keys in fields.values():
        for key in keys:
            m[key], u[key] = start.get(key, (1.0 / len(keys), 1.0 / len(keys)))
    return m, u


def _responsibility(p: Pattern, label: float | None, lam: float, m: dict, u: dict) -> float:
    """P(match | pattern) under the current estimate, or the clerk's label."""
    if label is not None:
        return label
    log_m = math.log(lam) + sum(math.log(max(m[k], _TINY)) for k in p)
    log_u = math.log(1 - lam) + sum(math.log(max(u[k], _TINY)) for k in p)
    diff = max(min(log_u - log_m, 700.0), -700.0)
    return 1.0 / (1.0 + math.exp(diff))


def _maximise(counts: Counter, resp: dict, fields: dict[str, list[str]], prior: dict[str, float],
              strength: float, matched: bool) -> dict[str, float]:
    """New m (matched) or u per key: weighted level counts per field, pulled towards `prior` by `strength`."""
    num: Counter = Counter()
    den: Counter = Counter()
    for (p, lab), n in counts.items():
        r = resp[(p, lab)] if matched else 1.0 - resp[(p, lab)]
        for key in p:
            num[key] += r * n
            den[field_of(key)] += r * n
    return {key: (num[key] + strength * prior[key]) / (den[f] + strength * sum(prior[k] for k in keys))
            for f, keys in fields.items() for key in keys}


def apply_floors(m: Mapping[str, float], floors: Mapping[str, float]) -> dict[str, float]:
    """m renormalised per field with every key at least its floor (so no field becomes infallible)."""
    by_field: dict[str, dict[str, float]] = {}
    for k, v in m.items():
        by_field.setdefault(field_of(k), {})[k] = v
    out: dict[str, float] = {}
    for values in by_field.values():
        out.update(_floored(values, floors))
    return out


def _floored(values: dict[str, float], floors: Mapping[str, float]) -> dict[str, float]:
    """One field's m: keys below their floor pinned to it, the others sharing the rest in proportion."""
    pinned: dict[str, float] = {}
    while True:
        free = {k: v for k, v in values.items() if k not in pinned}
        room, total = 1.0 - sum(pinned.values()), sum(free.values())
        scaled = {k: (v / total * room if total > 0 else room / len(free)) for k, v in free.items()} if free else {}
        low = {k for k, v in scaled.items() if v < floors.get(k, 0.0)}
        if not low:
            return {**pinned, **scaled}
        pinned.update({k: floors[k] for k in low})


def _share(counts: Counter, resp: dict) -> float:
    """lambda from the unlabelled pairs (labelled ones are a clerk's choice, not a sample)."""
    free = [(resp[key], n) for key, n in counts.items() if key[1] is None] or \
        [(resp[key], n) for key, n in counts.items()]
    total = sum(n for _, n in free)
    return min(max(sum(r * n for r, n in free) / total, 1e-6), 1 - 1e-6) if total else 0.5


def estimate(vectors: Sequence[Mapping[str, str]], start: Mapping[str, tuple[float, float]],
             labels: Sequence[float | None] | None = None, *, match_share: float = 0.1, fix_u: bool = True,
             floors: Mapping[str, float] | None = None, max_iter: int = 50, tol: float = 1e-5,
             strength: float = 1.0) -> EmResult:
    """EM over comparison vectors from the table `start` ({field.level: (m, u)}).

    labels[i] is 1.0 or 0.0 for a pair a clerk decided, None otherwise. With fix_u the u values stay as
    given (estimate them from random pairs). `strength` is a pseudo-count pulling each field's estimate
    towards the starting table, so a level seen once is not taken at face value. Floors are applied after
    every step.
    """
    counts = _group(vectors, labels if labels is not None else [None] * len(vectors))
    fields = _keys_by_field(start, counts)
    m, u = _start(start, fields)
    m0, u0, floors = dict(m), dict(u), floors or {}
    lam, converged, iterations = match_share, False, 0
    for iterations in range(1, max_iter + 1):  # noqa: B007 - the count is reported
        resp = {key: _responsibility(key[0], key[1], lam, m, u) for key in counts}
        new_m = apply_floors(_maximise(counts, resp, fields, m0, strength, True), floors)
        new_u = u if fix_u else _maximise(counts, resp, fields, u0, strength, False)
        new_lam = _share(counts, resp)
        change = max([abs(new_lam - lam), *(abs(new_m[k] - m[k]) for k in m)])
        m, u, lam = new_m, new_u, new_lam
        if change < tol:
            converged = True
            break
    n_labelled = sum(n for (_, lab), n in counts.items() if lab is not None)
    return EmResult(lam, m, dict(u), iterations, converged, sum(counts.values()), n_labelled)
