"""Two readings of a weak page merged word by word through Tesseract's own word list."""

from __future__ import annotations

import shutil

import pytest
from PIL import Image

from pipeline.cachedir import CACHE_ENV
from pipeline.ocr import lexicon
from pipeline.ocr.options import OcrOptions
from pipeline.ocr.recognize import Prepared, _merged, _Pass
from pipeline.records import PageSource, PageText, Word

VOCABULARY = frozenset({"that", "the", "information", "for", "patient", "is"})


def page(*rows: list[tuple[str, int]]) -> PageText:
    """A reading: each row a line of (word, left) at 30 px per row."""
    words = [Word(t, left, 100 + 30 * n, 12 * len(t), 20, 80.0) for n, row in enumerate(rows) for t, left in row]
    text = "\n".join(" ".join(t for t, _ in row) for row in rows)
    return PageText(1, text, PageSource.ocr, words=tuple(words), mean_confidence=80.0)


def test_a_non_word_takes_the_other_readings_word_in_its_place():
    kept = page([("Lhat", 10), ("inlormalion", 70), ("is", 220)], [("Lor", 10), ("the", 60), ("patient", 110)])
    other = page([("that", 10), ("information", 70), ("ls", 220)], [("for", 10), ("tho", 60), ("patient", 110)])
    merged = lexicon.merge_words(kept, other, VOCABULARY)
    assert merged.text == "that information is\nfor the patient"
    assert [w.text for w in merged.words] == ["that", "information", "is", "for", "the", "patient"]


@pytest.mark.parametrize(("mine", "theirs"), [
    ("0044556", "0O44556"),  # digits: identifiers are never rewritten
    ("Hx", "He"),  # too short to judge
    ("Okonkwo", "Okonkwo"),  # both readings agree
    ("Wrilch", "Welch"),  # the other's word is not in the list either
])
def test_what_is_left_as_read(mine, theirs):
    kept, other = page([(mine, 10)]), page([(theirs, 10)])
    assert lexicon.merge_words(kept, other, VOCABULARY | {"okonkwo"}) == kept


def test_a_word_with_two_words_of_the_other_reading_over_it_is_left_alone():
    kept = page([("thatthe", 10)])
    other = page([("that", 10), ("the", 50)])
    assert lexicon.merge_words(kept, other, VOCABULARY) == kept


def test_readings_of_different_geometry_are_not_merged(monkeypatch):
    monkeypatch.setattr(lexicon, "words", lambda language: VOCABULARY)
    image = Image.new("L", (400, 300), 255)

    def reading(text_page: PageText, size: tuple[int, int]) -> _Pass:
        return _Pass(text_page, None, Prepared(image.resize(size), 204.0, 0, 0.0, clear=True, bilevel=True))

    kept, spare = page([("Lhat", 10)]), page([("that", 10)])
    assert _merged(reading(kept, (400, 300)), reading(spare, (400, 300)), OcrOptions()).page.text == "that"
    assert _merged(reading(kept, (400, 300)), reading(spare, (401, 300)), OcrOptions()).page.text == "Lhat"


@pytest.mark.skipif(not (shutil.which("combine_tessdata") and shutil.which("dawg2wordlist")),
                    reason="the tesseract-ocr package's combine_tessdata and dawg2wordlist are not installed")
def test_the_word_list_comes_from_the_installed_language_data(tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    lexicon.words.cache_clear()
    try:
        found = lexicon.words("eng")
        assert found is not None and {"patient", "information", "that"} <= found and "lhat" not in found
        assert list(tmp_path.glob("tesseract-words-eng-*.txt"))  # unpacked once, then read from the cache
        assert lexicon.words("xx") is None  # no such language data: nothing to merge with
    finally:
        lexicon.words.cache_clear()
