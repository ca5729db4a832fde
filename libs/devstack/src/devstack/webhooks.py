"""A real webhook receiver on loopback for tests and benchmarks: it records each call with
the time it arrived and answers what it is told (fail the first N calls, or always)."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Verifier = Callable[[str, dict[str, str], bytes, float], bool]


@dataclass
class Call:
    headers: dict[str, str]
    body: bytes
    at: float  # time.time() when it arrived


@dataclass
class Receiver:
    url: str = ""
    calls: list[Call] = field(default_factory=list)
    status: int = 204
    fail_first: int = 0
    refused: int = 0  # calls answered with an error
    lock: threading.Lock = field(default_factory=threading.Lock)

    def answer(self) -> int:
        with self.lock:
            if self.fail_first > 0:
                self.fail_first -= 1
                self.refused += 1
                return 500
            if self.status >= 300:
                self.refused += 1
            return self.status

    def events(self, verify: Verifier | None = None, secret: str = "") -> list[dict[str, Any]]:
        """Every accepted call's events in arrival order (a digest's one by one); each
        signature checked when ``verify`` is given."""
        out: list[dict[str, Any]] = []
        with self.lock:
            calls = list(self.calls)
        for call in calls:
            if verify is not None:
                assert verify(secret, call.headers, call.body, call.at), "a bad signature"
            payload = json.loads(call.body)
            if payload.get("type") == "risk.digest":
                out.extend(payload["data"]["events"])
            else:
                out.append(payload)
        return out


@contextmanager
def receiving(path: str = "/hooks/kmo") -> Iterator[Receiver]:
    rec = Receiver()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as real receivers do

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("content-length", "0")))
            status = rec.answer()
            if status < 300:
                call = Call({k.lower(): v for k, v in self.headers.items()}, body, time.time())
                with rec.lock:
                    rec.calls.append(call)
            self.send_response(status)
            self.send_header("content-length", "0")
            self.end_headers()

        def log_message(self, *_: object) -> None:
            pass

    class Server(ThreadingHTTPServer):
        request_queue_size = 256  # the default 5 refuses a burst of concurrent calls
        daemon_threads = True

    server = Server(("127.0.0.1", 0), Handler)
    rec.url = f"http://127.0.0.1:{server.server_address[1]}{path}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield rec
    finally:
        server.shutdown()
        server.server_close()
