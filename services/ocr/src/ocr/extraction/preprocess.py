"""Cheap page clean-up before OCR: grayscale, ~300 dpi, upright, skew measured.

Only steps that pay for themselves (measurements in this package's README.md):
- grayscale, and dense scans down to ~300 dpi (600 dpi: 3.2 s -> 2.0 s per page, same fields);
  pages are not upscaled unless under 100 dpi (upscaling a 150 dpi page doubled OCR time and
  found nothing more). Tesseract binarises by itself (Otsu), so we do not.
- orientation: OSD costs more than an OCR pass, so the pipeline asks it only for landscape
  pages or when the first pass reads poorly.
- skew: a numpy projection-profile search on a ~1000 px copy (~0.1 s). The pipeline then turns
  the word boxes, not the image: Tesseract reads 2 degree skew as well as straight text, but our
  line grouping needs level lines.
"""

from __future__ import annotations

import math

import numpy as np
from PIL import Image

TARGET_DPI = 300
_A4_LONG_SIDE_INCHES = 11.69
_MAX_UPSCALE = 3.0
_MAX_DPI = 400
_MIN_DPI = 100
_UPSCALE_TO_DPI = 200
_MAX_SKEW_DEGREES = 4.0


def to_grayscale(image: Image.Image) -> Image.Image:
    """8-bit grayscale; transparent areas become white paper, not black."""
    if image.mode == "L":
        return image
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(white, rgba).convert("L")
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        arr = np.asarray(image, dtype=np.float64)
        top = arr.max() or 1.0
        return Image.fromarray((arr * (255.0 / top)).astype(np.uint8))
    return image.convert("L")


# Edge rows and columns darker than this on average are the scanner's lid or bed, not paper.
_DARK_EDGE = 100
# ... unless this share of their pixels is paper-white: the letters of a dark header band.
_BRIGHT = 200
_PRINTED_SHARE = 0.005
_PAPER = 150
_PAPER_SHARE = 0.02


def _dark_edges(arr: np.ndarray) -> tuple[int, int, int, int]:
    """(left, top, right, bottom): how far dark rows and columns reach in from each side."""

    def edges(profile: np.ndarray) -> tuple[int, int]:
        n = len(profile)
        lo = 0
        while lo < n // 4 and profile[lo] < _DARK_EDGE:
            lo += 1
        hi = n
        while hi > n - n // 4 and profile[hi - 1] < _DARK_EDGE:
            hi -= 1
        return lo, hi

    top, bottom = edges(arr.mean(axis=1))
    left, right = edges(arr.mean(axis=0))
    return left, top, right, bottom


def dark_border(image: Image.Image) -> tuple[int, int, int, int]:
    """(left, top, right, bottom) of the page without the dark bands a scanner leaves where the
    paper did not cover the glass. Tesseract's layout analysis failed on a whole receipt beside
    such a band (it estimated half the real resolution and read nothing); at most a quarter of
    each side is cut."""
    arr = np.asarray(image, dtype=np.uint8)
    if arr.ndim != 2 or arr.size == 0:
        return 0, 0, image.width, image.height
    return _dark_edges(arr)


def invert_printed_bands(image: Image.Image) -> Image.Image:
    """A dark band along an edge that carries white letters (an invoice's header printed white
    on black) turned to black on white, so that it is read rather than cut as a scanner's bed.
    A bed has no letters; where paper pokes into it (a narrow receipt on the glass) that stretch
    of the band is paper-white through and through, which no printed band is."""
    arr = np.asarray(image, dtype=np.uint8)
    if arr.ndim != 2 or arr.size == 0:
        return image
    left, top, right, bottom = _dark_edges(arr)
    bands = [
        (np.s_[:top, :], 0),
        (np.s_[bottom:, :], 0),
        (np.s_[:, :left], 1),
        (np.s_[:, right:], 1),
    ]
    out: np.ndarray | None = None
    for where, across in bands:
        band = arr[where]
        if band.size == 0 or float((band > _BRIGHT).mean()) <= _PRINTED_SHARE:
            continue
        if float((band.mean(axis=across) > _PAPER).mean()) >= _PAPER_SHARE:
            continue
        if out is None:
            out = arr.copy()
        out[where] = 255 - band
    return image if out is None else Image.fromarray(out)


def estimate_dpi(image: Image.Image, declared: float | None) -> float:
    """The declared dpi if plausible, else assume the page is A4 (the long side is 11.69 in)."""
    if declared is not None:
        return declared
    return max(image.size) / _A4_LONG_SIDE_INCHES


def normalise_resolution(image: Image.Image, dpi: float) -> tuple[Image.Image, float]:
    """Downscale dense scans to ~300 dpi; upscale only pages too coarse to read.

    Measured on a clean A4 invoice (nld, one thread): a 600 dpi scan takes 3.2 s as it is and
    2.0 s downscaled, same fields. A 150 dpi or even 100 dpi page reads all fields as it is,
    while upscaling to 300 dpi doubles the OCR time, so only pages under 100 dpi (fax-like
    images, thumbnails) are enlarged.
    """
    if dpi > _MAX_DPI:
        factor = TARGET_DPI / dpi
        size = (max(1, round(image.width * factor)), max(1, round(image.height * factor)))
        # BOX averages the dropped pixels: as good as Lanczos for shrinking, 5x faster.
        return image.resize(size, Image.Resampling.BOX), factor
    if dpi < _MIN_DPI:
        factor = min(_UPSCALE_TO_DPI / dpi, _MAX_UPSCALE)
        size = (round(image.width * factor), round(image.height * factor))
        return image.resize(size, Image.Resampling.BICUBIC), factor
    return image, 1.0


def estimate_skew(image: Image.Image) -> float:
    """Degrees (counter-clockwise positive) the text lines are rotated by, within ±4°.

    Projection profiles: text pixels are projected on the vertical axis along lines sheared by
    each candidate angle; when the angle matches, text rows and gaps separate and the profile is
    sharpest (largest sum of squared differences). Coarse then fine search on a ~1000 px copy.
    """
    small = image.copy()
    small.thumbnail((1000, 1000))
    arr = np.asarray(small, dtype=np.uint8)
    if arr.size == 0:
        return 0.0
    threshold = min(int(arr.mean()) - 30, 160)
    ys, xs = np.nonzero(arr < threshold)
    if ys.size < 200:
        return 0.0
    if ys.size > 200_000:  # subsample big dark areas (photos, logos): the profile survives
        pick = np.random.default_rng(0).choice(ys.size, 200_000, replace=False)
        ys, xs = ys[pick], xs[pick]
    xs_c = xs.astype(np.float64) - arr.shape[1] / 2

    def sharpness(angle: float) -> float:
        shifted = ys + xs_c * math.tan(math.radians(angle))
        rows = np.round(shifted - shifted.min()).astype(np.int64)
        profile = np.bincount(rows).astype(np.float64)
        return float(np.sum(np.diff(profile) ** 2))

    coarse = np.arange(-_MAX_SKEW_DEGREES, _MAX_SKEW_DEGREES + 1e-9, 0.5)
    best = max(coarse, key=sharpness)
    fine = np.arange(best - 0.5, best + 0.5 + 1e-9, 0.1)
    best = max(fine, key=sharpness)
    # Image y grows downwards, so a line turned anticlockwise by a has y = y0 - x tan(a): the
    # shear y + x tan(angle) flattens it exactly at angle = a.
    return round(float(best), 2)


def rotate(image: Image.Image, degrees: float) -> Image.Image:
    """Counter-clockwise rotation with white fill, keeping the whole page."""
    if degrees % 360 == 0:
        return image
    if degrees % 90 == 0:
        method = {
            90: Image.Transpose.ROTATE_90,
            180: Image.Transpose.ROTATE_180,
            270: Image.Transpose.ROTATE_270,
        }[int(degrees) % 360]
        return image.transpose(method)
    return image.rotate(degrees, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
