"""Shared datasets: generated once per session, small enough to keep the suite fast."""

from __future__ import annotations

import pytest

from datagen import Dataset, GeneratorConfig, generate

# Large enough that country-level shares have a standard error well under the tolerances,
# small enough to generate in about a second.
STATISTICS_INVOICES = 200_000


@pytest.fixture(scope="session")
def big() -> Dataset:
    return generate(GeneratorConfig(seed=20240611, n_invoices=STATISTICS_INVOICES))


@pytest.fixture(scope="session")
def small() -> Dataset:
    return generate(GeneratorConfig(seed=7, n_invoices=2_000))
