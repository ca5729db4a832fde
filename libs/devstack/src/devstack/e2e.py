"""Helpers for end-to-end tests: a GraphQL client per API key, and waiting for events."""

from __future__ import annotations

import asyncio
import io
import json
import os
import shutil
import time
import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest
import websockets
from PIL import Image, ImageDraw, ImageFont

from chassis.blobs import BlobStore
from chassis.messaging import Namespace, connect
from devstack.stack import Stack


class GraphQLError(AssertionError):
    pass


class Client:
    """A GraphQL client holding one API key."""

    def __init__(self, url: str, key: str | None) -> None:
        self.url = url
        self.key = key

    def post(self, query: str, variables: dict[str, Any] | None = None) -> httpx.Response:
        headers = {"Authorization": f"Bearer {self.key}"} if self.key else {}
        return httpx.post(
            self.url,
            json={"query": query, "variables": variables or {}},
            headers=headers,
            timeout=30,
        )

    def execute(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        """The ``data`` of a successful response; raises on any GraphQL error."""
        body = self.post(query, variables).json()
        if body.get("errors"):
            raise GraphQLError(json.dumps(body["errors"]))
        data: dict[str, Any] = body["data"]
        return data

    def errors(self, query: str, variables: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        body = self.post(query, variables).json()
        assert body.get("errors"), f"expected errors, got {body}"
        errs: list[dict[str, Any]] = body["errors"]
        return errs


class Platform:
    def __init__(self, stack: Stack) -> None:
        self.stack = stack

    def new_member(self, name: str, vat: str) -> Client:
        out = json.loads(self.stack.admin("create-member", "--name", name, "--vat", vat).stdout)
        return Client(self.stack.gateway_url, out["api_key"])

    def partner(self, *scopes: str, name: str = "Test Insurer") -> Client:
        args = ["create-key", "--partner", name]
        for s in scopes:
            args += ["--scope", s]
        return Client(self.stack.gateway_url, json.loads(self.stack.admin(*args).stdout)["api_key"])

    def anonymous(self) -> Client:
        return Client(self.stack.gateway_url, None)


@asynccontextmanager
async def subscription(
    url: str, key: str, query: str, variables: dict[str, Any] | None = None
) -> AsyncIterator[Any]:
    """A graphql-transport-ws connection, authenticated in connection_init and with one
    operation ("1") subscribed: read its messages from the socket."""
    async with websockets.connect(
        url.replace("http://", "ws://"),
        subprotocols=["graphql-transport-ws"],  # type: ignore[list-item]
    ) as ws:
        init = {"authorization": f"Bearer {key}"}
        await ws.send(json.dumps({"type": "connection_init", "payload": init}))
        assert json.loads(await ws.recv())["type"] == "connection_ack"
        payload = {"query": query, "variables": variables or {}}
        await ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": payload}))
        yield ws


def eventually(check: Callable[[], Any], timeout: float = 20.0, interval: float = 0.2) -> Any:
    """Retry ``check`` until it returns a truthy value (events are asynchronous)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            result = check()
            if result:
                return result
        except (AssertionError, KeyError, TypeError):
            if time.monotonic() > deadline:
                raise
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout} s (last: {result!r})")
        time.sleep(interval)


def unique_ref(prefix: str = "INV") -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


SUBMIT = """
mutation($input: SubmitInvoiceInput!) {
  submitInvoice(input: $input) {
    id status invoiceNumber debtor { vat country } amount { amount currency }
  }
}"""
PAY = """
mutation($input: RecordPaymentInput!) {
  recordPayment(input: $input) { id status paidDate paidAmount { amount } }
}"""
RISK = """
query($vat: String!) {
  company(vat: $vat) {
    vat country
    riskProfile { score level invoiceCount paidCount supplierCount avgDaysLate avgDaysToPay }
  }
}"""


def submit_invoice(client: Client, vat: str, **overrides: Any) -> dict[str, Any]:
    invoice = {
        "debtorVat": vat,
        "debtorName": "Testbedrijf BV",
        "invoiceNumber": unique_ref(),
        "issueDate": "2026-09-01",
        "dueDate": "2026-10-01",
        "amount": "1500.00",
        **overrides,
    }
    created: dict[str, Any] = client.execute(SUBMIT, {"input": invoice})["submitInvoice"]
    return created


def risk_profile(client: Client, vat: str) -> dict[str, Any] | None:
    found: dict[str, Any] | None = client.execute(RISK, {"vat": vat})["company"]["riskProfile"]
    return found


# --- uploads -----------------------------------------------------------------------------

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
NEEDS_OCR = pytest.mark.skipif(
    shutil.which("tesseract") is None or not os.path.exists(FONT),
    reason="needs tesseract-ocr (nld fra deu) and fonts-dejavu-core (.ci/run installs them)",
)
UPLOAD = (
    "mutation($file: Upload!) { uploadInvoice(file: $file) { id status contentType sizeBytes } }"
)
DOCUMENT = """query($id: ID!) { document(id: $id) {
  id status errorCode pageCount
  draft { debtorVat { value confidence box { page x y width height } } debtorName { value }
          invoiceNumber { value } issueDate { value } dueDate { value } totalAmount { value }
          sellerName { value } sellerVat { value } sellerIsMember }
} }"""
CONFIRM = """mutation($id: ID!, $fix: InvoiceCorrectionsInput) {
  confirmInvoice(documentId: $id, corrections: $fix) {
    id invoiceNumber debtorName debtor { vat } amount { amount } issueDate dueDate }
}"""


def rendered_invoice(member_vat: str, debtor_vat: str, number: str) -> bytes:
    def spaced(vat: str) -> str:
        return f"{vat[:2]} {vat[2:6]}.{vat[6:9]}.{vat[9:]}"

    lines = [
        (150, 150, "Schrijnwerkerij Wouters BV", 60),
        (150, 240, f"BTW {spaced(member_vat)}", 42),
        (1500, 150, "FACTUUR", 80),
        (1400, 600, "Klant:", 42),
        (1400, 660, "Hotel De Zwaan NV", 42),
        (1400, 720, f"BTW {spaced(debtor_vat)}", 42),
        (150, 1100, f"Factuurnummer: {number}", 42),
        (150, 1160, "Factuurdatum: 04/11/2026", 42),
        (150, 1220, "Vervaldatum: 04/12/2026", 42),
        (1300, 1890, "Te betalen", 46),
        (1950, 1890, "€ 3.146,00", 46),
    ]
    image = Image.new("L", (2480, 3508), 255)
    draw = ImageDraw.Draw(image)
    for x, y, text, px in lines:
        draw.text((x, y), text, fill=0, font=ImageFont.truetype(FONT, px))
    out = io.BytesIO()
    image.convert("RGB").save(out, format="JPEG", quality=90, dpi=(300, 300))
    return out.getvalue()


def upload(
    client: Client, content: bytes, name: str = "factuur.jpg", query: str = UPLOAD
) -> httpx.Response:
    """A GraphQL multipart request with ``content`` as the ``$file`` variable."""
    return httpx.post(
        client.url,
        headers={"Authorization": f"Bearer {client.key}"},
        data={
            "operations": json.dumps({"query": query, "variables": {"file": None}}),
            "map": json.dumps({"0": ["variables.file"]}),
        },
        files={"0": (name, content, "application/octet-stream")},
        timeout=60,
    )


def stored_bytes(platform: Platform, doc_id: str) -> bytes | None:
    """What ingest's document store still holds for a document (read straight from NATS)."""

    async def read() -> bytes | None:
        nc = await connect(platform.stack.config.nats_url, "e2e-check")
        try:
            ns = Namespace(platform.stack.config.namespace)
            store = await asyncio.wait_for(BlobStore.bind(nc.jetstream(), ns, "DOCUMENTS"), 10)
            return await store.get(doc_id)
        finally:
            await nc.close()

    return asyncio.run(read())


def document(client: Client, doc_id: str) -> dict[str, Any] | None:
    found: dict[str, Any] | None = client.execute(DOCUMENT, {"id": doc_id})["document"]
    return found


def pdf(attachments: dict[str, bytes] | None = None) -> bytes:
    """A blank one-page PDF with files attached, as Factur-X and ZUGFeRD tools write them."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    for name, data in (attachments or {}).items():
        writer.add_attachment(name, data)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
