"""Labels as OCR misreads them: "NOB", "D0B", "Pat1ent Narne", "Date of 8irth" rewritten to their spelling.

A word is rewritten only when it folds to a label word under OCR's confusion classes (0/O, 1/l/I, 5/S,
8/B, rn/m, cl/d, vv/w), or is one edit away from a long label word and is followed by what follows a
label (a colon, a wide gap, a number). A short label ("DOB") one edit away also needs a date after it, so
ordinary words do not become labels.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from pipeline.match.dates import find_dates

__all__ = ["fold_ocr", "repair_line", "repair_words"]

# The words labels are made of, spelled as they should be.
_VOCAB = (
    "patient", "name", "date", "birth", "birthdate", "dob", "medical", "record", "number", "mrn", "account",
    "member", "phone", "telephone", "address", "city", "zip", "postcode", "first", "last", "middle", "chart",
    "home", "street", "provider", "physician", "prescriber", "referring", "ordering", "pharmacy", "signed",
    "surname", "given", "mobile", "of",
)
# Real words and other dates' abbreviations one edit away from a short label: never read as that label
# (DOI date of injury, DOD of death, DOA of admission, DOE a surname; MRI and MRS before a date or number).
_NOT_LABELS = frozenset({"dos", "doc", "dot", "don", "job", "bob", "rob", "dog", "sob", "mob", "do", "db",
                         "doi", "dod", "doa", "doe", "mri", "mrs", "mra"})
_SHORT_FUZZY = ("dob", "mrn")  # short labels accepted one edit away, when their value's shape follows
_CONFUSED = str.maketrans({"0": "o", "1": "i", "l": "i", "|": "i", "!": "i", "5": "s", "8": "b", "6": "g",
                           "2": "z"})
_CORE = re.compile(r"^(?P<lead>[^A-Za-z0-9|!]*)(?P<core>[A-Za-z0-9|!]+)(?P<tail>[^A-Za-z0-9|!]*)$")
_TOKEN = re.compile(r"\S+")
_SEPARATOR = re.compile(r"^[:;#]")


def fold_ocr(text: str) -> str:
    """A word in OCR-confusion classes: lower case, rn->m, cl->d, vv->w, 0->o, 1/l/|->i, 5->s, 8->b."""
    text = text.lower().replace("rn", "m").replace("cl", "d").replace("vv", "w")
    return text.translate(_CONFUSED)


_FOLDED = {fold_ocr(w): w for w in _VOCAB}


@lru_cache(maxsize=8192)
def _reading(core: str) -> tuple[str, bool]:
    """(label word, needs context) for one word, or ("", False) when it is no label word."""
    low = core.lower()
    if low in _VOCAB or low[:-1] in _VOCAB or low[:-2] in _VOCAB:
        return "", False  # already spelled right ("Records", "Dates" too): nothing to rewrite
    folded = fold_ocr(core)
    if folded in _FOLDED:
        return _FOLDED[folded], folded in _SHORT_FUZZY and not any(c.isdigit() for c in core)
    if len(folded) >= 5 and not core[:1].islower():  # labels are capitalised; running text is not
        for key, word in _FOLDED.items():
            if len(key) >= 5 and Levenshtein.distance(folded, key, score_cutoff=1) <= 1:
                return word, True
    if len(folded) == 4 and core[:1].isupper() and _near_pair(folded):
        return _near_pair(folded), True
    # "boB": a capital after a small letter is no word's case, so even a word of _NOT_LABELS is a misread
    irregular = any(a.islower() and b.isupper() for a, b in zip(core, core[1:], strict=False))
    if len(core) == 3 and (irregular or (core.isupper() and low not in _NOT_LABELS)):
        for key in _SHORT_FUZZY:
            if Levenshtein.distance(folded, key, score_cutoff=1) <= 1:
                return key, True
    return "", False


# Four-letter label words, read one edit away only where another label word stands next to them
# ("LAST NAMF", "DATE 0F BIRTH"): alone, "CAME" or "DATA" are ordinary words.
_PAIRED = ("name", "date", "last")


# Words one letter from NAME: a word in capitals alone on its line is read as the label only if it is none of these.
_NEAR_NAME_WORDS = frozenset({"came", "dame", "fame", "game", "lame", "same", "tame", "nape", "nave", "nate"})
_NAME_BELOW = re.compile(r"^\s*[A-Z][A-Za-z'\-]+,?(?:\s+[A-Z][A-Za-z'.\-]*){1,3}\s*$")


def _lone_name_label(core: str, words: Sequence[str], below: str) -> bool:
    """A misread NAME in capitals standing alone on its line ("NAHE"), over a line that reads as a name:
    a form whose labels stand above their values."""
    return (len(words) == 1 and core.isupper() and core.lower() not in _NEAR_NAME_WORDS
            and _NAME_BELOW.match(below) is not None)


def _name_with_colon(core: str, tail: str) -> bool:
    """A misread Name with its colon ("Nane:", "NAHE:"): capitalised, and no word one letter from it."""
    return tail.startswith(":") and core.lower() not in _NEAR_NAME_WORDS and (core.isupper() or core[1:].islower())


def _near_pair(folded: str) -> str:
    for key in _PAIRED:
        if Levenshtein.distance(folded, key, score_cutoff=1) <= 1:
            return key
    return ""


def _is_label_word(token: str) -> bool:
    m = _CORE.match(token)
    core = m.group("core").lower() if m else ""
    return core in _VOCAB or core in ("of", "no")


def _cased(word: str, like: str) -> str:
    letters = [c for c in like if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) * 2 > len(letters):
        return word.upper()
    return word.capitalize() if like[:1].isupper() or like[:1].isdigit() else word


def _shape_ok(word: str, text: str) -> bool:
    if word == "dob":
        return bool(find_dates(text, compact=True, spaced=True))
    return re.search(r"(?<![A-Za-z0-9])[A-Za-z]{0,3}\d{3}", text) is not None


def _context_ok(word: str, tail: str, after: str, below: str) -> bool:
    """Whether what follows a fuzzily read label word looks like what follows a label."""
    rest = after.lstrip()
    if word in _SHORT_FUZZY:
        # Its value comes before any other label: in "First: DEB  Birthdate: 01/06/1959" the date is the
        # birthdate's, and DEB stays a name.
        upto = LABELS.search(rest)
        near = rest[:upto.start()] if upto else rest
        return _shape_ok(word, tail + near[:30]) or _shape_ok(word, below)
    return bool(_SEPARATOR.match(tail)) or not rest or after.startswith(("  ", "\t")) or rest[:1].isdigit()


_BORDER_MARKS = frozenset("|[{(!lIb1")  # what OCR makes of a box's left rule touching the first letter


def _has_border_prefix(token: str) -> bool:
    """A table's vertical rule read as one more letter before a label ("bD.O.B.", "|MRN", "lPATIENT")."""
    if len(token) < 4 or token[0] not in _BORDER_MARKS or not token[1].isupper():
        return False
    rest = token[1:].rstrip(":;#")
    found = LABELS.match(rest)
    return found is not None and found.end() == len(rest) and found.lastgroup != "stop"


def _is_rec_after_med(before: str, core: str) -> bool:
    """"Rec" misread one letter off ("Ree", "Rcc", "Roc") right after "Med": the MRN label's middle word."""
    return (before.lower().rstrip(".") == "med" and len(core) == 3 and core.lower() != "rec"
            and Levenshtein.distance(fold_ocr(core), "rec", score_cutoff=1) <= 1)


def _is_value_slot(before: str) -> bool:
    """Whether the word before ends a label with its separator ("First:", "Name;"): what follows is a value."""
    return before.endswith((":", ";")) and bool(LABELS.search(before))


def repair_words(words: Sequence[str], afters: Sequence[str], below: str = "") -> list[str]:
    """Each word with a misread label word spelled right.

    `afters[k]` is the text that follows word k on its line, `below` the text of the line under it.
    """
    out = list(words)
    for k, token in enumerate(words):
        if _has_border_prefix(token):
            out[k] = token = token[1:]  # "bD.O.B.", "|MRN": a table's border read into the label
        m = _CORE.match(token)
        if not m or (k and _is_value_slot(out[k - 1])):
            continue
        if k and _is_rec_after_med(out[k - 1], m.group("core")):
            out[k] = m.group("lead") + _cased("rec", m.group("core")) + m.group("tail")  # "Med Ree #"
            continue
        word, needs_context = _reading(m.group("core"))
        if not word or (needs_context and not _context_ok(word, m.group("tail"), afters[k], below)):
            continue
        if word in _PAIRED and len(m.group("core")) == 4 and m.group("core").lower() != word and not (
                (k and _is_label_word(out[k - 1])) or (k + 1 < len(words) and _is_label_word(words[k + 1]))
                or (word == "name" and (_lone_name_label(m.group("core"), words, below)
                                        or _name_with_colon(m.group("core"), m.group("tail"))))):
            continue
        out[k] = m.group("lead") + _cased(word, m.group("core")) + m.group("tail")
    return out


def repair_line(line: str, below: str = "") -> str:
    """The line with misread label words spelled right (spacing kept); `below` is the next line's text."""
    tokens = list(_TOKEN.finditer(line))
    if not tokens:
        return line
    afters = [line[t.end():] for t in tokens]
    repaired = repair_words([t.group(0) for t in tokens], afters, below)
    if all(r == t.group(0) for r, t in zip(repaired, tokens, strict=True)):
        return line
    parts, pos = [], 0
    for token, new in zip(tokens, repaired, strict=True):
        parts.append(line[pos:token.start()] + new)
        pos = token.end()
    return "".join(parts) + line[pos:]


# A format hint in brackets after a name or birth-date label: "(Last, First)", "(MM/DD/YYYY)".
_HINT = r"(?:\s*\((?:last|first|middle|mi|mm|dd|yy|yyyy|m|d)(?:[\s,/.\-]+(?:last|first|middle|mi|mm|dd|yy|yyyy|m|d))*\))?"
# Labels, tried left to right at each position: longer and more specific forms first.
LABELS = re.compile(
    r"""(?ix)
    (?P<name_dob>\b(?:(?:patient'?s?|pt\.?)\s*)?name\s*(?:/|&|and)\s*(?:dob|d\.o\.b\.?|date\s*of\s*birth)(?![a-z]))
  | (?P<dob>(?:\bdob\s*/\s*age(?![a-z])|\bdate\s*of\s*birth|\bbirth\s*date|\bbirthdate|(?<![a-z])[d0ob]\.\s?[o0]{1,2}\.\s?[b8]\.?|\bd[o0]b|\bd\s?/\s?o\s?/\s?b|\bborn|\bbirth(?=\s*[:;])|\bbd(?=\s*:))(?![a-z])<HINT>)
  | (?P<mrn>\b(?:medical\s*record\s*(?:number|num|no\b\.?|\#)?|med\.?\s*rec\.?\s*(?:number|no\b\.?|\#)?
        |medical\s*rec\.?\s*(?:number|no\b\.?|\#)|mrn(?:\s*/\s*acct\.?)?|m\.\s?r\.\s?n\.?|mr\s*\#|mr\s*no\b\.?|mr\s*number|(?:emr|ehr)\s*(?:\#|id|no\b\.?)|hospital\s*(?:\#|no\b\.?|number)
        |record\s*(?:\#|no\b\.?|number)|chart\s*(?:number|num|no\b\.?|\#|id)?|patient\s*(?:id|\#|number|no\b\.?)
        |pt\.?\s*(?:id|\#|no\b\.?)|unit\s*(?:\#|no\b\.?|number)|pid(?=\s*[:\#]))(?![a-z0-9]))
  | (?P<other_id>\b(?:account\s*(?:number|no\b\.?|\#)?|acct\.?\s*(?:number|no\b\.?|\#)?
        |(?:member|subscriber|enrollee)\s*(?:id|\#|number|no\b\.?)|id\s*\#)(?![a-z0-9]))
  | (?P<phone>\b(?:(?:home|cell|mobile|patient|pt\.?|contact|primary)\s*)?(?:phone|telephone|tel|ph|cell|mobile)
        (?:\s*(?:number|no\b\.?|\#))?(?![a-z]))
  | (?P<zip>\b(?:zip\s*code|zip|postal\s*code|post\s*code|postcode)(?![a-z]))
  | (?P<city>\bcity(?:\s*/\s*state(?:\s*/\s*zip)?|\s*,\s*state(?:\s*,\s*zip)?)?(?![a-z]))
  | (?P<address>\b(?:(?:patient|home|mailing|street|pt\.?)\s*)?(?:address|addr\b\.?))
  | (?P<last>\b(?:(?:patient'?s?|pt\.?)\s*)?(?:last\.?\s*name|surname|family\s*name|last(?=\s*[:;]))(?![a-z]))
  | (?P<first>\b(?:(?:patient'?s?|pt\.?)\s*)?(?:first\s*name|given\s*name|forename|first(?=\s*[:;]))(?:\(s\)|s(?=\s*[:;]))?(?![a-z]))
  | (?P<middle>\b(?:middle\s*(?:name|initial)|m\.\s?i\.|mi(?=\s*[:.]))(?![a-z]))
  | (?P<name>\b(?:(?:patient'?s?\s*name|pt\.?\s*name|member\s*name|name)<HINT>|name\s*of\s*patient|patient|member
        |enrollee|claimant|beneficiary|subscriber|insured|client|decedent|customer(?=\s*[:;])|resident(?=\s*[:;])
        |pt(?=\s*(?:[:.;]|$)|\s{2,})|re(?=\s*[:;])|regarding(?=\s*[:;])|in\s+reference\s+to(?=\s*[:;])|ref(?=\s*[:;])|RE(?=\s+[A-Z]|\s{2,}\S)|(?<![^\s])re(?=\s*$))(?![a-z]))
  | (?P<stop>\b(?:physician|provider|doctor|referring|ordering|attending|from|to|cc|attn|sex|gender|age
        |date|dos|fax|visit|admit(?:ted)?|discharged?|collected|received|reported|insurance|ssn|npi
        |signed|facility|clinic|location|room|bed|encounter|service|specimen|order|state)\s*[:\#])
    """.replace("<HINT>", _HINT)
)
# A word right before a label that makes it about someone other than the patient.
OTHER_PERSON = re.compile(
    r"(?i)\b(?:physician|provider|doctor|dr|referring|ordering|attending|facility|practice|clinic|office|"
    r"sender|sending|recipient|contact|company|insurance|plan|pharmacy|lab|laboratory|user|guarantor|"
    r"parent|guardian|mother|mother's|father|father's|emergency|spouse|pcp|employer|staff|nurse|"
    r"hospital|fax|return|billing|remit|caller|requestor|requester|agency)\W*$"
)
# Policy holders may be the patient (a name label of last resort) but their own DOB or phone is theirs.
HOLDER = re.compile(r"(?i)\b(?:subscriber|insured|policy\s*holder)'?s?\W*$")
PATIENT_KINDS = frozenset({"name", "name_dob", "dob", "mrn", "last", "first", "other_id"})  # labels that start the patient block


def label_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, kind) of every label in a line of text, left to right."""
    return [(m.start(), m.end(), m.lastgroup or "") for m in LABELS.finditer(text)]
