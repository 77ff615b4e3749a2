"""Table layouts: a row of labels with the values printed underneath, column by column.

Tesseract's text joins a header row ("Patient Name   DOB   MRN") into one line and the values into the
next, so only word positions say which value sits under which label; text-layer pages keep their spacing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from pipeline.records import Word

_GAP = re.compile(r"\s{2,}|\t")


def word_rows(words: Sequence[Word]) -> list[list[Word]]:
    """Words grouped into rows (by vertical overlap), each row left to right, rows top to bottom."""
    rows: list[list[Word]] = []
    for w in sorted(words, key=lambda w: (w.top, w.left)):
        if not w.text.strip():
            continue
        mid = w.top + w.height / 2
        row = rows[-1] if rows else None
        if row and abs(mid - (row[0].top + row[0].height / 2)) <= max(row[0].height, w.height) * 0.6:
            row.append(w)
        else:
            rows.append([w])
    for row in rows:
        row.sort(key=lambda w: w.left)
    return rows


def _is_header(text: str, spans: list[tuple[int, int]]) -> bool:
    """True when labels make up (nearly) all of the row: a header, not "Name: John Smith"."""
    letters = sum(c.isalnum() for c in text)
    covered = sum(sum(c.isalnum() for c in text[a:b]) for a, b in spans)
    return len(spans) >= 2 and letters > 0 and covered >= 0.85 * letters


def columns_from_words(rows: list[list[Word]], label_spans) -> Iterator[tuple[int, str, str, str]]:
    """(row index, label kind, label text, value) for every header row whose values are on the row below.

    `label_spans(text)` returns [(start, end, kind)] for the labels in a row's text.
    """
    for i, row in enumerate(rows[:-1]):
        text, starts = _join(row)
        spans = label_spans(text)
        if not _is_header(text, [(a, b) for a, b, _ in spans]):
            continue
        below = rows[i + 1]
        lefts = [_word_at(row, starts, a).left for a, _, _ in spans]
        slack = max(4, row[0].height)
        for k, (a, b, kind) in enumerate(spans):
            x0, x1 = lefts[k] - slack, (lefts[k + 1] - slack if k + 1 < len(spans) else 10**9)
            value = " ".join(w.text for w in below if x0 <= w.left < x1)
            if value:
                yield i, kind, text[a:b], value


def columns_from_text(lines: list[str], i: int, label_spans) -> list[tuple[str, str, str]]:
    """(kind, label, value) when line i is a header row and line i+1 has as many spaced-out cells."""
    spans = label_spans(lines[i])
    if i + 1 >= len(lines) or not _is_header(lines[i], [(a, b) for a, b, _ in spans]):
        return []
    cells = [c for c in _GAP.split(lines[i + 1].strip()) if c]
    if len(cells) != len(spans):
        return []
    return [(kind, lines[i][a:b], cell) for (a, b, kind), cell in zip(spans, cells, strict=True)]


def _join(row: list[Word]) -> tuple[str, list[int]]:
    starts, pos = [], 0
    for w in row:
        starts.append(pos)
        pos += len(w.text) + 1
    return " ".join(w.text for w in row), starts


def _word_at(row: list[Word], starts: list[int], offset: int) -> Word:
    best = 0
    for k, start in enumerate(starts):
        if start <= offset:
            best = k
    return row[best]
