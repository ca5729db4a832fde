"""The real-document set (``../shared/ocr-real``): per-field accuracy on both fixed halves and
calibration, fast. Words are read once per reader version (``.data/ocr-real/words/``), fields
are re-extracted in a second. Misses are listed for the tuning half only.

    python tests/perf/ocr/tune_real.py                  # both halves + calibration
    python tests/perf/ocr/tune_real.py --misses         # + the tuning half's misses
    python tests/perf/ocr/tune_real.py --direct         # run extract() itself (no cache)
"""

from __future__ import annotations

import argparse
import json
import sys
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from multiprocessing import get_context
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ocr_eval.real import (
    REAL_DIR,
    TODAY,
    available,
    evaluate,
    evaluate_words,
    load_truth,
    print_report,
    words_for,
)

from ocr.extraction import configure_worker, extract

ROOT = Path(__file__).resolve().parents[3]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--cache", type=Path, default=ROOT / ".data" / "ocr-real" / "words")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--misses", action="store_true", help="list the tuning half's misses")
    ap.add_argument("--direct", action="store_true", help="call extract() on every document")
    ap.add_argument("--predictions", type=Path, help="write score.py's predictions.json here")
    args = ap.parse_args()
    if not available():
        print(f"no real-document set at {REAL_DIR}")
        return 2
    docs = load_truth()
    if args.direct:
        with ProcessPoolExecutor(
            args.workers, mp_context=get_context("spawn"), initializer=configure_worker
        ) as pool:
            futs = {
                d["id"]: pool.submit(
                    partial(extract, (REAL_DIR / d["file"]).read_bytes(), today=TODAY)
                )
                for d in docs
            }
            results = {k: f.result().fields for k, f in futs.items()}
        report = evaluate(lambda d: results[d["id"]], docs)
    else:
        report = evaluate_words(words_for(docs, args.cache, workers=args.workers), docs)
    print_report(report, show_misses="tune" if args.misses else None)
    if args.predictions:
        args.predictions.write_text(json.dumps(report.predictions, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
