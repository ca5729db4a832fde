"""``make up``'s supervisor with real processes: a dead service comes back after a pause
that doubles with each crash, and a server that goes away is reported once, then its
return."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass, field

from devstack.supervise import STABLE_SECONDS, Supervisor


@dataclass
class Proc:
    popen: subprocess.Popen[bytes]


@dataclass
class FakeStack:
    """Starts a real process that exits at once (a service that keeps crashing)."""

    processes: dict[str, Proc] = field(default_factory=dict)
    starts: int = 0

    def start_one(self, svc: str) -> None:
        self.starts += 1
        popen = subprocess.Popen([sys.executable, "-c", "raise SystemExit(3)"])
        popen.wait(10)
        self.processes[svc] = Proc(popen)

    def tail(self, svc: str, lines: int = 40) -> str:
        return "Traceback: it broke"


def test_a_dead_service_restarts_after_pauses_that_double_then_reset_when_stable() -> None:
    stack = FakeStack()
    said: list[str] = []
    stack.start_one("scoring")
    supervisor = Supervisor(stack, out=said.append, first_pause=1.0, longest_pause=4.0)

    supervisor.tick(now=0.0)
    assert said[-1].startswith("scoring exited (3); restarting it in 1 s")
    supervisor.tick(now=0.5)
    assert stack.starts == 1  # not before its pause
    supervisor.tick(now=1.0)
    assert stack.starts == 2 and said[-1] == "scoring restarted (restart 1)"
    supervisor.tick(now=1.1)
    assert "restarting it in 2 s" in said[-1]
    supervisor.tick(now=3.1)
    supervisor.tick(now=3.2)
    assert "restarting it in 4 s" in said[-1]
    supervisor.tick(now=7.2)
    supervisor.tick(now=7.3)
    assert "restarting it in 4 s" in said[-1]  # the pause stops growing at its longest

    # a service that stayed up long enough starts the pauses over
    stack.processes["scoring"] = Proc(
        subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    )
    try:
        supervisor.tick(now=11.3 + STABLE_SECONDS + 1)
        stack.processes["scoring"].popen.kill()
        stack.processes["scoring"].popen.wait(10)
        supervisor.tick(now=11.3 + STABLE_SECONDS + 2)
        assert "restarting it in 1 s" in said[-1]
    finally:
        stack.processes["scoring"].popen.kill()


def test_a_server_that_goes_away_is_reported_once_and_its_return_too() -> None:
    up = [True]
    said: list[str] = []
    supervisor = Supervisor(FakeStack(), {"NATS": lambda: up[0]}, out=said.append)
    supervisor.tick(now=0)
    up[0] = False
    supervisor.tick(now=1)
    supervisor.tick(now=2)
    up[0] = True
    supervisor.tick(now=3)
    assert said == [
        "NATS is not reachable: the services wait and retry until it is back",
        "NATS is back",
    ]
