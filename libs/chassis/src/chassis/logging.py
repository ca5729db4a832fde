"""JSON logs, one object per line, carrying the current trace and span ids.

The formatting is python-json-logger's; this adds the service's name, the timestamp in
UTC and the ids of the span the line was written in, under the names the log pipeline
reads: ``ts level service logger message trace_id span_id exception`` and any ``extra``.
"""

from __future__ import annotations

import logging
import sys
from datetime import UTC, datetime
from typing import Any

from opentelemetry import trace
from pythonjsonlogger.json import JsonFormatter as _LibraryFormatter


class JsonFormatter(_LibraryFormatter):
    def __init__(self, service: str) -> None:
        super().__init__(
            ["levelname", "name", "message"],
            rename_fields={"levelname": "level", "name": "logger", "exc_info": "exception"},
            static_fields={"service": service},
            json_default=str,  # an extra the encoder does not know is logged as its text
        )

    def add_fields(
        self, log_data: dict[str, Any], record: logging.LogRecord, message_dict: dict[str, Any]
    ) -> None:
        log_data["ts"] = datetime.fromtimestamp(record.created, UTC).isoformat(
            timespec="milliseconds"
        )
        super().add_fields(log_data, record, message_dict)
        log_data["level"] = record.levelname.lower()
        for key in [k for k in log_data if k.startswith("_")]:
            del log_data[key]
        ctx = trace.get_current_span().get_span_context()
        if ctx.is_valid:
            log_data["trace_id"] = format(ctx.trace_id, "032x")
            log_data["span_id"] = format(ctx.span_id, "016x")


def setup_logging(service: str, level: str = "INFO") -> None:
    """Route every logger (ours and the libraries') through one JSON handler."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter(service))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    # The NATS client logs every reconnect attempt with a traceback otherwise.
    logging.getLogger("nats").setLevel("WARNING")
