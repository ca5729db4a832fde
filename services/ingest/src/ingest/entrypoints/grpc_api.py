"""``kmo.ingest.v1.IngestService``: proto in, command to handler, proto out."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from datetime import UTC, date, datetime
from pathlib import PurePosixPath
from typing import Any, NoReturn, TypeVar

import grpc
import grpc.aio

from benelux.text import shown
from callers import Caller, caller_of, require
from chassis.grpc_server import abort
from ingest import views
from ingest.adapters import einvoice
from ingest.adapters.csv_rows import ENCODINGS, HEADERS
from ingest.adapters.event_codec import pb_date, pb_money
from ingest.domain import commands, errors
from ingest.domain.imports import ImportJob, ImportKind, ImportStatus
from ingest.domain.model import DEFAULT_WINDOW, DateWindow, Invoice, Status
from ingest.service_layer import handlers
from ingest.service_layer.unit_of_work import UnitOfWork
from kmo.ingest.v1 import ingest_pb2, ingest_pb2_grpc
from kmo.types.v1 import types_pb2

Context = grpc.aio.ServicerContext[Any, Any]
Result = TypeVar("Result", ingest_pb2.SubmitInvoiceResult, ingest_pb2.RecordPaymentResult)

_STATUS = {
    errors.InvoiceNotFound: grpc.StatusCode.NOT_FOUND,
    errors.DuplicateInvoice: grpc.StatusCode.ALREADY_EXISTS,
    errors.AlreadyPaid: grpc.StatusCode.FAILED_PRECONDITION,
    errors.InvalidChange: grpc.StatusCode.FAILED_PRECONDITION,
    errors.CreditedInvoiceNotFound: grpc.StatusCode.NOT_FOUND,
    errors.ImportNotFound: grpc.StatusCode.NOT_FOUND,
    errors.ImportTooLarge: grpc.StatusCode.RESOURCE_EXHAUSTED,
}
_PB_STATUS = {
    Status.OPEN: ingest_pb2.INVOICE_STATUS_OPEN,
    Status.PARTIALLY_PAID: ingest_pb2.INVOICE_STATUS_PARTIALLY_PAID,
    Status.PAID: ingest_pb2.INVOICE_STATUS_PAID,
    Status.WRITTEN_OFF: ingest_pb2.INVOICE_STATUS_WRITTEN_OFF,
}


def to_date(value: types_pb2.Date, what: str) -> date:
    try:
        return date(value.year, value.month, value.day)
    except ValueError as exc:
        raise errors.InvalidInvoice(f"{what} is not a valid date") from exc


def invoice_pb(invoice: Invoice) -> ingest_pb2.Invoice:
    msg = ingest_pb2.Invoice(
        id=invoice.id,
        debtor=types_pb2.CompanyRef(country=invoice.debtor.country, vat=invoice.debtor.number),
        debtor_name=invoice.debtor_name,
        invoice_number=invoice.invoice_number,
        issue_date=pb_date(invoice.issue_date),
        due_date=pb_date(invoice.due_date),
        amount=pb_money(invoice.amount, invoice.currency),
        paid_amount=pb_money(invoice.paid_amount, invoice.currency),
        status=_PB_STATUS[invoice.status],
        credited_amount=pb_money(invoice.credited, invoice.currency),
        disputed=invoice.disputed,
        dispute_reason=invoice.dispute_reason,
        revision=invoice.revision,
    )
    if invoice.paid_date is not None:
        msg.paid_date.CopyFrom(pb_date(invoice.paid_date))
    if invoice.written_off_date is not None:
        msg.written_off_date.CopyFrom(pb_date(invoice.written_off_date))
    msg.recorded_at.FromDatetime(invoice.recorded_at)
    return msg


def submit_command(
    request: ingest_pb2.SubmitInvoiceRequest, tenant_id: str, member_vat: str = ""
) -> commands.SubmitInvoice:
    if not request.HasField("issue_date") or not request.HasField("due_date"):
        raise errors.InvalidInvoice("issue date and due date are required")
    return commands.SubmitInvoice(
        tenant_id=tenant_id,
        debtor_vat=request.debtor_vat,
        debtor_name=request.debtor_name,
        debtor_sector=request.debtor_sector,
        invoice_number=request.invoice_number,
        issue_date=to_date(request.issue_date, "issue date"),
        due_date=to_date(request.due_date, "due date"),
        amount=request.amount.amount,
        currency=request.amount.currency,
        member_vat=member_vat,
    )


def payment_command(
    request: ingest_pb2.RecordPaymentRequest, tenant_id: str
) -> commands.RecordPayment:
    if not request.HasField("paid_date"):
        raise errors.InvalidPayment("payment date is required")
    return commands.RecordPayment(
        tenant_id=tenant_id,
        invoice_id=views.checked_id(request.invoice_id),
        paid_date=to_date(request.paid_date, "payment date"),
        amount=request.amount.amount if request.HasField("amount") else None,
    )


def change_command(
    request: ingest_pb2.ChangeInvoiceRequest, tenant_id: str
) -> commands.ChangeInvoice:
    invoice_id = views.checked_id(request.invoice_id)
    match request.WhichOneof("change"):
        case "correct":
            c = request.correct
            return commands.ChangeInvoice(
                tenant_id,
                invoice_id,
                correct_amount=c.amount.amount if c.HasField("amount") else None,
                correct_due_date=to_date(c.due_date, "due date")
                if c.HasField("due_date")
                else None,
            )
        case "credit":
            return commands.ChangeInvoice(
                tenant_id,
                invoice_id,
                credit_amount=request.credit.amount.amount,
                credit_note_number=request.credit.number,
            )
        case "dispute":
            return commands.ChangeInvoice(
                tenant_id, invoice_id, dispute_reason=request.dispute.reason
            )
        case "resolve_dispute":
            return commands.ChangeInvoice(tenant_id, invoice_id, resolve_dispute=True)
        case "write_off":
            return commands.ChangeInvoice(
                tenant_id, invoice_id, write_off_date=to_date(request.write_off, "write-off date")
            )
    raise errors.InvalidChange("give exactly one change")


def bulk_results(
    result_type: type[Result],
    size: int,
    early: dict[int, errors.IngestError],
    handled: Sequence[handlers.Outcome],
) -> list[Result]:
    """One result per request item: errors found while reading the item, else the handler's."""
    outcomes = iter(handled)
    results = []
    for index in range(size):
        outcome = early[index] if index in early else next(outcomes)
        if isinstance(outcome, Invoice):
            results.append(result_type(index=index, invoice=invoice_pb(outcome)))
        else:
            results.append(
                result_type(index=index, error_code=outcome.code, error_message=outcome.message)
            )
    return results


_PB_KIND = {
    ImportKind.INVOICES: ingest_pb2.IMPORT_KIND_INVOICES,
    ImportKind.PAYMENTS: ingest_pb2.IMPORT_KIND_PAYMENTS,
}
_KIND = {pb: kind for kind, pb in _PB_KIND.items()}
_PB_IMPORT_STATUS = {
    ImportStatus.QUEUED: ingest_pb2.IMPORT_STATUS_QUEUED,
    ImportStatus.RUNNING: ingest_pb2.IMPORT_STATUS_RUNNING,
    ImportStatus.DONE: ingest_pb2.IMPORT_STATUS_DONE,
    ImportStatus.FAILED: ingest_pb2.IMPORT_STATUS_FAILED,
}


def import_job_pb(job: ImportJob) -> ingest_pb2.ImportJob:
    msg = ingest_pb2.ImportJob(
        id=job.id,
        kind=_PB_KIND[job.kind],
        status=_PB_IMPORT_STATUS[job.status],
        filename=job.filename,
        size_bytes=job.size_bytes,
        bytes_done=job.bytes_done,
        rows_done=job.accepted + job.rejected,
        accepted=job.accepted,
        rejected=job.rejected,
        errors=[ingest_pb2.ImportRowError(line=e.line, code=e.code, message=e.message)
                for e in job.errors],
        error_code=job.error_code,
        error_message=job.error_message,
    )  # fmt: skip
    msg.created_at.FromDatetime(job.created_at)
    if job.finished_at is not None:
        msg.finished_at.FromDatetime(job.finished_at)
    return msg


def import_header(header: ingest_pb2.ImportHeader) -> tuple[ImportKind, str, dict[str, object]]:
    """The job's kind, file name and parsing options from the stream's first message."""
    kind = _KIND.get(header.kind)
    if kind is None:
        raise errors.InvalidImport("say whether the file holds invoices or payments")
    name = PurePosixPath(header.filename.replace("\\", "/")).name.strip()[:200]
    if not name.isprintable():
        raise errors.InvalidImport("the file name contains control characters")
    if header.encoding and header.encoding.lower() not in ENCODINGS:
        raise errors.InvalidImport(
            f"encoding {shown(header.encoding)} is not one of {', '.join(sorted(ENCODINGS))}"
        )
    if len(header.delimiter) > 1:
        raise errors.InvalidImport("the delimiter is one character")
    if len(header.columns) > 50 or any(
        len(k) > 100 or v not in HEADERS for k, v in header.columns.items()
    ):
        raise errors.InvalidImport(
            f"map at most 50 headers, each to one of {', '.join(sorted(HEADERS))}"
        )
    options: dict[str, object] = {
        "encoding": header.encoding.lower(),
        "delimiter": header.delimiter,
        "month_first": header.month_first,
        "columns": dict(header.columns),
    }
    return kind, name or "import.csv", options


_STATUS_OF_PB = {pb: status for status, pb in _PB_STATUS.items()}
_ACTIVITY = {
    "recorded": ingest_pb2.ACTIVITY_KIND_RECORDED,
    "paid": ingest_pb2.ACTIVITY_KIND_PAID,
}
MAX_LISTED = 100  # largest debtors and recent events in a summary


def invoice_filter(msg: ingest_pb2.InvoiceFilter) -> views.InvoiceFilter:
    unknown = [s for s in msg.statuses if s not in _STATUS_OF_PB]
    if unknown:
        raise errors.InvalidInvoice(f"unknown invoice status {unknown[0]}")
    return views.InvoiceFilter(
        statuses=tuple(_STATUS_OF_PB[s] for s in msg.statuses),
        debtor_vat=msg.debtor_vat,
        overdue_only=msg.overdue_only,
        issued_from=to_date(msg.issued_from, "issued_from")
        if msg.HasField("issued_from")
        else None,
        issued_to=to_date(msg.issued_to, "issued_to") if msg.HasField("issued_to") else None,
        as_of=to_date(msg.as_of, "as_of") if msg.HasField("as_of") else None,
    )


def import_job_filter(msg: ingest_pb2.ImportJobFilter) -> views.ImportJobFilter:
    statuses = {pb: status for status, pb in _PB_IMPORT_STATUS.items()}
    unknown = [s for s in msg.statuses if s not in statuses] + [
        k for k in msg.kinds if k not in _KIND
    ]
    if unknown:
        raise errors.InvalidImport(f"unknown import status or kind {unknown[0]}")
    return views.ImportJobFilter(
        statuses=tuple(statuses[s] for s in msg.statuses),
        kinds=tuple(_KIND[k] for k in msg.kinds),
    )


def _ref(vat: str) -> types_pb2.CompanyRef:
    return types_pb2.CompanyRef(country=vat[:2], vat=vat)


def company_pb(vat: str, found: views.CompanyRecord | None) -> ingest_pb2.CompanyRecord:
    if found is None:
        return ingest_pb2.CompanyRecord(company=_ref(vat), found=False)
    msg = ingest_pb2.CompanyRecord(
        company=_ref(vat), found=True, name=found.name, sector=found.sector
    )
    if (r := found.registry) is not None:
        entry = msg.registry
        entry.enterprise_number = r.enterprise_number
        entry.status = r.status
        entry.juridical_situation_code = r.situation_code
        entry.juridical_situation = r.situation
        entry.juridical_situation_date.CopyFrom(_pb_day(r.situation_since))
        entry.distress = r.distress
        entry.legal_form_code = r.legal_form_code
        entry.legal_form = r.legal_form
        if r.start_date is not None:
            entry.start_date.CopyFrom(_pb_day(r.start_date))
        entry.nace2008, entry.nace2025, entry.nace_section = r.nace2008, r.nace2025, r.nace_section
        entry.names.extend(
            ingest_pb2.RegistryName(name=n, language=lang, type=kind) for n, lang, kind in r.names
        )
    return msg


def _pb_day(day: date) -> types_pb2.Date:
    return types_pb2.Date(year=day.year, month=day.month, day=day.day)


def summary_pb(summary: views.Summary) -> ingest_pb2.MemberSummary:
    msg = ingest_pb2.MemberSummary(
        as_of=pb_date(summary.as_of),
        open_invoices=summary.open_invoices,
        outstanding=pb_money(summary.outstanding, "EUR"),
        overdue_invoices=summary.overdue_invoices,
        overdue=pb_money(summary.overdue, "EUR"),
        disputed_invoices=summary.disputed_invoices,
        ageing=[
            ingest_pb2.AgeingBucket(
                label=b.label,
                min_days=b.first_day if b.first_day is not None else -(1 << 30),
                max_days=b.last_day or 0,
                count=b.count,
                amount=pb_money(b.amount, "EUR"),
            )
            for b in summary.ageing
        ],
        has_dso=summary.dso_days is not None,
        dso_days=summary.dso_days or 0.0,
        invoiced_90_days=pb_money(summary.invoiced_90_days, "EUR"),
        debtors=[
            ingest_pb2.DebtorExposure(
                company=_ref(d.vat),
                name=d.name,
                open_invoices=d.open_invoices,
                outstanding=pb_money(d.outstanding, "EUR"),
                overdue=pb_money(d.overdue, "EUR"),
                oldest_overdue_days=d.oldest_overdue_days,
            )
            for d in summary.debtors
        ],
        paid_invoices=summary.paid_invoices,
        avg_days_to_pay=summary.avg_days_to_pay,
        avg_days_late=summary.avg_days_late,
        late_share=summary.late_share,
        debtor_count=summary.debtor_count,
    )
    for event in summary.activity:
        item = msg.activity.add(
            kind=_ACTIVITY[event.kind],
            invoice_id=event.invoice_id,
            invoice_number=event.invoice_number,
            debtor=_ref(event.debtor_vat),
            debtor_name=event.debtor_name,
            amount=pb_money(event.amount, "EUR"),
        )
        item.at.FromDatetime(event.at)
    return msg


class IngestApi(ingest_pb2_grpc.IngestServiceServicer):
    def __init__(
        self,
        uow: Callable[[], UnitOfWork],
        reader: views.InvoiceReader,
        window: DateWindow = DEFAULT_WINDOW,
        eraser: Callable[[str], Awaitable[tuple[int, int, bool]]] | None = None,
        imports_queued: Callable[[], None] = lambda: None,
        max_import_bytes: int = 256 * 1024 * 1024,
        companies: views.CompanyReader | None = None,
        summaries: views.SummaryReader | None = None,
        import_jobs: views.ImportJobReader | None = None,
    ) -> None:
        self._uow = uow
        self._reader = reader
        self._jobs = import_jobs
        self._companies = companies
        self._summaries = summaries
        self._window = window
        self._eraser = eraser
        self._imports_queued = imports_queued
        self._max_import_bytes = max_import_bytes

    async def StartImport(
        self, request_iterator: AsyncIterator[ingest_pb2.ImportChunk], context: Context
    ) -> ingest_pb2.ImportJob:
        who = await require(context, "invoices:write")
        messages = aiter(request_iterator)
        try:
            first = await anext(messages, None)
            if first is None or first.WhichOneof("part") != "header":
                raise errors.InvalidImport("the first message must be the import's header")
            kind, name, options = import_header(first.header)
            job = ImportJob(
                id=str(uuid.uuid4()), tenant_id=who.tenant_id or "", kind=kind,
                status=ImportStatus.QUEUED, filename=name, size_bytes=0,
                created_at=datetime.now(UTC), member_vat=who.member_vat or "", options=options,
            )  # fmt: skip

            async def data() -> AsyncIterator[bytes]:
                async for message in messages:
                    if message.WhichOneof("part") != "data":
                        raise errors.InvalidImport("only the first message is a header")
                    yield message.data

            async with self._uow() as work:
                try:
                    job.size_bytes = await work.imports.create(job, data(), self._max_import_bytes)
                except OverflowError as exc:
                    raise errors.ImportTooLarge(
                        f"imports are limited to {self._max_import_bytes} bytes"
                    ) from exc
                if job.size_bytes == 0:
                    raise errors.InvalidImport("the file is empty")
                await work.commit()
        except errors.IngestError as exc:
            await self._fail(context, exc)
        self._imports_queued()
        return import_job_pb(job)

    async def GetImportJob(
        self, request: ingest_pb2.GetImportJobRequest, context: Context
    ) -> ingest_pb2.ImportJob:
        who = await self._reads_imports(context)
        try:
            job_id = views.checked_id(request.id, errors.ImportNotFound, "import job")
            async with self._uow() as work:
                job = await work.imports.get(who.tenant_id or "", job_id)
            if job is None:
                raise errors.ImportNotFound(f"no import job {shown(request.id)}")
        except errors.IngestError as exc:
            await self._fail(context, exc)
        return import_job_pb(job)

    async def ListImportJobs(
        self, request: ingest_pb2.ListImportJobsRequest, context: Context
    ) -> ingest_pb2.ListImportJobsResponse:
        who = await self._reads_imports(context)
        assert self._jobs is not None
        try:
            jobs, token = await self._jobs.page(
                who.tenant_id or "",
                request.page_size or request.first,
                request.page_token,
                import_job_filter(request.filter) if request.HasField("filter") else None,
            )
        except errors.IngestError as exc:
            await self._fail(context, exc)
        return ingest_pb2.ListImportJobsResponse(
            jobs=[import_job_pb(j) for j in jobs], next_page_token=token
        )

    @staticmethod
    async def _reads_imports(context: Context) -> Caller:
        """A member's own import jobs: whoever may write its invoices or read them."""
        held = caller_of(context).scopes
        return await require(
            context, "invoices:write" if "invoices:write" in held else "invoices:read"
        )

    async def SubmitInvoice(
        self, request: ingest_pb2.SubmitInvoiceRequest, context: Context
    ) -> ingest_pb2.Invoice:
        who = await require(context, "invoices:write")
        try:
            cmd = submit_command(request, who.tenant_id or "", who.member_vat or "")
            invoice = await handlers.submit_invoice(cmd, self._uow(), window=self._window)
        except errors.IngestError as exc:
            await self._fail(context, exc)
        return invoice_pb(invoice)

    async def RecordPayment(
        self, request: ingest_pb2.RecordPaymentRequest, context: Context
    ) -> ingest_pb2.Invoice:
        who = await require(context, "invoices:write")
        try:
            cmd = payment_command(request, who.tenant_id or "")
            invoice = await handlers.record_payment(cmd, self._uow())
        except errors.IngestError as exc:
            await self._fail(context, exc)
        return invoice_pb(invoice)

    async def GetInvoice(
        self, request: ingest_pb2.GetInvoiceRequest, context: Context
    ) -> ingest_pb2.Invoice:
        who = await require(context, "invoices:read")
        try:
            invoice = await self._reader.get(
                who.tenant_id or "", views.checked_id(request.invoice_id)
            )
            if invoice is None:
                raise errors.InvoiceNotFound(f"no invoice {request.invoice_id}")
        except errors.IngestError as exc:
            await self._fail(context, exc)
        return invoice_pb(invoice)

    async def ListInvoices(
        self, request: ingest_pb2.ListInvoicesRequest, context: Context
    ) -> ingest_pb2.ListInvoicesResponse:
        who = await require(context, "invoices:read")
        try:
            page, token = await self._reader.page(
                who.tenant_id or "",
                request.page_size or 50,
                request.page_token,
                invoice_filter(request.filter) if request.HasField("filter") else None,
            )
        except errors.IngestError as exc:
            await self._fail(context, exc)
        return ingest_pb2.ListInvoicesResponse(
            invoices=[invoice_pb(i) for i in page], next_page_token=token
        )

    async def SubmitInvoices(
        self, request: ingest_pb2.SubmitInvoicesRequest, context: Context
    ) -> ingest_pb2.SubmitInvoicesResponse:
        who = await require(context, "invoices:write")
        tenant = who.tenant_id or ""
        early: dict[int, errors.IngestError] = {}
        items: list[commands.SubmitInvoice] = []
        try:
            handlers.check_batch(len(request.invoices))
            for index, item in enumerate(request.invoices):
                try:
                    items.append(submit_command(item, tenant))
                except errors.IngestError as exc:
                    early[index] = exc
            handled = await handlers.submit_invoices(
                commands.SubmitInvoices(tenant, tuple(items), member_vat=who.member_vat or ""),
                self._uow(),
                window=self._window,
            )
        except errors.IngestError as exc:
            await self._fail(context, exc)
        return ingest_pb2.SubmitInvoicesResponse(
            results=bulk_results(
                ingest_pb2.SubmitInvoiceResult, len(request.invoices), early, handled
            )
        )

    async def RecordPayments(
        self, request: ingest_pb2.RecordPaymentsRequest, context: Context
    ) -> ingest_pb2.RecordPaymentsResponse:
        who = await require(context, "invoices:write")
        tenant = who.tenant_id or ""
        early: dict[int, errors.IngestError] = {}
        items: list[commands.RecordPayment] = []
        try:
            handlers.check_batch(len(request.payments))
            for index, item in enumerate(request.payments):
                try:
                    items.append(payment_command(item, tenant))
                except errors.IngestError as exc:
                    early[index] = exc
            handled = await handlers.record_payments(
                commands.RecordPayments(tenant, tuple(items)), self._uow()
            )
        except errors.IngestError as exc:
            await self._fail(context, exc)
        return ingest_pb2.RecordPaymentsResponse(
            results=bulk_results(
                ingest_pb2.RecordPaymentResult, len(request.payments), early, handled
            )
        )

    async def ChangeInvoice(
        self, request: ingest_pb2.ChangeInvoiceRequest, context: Context
    ) -> ingest_pb2.Invoice:
        who = await require(context, "invoices:write")
        try:
            cmd = change_command(request, who.tenant_id or "")
            invoice = await handlers.change_invoice(cmd, self._uow())
        except errors.IngestError as exc:
            await self._fail(context, exc)
        return invoice_pb(invoice)

    async def ImportEInvoice(
        self, request: ingest_pb2.ImportEInvoiceRequest, context: Context
    ) -> ingest_pb2.ImportEInvoiceResponse:
        who = await require(context, "invoices:write")
        try:
            document = einvoice.parse(request.content)
            cmd = commands.ImportEInvoice(who.tenant_id or "", document, who.member_vat or "")
            done = await handlers.import_einvoice(cmd, self._uow(), window=self._window)
        except errors.IngestError as exc:
            await self._fail(context, exc)
        return ingest_pb2.ImportEInvoiceResponse(
            invoice=invoice_pb(done.invoice),
            credit_note=done.credit_note,
            syntax=document.syntax,
            notes=list(done.notes),
        )

    async def EraseMember(
        self, request: ingest_pb2.EraseMemberRequest, context: Context
    ) -> ingest_pb2.EraseMemberResponse:
        await require(context, "admin", tenant=False)
        tenant = request.tenant_id.strip()
        if not tenant or len(tenant) > 64 or self._eraser is None:
            await abort(context, grpc.StatusCode.INVALID_ARGUMENT, "invalid_request", "a tenant id")
        invoices, documents, clean = await self._eraser(tenant)
        return ingest_pb2.EraseMemberResponse(
            invoices=invoices, documents=documents, outbox_clean=clean
        )

    async def DeleteInvoice(
        self, request: ingest_pb2.DeleteInvoiceRequest, context: Context
    ) -> ingest_pb2.Invoice:
        who = await require(context, "invoices:write")
        try:
            cmd = commands.DeleteInvoice(who.tenant_id or "", views.checked_id(request.invoice_id))
            invoice = await handlers.delete_invoice(cmd, self._uow())
        except errors.IngestError as exc:
            await self._fail(context, exc)
        return invoice_pb(invoice)

    async def BatchGetCompanies(
        self, request: ingest_pb2.BatchGetCompaniesRequest, context: Context
    ) -> ingest_pb2.BatchGetCompaniesResponse:
        await require(context, "risk:read", tenant=False)
        assert self._companies is not None
        if len(request.companies) > views.MAX_COMPANIES:
            await self._fail(
                context,
                errors.BatchTooLarge(
                    f"at most {views.MAX_COMPANIES} companies per call, "
                    f"got {len(request.companies)}"
                ),
            )
        vats = [c.vat for c in request.companies]
        known = await self._companies.batch_get(vats)
        return ingest_pb2.BatchGetCompaniesResponse(
            companies=[company_pb(v, known.get(v)) for v in vats]
        )

    async def SearchCompanies(
        self, request: ingest_pb2.SearchCompaniesRequest, context: Context
    ) -> ingest_pb2.SearchCompaniesResponse:
        await require(context, "risk:read", tenant=False)
        assert self._companies is not None
        query = request.query.strip()
        if not 2 <= len(query) <= 100 or not query.isprintable():
            await self._fail(
                context,
                errors.IngestError("a search needs 2 to 100 printable characters"),
            )
        found = await self._companies.search(query, request.country.upper(), request.limit or 10)
        return ingest_pb2.SearchCompaniesResponse(companies=[company_pb(c.vat, c) for c in found])

    async def GetMemberSummary(
        self, request: ingest_pb2.GetMemberSummaryRequest, context: Context
    ) -> ingest_pb2.MemberSummary:
        who = await require(context, "invoices:read")
        assert self._summaries is not None
        try:
            as_of = to_date(request.as_of, "as_of") if request.HasField("as_of") else date.today()
        except errors.IngestError as exc:
            await self._fail(context, exc)
        summary = await self._summaries.summary(
            who.tenant_id or "",
            as_of,
            debtors=max(1, min(request.debtors or 10, MAX_LISTED)),
            activity=max(1, min(request.activity or 10, MAX_LISTED)),
        )
        return summary_pb(summary)

    @staticmethod
    async def _fail(context: Context, exc: errors.IngestError) -> NoReturn:
        status = _STATUS.get(type(exc), grpc.StatusCode.INVALID_ARGUMENT)
        await abort(context, status, exc.code, exc.message)
