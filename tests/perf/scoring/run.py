"""Scoring benchmark: validity of the score as served, predicted pay dates, speed and memory.
``make bench-scoring`` runs it; README.md next to this file says what each figure means.

    python tests/perf/scoring/run.py                 # held-back seeds, full speed part
    python tests/perf/scoring/run.py --quick         # one seed, a tenth of the speed sizes
    python tests/perf/scoring/run.py --seeds 101,102 # the tuning seeds (while tuning only)
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from statistics import fmean

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scoring_bench import speed, validity, world

from devstack.servers import bench_servers, drop_databases, ensure_databases, with_database

ROOT = Path(__file__).resolve().parents[3]
TARGET_BAD_AUC = 0.92
TARGET_FORWARD_OVER_NAIVE = 0.03
TARGET_FORWARD_OF_ORACLE = 0.9
TARGET_TREND = 0.85
TARGET_MAE_GAIN = 0.20
TARGET_RESCORE_S = 60.0
TARGET_CONSUMER_EPS = 2000.0
TARGET_AGEING_S = 30.0


def _ok(good: bool) -> str:
    return "ok  " if good else "MISS"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--seeds", default=",".join(map(str, world.HELD_BACK_SEEDS)))
    ap.add_argument("--quick", action="store_true", help="one seed, small speed sizes")
    ap.add_argument("--no-validity", action="store_true")
    ap.add_argument("--no-speed", action="store_true")
    ap.add_argument("--experiences", type=int, default=1_000_000)
    ap.add_argument(
        "--debtors", type=int, default=200_000, help="generated (about half get invoices)"
    )
    args = ap.parse_args(argv)
    seeds = [int(s) for s in args.seeds.split(",")]
    if args.quick:
        seeds = seeds[:1]
        args.experiences //= 10
        args.debtors //= 10
    logging.basicConfig(level=logging.WARNING)
    for noisy in ("chassis", "scoring", "nats"):
        logging.getLogger(noisy).setLevel(logging.ERROR)

    with bench_servers(ROOT / ".data" / "bench-scoring") as (admin_url, nats_url):
        created: list[str] = []

        def fresh(label: str) -> str:
            name = f"bench_scoring_{label}_{uuid.uuid4().hex[:6]}"
            ensure_databases(admin_url, [name])
            created.append(name)
            return with_database(admin_url, name).replace(
                "postgresql://", "postgresql+psycopg://", 1
            )

        try:
            started = time.perf_counter()
            load = os.getloadavg()
            print(f"load average at start: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} (2 cores)")
            results = [] if args.no_validity else _validity(seeds, fresh, nats_url)
            phases = [] if args.no_speed else _speed(args, fresh, nats_url)
            _report(results, phases)
            load = os.getloadavg()
            print(
                f"\nfinished in {time.perf_counter() - started:.0f} s; load average at the end: "
                f"{load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"
            )
        finally:
            drop_databases(admin_url, created)
    return 0


def _validity(
    seeds: list[int], fresh: Callable[[str], str], nats_url: str
) -> list[validity.SeedResult]:
    out = []
    for seed in seeds:
        out.append(asyncio.run(validity.run_seed(seed, fresh, nats_url, print)))
    return out


def _speed(
    args: argparse.Namespace, fresh: Callable[[str], str], nats_url: str
) -> list[speed.Phase]:
    phases = []
    seed = world.HELD_BACK_SEEDS[0]
    for chronological in (True, False):
        for relay in (False, True):
            phases.append(
                asyncio.run(
                    speed.consumer_throughput(
                        seed, fresh("consumer"), nats_url, chronological=chronological, relay=relay
                    )
                )
            )
            print(f"{phases[-1].name}: {phases[-1].rate:,.0f} applied events/s")
    rescore, ageing, _ = asyncio.run(
        speed.rescore_and_ageing(fresh("rescore"), args.experiences, args.debtors)
    )
    phases += [rescore, ageing]
    return phases


def _report(results: list[validity.SeedResult], phases: list[speed.Phase]) -> None:
    if results:
        print("\nVALIDITY (score as served through gRPC after loading the world's events; "
              "ours / naive mean days late / oracle)")  # fmt: skip
        head = f"{'seed':>5} {'debtors':>8}  {'bad vs rest':^22}  {'slow+bad vs good':^22}"
        head += "".join(f"  {'forward T-' + str(o):^22}" for o in validity.CUTOFFS)
        print(head)
        for r in results:
            row = f"{r.seed:>5} {r.debtors:>8}  {_triple(r.auc_bad)}  {_triple(r.auc_slow_bad)}"
            row += "".join(f"  {_triple(r.forward[o])}" for o in validity.CUTOFFS)
            print(row)
        bad = fmean(r.auc_bad[0] for r in results)
        verdict = _ok(bad >= TARGET_BAD_AUC)
        print(f"\n  hidden-bad vs rest, mean {bad:.3f}  target >= {TARGET_BAD_AUC}  {verdict}")
        for o in validity.CUTOFFS:
            ours = fmean(r.forward[o][0] for r in results)
            naive = fmean(r.forward[o][1] for r in results)
            oracle = fmean(r.forward[o][2] for r in results)
            need = max(naive + TARGET_FORWARD_OVER_NAIVE, TARGET_FORWARD_OF_ORACLE * oracle)
            print(
                f"  forward T-{o}: {ours:.3f} vs naive {naive:.3f} (+{ours - naive:.3f}), "
                f"{ours / oracle:.2f} of oracle {oracle:.3f}; target >= {need:.3f}  "
                f"{_ok(ours >= need)}"
            )
        bk = sum(r.bankrupt for r in results)
        bk_low = sum(r.bankrupt_low for r in results)
        hidden = sum(r.bankrupt_low_nothing_open for r in results)
        print(
            f"  bankrupt debtors LOW at the as-of date: {bk_low} of {bk} (target 0)  "
            f"{_ok(bk_low == 0)}; of those {hidden} had every invoice settled before failing"
        )
        drifting = sum(r.drifting for r in results)
        agree = sum(r.drifting_agree for r in results)
        known = sum(r.drifting_known for r in results)
        known_agree = sum(r.drifting_known_agree for r in results)
        stable = sum(r.stable for r in results)
        stable_ok = sum(r.stable_as_stable for r in results)
        print(
            f"  trend agrees with the hidden drift: {agree / drifting:.0%} of {drifting} drifting "
            f"debtors (target {TARGET_TREND:.0%})  {_ok(agree / drifting >= TARGET_TREND)}; "
            f"{known_agree / max(known, 1):.0%} of the {known} with enough data to tell; "
            f"{stable_ok / stable:.0%} of {stable} stable debtors not flagged"
        )
        ours = fmean(r.mae_ours for r in results)
        base = fmean(r.mae_baseline for r in results)
        n = sum(r.mae_invoices for r in results)
        gain = 1 - ours / base if base else 0.0
        print(
            f"  predicted pay date, mean absolute error: {ours:.1f} days vs {base:.1f} for due "
            f"date + mean days late ({n:,} invoices open at T-180, paid by the as-of date): "
            f"{gain:.0%} lower (target >= {TARGET_MAE_GAIN:.0%})  {_ok(gain >= TARGET_MAE_GAIN)}"
        )
    if phases:
        print("\nSPEED AND MEMORY (PostgreSQL; peak resident memory of the process)")
        for p in phases:
            unit = "applied events/s" if "consumer" in p.name else "debtors/s"
            target = ""
            if "consumer" in p.name:
                target = (
                    f"target >= {TARGET_CONSUMER_EPS:,.0f}/s  {_ok(p.rate >= TARGET_CONSUMER_EPS)}"
                )
            elif "rescore" in p.name:
                target = f"target <= {TARGET_RESCORE_S:.0f} s  {_ok(p.seconds <= TARGET_RESCORE_S)}"
            elif "ageing" in p.name:
                target = f"target <= {TARGET_AGEING_S:.0f} s  {_ok(p.seconds <= TARGET_AGEING_S)}"
            print(
                f"  {p.name}: {p.items:,} in {p.seconds:.1f} s = {p.rate:,.0f} {unit}; "
                f"peak RSS {p.peak_rss_mib:.0f} MiB (+{p.rss_growth_mib:.0f})  {target}"
            )


def _triple(t: tuple[float, float, float]) -> str:
    return f"{t[0]:.3f} / {t[1]:.3f} / {t[2]:.3f}"


if __name__ == "__main__":
    sys.exit(main())
