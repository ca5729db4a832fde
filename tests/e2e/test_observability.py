"""Every service exposes Prometheus metrics and writes JSON logs carrying trace ids."""

from __future__ import annotations

import json

import httpx

from devstack.e2e import Platform, eventually, risk_profile, submit_invoice
from devstack.samples import belgian_vat


def metrics(port: int) -> str:
    return httpx.get(f"http://127.0.0.1:{port}/metrics", timeout=5).text


def test_services_count_their_calls_and_events_in_prometheus_metrics(platform: Platform) -> None:
    member = platform.new_member("Metriek BV", belgian_vat())
    debtor = belgian_vat()
    submit_invoice(member, debtor)
    eventually(lambda: risk_profile(member, debtor))
    stack = platform.stack
    gateway = httpx.get(stack.gateway_url.replace("/graphql", "/metrics"), timeout=5).text
    assert 'kmo_http_requests_total{method="POST",path="/graphql",status="200"}' in gateway
    ingest = metrics(stack.metrics_ports["ingest"])
    assert 'method="/kmo.ingest.v1.IngestService/SubmitInvoice"' in ingest
    assert 'kmo_events_published_total{subject="invoice.recorded"}' in ingest
    scoring = metrics(stack.metrics_ports["scoring"])
    assert 'kmo_events_consumed_total{consumer="scoring-invoices",outcome="handled"}' in scoring


def test_each_backend_call_is_one_log_line_with_the_gateways_trace_id(platform: Platform) -> None:
    member = platform.new_member("Spoor BV", belgian_vat())
    created = submit_invoice(member, belgian_vat())

    def served() -> list[dict[str, object]]:
        lines = platform.stack.processes["ingest"].log_path.read_text().splitlines()
        return [
            e
            for e in (json.loads(line) for line in lines if line.startswith("{"))
            if e.get("message") == "rpc served"
            and e.get("method") == "/kmo.ingest.v1.IngestService/SubmitInvoice"
        ]

    calls = eventually(served)
    assert calls[-1]["code"] == "OK" and len(str(calls[-1]["trace_id"])) == 32
    assert isinstance(calls[-1]["ms"], float) and created["id"]


def test_logs_are_json_lines_that_carry_the_trace_id(platform: Platform) -> None:
    member = platform.new_member("Logboek BV", belgian_vat())
    submit_invoice(member, belgian_vat())
    lines = platform.stack.processes["scoring"].log_path.read_text().splitlines()
    entries = [json.loads(line) for line in lines if line.startswith("{")]
    assert entries and all(e["service"] == "scoring" for e in entries)
    traced = [e for e in entries if "trace_id" in e]
    assert traced, "no log line written inside a span"
    assert all(len(e["trace_id"]) == 32 for e in traced)
