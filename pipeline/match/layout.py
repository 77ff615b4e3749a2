"""Page layout: lines of words with their positions, and tables with a row of labels over the values.

Tesseract's text and a PDF's text layer join a header row ("Patient Name   DOB   MRN") into one
single-spaced line, so only word positions say which value sits under which label. Pages with word
boxes are laid out from them (spacing kept in proportion); pages with text only keep their own spacing,
each character standing for one column.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from statistics import median

from pipeline.match.labels import repair_words
from pipeline.match.zones import excluded_spans, is_rule
from pipeline.records import PageText, Word

__all__ = ["Line", "TableCell", "ZonePage", "layout_lines", "patient_zones", "table_cells", "trust_words", "word_rows"]

TEXT_CHAR = 10  # pixels per character of a text-only page's synthetic word boxes
TEXT_LINE = 20
_MIN_WORDS_SHARE = 0.9  # word boxes that miss more of the text than this are not trusted for layout
# A box's vertical rule is also read as a lone brace or bracket ("{ 2166520 |").
_RULE_WORD = re.compile(r"^(?:[|│┃¦]+|[{}\[\]]|[\-_=─━═┼┬┴├┤┌┐└┘+|~*.]{3,})$")

LabelSpans = Callable[[str], list[tuple[int, int, str]]]
# Column headings of a patient table that are never the patient's identifiers. They count towards a header
# row's labels, so one misread patient heading ("Pt" read as "Ro") does not undo the whole row.
_HEADING = re.compile(
    r"(?i)^(?:accession|specimen|gender|sex|age|(?:home|cell|work|mobile)?\s*(?:ph|phone|tel)|collected|received"
    r"|reported|ordering|physician|provider|dos|visit|location|room|status)\s*(?:#|no\.?|number|date)?$"
)


@dataclass(frozen=True)
class Line:
    """One line of a page: its text (spacing kept, excluded zones blanked) and its words (excluded ones dropped)."""

    index: int  # 0-based line number on the page
    text: str
    words: tuple[Word, ...]
    columns: tuple[int, ...]  # the character column each word starts at in `text`


@dataclass(frozen=True)
class TableCell:
    """A value under a header label: the header's line index and the value's line index."""

    header: int
    row: int
    kind: str
    label: str
    value: str


def word_rows(words: Sequence[Word]) -> list[list[Word]]:
    """Words grouped into rows (by vertical overlap), each row left to right, rows top to bottom.

    A page still tilted (a phone photo straightened only roughly, its tilt changing down the page) is
    levelled first, each band of lines by its own tilt, so a header row and the values below it are not
    interleaved.
    """
    kept = [w for w in words if w.text.strip()]
    level = _leveller(kept)
    tops = {id(w): level(w) for w in kept}  # each word levelled once
    rows: list[list[Word]] = []
    for w in sorted(kept, key=lambda w: (tops[id(w)], w.left)):
        mid = tops[id(w)] + w.height / 2
        row = rows[-1] if rows else None
        if row and abs(mid - (tops[id(row[0])] + row[0].height / 2)) <= max(row[0].height, w.height) * 0.6:
            row.append(w)
        else:
            rows.append([w])
    for row in rows:
        row.sort(key=lambda w: w.left)
    return rows


MIN_TILT = 0.01  # rise per pixel (about 0.6 degrees) below which a page is taken as level
_TILT_PAIRS = 8  # neighbouring word pairs needed to measure a page's tilt
_BAND_PAIRS = 3  # and a band's
_BAND = 4.0  # a band of lines: this many word heights above and below


def _leveller(words: Sequence[Word]) -> Callable[[Word], float]:
    """A word's top as if the page were level: the tilt between each word and its nearest neighbour on the
    right in its line, taken over the page and then over the band of lines around each word; a level
    page (or one too sparse to measure) keeps its tops."""
    found = _neighbour_tilts(words)
    if len(found) < _TILT_PAIRS or all(abs(t) < MIN_TILT for _, _, t in found):
        return lambda w: float(w.top)
    # A photo's tilt may change down the page: level on the whole (its lower half) with its top still
    # tilted, so each band is levelled by its own tilt even when the page's median is none.
    overall = median(t for _, _, t in found)
    overall = overall if abs(overall) >= MIN_TILT else 0.0
    pairs = sorted((y - overall * x, t) for x, y, t in found)
    ys = [y for y, _ in pairs]

    def level(w: Word) -> float:
        y = w.top + w.height / 2 - overall * w.left  # the same for the words of one line
        lo, hi = bisect_left(ys, y - _BAND * w.height), bisect_right(ys, y + _BAND * w.height)
        band = [t for _, t in pairs[lo:hi]]
        tilt = median(band) if len(band) >= _BAND_PAIRS else overall
        return w.top - tilt * w.left if abs(tilt) >= MIN_TILT else float(w.top)

    return level


def _neighbour_tilts(words: Sequence[Word]) -> list[tuple[float, float, float]]:
    """(left, middle height, tilt) of each word and its nearest neighbour on the right in the same line."""
    by_mid = sorted(words, key=lambda w: w.top + w.height / 2)
    mids = [w.top + w.height / 2 for w in by_mid]
    out = []
    for w in by_mid:
        mid, right = w.top + w.height / 2, w.left + w.width
        lo, hi = bisect_left(mids, mid - w.height / 2), bisect_right(mids, mid + w.height / 2)
        near = [v for v in by_mid[lo:hi] if v is not w and right - 2 <= v.left <= right + 3 * w.height
                and abs(v.height - w.height) <= w.height / 2]
        if near:
            v = min(near, key=lambda v: v.left)
            dx = (v.left + v.width / 2) - (w.left + w.width / 2)
            out.append((float(w.left), mid, ((v.top + v.height / 2) - mid) / dx))
    return out


def _text_words(lines: Sequence[str]) -> list[list[Word]]:
    """Synthetic word boxes for a text-only page: one column per character, one row per line."""
    return [[Word(m.group(0), m.start() * TEXT_CHAR, i * TEXT_LINE, len(m.group(0)) * TEXT_CHAR, TEXT_LINE - 4, -1.0)
             for m in re.finditer(r"\S+", line)] for i, line in enumerate(lines)]


def _unruled(line: str) -> str:
    """A text line with its table rules (| between cells, rows of - or ─) blanked out."""
    return re.sub(r"\S+", lambda m: " " * len(m.group(0)) if _RULE_WORD.match(m.group(0)) else m.group(0), line)


def trust_words(page: PageText) -> bool:
    """Whether the page's word boxes cover its text, so its layout can come from them."""
    tokens = len(page.text.split())
    return bool(page.words) and len([w for w in page.words if w.text.strip()]) >= _MIN_WORDS_SHARE * tokens


def _lay_out(row: list[Word], char: float) -> tuple[str, tuple[int, ...]]:
    """A row's text with its words at their columns (at least one space apart)."""
    text, columns = "", []
    for w in row:
        col = max(round(w.left / char), len(text) + 1 if text else 0)
        text += " " * (col - len(text)) + w.text
        columns.append(col)
    return text, tuple(columns)


def _raw_lines(page: PageText) -> list[tuple[str, list[Word], tuple[int, ...]]]:
    if not trust_words(page):
        lines = [_unruled(line) for line in page.text.splitlines()]
        rows = _text_words(lines)
        return [(line, row, tuple(w.left // TEXT_CHAR for w in row)) for line, row in zip(lines, rows, strict=True)]
    words = [w for w in page.words if w.text.strip() and not _RULE_WORD.match(w.text)]
    if not words:
        return []
    char = median(w.width / len(w.text) for w in words) or 1.0
    out = []
    for row in word_rows(words):
        text, columns = _lay_out(row, char)
        out.append((text, row, columns))
    return out


def layout_lines(page: PageText) -> list[Line]:
    """The page's lines with misread labels spelled right and the zones that are never the patient's removed."""
    raw = _raw_lines(page)
    repaired = []
    for i, (text, row, columns) in enumerate(raw):
        below = raw[i + 1][0] if i + 1 < len(raw) else ""
        words = repair_words([w.text for w in row], [text[c + len(w.text):] for w, c in zip(row, columns, strict=True)],
                             below)
        new_row = [w if t == w.text else Word(t, w.left, w.top, w.width, w.height, w.conf)
                   for w, t in zip(row, words, strict=True)]
        repaired.append(_respell(text, row, columns, new_row))
    spans = excluded_spans([text for text, _, _ in repaired])
    return [_masked(i, text, row, columns, spans[i]) for i, (text, row, columns) in enumerate(repaired)]


def _respell(text: str, row: list[Word], columns: tuple[int, ...], new_row: list[Word]
             ) -> tuple[str, list[Word], tuple[int, ...]]:
    """The line rebuilt with the repaired words, columns shifted where a word's length changed."""
    if all(a is b for a, b in zip(row, new_row, strict=True)):
        return text, row, columns
    out, cols, shift, pos = "", [], 0, 0
    for w, new, col in zip(row, new_row, columns, strict=True):
        out += text[pos:col] + new.text
        cols.append(col + shift)
        shift += len(new.text) - len(w.text)
        pos = col + len(w.text)
    return out + text[pos:], new_row, tuple(cols)


def _masked(i: int, text: str, row: list[Word], columns: tuple[int, ...], spans: list[tuple[int, int]]) -> Line:
    if not spans:
        return Line(i, text, tuple(row), columns)
    keep = [(w, c) for w, c in zip(row, columns, strict=True) if not any(a <= c < b for a, b in spans)]
    for a, b in spans:
        text = text[:a] + " " * (min(b, len(text)) - a) + text[b:]
    return Line(i, text, tuple(w for w, _ in keep), tuple(c for _, c in keep))


def _cells(line: Line) -> list[list[int]]:
    """Indexes of the line's words grouped into cells: a new cell after a gap of two or more spaces."""
    cells: list[list[int]] = []
    for k, c in enumerate(line.columns):
        prev_end = line.columns[k - 1] + len(line.words[k - 1].text) if k else -10
        if k == 0 or c - prev_end >= 2:
            cells.append([k])
        else:
            cells[-1].append(k)
    return cells


def _header_columns(line: Line, label_spans: LabelSpans, positioned: bool) -> list[tuple[int, str, str]]:
    """(start word, kind, label) per column of a header row, or [] when the line is no header."""
    text = line.text
    spans = label_spans(text)
    word_at = {c: k for k, c in enumerate(line.columns)}
    cell_starts = {cell[0] for cell in _cells(line)}
    columns: dict[int, tuple[str, str]] = {k: ("", "") for k in cell_starts}
    for a, b, kind in spans:
        k = word_at.get(a)
        if k is None or (not positioned and k not in cell_starts):
            return []  # a label inside a word, or (text only) a label with no gap before it
        columns[k] = (kind, text[a:b])
    for k in [k for k in columns if not columns[k][0]]:
        if any(a < line.columns[k] < b for a, b, _ in spans):
            del columns[k]  # "Patient  Name": a gap inside one label
    starts = sorted(columns)
    cells = {k: _column_text(line, k, end) for k, end in zip(starts, [*starts[1:], None], strict=True)}
    for n, k in enumerate(starts):
        label = columns[k][1]
        if label and cells[k][len(label):].strip(" :#.;"):
            return []  # "Name: John Smith" - a label with its value, not a header
        after = starts[n + 1] if n + 1 < len(starts) else None
        if (label and cells[k].endswith((":", ";")) and after is not None and not columns[after][0]
                and not _HEADING.match(cells[after])):
            return []  # "Date of Birth:   22 Jul 1972" - its value after a gap, not a header over a row
    letters = sum(c.isalnum() for c in text)
    covered = sum(sum(c.isalnum() for c in text[a:b]) for a, b, _ in spans)
    labelled = [k for k in starts if columns[k][0] not in ("", "stop")]
    headings = [cells[k] for k in starts if not columns[k][0] and _HEADING.match(cells[k])]
    covered += sum(c.isalnum() for h in headings for c in h)
    # One patient label beside another column ("MED REC #   GENDER") is a header too; a lone label is not.
    if not labelled or len(starts) < 2 or covered < 0.5 * letters or 2 * (len(labelled) + len(headings)) < len(starts):
        return []
    return [(k, *columns[k]) for k in starts]


def _column_text(line: Line, start: int, end: int | None) -> str:
    """The text of a header row from word `start` up to word `end` (the row's end when None)."""
    stop = line.columns[end] if end is not None else len(line.text)
    return line.text[line.columns[start]:stop].strip()


def table_cells(lines: Sequence[Line], label_spans: LabelSpans, positioned: bool) -> Iterator[TableCell]:
    """Every value printed under a header row of labels, matched to its label by x-position."""
    for i, line in enumerate(lines):
        columns = _header_columns(line, label_spans, positioned) if len(line.words) >= 2 else []
        if not columns:
            continue
        below = _value_line(lines, i)
        if below is None:
            continue
        lefts = [line.words[k].left for k, _, _ in columns]
        slack = max(4, line.words[0].height)
        values: dict[int, list[str]] = {}
        for w in below.words:
            n = max((n for n, x in enumerate(lefts) if x - slack <= w.left), default=-1)
            if n >= 0 and not _RULE_WORD.match(w.text):
                values.setdefault(n, []).append(w.text)
        for n, (_, kind, label) in enumerate(columns):
            if kind and n in values:
                yield TableCell(i, below.index, kind, label, " ".join(values[n]))


def _value_line(lines: Sequence[Line], i: int) -> Line | None:
    """The first line under a header that holds words, skipping ruled lines (at most two)."""
    for j in range(i + 1, min(i + 4, len(lines))):
        line = lines[j]
        words = [w for w in line.words if not _RULE_WORD.match(w.text)]
        if is_rule(line.text) or not words:
            continue
        return line
    return None


@dataclass(frozen=True)
class ZonePage:
    """The lines of one page that may be about the patient (sender zones blanked or dropped)."""

    number: int  # the page's 1-based number
    lines: tuple[Line, ...]  # non-blank lines only; Line.index is the line's place on the page


def patient_zones(pages: Sequence[PageText]) -> tuple[ZonePage, ...]:
    """Per page, the text (with line and word positions) of the places that may be about the patient.

    The fax header line, the sender's letterhead and the lines labelled for someone else (From, To,
    Attn, Provider, Signed, Pharmacy, ...) are removed; misread labels are spelled right.
    """
    return tuple(ZonePage(page.number, tuple(line for line in layout_lines(page) if line.text.strip()))
                 for page in pages)
