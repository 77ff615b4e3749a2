"""The learned document-type model: TF-IDF word and character n-grams, a linear model, cues, calibration.

A document's score for each type is the model's log-probability divided by `temperature` plus `cue_weight`
times the (capped) cue score of `rules`; a softmax turns the scores into probabilities. The temperature is
fitted on templates the model did not see, so the model's share is calibrated for unfamiliar wording; cue
weights are log-odds set from domain knowledge, so a strong heading moves the decision without overriding
what the text as a whole says.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse

from pipeline.classify.rules import body_text, cue_scores, is_cover_page, matched_cues
from pipeline.records import DocType, PageText, TypeResult

log = logging.getLogger(__name__)

CUE_CAP = 8.0  # one document's cue score for a type counts up to this much (a long form hits many cues)
_DIGITS = re.compile(r"\d")
_BLANKS = re.compile(r"[ \t]+")


def normalize(text: str) -> str:
    """What the vectorisers see: lower case, every digit a 0 (dates and values differ, shapes remain)."""
    return _BLANKS.sub(" ", _DIGITS.sub("0", text.lower()))


def cue_vector(text: str, classes: Sequence[DocType]) -> np.ndarray:
    """Capped cue scores of `text`, one per class, in the model's class order."""
    scores = cue_scores(text)
    return np.array([min(scores.get(t, 0.0), CUE_CAP) for t in classes])


def softmax(z: np.ndarray) -> np.ndarray:
    """Row-wise softmax, numerically stable."""
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


@dataclass(frozen=True, eq=False)
class TypeModel:
    """A trained classifier with its calibration; picklable, loaded once per process."""

    classes: tuple[DocType, ...]
    vectorizer: object  # sklearn FeatureUnion of TF-IDF vectorisers
    linear: object  # sklearn LogisticRegression
    cue_weight: float
    temperature: float
    version: int | None = None  # the store's model version; None for the in-process default
    trained_at: str = ""
    counts: dict[str, dict[str, int]] = field(default_factory=dict)  # source -> type -> examples

    def log_proba(self, texts: Sequence[str]) -> np.ndarray:
        """The linear model's log-probabilities for body texts (rows) per class (columns)."""
        docs = [normalize(t) for t in texts]
        # The union's parts are called directly: its parallel dispatch costs more than a document's work.
        parts = [vec.transform(docs) for _, vec in self.vectorizer.transformer_list]  # type: ignore[attr-defined]
        return self.linear.predict_log_proba(sparse.hstack(parts, format="csr"))  # type: ignore[attr-defined]

    def probabilities(self, texts: Sequence[str]) -> np.ndarray:
        """Calibrated probabilities of model and cues together, one row per text."""
        cues = np.vstack([cue_vector(t, self.classes) for t in texts])
        return combine(self.log_proba(texts), cues, self.cue_weight, self.temperature)

    def classify(self, pages: Sequence[PageText]) -> TypeResult:
        """The most probable type of a document, with its probability and the cues behind it."""
        text, skipped = body_text(pages)
        if not text.strip():
            return TypeResult(DocType.other, 0.0, ("no text",), skipped)
        probs = self.probabilities([text])[0]
        best = int(np.argmax(probs))
        doc_type, confidence = self.classes[best], float(probs[best])
        cues = (f"model: {confidence:.2f}", *matched_cues(text, doc_type))
        if skipped == len(pages) - 1 and is_cover_page(pages[-1].text):
            # Nothing but a cover sheet: whatever it says, a clerk has to look.
            return TypeResult(doc_type, min(confidence, COVER_ONLY_CONFIDENCE), ("only a fax cover sheet", *cues), skipped)
        return TypeResult(doc_type, round(confidence, 4), cues, skipped)


COVER_ONLY_CONFIDENCE = 0.2


def combine(log_proba: np.ndarray, cues: np.ndarray, cue_weight: float, temperature: float) -> np.ndarray:
    """Probabilities from model log-probabilities and cue scores: softmax(log p / T + w * cues)."""
    return softmax(log_proba / temperature + cue_weight * cues)
