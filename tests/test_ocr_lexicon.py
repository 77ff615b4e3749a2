"""Two readings of a weak page merged word by word, and words respelled from the recogniser's own
alternatives, through Tesseract's own word list."""

from __future__ import annotations

import shutil

import pytest
from PIL import Image

from pipeline.cachedir import CACHE_ENV
from pipeline.ocr import lexicon, tesseract
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
    lexicon.word_lists.cache_clear()
    try:
        found, common = lexicon.words("eng"), lexicon.common_words("eng")
        assert found is not None and {"patient", "information", "that"} <= found and "lhat" not in found
        assert common is not None and "information" in common and "horrigan" in found - common  # a surname
        assert list(tmp_path.glob("tesseract-words-eng-*.txt"))  # unpacked once, then read from the cache
        assert lexicon.words("xx") is None  # no such language data: nothing to merge with
    finally:
        lexicon.word_lists.cache_clear()


COMMON = VOCABULARY | {"chat", "pomp", "hmu", "t" + "x" * 29}
NAMES = frozenset({"horrigan"})


def letters(text: str, **alternatives: list[tuple[str, float]]) -> tuple[tesseract.Letter, ...]:
    """`text` read at confidence 95 per character; `p3=[("f", 52.0)]` gives character 3 alternatives."""
    return tuple((c, 95.0, tuple(alternatives.get(f"p{i}", []))) for i, c in enumerate(text))


def test_a_non_word_is_respelled_from_its_characters_alternatives():
    # A standard fax took the cross-bar of the f: the recogniser still considered f there.
    read = letters("inlormalion", p2=[("t", 65.0), ("L", 55.0), ("f", 52.0)], p7=[("t", 12.0)])
    assert lexicon.respelled_word("inlormalion", read, COMMON | NAMES, COMMON) == "information"


def test_two_likely_words_leave_the_word_as_read():
    close = letters("Lhat", p0=[("t", 22.0), ("C", 10.0)])  # "that" or "Chat": not clearly one
    assert lexicon.respelled_word("Lhat", close, COMMON, COMMON) is None
    clear = letters("Lhat", p0=[("t", 40.0), ("C", 10.0)])
    assert lexicon.respelled_word("Lhat", clear, COMMON, COMMON) == "that"


@pytest.mark.parametrize(("text", "read"), [
    ("Herrigon", letters("Herrigon", p1=[("o", 40.0)], p6=[("a", 60.0)])),  # into a surname: never
    ("patient", letters("patient", p0=[("q", 90.0)])),  # a word of the list already
    ("0O44556", letters("0O44556", p1=[("0", 90.0)])),  # digits: identifiers are never respelled
    ("inlormalion", letters("inlormalion", p2=[("f", 0.5)])),  # an alternative the recogniser all but ruled out
    ("inlornalion", letters("inlornalion", p2=[("f", 60.0)], p5=[("m", 60.0)], p7=[("t", 60.0)])),  # 3 changes
    ("PDMP", letters("PDMP", p1=[("O", 60.0)])),  # an acronym, not a misread word
    ("x" * 30, letters("x" * 30, p0=[("t", 60.0)])),  # a run of noise read as letters
    ("HMU", letters("HMU", p1=[("m", 60.0)])),  # a small letter inside a word of capitals
    ("Inlormation", letters("Inlormation", p2=[("F", 60.0)])),  # ... or a capital inside a word
])
def test_what_is_not_respelled(text, read):
    assert lexicon.respelled_word(text, read, COMMON | NAMES, COMMON) is None


def test_respelling_a_page_changes_only_the_words_with_a_clear_spelling():
    reading = page([("Lhat", 10), ("inlormalion", 70), ("is", 220)])
    boxes = {(w.left, w.top, w.width, w.height): w for w in reading.words}
    found = {box: letters(w.text, p0=[("t", 40.0)]) if w.text == "Lhat" else letters(w.text)
             for box, w in boxes.items()}
    respelled = lexicon.respell(reading, found, COMMON, COMMON)
    assert respelled.text == "that inlormalion is"
    assert [w.text for w in respelled.words] == ["that", "inlormalion", "is"]
    assert lexicon.respell(reading, {}, COMMON, COMMON) == reading  # no characters known: as read


HOCR = """<span class='ocr_line' id='line_1_1' title="bbox 10 20 200 44">
 <span class='ocrx_word' id='word_1_1' title='bbox 10 20 58 44; x_wconf 88'>
  <span class='ocrx_cinfo' title='x_bboxes 10 21 20 44; x_conf 98.3'>L</span>
   <span class='ocrx_cinfo' id='lstm_choices_1_1_1'>
    <span class='ocrx_cinfo' id='choice_1_1_1' title='x_confs 91.6'>L</span>
    <span class='ocrx_cinfo' id='choice_1_1_2' title='x_confs 21.7'>t</span></span>
  <span class='ocrx_cinfo' title='x_bboxes 22 21 34 44; x_conf 98.8'>&amp;</span>
 </span>
 <span class='ocrx_word' id='word_1_2' title='bbox 70 20 90 44; x_wconf 93'>
  <span class='ocrx_cinfo' title='x_bboxes 70 21 90 44; x_conf 97.0'>a</span>
 </span>
</span>"""


def test_hocr_characters_and_their_alternatives_are_read_per_word_box():
    assert tesseract.parse_hocr_letters(HOCR) == {
        (10, 20, 48, 24): (("L", 98.3, (("t", 21.7),)), ("&", 98.8, ())),
        (70, 20, 20, 24): (("a", 97.0, ()),),
    }
