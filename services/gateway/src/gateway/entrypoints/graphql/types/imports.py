from __future__ import annotations

from datetime import UTC, datetime
from enum import Enum

import strawberry

from gateway.entrypoints.graphql.errors import PublicError
from kmo.ingest.v1 import ingest_pb2

MAX_ROW_ERRORS = 1000  # what ingest keeps per job


@strawberry.enum(description="What an accounting export holds.")
class ImportKind(Enum):
    INVOICES = "invoices"
    PAYMENTS = "payments"


@strawberry.enum
class ImportStatus(Enum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = strawberry.enum_value("done", description="every row judged")
    FAILED = strawberry.enum_value(
        "failed", description="the file as a whole was refused: see errorCode"
    )


@strawberry.enum(description="A field of the register a CSV column can be mapped to.")
class CsvField(Enum):
    INVOICE_NUMBER = "invoice_number"
    DEBTOR_VAT = "debtor_vat"
    DEBTOR_NAME = "debtor_name"
    ISSUE_DATE = "issue_date"
    DUE_DATE = "due_date"
    AMOUNT = "amount"
    CURRENCY = "currency"
    DEBTOR_SECTOR = "debtor_sector"
    PAID_DATE = "paid_date"


KIND_PB = {
    ImportKind.INVOICES: ingest_pb2.IMPORT_KIND_INVOICES,
    ImportKind.PAYMENTS: ingest_pb2.IMPORT_KIND_PAYMENTS,
}
_KIND = {pb: kind for kind, pb in KIND_PB.items()}
_STATUS = {
    ingest_pb2.IMPORT_STATUS_QUEUED: ImportStatus.QUEUED,
    ingest_pb2.IMPORT_STATUS_RUNNING: ImportStatus.RUNNING,
    ingest_pb2.IMPORT_STATUS_DONE: ImportStatus.DONE,
    ingest_pb2.IMPORT_STATUS_FAILED: ImportStatus.FAILED,
}


_PB_STATUS = {status: pb for pb, status in _STATUS.items()}


@strawberry.input(description="Narrows a list of import jobs; every field set narrows it further.")
class ImportJobFilterInput:
    statuses: list[ImportStatus] | None = strawberry.field(default=None, description="any of these")
    kinds: list[ImportKind] | None = strawberry.field(default=None, description="any of these")

    def to_proto(self) -> ingest_pb2.ImportJobFilter:
        return ingest_pb2.ImportJobFilter(
            statuses=[_PB_STATUS[s] for s in self.statuses or ()],
            kinds=[KIND_PB[k] for k in self.kinds or ()],
        )


@strawberry.input(description="A column of your file by its header, and the field it holds.")
class CsvColumnInput:
    header: str
    field: CsvField


@strawberry.input(description="What to state instead of letting the file be detected.")
class CsvOptionsInput:
    encoding: str | None = strawberry.field(
        default=None,
        description='"utf-8", "utf-8-sig", "cp1252", "latin-1" or "iso-8859-15"; '
        "null detects UTF-8 or Windows-1252",
    )
    delimiter: str | None = strawberry.field(
        default=None, description="one character; null detects among ; , tab |"
    )
    month_first: bool = strawberry.field(
        default=False,
        description="dates are MM/DD/YYYY (day first otherwise; ISO dates always read)",
    )
    columns: list[CsvColumnInput] | None = strawberry.field(
        default=None, description="headers the register does not recognise, mapped to fields"
    )

    def to_header(self, header: ingest_pb2.ImportHeader) -> None:
        header.encoding = self.encoding or ""
        header.delimiter = self.delimiter or ""
        header.month_first = self.month_first
        for column in self.columns or ():
            header.columns[column.header] = column.field.value


@strawberry.type(description="A refused row of an import: its line (1 is the header) and why.")
class ImportRowError:
    line: int
    code: str = strawberry.field(description="upper-case, like errors' extensions.code")
    message: str


@strawberry.type(
    description="A CSV import running in the background; poll it with importJob until DONE "
    "or FAILED."
)
class ImportJob:
    id: strawberry.ID
    kind: ImportKind
    status: ImportStatus
    filename: str
    size_bytes: int
    bytes_done: int = strawberry.field(description="bytes of the file read by stored batches")
    rows_done: int = strawberry.field(description="data rows judged and stored so far")
    accepted: int
    rejected: int
    error_code: str | None = strawberry.field(
        description="FAILED: why the file as a whole was refused (upper-case)"
    )
    error_message: str | None
    created_at: datetime
    finished_at: datetime | None
    row_errors: strawberry.Private[list[ImportRowError]]

    @strawberry.field(description="0..1: the share of the file's bytes read; 1 when DONE.")
    def progress(self) -> float:
        if self.status is ImportStatus.DONE:
            return 1.0
        if self.size_bytes <= 0:
            return 0.0
        return min(1.0, self.bytes_done / self.size_bytes)

    @strawberry.field(
        description="Refused rows by line, the first ones first (a job keeps the first 1,000; "
        "rejected counts them all)."
    )
    def errors(self, first: int = 100) -> list[ImportRowError]:
        if not 0 <= first <= MAX_ROW_ERRORS:
            raise PublicError(f"first must be between 0 and {MAX_ROW_ERRORS}", "INVALID_ARGUMENT")
        return self.row_errors[:first]

    @classmethod
    def from_proto(cls, msg: ingest_pb2.ImportJob) -> ImportJob:
        return cls(
            id=strawberry.ID(msg.id),
            kind=_KIND[msg.kind],
            status=_STATUS[msg.status],
            filename=msg.filename,
            size_bytes=msg.size_bytes,
            bytes_done=msg.bytes_done,
            rows_done=msg.rows_done,
            accepted=msg.accepted,
            rejected=msg.rejected,
            error_code=msg.error_code.upper() or None,
            error_message=msg.error_message or None,
            created_at=msg.created_at.ToDatetime(tzinfo=UTC),
            finished_at=(
                msg.finished_at.ToDatetime(tzinfo=UTC) if msg.HasField("finished_at") else None
            ),
            row_errors=[
                ImportRowError(line=e.line, code=e.code.upper(), message=e.message)
                for e in msg.errors
            ],
        )
