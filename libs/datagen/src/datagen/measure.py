"""Measurements on a dataset, made the way a register would make them: what the tests check
against the configured figures, and what a scoring model's validation can reuse."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from datagen import config as cfg
from datagen.dataset import Dataset

Mask = npt.NDArray[np.bool_]


def debtor_attr(ds: Dataset, name: str) -> npt.NDArray[np.str_]:
    """A debtor attribute per invoice."""
    values = np.array([str(getattr(d, name)) for d in ds.debtors])
    out: npt.NDArray[np.str_] = values[ds.invoices.debtor_id - len(ds.members) - 1]
    return out


def bankrupt_invoice(ds: Dataset) -> Mask:
    flags = np.array([t.bankrupt_date is not None for t in ds.truth])
    out: Mask = flags[ds.invoices.debtor_id - len(ds.members) - 1]
    return out


def observed(ds: Dataset) -> Mask:
    """Invoices of going concerns with a complete payment experience (the calibration set)."""
    cut = np.datetime64(ds.config.as_of) - cfg.CALIBRATION_OBSERVATION_DAYS
    out: Mask = (ds.invoices.due_date <= cut) & ~bankrupt_invoice(ds)
    return out


def days_beyond_terms(ds: Dataset) -> npt.NDArray[np.int64]:
    """Settled: paid date - due date; still open: as-of - due date (an aging list's view);
    early payment counts as 0, as in the DBT definition (domain.md 1.2, 1.3)."""
    inv = ds.invoices
    end = np.where(np.isnat(inv.paid_date), np.datetime64(ds.config.as_of), inv.paid_date)
    out: npt.NDArray[np.int64] = np.maximum((end - inv.due_date).astype(np.int64), 0)
    return out


def on_time(ds: Dataset) -> Mask:
    inv = ds.invoices
    out: Mask = ~np.isnat(inv.paid_date) & (inv.paid_date <= inv.due_date)
    return out
