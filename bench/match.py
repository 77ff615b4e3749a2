"""Patient-matching benchmark: accuracy, speed and memory at roster scale.

Run:  .venv/bin/python bench/match.py                       # 100,000 patients, 10,000 queries
      .venv/bin/python bench/match.py --estimate            # also re-estimate the m/u table
      .venv/bin/python bench/match.py --docs 2000           # also end-to-end on generated document text

Queries come from pipeline.synth.corrupt (typos, OCR confusions, nicknames, swapped names, transposed
and misread DOBs, two-digit years, missing fields); 15% are people who are not in the roster. Every
roster look-alike group (twins, same name and DOB, swapped-DOB namesakes) is also queried on purpose.
Targets (issue 4): wrong automatic links = 0, auto-link rate among in-roster queries >= 90%,
p95 time per query <= 10 ms, peak memory <= 1 GiB.
"""

from __future__ import annotations

import argparse
import random
import re
import resource
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipeline.match.extract import find_identifiers  # noqa: E402
from pipeline.match.matcher import (  # noqa: E402
    MatchOptions,
    Roster,
    compare_fields,
    match_identifiers,
    query_from_fields,
)
from pipeline.match.roster_file import parse_roster_file  # noqa: E402
from pipeline.match.weights import DEFAULT_MU, estimate_mu  # noqa: E402
from pipeline.records import MatchDecision, PageSource, PageText  # noqa: E402
from pipeline.synth.corrupt import Query, corrupt  # noqa: E402
from pipeline.synth.identities import (  # noqa: E402
    make_outsiders,
    make_roster,
    roster_hard_cases,
    write_roster_csv,
)


def _ids(q: Query):
    return query_from_fields(name=q.name or None, dob=q.dob or None, mrn=q.mrn or None, phone=q.phone or None,
                             postal_code=q.postal_code or None)


def make_queries(records, n: int, seed: int, outsider_rate: float = 0.15) -> list[Query]:
    """`n` damaged queries: in-roster people and (outsider_rate) people who are not in the roster."""
    rng = random.Random(seed)
    n_out = int(n * outsider_rate)
    outsiders = make_outsiders(n_out, seed, exclude=records)
    queries = [corrupt(rng.choice(records), rng) for _ in range(n - n_out)]
    queries += [corrupt(p, rng, in_roster=False) for p in outsiders]
    rng.shuffle(queries)
    return queries


def hard_queries(records, seed: int, per_kind: int = 400) -> list[Query]:
    """One damaged query per member of up to `per_kind` groups of each planted look-alike kind."""
    rng = random.Random(seed + 1)
    by_mrn = {p.mrn: p for p in records}
    out: list[Query] = []
    for groups in roster_hard_cases(records).values():
        for g in rng.sample(groups, min(per_kind, len(groups))):
            out.extend(corrupt(by_mrn[m], rng) for m in g)
    return out


def run(roster: Roster, queries: list[Query], opts: MatchOptions) -> dict:
    """Match every query; tally decisions, wrong links and per-query times."""
    times: list[float] = []
    cpu: list[float] = []
    wrong: list = []
    tally: Counter = Counter()
    damage_review: Counter = Counter()
    reasons: Counter = Counter()
    for q in queries:
        ids = _ids(q)
        t0, c0 = time.perf_counter(), time.process_time()
        res = match_identifiers(ids, roster, opts)
        times.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
        inside = q.true_mrn is not None
        tally[("in" if inside else "out", res.decision.value)] += 1
        if res.decision is MatchDecision.auto and res.mrn != q.true_mrn:
            wrong.append((q, res))
        if inside and res.decision is not MatchDecision.auto:
            damage_review.update(q.damage or ("(none)",))
            reasons.update(re.sub(r"[A-Z]*\d[\d.]*", "#", r.split(" (")[0]) for r in res.reasons)
    return {"times": times, "cpu": cpu, "tally": tally, "wrong": wrong, "damage_review": damage_review,
            "reasons": reasons}


def report(title: str, r: dict) -> None:
    t, times = r["tally"], sorted(r["times"])
    n_in = sum(v for (k, _), v in t.items() if k == "in")
    n_out = sum(v for (k, _), v in t.items() if k == "out")
    print(f"\n== {title}: {n_in} in-roster, {n_out} not in roster")
    print(f"wrong automatic links: {len(r['wrong'])}")
    if n_in:
        print(f"auto-link rate among in-roster: {t[('in', 'auto')] / n_in:.1%}  "
              f"(review {t[('in', 'review')] / n_in:.1%}, none {t[('in', 'none')] / n_in:.1%})")
    if n_out:
        print(f"outsiders: none {t[('out', 'none')] / n_out:.1%}, review {t[('out', 'review')] / n_out:.1%}, "
              f"auto {t[('out', 'auto')] / n_out:.1%}")
    cpu = sorted(r["cpu"])
    p95, cpu95 = times[int(0.95 * (len(times) - 1))], cpu[int(0.95 * (len(cpu) - 1))]
    print(f"time per query: median {statistics.median(times):.2f} ms, p95 {p95:.2f} ms, max {times[-1]:.1f} ms "
          f"(CPU time: median {statistics.median(cpu):.2f} ms, p95 {cpu95:.2f} ms)")
    print("in-roster queries not auto-linked, by damage:", dict(r["damage_review"].most_common(10)))
    print("  ... by reason:", dict(r["reasons"].most_common(8)))
    for q, res in r["wrong"][:5]:
        print("  WRONG:", q, "->", res.mrn, res.score)


def estimate(roster: Roster, records, queries: list[Query], seed: int, pairs: int = 100_000) -> tuple:
    """m from damaged queries vs their true record; u from damaged queries vs random roster records."""
    rng = random.Random(seed + 2)
    by_mrn = {p.mrn: p for p in records}
    inside = [q for q in queries if q.true_mrn is not None]
    true_levels = [compare_fields(_ids(q), by_mrn[q.true_mrn], roster) for q in inside]
    random_levels: list[dict[str, str]] = []
    while len(random_levels) < pairs:
        q, other = rng.choice(queries), rng.choice(records)
        if other.mrn != q.true_mrn:
            random_levels.append(compare_fields(_ids(q), other, roster))
    table = estimate_mu(true_levels, random_levels)
    print(f"\n== m/u estimate: m from {len(true_levels)} true pairs (raised to documented floors, "
          f"renormalised), u from {len(random_levels)} random pairs")
    current = {k: (m, u) for k, m, u in DEFAULT_MU}
    for key, m, u in table:
        print(f"  ({key!r:26s} {m:<8.4g}, {u:<8.3g}),   # table: m={current[key][0]:.4g} u={current[key][1]:.3g}")
    return table


def run_documents(roster: Roster, records, n: int, seed: int, opts: MatchOptions) -> None:
    """End to end on generated document text: extraction then matching."""
    from pipeline.synth.documents import make_corpus

    for family in ("train", "holdout"):
        docs = [d for d in make_corpus(n, records, seed, family=family) if d.patient is not None]
        tally: Counter = Counter()
        missed: Counter = Counter()
        wrong: list = []
        times: list[float] = []
        for d in docs:
            pages = [PageText(i + 1, t, PageSource.text_layer) for i, t in enumerate(d.pages)]
            t0 = time.perf_counter()
            res = match_identifiers(find_identifiers(pages), roster, opts)
            times.append((time.perf_counter() - t0) * 1000)
            truth = d.patient.mrn if d.in_roster and d.patient else None
            tally[("in" if d.in_roster else "out", res.decision.value)] += 1
            if res.decision is MatchDecision.auto and res.mrn != truth:
                wrong.append((d.doc_id, res.mrn, truth))
            if d.in_roster and res.decision is not MatchDecision.auto:
                missed[(d.name_form, d.dob_form)] += 1
        n_in = sum(v for (k, _), v in tally.items() if k == "in")
        times.sort()
        print(f"\n== documents ({family} templates): {len(docs)} with a patient, {n_in} in roster")
        print(f"wrong automatic links: {len(wrong)} {wrong[:5]}")
        print(f"auto-link rate among in-roster: {tally[('in', 'auto')] / max(1, n_in):.1%}; "
              f"extract+match p95 {times[int(0.95 * (len(times) - 1))]:.2f} ms")
        print("not auto-linked, by (name form, dob form):", dict(missed.most_common(6)))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--roster", type=int, default=100_000)
    ap.add_argument("--queries", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--estimate", action="store_true", help="estimate m/u from generated pairs and use them")
    ap.add_argument("--docs", type=int, default=0, help="also run N generated documents per template family")
    args = ap.parse_args()

    records = make_roster(args.roster, seed=args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "roster.csv"
        write_roster_csv(records, path)
        t0 = time.perf_counter()
        parsed = parse_roster_file(str(path))
        t_parse = time.perf_counter() - t0
    t0 = time.perf_counter()
    roster = Roster.from_records(parsed.records)
    print(f"roster: {len(roster)} patients; CSV parsed in {t_parse:.1f} s ({len(parsed.errors)} row errors), "
          f"indexes built in {time.perf_counter() - t0:.1f} s")
    queries = make_queries(records, args.queries, args.seed)
    opts = MatchOptions()
    if args.estimate:
        opts = MatchOptions(mu=estimate(roster, records, queries[: args.queries // 2], args.seed + 100))
    report("random queries", run(roster, queries, opts))
    report("look-alike groups (twins, same name+DOB, swapped DOB, same surname+year)",
           run(roster, hard_queries(records, args.seed), opts))
    if args.docs:
        run_documents(roster, records, args.docs, args.seed, opts)
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak memory (max RSS of this process, roster + queries): {peak_mib:.0f} MiB")
    print("m/u: " + ("estimated in this run from generated pairs (m: query vs its true record; u: query vs "
                     "5 random records)" if args.estimate else
                     "the default table in pipeline/match/weights.py (estimated with --estimate, seed 7); "
                     "exact-agreement u values are the roster's value frequencies, smoothed"))


if __name__ == "__main__":
    main()
