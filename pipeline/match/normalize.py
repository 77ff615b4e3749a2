"""Field normalisation shared by roster import, text extraction and matching.

Everything here is a pure function on strings, so the roster and the documents are put into the
same form before they are compared.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from functools import lru_cache

import jellyfish

_DROP = re.compile(r"['`.]")
_OTHER = re.compile(r"[^a-z0-9\- ]+")
_SPACES = re.compile(r"\s+")
_NOT_ALNUM = re.compile(r"[^a-z0-9]")
_LONGEST_PLACEHOLDER = 20


def fold(text: str) -> str:
    """Lower-case ASCII letters, digits, spaces and hyphens only (accents and apostrophes dropped)."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = _OTHER.sub(" ", _DROP.sub("", text.lower()))
    return _SPACES.sub(" ", text).strip(" -")


@lru_cache(maxsize=4096)
def _placeholder_key(value: str) -> str:
    return _NOT_ALNUM.sub("", fold(value))


def _is_placeholder(value: str, table: frozenset[str]) -> bool:
    if len(value) > _LONGEST_PLACEHOLDER or (value[:1].isdigit() and value != "0"):
        return False  # a street address or a real value: skip the (uncacheable) folding
    return _placeholder_key(value) in table


# Values that clerks and feeder systems type when they do not know: they must count as missing.
_NAME_PLACEHOLDERS = frozenset(_placeholder_key(v) for v in {
    "unknown", "unk", "unkn", "baby", "baby boy", "baby girl", "babyboy", "babygirl", "boy", "girl",
    "infant", "newborn", "nb", "test", "testpatient", "test patient", "patient", "n/a", "na", "none",
    "null", "nil", "x", "xx", "xxx", "xxxx", "zz", "zzz", "zzzz", "john doe", "jane doe", "fnu",
    "lnu", "nfn", "nln", "no name", "noname", "tbd", "?", "-", "--", ".", "0",
})
_TEXT_PLACEHOLDERS = frozenset(_placeholder_key(v) for v in {
    "unknown", "unk", "n/a", "na", "none", "null", "nil", "x", "xx", "xxx", "test", "tbd", "?", "-",
    "--", ".", "0", "homeless", "no address", "no fixed address", "nfa", "not given", "declined",
})
_DOB_PLACEHOLDERS = frozenset({
    date(1900, 1, 1), date(1901, 1, 1), date(1899, 12, 31), date(1800, 1, 1), date(1753, 1, 1),
    date(1970, 1, 1), date(9999, 12, 31), date(2099, 12, 31), date(1, 1, 1),
})
_EARLIEST_DOB = date(1880, 1, 1)
_PHONE_PLACEHOLDERS = frozenset({"1234567890", "0123456789", "5555555555", "9876543210"})
_ZIP_PLACEHOLDERS = frozenset({"00000", "99999", "11111", "12345"})

# OCR confusions (matching-facts.md), repaired by the kind of field they occur in.
_TO_DIGIT = str.maketrans({
    "O": "0", "o": "0", "Q": "0", "D": "0", "l": "1", "I": "1", "i": "1", "|": "1", "!": "1", "L": "1",
    "Z": "2", "z": "2", "S": "5", "s": "5", "G": "6", "b": "6", "B": "8", "g": "9", "q": "9", "T": "7",
})
_TO_LOWER = str.maketrans({"0": "o", "1": "l", "2": "z", "5": "s", "6": "g", "8": "b", "|": "l", "!": "l"})
_TO_UPPER = str.maketrans({"0": "O", "1": "I", "2": "Z", "5": "S", "6": "G", "8": "B", "|": "I", "!": "I",
                           "l": "I"})

_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "v", "2nd", "3rd"})
_TITLES = frozenset({"mr", "mrs", "ms", "miss", "mstr", "master"})
_PARTICLES = frozenset({"de", "del", "della", "la", "le", "van", "von", "der", "den", "da", "di", "du",
                        "st", "saint", "mac", "dos", "das", "ten", "ter", "al", "el", "bin", "ibn"})


def repair_name(text: str) -> str:
    """Undo OCR digit-for-letter confusions inside a name word (0->O, 1->I/l, 5->S, 8->B, vv->w)."""
    letters = [c for c in text if c.isalpha() and c != "l"]
    if letters and all(c.isupper() for c in letters) and len(letters) > 1:
        text = text.translate(_TO_UPPER)  # "SMlTH", "J0HN": capitals, so l and 1 were an I
    else:
        text = text.translate(_TO_LOWER)
    return text.replace("vv", "w").replace("VV", "W")


def repair_digits(text: str) -> str:
    """Undo OCR letter-for-digit confusions inside a number or a numeric date (O->0, l/I->1, S->5, B->8)."""
    return text.translate(_TO_DIGIT)


def clean_name(value: str) -> str:
    """A roster or document name part, trimmed; "" for placeholders such as UNKNOWN or BABY BOY."""
    value = " ".join((value or "").split())
    return "" if _is_placeholder(value, _NAME_PLACEHOLDERS) else value


def clean_text(value: str) -> str:
    """A free-text field (address, city), trimmed; "" for placeholders."""
    value = " ".join((value or "").split())
    return "" if _is_placeholder(value, _TEXT_PLACEHOLDERS) else value


@lru_cache(maxsize=262144)
def name_key(value: str) -> str:
    """The comparison form of a name part: folded, suffixes and titles removed, no spaces or hyphens."""
    return "".join(name_parts(value))


@lru_cache(maxsize=262144)
def name_parts(value: str) -> tuple[str, ...]:
    """The words of a (possibly hyphenated or double) name, folded, without suffixes and titles."""
    words = fold(value).replace("-", " ").split()
    return tuple(w for w in words if w not in _SUFFIXES and w not in _TITLES)


def is_particle(word: str) -> bool:
    """True for surname particles such as de, van, la that belong to the following surname."""
    return fold(word) in _PARTICLES


def is_suffix(word: str) -> bool:
    """True for generational suffixes (Jr, Sr, III)."""
    return fold(word) in _SUFFIXES


def is_title(word: str) -> bool:
    """True for courtesy titles (Mr, Mrs, Ms)."""
    return fold(word) in _TITLES


@lru_cache(maxsize=65536)
def phonetic_keys(value: str) -> frozenset[str]:
    """Blocking keys for a name: Metaphone and NYSIIS of the whole name and of each part."""
    parts = name_parts(value)
    if not parts:
        return frozenset()
    words = {"".join(parts), *(p for p in parts if p not in _PARTICLES)}
    keys: set[str] = set()
    for w in words:
        if len(w) < 2:
            continue
        keys.add("m:" + jellyfish.metaphone(w))
        keys.add("n:" + jellyfish.nysiis(w)[:6])
    return frozenset(keys)


def clean_phone(value: str) -> str:
    """Ten digits of a US phone number, or "" when absent, malformed or a placeholder."""
    digits = re.sub(r"\D", "", value or "")
    if len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    if len(digits) != 10 or digits in _PHONE_PLACEHOLDERS or len(set(digits)) == 1:
        return ""
    if digits[3:6] == "555" and digits[6:8] == "01":  # 555-01xx is reserved for fiction
        return ""
    return digits


def clean_zip(value: str) -> str:
    """The 5-digit ZIP code, or "" when absent or a placeholder.

    Four digits are taken as a ZIP whose leading zero a spreadsheet dropped ("6130" for 06130), which
    also keeps four-digit postcodes of other countries comparable.
    """
    m = re.match(r"\s*(\d{4,5})(?:-?\d{4})?\s*$", value or "")
    if not m:
        return ""
    code = m.group(1).zfill(5)
    return "" if code in _ZIP_PLACEHOLDERS else code


def clean_sex(value: str) -> str:
    """M, F, O or "" (unknown)."""
    v = fold(value)
    if v in ("m", "male", "man", "boy"):
        return "M"
    if v in ("f", "female", "woman", "girl"):
        return "F"
    if v in ("o", "other", "x", "nonbinary", "non-binary"):
        return "O"
    return ""


def clean_dob(value: date | None, today: date | None = None) -> date | None:
    """A birth date, or None for placeholders (1900-01-01 and the like), pre-1880 or future dates."""
    if value is None or value in _DOB_PLACEHOLDERS or value < _EARLIEST_DOB:
        return None
    if value > (today or date.today()):
        return None
    return value


def mrn_key(value: str) -> str:
    """The comparison form of an MRN: its digits without leading zeros when it has digits, else its letters.

    Rosters and documents print the same MRN as 'MRN0012345', '0012345' or '12345'; only the digits identify.
    """
    text = re.sub(r"[^0-9A-Za-z]", "", value or "").upper()
    digits = re.sub(r"\D", "", text)
    if digits:
        return digits.lstrip("0") or "0"
    return text


def clean_mrn(value: str) -> str:
    """An MRN as given, trimmed; "" for placeholders."""
    value = (value or "").strip()
    return "" if _is_placeholder(value, _TEXT_PLACEHOLDERS) else value
