"""The five services as separate processes, started the way their containers start them."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import grpc
import httpx
from grpc_health.v1 import health_pb2, health_pb2_grpc

from devstack.servers import free_port
from devstack.web import DIST

BACKENDS = ("ingest", "ocr", "scoring", "benchmark")
_STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


@contextmanager
def stop_signals_held() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM until the block ends, then act on the first one as usual.

    A stop that lands while ``Popen`` waits for the child's ``exec`` would unwind past the
    line that records the child, leaving a service nobody stops."""
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread receives signals
        return
    caught: list[signal.Signals] = []
    previous = {
        sig: signal.signal(sig, lambda num, _: caught.append(signal.Signals(num)))
        for sig in _STOP_SIGNALS
    }
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        if caught:
            handler = previous[caught[0]]
            if callable(handler):
                handler(caught[0], None)
            elif handler == signal.SIG_DFL:
                os.kill(os.getpid(), caught[0])


@dataclass
class StackConfig:
    database_urls: dict[str, str]
    nats_url: str
    log_dir: Path
    namespace: str = ""
    gateway_port: int = 8000
    # OCR processes sharing the ocr.requested work queue ("ocr", "ocr-2", ...).
    ocr_workers: int = 1
    extra_env: dict[str, str] = field(default_factory=dict)
    # The built member web app the gateway serves under /app (looked for on each request).
    web_dir: Path = DIST


@dataclass
class Process:
    name: str
    popen: subprocess.Popen[bytes]
    log_path: Path


class Stack:
    def __init__(self, config: StackConfig) -> None:
        self.config = config
        config.log_dir.mkdir(parents=True, exist_ok=True)
        extra_ocr = [f"ocr-{n}" for n in range(2, config.ocr_workers + 1)]
        self.backends = (*BACKENDS, *extra_ocr)
        self.grpc_ports = {name: free_port() for name in self.backends}
        self.metrics_ports = {name: free_port() for name in self.backends}
        self.processes: dict[str, Process] = {}

    @property
    def gateway_url(self) -> str:
        return f"http://127.0.0.1:{self.config.gateway_port}/graphql"

    @staticmethod
    def service_of(name: str) -> str:
        """The service a process runs: "ocr-2" is a second OCR process."""
        return name.split("-", 1)[0]

    def env_for(self, name: str) -> dict[str, str]:
        svc = self.service_of(name)
        env = {k: v for k, v in os.environ.items() if not k.endswith("_DATABASE_URL")}
        env.update(
            {
                "NATS_URL": self.config.nats_url,
                "NATS_NAMESPACE": self.config.namespace,
                "PYTHONUNBUFFERED": "1",
                # Tesseract's own threads fight the process pool on small machines.
                "OMP_THREAD_LIMIT": "1",
                f"{svc.upper()}_DATABASE_URL": self.config.database_urls[svc],
            }
        )
        if svc == "gateway":
            env.update(
                {
                    "GATEWAY_HOST": "127.0.0.1",
                    "GATEWAY_PORT": str(self.config.gateway_port),
                    # A development stack: webhooks may call receivers on this machine.
                    "GATEWAY_WEBHOOK_ALLOW_LOOPBACK": "true",
                    "GATEWAY_WEB_DIR": str(self.config.web_dir),
                    **{
                        f"GATEWAY_{b.upper()}_ADDR": f"127.0.0.1:{self.grpc_ports[b]}"
                        for b in BACKENDS
                    },
                }
            )
        else:
            env.update(
                {
                    f"{svc.upper()}_GRPC_HOST": "127.0.0.1",
                    f"{svc.upper()}_GRPC_PORT": str(self.grpc_ports[name]),
                    f"{svc.upper()}_METRICS_PORT": str(self.metrics_ports[name]),
                }
            )
        env.update(self.config.extra_env)
        return env

    def command(self, name: str) -> list[str]:
        return [sys.executable, "-m", self.service_of(name)]

    def start(self, names: tuple[str, ...] | None = None) -> None:
        for name in names or ("gateway", *self.backends):
            self.start_one(name)

    def start_one(self, svc: str) -> None:
        log_path = self.config.log_dir / f"{svc}.log"
        log = log_path.open("ab")
        with stop_signals_held():
            popen = subprocess.Popen(
                self.command(svc),
                env=self.env_for(svc),
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # Ctrl-C reaches us, and we stop them in order
            )
            self.processes[svc] = Process(svc, popen, log_path)

    def wait_ready(self, timeout: float = 60.0, services: tuple[str, ...] | None = None) -> None:
        deadline = time.monotonic() + timeout
        pending = list(services or self.processes)
        while pending:
            svc = pending[0]
            proc = self.processes[svc]
            if proc.popen.poll() is not None:
                raise RuntimeError(f"{svc} exited with {proc.popen.returncode}:\n{self.tail(svc)}")
            if self._ready(svc):
                pending.pop(0)
                continue
            if time.monotonic() > deadline:
                raise TimeoutError(f"{svc} not ready after {timeout:.0f} s:\n{self.tail(svc)}")
            time.sleep(0.1)

    def _ready(self, svc: str) -> bool:
        if svc == "gateway":
            try:
                url = f"http://127.0.0.1:{self.config.gateway_port}/readyz"
                return httpx.get(url, timeout=1).status_code == 200
            except httpx.HTTPError:
                return False
        with grpc.insecure_channel(f"127.0.0.1:{self.grpc_ports[svc]}") as ch:
            try:
                reply = health_pb2_grpc.HealthStub(ch).Check(
                    health_pb2.HealthCheckRequest(), timeout=1
                )
            except grpc.RpcError:
                return False
            return bool(reply.status == health_pb2.HealthCheckResponse.SERVING)

    def kill(self, svc: str, sig: int = signal.SIGKILL) -> None:
        proc = self.processes[svc].popen
        proc.send_signal(sig)
        proc.wait(30)

    def stop(self, timeout: float = 15.0) -> None:
        """SIGTERM everything, the gateway first, and wait; SIGKILL stragglers."""
        order = ["gateway", *[s for s in self.processes if s != "gateway"]]
        for svc in order:
            proc = self.processes.get(svc)
            if proc and proc.popen.poll() is None:
                proc.popen.terminate()
        deadline = time.monotonic() + timeout
        for proc in self.processes.values():
            try:
                proc.popen.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                proc.popen.kill()
                proc.popen.wait()

    def tail(self, svc: str, lines: int = 40) -> str:
        try:
            text = self.processes[svc].log_path.read_text(errors="replace")
        except FileNotFoundError:
            return ""
        return "\n".join(text.splitlines()[-lines:])

    def admin(self, *args: str) -> subprocess.CompletedProcess[str]:
        """Run a gateway admin command (``python -m gateway ...``) against this stack."""
        return subprocess.run(
            [sys.executable, "-m", "gateway", *args],
            env=self.env_for("gateway"),
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        )
