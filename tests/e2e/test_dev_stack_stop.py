"""``make up`` stopped while it is still starting stops the services it started."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

from devstack.servers import SERVICES, free_port
from devstack.testing import Databases


def services_with(marker: str) -> list[int]:
    """Of those, the platform's services (not a build step the stack runs first)."""
    names = [f"-m\0{svc}\0".encode() for svc in SERVICES]
    found = []
    for pid in processes_with(marker):
        try:
            command = (Path("/proc") / str(pid) / "cmdline").read_bytes()
        except OSError:
            continue
        if any(name in command for name in names):
            found.append(pid)
    return found


def processes_with(marker: str) -> list[int]:
    """The live processes whose environment carries ``marker`` (this test's NATS namespace);
    a zombie (exited, waiting for a parent to reap it) runs nothing and is left out."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            exited = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
            if not exited and marker.encode() in (entry / "environ").read_bytes():
                found.append(int(entry.name))
        except OSError:
            continue
    return found


def test_sigterm_while_starting_stops_every_service_it_started(
    databases: Databases, nats_url: str, tmp_path: Path
) -> None:
    namespace = f"stop{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        **{f"{svc.upper()}_DATABASE_URL": databases.fresh(f"stop_{svc}") for svc in SERVICES},
        "NATS_URL": nats_url,
        "NATS_NAMESPACE": namespace,
        "GATEWAY_PORT": str(free_port()),
    }
    up = subprocess.Popen(
        [sys.executable, "-m", "devstack", "up", "--data", str(tmp_path / "data")],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 180  # a fresh checkout builds the web app first
        while not services_with(namespace):  # a first service has started
            assert up.poll() is None, up.stdout.read() if up.stdout else ""
            assert time.monotonic() < deadline, "no service started"
            time.sleep(0.05)

        up.send_signal(signal.SIGTERM)  # before "Ctrl-C stops everything"
        out, _ = up.communicate(timeout=60)
        # The services the stack started (gateway, ingest, ocr, scoring, benchmark) are gone.
        left = services_with(namespace)
        settle = time.monotonic() + 10
        while left and time.monotonic() < settle:
            time.sleep(0.1)
            left = services_with(namespace)
    finally:
        if up.poll() is None:
            up.kill()
        for pid in processes_with(namespace):  # a failing run leaves nothing behind either
            os.kill(pid, signal.SIGKILL)

    assert "Ctrl-C stops everything" not in out
    assert "stopped." in out
    assert left == []
