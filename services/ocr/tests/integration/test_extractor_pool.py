"""The Tesseract process pool survives the death of one of its processes."""

from __future__ import annotations

import asyncio
import io
import os
import shutil
import signal
import subprocess
import sys
import time
from concurrent.futures.process import BrokenProcessPool

import pytest
from PIL import Image, ImageDraw, ImageFont

from ocr.adapters.extractor import PoolExtractor

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
needs_tesseract = pytest.mark.skipif(
    shutil.which("tesseract") is None or not os.path.exists(FONT),
    reason="needs tesseract-ocr (nld fra deu) and fonts-dejavu-core (.ci/run installs them)",
)


def small_invoice() -> bytes:
    image = Image.new("L", (1700, 700), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, 42)
    draw.text((100, 100), "Klant: BTW BE 0123.456.749", fill=0, font=font)
    draw.text((100, 300), "Te betalen: € 250,00", fill=0, font=font)
    out = io.BytesIO()
    image.save(out, format="PNG", dpi=(300, 300))
    return out.getvalue()


@needs_tesseract
async def test_a_killed_pool_process_fails_one_job_and_the_next_one_runs() -> None:
    extractor = PoolExtractor(processes=1)
    try:
        first = await extractor.extract(small_invoice(), tenant_vat=None)
        assert first.fields.total_amount is not None
        for pid in list(extractor._pool._processes):
            os.kill(pid, signal.SIGKILL)
        await asyncio.sleep(0.5)
        with pytest.raises(BrokenProcessPool):
            await extractor.extract(small_invoice(), tenant_vat=None)
        again = await extractor.extract(small_invoice(), tenant_vat=None)
        assert again.fields.total_amount is not None
        assert str(again.fields.total_amount.value) == "250.00"
    finally:
        await extractor.close()


# Runs in a process of its own: a pool whose workers have started, their pids printed.
REPLICA = """
import os, sys, time
from ocr.adapters.extractor import PoolExtractor
pool = PoolExtractor(processes=2)._pool
pids = {pool.submit(os.getpid).result() for _ in range(20)}
print(" ".join(map(str, sorted(pids))), flush=True)
time.sleep(60)
"""


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split()[2] != "Z"  # a zombie has exited
    except FileNotFoundError:
        return False


@pytest.mark.skipif(not os.path.exists("/proc/self/stat"), reason="Linux only")
def test_the_pool_dies_with_a_killed_replica_instead_of_holding_cores() -> None:
    replica = subprocess.Popen([sys.executable, "-c", REPLICA], stdout=subprocess.PIPE, text=True)
    assert replica.stdout is not None
    workers = [int(p) for p in replica.stdout.readline().split()]
    assert workers and all(alive(p) for p in workers)

    replica.kill()
    replica.wait()
    deadline = time.monotonic() + 10
    while any(alive(p) for p in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [p for p in workers if alive(p)]
