"""What ``make up`` does while the platform runs: restart a service that died, with a
growing pause (printed), and say when PostgreSQL or NATS goes away and comes back."""

from __future__ import annotations

import socket
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol
from urllib.parse import urlsplit

import psycopg

from devstack.servers import libpq_url

STABLE_SECONDS = 60.0  # up this long after a restart: the next crash starts the pauses over


class Supervised(Protocol):
    @property
    def processes(self) -> Mapping[str, Any]: ...

    def start_one(self, svc: str) -> None: ...

    def tail(self, svc: str, lines: int = 40) -> str: ...


def nats_alive(url: str) -> Callable[[], bool]:
    parts = urlsplit(url)

    def check() -> bool:
        try:
            with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 4222), 1):
                return True
        except OSError:
            return False

    return check


def postgres_alive(url: str) -> Callable[[], bool]:
    def check() -> bool:
        try:
            with psycopg.connect(libpq_url(url), connect_timeout=1) as conn:
                conn.execute("SELECT 1")
            return True
        except psycopg.Error:
            return False

    return check


@dataclass
class Supervisor:
    stack: Supervised
    servers: dict[str, Callable[[], bool]] = field(default_factory=dict)
    out: Callable[[str], None] = print
    first_pause: float = 1.0
    longest_pause: float = 30.0
    _crashes: dict[str, int] = field(default_factory=dict)
    _due: dict[str, float] = field(default_factory=dict)  # restart time of a dead service
    _started: dict[str, float] = field(default_factory=dict)
    _down: set[str] = field(default_factory=set)

    def tick(self, now: float | None = None) -> None:
        now = time.monotonic() if now is None else now
        for name, proc in list(self.stack.processes.items()):
            code = proc.popen.poll()
            if code is None:
                self._due.pop(name, None)  # running (again): nothing pending for it
                if now - self._started.get(name, now) > STABLE_SECONDS:
                    self._crashes.pop(name, None)
                continue
            if name not in self._due:
                crashes = self._crashes.get(name, 0)
                pause = min(self.longest_pause, self.first_pause * 2**crashes)
                self._due[name] = now + pause
                self.out(
                    f"{name} exited ({code}); restarting it in {pause:.0f} s. "
                    f"Last log lines:\n{self.stack.tail(name, 10)}"
                )
            elif now >= self._due[name]:
                del self._due[name]
                self._crashes[name] = self._crashes.get(name, 0) + 1
                self._started[name] = now
                self.stack.start_one(name)
                self.out(f"{name} restarted (restart {self._crashes[name]})")
        for name, alive in self.servers.items():
            up = alive()
            if not up and name not in self._down:
                self._down.add(name)
                self.out(f"{name} is not reachable: the services wait and retry until it is back")
            elif up and name in self._down:
                self._down.discard(name)
                self.out(f"{name} is back")
