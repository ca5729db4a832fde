"""A clean 300 dpi page -> what an office scanner or a phone app sends: 150 dpi, turned by
1-3 degrees either way, blurred, speckled with noise, grey paper, JPEG-compressed.

Deterministic: the random draws come from the invoice id, so the same page degrades the same
way on every machine.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageFilter

from .evalset import pick


@dataclass(frozen=True, slots=True)
class Degradation:
    dpi: int
    degrees: float
    blur: float
    noise: float
    paper: int
    jpeg_quality: int


def degradation_for(invoice_id: int) -> Degradation:
    sign = 1 if pick(invoice_id, "rot-sign", 2) else -1
    return Degradation(
        dpi=150,
        degrees=sign * (1.0 + pick(invoice_id, "rot", 201) / 100),  # 1.00 .. 3.00
        blur=0.5 + pick(invoice_id, "blur", 6) / 10,  # 0.5 .. 1.0 px at 150 dpi
        noise=6.0 + pick(invoice_id, "noise", 9),  # sigma 6 .. 14 grey levels
        paper=235 + pick(invoice_id, "paper", 16),  # 235 .. 250
        jpeg_quality=35 + pick(invoice_id, "jpeg", 31),  # 35 .. 65
    )


def degrade(clean: Image.Image, invoice_id: int) -> tuple[bytes, Degradation]:
    """JPEG bytes (150 dpi declared) of the degraded page."""
    d = degradation_for(invoice_id)
    # 300 -> 150 dpi: a 2x2 box average, which is what a scanner's optics and sensor do.
    page = clean.convert("L").reduce(300 // d.dpi)
    page = page.rotate(d.degrees, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    page = page.filter(ImageFilter.GaussianBlur(d.blur))
    arr = np.asarray(page, dtype=np.float32)
    # Grey paper: white becomes the paper tone, black stays black.
    arr = arr * (d.paper / 255.0)
    rng = np.random.default_rng(invoice_id)
    arr += rng.standard_normal(arr.shape, dtype=np.float32) * np.float32(d.noise)
    out = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    buf = io.BytesIO()
    out.save(buf, format="JPEG", quality=d.jpeg_quality, dpi=(d.dpi, d.dpi))
    return buf.getvalue(), d
