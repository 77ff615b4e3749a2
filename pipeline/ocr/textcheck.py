"""Cheap judgements about a page's text: is a PDF text layer real, does OCR output look like language?"""

from __future__ import annotations

import re

# Very common English words plus the vocabulary of medical paperwork. Real prose has a large share of
# its tokens in a list like this; OCR of an upside-down page or a junk text layer has almost none.
COMMON_WORDS = frozenset(
    """
    a about after all also am an and any are as at be been before being but by can date day did do does
    for from had has have he her here him his how i if in into is it its may me more most my no not of on
    one or other our out over per please re she should so some such than that the their them then there
    these they this to up us was we were what when which who will with would you your yes new see
    name patient birth dob mrn record records medical report result results lab laboratory test tests
    normal range value values reference high low clinic hospital health care doctor dr md physician
    provider nurse referral referred consult consultation note notes progress history exam examination
    diagnosis plan assessment treatment medication medications dose daily mg ml tablet refill request
    prescription pharmacy insurance claim member policy authorization prior approved denied service
    services discharge admission admitted summary follow visit appointment phone fax address city state
    zip signature signed page pages total sent received attention regarding subject information
    imaging radiology impression findings blood pressure heart rate pain left right patient's
    department office street account number id sex male female age years year month week
    """.split()
)

_TOKEN = re.compile(r"[A-Za-z][A-Za-z']*")
_PRINTABLE = re.compile(r"[A-Za-z0-9\s.,;:!?'\"()\[\]/\\\-–—+%&#*@$=<>_|°]")

MIN_TEXT_LAYER_CHARS = 40  # a text layer shorter than this is a scan's stray characters, not the page
MIN_PRINTABLE_SHARE = 0.85  # below this share of ordinary characters the text layer is mojibake
MIN_WORDLIKE_SHARE = 0.5  # share of letter tokens that look like words (contain a vowel, sane length)
MIN_COMMON_SHARE = 0.08  # share of letter tokens found in COMMON_WORDS


def _wordlike(token: str) -> bool:
    low = token.lower()
    return 1 <= len(low) <= 20 and (len(low) == 1 or any(v in low for v in "aeiouy"))


def common_word_share(text: str) -> float:
    """Share of letter tokens that are common English or medical-paperwork words (0 when there are none)."""
    tokens = [t.lower().strip("'") for t in _TOKEN.findall(text)]
    return sum(t in COMMON_WORDS for t in tokens) / len(tokens) if tokens else 0.0


def text_layer_is_real(text: str) -> bool:
    """Whether a PDF page's text layer carries the page's text (else the page is OCR'd)."""
    stripped = "".join(text.split())
    if len(stripped) < MIN_TEXT_LAYER_CHARS:
        return False
    printable = sum(1 for ch in stripped if _PRINTABLE.match(ch)) / len(stripped)
    if printable < MIN_PRINTABLE_SHARE:
        return False
    tokens = _TOKEN.findall(text)
    if not tokens:
        return False
    wordlike = sum(_wordlike(t) for t in tokens) / len(tokens)
    return wordlike >= MIN_WORDLIKE_SHARE and common_word_share(text) >= MIN_COMMON_SHARE
