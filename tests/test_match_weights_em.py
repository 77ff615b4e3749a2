"""EM estimation of m and the match share, u from random pairs, floors and clerk-labelled pairs."""

from __future__ import annotations

import random

import pytest

from pipeline.match import em
from pipeline.match.weights import U_KEEP, estimate_u, make_table

TRUE_M = {"name": {"agree": 0.90, "typo": 0.07, "disagree": 0.03}, "dob": {"agree": 0.95, "disagree": 0.05},
          "zip": {"agree": 0.80, "disagree": 0.20}}
TRUE_U = {"name": {"agree": 0.01, "typo": 0.04, "disagree": 0.95}, "dob": {"agree": 0.02, "disagree": 0.98},
          "zip": {"agree": 0.10, "disagree": 0.90}}


def _draw(table: dict, rng: random.Random) -> dict[str, str]:
    return {f: rng.choices(list(levels), list(levels.values()))[0] for f, levels in table.items()}


def simulate(n: int, share: float, seed: int) -> tuple[list[dict[str, str]], list[bool]]:
    """Comparison vectors of `n` pairs, a `share` of them matches; and which ones are."""
    rng = random.Random(seed)
    truth = [rng.random() < share for _ in range(n)]
    return [_draw(TRUE_M if t else TRUE_U, rng) for t in truth], truth


def _start(m: float = 0.5) -> dict[str, tuple[float, float]]:
    return {f"{f}.{lv}": (m, TRUE_U[f][lv]) for f, levels in TRUE_M.items() for lv in levels}


def test_recovers_known_m_and_match_share() -> None:
    vectors, _ = simulate(20_000, 0.2, seed=11)
    result = em.estimate(vectors, _start(), match_share=0.5)
    assert result.converged and result.n_pairs == 20_000
    assert result.match_share == pytest.approx(0.2, abs=0.01)
    for f, levels in TRUE_M.items():
        for lv, m in levels.items():
            assert result.m[f"{f}.{lv}"] == pytest.approx(m, abs=0.02), f"{f}.{lv}"


def test_recovers_u_too_when_it_is_not_fixed() -> None:
    vectors, _ = simulate(20_000, 0.3, seed=12)
    # u starts uniform, m leaning towards agreement (a symmetric start has nothing to break the tie)
    start = {k: (0.8 if k.endswith(".agree") else 0.1, 1 / len(TRUE_U[k.split(".")[0]])) for k in _start()}
    result = em.estimate(vectors, start, match_share=0.4, fix_u=False, max_iter=200)
    assert result.u["dob.agree"] == pytest.approx(0.02, abs=0.01)
    assert result.m["name.agree"] == pytest.approx(0.90, abs=0.02)
    assert result.match_share == pytest.approx(0.3, abs=0.02)


def test_missing_levels_are_ignored() -> None:
    vectors, _ = simulate(5_000, 0.2, seed=13)
    rng = random.Random(1)
    damaged = [{**v, "zip": "missing"} if rng.random() < 0.5 else v for v in vectors]
    result = em.estimate(damaged, _start(), match_share=0.5)
    assert "zip.missing" not in result.m
    assert result.m["zip.agree"] == pytest.approx(0.80, abs=0.04)


def test_floors_hold_and_each_field_sums_to_one() -> None:
    vectors, _ = simulate(10_000, 0.2, seed=14)
    never = [{**v, "dob": "agree"} if v["dob"] == "disagree" and v["name"] == "agree" else v for v in vectors]
    result = em.estimate(never, _start(), match_share=0.5, floors={"dob.disagree": 0.1})
    assert result.m["dob.disagree"] >= 0.1 - 1e-9
    for f in TRUE_M:
        assert sum(v for k, v in result.m.items() if k.startswith(f + ".")) == pytest.approx(1.0)


def test_labelled_pairs_move_the_estimate() -> None:
    vectors, _ = simulate(4_000, 0.2, seed=15)
    plain = em.estimate(vectors, _start(), match_share=0.5)
    # A clerk confirmed 300 matches whose dates of birth disagree (wrong birth dates in the roster).
    labelled = [{"name": "agree", "dob": "disagree", "zip": "agree"}] * 300
    taught = em.estimate(vectors + labelled, _start(), [None] * len(vectors) + [1.0] * 300, match_share=0.5)
    assert taught.n_labelled == 300
    assert taught.m["dob.disagree"] > plain.m["dob.disagree"] + 0.1
    # ... and the same pairs labelled non-matches push it the other way.
    denied = em.estimate(vectors + labelled, _start(), [None] * len(vectors) + [0.0] * 300, match_share=0.5)
    assert denied.m["dob.disagree"] < taught.m["dob.disagree"]


def test_a_level_only_the_data_holds_is_estimated() -> None:
    vectors, _ = simulate(5_000, 0.2, seed=16)
    start = {k: v for k, v in _start().items() if k != "name.typo"}
    start["name.typo"] = (0.3, 0.04)
    del start["name.typo"]  # the table predates the level: it must still get an m of its own
    result = em.estimate(vectors, {**start}, match_share=0.5)
    assert "name.typo" in result.m and result.m["name.typo"] == pytest.approx(0.07, abs=0.03)


def test_u_from_random_pairs() -> None:
    rows = [{"dob": "agree"}] + [{"dob": "disagree"}] * 99 + [{"city": "missing"}]
    u = estimate_u(rows, [("dob.agree", 0.9, 1e-5), ("dob.partial", 0.05, 1e-3), ("dob.disagree", 0.05, 0.99),
                          ("phone.agree", 0.8, 2e-5), *((k, 0.5, 0.123) for k in sorted(U_KEEP))])
    assert u["dob.agree"] == pytest.approx(0.01) and u["dob.disagree"] == pytest.approx(0.99)
    assert u["dob.partial"] == pytest.approx(0.005)  # never seen: half a count
    assert u["phone.agree"] == 2e-5  # a field never compared keeps the table's value
    assert all(u[k] == 0.123 for k in U_KEEP) and "city.missing" not in u


def test_make_table_keeps_the_given_order_then_sorts() -> None:
    table = make_table({"b.x": 0.5, "a.y": 0.25, "c.z": 0.125}, {"b.x": 0.1, "a.y": 0.2}, order=["c.z", "b.x"])
    assert [k for k, _, _ in table] == ["c.z", "b.x", "a.y"]
    assert table[0][2] > 0  # a u that is missing is kept away from zero
