"""OCR evaluation: per-field accuracy on the held-back invoices (clean and degraded) and speed
against bare ``tesseract``, then the varied set (26 more layouts, four languages, clean / scan /
phone photo) per field and per layout. ``make bench-ocr`` runs it; see README.md next to this file.

    python tests/perf/ocr/run.py                 # both sets (360 + 312 documents), held-back half
    python tests/perf/ocr/run.py --quick         # a smoke run (24 + 26 documents, short speed part)
    python tests/perf/ocr/run.py --set varied --no-real   # the varied set only
    python tests/perf/ocr/run.py --split tune --show-misses   # while improving the extraction
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from dataclasses import asdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ocr_eval.build import VARIED_DEFAULT_SIZE, build_set, build_varied_set
from ocr_eval.evalset import DEFAULT_SIZE, SEED
from ocr_eval.layouts import LAYOUT_NAMES
from ocr_eval.measure import (
    VARIANTS,
    VARIED_VARIANTS,
    Accuracy,
    Tally,
    VariedAccuracy,
    accuracy,
    page_speed,
    throughput,
    varied_accuracy,
)
from ocr_eval.real import (
    REAL_DIR,
    available,
    evaluate_words,
    load_truth,
    print_report,
    reliability,
    words_for,
)
from ocr_eval.scoring import ABSENT_SCORED, TARGETS, VARIED_FIELDS

ROOT = Path(__file__).resolve().parents[3]
SPEED_TARGET = 1.15
SCALING_TARGET = 1.7


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--size", type=int, default=DEFAULT_SIZE, help="invoices in the set")
    ap.add_argument("--quick", action="store_true", help="24 + 26 documents, short speed part")
    ap.add_argument(
        "--set",
        choices=("original", "varied", "all"),
        default="all",
        help="original: the 360 invoices in 6 layouts; varied: 26 more layouts (default: both)",
    )
    ap.add_argument(
        "--varied-size", type=int, default=VARIED_DEFAULT_SIZE, help="documents in the varied set"
    )
    ap.add_argument(
        "--no-tenant",
        action="store_true",
        help="varied set: read without the seller's VAT (as the real documents are read)",
    )
    ap.add_argument("--split", choices=("holdout", "tune"), default="holdout")
    ap.add_argument("--data-dir", type=Path, default=ROOT / ".data" / "ocr-eval")
    ap.add_argument("--report", type=Path, help="JSON report (default: <data-dir>/report.json)")
    ap.add_argument("--workers", type=int, default=2, help="processes for the accuracy part")
    ap.add_argument("--speed-pages", type=int, default=6, help="pages timed against tesseract")
    ap.add_argument("--repeats", type=int, default=3, help="runs per page in the speed part")
    ap.add_argument("--throughput-docs", type=int, default=12)
    ap.add_argument("--no-speed", action="store_true", help="accuracy only")
    ap.add_argument("--no-accuracy", action="store_true", help="speed only")
    ap.add_argument("--no-real", action="store_true", help="skip the real-document set")
    ap.add_argument(
        "--real-cache",
        type=Path,
        default=ROOT / ".data" / "ocr-real" / "words",
        help="words of the real documents, kept per reader version",
    )
    ap.add_argument(
        "--show-misses", action="store_true", help="list wrong fields (use on --split tune only)"
    )
    args = ap.parse_args(argv)
    if args.quick:
        args.size, args.speed_pages, args.repeats, args.throughput_docs = 24, 2, 1, 4
        args.varied_size = len(LAYOUT_NAMES)
    original = args.set in ("original", "all")
    if not original:
        args.no_speed = True  # the speed part reads the original set's pages
    if shutil.which("tesseract") is None:
        print("tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-nld ...)")
        return 2

    started = time.perf_counter()
    report: dict[str, object] = {"seed": SEED, "split": args.split}
    ok = True
    chosen = []
    if original:
        items = build_set(args.data_dir, args.size, workers=args.workers)
        chosen = [it for it in items if it.truth.split == args.split]
        built = time.perf_counter() - started
        print(
            f"set: {len(items)} invoices (seed {SEED}), {len(chosen)} in '{args.split}'; "
            f"{built:.0f} s"
        )
        report.update(
            {
                "size": len(items),
                "invoices": len(chosen),
                "layouts": sorted({it.truth.layout for it in chosen}),
                "fonts": sorted({it.font for it in chosen}),
            }
        )
        if not args.no_accuracy:
            mark = time.perf_counter()
            acc = accuracy(chosen, workers=args.workers)
            report["accuracy_seconds"] = round(time.perf_counter() - mark, 1)
            report["accuracy"] = {v: _acc_json(a) for v, a in acc.items()}
            ok &= _print_accuracy(acc)
            if args.show_misses:
                for v in VARIANTS:
                    for miss in acc[v].misses:
                        print(
                            f"  miss {v:8} " + " ".join(f"{k}={val!r}" for k, val in miss.items())
                        )
    if args.set in ("varied", "all") and not args.no_accuracy:
        print()
        mark = time.perf_counter()
        vitems = build_varied_set(args.data_dir, args.varied_size, workers=args.workers)
        vchosen = [it for it in vitems if it.truth.split == args.split]
        vbuilt = time.perf_counter() - mark
        print(
            f"varied set: {len(vitems)} documents in {len(LAYOUT_NAMES)} layouts, "
            f"{len(vchosen)} in '{args.split}'; built in {vbuilt:.0f} s"
        )
        mark = time.perf_counter()
        vacc = varied_accuracy(vchosen, workers=args.workers, tenant=not args.no_tenant)
        vseconds = time.perf_counter() - mark
        _print_varied(vacc, len(vchosen))
        print(f"  ({len(vchosen) * 3} pages read in {vseconds:.0f} s)")
        report["varied"] = {
            "size": len(vitems),
            "documents": len(vchosen),
            "tenant_vat": not args.no_tenant,
            "build_seconds": round(vbuilt, 1),
            "accuracy_seconds": round(vseconds, 1),
            **_varied_json(vacc),
        }
        if args.show_misses:
            for miss in vacc.misses:
                print("  miss " + " ".join(f"{k}={val!r}" for k, val in miss.items()))
    if not args.no_real:
        if available():
            print()
            mark = time.perf_counter()
            docs = load_truth()
            real = evaluate_words(words_for(docs, args.real_cache, workers=args.workers), docs)
            print_report(real)
            rows, ece = reliability(real.calibration)
            report["real"] = {
                "seconds": round(time.perf_counter() - mark, 1),
                "halves": {
                    name: {f: half.rate(f) for f in half.scored}
                    for name, half in real.halves.items()
                },
                "ece": round(ece, 4),
                "reliability": rows,
            }
        else:
            print(f"\nreal-document set not found at {REAL_DIR}: skipped")
    if not args.no_speed:
        sample = chosen[: args.speed_pages]
        speeds = {
            v: page_speed(
                [it.clean if v == "clean" else it.degraded for it in sample], repeats=args.repeats
            )
            for v in VARIANTS
        }
        pages = [it.clean if i % 2 == 0 else it.degraded for i, it in enumerate(chosen)]
        tp = throughput(pages[: args.throughput_docs])
        report["page_speed"] = {v: asdict(s) for v, s in speeds.items()}
        report["throughput"] = asdict(tp)
        print()
        print("speed (median per page; bare = `tesseract page stdout -l nld+fra+deu+eng tsv`)")
        print(f"  {'':10}{'extract s':>10}{'bare s':>9}{'ratio':>7}  target <= {SPEED_TARGET}")
        for v, s in speeds.items():
            flag = "ok" if s.ratio_median <= SPEED_TARGET else "MISS"
            print(
                f"  {v:10}{s.extract_median_s:>10.2f}{s.tesseract_median_s:>9.2f}"
                f"{s.ratio_median:>7.2f}  {flag}"
            )
            ok &= s.ratio_median <= SPEED_TARGET
        flag = "ok" if tp.speedup >= SCALING_TARGET else "MISS"
        print(
            f"throughput ({tp.documents} pages): 1 worker {tp.seconds[1]:.1f} s, 2 workers "
            f"{tp.seconds[2]:.1f} s -> {tp.speedup:.2f}x (target >= {SCALING_TARGET}) {flag}"
        )
        ok &= tp.speedup >= SCALING_TARGET
    report["all_targets_met"] = ok
    report["seconds"] = round(time.perf_counter() - started, 1)
    out = args.report or args.data_dir / "report.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"report: {out}  ({report['seconds']} s)")
    return 0


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.1%}"


def _tally_json(t: Tally) -> dict[str, object]:
    return {
        "pages": t.pages,
        "all_fields": None if t.all_fields() is None else round(t.all_fields() or 0.0, 4),
        "fields": {
            name: {
                "printed": t.found_n[name],
                "rate": None if t.rate(name) is None else round(t.rate(name) or 0.0, 4),
                "not_printed": t.absent_n[name],
                "absent_rate": (
                    None if t.absent_rate(name) is None else round(t.absent_rate(name) or 0.0, 4)
                ),
            }
            for name in VARIED_FIELDS
        },
    }


def _varied_json(a: VariedAccuracy) -> dict[str, object]:
    return {
        "by_variant": {v: _tally_json(t) for v, t in a.by_variant.items()},
        "by_layout": {name: _tally_json(t) for name, t in sorted(a.by_layout.items())},
        "by_layout_variant": {
            name: {v: t.all_fields() for v, t in per.items()}
            for name, per in sorted(a.by_layout_variant.items())
        },
        "by_language": {k: _tally_json(t) for k, t in sorted(a.by_language.items())},
        "by_doc_type": {k: _tally_json(t) for k, t in sorted(a.by_doc_type.items())},
        "median_extract_seconds": (
            round(sorted(a.seconds)[len(a.seconds) // 2], 3) if a.seconds else None
        ),
        "misses": len(a.misses),
    }


def _print_varied(a: VariedAccuracy, documents: int) -> None:
    by = a.by_variant
    print(f"varied set: accuracy per field on {documents} documents (found where printed)")
    print(f"  {'field':20}{'printed':>8}" + "".join(f"{v:>8}" for v in VARIED_VARIANTS)
          + f"   {'absent ok (not printed)':>24}")  # fmt: skip
    for name in VARIED_FIELDS:
        cells = "".join(f"{_pct(by[v].rate(name)):>8}" for v in VARIED_VARIANTS)
        absent = ""
        if name in ABSENT_SCORED:
            n = by["clean"].absent_n[name]
            rates = "/".join(_pct(by[v].absent_rate(name)) for v in VARIED_VARIANTS)
            absent = f"   {rates:>18} of {n}"
        print(f"  {name:20}{by['clean'].found_n[name]:>8}{cells}{absent}")
    cells = "".join(f"{_pct(by[v].all_fields()):>8}" for v in VARIED_VARIANTS)
    print(f"  {'all fields':20}{'':>8}{cells}")
    print()
    print("varied set: per layout (all scored fields; the fields below 80% over the 3 variants)")
    print(f"  {'layout':22}{'docs':>5}" + "".join(f"{v:>8}" for v in VARIED_VARIANTS) + "   weak")
    for name in LAYOUT_NAMES:
        if name not in a.by_layout:
            continue
        per = a.by_layout_variant[name]
        total = a.by_layout[name]
        weak = []
        for f in VARIED_FIELDS:
            r = total.rate(f)
            if r is not None and r < 0.8:
                weak.append(f"{f} {r:.0%}")
            ar = total.absent_rate(f)
            if ar is not None and ar < 0.8:
                weak.append(f"{f}(absent) {ar:.0%}")
        cells = "".join(f"{_pct(per[v].all_fields()):>8}" for v in VARIED_VARIANTS)
        print(f"  {name:22}{per['clean'].pages:>5}{cells}   {', '.join(weak)}")
    for title, groups in (("language", a.by_language), ("document type", a.by_doc_type)):
        print(f"varied set: per {title} (all fields, all variants): " + ", ".join(
            f"{k} {_pct(t.all_fields())} ({t.pages // 3})" for k, t in sorted(groups.items())
        ))  # fmt: skip


def _acc_json(a: Accuracy) -> dict[str, object]:
    return {
        "pages": a.n,
        "fields": {name: round(a.rate(name), 4) for name in TARGETS},
        "by_layout": {
            str(layout): {name: round(hits[name] / a.layout_n[layout], 3) for name in TARGETS}
            for layout, hits in sorted(a.by_layout.items())
        },
        "median_extract_seconds": (
            round(sorted(a.seconds)[len(a.seconds) // 2], 3) if a.seconds else None
        ),
        "misses": len(a.misses),
    }


def _print_accuracy(acc: dict[str, Accuracy]) -> bool:
    clean, degraded = acc["clean"], acc["degraded"]
    print()
    print(f"accuracy on {clean.n} pages each  (target applies to degraded)")
    print(f"  {'field':16}{'clean':>8}{'degraded':>10}{'target':>8}")
    ok = True
    for name, target in TARGETS.items():
        met = target is None or degraded.rate(name) >= target
        ok &= met
        tgt = f"{target:.0%}" if target is not None else "-"
        flag = "" if target is None else "ok" if met else "MISS"
        print(f"  {name:16}{clean.rate(name):>8.1%}{degraded.rate(name):>10.1%}{tgt:>8}  {flag}")
    return ok


if __name__ == "__main__":
    raise SystemExit(main())
