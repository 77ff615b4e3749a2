"""JSON text exactly as `json.dumps(value, indent=2, default=str)` writes a list, made fast and in pieces.

The standard library's indented encoder is pure Python: `documents list --json` of 100,000 documents (50 MB)
spent 3-6 s in it. Its compact encoder is C. These functions encode every scalar with the C encoder and
lay the objects out with plain string templates; only nested values (a document's reasons, a fax's parts)
go through the indented encoder, and those repeat, so they are encoded once per distinct value.
The bytes are the same as `json.dumps`'s (tests/test_listing.py compares them).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from json.encoder import encode_basestring_ascii  # type: ignore[attr-defined]
from typing import Any

SEP = "\x01"  # never in the compact encoder's output: every control character in a string is escaped
_COMPACT = json.JSONEncoder(separators=(SEP, ":"), default=str)
_SCALARS = (str, int, float, bool, type(None))


def indented(value: Any, depth: int) -> str:
    """`value` as json.dumps(indent=2) writes it when nested `depth` levels deep."""
    return json.dumps(value, indent=2, default=str).replace("\n", "\n" + "  " * depth)


def _scalar(value: Any) -> str:
    return encode_basestring_ascii(value) if value.__class__ is str else _COMPACT.encode(value)


def _object(item: dict[Any, Any]) -> str:
    """One object of the list (depth 1)."""
    if not item or any(k.__class__ is not str for k in item):
        return "  " + indented(item, 1)
    fields = ",".join(f"\n    {encode_basestring_ascii(k)}: "
                      + (_scalar(v) if isinstance(v, _SCALARS) else indented(v, 2)) for k, v in item.items())
    return "  {" + fields + "\n  }"


def _framed(bodies: Iterable[str]) -> Iterator[str]:
    """'[' + the bodies joined by ',' + ']' as json.dumps(indent=2) frames a list ('[]' when empty)."""
    first = True
    for body in bodies:
        yield ("[\n" if first else ",\n") + body
        first = False
    yield "[]" if first else "\n]"


def list_json(items: Iterable[dict[Any, Any]], chunk: int = 1000) -> Iterator[str]:
    """The JSON text of a list of dicts, in pieces that join to json.dumps(list(items), indent=2, default=str)."""
    def bodies() -> Iterator[str]:
        batch: list[str] = []
        for item in items:
            batch.append(_object(item))
            if len(batch) == chunk:
                yield ",\n".join(batch)
                batch = []
        if batch:
            yield ",\n".join(batch)

    return _framed(bodies())


Fix = Callable[[list[str]], list[str]]  # a column's compact-encoded cells -> their text in the indented objects


def rows_json(keys: Sequence[str], chunks: Iterable[Sequence[tuple[Any, ...]]],
              fixes: dict[int, Fix] | None = None) -> Iterator[str]:
    """The JSON text of [dict(zip(keys, row)) for row in chunks], in pieces (one per chunk of rows).

    Every cell must be a scalar (str, number, bool, None; other objects are shown as str(value), as by
    default=str): database rows are. A list or dict in a cell would be laid out compact.

    `fixes` turns a column's encoded cells (one list per chunk) into the texts the objects show instead (a stored
    JSON list shown as a list, a stored time in ISO form).
    """
    # Each cell is preceded by its key; a row's first key also closes the row before it.
    labels = [f"\n    {encode_basestring_ascii(k)}: " for k in keys]
    first = "  {" + labels[0] if labels else ""
    between = ["\n  },\n  {" + labels[0], *(f",{label}" for label in labels[1:])] if labels else []
    width, fixes = len(keys), fixes or {}

    def body(rows: Sequence[tuple[Any, ...]]) -> str:
        cells = _COMPACT.encode(rows)[2:-2].replace("]" + SEP + "[", SEP).split(SEP)
        if width == 0 or len(cells) != width * len(rows):  # a nested value, or no columns: the slow way
            return ",\n".join(_object(dict(zip(keys, row, strict=True))) for row in rows)
        for column, fix in fixes.items():
            cells[column::width] = fix(cells[column::width])
        text = between * len(rows)
        text[0] = first
        spliced = [""] * (2 * len(cells))
        spliced[0::2], spliced[1::2] = text, cells
        return "".join(spliced) + "\n  }"

    return _framed(body(rows) for rows in chunks if rows)


def nested_fix(depth: int, parse: Callable[[Any], Any]) -> Fix:
    """A fix showing each stored text as the value `parse(text)` at `depth`, computed once per distinct cell."""
    seen: dict[str, str] = {}

    def fix(cells: list[str]) -> list[str]:
        for cell in set(cells).difference(seen):
            seen[cell] = indented(parse(json.loads(cell)), depth)
        return list(map(seen.__getitem__, cells))

    return fix
