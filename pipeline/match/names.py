"""Parsing a person's name as documents print it: "Last, First M", "First M Last", with OCR repair."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.match.normalize import fold, is_particle, is_suffix, is_title, repair_name


@dataclass(frozen=True)
class NameFound:
    """A patient name found in a document or typed in a query."""

    first: str
    middle: str
    last: str
    label: str = ""  # the label it followed (patient name, re, member, ...); "" for queries

    @property
    def display(self) -> str:
        """The name as "First M Last"."""
        return " ".join(p for p in (self.first, self.middle, self.last) if p)


# Words that end a name in running text or in a header: not names themselves.
_NOT_NAME = frozenset("""
a an and are as at by for from in is of on or the to was were with has had have his her he she they this that
date dob sex age male female phone tel fax address mrn id account acct chart dos service report lab results
result referral page pages patient name member re regarding subject physician provider doctor md np pa
rn dds phd facility clinic hospital medical center health care specimen collected received ordered order
test tests information info request records record note notes summary discharge admission visit seen
birth gender insurance policy group number no home cell mobile street city state zip urgent confidential
please see attached follow up unknown none pt dear sincerely thank thanks yes copy to cc attn fwd
follow-up authorization demographic demographics sheet profile immunization immunizations vaccine procedure
nursing skilled transfer hospice portal message adverse determination medication medications rx
certification denial approval appeal letter form consult consultation imaging radiology progress therapy
evaluation exam study benefit benefits claim prescription refill pap hpv
""".split())
# Credentials after a name mean a clinician, not the patient.
_CREDENTIALS = frozenset({"md", "do", "np", "pa", "pac", "rn", "dds", "dmd", "phd", "dpm", "od", "aprn",
                          "fnp", "cnm", "mbbs", "facp", "facc", "dc", "lpn"})
_LEADING_RULE = re.compile(r"^[\s|!\[\]{}.:;]+(?=[A-Za-z])")
_TOKEN = re.compile(r"[A-Za-z0-9|][A-Za-z0-9'’|\-.]*|,")


def _is_name_word(word: str) -> bool:
    if not word or not re.fullmatch(r"[A-Za-z][A-Za-z'’\-]*", word):
        return False
    if fold(word) in _NOT_NAME and len(word) > 1:
        return False
    return word[0].isupper() or is_particle(word)


def _tokens(text: str) -> list[str] | None:
    """Name-like words (and one comma) from the start of `text`; None when a credential marks a clinician."""
    out: list[str] = []
    for m in _TOKEN.finditer(text):
        raw = m.group(0)
        if raw == ",":
            if "," in out or not out:
                break
            out.append(",")
            continue
        word = repair_name(raw).strip(".-'’")
        if len(word) == 1 and not raw[0].isalpha():
            word = word.upper()  # "EMILY 0. FREEMAN": a misread initial
        if fold(word).replace("-", "") in _CREDENTIALS and out and (out[-1] == "," or fold(word) != "do"):
            return None  # "John Smith, MD" is a clinician ("Luis Do" is not: Do is also a surname)
        if not _is_name_word(word):
            break
        out.append(word)
    return out


def parse_name(text: str, label: str = "") -> NameFound | None:
    """A name from the start of `text` in "Last, First M" or "First M Last" form, or None if it is not a name."""
    text = _LEADING_RULE.sub("", text)  # a box's left rule read into the cell ("|.Eric H. Doyle")
    text = re.split(r"\s{3,}|\t|[|;()\[\]<>]", text.strip(), maxsplit=1)[0]
    if re.match(r"\s*(dr\.?|doctor)\b", text, re.I):
        return None
    found = _tokens(text)
    if found is None:
        return None
    tokens = [t for t in found if not is_title(t)]
    while tokens and tokens[-1] == ",":
        tokens.pop()
    tokens = [t for t in tokens if not is_suffix(t)] or tokens
    if "," in tokens:
        i = tokens.index(",")
        return _from_parts(tokens[i + 1:], tokens[:i], label)
    return _first_last(tokens, label)


def _from_parts(given: list[str], family: list[str], label: str) -> NameFound | None:
    given = [g for g in given if g != ","]
    if not given or not family or len(family) > 3 or len(given) > 3:
        return None
    last = " ".join(family)
    if len(last.replace(" ", "")) < 2:
        return None
    return NameFound(given[0], " ".join(given[1:]), last, label)


def _first_last(tokens: list[str], label: str) -> NameFound | None:
    if len(tokens) < 2 or len(tokens) > 5:
        return None
    first, rest = tokens[0], tokens[1:]
    split = len(rest) - 1
    for i, word in enumerate(rest[:-1]):  # "Maria de la Cruz": the first particle starts the surname
        if is_particle(word):
            split = i
            break
    middle, last = rest[:split], rest[split:]
    if len("".join(last)) < 2 or len(middle) > 2:
        return None
    return NameFound(first, " ".join(middle), " ".join(last), label)


def split_query_name(text: str) -> NameFound | None:
    """A typed query name ("Smith, John" or "John Smith"), lenient about case."""
    text = text.strip()
    if not text:
        return None
    titled = " ".join(w[:1].upper() + w[1:] for w in text.split())  # typed: case says nothing
    return parse_name(titled) or _single(titled)


def _single(text: str) -> NameFound | None:
    words = [w for w in re.split(r"[\s,]+", text) if w]
    return NameFound("", "", words[0]) if len(words) == 1 else None


def name_words(text: str, limit: int = 3) -> list[str]:
    """The name words at the start of a split-name field's value ("Hamley", "de la Cruz", "R."), OCR-repaired."""
    text = re.split(r"\s{3,}|\t|[|;()\[\]<>,]", text.strip(), maxsplit=1)[0]
    words = [w for w in (_tokens(text) or []) if w != "," and not is_title(w)]
    words = [w for w in words if not is_suffix(w)] or words
    return words[:limit] if len(words) <= limit else []
