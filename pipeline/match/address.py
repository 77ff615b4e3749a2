"""Street addresses and cities in comparison form, and their comparison levels.

A street line is parsed with `usaddress` (a CRF tagger for US addresses) into house number, street name
and unit, and the street type and direction words are put in their USPS short forms, so "2910 College
Court Apt 4" and "2910 college ct #4" compare equal. Address and city add weight to a match but never count
as an independent identifier: a household shares them.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from rapidfuzz.distance import JaroWinkler

from pipeline.match.normalize import fold

_CLOSE_STREET = 0.90  # Jaro-Winkler for a street name spelled a little differently (Tullaroop / Tularoop)
_CLOSE_CITY = 0.92
# USPS street suffix and directional abbreviations (Publication 28), the common ones.
_SHORT = {
    "street": "st", "str": "st", "road": "rd", "avenue": "ave", "av": "ave", "drive": "dr", "court": "ct",
    "lane": "ln", "boulevard": "blvd", "place": "pl", "circle": "cir", "circuit": "cct", "crescent": "cres",
    "terrace": "ter", "parkway": "pkwy", "highway": "hwy", "square": "sq", "trail": "trl", "way": "way",
    "close": "cl", "grove": "gr", "parade": "pde", "heights": "hts", "point": "pt", "mount": "mt",
    "north": "n", "south": "s", "east": "e", "west": "w", "northeast": "ne", "northwest": "nw",
    "southeast": "se", "southwest": "sw", "saint": "st", "fort": "ft", "apartment": "apt", "suite": "ste",
}
_UNIT_WORDS = re.compile(r"(?i)\b(?:apt|apartment|unit|suite|ste|flat|#|no\.?|room|rm|lot|bldg|building)\b\.?\s*#?\s*")


class AddressKey(NamedTuple):
    """A street line in comparison form."""

    number: str  # house number ("2910", "12b")
    street: str  # street name with direction and type in short forms ("n main st")
    unit: str = ""  # apartment or unit ("4b")
    po_box: str = ""


def _word(token: str) -> str:
    w = fold(token).strip(".,#")
    return _SHORT.get(w, w)


@lru_cache(maxsize=65536)
def address_key(text: str) -> AddressKey | None:
    """The comparison form of a street line, or None when it has no street to compare."""
    text = " ".join((text or "").replace(",", " ").split())
    if not text or not any(c.isalpha() for c in text):
        return None
    parts = _tagged(text)
    if parts.get("USPSBoxID"):
        return AddressKey("", "", "", fold(parts["USPSBoxID"]))
    street = " ".join(_word(w) for key in ("StreetNamePreDirectional", "StreetNamePreType", "StreetName",
                                          "StreetNamePostType", "StreetNamePostDirectional")
                      for w in parts.get(key, "").split())
    if not street:
        return None
    number = re.sub(r"[^0-9a-z]", "", fold(parts.get("AddressNumber", "")))
    unit = re.sub(r"[^0-9a-z]", "", fold(parts.get("OccupancyIdentifier", "")))
    return AddressKey(number, street, unit)


def _tagged(text: str) -> dict[str, str]:
    """usaddress's labels joined per component; a simple number/street/unit split when it cannot tell."""
    import usaddress  # imported on first use: the CRF model takes a moment to load

    try:
        tagged, _ = usaddress.tag(text)
        return dict(tagged)
    except usaddress.RepeatedLabelError:
        return _split(text)


def _split(text: str) -> dict[str, str]:
    m = re.match(r"\s*(\d+[a-zA-Z]?)\s+(.*)", text)
    number, rest = (m.group(1), m.group(2)) if m else ("", text)
    unit = ""
    u = _UNIT_WORDS.search(rest)
    if u:
        unit, rest = rest[u.end():].split(" ")[0], rest[: u.start()]
    return {"AddressNumber": number, "StreetName": rest.strip(), "OccupancyIdentifier": unit}


def compare_address(q: AddressKey | None, r: AddressKey | None) -> tuple[str, str]:
    """(level, detail): agree (same number and street), partial (one of them close), disagree."""
    if q is None or r is None:
        return "missing", ""
    if q.po_box or r.po_box:
        return ("agree", "same PO box") if q.po_box == r.po_box else ("disagree", "different PO box")
    same_street = q.street == r.street or _street_core(q.street) == _street_core(r.street)
    close_street = same_street or JaroWinkler.similarity(q.street, r.street) >= _CLOSE_STREET
    same_number = bool(q.number) and q.number == r.number
    if same_number and same_street:
        if q.unit and r.unit and q.unit != r.unit:
            return "partial", "same building, another unit"
        return "agree", "same street address"
    if same_number and close_street:
        return "partial", "same number, street spelled alike"
    if same_street and (not q.number or not r.number):
        return "partial", "same street, no house number"
    return "disagree", "different"


def _street_core(street: str) -> str:
    """The street name without its type word ("college ct" -> "college"): documents drop or change it."""
    words = street.split()
    return " ".join(words[:-1]) if len(words) > 1 and words[-1] in _SHORT.values() else street


@lru_cache(maxsize=16384)
def city_key(text: str) -> str:
    """A city name in comparison form ("St. Louis" -> "st louis", "Mount Vernon" -> "mt vernon")."""
    return " ".join(_word(w) for w in fold(text or "").replace(".", " ").split())


def compare_city(q: str, r: str) -> tuple[str, str]:
    """(level, detail) for two city keys: agree, partial (close spelling) or disagree."""
    if not q or not r:
        return "missing", ""
    if q == r:
        return "agree", "same"
    if JaroWinkler.similarity(q, r) >= _CLOSE_CITY:
        return "partial", "similar spelling"
    return "disagree", "different"
