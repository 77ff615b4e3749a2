"""Tesseract's own word list, and choosing between two readings of a weak page word by word.

A weak page is read twice (recognize.py). Each reading gets some words right that the other gets wrong:
on a standard fax averaged to 98 rows an inch the cross-bars of t, f and e are gone, and one reading has
"Lhat" where the other has "that". Where the kept reading has a word that is not in the language's word
list and the other reading has, in the same place, exactly one word that is, the other's word is taken.
Digits, short words and words both readings agree on are left alone, so identifiers are never rewritten.

A word that is still not in the list may also be respelled from Tesseract's own alternatives for its
characters (`respell`): "inlormalion", where the recogniser also considered f for the first l, becomes
"information" when that is the only word in the list within two such changes, or clearly the likeliest.

The word list is the one in the installed language data (its LSTM word DAWG), unpacked once with the
`combine_tessdata` and `dawg2wordlist` programs of the tesseract-ocr package and cached on disk. Without
them nothing is merged.
"""

from __future__ import annotations

import hashlib
import itertools
import logging
import os
import re
import subprocess
import tempfile
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from pipeline.cachedir import cache_dir
from pipeline.ocr.tesseract import Box, Letter
from pipeline.records import PageText, Word

log = logging.getLogger(__name__)

MIN_LETTERS = 3  # shorter words are left as read: too many of them are in any word list
_CORE = re.compile(r"^(?P<lead>[^A-Za-z]*)(?P<core>[A-Za-z]+)(?P<tail>[^A-Za-z]*)$")
_TOOL_TIMEOUT = 60.0
# Respelling from the recogniser's alternatives (chosen on tuning seeds 31, 57 and 77, standard faxes):
MAX_CHANGED = 2  # characters replaced at most in one word
MIN_CHOICE = 1.0  # confidence (0-100) an alternative character needs to be considered at all
ALTERNATIVES = 3  # the likeliest this many alternatives of each character
CLEAR_LEAD = 3.0  # the likeliest word in the list must be this many times likelier than the next one
ACRONYM_LETTERS = 5  # a word in capitals this short is left as read: "PDMP" is no misread "POMP"
MAX_RESPELL_LETTERS = 24  # longer runs of letters are noise read as text (and costly to try)


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


def _word_files(language: str) -> list[Path] | None:
    """The unpacked word list of each language in `language` ("eng", "eng+spa"), or None."""
    folder = _tessdata()
    if folder is None:
        return None
    files = []
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
        files.append(cached)
    return files


@lru_cache(maxsize=8)
def word_lists(language: str) -> tuple[frozenset[str], frozenset[str]] | None:
    """Tesseract's word lists for `language` ("eng", "eng+spa"), read once: every word lower-cased, and the
    words the lists hold in lower case ("information", not "Horrigan" or "Hartford": proper names only ever
    capitalised); None without them."""
    files = _word_files(language)
    if files is None:
        return None
    every: set[str] = set()
    common: set[str] = set()
    for cached in files:
        try:
            lines = cached.read_text("utf-8", "replace").splitlines()
        except OSError:
            return None
        for line in lines:
            word = line.strip()
            low = word.lower()
            every.add(low)
            if word == low:
                common.add(low)
    every.discard("")
    common.discard("")
    return (frozenset(every), frozenset(common)) if every else None


def words(language: str) -> frozenset[str] | None:
    """The lower-case words of Tesseract's word lists for `language`, or None."""
    lists = word_lists(language)
    return lists[0] if lists else None


def common_words(language: str) -> frozenset[str] | None:
    """The words the lists hold in lower case (no proper names), or None."""
    lists = word_lists(language)
    return lists[1] if lists else None


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


def _spellings(text: str, letters: tuple[Letter, ...]) -> list[tuple[float, str]]:
    """Every spelling of `text` with at most MAX_CHANGED of its letters replaced by alternatives, with its
    likelihood relative to `text` (the product of each replacement's confidence over the original's)."""
    m = _CORE.match(text)
    if m is None:
        return []
    options: list[tuple[int, list[tuple[str, float]]]] = []
    first = m.start("core")
    for i in range(first, m.end("core")):
        char, conf, alternatives = letters[i]
        top = max(conf, 1.0)
        usable = sorted(((a, c / top) for a, c in alternatives
                         if c >= MIN_CHOICE and a.isalpha() and a.lower() != char.lower()
                         and (i == first or a.isupper() == char.isupper())),  # "Lhat" -> "that", never "MmU"
                        key=lambda a: -a[1])
        if usable:
            options.append((i, usable[:ALTERNATIVES]))
    found = []
    for count in range(1, MAX_CHANGED + 1):
        for chosen in itertools.combinations(options, count):
            for picks in itertools.product(*(alts for _, alts in chosen)):
                chars = list(text)
                likelihood = 1.0
                for (i, _), (alt, ratio) in zip(chosen, picks, strict=True):
                    chars[i] = alt
                    likelihood *= ratio
                found.append((likelihood, "".join(chars)))
    return found


def respelled_word(text: str, letters: tuple[Letter, ...], lexicon: frozenset[str],
                   common: frozenset[str]) -> str | None:
    """The word `text` becomes from its characters' alternatives, or None to leave it as read.

    Only a word of MIN_LETTERS+ letters (no digits) that is not in `lexicon` is respelled, and only into a
    `common` word (never into a proper name: a misread surname respelled into another family's name could
    match the wrong patient): the one such spelling within MAX_CHANGED replacements, or the likeliest if it
    leads the next by CLEAR_LEAD. Proper names among the spellings count as competitors all the same.
    """
    if not _unknown(text, lexicon) or len(letters) != len(text) or "".join(c for c, _, _ in letters) != text:
        return None
    core = _core(text)
    if (core.isupper() and len(core) <= ACRONYM_LETTERS) or len(core) > MAX_RESPELL_LETTERS:
        return None
    best: dict[str, tuple[float, str]] = {}
    for likelihood, spelling in _spellings(text, letters):
        key = _core(spelling).lower()
        if key in lexicon and likelihood > best.get(key, (0.0, ""))[0]:
            best[key] = (likelihood, spelling)
    ranked = sorted(best.values(), reverse=True)
    if not ranked or (len(ranked) > 1 and ranked[0][0] < CLEAR_LEAD * ranked[1][0]):
        return None
    return ranked[0][1] if _core(ranked[0][1]).lower() in common else None


def respell(page: PageText, letters: dict[Box, tuple[Letter, ...]], lexicon: frozenset[str],
            common: frozenset[str]) -> PageText:
    """`page` with each word not in `lexicon` respelled from its characters' alternatives where one common
    word is clearly meant (`respelled_word`); words whose box has no characters are left alone."""
    chosen: dict[int, Word] = {}
    for k, w in enumerate(page.words):
        found = letters.get((w.left, w.top, w.width, w.height))
        if found and (spelling := respelled_word(w.text, found, lexicon, common)) is not None:
            chosen[k] = replace(w, text=spelling)
    if not chosen:
        return page
    words = tuple(chosen.get(k, w) for k, w in enumerate(page.words))
    return replace(page, words=words, text=_respelled(page.text, page.words, chosen))
