"""Import jobs: an accounting export a member handed in, judged row by row in the
background."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum

MAX_ERRORS = 1000  # refused rows a job keeps (by line); the counts cover all of them


class ImportKind(Enum):
    INVOICES = "invoices"
    PAYMENTS = "payments"


class ImportStatus(Enum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class RowError:
    line: int
    code: str
    message: str


@dataclass(slots=True)
class ImportJob:
    id: str
    tenant_id: str
    kind: ImportKind
    status: ImportStatus
    filename: str
    size_bytes: int
    created_at: datetime
    member_vat: str = ""
    options: dict[str, object] = field(default_factory=dict)
    chunks: int = 0
    bytes_done: int = 0
    last_line: int = 0  # the last line of the last stored batch: a restart resumes after it
    accepted: int = 0
    rejected: int = 0
    errors: list[RowError] = field(default_factory=list)
    error_code: str = ""
    error_message: str = ""
    attempts: int = 0
    finished_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Checkpoint:
    """What one stored batch of an import adds to its job, in the batch's transaction."""

    last_line: int
    accepted: int
    refused: tuple[RowError, ...]


@dataclass(frozen=True, slots=True)
class ImportedPayment:
    """A row of a payments export: the member's invoice by its number."""

    tenant_id: str
    invoice_number: str
    paid_date: date
    amount: str | None  # None: what is still open
