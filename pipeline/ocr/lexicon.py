"""Tesseract's own word list, and choosing between two readings of a weak page word by word.

A weak page is read twice (recognize.py). Each reading gets some words right that the other gets wrong:
on a standard fax averaged to 98 rows an inch the cross-bars of t, f and e are gone, and one reading has
"Lhat" where the other has "that". Where the kept reading has a word that is not in the language's word
list and the other reading has, in the same place, exactly one word that is, the other's word is taken.
Digits, short words and words both readings agree on are left alone, so identifiers are never rewritten.

The word list is the one in the installed language data (its LSTM word DAWG), unpacked once with the
`combine_tessdata` and `dawg2wordlist` programs of the tesseract-ocr package and cached on disk. Without
them nothing is merged.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import subprocess
import tempfile
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from pipeline.cachedir import cache_dir
from pipeline.records import PageText, Word

log = logging.getLogger(__name__)

MIN_LETTERS = 3  # shorter words are left as read: too many of them are in any word list
_CORE = re.compile(r"^(?P<lead>[^A-Za-z]*)(?P<core>[A-Za-z]+)(?P<tail>[^A-Za-z]*)$")
_TOOL_TIMEOUT = 60.0


def _tessdata() -> Path | None:
    try:
        out = subprocess.run(["tesseract", "--list-langs"], capture_output=True, timeout=_TOOL_TIMEOUT, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    m = re.search(r'"([^"]+)"', out.stdout.decode("utf-8", "replace"))
    return Path(m.group(1)) if m else None


def _unpack(traineddata: Path, lang: str, dest: Path) -> bool:
    with tempfile.TemporaryDirectory(prefix="docintake-lexicon-") as tmp:
        prefix = os.path.join(tmp, lang + ".")
        try:
            subprocess.run(["combine_tessdata", "-u", str(traineddata), prefix], capture_output=True,
                           timeout=_TOOL_TIMEOUT, check=True)
            listed = os.path.join(tmp, "words.txt")
            subprocess.run(["dawg2wordlist", prefix + "lstm-unicharset", prefix + "lstm-word-dawg", listed],
                           capture_output=True, timeout=_TOOL_TIMEOUT, check=True)
            dest.parent.mkdir(parents=True, exist_ok=True)
            part = dest.with_suffix(".part")
            Path(listed).replace(part)
            part.replace(dest)
        except (OSError, subprocess.SubprocessError) as exc:
            log.info("no word list for %s (%s): readings are not merged word by word", lang, type(exc).__name__)
            return False
    return True


@lru_cache(maxsize=8)
def words(language: str) -> frozenset[str] | None:
    """The lower-case words of Tesseract's word lists for `language` ("eng", "eng+spa"), or None."""
    folder = _tessdata()
    if folder is None:
        return None
    found: set[str] = set()
    for lang in language.split("+"):
        data = folder / f"{lang}.traineddata"
        try:
            stat = data.stat()
        except OSError:
            return None
        key = hashlib.sha1(f"{data}:{stat.st_size}:{stat.st_mtime_ns}".encode()).hexdigest()[:16]
        cached = cache_dir() / f"tesseract-words-{lang}-{key}.txt"
        if not cached.is_file() and not _unpack(data, lang, cached):
            return None
        try:
            found.update(line.strip().lower() for line in cached.read_text("utf-8", "replace").splitlines())
        except OSError:
            return None
    found.discard("")
    return frozenset(found) if found else None


def _core(text: str) -> str:
    m = _CORE.match(text)
    return m.group("core") if m else ""


def _unknown(text: str, lexicon: frozenset[str]) -> bool:
    core = _core(text)
    return len(core) >= MIN_LETTERS and core.lower() not in lexicon


def _overlaps(a: Word, b: Word) -> bool:
    across = min(a.left + a.width, b.left + b.width) - max(a.left, b.left)
    down = min(a.top + a.height, b.top + b.height) - max(a.top, b.top)
    return across > 0.5 * min(a.width, b.width) and down > 0.5 * min(a.height, b.height)


def merge_words(kept: PageText, other: PageText, lexicon: frozenset[str]) -> PageText:
    """`kept` with each word that is not in `lexicon` replaced by the one word of `other` in its place
    that is (the two readings must be of the same image: same size, turn and skew)."""
    others = [w for w in other.words if not _unknown(w.text, lexicon) and _core(w.text)]
    if not others:
        return kept
    chosen: dict[int, Word] = {}
    for k, w in enumerate(kept.words):
        if not _unknown(w.text, lexicon):
            continue
        beside = [o for o in other.words if _overlaps(w, o)]
        if len(beside) == 1 and beside[0] in others and beside[0].text.lower() != w.text.lower():
            chosen[k] = beside[0]
    if not chosen:
        return kept
    words = tuple(chosen.get(k, w) for k, w in enumerate(kept.words))
    return replace(kept, words=words, text=_respelled(kept.text, kept.words, chosen))


def _respelled(text: str, words: tuple[Word, ...], chosen: dict[int, Word]) -> str:
    """The page text with the chosen words put in (its tokens are the words, in order, joined by spaces)."""
    k, lines = 0, []
    for line in text.split("\n"):
        tokens = line.split(" ") if line else []
        for t, token in enumerate(tokens):
            if k < len(words) and token == words[k].text:
                if k in chosen:
                    tokens[t] = chosen[k].text
                k += 1
        lines.append(" ".join(tokens))
    return "\n".join(lines)
