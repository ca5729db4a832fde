"""The demo loader's pure parts: the data set it makes, batching, inputs, keys, progress."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from datagen import Dataset, PaymentRow, generate
from datagen.demo import (
    DevstackKeys,
    Job,
    _interleave,
    _run_all,
    anchor_date,
    batched,
    demo_config,
    invoice_input,
    payment_batches,
    payment_input,
    pick_showcase,
    render_bar,
)

AS_OF = dt.date(2026, 11, 23)


@pytest.fixture(scope="module")
def demo() -> Dataset:
    return generate(demo_config(AS_OF, n_invoices=3_000, seed=11))


def payment(payment_id: int, invoice_id: int, day: int, cents: int = 100) -> PaymentRow:
    return PaymentRow(
        payment_id=payment_id,
        invoice_id=invoice_id,
        member_id=1,
        debtor_id=9,
        paid_on=dt.date(2026, 1, day),
        amount=Decimal(cents).scaleb(-2),
    )


def test_the_demo_world_ends_today_so_recent_invoices_are_still_open(demo: Dataset) -> None:
    invoices = list(demo.iter_invoices())
    assert max(i.issue_date for i in invoices) <= AS_OF - dt.timedelta(days=90)
    assert max(p.paid_on for p in demo.iter_payments()) <= AS_OF
    assert any(i.paid_date is None and i.due_date < AS_OF for i in invoices)


def test_the_demo_world_has_a_few_members_and_many_more_debtors(demo: Dataset) -> None:
    assert 3 <= len(demo.members) <= 10
    assert len(demo.debtors) >= 100 * len(demo.members)


def test_batches_are_consecutive_and_at_most_the_batch_size() -> None:
    assert list(batched(range(7), 3)) == [[0, 1, 2], [3, 4, 5], [6]]
    assert list(batched([], 3)) == []
    with pytest.raises(ValueError):
        list(batched(range(3), 0))


def test_an_invoices_payments_share_a_batch_in_date_order() -> None:
    rows = [payment(1, 10, 5), payment(2, 11, 1), payment(3, 10, 2), payment(4, 12, 3)]

    batches = list(payment_batches(rows, 2))

    assert [[p.payment_id for p in b] for b in batches] == [[3, 1], [2, 4]]


def test_a_batch_closes_early_rather_than_split_an_invoice() -> None:
    rows = [payment(1, 10, 1), payment(2, 11, 1), payment(3, 11, 2), payment(4, 11, 3)]

    batches = list(payment_batches(rows, 3))

    assert [[p.invoice_id for p in b] for b in batches] == [[10], [11, 11, 11]]


def test_an_invoice_paid_in_more_parts_than_a_batch_holds_is_refused() -> None:
    with pytest.raises(ValueError):
        list(payment_batches([payment(i, 10, i) for i in range(1, 4)], 2))


def test_every_generated_payment_lands_in_exactly_one_batch(demo: Dataset) -> None:
    rows = list(demo.iter_payments())

    batches = list(payment_batches(rows, 500))

    assert all(len(b) <= 500 for b in batches)
    assert sorted(p.payment_id for b in batches for p in b) == sorted(p.payment_id for p in rows)


def test_an_invoice_becomes_a_submit_input_with_exact_amounts_and_iso_dates(
    demo: Dataset,
) -> None:
    row = next(r for r in demo.iter_invoices() if r.vat_amount > 0)
    debtor = next(d for d in demo.debtors if d.vat == row.debtor_vat)

    given = invoice_input(row, debtor)

    assert given == {
        "debtorVat": row.debtor_vat,
        "debtorName": debtor.name,
        "debtorSector": debtor.nace,
        "invoiceNumber": row.invoice_number,
        "issueDate": row.issue_date.isoformat(),
        "dueDate": row.due_date.isoformat(),
        "amount": str(row.gross_amount),
    }
    assert Decimal(given["amount"]) == row.net_amount + row.vat_amount
    assert given["amount"].count(".") == 1 and len(given["amount"].split(".")[1]) == 2
    assert dt.date.fromisoformat(given["dueDate"]) == row.due_date


def test_a_payment_becomes_a_record_input_on_the_invoice_the_api_returned() -> None:
    assert payment_input(payment(1, 10, 7, cents=123450), "abc-123") == {
        "invoiceId": "abc-123",
        "paidDate": "2026-01-07",
        "amount": "1234.50",
    }


def test_the_payments_of_a_settled_invoice_add_up_to_what_was_submitted(demo: Dataset) -> None:
    paid: Counter[int] = Counter()
    for p in demo.iter_payments():
        paid[p.invoice_id] += int(p.amount * 100)
    settled = [r for r in demo.iter_invoices() if r.paid_date is not None]
    debtor = demo.debtors[0]  # the name does not matter here

    assert settled
    for row in settled:
        submitted = Decimal(invoice_input(row, debtor)["amount"])
        assert Decimal(paid[row.invoice_id]).scaleb(-2) == submitted


def test_the_showcase_has_good_slow_and_bad_payers_in_every_country_and_several_sectors(
    demo: Dataset,
) -> None:
    showcase = pick_showcase(demo)

    assert {s.country for s in showcase} == {"BE", "NL", "LU"}
    assert {s.kind for s in showcase} == {"good payer", "slow payer", "bad payer"}
    assert len({s.sector[0] for s in showcase}) >= 4
    assert all(s.invoices >= 3 and 0 <= s.settled <= s.invoices for s in showcase)


def test_the_showcase_kinds_follow_the_hidden_truth(demo: Dataset) -> None:
    truth = {t.vat: t.expected_risk_level for t in demo.truth}
    expected = {"good payer": {"low"}, "slow payer": {"medium", "high"}, "bad payer": {"critical"}}

    for s in pick_showcase(demo):
        assert truth[s.vat] in expected[s.kind]


class FakeAdmin:
    """Stands in for ``python -m devstack admin``: members by VAT, each with issued keys."""

    def __init__(self, existing: set[str] | None = None) -> None:
        self.members = set(existing or ())
        self.calls: list[list[str]] = []

    def __call__(self, args: list[str]) -> str:
        self.calls.append(args)
        if args[0] == "create-member":
            vat = args[args.index("--vat") + 1]
            if vat in self.members:
                return json.dumps({"member_id": "m", "vat": vat, "created": False})
            self.members.add(vat)
            return json.dumps({"vat": vat, "created": True, "api_key": f"kmo_new_{vat}"})
        vat = args[args.index("--member-vat") + 1]
        return json.dumps({"key_id": "k", "api_key": f"kmo_again_{vat}", "scopes": []})


def test_each_member_gets_a_key_that_is_kept_for_the_next_run(
    demo: Dataset, tmp_path: Path
) -> None:
    admin = FakeAdmin()

    keys = DevstackKeys(tmp_path, admin)(demo.members)

    assert keys == {m.vat: f"kmo_new_{m.vat}" for m in demo.members}
    assert json.loads((tmp_path / "demo-keys.json").read_text()) == keys
    assert (tmp_path / "demo-keys.json").stat().st_mode & 0o077 == 0


def test_a_second_run_reuses_the_stored_keys_without_asking_the_gateway(
    demo: Dataset, tmp_path: Path
) -> None:
    DevstackKeys(tmp_path, FakeAdmin())(demo.members)
    admin = FakeAdmin()

    keys = DevstackKeys(tmp_path, admin)(demo.members)

    assert admin.calls == []
    assert keys == {m.vat: f"kmo_new_{m.vat}" for m in demo.members}


def test_a_member_that_exists_without_a_stored_key_is_issued_a_new_one(
    demo: Dataset, tmp_path: Path
) -> None:
    first = demo.members[0]
    admin = FakeAdmin(existing={first.vat})

    keys = DevstackKeys(tmp_path, admin)(demo.members)

    assert keys[first.vat] == f"kmo_again_{first.vat}"
    assert ["create-key", "--member-vat", first.vat] in admin.calls


def test_the_demo_date_is_fixed_by_the_first_run(tmp_path: Path) -> None:
    assert anchor_date(tmp_path, dt.date(2026, 11, 23)) == dt.date(2026, 11, 23)
    assert anchor_date(tmp_path, dt.date(2026, 12, 24)) == dt.date(2026, 11, 23)


def test_the_progress_bar_shows_share_count_and_rate() -> None:
    line = render_bar("invoices", 250, 1000, elapsed=0.5, width=20)

    assert "[#####...............]" in line
    assert "250/1000" in line and "25%" in line and "500/s" in line
    assert "\n" not in line


def test_batches_of_several_members_take_turns() -> None:
    assert _interleave([[1, 2, 3], [10], [20, 21]]) == [1, 10, 20, 2, 21, 3]


def test_no_more_requests_than_the_concurrency_are_in_flight() -> None:
    in_flight, peak = 0, 0
    done: list[int] = []

    def job(n: int) -> Job:
        async def run() -> None:
            nonlocal in_flight, peak
            in_flight += 1
            peak = max(peak, in_flight)
            await asyncio.sleep(0.001)
            in_flight -= 1
            done.append(n)

        return run

    asyncio.run(_run_all([job(n) for n in range(12)], concurrency=3))

    assert peak == 3
    assert sorted(done) == list(range(12))
