"""Runs the extraction core in a pool of worker processes, off the event loop.

Tesseract is CPU-bound and blocking: each worker process reads one document at
a time with ``OMP_THREAD_LIMIT=1``, so a replica uses exactly the cores it has
been given. Workers are spawned, never forked: forking a process that has
started gRPC hangs (grpc/grpc#13873). Which document a free process reads is
:mod:`ocr.adapters.scheduler`'s choice; this module only runs it.
"""

from __future__ import annotations

import asyncio
import ctypes
import functools
import logging
import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from datetime import date

import pytesseract

from ocr.extraction import (
    DocumentError,
    ExtractionResult,
    configure_worker,
    count_pages,
    extract,
    tesseract_available,
)
from ocr.extraction.tesseract import ALL_LANGUAGES

log = logging.getLogger(__name__)


_PR_SET_PDEATHSIG = 1  # linux/prctl.h


def _start_worker(parent: int) -> None:
    """Each worker dies with the replica that started it: a SIGKILLed replica (the OOM
    killer, a node drain) must not leave Tesseract processes holding cores."""
    if sys.platform == "linux":
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() != parent:  # it died while this worker started
            os._exit(1)
    configure_worker()


def tesseract_problem() -> str | None:
    """Why Tesseract cannot read pages on this replica (no binary on ``PATH``, a language
    pack missing), or None. Asked once at start-up: without it every scanned document
    would fail five deliveries in a row and end as a generic "extraction failed"."""
    if not tesseract_available():
        return f"the tesseract binary is not on PATH ({os.environ.get('PATH', '')})"
    binary = shutil.which(str(pytesseract.pytesseract.tesseract_cmd)) or "tesseract"
    try:
        listed = subprocess.run(
            [binary, "--list-langs"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"{binary} --list-langs failed: {exc}"
    installed = {line.strip() for line in (listed.stdout + listed.stderr).splitlines()}
    missing = sorted(set(ALL_LANGUAGES.split("+")) - installed)
    if missing:
        return f"{binary} has no language data for {', '.join(missing)}"
    return None


class PoolExtractor:
    def __init__(self, processes: int) -> None:
        self.processes = processes
        self._pool = self._new_pool()
        # PDFium is not thread-safe: page counting, its only use in this process, gets
        # one thread of its own (the event loop stays free; the pool's processes are apart).
        self._counter = ThreadPoolExecutor(max_workers=1, thread_name_prefix="page-count")

    async def count_pages(self, document: bytes) -> int:
        """Pages, read from the file's structure only (no rendering, no OCR), to order the
        work by; a document that cannot be read counts as one page, and extraction refuses
        it with the precise reason."""
        try:
            return await asyncio.get_running_loop().run_in_executor(
                self._counter, count_pages, document
            )
        except DocumentError:
            return 1

    def _new_pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=self.processes,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_worker,
            initargs=(os.getpid(),),
        )

    async def extract(
        self, document: bytes, *, tenant_vat: str | None, today: date | None = None
    ) -> ExtractionResult:
        call = functools.partial(extract, document, tenant_vat=tenant_vat, today=today)
        pool = self._pool
        try:
            return await asyncio.get_running_loop().run_in_executor(pool, call)
        except BrokenProcessPool:
            # A worker died (out of memory, a crash in Tesseract): the pool is
            # unusable from now on, so replace it; the caller retries the job.
            if self._pool is pool:
                log.error("extraction worker died; starting a new pool")
                self._pool = self._new_pool()
                pool.shutdown(wait=False, cancel_futures=True)
            raise

    async def close(self) -> None:
        self._counter.shutdown(wait=False, cancel_futures=True)
        await asyncio.to_thread(self._pool.shutdown, wait=True, cancel_futures=True)
