"""The real-document set (``../shared/ocr-real``): predictions, per-field accuracy on a fixed
tuning half and a fixed held-back half, and calibration of the confidences.

The documents and their truth live outside the repository (some show private names); they are
read here at run time only. The split is by sorted document id: even positions tune, odd
positions are held back. Rules are improved against the tuning half; the held-back half is
reported beside it and its misses are not read while rules change.

Scoring uses the set's own ``score.py`` (its comparison rules, imported, not copied).
"""

from __future__ import annotations

import hashlib
import importlib.util
import itertools
import json
import os
import pickle
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from multiprocessing import get_context
from pathlib import Path
from types import ModuleType
from typing import Any

from ocr import extraction
from ocr.extraction import Field, InvoiceFields, Word, configure_worker, extract_fields

ROOT = Path(__file__).resolve().parents[4]
REAL_DIR = Path(os.environ.get("OCR_REAL_DIR", ROOT.parent / "shared" / "ocr-real"))
TODAY = date(2026, 12, 1)

# Set field -> our field (``InvoiceFields`` attribute).
FIELDS: dict[str, str] = {
    "seller_name": "seller_name",
    "seller_vat": "seller_vat",
    "buyer_name": "debtor_name",
    "buyer_vat": "debtor_vat",
    "invoice_number": "invoice_number",
    "invoice_date": "invoice_date",
    "due_date": "due_date",
    "total_amount": "total_amount",
    "currency": "currency",
}
TARGETS: dict[str, float | None] = {
    "invoice_date": 0.95,
    "total_amount": 0.90,
    "invoice_number": 0.85,
    "seller_name": 0.85,
    "seller_vat": 0.90,
    "buyer_name": 0.80,
    "buyer_vat": 1.0,
    "due_date": 1.0,
    "currency": 0.97,
}
SPLITS = ("tune", "holdout")
# Reliability bins: lower edges; the last bin is [0.9, 1.0].
BINS = (0.0, 0.2, 0.4, 0.6, 0.8, 0.9)


def available(real_dir: Path = REAL_DIR) -> bool:
    return (real_dir / "truth.json").is_file() and (real_dir / "score.py").is_file()


def load_truth(real_dir: Path = REAL_DIR) -> list[dict[str, Any]]:
    data = json.loads((real_dir / "truth.json").read_text(encoding="utf-8"))
    docs: list[dict[str, Any]] = sorted(data["documents"], key=lambda d: d["id"])
    return docs


def split_of(position: int) -> str:
    return "tune" if position % 2 == 0 else "holdout"


def scorer(real_dir: Path = REAL_DIR) -> ModuleType:
    spec = importlib.util.spec_from_file_location("ocr_real_score", real_dir / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def reader_version() -> str:
    """Changes whenever the code that turns bytes into words changes (the words cache key)."""
    pkg = Path(extraction.__file__ or "").parent
    digest = hashlib.sha256()
    for name in ("documents.py", "preprocess.py", "tesseract.py", "pipeline.py", "model.py"):
        digest.update((pkg / name).read_bytes())
    return digest.hexdigest()[:12]


def _read(path: str) -> list[Word]:
    from ocr.extraction.pipeline import read_words

    return read_words(Path(path).read_bytes())[0]


def words_for(
    docs: Sequence[dict[str, Any]], cache: Path, *, workers: int, real_dir: Path = REAL_DIR
) -> dict[str, list[Word]]:
    """Words of every document, OCR'd once per reader version and kept in ``cache``."""
    folder = cache / reader_version()
    folder.mkdir(parents=True, exist_ok=True)
    out: dict[str, list[Word]] = {}
    todo = []
    for d in docs:
        f = folder / f"{d['id']}.pkl"
        if f.is_file():
            out[d["id"]] = pickle.loads(f.read_bytes())
        else:
            todo.append(d)
    if todo:
        with ProcessPoolExecutor(
            workers, mp_context=get_context("spawn"), initializer=configure_worker
        ) as pool:
            futures = [(d, pool.submit(_read, str(real_dir / d["file"]))) for d in todo]
            for d, fut in futures:
                words = fut.result()
                (folder / f"{d['id']}.pkl").write_bytes(pickle.dumps(words))
                out[d["id"]] = words
    return out


def predict(fields: InvoiceFields) -> dict[str, tuple[object, float]]:
    out: dict[str, tuple[object, float]] = {}
    for name, attr in FIELDS.items():
        got: Field[Any] | None = getattr(fields, attr, None)
        if got is not None:
            value = got.value
            out[name] = (
                value.isoformat() if isinstance(value, date) else str(value),
                got.confidence,
            )
    return out


@dataclass
class Half:
    docs: int = 0
    scored: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    spurious: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    misses: list[str] = field(default_factory=list)

    def rate(self, name: str) -> float | None:
        n = self.scored[name]
        return self.right[name] / n if n else None


@dataclass
class RealReport:
    halves: dict[str, Half]
    # (confidence, correct) of every predicted field whose truth is printed, both halves.
    calibration: list[tuple[float, bool]]
    # (half, our field name, confidence, correct): what calibrate.py fits on.
    observations: list[tuple[str, str, float, bool]]
    predictions: dict[str, dict[str, object]]


def evaluate(
    extract_one: Callable[[dict[str, Any]], InvoiceFields],
    docs: Sequence[dict[str, Any]],
    *,
    real_dir: Path = REAL_DIR,
) -> RealReport:
    score = scorer(real_dir)
    halves = {s: Half() for s in SPLITS}
    calibration: list[tuple[float, bool]] = []
    observations: list[tuple[str, str, float, bool]] = []
    predictions: dict[str, dict[str, object]] = {}
    for position, doc in enumerate(docs):
        half = halves[split_of(position)]
        half.docs += 1
        got = predict(extract_one(doc))
        predictions[doc["id"]] = {k: v for k, (v, _) in got.items()}
        for name in FIELDS:
            truth = doc["fields"].get(name)
            pred = got.get(name)
            if truth is None:
                half.spurious[name] += pred is not None
                continue
            half.scored[name] += 1
            options = [truth, *doc.get("alternatives", {}).get(name, [])]
            ok = pred is not None and any(score.field_eq(name, pred[0], t) for t in options)
            half.right[name] += ok
            if pred is not None:
                calibration.append((pred[1], ok))
                observations.append((split_of(position), FIELDS[name], pred[1], ok))
            if not ok:
                shown = pred[0] if pred is not None else None
                half.misses.append(f"{doc['id']}: {name} = {shown!r}, truth {truth!r}")
    return RealReport(halves, calibration, observations, predictions)


def evaluate_words(
    words: dict[str, list[Word]],
    docs: Sequence[dict[str, Any]],
    *,
    real_dir: Path = REAL_DIR,
    calibrated: bool = True,
) -> RealReport:
    """Field extraction on cached words (the fast loop)."""
    return evaluate(
        lambda d: extract_fields(words[d["id"]], today=TODAY, calibrated=calibrated),
        docs,
        real_dir=real_dir,
    )


def reliability(
    pairs: Sequence[tuple[float, bool]],
) -> tuple[list[tuple[str, int, float, float]], float]:
    """Rows (bin, count, mean confidence, accuracy) and the expected calibration error."""
    rows = []
    ece = 0.0
    total = len(pairs)
    edges = [*BINS, 1.0000001]
    for lo, hi in itertools.pairwise(edges):
        inside = [(c, ok) for c, ok in pairs if lo <= c < hi]
        if not inside:
            continue
        conf = sum(c for c, _ in inside) / len(inside)
        acc = sum(ok for _, ok in inside) / len(inside)
        ece += len(inside) / total * abs(acc - conf)
        rows.append((f"{lo:.1f}-{min(hi, 1.0):.1f}", len(inside), conf, acc))
    return rows, ece


def print_report(report: RealReport, *, show_misses: str | None = None) -> None:
    tune, hold = report.halves["tune"], report.halves["holdout"]
    print(
        f"real documents ({REAL_DIR.name}): {tune.docs} tune + {hold.docs} held back "
        "(sorted ids, even/odd); accuracy where the truth is printed (n)"
    )
    print(f"  {'field':16}{'tune':>14}{'held back':>14}{'all':>9}{'target':>8}")
    for name in FIELDS:
        cells = []
        for h in (tune, hold):
            r = h.rate(name)
            cells.append(f"{r:6.1%} ({h.scored[name]:2})" if r is not None else "     - ( 0)")
        n = tune.scored[name] + hold.scored[name]
        right = tune.right[name] + hold.right[name]
        both = f"{right / n:.1%}" if n else "-"
        target = TARGETS[name]
        tgt = f"{target:.0%}" if target is not None else "-"
        print(f"  {name:16}{cells[0]:>14}{cells[1]:>14}{both:>9}{tgt:>8}")
    rows, ece = reliability(report.calibration)
    per_half = {
        h: reliability([(c, ok) for s, _, c, ok in report.observations if s == h])[1]
        for h in SPLITS
    }
    print(
        f"calibration over {len(report.calibration)} predicted fields: ECE {ece:.3f} "
        f"(tune {per_half['tune']:.3f}, held back {per_half['holdout']:.3f}; target <= 0.05)"
    )
    print(f"  {'confidence':12}{'n':>5}{'mean conf':>11}{'accuracy':>10}")
    for label, n, conf, acc in rows:
        print(f"  {label:12}{n:>5}{conf:>11.2f}{acc:>10.1%}")
    if show_misses:
        for line in report.halves[show_misses].misses:
            print(f"  miss {line}")
