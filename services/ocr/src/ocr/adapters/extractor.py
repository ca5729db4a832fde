"""Runs the extraction core in a pool of worker processes, off the event loop.

Tesseract is CPU-bound and blocking: each worker process reads one document at
a time with ``OMP_THREAD_LIMIT=1``, so a replica uses exactly the cores it has
been given. Workers are spawned, never forked: forking a process that has
started gRPC hangs (grpc/grpc#13873).
"""

from __future__ import annotations

import asyncio
import ctypes
import functools
import logging
import multiprocessing
import os
import signal
import sys
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from datetime import date

from ocr.extraction import ExtractionResult, configure_worker, extract

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


class PoolExtractor:
    def __init__(self, processes: int) -> None:
        self.processes = processes
        self._pool = self._new_pool()

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
        await asyncio.to_thread(self._pool.shutdown, wait=True, cancel_futures=True)
