"""Read side, straight from SQL: the tenant's invoices, documents and import jobs (filtered
pages), the companies the register knows (by VAT number or by name), and a member's
receivables summary."""

from __future__ import annotations

import base64
import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from benelux.nace import parse_nace
from chassis.limits import rpc_limit
from ingest.adapters.documents import document_from_row
from ingest.adapters.imports import job_from_row
from ingest.adapters.repository import invoice_from_row
from ingest.adapters.tables import companies, documents, import_jobs, invoices, payments
from ingest.domain import documents as docs
from ingest.domain.errors import IngestError, InvalidPageToken, InvoiceNotFound
from ingest.domain.imports import ImportJob, ImportKind, ImportStatus
from ingest.domain.model import Invoice, Payment, Status
from kmo.ingest.v1 import documents_pb2, ingest_pb2
from kmo.types.v1 import types_pb2

# As the contract declares them.
MAX_PAGE = rpc_limit(ingest_pb2, "IngestService.ListInvoices", types_pb2.max_page_size)
MAX_DOCUMENTS_PAGE = rpc_limit(
    documents_pb2, "DocumentService.ListDocuments", types_pb2.max_page_size
)
MAX_JOBS_PAGE = rpc_limit(ingest_pb2, "IngestService.ListImportJobs", types_pb2.max_page_size)
MAX_COMPANIES = rpc_limit(ingest_pb2, "IngestService.BatchGetCompanies", types_pb2.max_items)
# A query word's completions: the registry's words starting with it, most common first.
COMPLETIONS = 20
# A misspelt word's stand-ins: the registry's words nearest it, at least this alike
# (pg_trgm similarity); and the names ranked among those holding them.
CORRECTIONS = 3
CORRECTION_FLOOR = 0.25
NAME_FLOOR = 0.4  # a name shown for a misspelt query is at least this like all of it
FUZZY_CANDIDATES = 500
MAX_SEARCH = rpc_limit(ingest_pb2, "IngestService.SearchCompanies", types_pb2.max_page_size)
# The registry's names whose words match the tsquery :q (the names' GIN word index), at
# most :n of them, with their companies.
_WORD_MATCHES = (
    "(SELECT enterprise_number, search_key FROM registry_denominations "
    "WHERE to_tsvector('simple', search_key) @@ to_tsquery('simple', :q) LIMIT :n) d "
    "JOIN registry_enterprises e USING (enterprise_number)"
)
OPEN = (Status.OPEN.value, Status.PARTIALLY_PAID.value)


@dataclass(frozen=True, slots=True)
class InvoiceFilter:
    """What a page of invoices is narrowed to; every field set narrows it further."""

    statuses: tuple[Status, ...] = ()
    debtor_vat: str = ""
    overdue_only: bool = False  # open, past due on ``as_of``, not disputed
    issued_from: date | None = None
    issued_to: date | None = None
    as_of: date | None = None

    def where(self, today: date) -> list[sa.ColumnElement[bool]]:
        out: list[sa.ColumnElement[bool]] = []
        if self.statuses:
            out.append(invoices.c.status.in_([s.value for s in self.statuses]))
        if self.debtor_vat:
            out.append(invoices.c.debtor_vat == self.debtor_vat)
        if self.overdue_only:
            out.append(invoices.c.status.in_(OPEN))
            out.append(invoices.c.due_date < (self.as_of or today))
            out.append(invoices.c.disputed.is_(False))
        if self.issued_from is not None:
            out.append(invoices.c.issue_date >= self.issued_from)
        if self.issued_to is not None:
            out.append(invoices.c.issue_date <= self.issued_to)
        return out


def checked_id(
    raw: str, missing: type[IngestError] = InvoiceNotFound, what: str = "invoice"
) -> str:
    """A canonical UUID; anything else cannot name a stored row, so it is not found."""
    try:
        return str(uuid.UUID(raw))
    except ValueError as exc:
        raise missing(f"no {what} {raw!r}") from exc


def encode_token(at: datetime, row_id: str) -> str:
    """A page token: the last row's time and id, where the next page starts (keyset)."""
    return base64.urlsafe_b64encode(f"{at.isoformat()}|{row_id}".encode()).decode()


def decode_token(token: str) -> tuple[datetime, str]:
    try:
        at, row_id = base64.urlsafe_b64decode(token.encode()).decode().split("|")
        return datetime.fromisoformat(at), checked_id(row_id)
    except (ValueError, InvoiceNotFound) as exc:
        raise InvalidPageToken("page token is not valid") from exc


def _after(token: str, at: sa.ColumnElement[Any], row_id: sa.ColumnElement[Any]) -> list[Any]:
    """The keyset condition for rows listed newest first after the token's row."""
    if not token:
        return []
    last_at, last_id = decode_token(token)
    return [sa.tuple_(at, row_id) < (last_at, last_id)]


def _page_of(found: list[Any], size: int, key: Callable[[Any], tuple[datetime, str]]) -> str:
    """The next page's token when one more row than the page was found (and drop it)."""
    if len(found) <= size:
        return ""
    del found[size:]
    return encode_token(*key(found[-1]))


@dataclass(frozen=True, slots=True)
class DocumentFilter:
    statuses: tuple[docs.Status, ...] = ()
    uploaded_from: datetime | None = None  # inclusive
    uploaded_to: datetime | None = None  # exclusive


@dataclass(frozen=True, slots=True)
class ImportJobFilter:
    statuses: tuple[ImportStatus, ...] = ()
    kinds: tuple[ImportKind, ...] = ()


T = TypeVar("T")


async def _newest_first(
    sessions: async_sessionmaker[AsyncSession],
    table: sa.Table,
    at: str,
    where: list[sa.ColumnElement[bool]],
    token: str,
    size: int,
    of_row: Callable[[Any], T],
) -> tuple[list[T], str]:
    """One page of ``table``'s rows, newest ``at`` first (its id breaking ties), after the
    token's row; and the next page's token."""
    when, row_id = table.c[at], table.c.id
    async with sessions() as session:
        rows = await session.execute(
            sa.select(table)
            .where(*where, *_after(token, when, row_id))
            .order_by(when.desc(), row_id.desc())
            .limit(size + 1)
        )
        found = [of_row(r) for r in rows]
    return found, _page_of(found, size, lambda item: (getattr(item, at), item.id))


class DocumentReader:
    """A member's uploaded documents, newest upload first."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def page(
        self, tenant_id: str, size: int, token: str, only: DocumentFilter | None = None
    ) -> tuple[list[docs.Document], str]:
        only = only or DocumentFilter()
        where = [documents.c.tenant_id == tenant_id]
        if only.statuses:
            where.append(documents.c.status.in_([s.value for s in only.statuses]))
        if only.uploaded_from is not None:
            where.append(documents.c.uploaded_at >= only.uploaded_from)
        if only.uploaded_to is not None:
            where.append(documents.c.uploaded_at < only.uploaded_to)
        size = max(1, min(size or 20, MAX_DOCUMENTS_PAGE))
        return await _newest_first(
            self._sessions, documents, "uploaded_at", where, token, size, document_from_row
        )


class ImportJobReader:
    """A member's import jobs, newest first."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def page(
        self, tenant_id: str, size: int, token: str, only: ImportJobFilter | None = None
    ) -> tuple[list[ImportJob], str]:
        only = only or ImportJobFilter()
        where = [import_jobs.c.tenant_id == tenant_id]
        if only.statuses:
            where.append(import_jobs.c.status.in_([s.value for s in only.statuses]))
        if only.kinds:
            where.append(import_jobs.c.kind.in_([k.value for k in only.kinds]))
        size = max(1, min(size or 20, MAX_JOBS_PAGE))
        return await _newest_first(
            self._sessions, import_jobs, "created_at", where, token, size, job_from_row
        )


class InvoiceReader:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def get(self, tenant_id: str, invoice_id: str) -> Invoice | None:
        found = await self._load(
            sa.and_(invoices.c.tenant_id == tenant_id, invoices.c.id == invoice_id), limit=1
        )
        return found[0] if found else None

    async def page(
        self,
        tenant_id: str,
        size: int,
        token: str,
        only: InvoiceFilter | None = None,
        today: date | None = None,
    ) -> tuple[list[Invoice], str]:
        size = max(1, min(size, MAX_PAGE))
        where = sa.and_(
            invoices.c.tenant_id == tenant_id,
            *(only or InvoiceFilter()).where(today or date.today()),
        )
        where = sa.and_(where, *_after(token, invoices.c.recorded_at, invoices.c.id))
        found = await self._load(where, limit=size + 1)
        return found, _page_of(found, size, lambda i: (i.recorded_at, i.id))

    async def _load(self, where: sa.ColumnElement[bool], limit: int) -> list[Invoice]:
        async with self._sessions() as session:
            rows = (
                await session.execute(
                    sa.select(invoices, companies.c.sector)
                    .join(companies, companies.c.vat == invoices.c.debtor_vat)
                    .where(where)
                    .order_by(invoices.c.recorded_at.desc(), invoices.c.id.desc())
                    .limit(limit)
                )
            ).all()
            paid: dict[str, list[Payment]] = defaultdict(list)
            if rows:
                for p in await session.execute(
                    sa.select(payments.c.invoice_id, payments.c.paid_date, payments.c.amount)
                    .where(payments.c.invoice_id.in_([r._mapping["id"] for r in rows]))
                    .order_by(payments.c.id)
                ):
                    paid[str(p.invoice_id)].append(Payment(p.paid_date, p.amount))
        return [
            invoice_from_row(r, paid[str(r._mapping["id"])], r._mapping["sector"]) for r in rows
        ]


@dataclass(frozen=True, slots=True)
class RegistryRecord:
    """A company as the KBO open data describes it (descriptions in Dutch)."""

    enterprise_number: str
    status: str
    situation_code: str
    situation: str
    situation_since: date
    distress: bool
    legal_form_code: str
    legal_form: str
    start_date: date | None
    nace2008: str
    nace2025: str
    nace_section: str
    names: tuple[tuple[str, str, str], ...] = ()  # name, language, type
    shown_name: str = ""  # the one name shown


@dataclass(frozen=True, slots=True)
class CompanyRecord:
    vat: str
    name: str
    sector: str
    registry: RegistryRecord | None = None


LANGUAGES = {"1": "FR", "2": "NL", "3": "DE", "4": "EN"}
NAME_TYPES = {"001": "name", "002": "abbreviation", "003": "commercial", "004": "branch"}
_REGISTRY = sa.text(
    "SELECT e.*, coalesce(f.description, '') AS form_text, "
    "coalesce(j.description, '') AS situation_text FROM registry_enterprises e "
    "LEFT JOIN registry_codes f ON f.category = 'JuridicalForm' "
    "AND f.code = coalesce(nullif(e.juridical_form_cac, ''), e.juridical_form) "
    "AND f.language = 'NL' "
    "LEFT JOIN registry_codes j ON j.category = 'JuridicalSituation' "
    "AND j.code = e.juridical_situation AND j.language = 'NL' "
    "WHERE e.vat = ANY(CAST(:vats AS varchar[]))"
)
_NAMES = sa.text(
    "SELECT enterprise_number, denomination, language, type FROM registry_denominations "
    "WHERE enterprise_number = ANY(CAST(:numbers AS varchar[])) "
    "ORDER BY enterprise_number, type, language, denomination"
)
# Bankruptcy, judicial reorganisation, liquidation: the words ingest.domain.registry reads.
_DISTRESS_WORDS = ("faillissement", "reorganisatie", "vereffening", "ontbinding")


def _sector(nace2008: str) -> str:
    """A NACE-BEL 2008 code's NACE Rev. 2 class ("41201" -> "F41.20"); "" if none."""
    for digits in (nace2008[:4], nace2008[:2]):
        if len(digits) >= 2:
            try:
                return str(parse_nace(digits))
            except ValueError:
                continue
    return ""


async def _registry(
    session: AsyncSession, vats: list[str], names: bool = True
) -> dict[str, RegistryRecord]:
    found = (await session.execute(_REGISTRY, {"vats": vats})).all()
    if not found:
        return {}
    by_number: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    if names:
        numbers = [r.enterprise_number for r in found]
        for n in await session.execute(_NAMES, {"numbers": numbers}):
            by_number[n.enterprise_number].append(
                (n.denomination, LANGUAGES.get(n.language, ""), NAME_TYPES.get(n.type, ""))
            )
    return {
        r.vat: RegistryRecord(
            enterprise_number=r.enterprise_number,
            status=r.status,
            situation_code=r.juridical_situation,
            situation=r.situation_text,
            situation_since=r.situation_since,
            distress=any(w in r.situation_text.lower() for w in _DISTRESS_WORDS),
            legal_form_code=r.juridical_form_cac or r.juridical_form,
            legal_form=r.form_text,
            start_date=r.start_date,
            nace2008=r.nace2008,
            nace2025=r.nace2025,
            nace_section=r.nace_section,
            names=tuple(by_number.get(r.enterprise_number, ())),
            shown_name=r.name,
        )
        for r in found
    }


def _merged(
    vat: str, member: CompanyRecord | None, reg: RegistryRecord | None, reg_name: str
) -> CompanyRecord | None:
    """The registry's name and sector when it knows the company; members' otherwise."""
    if reg is None:
        return member
    sector = _sector(reg.nace2008) or (member.sector if member else "")
    name = reg_name or (member.name if member else vat)
    return CompanyRecord(vat, name, sector, reg)


class CompanyReader:
    """The companies the register knows: the company registry's (the KBO open data) with
    the names and sectors members reported as the fallback."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions
        self._trigrams: bool | None = None

    async def _members(self, session: AsyncSession, vats: list[str]) -> dict[str, CompanyRecord]:
        rows = await session.execute(
            sa.select(companies.c.vat, companies.c.name, companies.c.sector).where(
                companies.c.vat == sa.func.any(sa.cast(vats, postgresql.ARRAY(sa.String)))
            )
        )
        return {r.vat: CompanyRecord(r.vat, r.name, r.sector) for r in rows}

    async def _records(self, session: AsyncSession, vats: list[str]) -> dict[str, CompanyRecord]:
        unique = sorted(set(vats))
        members = await self._members(session, unique)
        reg = await _registry(session, unique)
        out = {}
        for v in unique:
            found = reg.get(v)
            rec = _merged(v, members.get(v), found, found.shown_name if found else "")
            if rec is not None:
                out[v] = rec
        return out

    async def batch_get(self, vats: list[str]) -> dict[str, CompanyRecord]:
        if not vats:
            return {}
        async with self._sessions() as session:
            return await self._records(session, vats)

    async def _has_trigrams(self, session: AsyncSession) -> bool:
        if self._trigrams is None:
            found = await session.execute(
                sa.text("SELECT 1 FROM pg_indexes WHERE indexname = :n"),
                {"n": "ix_registry_name_words_trigrams"},
            )
            self._trigrams = found.first() is not None
        return self._trigrams

    async def search(self, query: str, country: str = "", limit: int = 10) -> list[CompanyRecord]:
        """The registry's names (every language) starting with the query, then names whose
        words start with the query's words (any order), then names like it (trigrams,
        where pg_trgm is installed), then members' names the same ways; an enterprise or
        VAT number (or its start, from four digits) finds its company first. Accents, case
        and punctuation are ignored (``kmo_search_key``)."""
        limit = max(1, min(limit, MAX_SEARCH))
        compact = "".join(c for c in query.upper() if c.isalnum())
        async with self._sessions() as session:
            key = (
                await session.execute(sa.select(sa.func.kmo_search_key(query)))
            ).scalar_one() or ""
            if not key:
                return []
            ranked: list[tuple[int, float, int, str]] = []  # rank, -similarity, length, vat
            if country in ("", "BE"):
                ranked += await self._registry_hits(session, key, compact, limit)
            seen = {v for *_, v in ranked}
            for rank, rec in await self._member_search(session, key, compact, country, limit):
                if rec.vat not in seen:
                    # tiers beside the registry's: a VAT number first, then prefix, words
                    ranked.append(((1, 2, 0)[rank], 0.0, len(rec.name), rec.vat))
            # Names like the query only when nothing, the registry's or members', matched
            # it (a misspelt name).
            if not ranked and country in ("", "BE") and await self._has_trigrams(session):
                ranked += await self._corrected_hits(session, key, limit)
            ranked.sort()
            vats = list(dict.fromkeys(v for *_, v in ranked))[:limit]
            records = await self._records(session, vats)
            return [records[v] for v in vats if v in records]

    async def _registry_hits(
        self, session: AsyncSession, key: str, compact: str, limit: int
    ) -> list[tuple[int, float, int, str]]:
        hits: list[tuple[int, float, int, str]] = []
        digits = compact[2:] if compact.startswith("BE") else compact
        if digits.isdigit() and len(digits) >= 4:
            if len(digits) == 9:  # the old nine-digit form
                digits = "0" + digits
            low, high = (digits + "0" * 10)[:10], (digits + "9" * 10)[:10]
            rows = await session.execute(
                sa.text(
                    "SELECT vat FROM registry_enterprises WHERE enterprise_number "
                    "BETWEEN :low AND :high ORDER BY enterprise_number LIMIT :n"
                ),
                {"low": low, "high": high, "n": limit},
            )
            hits += [(0, -1.0, 0, r.vat) for r in rows]
            if len(digits) == 10:
                return hits
        prefix = key + "%"  # a search key holds letters, digits and spaces only
        rows = await session.execute(
            sa.text(
                "SELECT e.vat, d.search_key FROM (SELECT enterprise_number, search_key "
                "FROM registry_denominations WHERE search_key LIKE :prefix "
                # the text_pattern_ops index's own order: a range scan that stops at :n
                "ORDER BY search_key USING ~<~ LIMIT :n) d JOIN registry_enterprises e USING "
                "(enterprise_number)"
            ),
            {"prefix": prefix, "n": limit * 2},
        )
        hits += [(1, -1.0, len(r.search_key), r.vat) for r in rows]
        words = [w for w in dict.fromkeys(key.split()) if len(w) >= 2]
        if len({v for *_, v in hits}) < limit and words:
            terms = await self._completions(session, words)
            if terms:
                rows = await session.execute(
                    sa.text(f"SELECT e.vat, d.search_key FROM {_WORD_MATCHES}"),
                    {"q": " & ".join(terms), "n": limit * 5},
                )
                hits += [(2, -1.0, len(r.search_key), r.vat) for r in rows]
        return hits

    async def _completions(self, session: AsyncSession, words: list[str]) -> list[str] | None:
        """Each query word as a term of the names' word index: the registry's words that
        start with it (the word itself first, then the most common), so the index is asked
        for whole words and not to expand a prefix over millions of entries; a word the
        registry holds stands for itself alone unless it is the last (still being typed); a
        number as typed (a prefix from three digits). None when a word starts no word of
        any name."""
        lettered = [w for w in words if not w.isdigit()]
        found: dict[str, list[str]] = {w: [] for w in lettered}
        if lettered:
            rows = await session.execute(
                sa.text(
                    "SELECT q.w, c.word FROM unnest(CAST(:words AS text[])) q(w) "
                    "CROSS JOIN LATERAL (SELECT word FROM registry_name_words "
                    'WHERE word >= q.w COLLATE "C" AND word < q.w || chr(1114111) COLLATE "C" '
                    "ORDER BY word = q.w DESC, names DESC LIMIT :k) c"
                ),
                {"words": lettered, "k": COMPLETIONS},
            )
            for r in rows:
                found[r.w].append(r.word)
        terms = []
        for i, w in enumerate(words):
            if w.isdigit():
                terms.append(f"{w}:*" if len(w) >= 3 else w)
            elif not found[w]:
                return None
            elif found[w][0] == w and i < len(words) - 1:
                terms.append(w)  # a whole word, and not the one being typed
            else:
                terms.append("(" + " | ".join(found[w]) + ")")
        return terms

    async def _corrected_hits(
        self, session: AsyncSession, key: str, limit: int
    ) -> list[tuple[int, float, int, str]]:
        """A misspelt name: each query word that could be misspelt (three characters or
        more, with a letter) stands for the registry's words nearest it (trigrams over the
        distinct words, a few hundred thousand short strings, not two million names); the
        names holding every word, or else all words but one, and at least ``NAME_FLOOR``
        like the whole query, are ranked by how like it they are."""
        words = list(dict.fromkeys(key.split()))
        fuzzy = [w for w in words if len(w) >= 3 and any(c.isalpha() for c in w)]
        near: dict[str, list[str]] = {w: [] for w in fuzzy}
        if fuzzy:
            rows = await session.execute(
                sa.text(
                    "SELECT q.w, c.word FROM unnest(CAST(:words AS text[])) q(w) "
                    "CROSS JOIN LATERAL (SELECT word FROM registry_name_words "
                    "ORDER BY word <-> q.w LIMIT :k) c WHERE similarity(c.word, q.w) >= :floor"
                ),
                {"words": fuzzy, "k": CORRECTIONS, "floor": CORRECTION_FLOOR},
            )
            for r in rows:
                near[r.w].append(r.word)
        # A word with nothing near it is in no name: it cannot narrow the search.
        terms = [
            "(" + " | ".join(near[w]) + ")" if w in near else w for w in words if near.get(w, True)
        ]
        if not terms:
            return []
        queries = [" & ".join(terms)]
        if len(terms) >= 3:  # one word too many, or one beyond repair
            queries.append(
                " | ".join(
                    "(" + " & ".join(terms[:i] + terms[i + 1 :]) + ")" for i in range(len(terms))
                )
            )
        for q in queries:
            rows = await session.execute(
                sa.text(
                    "SELECT e.vat, d.search_key, similarity(d.search_key, :key) AS sim "
                    f"FROM {_WORD_MATCHES} WHERE similarity(d.search_key, :key) >= :floor "
                    "ORDER BY sim DESC, length(d.search_key) LIMIT :limit"
                ),
                {"key": key, "q": q, "n": FUZZY_CANDIDATES, "limit": limit, "floor": NAME_FLOOR},
            )
            found = [(3, -float(r.sim), len(r.search_key), r.vat) for r in rows]
            if found:
                return found
        return []

    async def _member_search(
        self, session: AsyncSession, key: str, compact: str, country: str, limit: int
    ) -> list[tuple[int, CompanyRecord]]:
        words = sa.func.to_tsquery("simple", " & ".join(f"{w}:*" for w in key.split()))
        name = companies.c.search_name
        hit_vat = companies.c.vat.startswith(compact, autoescape=True)
        rank = sa.case((name.startswith(key, autoescape=True), 0), (hit_vat, 2), else_=1)
        rows = await session.execute(
            sa.select(companies.c.vat, companies.c.name, companies.c.sector, rank.label("rank"))
            .where(
                sa.or_(
                    name.startswith(key, autoescape=True),
                    sa.func.to_tsvector("simple", name).op("@@")(words),
                    hit_vat if len(compact) >= 4 else sa.false(),
                ),
                *([companies.c.country == country] if country else []),
            )
            .order_by(rank, sa.func.length(companies.c.name), companies.c.vat)
            .limit(limit)
        )
        return [(r.rank, CompanyRecord(r.vat, r.name, r.sector)) for r in rows]


AGEING = (  # label, first day past due, last day (None: open-ended)
    ("not due", None, 0),
    ("1-30", 1, 30),
    ("31-60", 31, 60),
    ("61-90", 61, 90),
    ("91-120", 91, 120),
    ("over 120", 121, None),
)
DSO_WINDOW_DAYS = 90
PAID_WINDOW_DAYS = 365
ZERO = Decimal("0.00")


@dataclass(frozen=True, slots=True)
class Bucket:
    label: str
    first_day: int | None
    last_day: int | None
    count: int
    amount: Decimal


@dataclass(frozen=True, slots=True)
class Exposure:
    vat: str
    name: str
    open_invoices: int
    outstanding: Decimal
    overdue: Decimal
    oldest_overdue_days: int


@dataclass(frozen=True, slots=True)
class Event:
    kind: str  # "recorded" | "paid"
    invoice_id: str
    invoice_number: str
    debtor_vat: str
    debtor_name: str
    amount: Decimal
    at: datetime


@dataclass(frozen=True, slots=True)
class Summary:
    as_of: date
    open_invoices: int = 0
    outstanding: Decimal = ZERO
    overdue_invoices: int = 0
    overdue: Decimal = ZERO
    disputed_invoices: int = 0
    debtor_count: int = 0
    ageing: tuple[Bucket, ...] = ()
    invoiced_90_days: Decimal = ZERO
    dso_days: float | None = None
    debtors: tuple[Exposure, ...] = ()
    activity: tuple[Event, ...] = ()
    paid_invoices: int = 0
    avg_days_to_pay: float = 0.0
    avg_days_late: float = 0.0
    late_share: float = 0.0


_OUTSTANDING = (
    invoices.c.amount
    - invoices.c.credited_amount
    - sa.case(
        (
            invoices.c.status == Status.PARTIALLY_PAID.value,
            sa.select(sa.func.coalesce(sa.func.sum(payments.c.amount), 0))
            .where(payments.c.invoice_id == invoices.c.id)
            .scalar_subquery(),
        ),
        else_=0,
    )
)


class SummaryReader:
    """A member's receivables on a day, aggregated in PostgreSQL (a few queries over the
    member's own rows, whatever the size of the register)."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def summary(
        self, tenant_id: str, as_of: date, debtors: int = 10, activity: int = 10
    ) -> Summary:
        mine = invoices.c.tenant_id == tenant_id
        open_rows = (
            sa.select(
                invoices.c.debtor_vat,
                invoices.c.debtor_name,
                invoices.c.disputed,
                (sa.literal(as_of) - invoices.c.due_date).label("late"),
                _OUTSTANDING.label("outstanding"),
            )
            .where(mine, invoices.c.status.in_(OPEN))
            .cte("open_rows")
        )
        late = open_rows.c.late
        overdue = sa.and_(late > 0, open_rows.c.disputed.is_(False))
        bucket = sa.case(
            *((late <= last, label) for label, _, last in AGEING if last is not None),
            else_=AGEING[-1][0],
        )
        async with self._sessions() as session:
            # One pass over the open invoices for the totals and the buckets, one for the
            # debtors (their count from a window over the groups, before the limit).
            past_due = late > 0
            by_bucket: dict[str, tuple[int, Decimal]] = {}
            count = overdue_count = disputed_count = 0
            total = overdue_total = ZERO
            for r in await session.execute(
                sa.select(
                    bucket.label("bucket"),
                    open_rows.c.disputed,
                    past_due.label("past_due"),
                    sa.func.count().label("n"),
                    sa.func.sum(open_rows.c.outstanding).label("amount"),
                ).group_by(bucket, open_rows.c.disputed, past_due)
            ):
                n, amount = by_bucket.get(r.bucket, (0, ZERO))
                by_bucket[r.bucket] = (n + r.n, amount + r.amount)
                count += r.n
                total += r.amount
                disputed_count += r.n if r.disputed else 0
                if r.past_due and not r.disputed:
                    overdue_count += r.n
                    overdue_total += r.amount
            top = (
                await session.execute(
                    sa.select(
                        open_rows.c.debtor_vat,
                        sa.func.max(open_rows.c.debtor_name).label("name"),
                        sa.func.count().label("n"),
                        sa.func.sum(open_rows.c.outstanding).label("outstanding"),
                        sa.func.coalesce(
                            sa.func.sum(open_rows.c.outstanding).filter(overdue), 0
                        ).label("overdue"),
                        sa.func.coalesce(sa.func.max(late).filter(overdue), 0).label("oldest"),
                        sa.func.count().over().label("debtor_count"),
                    )
                    .group_by(open_rows.c.debtor_vat)
                    .order_by(sa.desc("outstanding"), open_rows.c.debtor_vat)
                    .limit(debtors)
                )
            ).all()
            exposures = tuple(
                Exposure(r.debtor_vat, r.name, r.n, r.outstanding, r.overdue, int(r.oldest))
                for r in top
            )
            invoiced = (
                await session.execute(
                    sa.select(sa.func.coalesce(sa.func.sum(invoices.c.amount), 0)).where(
                        mine,
                        invoices.c.issue_date > as_of - timedelta(days=DSO_WINDOW_DAYS),
                        invoices.c.issue_date <= as_of,
                    )
                )
            ).scalar_one()
            settled = mine, invoices.c.settled_on > as_of - timedelta(days=PAID_WINDOW_DAYS)
            days = invoices.c.settled_on - invoices.c.issue_date
            beyond = invoices.c.settled_on - invoices.c.due_date
            paid = (
                await session.execute(
                    sa.select(
                        sa.func.count(),
                        sa.func.coalesce(sa.func.avg(days), 0),
                        sa.func.coalesce(sa.func.avg(sa.func.greatest(beyond, 0)), 0),
                        sa.func.coalesce(sa.func.avg(sa.case((beyond > 0, 1.0), else_=0.0)), 0),
                    ).where(*settled)
                )
            ).one()
            recorded = await session.execute(
                sa.select(
                    invoices.c.id,
                    invoices.c.invoice_number,
                    invoices.c.debtor_vat,
                    invoices.c.debtor_name,
                    invoices.c.amount,
                    invoices.c.recorded_at,
                )
                .where(mine)
                .order_by(invoices.c.recorded_at.desc(), invoices.c.id.desc())
                .limit(activity)
            )
            events = [
                Event("recorded", str(r.id), r.invoice_number, r.debtor_vat, r.debtor_name,
                      r.amount, r.recorded_at)
                for r in recorded
            ]  # fmt: skip
            # The latest payments are among those of the invoices paid into last.
            last_paid = (
                sa.select(
                    invoices.c.id,
                    invoices.c.invoice_number,
                    invoices.c.debtor_vat,
                    invoices.c.debtor_name,
                )
                .where(mine, invoices.c.last_payment_at.is_not(None))
                .order_by(invoices.c.last_payment_at.desc())
                .limit(activity)
                .cte("last_paid")
            )
            payments_made = await session.execute(
                sa.select(
                    last_paid.c.id,
                    last_paid.c.invoice_number,
                    last_paid.c.debtor_vat,
                    last_paid.c.debtor_name,
                    payments.c.amount,
                    payments.c.recorded_at,
                )
                .join(last_paid, last_paid.c.id == payments.c.invoice_id)
                .order_by(payments.c.recorded_at.desc(), payments.c.id.desc())
                .limit(activity)
            )
            events += [
                Event("paid", str(r.id), r.invoice_number, r.debtor_vat, r.debtor_name,
                      r.amount, r.recorded_at)
                for r in payments_made
            ]  # fmt: skip
        events.sort(key=lambda e: e.at, reverse=True)
        outstanding = Decimal(total).quantize(ZERO)
        invoiced_90 = Decimal(invoiced).quantize(ZERO)
        return Summary(
            as_of=as_of,
            open_invoices=count,
            outstanding=outstanding,
            overdue_invoices=overdue_count,
            overdue=Decimal(overdue_total).quantize(ZERO),
            disputed_invoices=disputed_count,
            debtor_count=top[0].debtor_count if top else 0,
            ageing=tuple(
                Bucket(
                    label,
                    first,
                    last,
                    by_bucket[label][0] if label in by_bucket else 0,
                    Decimal(by_bucket[label][1]).quantize(ZERO) if label in by_bucket else ZERO,
                )
                for label, first, last in AGEING
            ),
            invoiced_90_days=invoiced_90,
            dso_days=(
                round(float(outstanding / invoiced_90) * DSO_WINDOW_DAYS, 1)
                if invoiced_90 > 0
                else None
            ),
            debtors=exposures,
            activity=tuple(events[:activity]),
            paid_invoices=paid[0],
            avg_days_to_pay=round(float(paid[1]), 1),
            avg_days_late=round(float(paid[2]), 1),
            late_share=round(float(paid[3]), 3),
        )
