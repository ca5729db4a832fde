"""GraphQL over HTTP as the spec says it MUST and SHOULD: the npm package graphql-http's
server audit against the running gateway, and the media type and status codes by hand."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import httpx
import pytest

from devstack.e2e import Platform

AUDIT = Path(__file__).resolve().parents[1] / "http_audit"
GRAPHQL_RESPONSE = "application/graphql-response+json"
KEY: list[str] = []  # one partner key for the hand-made requests (its own rate limit)


@pytest.fixture(autouse=True)
def partner_key(platform: Platform) -> None:
    if not KEY:
        KEY.append(platform.partner("risk:read").key or "")


@pytest.mark.skipif(shutil.which("npm") is None, reason="needs Node.js and npm")
def test_the_graphql_http_audit_passes_every_must_and_should(platform: Platform) -> None:
    if not (AUDIT / "node_modules" / "graphql-http").exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=AUDIT, check=True, timeout=300)
    key = platform.partner("risk:read").key or ""
    done = subprocess.run(
        ["node", "audit.js", platform.stack.gateway_url, key],
        cwd=AUDIT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    lines = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    failed = [line for line in lines if "status" in line]
    assert failed == [] and done.returncode == 0, done.stdout + done.stderr
    summary = lines[-1]
    assert summary["summary"]["ok"] == summary["audits"] > 50


def post(platform: Platform, body: str, accept: str | None) -> httpx.Response:
    headers = {"content-type": "application/json", "authorization": f"Bearer {KEY[0]}"}
    if accept is not None:
        headers["accept"] = accept
    return httpx.post(platform.stack.gateway_url, content=body, headers=headers, timeout=10)


@pytest.mark.parametrize(
    "body",
    [
        '{"query": "{ __typename"}',  # parse error
        '{"query": "{ noSuchField }"}',  # validation error
        '{"query": "query($v: String!) { company(vat: $v) { vat } }", "variables": {"v": 1}}',
    ],
)
def test_a_request_error_is_a_4xx_without_data_for_graphql_response_clients(
    platform: Platform, body: str
) -> None:
    modern = post(platform, body, GRAPHQL_RESPONSE)
    legacy = post(platform, body, "application/json")

    assert modern.status_code == 400
    assert modern.headers["content-type"].startswith(GRAPHQL_RESPONSE)
    assert "data" not in modern.json() and modern.json()["errors"]
    assert legacy.status_code == 200 and legacy.headers["content-type"].startswith(
        "application/json"
    )
    assert legacy.json()["data"] is None


def test_a_field_error_keeps_200_and_data_either_way(platform: Platform) -> None:
    body = '{"query": "{ company(vat: \\"XX1\\") { vat } }"}'
    modern = post(platform, body, f"{GRAPHQL_RESPONSE}, application/json;q=0.9")

    assert modern.status_code == 200
    assert modern.headers["content-type"].startswith(GRAPHQL_RESPONSE)
    assert "data" in modern.json() and modern.json()["errors"][0]["path"] == ["company"]
    assert (
        post(platform, '{"query": "{ __typename }"}', None)
        .headers["content-type"]
        .startswith("application/json")
    )
