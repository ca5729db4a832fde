"""Runs the extraction core in a pool of worker processes, off the event loop.

Tesseract is CPU-bound and blocking: each worker process reads one document at
a time with ``OMP_THREAD_LIMIT=1``, so a replica uses exactly the cores it has
been given. Workers are spawned, never forked: forking a process that has
started gRPC hangs (grpc/grpc#13873).
"""

from __future__ import annotations

import asyncio
import functools
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from datetime import date

from ocr.extraction import ExtractionResult, configure_worker, extract


class PoolExtractor:
    def __init__(self, processes: int) -> None:
        self.processes = processes
        self._pool = ProcessPoolExecutor(
            max_workers=processes,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=configure_worker,
        )

    async def extract(
        self, document: bytes, *, tenant_vat: str | None, today: date | None = None
    ) -> ExtractionResult:
        call = functools.partial(extract, document, tenant_vat=tenant_vat, today=today)
        return await asyncio.get_running_loop().run_in_executor(self._pool, call)

    async def close(self) -> None:
        await asyncio.to_thread(self._pool.shutdown, wait=True, cancel_futures=True)
