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

from .build import Item
from .evalset import TODAY
from .scoring import TARGETS, expected, score, shown

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
