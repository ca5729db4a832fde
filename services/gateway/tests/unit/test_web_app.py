"""The member web app under /app: its files, the fallback to index.html for the app's own
paths, and a gateway that keeps working when the app is not built."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route

from gateway.entrypoints.web import web_routes


class Client:
    """Requests to an app with the gateway's /app routes beside a stand-in /graphql."""

    def __init__(self, directory: str) -> None:
        async def api(_: object) -> PlainTextResponse:
            return PlainTextResponse("api")

        self.app = Starlette(routes=[Route("/graphql", api), *web_routes(directory)])

    def get(self, path: str, headers: dict[str, str] | None = None) -> httpx.Response:
        async def call() -> httpx.Response:
            transport = httpx.ASGITransport(app=self.app)
            async with httpx.AsyncClient(transport=transport, base_url="http://gw") as c:
                return await c.get(path, headers=headers)

        return asyncio.run(call())


def app_with(directory: str) -> Client:
    return Client(directory)


def built(tmp_path: Path) -> Path:
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text("<!doctype html><title>kmo-alert</title>")
    (tmp_path / "assets" / "index-abc123.js").write_text("console.log('app');" * 200)
    return tmp_path


def test_the_built_app_is_served_under_app(tmp_path: Path) -> None:
    client = app_with(str(built(tmp_path)))

    page = client.get("/app/")
    script = client.get("/app/assets/index-abc123.js", headers={"accept-encoding": "gzip"})

    assert page.status_code == 200 and "kmo-alert" in page.text
    assert page.headers["cache-control"] == "no-cache"
    assert script.status_code == 200 and script.headers["content-encoding"] == "gzip"
    assert "immutable" in script.headers["cache-control"]


def test_the_apps_own_paths_fall_back_to_index_html(tmp_path: Path) -> None:
    client = app_with(str(built(tmp_path)))

    deep = client.get("/app/debtors/BE0403170701")

    assert deep.status_code == 200 and "kmo-alert" in deep.text


def test_a_missing_asset_is_a_404_not_the_page(tmp_path: Path) -> None:
    client = app_with(str(built(tmp_path)))

    assert client.get("/app/assets/gone-123.js").status_code == 404


def test_without_a_built_app_the_api_works_and_app_says_how_to_build_it(tmp_path: Path) -> None:
    for directory in ("", str(tmp_path / "nowhere")):
        client = app_with(directory)

        assert client.get("/graphql").text == "api"
        missing = client.get("/app/")
        assert missing.status_code == 404 and "npm run build" in missing.text


def test_an_app_built_after_the_gateway_started_is_served(tmp_path: Path) -> None:
    client = app_with(str(tmp_path))
    assert client.get("/app/").status_code == 404

    built(tmp_path)

    assert client.get("/app/").status_code == 200
