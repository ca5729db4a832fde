"""Command handlers, called by the entry points (gRPC, consumers, import jobs)."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from benelux.text import shown
from benelux.vat import InvalidVatNumber, VatNumber, parse_vat
from chassis.limits import rpc_limit
from ingest.domain import commands
from ingest.domain.errors import (
    BatchTooLarge,
    CreditedInvoiceNotFound,
    DuplicateInvoice,
    DuplicatePayment,
    IngestError,
    InvalidChange,
    InvalidEInvoice,
    InvalidPayment,
    InvalidVat,
    InvoiceNotFound,
    MissingBuyerVat,
    NotTheSeller,
)
from ingest.domain.imports import MAX_ERRORS, Checkpoint, ImportedPayment, RowError
from ingest.domain.model import DEFAULT_WINDOW, DateWindow, Invoice, money
from ingest.service_layer.unit_of_work import UnitOfWork
from kmo.ingest.v1 import ingest_pb2
from kmo.types.v1 import types_pb2

Clock = Callable[[], datetime]
# One item of a bulk call: the invoice as it stands after the item, or why not.
Outcome = Invoice | IngestError

# Items per bulk call, as the contract declares it (SubmitInvoices and RecordPayments).
MAX_BATCH = rpc_limit(ingest_pb2, "IngestService.SubmitInvoices", types_pb2.max_items)


def utcnow() -> datetime:
    return datetime.now(UTC)


def debtor_vat(raw: str) -> VatNumber:
    try:
        return parse_vat(raw)
    except InvalidVatNumber as exc:
        raise InvalidVat(str(exc)) from exc


def check_batch(size: int) -> None:
    if size > MAX_BATCH:
        raise BatchTooLarge(f"at most {MAX_BATCH} items per call, got {size}")


def new_invoice(
    cmd: commands.SubmitInvoice,
    at: datetime,
    vat: Callable[[str], VatNumber] = debtor_vat,
    window: DateWindow = DEFAULT_WINDOW,
) -> Invoice:
    return Invoice.record(
        tenant_id=cmd.tenant_id,
        debtor=vat(cmd.debtor_vat),
        debtor_name=cmd.debtor_name,
        debtor_sector=cmd.debtor_sector,
        invoice_number=cmd.invoice_number,
        issue_date=cmd.issue_date,
        due_date=cmd.due_date,
        amount=money(cmd.amount),
        currency=cmd.currency or "EUR",
        now=at,
        window=window,
        member_vat=cmd.member_vat,
    )


def _one(outcomes: list[Outcome]) -> Invoice:
    (outcome,) = outcomes
    if isinstance(outcome, IngestError):
        raise outcome
    return outcome


async def submit_invoice(
    cmd: commands.SubmitInvoice,
    uow: UnitOfWork,
    now: Clock = utcnow,
    window: DateWindow = DEFAULT_WINDOW,
) -> Invoice:
    """One invoice: the bulk path with one item, so each rule lives once."""
    batch = commands.SubmitInvoices(cmd.tenant_id, (cmd,), member_vat=cmd.member_vat)
    return _one(await submit_invoices(batch, uow, now, window))


async def record_payment(
    cmd: commands.RecordPayment, uow: UnitOfWork, now: Clock = utcnow
) -> Invoice:
    """One payment: the bulk path with one item."""
    return _one(await record_payments(commands.RecordPayments(cmd.tenant_id, (cmd,)), uow, now))


async def submit_invoices(
    cmd: commands.SubmitInvoices,
    uow: UnitOfWork,
    now: Clock = utcnow,
    window: DateWindow = DEFAULT_WINDOW,
) -> list[Outcome]:
    """Each item as ``submit_invoice`` would judge it; the accepted ones in one commit."""
    check_batch(len(cmd.invoices))
    at = now()
    vat = _memo(debtor_vat)  # a ledger bills the same debtors again and again
    outcomes = [
        _judged(item, cmd.tenant_id, cmd.member_vat, at, vat, window) for item in cmd.invoices
    ]
    return await _store(cmd.tenant_id, outcomes, uow)


def _judged(
    item: commands.SubmitInvoice,
    tenant_id: str,
    member_vat: str,
    at: datetime,
    vat: Callable[[str], VatNumber],
    window: DateWindow,
) -> Outcome:
    try:
        if item.tenant_id != tenant_id or item.member_vat != member_vat:
            item = dataclasses.replace(item, tenant_id=tenant_id, member_vat=member_vat)
        return new_invoice(item, at, vat, window)
    except IngestError as exc:
        return exc


# Called in a batch's transaction once its outcomes are final, before the commit: an
# import job's progress commits with its rows.
BeforeCommit = Callable[[UnitOfWork, list[Outcome]], Awaitable[None]]


async def _store(
    tenant_id: str,
    outcomes: list[Outcome],
    uow: UnitOfWork,
    before_commit: BeforeCommit | None = None,
) -> list[Outcome]:
    """The judged invoices in one transaction, those whose number is taken (earlier, in
    this batch, or by a concurrent call) turned into ``DuplicateInvoice``."""
    async with uow:
        numbers = {o.invoice_number for o in outcomes if isinstance(o, Invoice)}
        taken = await uow.invoices.numbers_taken(tenant_id, numbers)
        for pos, outcome in enumerate(outcomes):
            if isinstance(outcome, Invoice):
                if outcome.invoice_number in taken:
                    outcomes[pos] = DuplicateInvoice(
                        f"invoice {outcome.invoice_number} was already submitted"
                    )
                taken.add(outcome.invoice_number)  # a second one in this batch is a duplicate
        fresh = [o for o in outcomes if isinstance(o, Invoice)]
        # A concurrent call may have taken a number since the check: that item loses.
        stored = await uow.invoices.add_many(fresh)
        for pos, outcome in enumerate(outcomes):
            if isinstance(outcome, Invoice) and outcome.id not in stored:
                outcomes[pos] = DuplicateInvoice(
                    f"invoice {outcome.invoice_number} was already submitted"
                )
        accepted = [o for o in outcomes if isinstance(o, Invoice)]
        if before_commit is not None:
            await before_commit(uow, outcomes)
            await uow.commit(*accepted)
        elif accepted:  # nothing to commit when every item was refused
            await uow.commit(*accepted)
    return outcomes


async def record_payments(
    cmd: commands.RecordPayments, uow: UnitOfWork, now: Clock = utcnow
) -> list[Outcome]:
    """Each payment as ``record_payment`` would judge it, in order; one commit for all."""
    check_batch(len(cmd.payments))
    today = now().date()
    async with uow:
        found = await uow.invoices.get_many(cmd.tenant_id, {p.invoice_id for p in cmd.payments})
        items = [
            (found.get(p.invoice_id), p.invoice_id, p.paid_date, p.amount) for p in cmd.payments
        ]
        outcomes = await _apply_payments(items, uow, today, refuse_repeats=False)
    return outcomes


PaymentItem = tuple[Invoice | None, str, date, str | None]  # invoice, as named, date, amount


async def _apply_payments(
    items: Sequence[PaymentItem],
    uow: UnitOfWork,
    today: date,
    *,
    refuse_repeats: bool,
    before_commit: BeforeCommit | None = None,
) -> list[Outcome]:
    """Each payment on its (locked) invoice, in order, then one commit. ``refuse_repeats``:
    a payment the invoice already has (same day and amount) is a ``DuplicatePayment``, so
    importing a payments file twice changes nothing."""
    outcomes: list[Outcome] = []
    touched: dict[str, Invoice] = {}
    for invoice, named, paid_date, raw_amount in items:
        try:
            if invoice is None:
                raise InvoiceNotFound(f"no invoice {shown(named)}")
            if refuse_repeats and raw_amount is not None:
                amount = money(raw_amount, "payment amount", InvalidPayment)
                if any(p.paid_date == paid_date and p.amount == amount for p in invoice.payments):
                    raise DuplicatePayment(
                        f"invoice {shown(invoice.invoice_number)} already has this payment"
                    )
            _pay(invoice, paid_date, raw_amount, today)
        except IngestError as exc:
            outcomes.append(exc)
            continue
        touched[invoice.id] = invoice
        # The invoice as this item left it (a later item may pay it further);
        # its events stay with the aggregate, which the commit stages once.
        outcomes.append(dataclasses.replace(invoice, payments=list(invoice.payments), events=[]))
    if touched:
        await uow.invoices.save_payments_many(list(touched.values()))
    if before_commit is not None:
        await before_commit(uow, outcomes)
    if touched or before_commit is not None:  # nothing to commit when all were refused
        await uow.commit(*touched.values())
    return outcomes


async def change_invoice(
    cmd: commands.ChangeInvoice, uow: UnitOfWork, now: Clock = utcnow
) -> Invoice:
    """A correction, credit note, dispute, its resolution or a write-off: one event
    (``invoice.updated``) with the invoice's new state."""
    correction = cmd.correct_amount is not None or cmd.correct_due_date is not None
    chosen = [
        correction,
        cmd.credit_amount is not None,
        cmd.dispute_reason is not None,
        cmd.resolve_dispute,
        cmd.write_off_date is not None,
    ]
    if sum(chosen) != 1:
        raise InvalidChange("give exactly one change")
    async with uow:
        invoice = await uow.invoices.get(cmd.tenant_id, cmd.invoice_id)
        if invoice is None:
            raise InvoiceNotFound(f"no invoice {cmd.invoice_id}")
        if correction:
            amount = None if cmd.correct_amount is None else money(cmd.correct_amount)
            invoice.correct(amount=amount, due_date=cmd.correct_due_date)
        elif cmd.credit_amount is not None:
            invoice.credit(
                money(cmd.credit_amount, "credit note amount", InvalidChange),
                cmd.credit_note_number,
            )
        elif cmd.dispute_reason is not None:
            invoice.dispute(cmd.dispute_reason)
        elif cmd.resolve_dispute:
            invoice.resolve_dispute()
        else:
            assert cmd.write_off_date is not None
            invoice.write_off(cmd.write_off_date, today=now().date())
        await uow.invoices.save_changes(invoice)
        await uow.commit(invoice)
    return invoice


async def delete_invoice(
    cmd: commands.DeleteInvoice, uow: UnitOfWork, now: Clock = utcnow
) -> Invoice:
    """The invoice leaves the register; ``invoice.deleted`` tells the others to forget it."""
    async with uow:
        invoice = await uow.invoices.get(cmd.tenant_id, cmd.invoice_id)
        if invoice is None:
            raise InvoiceNotFound(f"no invoice {cmd.invoice_id}")
        invoice.delete()
        await uow.invoices.remove(invoice)
        await uow.commit(invoice)
    return invoice


@dataclass(slots=True)
class ImportReport:
    """What an import did: rows accepted and refused, the first refusals by line."""

    accepted: int = 0
    rejected: int = 0
    errors: list[RowError] = dataclasses.field(default_factory=list)

    def refuse(self, line: int, error: IngestError) -> None:
        self.rejected += 1
        if len(self.errors) < MAX_ERRORS:
            self.errors.append(RowError(line, error.code, error.message))


IMPORT_BATCH = 2000  # rows per transaction of an import
Rows = Iterable[tuple[int, Any]]  # (line, item or why the row was refused) of a parser
# Called in each batch's transaction: an import job's progress commits with its rows.
OnBatch = Callable[[UnitOfWork, Checkpoint], Awaitable[None]]


async def import_invoices(
    rows: Iterable[tuple[int, commands.SubmitInvoice | IngestError]],
    tenant_id: str,
    uow: Callable[[], UnitOfWork],
    *,
    member_vat: str = "",
    now: Clock = utcnow,
    window: DateWindow = DEFAULT_WINDOW,
    progress: Callable[[int], None] = lambda n: None,
    on_batch: OnBatch | None = None,
    after_line: int = 0,
) -> ImportReport:
    """Rows of an invoices export, each judged like submitInvoices, ``IMPORT_BATCH`` per
    transaction. Importing the same file again changes nothing: every row is then a
    duplicate. Rows up to ``after_line`` were stored by an earlier run and are skipped."""
    vat = _memo(debtor_vat, most=100_000)  # bounded: constant memory for any file

    def judge(item: commands.SubmitInvoice, at: datetime) -> Outcome:
        return _judged(item, tenant_id, member_vat, at, vat, window)

    async def store(judged: list[Outcome], hook: BeforeCommit | None) -> list[Outcome]:
        return await _store(tenant_id, judged, uow(), hook)

    return await _import(rows, judge, store, now, progress, on_batch, after_line)


async def import_payments(
    rows: Iterable[tuple[int, ImportedPayment | IngestError]],
    tenant_id: str,
    uow: Callable[[], UnitOfWork],
    *,
    now: Clock = utcnow,
    progress: Callable[[int], None] = lambda n: None,
    on_batch: OnBatch | None = None,
    after_line: int = 0,
) -> ImportReport:
    """Rows of a payments export (the member's invoice by its number), each judged like
    recordPayments, in order. A payment the invoice already has (same day and amount) is
    refused as a duplicate, so importing the same file again changes nothing."""

    def judge(item: ImportedPayment, at: datetime) -> ImportedPayment:
        return item  # judged against its invoice, which store() locks

    async def store(judged: list[Any], hook: BeforeCommit | None) -> list[Outcome]:
        today = now().date()
        async with uow() as work:
            wanted = {p.invoice_number for p in judged if isinstance(p, ImportedPayment)}
            ids = await work.invoices.ids_of_numbers(tenant_id, wanted)
            found = await work.invoices.get_many(tenant_id, set(ids.values()))
            items: list[PaymentItem] = []
            refused: dict[int, IngestError] = {}
            for pos, p in enumerate(judged):
                if isinstance(p, IngestError):
                    refused[pos] = p
                    continue
                invoice_id = ids.get(p.invoice_number)
                invoice = None if invoice_id is None else found.get(invoice_id)
                items.append((invoice, p.invoice_number, p.paid_date, p.amount))

            def merged(applied: list[Outcome]) -> list[Outcome]:
                """The applied payments back among the rows the parser refused, in order."""
                rest = iter(applied)
                return [
                    refused[pos] if pos in refused else next(rest) for pos in range(len(judged))
                ]

            async def before_commit(w: UnitOfWork, applied: list[Outcome]) -> None:
                assert hook is not None
                await hook(w, merged(applied))

            return merged(
                await _apply_payments(
                    items, work, today, refuse_repeats=True,
                    before_commit=None if hook is None else before_commit,
                )
            )  # fmt: skip

    return await _import(rows, judge, store, now, progress, on_batch, after_line)


async def _import(
    rows: Rows,
    judge: Callable[[Any, datetime], Any],
    store: Callable[[list[Any], BeforeCommit | None], Awaitable[list[Outcome]]],
    now: Clock,
    progress: Callable[[int], None],
    on_batch: OnBatch | None,
    after_line: int,
) -> ImportReport:
    """The batches of an import: one is stored while the next is read and judged, so the
    database works on one core while this process parses on the other."""
    report = ImportReport()
    at = now()

    async def flush(lines: list[int], judged: list[Any]) -> None:
        def checkpoint(outcomes: list[Outcome]) -> Checkpoint:
            refused = tuple(
                RowError(line, o.code, o.message)
                for line, o in zip(lines, outcomes, strict=True)
                if isinstance(o, IngestError)
            )
            return Checkpoint(lines[-1], len(lines) - len(refused), refused)

        hook: BeforeCommit | None = None
        if on_batch is not None:
            batch_hook = on_batch

            async def hook(work: UnitOfWork, outcomes: list[Outcome]) -> None:
                await batch_hook(work, checkpoint(outcomes))

        for line, outcome in zip(lines, await store(judged, hook), strict=True):
            if isinstance(outcome, IngestError):
                report.refuse(line, outcome)
            else:
                report.accepted += 1
        progress(len(lines))

    pending: asyncio.Task[None] | None = None
    lines: list[int] = []
    judged: list[Any] = []
    try:
        for count, (line, row) in enumerate(rows, start=1):
            if line <= after_line:
                continue
            lines.append(line)
            # A row the parser refused travels with its batch, so a job's counts and the
            # line it resumes after move together.
            judged.append(row if isinstance(row, IngestError) else judge(row, at))
            if count % 32 == 0:
                await asyncio.sleep(0)  # lets the batch being stored talk to the database
            if len(lines) == IMPORT_BATCH:
                if pending is not None:
                    await pending
                pending = asyncio.create_task(flush(lines, judged))
                lines, judged, at = [], [], now()
        if pending is not None:
            await pending
            pending = None
        if lines:
            await flush(lines, judged)
    finally:
        if pending is not None and not pending.done():
            pending.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await pending
    report.errors.sort(key=lambda e: e.line)
    return report


STATUTORY_TERM = timedelta(days=30)  # the late-payment law's default when none is agreed


@dataclass(frozen=True, slots=True)
class Imported:
    """An e-invoice in the register: the invoice it recorded (or the one a credit note
    credited), and what the register had to decide on the file's behalf."""

    invoice: Invoice
    credit_note: bool
    notes: tuple[str, ...]


def _same_company(written: str, vat: str) -> bool:
    try:
        return parse_vat(written).number == vat
    except InvalidVatNumber:
        return False


async def import_einvoice(
    cmd: commands.ImportEInvoice,
    uow: UnitOfWork,
    now: Clock = utcnow,
    window: DateWindow = DEFAULT_WINDOW,
) -> Imported:
    """A UBL or CII invoice is submitted like any other; a credit note credits the member's
    invoice it names. Refused when the file's seller is not the member."""
    doc, notes = cmd.document, []
    if cmd.member_vat:
        if not doc.seller.vat:
            notes.append("the file names no seller VAT number: taken as yours")
        elif not _same_company(doc.seller.vat, cmd.member_vat):
            raise NotTheSeller(
                f"the seller is {shown(doc.seller.vat)}, not you: only invoices you sent "
                "belong in the register (a purchase invoice uploaded by mistake?)"
            )
    if not doc.buyer.vat:
        if doc.buyer.kvk:
            raise MissingBuyerVat(
                f"the buyer is named only by its KvK number {shown(doc.buyer.kvk)}: the "
                "register needs its VAT number (PartyTaxScheme)"
            )
        raise MissingBuyerVat(
            "the file names no buyer VAT number (PartyTaxScheme, or a Peppol endpoint with "
            "an enterprise or VAT number)"
        )
    if doc.credit_note:
        if not doc.credited_number:
            raise InvalidEInvoice("a credit note must name the invoice it credits")
        async with uow:
            found = await uow.invoices.id_of_number(cmd.tenant_id, doc.credited_number)
        if found is None:
            raise CreditedInvoiceNotFound(
                f"no invoice {shown(doc.credited_number)} of yours to credit"
            )
        change = commands.ChangeInvoice(
            cmd.tenant_id, found, credit_amount=doc.payable, credit_note_number=doc.number
        )
        return Imported(await change_invoice(change, uow, now), True, tuple(notes))
    due = doc.due_date
    if due is None and doc.terms_days is not None:
        due = doc.issue_date + timedelta(days=doc.terms_days)
        notes.append(f"due date from the payment terms: {doc.terms_days} days after issue")
    elif due is None:
        due = doc.issue_date + STATUTORY_TERM
        notes.append(
            "the file states no due date or payment terms: the statutory default of 30 days "
            "after the issue date"
        )
    submit = commands.SubmitInvoice(
        tenant_id=cmd.tenant_id,
        debtor_vat=doc.buyer.vat,
        debtor_name=doc.buyer.name[:200],
        debtor_sector="",
        invoice_number=doc.number,
        issue_date=doc.issue_date,
        due_date=due,
        amount=doc.payable,
        currency=doc.currency,
        member_vat=cmd.member_vat,
    )
    return Imported(await submit_invoice(submit, uow, now, window), False, tuple(notes))


def _memo(parse: Callable[[str], VatNumber], most: int = 10_000) -> Callable[[str], VatNumber]:
    known: dict[str, VatNumber] = {}

    def cached(raw: str) -> VatNumber:
        found = known.get(raw)
        if found is None:
            if len(known) >= most:
                known.clear()
            found = known[raw] = parse(raw)
        return found

    return cached


def _pay(invoice: Invoice, paid_date: date, raw_amount: str | None, today: date) -> None:
    amount = None if raw_amount is None else money(raw_amount, "payment amount", InvalidPayment)
    invoice.record_payment(paid_date, amount, today=today)
