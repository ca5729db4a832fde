"""The Prometheus endpoint listens on loopback unless a deployment says otherwise."""

from __future__ import annotations

import socket
import urllib.request
from pathlib import Path

import pytest

from chassis.metrics import serve_metrics


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def listening_addresses(port: int) -> set[str]:
    """The local IPv4 addresses listening on ``port`` (from /proc/net/tcp, state 0A)."""
    found = set()
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        local, state = line.split()[1], line.split()[3]
        address, hex_port = local.split(":")
        if state == "0A" and int(hex_port, 16) == port:
            found.add(socket.inet_ntoa(bytes.fromhex(address)[::-1]))
    return found


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="needs Linux /proc")
def test_metrics_listen_on_loopback_by_default_and_on_the_address_asked() -> None:
    inner, outer = free_port(), free_port()
    serve_metrics(inner)
    serve_metrics(outer, "0.0.0.0")

    assert listening_addresses(inner) == {"127.0.0.1"}
    assert listening_addresses(outer) == {"0.0.0.0"}
    with urllib.request.urlopen(f"http://127.0.0.1:{inner}/metrics", timeout=5) as reply:
        assert b"kmo_grpc_server_requests_total" in reply.read()
