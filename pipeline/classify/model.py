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
from typing import Any

import numpy as np
from scipy import sparse
from scipy.special import logsumexp

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
        linear: Any = self.linear
        if len(linear.classes_) < 3:  # a binary model's probabilities are not a softmax: use sklearn's own
            return linear.predict_log_proba(self.features(docs))  # type: ignore[no-any-return]
        # The same arithmetic as the union's transform and predict_log_proba of a multinomial model, without
        # scikit-learn's per-call input validation, which cost more than the document's own work (~2 ms).
        logits = self.features(docs) @ linear.coef_.T.astype(np.float64) + linear.intercept_
        return logits - logsumexp(logits, axis=1, keepdims=True)  # type: ignore[no-any-return]

    def features(self, docs: Sequence[str]) -> sparse.csr_matrix:
        """The TF-IDF rows of normalised texts, word and character parts side by side."""
        parts = [_tfidf(vec, docs) for _, vec in self.vectorizer.transformer_list]  # type: ignore[attr-defined]
        return sparse.hstack(parts, format="csr")

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


def _tfidf(vec: Any, docs: Sequence[str]) -> sparse.csr_matrix:
    """A fitted TfidfVectorizer's transform (sublinear tf, idf, l2 rows) from its counts, validation skipped."""
    # sklearn is imported only to classify: it costs a second at start-up, and most commands never classify
    from sklearn.feature_extraction.text import CountVectorizer

    counts = CountVectorizer.transform(vec, docs)
    x = sparse.csr_matrix(counts, dtype=np.float64)
    if vec.sublinear_tf:
        np.log(x.data, out=x.data)
        x.data += 1.0
    if vec.use_idf:
        x.data *= vec.idf_[x.indices]
    if vec.norm == "l2":
        per_row = np.diff(x.indptr)
        rows = np.repeat(np.arange(x.shape[0]), per_row)
        norms = np.sqrt(np.bincount(rows, weights=x.data**2, minlength=x.shape[0]))
        x.data /= np.repeat(np.where(norms > 0, norms, 1.0), per_row)  # an empty row stays zero
    elif vec.norm is not None:
        raise ValueError(f"unsupported TF-IDF norm {vec.norm!r}")
    return x


def combine(log_proba: np.ndarray, cues: np.ndarray, cue_weight: float, temperature: float) -> np.ndarray:
    """Probabilities from model log-probabilities and cue scores: softmax(log p / T + w * cues)."""
    return softmax(log_proba / temperature + cue_weight * cues)
