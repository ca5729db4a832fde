"""A clean 300 dpi page -> what a member's phone sends: the page photographed on a desk.

In order: the page shrunk to a phone's effective resolution (~190-225 dpi for A4; a till roll
stays sharp, as it fills the frame), a fold (crease) across the paper, the page placed on a
darker desk under a perspective (the phone not held parallel: every corner moved by up to ~4%
of the page), uneven light (a gradient across the frame and the soft shadow of the phone or a
hand), slight blur, sensor noise, a warm colour cast, JPEG at quality 55-85 with the 72 dpi a
camera writes when it knows no better.

Deterministic: every draw comes from the invoice id.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageFilter

from .evalset import pick


@dataclass(frozen=True, slots=True)
class Photo:
    scale: float  # of the 300 dpi page
    margin: float  # desk around the page, as a share of the page size
    corners: tuple[float, ...]  # 8 offsets (x, y per corner, TL TR BR BL), shares of the page
    desk: int  # grey level of the desk
    light_angle: float  # direction the light falls off to, radians
    light_depth: float  # darkest corner = 1 - depth
    shadow_x: float  # centre of the shadow, share of the frame width (may lie outside)
    shadow_y: float
    shadow_radius: float  # share of the frame's long side
    shadow_depth: float
    crease_y: float  # where the fold crosses the page, share of its height
    crease_slope: float  # rise over the page width, share of the height
    crease_depth: float
    blur: float
    noise: float
    jpeg_quality: int


def photo_for(invoice_id: int, *, receipt: bool = False) -> Photo:
    def u(what: str, lo: float, hi: float) -> float:
        return lo + (hi - lo) * pick(invoice_id, f"photo-{what}", 1001) / 1000

    return Photo(
        scale=1.0 if receipt else u("scale", 0.63, 0.75),
        margin=u("margin", 0.25, 0.4) if receipt else u("margin", 0.04, 0.08),
        corners=tuple(u(f"corner{i}", -0.04, 0.04) for i in range(8)),
        desk=int(u("desk", 70, 150)),
        light_angle=u("light-angle", 0, 2 * math.pi),
        light_depth=u("light-depth", 0.15, 0.4),
        shadow_x=u("shadow-x", -0.1, 1.1),
        shadow_y=u("shadow-y", -0.1, 1.1),
        shadow_radius=u("shadow-r", 0.2, 0.45),
        shadow_depth=u("shadow-depth", 0.15, 0.35),
        crease_y=u("crease-y", 0.3, 0.7),
        crease_slope=u("crease-slope", -0.03, 0.03),
        crease_depth=u("crease-depth", 25, 60),
        blur=u("blur", 0.5, 1.1),
        noise=u("noise", 3, 8),
        jpeg_quality=int(u("jpeg", 55, 85)),
    )


def _perspective_coeffs(
    out_pts: list[tuple[float, float]], in_pts: list[tuple[float, float]]
) -> list[float]:
    """PIL's PERSPECTIVE coefficients mapping output pixels back to input pixels."""
    rows = []
    rhs = []
    for (x, y), (u, v) in zip(out_pts, in_pts, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        rhs += [u, v]
    solution = np.linalg.solve(np.array(rows, dtype=np.float64), np.array(rhs, dtype=np.float64))
    return [float(c) for c in solution]


def _crease(page: np.ndarray, p: Photo) -> np.ndarray:
    """A fold: a dark line with a bright edge beside it and a slightly darker half."""
    h, w = page.shape
    ys = np.arange(h, dtype=np.float32)[:, None]
    xs = np.arange(w, dtype=np.float32)[None, :]
    line = p.crease_y * h + p.crease_slope * h * (xs / w - 0.5)
    d = ys - line  # signed distance (in rows) from the fold
    width = max(2.0, h / 1200)
    dark = p.crease_depth * np.exp(-((d / width) ** 2))
    bright = 0.5 * p.crease_depth * np.exp(-(((d - 2.5 * width) / width) ** 2))
    half = np.where(d > 0, 0.96, 1.0).astype(np.float32)
    out = page * half - dark + bright
    clipped: np.ndarray = np.clip(out, 0, 255)
    return clipped


def photograph(
    clean: Image.Image, invoice_id: int, *, receipt: bool = False
) -> tuple[bytes, Photo]:
    """JPEG bytes (RGB, 72 dpi declared) of the page photographed on a desk."""
    p = photo_for(invoice_id, receipt=receipt)
    page_img = clean.convert("L")
    if p.scale != 1.0:
        size = (round(page_img.width * p.scale), round(page_img.height * p.scale))
        page_img = page_img.resize(size, Image.Resampling.LANCZOS)
    page = np.asarray(page_img, dtype=np.float32)
    page_img = Image.fromarray(_crease(page, p).astype(np.uint8))
    pw, ph = page_img.size
    mx, my = round(pw * p.margin), round(ph * p.margin * (pw / ph if receipt else 1.0))
    fw, fh = pw + 2 * mx, ph + 2 * my
    # Where the page's corners land in the frame: a rectangle with each corner moved.
    base = [(mx, my), (mx + pw, my), (mx + pw, my + ph), (mx, my + ph)]
    c = p.corners
    quad = [(x + c[2 * i] * pw, y + c[2 * i + 1] * ph) for i, (x, y) in enumerate(base)]
    src = [(0.0, 0.0), (float(pw), 0.0), (float(pw), float(ph)), (0.0, float(ph))]
    coeffs = _perspective_coeffs(quad, src)
    warped = page_img.transform((fw, fh), Image.Transform.PERSPECTIVE, coeffs,
                                Image.Resampling.BICUBIC, fillcolor=0)  # fmt: skip
    mask = Image.new("L", (pw, ph), 255).transform(
        (fw, fh), Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BILINEAR, fillcolor=0
    )
    desk = Image.new("L", (fw, fh), p.desk)
    frame = Image.composite(warped, desk, mask)
    arr = np.asarray(frame, dtype=np.float32)
    # Light: a linear fall-off across the frame, then a soft round shadow.
    ys = np.linspace(0, 1, fh, dtype=np.float32)[:, None]
    xs = np.linspace(0, 1, fw, dtype=np.float32)[None, :]
    ramp = (xs - 0.5) * math.cos(p.light_angle) + (ys - 0.5) * math.sin(p.light_angle)
    ramp = (ramp - ramp.min()) / max(float(ramp.max() - ramp.min()), 1e-6)
    light = 1.0 - p.light_depth * ramp
    long_side = max(fw, fh)
    dist = np.hypot((xs - p.shadow_x) * fw, (ys - p.shadow_y) * fh) / (p.shadow_radius * long_side)
    light = light * (1.0 - p.shadow_depth * np.exp(-(dist**2)))
    arr = arr * light
    img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8)).filter(
        ImageFilter.GaussianBlur(p.blur)
    )
    arr = np.asarray(img, dtype=np.float32)
    rng = np.random.default_rng(invoice_id + 7)
    arr = arr + rng.standard_normal(arr.shape, dtype=np.float32) * np.float32(p.noise)
    grey = np.clip(arr, 0, 255)
    # A warm cast, as indoor light gives: red kept, blue reduced.
    rgb = np.stack([grey, grey * 0.96, grey * 0.88], axis=-1)
    out = Image.fromarray(np.clip(rgb, 0, 255).astype(np.uint8), mode="RGB")
    buf = io.BytesIO()
    out.save(buf, format="JPEG", quality=p.jpeg_quality, dpi=(72, 72))
    return buf.getvalue(), p
