"""The Tesseract process pool survives the death of one of its processes."""

from __future__ import annotations

import asyncio
import io
import os
import shutil
import signal
from concurrent.futures.process import BrokenProcessPool

import pytest
from PIL import Image, ImageDraw, ImageFont

from ocr.adapters.extractor import PoolExtractor

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
pytestmark = pytest.mark.skipif(
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
