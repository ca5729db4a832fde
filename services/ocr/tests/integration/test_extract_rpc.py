"""The Extract RPC over real gRPC, with Tesseract in the worker process pool."""

from __future__ import annotations

import io
import os
import shutil
from collections.abc import AsyncIterator
from typing import Any

import grpc
import grpc.aio
import pytest
from PIL import Image, ImageDraw, ImageFont

import ocr.bootstrap
from chassis.grpc_server import channel, error_code
from chassis.run import Running, started
from devstack.servers import caller_metadata
from devstack.testing import Databases
from kmo.ocr.v1 import ocr_pb2, ocr_pb2_grpc
from ocr.settings import Settings

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def member() -> tuple[tuple[str, str], ...]:
    return caller_metadata("invoices:write", "tenant-1")


pytestmark = pytest.mark.skipif(
    shutil.which("tesseract") is None or not os.path.exists(FONT),
    reason="needs tesseract-ocr (nld fra deu) and fonts-dejavu-core (.ci/run installs them)",
)


def invoice_png() -> bytes:
    lines = [
        (150, 150, "Drukkerij Peeters BV", 60),
        (150, 240, "BTW BE 0403.019.261", 42),
        (1500, 150, "FACTUUR", 80),
        (1400, 600, "Klant:", 42),
        (1400, 660, "Bakkerij Janssens BV", 42),
        (1400, 720, "BTW BE 0123.456.749", 42),
        (150, 1100, "Factuurnummer: F2026-0777", 42),
        (150, 1160, "Factuurdatum: 02/11/2026", 42),
        (150, 1220, "Vervaldatum: 02/12/2026", 42),
        (1300, 1890, "Te betalen", 46),
        (1950, 1890, "€ 2.420,00", 46),
    ]
    image = Image.new("L", (2480, 3508), 255)
    draw = ImageDraw.Draw(image)
    for x, y, text, px in lines:
        draw.text((x, y), text, fill=0, font=ImageFont.truetype(FONT, px))
    out = io.BytesIO()
    image.save(out, format="PNG", dpi=(300, 300))
    return out.getvalue()


@pytest.fixture(scope="module")
async def service(
    databases: Databases, nats_url: str, nats_namespace: str
) -> AsyncIterator[Running]:
    settings = Settings(
        database_url=databases.fresh("ocr_rpc"),
        nats_url=nats_url,
        nats_namespace=f"{nats_namespace}ocrrpc",
        grpc_host="127.0.0.1",
        grpc_port=0,
        processes=1,
    )
    async with started(ocr.bootstrap.build(), settings) as running:
        yield running


@pytest.fixture(scope="module")
async def stub(service: Running) -> AsyncIterator[Any]:
    ch = channel(f"127.0.0.1:{service.grpc_port}", "kmo.ocr.v1.OcrService")
    yield ocr_pb2_grpc.OcrServiceStub(ch)
    await ch.close()


async def test_extracts_the_debtor_and_totals_from_a_rendered_invoice(stub: Any) -> None:
    reply = await stub.Extract(
        ocr_pb2.ExtractRequest(document=invoice_png(), tenant_vat="BE0403019261"),
        metadata=member(),
        timeout=60,
    )
    inv = reply.invoice
    assert reply.page_count == 1
    assert inv.debtor_vat.value == "BE0123456749"  # the customer, not the member itself
    assert inv.seller_vat.value == "BE0403019261"
    assert reply.debtor.vat == "BE0123456749" and reply.debtor.country == "BE"
    assert inv.total_amount.value == "2420.00"
    assert inv.invoice_number.value == "F2026-0777"
    assert (inv.issue_date.value, inv.due_date.value) == ("2026-11-02", "2026-12-02")
    assert 0 < inv.debtor_vat.confidence <= 1 and inv.debtor_vat.box.width > 0


async def test_hostile_documents_get_a_typed_refusal_and_the_service_stays_up(stub: Any) -> None:
    cases = {
        b"%PDF-1.7 truncated": "corrupt",
        os.urandom(4096): "unsupported_type",
        b"\x89PNG\r\n\x1a\n" + b"\x00" * (10 * 1024 * 1024): "too_large",
    }
    for document, code in cases.items():
        with pytest.raises(grpc.aio.AioRpcError) as refused:
            await stub.Extract(
                ocr_pb2.ExtractRequest(document=document), metadata=member(), timeout=60
            )
        assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT
        assert error_code(refused.value) == code, (code, refused.value.details())
    still_up = await stub.Extract(
        ocr_pb2.ExtractRequest(document=invoice_png()), metadata=member(), timeout=60
    )
    assert still_up.invoice.total_amount.value == "2420.00"


async def test_extraction_needs_the_invoices_write_scope(stub: Any) -> None:
    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await stub.Extract(
            ocr_pb2.ExtractRequest(document=invoice_png()),
            metadata=caller_metadata("risk:read", "t"),
            timeout=30,
        )
    assert refused.value.code() == grpc.StatusCode.PERMISSION_DENIED
    assert error_code(refused.value) == "forbidden"


async def test_a_call_the_gateway_did_not_sign_is_refused(stub: Any) -> None:
    unsigned = (("kmo-tenant-id", "tenant-1"), ("kmo-scopes", "admin"))
    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await stub.Extract(
            ocr_pb2.ExtractRequest(document=invoice_png()), metadata=unsigned, timeout=30
        )
    assert refused.value.code() == grpc.StatusCode.UNAUTHENTICATED
    assert error_code(refused.value) == "unsigned_call"
