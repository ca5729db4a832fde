from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from datagen import GeneratorConfig, generate
from datagen.__main__ import main


def _tree(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def test_same_seed_writes_byte_identical_outputs_in_every_format(tmp_path: Path) -> None:
    args = ["--seed", "11", "--invoices", "600", "--formats", "rows,csv,ubl,ocr,truth"]
    assert main([*args, "--out", str(tmp_path / "a")]) == 0
    assert main([*args, "--out", str(tmp_path / "b")]) == 0
    a, b = _tree(tmp_path / "a"), _tree(tmp_path / "b")
    assert len(a) > 600  # one UBL file per invoice plus the rest
    assert a == b


def test_a_different_seed_gives_different_companies_and_invoices() -> None:
    one = generate(GeneratorConfig(seed=1, n_invoices=500))
    two = generate(GeneratorConfig(seed=2, n_invoices=500))
    assert [c.vat for c in one.debtors] != [c.vat for c in two.debtors]
    assert not np.array_equal(one.invoices.gross_cents, two.invoices.gross_cents)


def test_same_seed_gives_equal_rows_in_memory() -> None:
    one = generate(GeneratorConfig(seed=5, n_invoices=800))
    two = generate(GeneratorConfig(seed=5, n_invoices=800))
    assert list(one.rows("invoices")) == list(two.rows("invoices"))
    assert list(one.rows("payments")) == list(two.rows("payments"))
    assert one.truth == two.truth


@pytest.mark.parametrize("n", [1, 300, 5_000])
def test_generates_exactly_the_requested_number_of_invoices(n: int) -> None:
    ds = generate(GeneratorConfig(seed=3, n_invoices=n))
    assert len(ds.invoices) == n
    assert ds.invoices.invoice_id.tolist() == list(range(1, n + 1))
    numbers = list(zip(ds.invoices.member_id.tolist(), ds.invoices.invoice_number, strict=True))
    assert len(set(numbers)) == n  # invoice numbers are unique per member


def test_cli_prints_a_summary_and_the_time_taken(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(
            ["--seed", "4", "--invoices", "300", "--out", str(tmp_path), "--formats", "rows,truth"]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "invoices 300" in out and "generated in" in out
    assert (tmp_path / "rows" / "invoices.csv").exists()
    assert not (tmp_path / "ubl").exists()


def test_cli_rejects_an_unknown_format(tmp_path: Path) -> None:
    with pytest.raises(SystemExit):
        main(["--out", str(tmp_path), "--formats", "rows,pdf"])
