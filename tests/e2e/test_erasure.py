"""GDPR erasure of a member that leaves the register, checked table by table in every
service's database, and the affected debtor's profile recomputed without it."""

from __future__ import annotations

import json
import time
from datetime import date, timedelta
from typing import Any

import psycopg
import pytest

from devstack.e2e import PAY, Platform, eventually, pdf, risk_profile, upload
from devstack.e2e import submit_invoice as submit
from devstack.samples import belgian_vat
from devstack.servers import libpq_url

pytestmark = pytest.mark.e2e

UPLOAD = "mutation($file: Upload!) { uploadInvoice(file: $file) { id status } }"
IMPORT = "mutation($file: Upload!) { importCsv(file: $file) { id } }"
JOB = "query($id: ID!) { importJob(id: $id) { status } }"


def rows_naming(url: str, needle: str) -> dict[str, int]:
    """Per table of one database, the rows that contain ``needle`` anywhere: as text, or as
    bytes in a binary column (an event payload)."""
    hexed = needle.encode().hex()
    found: dict[str, int] = {}
    with psycopg.connect(libpq_url(url)) as conn:
        tables = [r[0] for r in conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
        )]  # fmt: skip
        for table in tables:
            n = conn.execute(
                f'SELECT count(*) FROM "{table}" t WHERE t::text LIKE %s OR t::text LIKE %s',
                (f"%{needle}%", f"%{hexed}%"),
            ).fetchone()
            if n and n[0]:
                found[table] = n[0]
    return found


def test_an_erased_member_leaves_no_row_behind_and_its_debtor_is_rescored(
    platform: Platform,
) -> None:
    leaving_vat, staying_vat, debtor = belgian_vat(), belgian_vat(), belgian_vat()
    leaving = platform.new_member("Vertrekker BV", leaving_vat)
    staying = platform.new_member("Blijver BV", staying_vat)
    for i in range(3):
        inv = submit(leaving, debtor, invoiceNumber=f"V-{i}", amount="500.00")
        leaving.execute(PAY, {"input": {"invoiceId": inv["id"], "paidDate": "2026-11-20"}})
    submit(staying, debtor, invoiceNumber="B-1", amount="700.00")
    assert upload(leaving, pdf(), "scan.pdf", UPLOAD).json()["data"]
    # Two more from an accounting export: the import job names the member too.
    issued = date.today() - timedelta(days=20)
    export = "Factuurnummer;BTW-nummer;Factuurdatum;Vervaldatum;Bedrag\n" + "".join(
        f"C-{i};{debtor};{issued:%d/%m/%Y};{issued + timedelta(days=30):%d/%m/%Y};300,00\n"
        for i in range(2)
    )
    job = upload(leaving, export.encode(), "export.csv", IMPORT).json()["data"]["importCsv"]
    eventually(
        lambda: leaving.execute(JOB, {"id": job["id"]})["importJob"]["status"] == "DONE",
        timeout=30,
    )
    operator = platform.partner("admin")  # sees exact counts, whoever reported them
    eventually(lambda: (p := risk_profile(operator, debtor)) and p["invoiceCount"] == 6, timeout=30)

    urls = platform.stack.config.database_urls
    with psycopg.connect(libpq_url(urls["gateway"])) as conn:
        row = conn.execute("SELECT id FROM members WHERE vat = %s", (leaving_vat,)).fetchone()
    assert row is not None
    tenant = str(row[0])
    assert rows_naming(urls["ingest"], tenant)  # the check can see the member before

    done = json.loads(platform.stack.admin("erase-member", "--member-vat", leaving_vat).stdout)
    assert (done["invoices"], done["documents"], done["outbox_clean"]) == (5, 1, True)

    profile = eventually(
        lambda: (p := risk_profile(operator, debtor)) and p["invoiceCount"] == 1 and p, timeout=30
    )
    assert profile["supplierCount"] == 1

    def nothing_left() -> dict[str, Any]:
        left = {svc: rows_naming(url, tenant) for svc, url in urls.items()}
        return {svc: t for svc, t in left.items() if t}

    deadline = time.monotonic() + 30  # OCR may still finish the scan: it must drop it
    while (left := nothing_left()) and time.monotonic() < deadline:
        time.sleep(0.5)
    if left.get("ingest", {}).get("outbox"):
        with psycopg.connect(libpq_url(urls["ingest"])) as conn:
            detail = conn.execute(
                "SELECT subject, event_type, created_at, published_at FROM outbox WHERE "
                "position(convert_to(%s, 'UTF8') IN payload) > 0",
                (tenant,),
            ).fetchall()
        raise AssertionError(f"outbox rows still name the member: {detail}")
    assert left == {}
    # Its keys are gone; the gateway's key cache forgets them within its 30 s.
    eventually(
        lambda: leaving.post("{ invoices(first: 1) { nodes { id } } }").status_code == 401,
        timeout=45,
        interval=1.0,
    )
