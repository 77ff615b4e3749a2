"""OCR-style damage to generated training text, so the model has seen what a degraded fax reads like.

Generated documents are perfect text; what the classifier gets from a fax is not. The damage mimics what
Tesseract does to a poor page: letter shapes misread (rn for m, 1 for l), words split or run together,
a stray speck read as punctuation, and now and then a whole line lost (a heading or a form row that layout
analysis dropped). Deterministic for a given seed.
"""

from __future__ import annotations

import random
import zlib

from pipeline.synth.corrupt import ocr_confuse

WORD_DAMAGE = 0.06  # share of words misread
SPLIT_OR_JOIN = 0.02  # share of word gaps that are lost, and of words split in two
LINE_LOSS = 0.04  # share of lines dropped whole
SPECK = 0.01  # share of words followed by a speck read as punctuation
_SPECKS = (".", ",", "'", "-", "~", ":")


def ocr_damage(text: str, seed: int | str, strength: float = 1.0) -> str:
    """`text` as a poor OCR pass might return it; `strength` scales every rate (0: unchanged)."""
    if strength <= 0:
        return text
    key = seed if isinstance(seed, int) else zlib.crc32(seed.encode())
    rng = random.Random(key)
    out_lines = []
    for line in text.split("\n"):
        if line.strip() and rng.random() < LINE_LOSS * strength:
            continue
        out_lines.append(_damage_line(line, rng, strength))
    return "\n".join(out_lines)


def _damage_line(line: str, rng: random.Random, strength: float) -> str:
    words = line.split(" ")
    out: list[str] = []
    for word in words:
        if word and rng.random() < WORD_DAMAGE * strength:
            word = ocr_confuse(word, rng)
        if len(word) > 5 and rng.random() < SPLIT_OR_JOIN * strength:
            cut = rng.randrange(2, len(word) - 2)
            word = f"{word[:cut]} {word[cut:]}"
        if word and rng.random() < SPECK * strength:
            word += rng.choice(_SPECKS)
        if out and out[-1] and word and rng.random() < SPLIT_OR_JOIN * strength:
            out[-1] += word  # the gap between two words lost
            continue
        out.append(word)
    return " ".join(out)
