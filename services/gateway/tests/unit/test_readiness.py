"""/readyz says ready only once started and while the broker is connected."""

from __future__ import annotations

from types import SimpleNamespace

import httpx
from starlette.applications import Starlette
from starlette.routing import Route

from gateway.bootstrap import readyz


async def ask(ready: bool, connected: bool | None) -> httpx.Response:
    app = Starlette(routes=[Route("/readyz", readyz)])
    app.state.ready = ready
    if connected is not None:
        app.state.nc = SimpleNamespace(is_connected=connected)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://gateway") as client:
        return await client.get("/readyz")


async def test_ready_only_when_started_and_the_broker_is_there() -> None:
    up = await ask(True, True)
    assert up.status_code == 200 and up.json() == {"ready": True, "broker": True}
    down = await ask(True, False)
    assert down.status_code == 503 and down.json() == {"ready": False, "broker": False}
    assert (await ask(False, True)).status_code == 503
    assert (await ask(True, None)).status_code == 503  # not connected yet
