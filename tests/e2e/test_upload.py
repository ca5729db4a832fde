"""uploadInvoice -> ocr.requested -> OCR worker -> ocr.completed -> draft -> confirmInvoice."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from devstack.e2e import (
    CONFIRM,
    NEEDS_OCR,
    Platform,
    document,
    eventually,
    rendered_invoice,
    risk_profile,
    stored_bytes,
    subscription,
    upload,
)
from devstack.samples import belgian_vat

pytestmark = NEEDS_OCR


async def next_processed(url: str, key: str, ready: asyncio.Event) -> dict[str, Any]:
    query = "subscription { documentProcessed { id status draft { totalAmount { value } } } }"
    async with subscription(url, key, query) as ws:
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
    assert fields["sellerName"]["value"] == "Schrijnwerkerij Wouters BV"
    assert fields["sellerIsMember"] is True  # a sales invoice of the member's own
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
    doc = document(member, uploaded["id"])
    assert doc is not None and doc["status"] == "CONFIRMED"
    assert stored_bytes(platform, uploaded["id"]) is None  # the image is gone once confirmed
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
    assert stored_bytes(platform, doc_id) is not None  # kept while the member decides
    assert document(other, doc_id) is None
    listed = "query($s: [DocumentStatus!]) { documents(filter: {statuses: $s}) { nodes { id } } }"
    assert other.execute(listed) == {"documents": {"nodes": []}}
    assert owner.execute(listed)["documents"]["nodes"] == [{"id": doc_id}]
    stolen = other.errors(CONFIRM, {"id": doc_id})
    assert stolen[0]["extensions"]["code"] == "DOCUMENT_NOT_FOUND"
    rejected = owner.execute(
        "mutation($id: ID!) { rejectDocument(documentId: $id) { status } }", {"id": doc_id}
    )
    assert rejected["rejectDocument"]["status"] == "REJECTED"
    assert stored_bytes(platform, doc_id) is None
    assert owner.execute(listed, {"s": ["REJECTED"]})["documents"]["nodes"] == [{"id": doc_id}]
    assert owner.execute(listed, {"s": ["READY", "PROCESSING"]}) == {"documents": {"nodes": []}}


def test_a_purchase_invoice_uploaded_by_mistake_is_flagged(platform: Platform) -> None:
    member_vat, supplier = belgian_vat(), belgian_vat()
    member = platform.new_member("Hotel De Zwaan NV", member_vat)
    # The member is the customer here: the supplier's invoice to it.
    doc_id = upload(member, rendered_invoice(supplier, member_vat, "A-77")).json()["data"][
        "uploadInvoice"
    ]["id"]
    ready = eventually(
        lambda: (d := document(member, doc_id)) and d["status"] == "READY" and d, timeout=120
    )
    assert ready["draft"]["sellerVat"]["value"] == supplier
    assert ready["draft"]["sellerIsMember"] is False


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
    ok = member.execute("{ invoices { nodes { id } } }")  # the platform still answers
    assert ok["invoices"]["nodes"] == []
