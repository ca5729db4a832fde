"""The member web app (``web/dist``) under ``/app``: static files with a fallback to
``index.html`` for the app's own paths (it routes in the browser), gzipped.

Without a built app the gateway still serves the API; ``/app`` then says how to build it.
"""

from __future__ import annotations

from pathlib import Path

from starlette.exceptions import HTTPException
from starlette.middleware.gzip import GZipMiddleware
from starlette.responses import PlainTextResponse, Response
from starlette.routing import BaseRoute, Mount
from starlette.staticfiles import StaticFiles
from starlette.types import Receive, Scope, Send

NOT_BUILT = (
    "The web app is not built. Build it with `cd web && npm ci && npm run build` "
    "(make up does this when Node.js is installed); the API at /graphql works without it.\n"
)


class SpaFiles(StaticFiles):
    """StaticFiles that answers unknown paths without a file extension with index.html,
    and lets browsers keep the content-hashed assets for a year."""

    async def get_response(self, path: str, scope: Scope) -> Response:
        try:
            response = await super().get_response(path, scope)
        except HTTPException as exc:
            if exc.status_code != 404 or "." in path.rsplit("/", 1)[-1]:
                raise
            response = await super().get_response("index.html", scope)
        if path.startswith("assets/") and response.status_code == 200:
            response.headers["cache-control"] = "public, max-age=31536000, immutable"
        else:
            response.headers["cache-control"] = "no-cache"
        return response


def web_routes(directory: str) -> list[BaseRoute]:
    """``/app`` routes: the built app in ``directory`` (looked for on every request, so a
    build after the gateway started is served), else a 404 that says how to build it."""
    root = Path(directory) if directory else None
    files = GZipMiddleware(SpaFiles(directory=root, html=True, check_dir=False), minimum_size=1024)

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        if root is None or not (root / "index.html").is_file():
            await PlainTextResponse(NOT_BUILT, status_code=404)(scope, receive, send)
            return
        await files(scope, receive, send)

    return [Mount("/app", app=app)]
