"""Build (or reuse) the evaluation set on disk: per invoice a clean 300 dpi PNG, a degraded
150 dpi JPEG and the ground truth JSON, in a cache folder keyed by everything that shapes them.
"""

from __future__ import annotations

import hashlib
import io
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path

from .degrade import degrade
from .evalset import (
    SEED,
    Record,
    Truth,
    layout_of,
    load_records,
    read_truth,
    truth_for,
    write_truth,
)
from .layouts import LAYOUTS as VARIED_LAYOUTS
from .layouts import layout_and_language, render_varied, varied_font
from .photo import photograph
from .render import available_fonts, font_for, render
from .varied import (
    PER_LAYOUT,
    VariedTruth,
    load_varied_records,
    prepare,
    read_varied_truth,
    write_varied_truth,
)

# Bump when the renderer or the degrader changes what they draw: the cache key changes with it.
RENDER_VERSION = 1
# The same for the varied set (layouts.py, varied.py, parties.py, photo.py).
VARIED_VERSION = 1
VARIED_DEFAULT_SIZE = PER_LAYOUT * len(VARIED_LAYOUTS)


@dataclass(frozen=True, slots=True)
class Item:
    truth: Truth
    font: str
    clean: Path
    degraded: Path
    truth_file: Path


def cache_dir(root: Path, size: int, fonts: list[str]) -> Path:
    fonts_key = hashlib.sha256(",".join(fonts).encode()).hexdigest()[:8]
    return root / f"seed{SEED}-n{size}-r{RENDER_VERSION}-f{fonts_key}"


def _paths(folder: Path, invoice_id: int) -> tuple[Path, Path, Path]:
    stem = folder / f"{invoice_id:07d}"
    return (
        stem.with_suffix(".clean.png"),
        stem.with_suffix(".degraded.jpg"),
        stem.with_suffix(".truth.json"),
    )


def build_one(record: Record, layout: int, font: str, folder: Path) -> Item:
    truth = truth_for(record, layout)
    clean_path, degraded_path, truth_path = _paths(folder, truth.invoice_id)
    if not (clean_path.is_file() and degraded_path.is_file() and truth_path.is_file()):
        page = render(record, layout, font)
        buf = io.BytesIO()
        page.save(buf, format="PNG", dpi=(300, 300), compress_level=1)
        clean_path.write_bytes(buf.getvalue())
        degraded_path.write_bytes(degrade(page, truth.invoice_id)[0])
        write_truth(truth, truth_path)
    elif read_truth(truth_path) != truth:
        # A field added to the truth (seller name): the pages stay, only the JSON is rewritten.
        write_truth(truth, truth_path)
    return Item(read_truth(truth_path), font, clean_path, degraded_path, truth_path)


def build_set(root: Path, size: int, *, workers: int = 2) -> list[Item]:
    """The first ``size`` invoices of the fixed pool, rendered into ``root`` when missing."""
    fonts = available_fonts()
    if not fonts:
        raise RuntimeError("no usable font: install fonts-dejavu-core (see the README)")
    folder = cache_dir(root, size, fonts)
    folder.mkdir(parents=True, exist_ok=True)
    records = load_records(size)
    jobs = []
    for position, record in enumerate(records):
        layout = layout_of(position)
        jobs.append((record, layout, font_for(int(record["invoice_id"]), layout, fonts), folder))
    if workers <= 1:
        return [build_one(*job) for job in jobs]
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn")) as pool:
        futures = [pool.submit(build_one, *job) for job in jobs]
        return [f.result() for f in futures]


# --- the varied set ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class VariedItem:
    truth: VariedTruth
    font: str
    clean: Path
    degraded: Path  # the scan (150 dpi, degrade.py)
    photo: Path  # the phone photo (photo.py)
    truth_file: Path

    def page(self, variant: str) -> Path:
        return {"clean": self.clean, "scan": self.degraded, "photo": self.photo}[variant]


def varied_cache_dir(root: Path, size: int, fonts: list[str]) -> Path:
    fonts_key = hashlib.sha256(",".join(fonts).encode()).hexdigest()[:8]
    return root / f"varied-seed{SEED}-n{size}-v{VARIED_VERSION}-f{fonts_key}"


def build_varied_one(
    record: Record, layout: int, language: str, font: str, folder: Path
) -> VariedItem:
    stem = folder / f"{int(record['invoice_id']):07d}"
    clean_path = stem.with_suffix(".clean.png")
    scan_path = stem.with_suffix(".scan.jpg")
    photo_path = stem.with_suffix(".photo.jpg")
    truth_path = stem.with_suffix(".truth.json")
    if not all(p.is_file() for p in (clean_path, scan_path, photo_path, truth_path)):
        page, truth = render_varied(record, layout, language, font)
        buf = io.BytesIO()
        page.save(buf, format="PNG", dpi=(300, 300), compress_level=1)
        clean_path.write_bytes(buf.getvalue())
        scan_path.write_bytes(degrade(page, truth.invoice_id)[0])
        receipt = VARIED_LAYOUTS[layout].spec.page == "receipt"
        photo_path.write_bytes(photograph(page, truth.invoice_id, receipt=receipt)[0])
        write_varied_truth(truth, truth_path)
    else:
        # The truth alone may have been corrected (the pages did not change): cheap to redo.
        spec = VARIED_LAYOUTS[layout]
        truth = prepare(record, spec.spec, spec.name, language)[1]
        if read_varied_truth(truth_path) != truth:
            write_varied_truth(truth, truth_path)
    truth = read_varied_truth(truth_path)
    return VariedItem(truth, font, clean_path, scan_path, photo_path, truth_path)


def varied_jobs(size: int, fonts: list[str]) -> list[tuple[Record, int, str, str]]:
    """(record, layout, language, font) for the first ``size`` documents of the varied set."""
    jobs = []
    for position, record in enumerate(load_varied_records(size)):
        layout, language = layout_and_language(position)
        jobs.append(
            (record, layout, language, varied_font(int(record["invoice_id"]), layout, fonts))
        )
    return jobs


def build_varied_set(root: Path, size: int, *, workers: int = 2) -> list[VariedItem]:
    """The varied set (``size`` documents, layouts in turn), rendered into ``root`` when missing."""
    fonts = available_fonts()
    if not fonts:
        raise RuntimeError("no usable font: install fonts-dejavu-core (see the README)")
    folder = varied_cache_dir(root, size, fonts)
    folder.mkdir(parents=True, exist_ok=True)
    jobs = [(*job, folder) for job in varied_jobs(size, fonts)]
    if workers <= 1:
        return [build_varied_one(*job) for job in jobs]
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn")) as pool:
        futures = [pool.submit(build_varied_one, *job) for job in jobs]
        return [f.result() for f in futures]
