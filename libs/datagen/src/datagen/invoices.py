"""Who invoices whom, when, on which terms and for how much (vectorised)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from datagen import config as cfg
from datagen.behaviour import NO_BANKRUPTCY, weekday
from datagen.companies import CompanyColumns

F64 = npt.NDArray[np.float64]
I64 = npt.NDArray[np.int64]
EPOCH = dt.date(1970, 1, 1)


def to_day(d: dt.date) -> int:
    return (d - EPOCH).days


@dataclass(frozen=True, slots=True)
class Relationships:
    member: I64  # position in members
    debtor: I64  # position in debtors
    term: I64  # agreed payment term in days
    weight: F64  # relative invoice frequency


@dataclass(frozen=True, slots=True)
class InvoiceDraft:
    """Invoices sorted by issue day; position = invoice_id - 1."""

    member: I64
    debtor: I64
    issue_day: I64
    due_day: I64
    term: I64
    net_cents: I64
    vat_percent: I64
    vat_cents: I64
    sequence: I64  # per member and calendar year, from 1


def term_probabilities(
    country_idx: npt.NDArray[np.int8], section: npt.NDArray[np.str_], division: npt.NDArray[np.str_]
) -> F64:
    """Probability of each TERM_CHOICES per seller: country mix reweighted by the seller's sector
    (exposed so tests compare the drawn terms with exactly this expectation)."""
    mix = np.array([cfg.TERM_MIX[c] for c in cfg.COUNTRIES])[country_idx]
    weight = np.ones_like(mix)
    for key, w in sorted(cfg.TERM_SECTOR_WEIGHT.items(), key=lambda kv: len(kv[0])):
        field = section if len(key) == 1 else division
        weight[field == key] = w
    p = mix * weight
    out: F64 = p / p.sum(axis=1, keepdims=True)
    return out


def _pick_by_cdf(rng: np.random.Generator, weights: F64, n: int) -> I64:
    cdf = np.cumsum(weights)
    picks: I64 = np.searchsorted(cdf, rng.random(n) * cdf[-1], side="right").astype(np.int64)
    return np.minimum(picks, weights.size - 1)


def draw_relationships(
    rng: np.random.Generator, members: CompanyColumns, debtors: CompanyColumns, n_relationships: int
) -> Relationships:
    n_members = members.country.size
    volume = np.array([cfg.SIZE_INVOICE_VOLUME[s] for s in cfg.SIZES])
    member_weight = rng.lognormal(0.0, 0.8, n_members) * volume[members.size]
    member = _pick_by_cdf(rng, member_weight, n_relationships)

    # Customers are mostly domestic; the rest in another Benelux country.
    home = members.country[member].astype(np.int64)
    abroad = rng.random(n_relationships) < cfg.CROSS_BORDER_SHARE
    other = (home + rng.integers(1, len(cfg.COUNTRIES), size=n_relationships)) % len(cfg.COUNTRIES)
    debtor_country = np.where(abroad, other, home)

    popularity = rng.lognormal(0.0, 0.7, debtors.country.size) * volume[debtors.size]
    debtor = np.empty(n_relationships, dtype=np.int64)
    for ci in range(len(cfg.COUNTRIES)):
        want = np.flatnonzero(debtor_country == ci)
        pool = np.flatnonzero(debtors.country == ci)
        if pool.size == 0:  # tiny populations can lack a country
            pool = np.arange(debtors.country.size)
        debtor[want] = pool[_pick_by_cdf(rng, popularity[pool], want.size)]

    # One relationship per (member, debtor) pair; keep the first drawn.
    key = member * (debtors.country.size + 1) + debtor
    _, first = np.unique(key, return_index=True)
    keep = np.sort(first)
    member, debtor = member[keep], debtor[keep]

    # The seller's general conditions fix the term [inference]; sampled per relationship.
    p = term_probabilities(
        members.country[member], members.section[member], members.division[member]
    )
    u = rng.random(member.size)[:, None]
    term_idx = (u > np.cumsum(p, axis=1)).sum(axis=1)
    term = np.array(cfg.TERM_CHOICES, dtype=np.int64)[np.minimum(term_idx, p.shape[1] - 1)]
    weight = rng.lognormal(0.0, 0.9, member.size) * np.sqrt(volume[debtors.size[debtor]])
    return Relationships(member=member, debtor=debtor, term=term, weight=weight)


def draw_invoices(
    rng: np.random.Generator,
    rel: Relationships,
    members: CompanyColumns,
    debtors: CompanyColumns,
    bankrupt_day: I64,
    n_invoices: int,
    config: cfg.GeneratorConfig,
) -> InvoiceDraft:
    start, end = to_day(config.period_start), to_day(config.period_end)
    all_days = np.arange(start, end + 1, dtype=np.int64)
    workdays = all_days[weekday(all_days) < 5]
    if workdays.size == 0:
        workdays = all_days
    # Suppliers stop invoicing a bankrupt debtor: its relationships are active for a shorter
    # span, so they get proportionally fewer invoices, all before the bankruptcy date.
    b_day = bankrupt_day[rel.debtor]
    active = np.searchsorted(workdays, np.minimum(b_day, end + 1), side="left")
    active = np.maximum(active, 1)
    rel_p = rel.weight * active / workdays.size
    pick = _pick_by_cdf(rng, rel_p, n_invoices)
    issue = workdays[np.floor(rng.random(n_invoices) * active[pick]).astype(np.int64)]

    member, debtor = rel.member[pick], rel.debtor[pick]
    term = rel.term[pick].copy()
    nl_large_to_sme = (
        (debtors.country[debtor] == cfg.COUNTRIES.index("NL"))
        & (debtors.size[debtor] == cfg.SIZES.index("large"))
        & (members.size[member] != cfg.SIZES.index("large"))
        & (issue >= to_day(cfg.NL_LARGE_TO_SME_CAP_FROM))
    )
    term = np.where(nl_large_to_sme, np.minimum(term, cfg.NL_LARGE_TO_SME_MAX_TERM_DAYS), term)
    term = np.minimum(term, cfg.LEGAL_MAX_TERM_DAYS)

    net = _net_cents(rng, members, debtors, member, debtor, pick)
    vat_percent = _vat_percent(members, debtors, member, debtor, issue)
    # Rounded half up on the invoice total, as EN 16931 rounds each VAT category amount.
    vat = (net * vat_percent + 50) // 100

    order = np.lexsort((rng.random(n_invoices), member, issue))
    member, debtor, issue, term = member[order], debtor[order], issue[order], term[order]
    net, vat_percent, vat = net[order], vat_percent[order], vat[order]
    year = issue.astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64)
    group = member * 10_000 + year
    by_group = np.argsort(group, kind="stable")
    sorted_group = group[by_group]
    starts = np.r_[0, np.flatnonzero(np.diff(sorted_group)) + 1]
    run = np.arange(n_invoices) - np.repeat(starts, np.diff(np.r_[starts, n_invoices]))
    sequence = np.empty(n_invoices, dtype=np.int64)
    sequence[by_group] = run + 1
    return InvoiceDraft(
        member=member,
        debtor=debtor,
        issue_day=issue,
        due_day=issue + term,
        term=term,
        net_cents=net,
        vat_percent=vat_percent,
        vat_cents=vat,
        sequence=sequence,
    )


def _net_cents(
    rng: np.random.Generator,
    members: CompanyColumns,
    debtors: CompanyColumns,
    member: I64,
    debtor: I64,
    rel_index: I64,
) -> I64:
    median = np.array([cfg.MEDIAN_NET_AMOUNT_EUR[s] for s in members.section.tolist()])
    for division, eur in cfg.MEDIAN_NET_AMOUNT_DIVISION_EUR.items():
        median[members.division == division] = eur
    size_mult = np.array([cfg.BUYER_SIZE_AMOUNT_MULTIPLIER[s] for s in cfg.SIZES])
    # A relationship has its own typical amount (recurring deliveries), invoices vary around it.
    rel_level = rng.lognormal(0.0, 0.4, int(rel_index.max()) + 1)[rel_index]
    eur = (
        median[member]
        * size_mult[debtors.size[debtor]]
        * rel_level
        * rng.lognormal(0.0, cfg.AMOUNT_SIGMA, member.size)
    )
    cents = np.rint(eur * 100).astype(np.int64)
    clipped: I64 = np.clip(cents, cfg.MIN_NET_CENTS, cfg.MAX_NET_CENTS)
    return clipped


def _vat_percent(
    members: CompanyColumns, debtors: CompanyColumns, member: I64, debtor: I64, issue: I64
) -> I64:
    seller_country = members.country[member]
    standard = np.array([cfg.STANDARD_VAT_PERCENT[c] for c in cfg.COUNTRIES])[seller_country]
    lu = cfg.COUNTRIES.index("LU")
    in_2023 = (issue >= to_day(dt.date(2023, 1, 1))) & (issue < to_day(dt.date(2024, 1, 1)))
    standard = np.where(
        (seller_country == lu) & in_2023, cfg.LU_STANDARD_VAT_PERCENT_2023, standard
    )
    reduced = np.array([cfg.REDUCED_VAT_PERCENT[c] for c in cfg.COUNTRIES])[seller_country]
    rate = np.where(members.section[member] == "A", reduced, standard)
    # Intra-Benelux B2B supplies are reverse-charged: no VAT on the invoice.
    domestic = seller_country == debtors.country[debtor]
    out: I64 = np.where(domestic, rate, 0).astype(np.int64)
    return out


__all__ = [
    "NO_BANKRUPTCY",
    "InvoiceDraft",
    "Relationships",
    "draw_invoices",
    "draw_relationships",
    "term_probabilities",
    "to_day",
]
