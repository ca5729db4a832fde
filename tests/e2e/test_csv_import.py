"""Accounting CSV exports through GraphQL, end to end: importCsv streams the file to ingest,
the job runs in the background and is polled with importJob; refused rows by line, a second
import of the same file, a payments export, other tenants and keys, and a file larger than
the JSON request cap."""

from __future__ import annotations

import asyncio
import json
from datetime import date, timedelta
from typing import Any

import httpx
import pytest

from devstack.e2e import Client, Platform, eventually, subscription, unique_ref, upload
from devstack.samples import belgian_vat

pytestmark = pytest.mark.e2e

MiB = 1024 * 1024
IMPORT = """mutation($file: Upload!) { importCsv(file: $file, kind: %s) {
  id kind status filename sizeBytes progress } }"""
JOB = """query($id: ID!) { importJob(id: $id) {
  id kind status filename sizeBytes bytesDone progress rowsDone accepted rejected
  errorCode errorMessage createdAt finishedAt errors { line code message } } }"""
JOBS = "{ importJobs { nodes { id status } } }"
INVOICES = (
    "{ invoices(first: 50) { nodes { invoiceNumber status debtor { vat } amount { amount } } } }"
)


def started(member: Client, content: bytes, kind: str = "INVOICES") -> dict[str, Any]:
    body = upload(member, content, "export.csv", IMPORT % kind).json()
    assert not body.get("errors"), body["errors"]
    job: dict[str, Any] = body["data"]["importCsv"]
    assert (job["kind"], job["filename"], job["sizeBytes"]) == (kind, "export.csv", len(content))
    assert job["status"] in ("QUEUED", "RUNNING", "DONE")
    return job


def finished(member: Client, job_id: str, timeout: float = 60) -> dict[str, Any]:
    def done() -> dict[str, Any] | None:
        job: dict[str, Any] | None = member.execute(JOB, {"id": job_id})["importJob"]
        return job if job and job["status"] in ("DONE", "FAILED") else None

    job: dict[str, Any] = eventually(done, timeout=timeout, interval=0.5)
    assert job["status"] == "DONE", job
    assert job["progress"] == 1.0 and job["finishedAt"] is not None
    return job


def by_line(job: dict[str, Any]) -> dict[int, str]:
    return {e["line"]: e["code"] for e in job["errors"]}


def spaced(vat: str) -> str:
    return f"{vat[:2]} {vat[2:6]}.{vat[6:9]}.{vat[9:]}"


def test_an_invoices_export_is_imported_again_as_duplicates_and_its_payments_settle_it(
    platform: Platform,
) -> None:
    member_vat, debtor = belgian_vat(), belgian_vat()
    member = platform.new_member("Boekhouding Maes BV", member_vat)
    bad_vat = debtor[:-2] + f"{(int(debtor[-2:]) + 1) % 100:02d}"  # wrong check digits
    issued = date.today() - timedelta(days=60)
    due = issued + timedelta(days=30)
    a, b, c, d, e = (unique_ref("F") for _ in range(5))
    when = f"{issued:%d/%m/%Y};{due:%d/%m/%Y}"
    name = "Bouwbedrijf Peeters NV"
    rows = [
        "Factuurnummer;Klant;BTW-nummer;Factuurdatum;Vervaldatum;Bedrag;Munt",
        f"{a};{name};{spaced(debtor)};{when};1.234,56;EUR",
        f"{b};{name};{bad_vat};{when};99,00;EUR",
        f"{c};{name};{debtor};{when};500,00;EUR",
        f"{d};{name};{debtor};31/02/{issued.year};{due:%d/%m/%Y};10,00;EUR",
        f"{e};{name};{debtor};{when};2.000,00;",
    ]
    export = ("\r\n".join(rows) + "\r\n").encode("cp1252")

    job = finished(member, started(member, export)["id"])

    assert (job["rowsDone"], job["accepted"], job["rejected"]) == (5, 3, 2)
    assert (job["bytesDone"], job["sizeBytes"]) == (len(export), len(export))
    assert by_line(job) == {3: "INVALID_VAT", 5: "INVALID_INVOICE"}
    assert all(err["message"] for err in job["errors"])
    listed = {i["invoiceNumber"]: i for i in member.execute(INVOICES)["invoices"]["nodes"]}
    assert set(listed) == {a, c, e}
    assert listed[a]["amount"]["amount"] == "1234.56" and listed[a]["debtor"]["vat"] == debtor
    assert all(i["status"] == "OPEN" for i in listed.values())

    again = finished(member, started(member, export)["id"])

    assert (again["accepted"], again["rejected"]) == (0, 5)
    assert by_line(again) == {
        2: "DUPLICATE_INVOICE",
        3: "INVALID_VAT",
        4: "DUPLICATE_INVOICE",
        5: "INVALID_INVOICE",
        6: "DUPLICATE_INVOICE",
    }
    assert len(member.execute(INVOICES)["invoices"]["nodes"]) == 3

    paid = issued + timedelta(days=35)
    payments = (
        f"Factuurnummer;Betaaldatum;Bedrag\n{a};{paid:%d/%m/%Y};\n{c};{paid:%d/%m/%Y};200,00\n"
    )
    settled = finished(member, started(member, payments.encode(), "PAYMENTS")["id"])

    assert (settled["kind"], settled["accepted"], settled["rejected"]) == ("PAYMENTS", 2, 0)
    status = {
        i["invoiceNumber"]: i["status"] for i in member.execute(INVOICES)["invoices"]["nodes"]
    }
    assert status == {a: "PAID", c: "PARTIALLY_PAID", e: "OPEN"}
    jobs = member.execute(JOBS)["importJobs"]["nodes"]
    assert [j["id"] for j in jobs] == [settled["id"], again["id"], job["id"]]  # newest first
    done = member.execute(
        "{ importJobs(first: 1, filter: {kinds: [INVOICES]}) { nodes { id } pageInfo {"
        " hasNextPage endCursor } } }"
    )["importJobs"]
    assert [j["id"] for j in done["nodes"]] == [again["id"]]
    assert done["pageInfo"]["hasNextPage"]
    rest = member.execute(
        "query($after: String) { importJobs(first: 5, after: $after, filter: {kinds: [INVOICES]})"
        " { nodes { id } pageInfo { hasNextPage } } }",
        {"after": done["pageInfo"]["endCursor"]},
    )["importJobs"]
    assert [j["id"] for j in rest["nodes"]] == [job["id"]]
    assert not rest["pageInfo"]["hasNextPage"]


def key_for(platform: Platform, vat: str, scope: str) -> Client:
    out = platform.stack.admin("create-key", "--member-vat", vat, "--scope", scope).stdout
    return Client(platform.stack.gateway_url, json.loads(out)["api_key"])


def test_a_job_is_seen_only_by_its_member_and_its_invoice_keys(platform: Platform) -> None:
    vat = belgian_vat()
    member = platform.new_member("Drukkerij Wouters BV", vat)
    export = b"Factuurnummer;Betaaldatum\nNOT-MINE;01/10/2026\n"
    job_id = started(member, export, "PAYMENTS")["id"]
    job = finished(member, job_id)
    assert by_line(job) == {2: "INVOICE_NOT_FOUND"}

    other = platform.new_member("Concurrent NV", belgian_vat())
    assert other.execute(JOB, {"id": job_id}) == {"importJob": None}
    assert other.execute(JOBS) == {"importJobs": {"nodes": []}}

    writer = key_for(platform, vat, "invoices:write")
    seen = writer.execute(JOB, {"id": job_id})["importJob"]
    assert (seen["status"], seen["rejected"]) == ("DONE", 1)
    assert [j["id"] for j in writer.execute(JOBS)["importJobs"]["nodes"]] == [job_id]

    reader = key_for(platform, vat, "invoices:read")
    assert reader.execute(JOB, {"id": job_id})["importJob"]["id"] == job_id
    refused = upload(reader, export, "export.csv", IMPORT % "PAYMENTS").json()
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"

    neither = key_for(platform, vat, "risk:read")
    assert neither.errors(JOB, {"id": job_id})[0]["extensions"]["code"] == "FORBIDDEN"
    assert neither.errors(JOBS)[0]["extensions"]["code"] == "FORBIDDEN"
    refused = upload(neither, export, "export.csv", IMPORT % "PAYMENTS").json()
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"


def test_an_export_larger_than_the_json_cap_is_imported_while_other_limits_hold(
    platform: Platform,
) -> None:
    member = platform.new_member("Groothandel Jacobs NV", belgian_vat())
    note = "x" * 9_000  # a long comment column the import ignores; lines stay under 10,000
    rows = ["Factuurnummer;Betaaldatum;Bedrag;Opmerking"]
    rows += [f"ONBEKEND-{i};01/10/2026;;{note}" for i in range(1_250)]
    export = "\n".join(rows).encode()
    assert len(export) > 10 * MiB + 64 * 1024  # over the gateway's JSON request cap

    job = finished(member, started(member, export, "PAYMENTS")["id"], timeout=120)

    assert (job["rowsDone"], job["accepted"], job["rejected"]) == (1_250, 0, 1_250)
    assert set(by_line(job).values()) == {"INVOICE_NOT_FOUND"}

    # Multipart bodies may now be that large; each upload mutation still has its own cap.
    document = upload(member, b"%PDF-1.7\n" + b"0" * (10 * MiB + 1), "groot.pdf").json()
    assert document["errors"][0]["extensions"]["code"] == "PAYLOAD_TOO_LARGE"
    einvoice = upload(member, b"<Invoice>" + b" " * (5 * MiB), "groot.xml", EINVOICE).json()
    assert einvoice["errors"][0]["extensions"]["code"] == "PAYLOAD_TOO_LARGE"
    # and a JSON body keeps the request cap.
    response = httpx.post(
        member.url,
        content=b'{"query": "{ __typename }", "x": "' + b"y" * (11 * MiB) + b'"}',
        headers={"Authorization": f"Bearer {member.key}", "Content-Type": "application/json"},
        timeout=60,
    )
    assert response.status_code == 413
    assert response.json()["errors"][0]["extensions"]["code"] == "PAYLOAD_TOO_LARGE"


EINVOICE = "mutation($file: Upload!) { importEInvoice(file: $file) { syntax } }"


PROGRESS = """subscription($id: ID!) { importProgress(id: $id) {
  id status rowsDone accepted rejected progress } }"""


async def progress_of(url: str, key: str, job_id: str) -> list[dict[str, Any]]:
    """importProgress over graphql-transport-ws until the server completes it."""
    got: list[dict[str, Any]] = []
    async with subscription(url, key, PROGRESS, {"id": job_id}) as ws:
        while True:
            message = json.loads(await asyncio.wait_for(ws.recv(), 60))
            if message["type"] != "next":
                return got
            got.append(message["payload"])


def test_import_progress_streams_a_jobs_state_until_it_ends(platform: Platform) -> None:
    member = platform.new_member("Drukkerij Wouters", belgian_vat())
    debtor = belgian_vat()
    issued = date.today() - timedelta(days=20)
    rows = ["Factuurnummer;BTW-nummer;Factuurdatum;Vervaldatum;Bedrag"]
    when = f"{issued:%d/%m/%Y};{issued + timedelta(days=30):%d/%m/%Y}"
    rows += [f"{unique_ref('P')};{debtor};{when};1{i},00" for i in range(3_000)]
    job = started(member, "\n".join(rows).encode())

    updates = asyncio.run(progress_of(member.url, member.key or "", job["id"]))

    states = [u["data"]["importProgress"] for u in updates]
    assert states and states[-1]["status"] == "DONE" and states[-1]["accepted"] == 3_000
    assert states[-1]["progress"] == 1.0
    done = [s["rowsDone"] for s in states]
    assert done == sorted(done)  # counts only grow
    # Another member's key cannot follow it.
    other = platform.new_member("Garage Lambert", belgian_vat())
    refused = asyncio.run(progress_of(other.url, other.key or "", job["id"]))
    assert refused[0]["errors"][0]["extensions"]["code"] == "NOT_FOUND"
