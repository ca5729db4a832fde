"""Accounting-software CSV exports of invoices into submit commands, streamed.

Detected from the file (or stated): the encoding (UTF-8 with or without BOM, else
Windows-1252) and the delimiter (``;``, ``,``, tab or ``|``); dates are day first
(Benelux) unless the caller says month first, ISO dates always read. Amounts may use a decimal comma
("1.234,56") or point ("1,234.56"). Headers are recognised in Dutch, French and English
(``HEADERS``); anything else is mapped explicitly. Each bad row is reported with its
line number and a typed reason; the good rows go on.
"""

from __future__ import annotations

import codecs
import csv
import functools
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from benelux.text import shown
from ingest.domain import commands
from ingest.domain.errors import IngestError, InvalidImport, InvalidInvoice
from ingest.domain.imports import ImportedPayment

ENCODINGS = frozenset({"utf-8", "utf-8-sig", "cp1252", "latin-1", "iso-8859-15"})
MAX_LINE = 10_000  # characters: a longer "row" is not an export of invoices
SAMPLE = 64 * 1024

# Column names as Dutch, French and English accounting exports write them (compared
# without accents, case, spaces and punctuation).
HEADERS: dict[str, tuple[str, ...]] = {
    "invoice_number": (
        "factuurnummer", "factuurnr", "factuur", "nummer", "numero de facture", "n facture",
        "n de facture", "no de facture", "no facture", "numero facture", "facture",
        "invoice number", "invoice no", "invoice", "number",
    ),
    "debtor_vat": (
        "btw nummer", "btwnummer", "btw nr", "btw", "ondernemingsnummer", "n tva", "no tva",
        "numero de tva", "tva", "numero d entreprise", "vat number", "vat", "vat id",
        "customer vat", "klant btw",
    ),
    "debtor_name": (
        "klant", "klantnaam", "debiteur", "naam", "client", "nom du client", "nom", "customer",
        "customer name", "debtor", "name",
    ),
    "issue_date": (
        "factuurdatum", "datum", "date de facture", "date facture", "date", "invoice date",
        "issue date",
    ),
    "due_date": (
        "vervaldatum", "vervaldag", "date d echeance", "echeance", "due date", "due",
    ),
    "amount": (
        "bedrag", "totaal", "totaal incl btw", "te betalen", "montant", "montant ttc",
        "total", "amount", "total amount", "amount due",
    ),
    "currency": ("munt", "valuta", "devise", "currency"),
    "paid_date": (
        "betaaldatum", "datum betaling", "betaald op", "betaaldag", "date de paiement",
        "date paiement", "date de reglement", "paye le", "paid date", "payment date",
        "date paid", "paid on",
    ),
    "debtor_sector": ("sector", "nace", "nacebel", "secteur", "activity"),
}  # fmt: skip
REQUIRED = ("invoice_number", "debtor_vat", "issue_date", "due_date", "amount")
# A payments export: the invoice by its number, the day it was paid, and the amount (empty
# or absent: what is still open). A lone "date" column is the paid date there.
PAYMENT_REQUIRED = ("invoice_number", "paid_date")


def _key(header: str) -> str:
    text = unicodedata.normalize("NFKD", header).encode("ascii", "ignore").decode().lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


_LOOKUP = {_key(name): field for field, names in HEADERS.items() for name in names}


@dataclass(frozen=True, slots=True)
class Options:
    """What the caller states instead of letting the file be sniffed."""

    encoding: str | None = None  # "utf-8", "cp1252"
    delimiter: str | None = None
    day_first: bool = True
    columns: Mapping[str, str] | None = None  # the file's header -> our field


@dataclass(frozen=True, slots=True)
class Row:
    line: int
    command: Any  # a SubmitInvoice or an ImportedPayment; None when refused
    error: IngestError | None

    @property
    def item(self) -> Any:
        """The row as an import takes it: what it asks, or why it was refused."""
        return self.command if self.error is None else self.error


def decoded(chunks: Iterable[bytes], encoding: str | None = None) -> Iterator[str]:
    """The file's text, chunk by chunk: UTF-8 (a BOM is dropped) unless its first chunk is
    not UTF-8, then Windows-1252 (the usual Benelux accounting export)."""
    it = iter(chunks)
    first = b""
    for chunk in it:  # enough bytes to judge the encoding
        first += chunk
        if len(first) >= SAMPLE:
            break
    if encoding is None:
        try:
            first.decode("utf-8")
            encoding = "utf-8-sig"
        except UnicodeDecodeError as exc:
            # A multi-byte character cut at the sample's end is still UTF-8.
            encoding = "utf-8-sig" if exc.start >= len(first) - 3 else "cp1252"
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    yield decoder.decode(first)
    for chunk in it:
        yield decoder.decode(chunk)
    yield decoder.decode(b"", final=True)


def _lines(texts: Iterable[str]) -> Iterator[str]:
    """The text's lines; a "line" running past MAX_LINE characters is cut there (the row is
    refused as too long), so a file without line breaks cannot fill the memory."""
    pending = ""
    texts = iter(texts)
    for text in texts:
        pending += text
        *whole, pending = pending.split("\n")
        for line in whole:
            yield line + "\n"
        if len(pending) > MAX_LINE:
            yield pending  # refused as too long; the rest of it until its line break goes
            pending = ""
            for text in texts:
                _, newline, pending = text.partition("\n")
                if newline:
                    break
            else:
                return
            *whole, pending = pending.split("\n")
            for line in whole:
                yield line + "\n"
    if pending:
        yield pending


def parse_amount(raw: str) -> str:
    """ "1.234,56", "1 234,56", "1,234.56", "€ 1234.56" -> "1234.56"."""
    text = re.sub(r"[\s\u00a0€$]|EUR", "", raw.strip(), flags=re.IGNORECASE)
    if "," in text and "." in text:
        text = (
            text.replace(".", "").replace(",", ".")
            if text.rfind(",") > text.rfind(".")
            else (text.replace(",", ""))
        )
    elif "," in text:
        head, _, tail = text.rpartition(",")
        text = f"{head.replace(',', '')}.{tail}" if len(tail) != 3 else head + tail
    return text


_DATE = re.compile(r"^(\d{1,4})[-/.](\d{1,2})[-/.](\d{1,4})$")


@functools.lru_cache(maxsize=8192)  # a ledger's dates repeat
def parse_date(raw: str, day_first: bool = True) -> date:
    text = raw.strip()
    found = _DATE.match(text)
    if not found:
        raise InvalidInvoice(f"{shown(text)} is not a date")
    a, b, c = (int(x) for x in found.groups())
    try:
        if len(found.group(1)) == 4:
            return date(a, b, c)  # ISO
        year = c + 2000 if c < 100 else c
        return date(year, b, a) if day_first else date(year, a, b)
    except ValueError as exc:
        raise InvalidInvoice(f"{shown(text)} is not a date") from exc


def invoice_rows(
    chunks: Iterable[bytes], tenant_id: str, options: Options = Options(), member_vat: str = ""
) -> Iterator[Row]:
    """Every data row of an invoices export as a command, or why not; streamed."""

    def build(fields: Mapping[str, str]) -> commands.SubmitInvoice:
        return _command(fields, tenant_id, options.day_first, member_vat)

    return _rows(chunks, options, REQUIRED, {}, build)


def payment_rows(
    chunks: Iterable[bytes], tenant_id: str, options: Options = Options()
) -> Iterator[Row]:
    """Every data row of a payments export as a payment, or why not; streamed."""

    def build(fields: Mapping[str, str]) -> ImportedPayment:
        for f in PAYMENT_REQUIRED:
            if not fields.get(f):
                raise InvalidInvoice(f"{f.replace('_', ' ')} is empty")
        amount = fields.get("amount", "")
        return ImportedPayment(
            tenant_id=tenant_id,
            invoice_number=fields["invoice_number"],
            paid_date=parse_date(fields["paid_date"], options.day_first),
            amount=parse_amount(amount) if amount else None,
        )

    return _rows(chunks, options, PAYMENT_REQUIRED, {"issue_date": "paid_date"}, build)


def _rows(
    chunks: Iterable[bytes],
    options: Options,
    required: tuple[str, ...],
    fallback: Mapping[str, str],
    build: Callable[[Mapping[str, str]], Any],
) -> Iterator[Row]:
    lines = _lines(decoded(chunks, options.encoding))
    header_line = next(lines, "")
    delimiter = options.delimiter or _delimiter(header_line)
    header = next(csv.reader([header_line], delimiter=delimiter), [])
    mapping = _mapping(header, options.columns)
    for was, becomes in fallback.items():  # e.g. a payments file's "Datum" is the paid date
        if becomes not in mapping.values():
            mapping = {i: becomes if f == was else f for i, f in mapping.items()}
    missing = [f for f in required if f not in mapping.values()]
    if missing:
        raise InvalidImport(
            f"no column for {', '.join(f.replace('_', ' ') for f in missing)}: name them "
            "(see the recognised headers) or map them explicitly"
        )
    wanted = sorted(mapping.items())
    for number, line in enumerate(lines, start=2):
        if len(line) > MAX_LINE:
            yield Row(number, None, InvalidInvoice(f"line longer than {MAX_LINE} characters"))
            continue
        if not line.strip():
            continue
        # Most rows quote nothing: a split is what the csv module would read, ten times faster.
        values = (
            line.rstrip("\r\n").split(delimiter)
            if '"' not in line
            else next(csv.reader([line], delimiter=delimiter), [])
        )
        n = len(values)
        fields = {field: values[i].strip() for i, field in wanted if i < n}
        try:
            yield Row(number, build(fields), None)
        except IngestError as exc:
            yield Row(number, None, exc)


def _delimiter(header_line: str) -> str:
    counts = {d: header_line.count(d) for d in (";", ",", "\t", "|")}
    return max(counts, key=lambda d: counts[d]) if any(counts.values()) else ";"


def _mapping(header: list[str], explicit: Mapping[str, str] | None) -> dict[int, str]:
    wanted = {_key(k): v for k, v in (explicit or {}).items()}
    out: dict[int, str] = {}
    for i, name in enumerate(header):
        field = wanted.get(_key(name)) or _LOOKUP.get(_key(name))
        if field and field not in out.values():
            out[i] = field
    return out


def _command(
    fields: Mapping[str, str], tenant_id: str, day_first: bool, member_vat: str
) -> commands.SubmitInvoice:
    for f in REQUIRED:
        if not fields.get(f):
            raise InvalidInvoice(f"{f.replace('_', ' ')} is empty")
    return commands.SubmitInvoice(
        tenant_id=tenant_id,
        debtor_vat=fields["debtor_vat"],
        debtor_name=fields.get("debtor_name", ""),
        debtor_sector=fields.get("debtor_sector", ""),
        invoice_number=fields["invoice_number"],
        issue_date=parse_date(fields["issue_date"], day_first),
        due_date=parse_date(fields["due_date"], day_first),
        amount=parse_amount(fields["amount"]),
        currency=(fields.get("currency") or "EUR").upper(),
        member_vat=member_vat,
    )
