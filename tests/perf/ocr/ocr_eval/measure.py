"""Accuracy over a split, and speed: per page vs bare ``tesseract``, 1 vs 2 worker processes."""

from __future__ import annotations

import os
import statistics
import subprocess
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from multiprocessing import get_context
from pathlib import Path

from ocr.extraction import ExtractionResult, configure_worker, extract
from ocr.extraction.tesseract import ALL_LANGUAGES

from .build import Item, VariedItem
from .evalset import TODAY
from .scoring import TARGETS, VARIED_FIELDS, expected, score, score_varied, shown

VARIANTS = ("clean", "degraded")


def _pool(workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(
        max_workers=workers, mp_context=get_context("spawn"), initializer=configure_worker
    )


def _job(item: Item, variant: str) -> partial[ExtractionResult]:
    path = item.clean if variant == "clean" else item.degraded
    # The service knows the tenant (the seller) and passes its VAT number; languages=None is
    # the service's default (all four on the first page).
    return partial(extract, path.read_bytes(), tenant_vat=item.truth.seller_vat, today=TODAY)


@dataclass
class Accuracy:
    n: int = 0
    hits: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TARGETS, 0))
    by_layout: dict[int, dict[str, int]] = field(default_factory=dict)
    layout_n: dict[int, int] = field(default_factory=dict)
    seconds: list[float] = field(default_factory=list)
    misses: list[dict[str, str]] = field(default_factory=list)

    def rate(self, name: str) -> float:
        return self.hits[name] / self.n if self.n else 0.0


def accuracy(items: Sequence[Item], *, workers: int) -> dict[str, Accuracy]:
    """Extract every page of ``items`` (clean and degraded) in a pool and score the fields."""
    out = {v: Accuracy() for v in VARIANTS}
    with _pool(workers) as pool:
        futures = [(item, v, pool.submit(_job(item, v))) for item in items for v in VARIANTS]
        for item, variant, future in futures:
            result = future.result()
            acc = out[variant]
            got = score(result.fields, item.truth)
            acc.n += 1
            acc.seconds.append(result.timings.get("total", 0.0))
            layout = item.truth.layout
            acc.layout_n[layout] = acc.layout_n.get(layout, 0) + 1
            per = acc.by_layout.setdefault(layout, dict.fromkeys(TARGETS, 0))
            for name, ok in got.items():
                acc.hits[name] += ok
                per[name] += ok
                if not ok:
                    acc.misses.append(
                        {
                            "invoice_id": str(item.truth.invoice_id),
                            "layout": str(layout),
                            "language": item.truth.language,
                            "font": item.font,
                            "field": name,
                            "expected": expected(item.truth, name),
                            "got": shown(result.fields, name),
                        }
                    )
    return out


def _bare_tesseract(path: Path, languages: str) -> float:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    started = time.perf_counter()
    subprocess.run(
        ["tesseract", str(path), "stdout", "-l", languages, "--psm", "3", "tsv"],
        check=True,
        capture_output=True,
        env=env,
    )
    return time.perf_counter() - started


def _extract_seconds(path: Path) -> float:
    data = path.read_bytes()
    started = time.perf_counter()
    extract(data, today=TODAY)
    return time.perf_counter() - started


@dataclass(frozen=True, slots=True)
class PageSpeed:
    pages: int
    repeats: int
    extract_median_s: float
    tesseract_median_s: float
    ratio_median: float
    ratios: list[float]


def page_speed(paths: Sequence[Path], *, repeats: int) -> PageSpeed:
    """Per page: the best of ``repeats`` runs of bare ``tesseract`` (same languages as extract's
    first page, ``OMP_THREAD_LIMIT=1``, TSV output like ours) and of ``extract``, interleaved so
    that load from other processes hits both alike. The best of a few is the least noisy
    estimate on a shared machine; the ratio is taken per page, then the median."""
    configure_worker()
    extract(paths[0].read_bytes(), today=TODAY)  # warm imports and caches once
    ext: list[float] = []
    bare: list[float] = []
    for path in paths:
        e, b = [], []
        for _ in range(repeats):
            b.append(_bare_tesseract(path, ALL_LANGUAGES))
            e.append(_extract_seconds(path))
        ext.append(min(e))
        bare.append(min(b))
    ratios = [round(e / b, 3) for e, b in zip(ext, bare, strict=True)]
    return PageSpeed(
        pages=len(paths),
        repeats=repeats,
        extract_median_s=round(statistics.median(ext), 3),
        tesseract_median_s=round(statistics.median(bare), 3),
        ratio_median=round(statistics.median(ratios), 3),
        ratios=ratios,
    )


def _warm() -> int:
    time.sleep(0.5)  # long enough that each of the k warm-up tasks lands on its own worker
    return os.getpid()


@dataclass(frozen=True, slots=True)
class Throughput:
    documents: int
    seconds: dict[int, float]
    pages_per_second: dict[int, float]
    speedup: float


def throughput(paths: Sequence[Path], *, worker_counts: Sequence[int] = (1, 2)) -> Throughput:
    """The same documents through a spawn pool of k workers, as the service runs them."""
    datas = [p.read_bytes() for p in paths]
    seconds: dict[int, float] = {}
    for k in worker_counts:
        with _pool(k) as pool:
            # Start every worker and import the extraction before the clock runs.
            for warm in [pool.submit(_warm) for _ in range(k)]:
                warm.result()
            started = time.perf_counter()
            futures = [pool.submit(extract, d, today=TODAY) for d in datas]
            for f in futures:
                f.result()
            seconds[k] = round(time.perf_counter() - started, 3)
    first, last = worker_counts[0], worker_counts[-1]
    return Throughput(
        documents=len(datas),
        seconds=seconds,
        pages_per_second={k: round(len(datas) / s, 3) for k, s in seconds.items()},
        speedup=round(seconds[first] / seconds[last], 3),
    )


# --- the varied set ------------------------------------------------------------------------

VARIED_VARIANTS = ("clean", "scan", "photo")


@dataclass
class Tally:
    """Hits out of scored pages, per field; ``absent`` counts pages where the field is not
    printed and the extraction rightly returned nothing."""

    found_n: dict[str, int] = field(default_factory=lambda: dict.fromkeys(VARIED_FIELDS, 0))
    found: dict[str, int] = field(default_factory=lambda: dict.fromkeys(VARIED_FIELDS, 0))
    absent_n: dict[str, int] = field(default_factory=lambda: dict.fromkeys(VARIED_FIELDS, 0))
    absent: dict[str, int] = field(default_factory=lambda: dict.fromkeys(VARIED_FIELDS, 0))
    pages: int = 0

    def add(self, scored: dict[str, tuple[str, bool]]) -> None:
        self.pages += 1
        for name, (kind, ok) in scored.items():
            if kind == "found":
                self.found_n[name] += 1
                self.found[name] += ok
            else:
                self.absent_n[name] += 1
                self.absent[name] += ok

    def rate(self, name: str) -> float | None:
        n = self.found_n[name]
        return self.found[name] / n if n else None

    def absent_rate(self, name: str) -> float | None:
        n = self.absent_n[name]
        return self.absent[name] / n if n else None

    def all_fields(self) -> float | None:
        """Share of all scored (page, field) pairs that are right, found and absent alike."""
        n = sum(self.found_n.values()) + sum(self.absent_n.values())
        return (sum(self.found.values()) + sum(self.absent.values())) / n if n else None


@dataclass
class VariedAccuracy:
    by_variant: dict[str, Tally] = field(
        default_factory=lambda: {v: Tally() for v in VARIED_VARIANTS}
    )
    by_layout: dict[str, Tally] = field(default_factory=dict)  # all variants together
    by_layout_variant: dict[str, dict[str, Tally]] = field(default_factory=dict)
    by_language: dict[str, Tally] = field(default_factory=dict)
    by_doc_type: dict[str, Tally] = field(default_factory=dict)
    seconds: list[float] = field(default_factory=list)
    misses: list[dict[str, str]] = field(default_factory=list)


def varied_job(item: VariedItem, variant: str, *, tenant: bool = True) -> partial[ExtractionResult]:
    """As the service reads it: the tenant (the seller, a member) is known, languages=None."""
    tenant_vat = item.truth.seller_vat if tenant else None
    return partial(extract, item.page(variant).read_bytes(), tenant_vat=tenant_vat, today=TODAY)


def record_varied(acc: VariedAccuracy, item: VariedItem, variant: str, fields: object) -> None:
    from ocr.extraction import InvoiceFields

    assert isinstance(fields, InvoiceFields)
    t = item.truth
    scored = score_varied(fields, t)
    acc.by_variant[variant].add(scored)
    acc.by_layout.setdefault(t.layout, Tally()).add(scored)
    acc.by_layout_variant.setdefault(t.layout, {v: Tally() for v in VARIED_VARIANTS})[variant].add(
        scored
    )
    acc.by_language.setdefault(t.language, Tally()).add(scored)
    acc.by_doc_type.setdefault(t.doc_type, Tally()).add(scored)
    for name, (kind, ok) in scored.items():
        if not ok:
            acc.misses.append(
                {
                    "invoice_id": str(t.invoice_id),
                    "variant": variant,
                    "layout": t.layout,
                    "language": t.language,
                    "font": item.font,
                    "field": name,
                    "expected": expected(t, name) if kind == "found" else "(not printed)",
                    "got": shown(fields, name),
                }
            )


def varied_accuracy(
    items: Sequence[VariedItem], *, workers: int, tenant: bool = True
) -> VariedAccuracy:
    """Extract every page of ``items`` (clean, scan, photo) in a pool and score the fields."""
    acc = VariedAccuracy()
    with _pool(workers) as pool:
        futures = [
            (item, v, pool.submit(varied_job(item, v, tenant=tenant)))
            for item in items
            for v in VARIED_VARIANTS
        ]
        for item, variant, future in futures:
            result = future.result()
            acc.seconds.append(result.timings.get("total", 0.0))
            record_varied(acc, item, variant, result.fields)
    return acc
