"""``python -m devstack up``: the whole platform on one machine (``make up``)."""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from devstack.servers import (
    SERVICES,
    EmbeddedPostgres,
    NatsServer,
    ensure_databases,
    ensure_internal_key,
    env_database_urls,
    with_database,
)
from devstack.stack import Stack, StackConfig
from devstack.supervise import Supervisor, nats_alive, postgres_alive
from devstack.web import ensure_built

DEMO_MEMBER = ("Demo Bakkerij BV", "BE0123456749")


def _interrupted(*_: object) -> None:
    raise KeyboardInterrupt


def up(data: Path) -> int:
    # SIGTERM is Ctrl-C from the start: stopping while the stack still starts stops what it
    # started (the default action would end this process and orphan the services).
    signal.signal(signal.SIGTERM, _interrupted)
    started = time.monotonic()
    data.mkdir(parents=True, exist_ok=True)
    logs = data / "logs"
    logs.mkdir(exist_ok=True)
    pg: EmbeddedPostgres | None = None
    nats: NatsServer | None = None
    stack: Stack | None = None
    ensure_internal_key(data / "internal-key")  # kept, so `make admin` can call the services
    try:
        web_app = ensure_built()
        urls = env_database_urls()
        if urls is None:
            pg = EmbeddedPostgres(data / "postgres")
            ensure_databases(pg.admin_url, list(SERVICES))
            urls = {svc: with_database(pg.admin_url, svc) for svc in SERVICES}
            print(f"PostgreSQL   embedded, data in {data / 'postgres'}")
        else:
            print("PostgreSQL   from *_DATABASE_URL")
        nats_url = os.environ.get("NATS_URL")
        if not nats_url:
            nats = NatsServer.start(data / "nats", logs / "nats.log")
            nats_url = nats.url
            print(f"NATS         embedded with JetStream at {nats_url}, data in {data / 'nats'}")
        else:
            print(f"NATS         {nats_url}")
        stack = Stack(
            StackConfig(
                database_urls=urls,
                nats_url=nats_url,
                log_dir=logs,
                namespace=os.environ.get("NATS_NAMESPACE", ""),
                gateway_port=int(os.environ.get("GATEWAY_PORT", "8000")),
                ocr_workers=max(1, int(os.environ.get("OCR_WORKERS", "1"))),
            )
        )
        stack.start()
        stack.wait_ready(timeout=90)
        key = demo_key(stack, data)
        watched = {
            "PostgreSQL": postgres_alive(pg.admin_url if pg else urls["gateway"]),
            "NATS": nats_alive(nats_url),
        }
        print(f"\nkmo-alert is up in {time.monotonic() - started:.1f} s")
        print(f"  GraphQL + GraphiQL  {stack.gateway_url}")
        if web_app:
            app_url = stack.gateway_url.removesuffix("/graphql") + "/app/"
            print(f"  Member web app      {app_url}")
        for svc, port in stack.grpc_ports.items():
            print(f"  {svc:<10} gRPC 127.0.0.1:{port}  metrics :{stack.metrics_ports[svc]}/metrics")
        print(f"  logs                {logs}/<service>.log")
        print(f"\nDemo member {DEMO_MEMBER[0]} ({DEMO_MEMBER[1]}), API key:\n  {key}")
        print("\nCtrl-C stops everything; a service that dies is restarted.")
        wait_forever(Supervisor(stack, watched, out=lambda line: print(line, flush=True)))
        return 0
    except KeyboardInterrupt:
        return 0
    finally:
        # A second Ctrl-C must not cut the shutdown short and orphan the services.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        print("\nstopping...", flush=True)
        if stack:
            stack.stop()
        if nats:
            nats.stop()
        if pg:
            pg.stop()
        print("stopped.")


def demo_key(stack: Stack, data: Path) -> str:
    key_file = data / "demo-api-key"
    out = json.loads(
        stack.admin(
            "create-member", "--name", DEMO_MEMBER[0], "--vat", DEMO_MEMBER[1], "--if-missing"
        ).stdout
    )
    if out.get("created"):
        key_file.write_text(out["api_key"])
        key_file.chmod(0o600)
    return (
        key_file.read_text().strip() if key_file.exists() else "(see python -m gateway create-key)"
    )


def wait_forever(supervisor: Supervisor) -> None:
    while True:
        supervisor.tick()
        time.sleep(1.0)


def down(data: Path) -> int:
    pgdata = data / "postgres"
    if (pgdata / "postmaster.pid").exists():
        EmbeddedPostgres(pgdata).stop()
        print("embedded PostgreSQL stopped")
    return 0


def admin(data: Path, args: list[str]) -> int:
    """``python -m gateway <args>`` against the local stack's gateway database."""
    ensure_internal_key(data / "internal-key")
    env = dict(os.environ)
    if "GATEWAY_DATABASE_URL" not in env:
        pg = EmbeddedPostgres(data / "postgres")  # attaches to the running one, or starts it
        env["GATEWAY_DATABASE_URL"] = with_database(pg.admin_url, "gateway")
    return subprocess.run([sys.executable, "-m", "gateway", *args], env=env, check=False).returncode


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m devstack")
    parser.add_argument("command", choices=["up", "down", "admin", "web"])
    parser.add_argument("--data", type=Path, default=Path(".data"))
    # admin: everything not ours is the gateway command (python -m gateway ...).
    args, rest = parser.parse_known_args()
    data = args.data.resolve()
    if args.command == "admin":
        return admin(data, rest)
    if args.command == "web":
        return 0 if ensure_built() else 1
    if rest:
        parser.error(f"unrecognized arguments: {' '.join(rest)}")
    return up(data) if args.command == "up" else down(data)


if __name__ == "__main__":
    sys.exit(main())
