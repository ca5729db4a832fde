"""Words to lines, and the two positional questions field extraction asks.

A line keeps two texts of the same length: ``text`` as read and ``norm`` (lower-case, accents
stripped) for matching labels in four languages. Because both have the same length, a regex match
on ``norm`` maps straight back to the words (and so to a box and a confidence).

Words are joined by one space when they sit at normal word spacing and by two when there is a
column gap between them: amount patterns only accept a single space as thousands separator, so a
quantity column ``2`` next to a price ``100,00`` is not read as ``2 100,00``.
"""

from __future__ import annotations

import statistics
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .model import Box, Word

# A gap wider than this many word heights separates columns rather than words.
_COLUMN_GAP_HEIGHTS = 1.2


def normalise_char(char: str) -> str:
    """One character in, one character out: lower-case without accents (é -> e, ß -> s)."""
    decomposed = unicodedata.normalize("NFKD", char)
    base = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    if len(base) == 1:
        return base
    # Ligatures and other expansions (ß -> ss, ﬁ -> fi) would shift offsets: keep the first char.
    return base[:1] if base else char


def normalise(text: str) -> str:
    return "".join(normalise_char(c) for c in text)


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    word: Word


@dataclass(frozen=True, slots=True)
class Line:
    page: int
    text: str
    norm: str
    spans: tuple[Span, ...]

    @property
    def box(self) -> Box:
        return union_box(s.word.box for s in self.spans)

    @property
    def height(self) -> int:
        """The text size: a word's box height, or its width where it is printed turned."""
        sizes = (s.word.box.w if s.word.vertical else s.word.box.h for s in self.spans)
        return max(1, int(statistics.median(sizes)))

    def words_between(self, start: int, end: int) -> list[Word]:
        return [s.word for s in self.spans if s.start < end and s.end > start]

    def box_between(self, start: int, end: int) -> Box:
        words = self.words_between(start, end) or [self.spans[0].word]
        return union_box(w.box for w in words)

    def confidence_between(self, start: int, end: int) -> float:
        words = self.words_between(start, end)
        if not words:
            return 0.0
        return min(w.confidence for w in words)

    def cell_start(self, pos: int) -> int:
        """Offset where the cell holding ``pos`` begins (cells are separated by column gaps)."""
        gap = self.text.rfind("  ", 0, pos)
        return 0 if gap == -1 else gap + 2

    def sub_line(self, words: Sequence[Word]) -> Line:
        return make_line(words)


def union_box(boxes: Iterable[Box]) -> Box:
    it = iter(boxes)
    out = next(it)
    for b in it:
        out = out.union(b)
    return out


def make_line(words: Sequence[Word]) -> Line:
    ordered = sorted(words, key=lambda w: w.box.x)
    parts: list[str] = []
    spans: list[Span] = []
    pos = 0
    prev: Word | None = None
    for word in ordered:
        if prev is not None:
            gap = word.box.x - prev.box.x1
            height = max(1, min(word.box.h, prev.box.h))
            sep = "  " if gap > _COLUMN_GAP_HEIGHTS * height else " "
            parts.append(sep)
            pos += len(sep)
        parts.append(word.text)
        spans.append(Span(pos, pos + len(word.text), word))
        pos += len(word.text)
        prev = word
    text = "".join(parts)
    return Line(page=ordered[0].box.page, text=text, norm=normalise(text), spans=tuple(spans))


def group_lines(words: Iterable[Word]) -> list[Line]:
    """Cluster words into reading lines per page: top to bottom, then left to right.

    A word joins the current line when its vertical centre lies within half a word height of the
    line's running centre; this tolerates the residual skew left after deskewing.
    """
    by_page: dict[int, list[Word]] = {}
    turned: dict[int, list[Word]] = {}
    for w in words:
        if w.text.strip():
            (turned if w.vertical else by_page).setdefault(w.box.page, []).append(w)
    lines: list[Line] = []
    for page in sorted(by_page.keys() | turned.keys()):
        lines += _page_lines(by_page.get(page, []), turned.get(page, []))
    return lines


def _page_lines(words: list[Word], turned: list[Word]) -> list[Line]:
    lines: list[Line] = []
    if words:
        ordered = sorted(words, key=lambda w: w.box.y + w.box.h / 2)
        current: list[Word] = []
        centre = 0.0
        for w in ordered:
            c = w.box.y + w.box.h / 2
            if current and abs(c - centre) <= 0.5 * statistics.median(x.box.h for x in current):
                current.append(w)
                centre = statistics.fmean(x.box.y + x.box.h / 2 for x in current)
            else:
                if current:
                    lines.append(make_line(current))
                current, centre = [w], c
        if current:
            lines.append(make_line(current))
    # Text printed up or down the margin: one line per column of turned words, in the order
    # they were written (the reading order), placed among the page's lines by its top.
    columns: list[list[Word]] = []
    for w in turned:
        c = w.box.x + w.box.w / 2
        col = next(
            (k for k in columns if abs(k[-1].box.x + k[-1].box.w / 2 - c) <= 0.5 * w.box.w), None
        )
        if col is None:
            columns.append([w])
        else:
            col.append(w)
    for col in columns:
        line = _turned_line(col)
        at = next((i for i, ln in enumerate(lines) if ln.box.y > line.box.y), len(lines))
        lines.insert(at, line)
    return lines


def _turned_line(words: Sequence[Word]) -> Line:
    parts: list[str] = []
    spans: list[Span] = []
    pos = 0
    for word in words:
        if parts:
            parts.append(" ")
            pos += 1
        parts.append(word.text)
        spans.append(Span(pos, pos + len(word.text), word))
        pos += len(word.text)
    text = "".join(parts)
    return Line(page=words[0].box.page, text=text, norm=normalise(text), spans=tuple(spans))


def words_below(lines: Sequence[Line], anchor: Box, *, max_lines: int = 3) -> list[Line]:
    """The cells directly below ``anchor``: for each following line (at most ``max_lines`` and
    within a few line heights), the run of words that overlaps the anchor horizontally, grown
    to the left and right while the word gaps stay small (a date is often wider than its label).
    """
    out: list[Line] = []
    limit = anchor.y1 + (max_lines + 1) * 2 * max(anchor.h, 10)
    for line in lines:
        if line.page != anchor.page or line.box.y < anchor.y1 - anchor.h // 3:
            continue
        if line.box.y > limit or len(out) >= max_lines:
            break
        words = [s.word for s in line.spans]
        hits = [i for i, w in enumerate(words) if _overlaps(w.box, anchor)]
        if not hits:
            continue
        lo, hi = hits[0], hits[-1]
        while lo > 0 and _close(words[lo - 1], words[lo]):
            lo -= 1
        while hi < len(words) - 1 and _close(words[hi], words[hi + 1]):
            hi += 1
        out.append(make_line(words[lo : hi + 1]))
    return out


def _overlaps(box: Box, anchor: Box) -> bool:
    slack = anchor.h
    return box.x < anchor.x1 + slack and box.x1 > anchor.x - slack


def _close(left: Word, right: Word) -> bool:
    height = max(1, min(left.box.h, right.box.h))
    return right.box.x - left.box.x1 <= _COLUMN_GAP_HEIGHTS * height
