"""What the partner documentation promises runs: the internal consumer example against
a real NATS server, and the Node.js verification recipe against our signatures."""

from __future__ import annotations

import asyncio
import importlib.util
import shutil
import subprocess
import time
import uuid
from pathlib import Path
from types import ModuleType

import nats
import pytest

from chassis.messaging import Namespace
from devstack.risk_events import publish, risk_changed
from devstack.samples import belgian_vat
from gateway.domain.feed import new_secret, signature_header
from kmo.scoring.v1 import events_pb2

DOCS = Path(__file__).parents[4] / "docs" / "partners"


def example() -> ModuleType:
    spec = importlib.util.spec_from_file_location("risk_consumer", DOCS / "risk_consumer.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


async def test_the_consumer_example_reads_risk_changes_from_the_stream(
    nats_url: str, nats_namespace: str
) -> None:
    ns = Namespace(f"{nats_namespace}docs{uuid.uuid4().hex[:6]}")
    vat = belgian_vat()
    nc = await nats.connect(nats_url)
    try:
        sent = [risk_changed(vat, 40, 25), risk_changed(vat, 62, 40)]
        await publish(nc.jetstream(), ns, sent)
    finally:
        await nc.close()
    seen: list[tuple[str, int]] = []

    async def handle(event_id: str, event: events_pb2.RiskChanged) -> None:
        seen.append((event_id, event.score))

    handled = await asyncio.wait_for(
        example().consume(nats_url, handle, prefix=ns.prefix, stop=2), 30
    )
    assert handled == 2
    assert seen == [(sent[0].event_id, 40), (sent[1].event_id, 62)]


@pytest.mark.skipif(shutil.which("node") is None, reason="needs Node.js")
def test_the_node_recipe_accepts_our_signatures_and_refuses_a_forgery() -> None:
    secret, old = new_secret(), new_secret()
    body = b'{"id":"e1","type":"risk.changed"}'
    stamp = int(time.time())

    def node(signature: str, payload: bytes, secret_: str = secret) -> int:
        return subprocess.run(
            ["node", str(DOCS / "verify.mjs"), secret_, "e1", str(stamp), signature],
            input=payload,
            timeout=30,
        ).returncode

    rotated = signature_header([secret, old], "e1", stamp, body)
    assert node(rotated, body) == 0
    assert node(rotated, body, old) == 0
    assert node(rotated, body + b" ") == 1
    assert node(signature_header([old], "e1", stamp, body), body) == 1


def test_the_python_recipe_in_the_readme_accepts_our_signatures() -> None:
    text = (DOCS / "README.md").read_text()
    code = text.split("```python\n", 1)[1].split("```", 1)[0]
    scope: dict[str, object] = {}
    exec(compile(code, "README.md", "exec"), scope)
    verify = scope["verify"]
    assert callable(verify), "the README's snippet defines verify()"
    secret, other = new_secret(), new_secret()
    body, stamp = b'{"id":"e2"}', str(int(time.time()))
    headers = {
        "webhook-id": "e2",
        "webhook-timestamp": stamp,
        "webhook-signature": signature_header([other, secret], "e2", int(stamp), body),
    }
    assert verify(secret, headers, body)
    assert not verify(secret, headers, body + b"x")
    assert not verify(new_secret(), headers, body)
