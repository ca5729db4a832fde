"""JSON log lines carry the trace they were written in."""

from __future__ import annotations

import json
import logging
import sys

from opentelemetry import trace

from chassis.logging import JsonFormatter


def record(message: str, *args: object, **extra: object) -> logging.LogRecord:
    rec = logging.makeLogRecord(
        {"name": "ingest.handlers", "levelname": "WARNING", "levelno": 30, "msg": message}
    )
    rec.args = args
    rec.__dict__.update(extra)
    return rec


def test_a_log_line_is_one_json_object_with_the_active_span_ids() -> None:
    formatter = JsonFormatter("ingest")
    with trace.get_tracer("tests").start_as_current_span("submit") as span:
        line = formatter.format(record("invoice %s recorded", "F-1"))
        ctx = span.get_span_context()

    assert "\n" not in line
    entry = json.loads(line)
    assert entry["trace_id"] == format(ctx.trace_id, "032x")
    assert entry["span_id"] == format(ctx.span_id, "016x")
    assert entry["service"] == "ingest"
    assert entry["level"] == "warning"
    assert entry["logger"] == "ingest.handlers"
    assert entry["message"] == "invoice F-1 recorded"


def test_a_log_line_outside_a_span_has_no_trace_id() -> None:
    entry = json.loads(JsonFormatter("ingest").format(record("idle")))

    assert "trace_id" not in entry
    assert "span_id" not in entry


def test_extra_fields_are_kept_and_unserialisable_ones_become_strings() -> None:
    entry = json.loads(
        JsonFormatter("scoring").format(record("x", event_id="e-1", where=object(), _private=1))
    )

    assert entry["event_id"] == "e-1"
    assert entry["where"].startswith("<object object")
    assert "_private" not in entry


def test_an_exception_is_logged_inside_the_same_object() -> None:
    try:
        raise ValueError("boom\nsecond line")
    except ValueError:
        rec = record("failed")
        rec.exc_info = sys.exc_info()

    line = JsonFormatter("ocr").format(rec)

    assert len(line.splitlines()) == 1
    assert "ValueError: boom" in json.loads(line)["exception"]
