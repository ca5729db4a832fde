"""Helpers for end-to-end tests: a GraphQL client per API key, and waiting for events."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable
from typing import Any

import httpx

from devstack.stack import Stack


class GraphQLError(AssertionError):
    pass


class Client:
    """A GraphQL client holding one API key."""

    def __init__(self, url: str, key: str | None) -> None:
        self.url = url
        self.key = key

    def post(self, query: str, variables: dict[str, Any] | None = None) -> httpx.Response:
        headers = {"Authorization": f"Bearer {self.key}"} if self.key else {}
        return httpx.post(
            self.url,
            json={"query": query, "variables": variables or {}},
            headers=headers,
            timeout=30,
        )

    def execute(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        """The ``data`` of a successful response; raises on any GraphQL error."""
        body = self.post(query, variables).json()
        if body.get("errors"):
            raise GraphQLError(json.dumps(body["errors"]))
        data: dict[str, Any] = body["data"]
        return data

    def errors(self, query: str, variables: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        body = self.post(query, variables).json()
        assert body.get("errors"), f"expected errors, got {body}"
        errs: list[dict[str, Any]] = body["errors"]
        return errs


class Platform:
    def __init__(self, stack: Stack) -> None:
        self.stack = stack

    def new_member(self, name: str, vat: str) -> Client:
        out = json.loads(self.stack.admin("create-member", "--name", name, "--vat", vat).stdout)
        return Client(self.stack.gateway_url, out["api_key"])

    def partner(self, *scopes: str) -> Client:
        args = ["create-key", "--partner", "Test Insurer"]
        for s in scopes:
            args += ["--scope", s]
        return Client(self.stack.gateway_url, json.loads(self.stack.admin(*args).stdout)["api_key"])

    def anonymous(self) -> Client:
        return Client(self.stack.gateway_url, None)


def eventually(check: Callable[[], Any], timeout: float = 20.0, interval: float = 0.2) -> Any:
    """Retry ``check`` until it returns a truthy value (events are asynchronous)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            result = check()
            if result:
                return result
        except (AssertionError, KeyError, TypeError):
            if time.monotonic() > deadline:
                raise
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout} s (last: {result!r})")
        time.sleep(interval)


def unique_ref(prefix: str = "INV") -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


SUBMIT = """
mutation($input: SubmitInvoiceInput!) {
  submitInvoice(input: $input) {
    id status invoiceNumber debtor { vat country } amount { amount currency }
  }
}"""
PAY = """
mutation($input: RecordPaymentInput!) {
  recordPayment(input: $input) { id status paidDate paidAmount { amount } }
}"""
RISK = """
query($vat: String!) {
  company(vat: $vat) {
    vat country
    riskProfile { score level invoiceCount paidCount supplierCount avgDaysLate avgDaysToPay }
  }
}"""


def submit_invoice(client: Client, vat: str, **overrides: Any) -> dict[str, Any]:
    invoice = {
        "debtorVat": vat,
        "debtorName": "Testbedrijf BV",
        "invoiceNumber": unique_ref(),
        "issueDate": "2026-09-01",
        "dueDate": "2026-10-01",
        "amount": "1500.00",
        **overrides,
    }
    created: dict[str, Any] = client.execute(SUBMIT, {"input": invoice})["submitInvoice"]
    return created


def risk_profile(client: Client, vat: str) -> dict[str, Any] | None:
    found: dict[str, Any] | None = client.execute(RISK, {"vat": vat})["company"]["riskProfile"]
    return found
