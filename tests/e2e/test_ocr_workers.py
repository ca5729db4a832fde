"""Several OCR processes share one job queue: every document is read once, even when
the process reading it is killed."""

from __future__ import annotations

import functools
import json
import signal
import time
from typing import Any

from devstack.e2e import NEEDS_OCR, Client, Platform, document, eventually, rendered_invoice, upload
from devstack.samples import belgian_vat

pytestmark = NEEDS_OCR


def log_events(platform: Platform, message: str, doc_id: str) -> list[tuple[str, dict[str, Any]]]:
    found = []
    for name in ("ocr", "ocr-2"):
        for line in platform.stack.processes[name].log_path.read_text().splitlines():
            if line.startswith("{"):
                entry = json.loads(line)
                if entry.get("message") == message and entry.get("document_id") == doc_id:
                    found.append((name, entry))
    return found


def is_ready(member: Client, doc_id: str) -> bool:
    doc = document(member, doc_id)
    return doc is not None and doc["status"] == "READY"


def test_each_document_is_read_once_by_one_of_the_workers(platform: Platform) -> None:
    vat = belgian_vat()
    member = platform.new_member("Twee Werkers BV", vat)
    ids = [
        upload(member, rendered_invoice(vat, belgian_vat(), f"W-{n}")).json()["data"][
            "uploadInvoice"
        ]["id"]
        for n in range(4)
    ]
    for doc_id in ids:
        eventually(functools.partial(is_ready, member, doc_id), timeout=120)
    for doc_id in ids:
        assert len(log_events(platform, "document processed", doc_id)) == 1


def test_a_worker_killed_mid_job_has_the_job_done_once_by_another(platform: Platform) -> None:
    vat = belgian_vat()
    member = platform.new_member("Gestopte Werker BV", vat)
    doc_id = upload(member, rendered_invoice(vat, belgian_vat(), "F2026-7001")).json()["data"][
        "uploadInvoice"
    ]["id"]
    started = eventually(
        lambda: log_events(platform, "extracting", doc_id), timeout=60, interval=0.05
    )
    victim = started[0][0]
    platform.stack.kill(victim, signal.SIGKILL)  # mid-job: no ack, no result
    killed_at = time.monotonic()
    try:
        ready = eventually(
            lambda: (doc := document(member, doc_id)) and doc["status"] == "READY" and doc,
            timeout=120,
        )
        assert ready["draft"]["invoiceNumber"]["value"] == "F2026-7001"
        processed = log_events(platform, "document processed", doc_id)
        assert len(processed) == 1 and processed[0][0] != victim
        retried = [e for _, e in log_events(platform, "extracting", doc_id) if e["attempt"] > 1]
        assert retried, "the job was redelivered after the worker died"
        # Redelivered after three missed heartbeats (OCR_HEARTBEAT_SECONDS=2 here: 6 s), not
        # after the 30 s a worker waits by default.
        assert time.monotonic() - killed_at < 25
    finally:
        platform.stack.start_one(victim)
        platform.stack.wait_ready(timeout=60, services=(victim,))
