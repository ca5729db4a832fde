"""Fast loop for improving field extraction on the *tune* half only.

OCR is the slow part and field extraction is pure, so this OCRs every tune page once, keeps the
words (``<data-dir>/words/``), and re-scores ``extract_fields`` on them in a second: change
``fields.py``, run again, read the misses. It refuses the held-back half on purpose.

    python tests/perf/ocr/tune.py                    # accuracy on the tune half, with misses
    python tests/perf/ocr/tune.py --field debtor_name --lines   # + the page's lines per miss
    python tests/perf/ocr/tune.py --set varied --layout receipt_till   # the varied set's tune half
"""

from __future__ import annotations

import argparse
import pickle
import sys
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ocr_eval.build import VARIED_DEFAULT_SIZE, build_set, build_varied_set
from ocr_eval.evalset import DEFAULT_SIZE, TODAY
from ocr_eval.measure import VARIED_VARIANTS, Tally
from ocr_eval.scoring import TARGETS, VARIED_FIELDS, expected, score, score_varied, shown

from ocr.extraction import Word, configure_worker, extract_fields
from ocr.extraction.documents import RasterPage, iter_pages
from ocr.extraction.layout import group_lines
from ocr.extraction.pipeline import ocr_page

ROOT = Path(__file__).resolve().parents[3]


def ocr_words(path: Path) -> list[Word]:
    """What ``extract`` reads from a one-page image before field extraction."""
    page = next(iter_pages(path.read_bytes()))
    assert isinstance(page, RasterPage)
    return ocr_page(page)[0]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--size", type=int, default=DEFAULT_SIZE)
    ap.add_argument("--data-dir", type=Path, default=ROOT / ".data" / "ocr-eval")
    ap.add_argument("--field", help="only list misses of this field")
    ap.add_argument("--lines", action="store_true", help="print the OCR lines of each miss")
    ap.add_argument("--cached-only", action="store_true", help="score pages already OCR'd")
    ap.add_argument("--set", choices=("original", "varied"), default="original")
    ap.add_argument("--varied-size", type=int, default=VARIED_DEFAULT_SIZE)
    ap.add_argument("--layout", help="varied set: only this layout")
    ap.add_argument("--variant", choices=VARIED_VARIANTS, help="varied set: only this variant")
    args = ap.parse_args()
    if args.set == "varied":
        return _varied(args)
    items = [it for it in build_set(args.data_dir, args.size) if it.truth.split == "tune"]
    cache = args.data_dir / "words"
    cache.mkdir(parents=True, exist_ok=True)
    paths = [p for it in items for p in (it.clean, it.degraded)]
    todo = [p for p in paths if not (cache / f"{p.name}.pkl").is_file()]
    if args.cached_only:
        items = [it for it in items if not {it.clean, it.degraded} & set(todo)]
    elif todo:
        print(f"OCR of {len(todo)} tune pages (once)...")
        with ProcessPoolExecutor(
            2, mp_context=get_context("spawn"), initializer=configure_worker
        ) as pool:
            for p, words in zip(todo, pool.map(ocr_words, todo), strict=True):
                (cache / f"{p.name}.pkl").write_bytes(pickle.dumps(words))
    hits = {v: dict.fromkeys(TARGETS, 0) for v in ("clean", "degraded")}
    for it in items:
        for variant, path in (("clean", it.clean), ("degraded", it.degraded)):
            words = pickle.loads((cache / f"{path.name}.pkl").read_bytes())
            fields = extract_fields(words, tenant_vat=it.truth.seller_vat, today=TODAY)
            for name, ok in score(fields, it.truth).items():
                hits[variant][name] += ok
                if ok or (args.field and name != args.field):
                    continue
                print(
                    f"miss {variant:8} id={it.truth.invoice_id} layout={it.truth.layout} "
                    f"{it.truth.language} {it.font} {name}: want {expected(it.truth, name)!r} "
                    f"got {shown(fields, name)!r}"
                )
                if args.lines:
                    for ln in group_lines(words):
                        print(f"      {ln.box.x:5d} {ln.box.y:5d} | {ln.text}")
    print(f"\n{len(items)} tune invoices")
    for name in TARGETS:
        c, d = (hits[v][name] / len(items) for v in ("clean", "degraded"))
        print(f"  {name:16}{c:>8.1%}{d:>10.1%}")
    return 0


def _ocr_once(paths: list[Path], cache: Path) -> None:
    todo = [p for p in paths if not (cache / f"{p.name}.pkl").is_file()]
    if not todo:
        return
    print(f"OCR of {len(todo)} tune pages (once)...")
    with ProcessPoolExecutor(
        2, mp_context=get_context("spawn"), initializer=configure_worker
    ) as pool:
        for p, words in zip(todo, pool.map(ocr_words, todo), strict=True):
            (cache / f"{p.name}.pkl").write_bytes(pickle.dumps(words))


def _varied(args: argparse.Namespace) -> int:
    """The varied set's tune half: same loop, its fields, clean / scan / photo pages."""
    items = [
        it
        for it in build_varied_set(args.data_dir, args.varied_size)
        if it.truth.split == "tune" and (not args.layout or it.truth.layout == args.layout)
    ]
    variants = [args.variant] if args.variant else list(VARIED_VARIANTS)
    cache = args.data_dir / "words-varied"
    cache.mkdir(parents=True, exist_ok=True)
    if not args.cached_only:
        _ocr_once([it.page(v) for it in items for v in variants], cache)
    tallies = {v: Tally() for v in variants}
    for it in items:
        for v in variants:
            path = cache / f"{it.page(v).name}.pkl"
            if not path.is_file():
                continue
            words = pickle.loads(path.read_bytes())
            fields = extract_fields(words, tenant_vat=it.truth.seller_vat, today=TODAY)
            scored = score_varied(fields, it.truth)
            tallies[v].add(scored)
            for name, (kind, ok) in scored.items():
                if ok or (args.field and name != args.field):
                    continue
                want = expected(it.truth, name) if kind == "found" else "(not printed)"
                print(
                    f"miss {v:6} id={it.truth.invoice_id} {it.truth.layout} {it.truth.language} "
                    f"{it.font} {name}: want {want!r} got {shown(fields, name)!r}"
                )
                if args.lines:
                    for ln in group_lines(words):
                        print(f"      {ln.box.x:5d} {ln.box.y:5d} | {ln.text}")
    print(f"\n{len(items)} tune documents of the varied set")
    print(f"  {'field':20}" + "".join(f"{v:>8}" for v in variants))
    for name in VARIED_FIELDS:
        rates = [tallies[v].rate(name) for v in variants]
        print(f"  {name:20}" + "".join("       -" if r is None else f"{r:>8.1%}" for r in rates))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
