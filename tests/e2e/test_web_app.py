"""The member web app in a real browser: headless Chromium (Debian's) driven by
playwright-core runs web/e2e/run.mjs against the platform as ``make up`` starts it, seeded
with a small demo world. Needs Node.js, npm and /usr/bin/chromium (.ci/run installs it)."""

from __future__ import annotations

import asyncio
import datetime as dt
import io
import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from datagen import generate
from datagen.demo import DevstackKeys, demo_config, load, pick_showcase, wait_for_profiles
from devstack.e2e import FONT, Client, Platform, rendered_invoice
from devstack.samples import belgian_vat
from devstack.web import WEB, ensure_built

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
OUT = WEB / "test-output"
SUBMIT_MANY = """mutation($inputs: [SubmitInvoiceInput!]!) {
  submitInvoices(inputs: $inputs) { accepted errors { index error { code message } } }
}"""

pytestmark = pytest.mark.skipif(
    shutil.which("node") is None
    or shutil.which("npm") is None
    or not os.path.exists(CHROMIUM)
    or shutil.which("tesseract") is None
    or shutil.which("pdftotext") is None
    or not os.path.exists(FONT),
    reason="needs Node.js with npm, Debian's chromium, poppler-utils (pdftotext), "
    "tesseract-ocr and fonts-dejavu-core (.ci/run installs them)",
)


def test_the_member_web_app_works_against_the_platform_in_chromium(
    platform: Platform, tmp_path: Path
) -> None:
    assert ensure_built(out=lambda line: print(line, file=sys.stderr)), "web/dist not built"
    url = platform.stack.gateway_url

    # A small demo world: one member, its debtors, two years of invoices and payments.
    ds = generate(demo_config(dt.date.today(), n_invoices=800, seed=14))
    keys = DevstackKeys(tmp_path, admin=lambda args: platform.stack.admin(*args).stdout)
    member_keys = keys(ds.members)
    showcase = pick_showcase(ds)
    asyncio.run(load(ds, url, member_keys, first=[s.vat for s in showcase], out=io.StringIO()))
    profiles = asyncio.run(wait_for_profiles(url, keys.operator(), showcase, 90))
    # The member with the most invoices (the generator makes a few).
    counts = Counter(row.member_vat for row in ds.iter_invoices())
    member = max(ds.members, key=lambda m: counts[m.vat])
    member_key = member_keys[member.vat]

    # The world ends a quarter ago and its invoices are mostly paid: add open ones, some
    # overdue, so the dashboard, the action plan and the invoice pages have work to show.
    today = dt.date.today()
    scored = [s for s in showcase if profiles.get(s.vat)]
    debtors = [s.vat for s in scored]
    open_invoices = [
        {
            "debtorVat": debtors[n % len(debtors)],
            "debtorName": scored[n % len(scored)].name,
            "invoiceNumber": f"WEB-{today:%Y%m%d}-{n:03d}",
            "issueDate": (today - dt.timedelta(days=4 * n + 5)).isoformat(),
            "dueDate": (today - dt.timedelta(days=4 * n - 25)).isoformat(),
            "amount": f"{450 + 137 * n}.{n % 100:02d}",
        }
        for n in range(30)
    ]
    Client(url, member_key).execute(SUBMIT_MANY, {"inputs": open_invoices})

    invoice_debtor = belgian_vat()
    image = tmp_path / "factuur.jpg"
    image.write_bytes(rendered_invoice(member.vat, invoice_debtor, "F2026-2201"))
    partner = platform.partner("risk:read", "risk:subscribe", name="Web Test Insurer")

    done = subprocess.run(
        ["node", "e2e/run.mjs"],
        cwd=WEB,
        env={
            **os.environ,
            "APP_URL": url.removesuffix("/graphql") + "/app/",
            "API_KEY": member_key,
            "PARTNER_KEY": partner.key or "",
            "DEBTOR_VAT": debtors[0],
            "INVOICE_IMAGE": str(image),
            "INVOICE_DEBTOR_VAT": invoice_debtor,
            "OUT_DIR": str(OUT),
            "CHROMIUM": CHROMIUM,
        },
        capture_output=True,
        text=True,
        timeout=600,
    )
    print(done.stdout)
    assert done.returncode == 0, done.stdout + done.stderr
