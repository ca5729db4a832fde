"""Validity of the score as served: AUCs against the generator's hidden truth, the naive
baseline and an oracle, bankrupt debtors, the trend, and the predicted pay dates."""

from __future__ import annotations

import datetime as dt
import statistics
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from scoring_bench import served, world

from datagen import Dataset
from kmo.scoring.v1 import scoring_pb2

LOW = scoring_pb2.RISK_LEVEL_LOW
TREND_DETERIORATING = scoring_pb2.TREND_DETERIORATING
TREND_IMPROVING = scoring_pb2.TREND_IMPROVING
TREND_UNKNOWN = scoring_pb2.TREND_UNKNOWN
CUTOFFS = (180, 365)


@dataclass
class SeedResult:
    seed: int
    debtors: int = 0
    auc_bad: tuple[float, float, float] = (0.0, 0.0, 0.0)  # ours, naive, oracle
    auc_slow_bad: tuple[float, float, float] = (0.0, 0.0, 0.0)
    forward: dict[int, tuple[float, float, float]] = field(default_factory=dict)
    bankrupt: int = 0
    bankrupt_low: int = 0
    bankrupt_low_nothing_open: int = 0  # of those: every invoice settled before it failed
    drifting: int = 0
    drifting_agree: int = 0
    drifting_known: int = 0
    drifting_known_agree: int = 0
    stable: int = 0
    stable_as_stable: int = 0
    mae_ours: float = 0.0
    mae_baseline: float = 0.0
    mae_invoices: int = 0
    events: int = 0
    consume_seconds: float = 0.0


Log = Callable[[str], None]


async def run_seed(
    seed: int, fresh_db: Callable[[str], str], nats_url: str, log: Log
) -> SeedResult:
    ds = world.world(seed)
    asof = ds.config.as_of
    truth = {t.vat: t for t in ds.truth}
    r = SeedResult(seed)

    # As of the world's as-of date: the score as served after make demo-style loading.
    events = list(served.events_at(ds, asof))
    r.events = len(events)
    url = fresh_db(f"validity_{seed}")
    ns = f"bench{uuid.uuid4().hex[:6]}"
    async with served.scoring_at(url, nats_url, ns, asof) as svc:
        started_at = time.perf_counter()
        await served.publish(svc.js, svc.ns, events)
        await served.wait_consumed(svc.js, svc.ns, 900)
        r.consume_seconds = time.perf_counter() - started_at
        known = world.known_at(ds, asof)
        vats = sorted(known.experiences)
        profiles = await svc.profiles(vats)
    log(f"seed {seed}: {len(events):,} events consumed in {r.consume_seconds:.1f} s")
    r.debtors = len(vats)
    ours = [float(profiles[v].score) if v in profiles else 0.0 for v in vats]
    naive = [world.naive_mean_days_late(known.experiences[v]) for v in vats]
    oracle = [float(truth[v].expected_risk_score) for v in vats]
    bad = [int(truth[v].expected_risk_level == "critical") for v in vats]
    slow_bad = [int(truth[v].expected_risk_level != "low") for v in vats]
    r.auc_bad = (world.auc(ours, bad), world.auc(naive, bad), world.auc(oracle, bad))
    r.auc_slow_bad = (
        world.auc(ours, slow_bad),
        world.auc(naive, slow_bad),
        world.auc(oracle, slow_bad),
    )
    for v in vats:
        t = truth[v]
        p = profiles.get(v)
        if t.bankrupt_date is not None:
            r.bankrupt += 1
            if p is not None and p.level == LOW:
                r.bankrupt_low += 1
                if not any(
                    e.settled_date is None and e.due_date < asof for e in known.experiences[v]
                ):
                    r.bankrupt_low_nothing_open += 1
        if p is None:
            continue
        if t.drift_class == "stable":
            r.stable += 1
            r.stable_as_stable += p.trend != TREND_DETERIORATING and p.trend != TREND_IMPROVING
        else:
            r.drifting += 1
            want = TREND_DETERIORATING if t.drift_class == "worsening" else TREND_IMPROVING
            r.drifting_agree += p.trend == want
            if p.trend != TREND_UNKNOWN:
                r.drifting_known += 1
                r.drifting_known_agree += p.trend == want

    # Forward-looking: the score as served at a cut-off against the next invoice.
    for off in CUTOFFS:
        cutoff = asof - dt.timedelta(days=off)
        events_t = list(served.events_at(ds, cutoff))
        url = fresh_db(f"validity_{seed}_{off}")
        ns = f"bench{uuid.uuid4().hex[:6]}"
        async with served.scoring_at(url, nats_url, ns, cutoff) as svc:
            await served.publish(svc.js, svc.ns, events_t)
            await served.wait_consumed(svc.js, svc.ns, 900)
            known_t = world.known_at(ds, cutoff)
            labels = world.next_invoice_labels(ds, cutoff)
            vs = [v for v in labels if v in known_t.experiences]
            at_t = await svc.profiles(vs)
            if off == CUTOFFS[0]:
                members = sorted(
                    {e.supplier for exps in known_t.experiences.values() for e in exps}
                )
                forecasts: dict[str, scoring_pb2.PredictedPayment] = {}
                for m in members:
                    for pay in await svc.predictions(f"member-{m}"):
                        forecasts[pay.invoice_id] = pay
                r.mae_ours, r.mae_baseline, r.mae_invoices = _pay_date_errors(
                    ds, known_t, forecasts
                )
        oracle_t = world.oracle_at(ds, cutoff)
        y = [labels[v] for v in vs]
        r.forward[off] = (
            world.auc([float(at_t[v].score) if v in at_t else 0.0 for v in vs], y),
            world.auc([world.naive_mean_days_late(known_t.experiences[v]) for v in vs], y),
            world.auc([oracle_t[v] for v in vs], y),
        )
        log(f"seed {seed}: cut-off -{off} d, {len(events_t):,} events, {len(vs):,} debtors")
    return r


def _pay_date_errors(
    ds: Dataset, known: world.Known, forecasts: dict[str, scoring_pb2.PredictedPayment]
) -> tuple[float, float, int]:
    """Mean absolute error in days of the expected pay date of invoices open at the
    cut-off and paid by the as-of date, against due date + the debtor's mean days late."""
    inv = ds.invoices
    paid = inv.paid_date
    ours, base = [], []
    for exps in known.experiences.values():
        mean_late = world.naive_mean_days_late(exps)
        for e in exps:
            if e.settled_date is not None:
                continue
            i = int(e.invoice_id) - 1
            if np.isnat(paid[i]):
                continue
            actual = world.EPOCH + dt.timedelta(days=int(paid[i].astype(np.int64)))
            f = forecasts.get(f"inv-{e.invoice_id}")
            if f is None:
                continue
            expected = dt.date(f.expected.year, f.expected.month, f.expected.day)
            ours.append(abs((expected - actual).days))
            base.append(abs((e.due_date + dt.timedelta(days=round(mean_late)) - actual).days))
    if not ours:
        return 0.0, 0.0, 0
    return statistics.fmean(ours), statistics.fmean(base), len(ours)
