"""The generated world: column tables for speed, typed rows and dict rows for loaders.

Money is integer cents in the columns and `Decimal` with two places in every row; dates are
numpy datetime64[D] in the columns and `datetime.date` in rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

import numpy as np
import numpy.typing as npt

from datagen import behaviour, companies, invoices, truth
from datagen.config import GeneratorConfig
from datagen.model import Company
from datagen.rows import shallow_dict
from datagen.vat import ogm_reference

I64 = npt.NDArray[np.int64]
Day = npt.NDArray[np.datetime64]
_EPOCH_ORDINAL = invoices.EPOCH.toordinal()

# Independent random streams per stage: changing how one stage draws does not reshuffle the
# others, so a tweak to amounts keeps the same companies and payment behaviour.
_STREAMS = ("population", "traits", "relationships", "invoices", "payments")
INVOICE_PREFIX: dict[str, str] = {"nl": "F", "fr": "FA", "en": "INV"}

_CHUNK = 20_000
TableName = Literal["members", "debtors", "invoices", "payments", "truth"]


def cents_to_decimal(cents: int) -> Decimal:
    return Decimal(cents).scaleb(-2)


def day_to_date(day: int) -> dt.date:
    return dt.date.fromordinal(_EPOCH_ORDINAL + day)


class _DateCache:
    """Invoices span a few hundred distinct days; building each date once saves most of the
    conversion cost on a million rows."""

    def __init__(self) -> None:
        self._cache: dict[int, dt.date] = {}

    def get(self, day: int) -> dt.date:
        found = self._cache.get(day)
        if found is None:
            found = self._cache[day] = day_to_date(day)
        return found


@dataclass(frozen=True, slots=True)
class InvoiceRow:
    invoice_id: int
    member_id: int
    member_vat: str
    debtor_id: int
    debtor_vat: str
    invoice_number: str
    issue_date: dt.date
    due_date: dt.date
    term_days: int
    currency: str
    net_amount: Decimal
    vat_percent: int
    vat_amount: Decimal
    gross_amount: Decimal
    paid_amount: Decimal  # received by the as-of date
    outstanding_amount: Decimal
    paid_date: dt.date | None  # date the invoice was settled in full, None while open
    language: str
    # Belgian structured reference (OGM) for BE sellers: member, year and sequence + mod 97.
    payment_reference: str | None

    def as_dict(self) -> dict[str, object]:
        return shallow_dict(self)


@dataclass(frozen=True, slots=True)
class PaymentRow:
    payment_id: int
    invoice_id: int
    member_id: int
    debtor_id: int
    paid_on: dt.date
    amount: Decimal

    def as_dict(self) -> dict[str, object]:
        return shallow_dict(self)


@dataclass(frozen=True, slots=True)
class InvoiceTable:
    """Column arrays, one entry per invoice, sorted by issue date; invoice_id = position + 1."""

    invoice_id: I64
    member_id: I64
    debtor_id: I64
    invoice_number: list[str]
    sequence: I64  # position of the invoice in its member's numbering for that calendar year
    issue_date: Day
    due_date: Day
    term_days: I64
    net_cents: I64
    vat_percent: I64
    vat_cents: I64
    gross_cents: I64
    paid_cents: I64
    paid_date: Day  # NaT while not settled in full

    def __len__(self) -> int:
        return int(self.invoice_id.size)


@dataclass(frozen=True, slots=True)
class PaymentTable:
    """One entry per bank credit; partial payments are several entries for one invoice."""

    payment_id: I64
    invoice_id: I64
    member_id: I64
    debtor_id: I64
    paid_on: Day
    amount_cents: I64

    def __len__(self) -> int:
        return int(self.payment_id.size)


DebtorTruth = truth.DebtorTruth


@dataclass(frozen=True, slots=True)
class Dataset:
    config: GeneratorConfig
    members: list[Company]
    debtors: list[Company]
    invoices: InvoiceTable
    payments: PaymentTable
    truth: list[DebtorTruth]
    calibration: behaviour.Calibration

    def company(self, company_id: int) -> Company:
        n_members = len(self.members)
        if company_id <= n_members:
            return self.members[company_id - 1]
        return self.debtors[company_id - n_members - 1]

    def invoice_row(self, index: int) -> InvoiceRow:
        return next(self._invoice_rows(index, index + 1))

    def iter_invoices(self) -> Iterator[InvoiceRow]:
        return self._invoice_rows(0, len(self.invoices))

    def _invoice_rows(self, start: int, stop: int) -> Iterator[InvoiceRow]:
        debtor_vat = [d.vat for d in self.debtors]
        dates = _DateCache()
        for lo in range(start, stop, _CHUNK):
            yield from self._invoice_chunk(lo, min(lo + _CHUNK, stop), debtor_vat, dates)

    def _invoice_chunk(
        self, start: int, stop: int, debtor_vat: list[str], dates: _DateCache
    ) -> Iterator[InvoiceRow]:
        # Column slices become Python lists per chunk: per-row numpy indexing costs ~10x more,
        # and whole-column lists of a million entries slow the garbage collector down.
        t = self.invoices
        sl = slice(start, stop)
        members, n_members = self.members, len(self.members)
        columns = zip(
            t.invoice_id[sl].tolist(),
            t.member_id[sl].tolist(),
            t.debtor_id[sl].tolist(),
            t.invoice_number[sl],
            t.sequence[sl].tolist(),
            t.issue_date[sl].astype(np.int64).tolist(),
            t.due_date[sl].astype(np.int64).tolist(),
            t.term_days[sl].tolist(),
            t.net_cents[sl].tolist(),
            t.vat_percent[sl].tolist(),
            t.vat_cents[sl].tolist(),
            t.gross_cents[sl].tolist(),
            t.paid_cents[sl].tolist(),
            t.paid_date[sl].astype(np.int64).tolist(),
            strict=True,
        )
        nat = int(np.datetime64("NaT").astype(np.int64))
        for (
            invoice_id,
            member_id,
            debtor_id,
            number,
            seq,
            issue,
            due,
            term,
            net,
            pct,
            vat,
            gross,
            paid,
            paid_day,
        ) in columns:
            member = members[member_id - 1]
            issue_date = dates.get(issue)
            yield InvoiceRow(
                invoice_id=invoice_id,
                member_id=member_id,
                member_vat=member.vat,
                debtor_id=debtor_id,
                debtor_vat=debtor_vat[debtor_id - n_members - 1],
                invoice_number=number,
                issue_date=issue_date,
                due_date=dates.get(due),
                term_days=term,
                currency="EUR",
                net_amount=cents_to_decimal(net),
                vat_percent=pct,
                vat_amount=cents_to_decimal(vat),
                gross_amount=cents_to_decimal(gross),
                paid_amount=cents_to_decimal(paid),
                outstanding_amount=cents_to_decimal(gross - paid),
                paid_date=None if paid_day == nat else dates.get(paid_day),
                language=member.language,
                payment_reference=(
                    ogm_reference(
                        (member_id % 1000) * 10**7 + (issue_date.year % 100) * 10**5 + seq % 10**5
                    )
                    if member.country == "BE"
                    else None
                ),
            )

    def iter_payments(self) -> Iterator[PaymentRow]:
        p = self.payments
        dates = _DateCache()
        for lo in range(0, len(p), _CHUNK):
            sl = slice(lo, lo + _CHUNK)
            for pid, iid, mid, did, day, cents in zip(
                p.payment_id[sl].tolist(),
                p.invoice_id[sl].tolist(),
                p.member_id[sl].tolist(),
                p.debtor_id[sl].tolist(),
                p.paid_on[sl].astype(np.int64).tolist(),
                p.amount_cents[sl].tolist(),
                strict=True,
            ):
                yield PaymentRow(
                    payment_id=pid,
                    invoice_id=iid,
                    member_id=mid,
                    debtor_id=did,
                    paid_on=dates.get(day),
                    amount=cents_to_decimal(cents),
                )

    def rows(self, table: TableName) -> Iterator[dict[str, object]]:
        """Dict rows for loaders: members, debtors, invoices, payments or truth."""
        if table == "members":
            yield from (c.as_dict() for c in self.members)
        elif table == "debtors":
            yield from (c.as_dict() for c in self.debtors)
        elif table == "invoices":
            yield from (r.as_dict() for r in self.iter_invoices())
        elif table == "payments":
            yield from (r.as_dict() for r in self.iter_payments())
        elif table == "truth":
            yield from (t.as_dict() for t in self.truth)
        else:
            raise ValueError(f"unknown table {table!r}")


def generate(config: GeneratorConfig) -> Dataset:
    """Generate the whole world for `config`; equal configs give equal datasets."""
    seqs = {name: np.random.SeedSequence([config.seed, i]) for i, name in enumerate(_STREAMS)}
    rngs = {name: np.random.default_rng(seq) for name, seq in seqs.items()}
    start_day = invoices.to_day(config.period_start)
    as_of_day = invoices.to_day(config.as_of)

    pop = companies.generate_population(rngs["population"], config.n_members, config.n_debtors)
    traits = behaviour.draw_traits(rngs["traits"], pop.debtor_cols, start_day, as_of_day)
    rel = invoices.draw_relationships(
        rngs["relationships"], pop.member_cols, pop.debtor_cols, config.n_relationships
    )
    draft = invoices.draw_invoices(
        rngs["invoices"],
        rel,
        pop.member_cols,
        pop.debtor_cols,
        traits.bankrupt_day,
        config.n_invoices,
        config,
    )
    gross = draft.net_cents + draft.vat_cents
    settlement = behaviour.settle(
        rngs["payments"],
        traits,
        pop.debtor_cols.country,
        draft.debtor,
        draft.issue_day,
        draft.due_day,
        draft.term,
        gross,
        start_day,
        as_of_day,
    )

    n = config.n_invoices
    n_members = len(pop.members)
    invoice_id = np.arange(1, n + 1, dtype=np.int64)
    member_id = draft.member + 1
    debtor_id = draft.debtor + n_members + 1
    years = (
        draft.issue_day.astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64) + 1970
    ).tolist()
    prefixes = [INVOICE_PREFIX[m.language] for m in pop.members]
    numbers = [
        f"{prefixes[m]}{y}-{s:05d}"
        for m, y, s in zip(draft.member.tolist(), years, draft.sequence.tolist(), strict=True)
    ]
    paid_date = np.where(settlement.paid_day >= 0, settlement.paid_day, 0).astype("datetime64[D]")
    paid_date[settlement.paid_day < 0] = np.datetime64("NaT")
    table = InvoiceTable(
        invoice_id=invoice_id,
        member_id=member_id,
        debtor_id=debtor_id,
        invoice_number=numbers,
        sequence=draft.sequence,
        issue_date=draft.issue_day.astype("datetime64[D]"),
        due_date=draft.due_day.astype("datetime64[D]"),
        term_days=draft.term,
        net_cents=draft.net_cents,
        vat_percent=draft.vat_percent,
        vat_cents=draft.vat_cents,
        gross_cents=gross,
        paid_cents=settlement.paid_cents,
        paid_date=paid_date,
    )
    pay = settlement.payments
    order = np.lexsort((pay.invoice, pay.day))  # chronological, like a bank statement
    pay_invoice = pay.invoice[order]
    payments = PaymentTable(
        payment_id=np.arange(1, order.size + 1, dtype=np.int64),
        invoice_id=pay_invoice + 1,
        member_id=member_id[pay_invoice],
        debtor_id=debtor_id[pay_invoice],
        paid_on=pay.day[order].astype("datetime64[D]"),
        amount_cents=pay.cents[order],
    )
    truths = truth.debtor_truth(
        pop.debtors, traits, settlement.calibration, draft.debtor, start_day, as_of_day
    )
    return Dataset(
        config=config,
        members=pop.members,
        debtors=pop.debtors,
        invoices=table,
        payments=payments,
        truth=truths,
        calibration=settlement.calibration,
    )
