"""The company registry through the running platform: a KBO extract loaded with ingest's
operator command is found by name through GraphQL, and a bankruptcy in the next daily
update moves a debtor's score with its reason and reaches the partner watching it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from datagen import kbo
from devstack.e2e import Platform, eventually, submit_invoice
from devstack.samples import belgian_vat
from devstack.webhooks import receiving
from gateway.domain.feed import verify

pytestmark = pytest.mark.e2e

SEARCH = """query($q: String!) { searchCompanies(query: $q, first: 5) {
  vat name sector registration { enterpriseNumber status legalForm juridicalSituation
    juridicalSituationDate inDistress startDate naceCode naceSection names { name language } }
} }"""
PROFILE = """query($vat: String!) { company(vat: $vat) {
  riskProfile { score level factors { reason points sentence } } } }"""
WATCH = """mutation($input: WatchlistInput!) { createWatchlist(input: $input) { added } }"""
HOOK = """mutation($url: String!) { createWebhook(url: $url) { secret } }"""


def load(platform: Platform, path: Path) -> dict[str, Any]:
    env = {**os.environ, "INGEST_DATABASE_URL": platform.stack.config.database_urls["ingest"]}
    done = subprocess.run(
        [sys.executable, "-m", "ingest", "registry-import", str(path)],
        env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    summary: dict[str, Any] = json.loads(done.stdout)
    return summary


def test_an_imported_company_is_found_by_name_and_its_bankruptcy_reaches_the_partner(
    platform: Platform, tmp_path: Path
) -> None:
    debtor = belgian_vat()
    tag = uuid.uuid4().hex[:8]
    company = kbo.Enterprise(
        debtor[2:],
        names=[
            ("2", "001", f"Brouwerij Sint-Rémy {tag}"),
            ("1", "001", f"Brasserie Saint-Rémy {tag}"),
        ],
        juridical_form="610",
        start_date=date(2004, 5, 3),
        activities=[("001", "2008", "11050", "MAIN"), ("001", "2025", "11050", "MAIN")],
    )
    others = list(kbo.synthetic(200, seed=int(tag, 16) % 1000, start=3_000_000))
    summary = load(platform, _full(tmp_path, [company, *others]))
    assert summary["enterprises_added"] == 201

    insurer = platform.partner("risk:read", "risk:subscribe", name=f"Insurer {tag}")
    # accents and case ignored, the French name finds it too
    for query in (f"brouwerij sint remy {tag}", f"SAINT-RÉMY {tag}"):
        [found] = insurer.execute(SEARCH, {"q": query})["searchCompanies"]
        assert found["vat"] == debtor and found["name"] == f"Brouwerij Sint-Rémy {tag}"
    reg = found["registration"]
    assert (reg["enterpriseNumber"], reg["status"], reg["legalForm"]) == (
        debtor[2:], "ACTIVE", "Besloten vennootschap",
    )  # fmt: skip
    assert (reg["juridicalSituation"], reg["inDistress"]) == ("Normale toestand", False)
    assert (reg["startDate"], reg["naceCode"], reg["naceSection"]) == ("2004-05-03", "11050", "C")
    assert found["sector"] == "C11.05"
    assert {n["language"] for n in reg["names"]} == {"NL", "FR"}
    [by_number] = insurer.execute(SEARCH, {"q": kbo.dotted(debtor[2:])})["searchCompanies"]
    assert by_number["vat"] == debtor

    # A member reports an invoice not due yet; a partner watches the debtor.
    member = platform.new_member(f"Drankenhandel {tag}", belgian_vat())
    submit_invoice(member, debtor, issueDate="2026-11-20", dueDate="2027-01-20")
    before = eventually(lambda: member.execute(PROFILE, {"vat": debtor})["company"]["riskProfile"])
    assert (
        insurer.execute(WATCH, {"input": {"name": tag, "vats": [debtor]}})["createWatchlist"][
            "added"
        ]
        == 1
    )
    with receiving() as receiver:
        secret = insurer.execute(HOOK, {"url": receiver.url})["createWebhook"]["secret"]
        bankrupt = kbo.Enterprise(
            company.number, names=company.names, situation=kbo.BANKRUPTCY,
            juridical_form="610", start_date=company.start_date, activities=company.activities,
        )  # fmt: skip
        update = tmp_path / "KboOpenData_0501_2026_12_Update.zip"
        kbo.write_update(update, [bankrupt], [], 501, date(2026, 12, 2))
        assert load(platform, update)["status_changes"] == 1

        def bankruptcy_delivered() -> list[dict[str, Any]]:
            return [
                e for e in receiver.events(verify, secret)
                if e["data"]["company"]["vat"] == debtor
                and e["data"]["reasons"][0]["code"] == "LEGAL_SITUATION"
            ]  # fmt: skip

        [event] = eventually(bankruptcy_delivered, timeout=30)
    assert event["data"]["current"]["level"] == "critical"
    assert event["data"]["current"]["score"] >= 90 > before["score"] + 20
    assert "bankruptcy" in event["data"]["reasons"][0]["sentence"]
    after = member.execute(PROFILE, {"vat": debtor})["company"]["riskProfile"]
    assert after["level"] == "CRITICAL" and after["factors"][0]["reason"] == "LEGAL_SITUATION"
    [found] = insurer.execute(SEARCH, {"q": f"sint remy {tag}"})["searchCompanies"]
    assert found["registration"]["inDistress"] is True
    assert found["registration"]["juridicalSituation"] == "Opening faillissement"
    assert found["registration"]["juridicalSituationDate"] == "2026-12-02"


def _full(tmp_path: Path, enterprises: list[kbo.Enterprise]) -> Path:
    path = tmp_path / "KboOpenData_0500_2026_12_Full.zip"
    kbo.write_full(path, enterprises, 500, date(2026, 12, 1))
    return path
