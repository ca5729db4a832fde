"""uploadInvoice -> ocr.requested -> OCR worker -> ocr.completed -> draft -> confirmInvoice."""

from __future__ import annotations

import asyncio
import io
import json
import os
import shutil
from typing import Any

import httpx
import pytest
import websockets
from PIL import Image, ImageDraw, ImageFont

from devstack.e2e import Client, Platform, eventually, risk_profile
from devstack.samples import belgian_vat

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
pytestmark = pytest.mark.skipif(
    shutil.which("tesseract") is None or not os.path.exists(FONT),
    reason="needs tesseract-ocr (nld fra deu) and fonts-dejavu-core (.ci/run installs them)",
)
UPLOAD = (
    "mutation($file: Upload!) { uploadInvoice(file: $file) { id status contentType sizeBytes } }"
)
DOCUMENT = """query($id: ID!) { document(id: $id) {
  id status errorCode pageCount
  draft { debtorVat { value confidence box { page x y width height } } debtorName { value }
          invoiceNumber { value } issueDate { value } dueDate { value } totalAmount { value } }
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


def upload(client: Client, content: bytes, name: str = "factuur.jpg") -> httpx.Response:
    return httpx.post(
        client.url,
        headers={"Authorization": f"Bearer {client.key}"},
        data={
            "operations": json.dumps({"query": UPLOAD, "variables": {"file": None}}),
            "map": json.dumps({"0": ["variables.file"]}),
        },
        files={"0": (name, content, "application/octet-stream")},
        timeout=60,
    )


def document(client: Client, doc_id: str) -> dict[str, Any] | None:
    found: dict[str, Any] | None = client.execute(DOCUMENT, {"id": doc_id})["document"]
    return found


async def next_processed(url: str, key: str, ready: asyncio.Event) -> dict[str, Any]:
    ws_url = url.replace("http://", "ws://")
    async with websockets.connect(ws_url, subprotocols=["graphql-transport-ws"]) as ws:  # type: ignore[list-item]
        await ws.send(
            json.dumps({"type": "connection_init", "payload": {"authorization": f"Bearer {key}"}})
        )
        assert json.loads(await ws.recv())["type"] == "connection_ack"
        query = "subscription { documentProcessed { id status draft { totalAmount { value } } } }"
        await ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": {"query": query}}))
        ready.set()
        while True:
            message = json.loads(await asyncio.wait_for(ws.recv(), 120))
            if message["type"] == "next":
                result: dict[str, Any] = message["payload"]["data"]["documentProcessed"]
                return result


def test_an_uploaded_invoice_becomes_a_draft_the_member_confirms(platform: Platform) -> None:
    member_vat, debtor = belgian_vat(), belgian_vat()
    member = platform.new_member("Schrijnwerkerij Wouters BV", member_vat)

    async def scenario() -> tuple[dict[str, Any], dict[str, Any]]:
        ready = asyncio.Event()
        pushed = asyncio.create_task(next_processed(member.url, member.key or "", ready))
        await asyncio.wait_for(ready.wait(), 30)
        response = await asyncio.to_thread(
            upload, member, rendered_invoice(member_vat, debtor, "F2026-1104")
        )
        body = response.json()
        assert "errors" not in body, body
        return body["data"]["uploadInvoice"], await asyncio.wait_for(pushed, 150)

    uploaded, pushed = asyncio.run(scenario())
    assert uploaded["status"] == "PROCESSING" and uploaded["contentType"] == "image/jpeg"
    assert pushed == {
        "id": uploaded["id"],
        "status": "READY",
        "draft": {"totalAmount": {"value": "3146.00"}},
    }

    draft = document(member, uploaded["id"])
    assert draft is not None and draft["status"] == "READY"
    fields = draft["draft"]
    assert fields["debtorVat"]["value"] == debtor  # the customer, not the member's own VAT
    assert 0 < fields["debtorVat"]["confidence"] <= 1 and fields["debtorVat"]["box"]["width"] > 0
    assert fields["invoiceNumber"]["value"] == "F2026-1104"
    assert (fields["issueDate"]["value"], fields["dueDate"]["value"]) == (
        "2026-11-04",
        "2026-12-04",
    )

    invoice = member.execute(
        CONFIRM, {"id": uploaded["id"], "fix": {"debtorName": "Hotel De Zwaan"}}
    )
    confirmed = invoice["confirmInvoice"]
    assert confirmed["debtor"] == {"vat": debtor}
    assert confirmed["debtorName"] == "Hotel De Zwaan"  # the correction wins
    assert confirmed["amount"] == {"amount": "3146.00"}
    assert document(member, uploaded["id"])["status"] == "CONFIRMED"  # type: ignore[index]
    assert eventually(lambda: risk_profile(member, debtor))["invoiceCount"] == 1
    again = member.errors(CONFIRM, {"id": uploaded["id"]})
    assert again[0]["extensions"]["code"] == "DOCUMENT_NOT_READY"


def test_documents_are_private_and_can_be_rejected(platform: Platform) -> None:
    owner_vat = belgian_vat()
    owner = platform.new_member("Eigenaar BV", owner_vat)
    other = platform.new_member("Andere BV", belgian_vat())
    doc_id = upload(owner, rendered_invoice(owner_vat, belgian_vat(), "R-1")).json()["data"][
        "uploadInvoice"
    ]["id"]
    assert document(other, doc_id) is None
    stolen = other.errors(CONFIRM, {"id": doc_id})
    assert stolen[0]["extensions"]["code"] == "DOCUMENT_NOT_FOUND"
    rejected = owner.execute(
        "mutation($id: ID!) { rejectDocument(documentId: $id) { status } }", {"id": doc_id}
    )
    assert rejected["rejectDocument"]["status"] == "REJECTED"


def test_hostile_uploads_get_typed_errors_and_lose_nothing(platform: Platform) -> None:
    member = platform.new_member("Vijandig BV", belgian_vat())
    not_a_document = upload(member, b"MZ\x90\x00 this is an executable", "factuur.pdf").json()
    assert not_a_document["errors"][0]["extensions"]["code"] == "UNSUPPORTED_TYPE"
    empty = upload(member, b"", "leeg.png").json()
    assert empty["errors"][0]["extensions"]["code"] == "EMPTY"
    too_big = upload(member, b"%PDF-1.7\n" + b"0" * (10 * 1024 * 1024), "groot.pdf")
    assert (
        too_big.status_code == 413
        or too_big.json()["errors"][0]["extensions"]["code"] == "PAYLOAD_TOO_LARGE"
    )
    truncated = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 30
    doc_id = upload(member, truncated, "kapot.png").json()["data"]["uploadInvoice"]["id"]
    failed = eventually(
        lambda: (d := document(member, doc_id)) and d["status"] == "FAILED" and d, timeout=90
    )
    assert failed["errorCode"] == "corrupt" and failed["draft"] is None
    ok = member.execute("{ invoices { items { id } } }")  # the platform still answers
    assert ok["invoices"]["items"] == []
