"""Fit the confidence calibration (``ocr/extraction/calibration.py``) on the tuning half of the
real-document set and write the coefficients into that module.

Platt scaling with one slope, one intercept and a per-field offset (L2-shrunk towards zero, so
a field with few examples follows the others). Fitted on raw confidences of the tuning half
only; the held-back half's expected calibration error is printed by ``tune_real.py`` and
``make bench-ocr``.

    python tests/perf/ocr/calibrate.py            # fit, write, print the fit
    python tests/perf/ocr/calibrate.py --dry-run  # fit and print only
"""

from __future__ import annotations

import argparse
import math
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ocr_eval.real import available, evaluate_words, load_truth, words_for

ROOT = Path(__file__).resolve().parents[3]
MODULE = ROOT / "services" / "ocr" / "src" / "ocr" / "extraction" / "calibration.py"
SHRINK = 2.0  # L2 weight on the per-field offsets
_EPS = 1e-4


def _logit(c: float) -> float:
    c = min(1 - _EPS, max(_EPS, c))
    return math.log(c / (1 - c))


def fit(obs: list[tuple[str, float, bool]]) -> tuple[float, float, dict[str, float]]:
    """Gradient descent on the penalised log loss (a few hundred points: instant)."""
    names = sorted({n for n, _, _ in obs})
    slope, intercept = 1.0, 0.0
    offsets = dict.fromkeys(names, 0.0)
    xs = [(n, _logit(c), 1.0 if ok else 0.0) for n, c, ok in obs]
    rate = 0.5
    for _ in range(4000):
        g_s = g_i = 0.0
        g_o = dict.fromkeys(names, 0.0)
        for n, x, y in xs:
            p = 1 / (1 + math.exp(-(slope * x + intercept + offsets[n])))
            d = p - y
            g_s += d * x
            g_i += d
            g_o[n] += d
        k = len(xs)
        slope -= rate * g_s / k
        intercept -= rate * g_i / k
        for n in names:
            offsets[n] -= rate * (g_o[n] + SHRINK * offsets[n]) / k
    return slope, intercept, offsets


def write(slope: float, intercept: float, offsets: dict[str, float]) -> None:
    text = MODULE.read_text(encoding="utf-8")
    body = (
        f"SLOPE = {slope:.4f}\n"
        f"INTERCEPT = {intercept:.4f}\n"
        "FIELD_OFFSETS: dict[str, float] = {\n"
        + "".join(f'    "{n}": {o:.4f},\n' for n, o in sorted(offsets.items()))
        + "}\n"
    )
    text = re.sub(
        r"(# --- fitted by tests/perf/ocr/calibrate.py \(do not edit by hand\) ---\n).*?"
        r"(# --- end of fitted coefficients ---)",
        lambda m: m.group(1) + body + m.group(2),
        text,
        flags=re.S,
    )
    MODULE.write_text(text, encoding="utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--cache", type=Path, default=ROOT / ".data" / "ocr-real" / "words")
    ap.add_argument("--dry-run", action="store_true")
    args = ap.parse_args()
    if not available():
        print("no real-document set")
        return 2
    docs = load_truth()
    report = evaluate_words(words_for(docs, args.cache, workers=2), docs, calibrated=False)
    tune = [(n, c, ok) for half, n, c, ok in report.observations if half == "tune"]
    slope, intercept, offsets = fit(tune)
    print(f"fitted on {len(tune)} tuning-half fields: slope {slope:.3f}, intercept {intercept:.3f}")
    for n, o in sorted(offsets.items()):
        print(f"  {n:16}{o:+.3f}")
    if not args.dry_run:
        write(slope, intercept, offsets)
        print(f"written to {MODULE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
