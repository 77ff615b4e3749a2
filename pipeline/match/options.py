"""Matching options: decision thresholds, priors and the m/u table, with precomputed log weights."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from pipeline.match.weights import DEFAULT_MU, log_weight, mu_dict, value_u


@dataclass(frozen=True)
class MatchOptions:
    """Thresholds, priors and m/u values for matching."""

    auto_threshold: float = 0.98  # match probability needed to file automatically
    review_threshold: float = 0.20  # below this nobody is plausible: decision "none"
    auto_margin: float = 4.0  # log2 weight by which the best must beat the second candidate
    mu: tuple[tuple[str, float, float], ...] = DEFAULT_MU  # (field.level, m, u); see pipeline.match.weights
    prior_in_roster: float = 0.9  # share of documents about someone who is in the roster
    prior_population: int = 10_000  # never assume fewer possible people than this (small rosters)
    max_candidates: int = 5  # candidates kept for the clerk
    _table: dict[str, tuple[float, float]] = field(init=False, repr=False, compare=False)
    _weights: dict[str, float] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        table = {**mu_dict(DEFAULT_MU), **mu_dict(self.mu)}  # a partial table overrides the defaults
        object.__setattr__(self, "_table", table)
        object.__setattr__(self, "_weights", {k: log_weight(m, u) for k, (m, u) in table.items()})

    @classmethod
    def from_config(cls, cfg: Any, weights: tuple[tuple[str, float, float], ...] | None = None,
                    **overrides: Any) -> MatchOptions:
        """Options from a pipeline.config.Config (auto_threshold, review_threshold, auto_margin).

        `weights` is the store's m/u table in use (pipeline.index.weights.current_weights); None keeps
        the defaults. Keys it lacks (levels added since it was estimated) keep their default values.
        """
        if weights is not None:
            overrides.setdefault("mu", tuple(weights))
        return cls(auto_threshold=cfg.auto_threshold, review_threshold=cfg.review_threshold,
                   auto_margin=cfg.auto_margin, **overrides)

    def mu_table(self) -> dict[str, tuple[float, float]]:
        """The table in effect, {field.level: (m, u)}: the defaults overridden by `mu`."""
        return dict(self._table)

    def m_u(self, key: str) -> tuple[float, float]:
        """(m, u) for a field.level key."""
        return self._table[key]

    def weight(self, key: str) -> float:
        """log2(m/u) for a field.level key."""
        return self._weights[key]

    def agree_weight(self, key: str, count: int, total: int) -> float:
        """log2(m/u) for exact agreement on a value held by `count` of `total` roster patients."""
        m, u0 = self._table[key]
        return _agree_weight(m, u0, count, total)


@lru_cache(maxsize=65536)
def _agree_weight(m: float, u0: float, count: int, total: int) -> float:
    return log_weight(m, value_u(count, total, u0))
