"""Results of the bulk mutations: one outcome per input, in input order."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import strawberry

from gateway.entrypoints.graphql.types.invoice import Invoice
from kmo.ingest.v1 import ingest_pb2


@strawberry.type(description="Why one input of a bulk call was not accepted.")
class ItemError:
    code: str = strawberry.field(
        description="the code a single call would give: INVALID_VAT, DUPLICATE_INVOICE, ..."
    )
    message: str


@strawberry.type(description="The outcome of one input: an invoice or an error, never both.")
class BulkInvoiceItem:
    index: int = strawberry.field(description="position of the input, from 0")
    invoice: Invoice | None
    error: ItemError | None


# ``SubmitInvoiceResult`` and ``RecordPaymentResult`` have the same shape.
ItemResult = ingest_pb2.SubmitInvoiceResult | ingest_pb2.RecordPaymentResult


@strawberry.type(description="What a bulk mutation did with each input.")
class BulkInvoiceResult:
    results: list[BulkInvoiceItem] = strawberry.field(description="one per input, in order")
    accepted: int
    rejected: int

    # A loader of thousands of invoices needs only ids and the few errors; selecting them
    # is several times cheaper to serve than 500 `results` objects.
    @strawberry.field(description="per input, the id of its invoice; null where rejected")
    def invoice_ids(self) -> list[strawberry.ID | None]:
        return [None if i.invoice is None else i.invoice.id for i in self.results]

    @strawberry.field(description="only the rejected inputs")
    def errors(self) -> list[BulkInvoiceItem]:
        return [i for i in self.results if i.error is not None]

    @classmethod
    def merge(
        cls, size: int, early: dict[int, ItemError], sent: Sequence[ItemResult]
    ) -> BulkInvoiceResult:
        """Inputs the gateway refused itself (``early``) and, in order, the backend's results
        for the others."""
        backend = iter(sent)
        items = []
        for index in range(size):
            if index in early:
                items.append(BulkInvoiceItem(index=index, invoice=None, error=early[index]))
                continue
            result = next(backend)
            if result.error_code:
                error = ItemError(code=result.error_code.upper(), message=result.error_message)
                items.append(BulkInvoiceItem(index=index, invoice=None, error=error))
            else:
                invoice = Invoice.from_proto(result.invoice)
                items.append(BulkInvoiceItem(index=index, invoice=invoice, error=None))
        return cls.of(items)

    @classmethod
    def of(cls, items: Iterable[BulkInvoiceItem]) -> BulkInvoiceResult:
        found = list(items)
        accepted = sum(1 for i in found if i.error is None)
        return cls(results=found, accepted=accepted, rejected=len(found) - accepted)
