"""Training the type model: generated documents plus clerks' examples, leave-template-out calibration.

Cross-validation holds out whole templates (every fold trains without one of each type's generated
templates), so the accuracy it reports and the temperature it fits describe documents worded unlike the
training ones, which is what a new sender's fax is.
"""

from __future__ import annotations

import logging
import random
import time
import zlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import numpy as np
from scipy.optimize import minimize_scalar
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion
from threadpoolctl import threadpool_limits

from pipeline.classify.augment import ocr_damage
from pipeline.classify.dataset import (
    CUE_WEIGHT,
    DEFAULT_TEMPERATURE,
    Example,
    ExampleSource,
    TrainReport,
    example_of,
)
from pipeline.classify.model import TypeModel, combine, cue_vector, normalize, softmax
from pipeline.records import DocType

if TYPE_CHECKING:
    from pipeline.synth.documents import SynthDoc

log = logging.getLogger(__name__)

GENERATED_DOCUMENTS = 1100  # about 100 per type: enough for the vocabulary, ~5 s to train on 2 cores
GENERATED_SEED = 20261
GENERATED_ROSTER = 200
LINEAR_C = 10.0
# Each type weighs the same in the fit, however rare in the inbox mix: measured by leave-template-out
# cross-validation, the rarest type ('other') rose from 82% to 88% and overall from 95.8% to 96.1%.
CLASS_WEIGHT: str | None = "balanced"
CV_FOLDS = 3
AUGMENTED_SHARE = 0.5  # generated documents also learned from as a degraded fax's OCR would read them


class _TemplateSpy(random.Random):
    """A seeded Random that remembers the last template function the generator chose (for CV groups)."""

    template = ""

    def choice(self, seq):  # type: ignore[no-untyped-def]
        item = super().choice(seq)
        if callable(item):
            self.template = getattr(item, "__name__", "")
        return item


def generated_documents(n: int = GENERATED_DOCUMENTS, seed: int = GENERATED_SEED,
                        family: str = "train") -> list[tuple[SynthDoc, str]]:
    """`n` generated documents in the inbox's type mix (15% with a fax cover sheet), each with its template."""
    from pipeline.synth.documents import TYPE_WEIGHTS, make_document
    from pipeline.synth.identities import make_roster

    roster = make_roster(GENERATED_ROSTER, seed=seed)
    rng = _TemplateSpy(seed)
    types, weights = list(TYPE_WEIGHTS), list(TYPE_WEIGHTS.values())
    out = []
    for _ in range(n):
        doc_type = rng.choices(types, weights)[0]
        patient = None if doc_type is DocType.other and rng.random() < 0.7 else rng.choice(roster)
        doc = make_document(patient, doc_type, rng, family, cover=rng.random() < 0.15)
        out.append((doc, rng.template or doc_type.value))
    return out


def generated_examples(n: int = GENERATED_DOCUMENTS, seed: int = GENERATED_SEED,
                       family: str = "train", augment: float = AUGMENTED_SHARE) -> list[Example]:
    """Training examples from `generated_documents`, grouped by template.

    An `augment` share of the documents is added a second time as a poor OCR pass would read it
    (`augment.ocr_damage`), in the same cross-validation group as the clean copy.
    """
    examples = []
    for index, (doc, template) in enumerate(generated_documents(n, seed, family)):
        clean = example_of(doc.pages, doc.doc_type, ExampleSource.generated, template)
        examples.append(clean)
        if augment > 0 and zlib.crc32(doc.doc_id.encode()) % 1000 < augment * 1000:
            damaged = ocr_damage(clean.text, seed * 100_003 + index)
            examples.append(replace(clean, text=damaged, augmented=True))
    return examples


def count_examples(examples: Sequence[Example]) -> dict[str, dict[str, int]]:
    """Documents per source and type (damaged copies made for training are not counted)."""
    counts: dict[str, Counter[str]] = {}
    for ex in examples:
        if ex.augmented:
            continue
        counts.setdefault(ex.source, Counter())[ex.doc_type.value] += 1
    return {src: dict(sorted(c.items())) for src, c in counts.items()}


def _vectorizer() -> FeatureUnion:
    return FeatureUnion([
        ("words", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2, dtype=np.float32)),
        ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2,
                                  dtype=np.float32)),
    ])


def _fit_linear(examples: Sequence[Example]) -> tuple[FeatureUnion, LogisticRegression]:
    vectorizer = _vectorizer()
    features = vectorizer.fit_transform([normalize(ex.text) for ex in examples])
    linear = LogisticRegression(C=LINEAR_C, max_iter=3000, class_weight=CLASS_WEIGHT)
    # One BLAS thread: on these 2-core machines the threaded solver ran 2.5x slower (10.8 s against 4.3 s
    # on the default training set), its threads contending with each other and with the OCR workers.
    with threadpool_limits(1):
        linear.fit(features, [ex.doc_type.value for ex in examples], sample_weight=[ex.weight for ex in examples])
    return vectorizer, linear


def folds(examples: Sequence[Example], k: int = CV_FOLDS) -> list[int]:
    """A fold per example: each type's templates spread over the folds; clerk documents by id hash."""
    templates: dict[DocType, list[str]] = {}
    for ex in examples:
        if ex.source == ExampleSource.generated and ex.group not in templates.setdefault(ex.doc_type, []):
            templates[ex.doc_type].append(ex.group)
    rank = {(t, g): i for t, groups in templates.items() for i, g in enumerate(sorted(groups))}
    return [rank[(ex.doc_type, ex.group)] % k if (ex.doc_type, ex.group) in rank
            else zlib.crc32(ex.group.encode()) % k for ex in examples]


def _out_of_fold(examples: Sequence[Example], k: int, inverse: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Held-out log-probabilities (rows) and the index of each row's example.

    Normally each fold is predicted by a model trained on the others. `inverse` trains on one fold and
    predicts the rest: with one template per type to learn from, the model meets wording as unfamiliar as
    a new sender's, which is what its temperature must be calibrated for.
    """
    fold = np.array(folds(examples, k))
    classes = _classes(examples)
    blocks, rows = [], []
    for f in range(k):
        train_mask = (fold == f) if inverse else (fold != f)
        train = [ex for ex, m in zip(examples, train_mask, strict=True) if m]
        test_idx = np.flatnonzero(~train_mask)
        if not len(test_idx) or len({ex.doc_type for ex in train}) < 2:
            continue
        vectorizer, linear = _fit_linear(train)
        logp = np.full((len(test_idx), len(classes)), np.log(1e-6))
        cols = [classes.index(DocType(c)) for c in linear.classes_]
        logp[:, cols] = linear.predict_log_proba(vectorizer.transform([normalize(examples[int(i)].text) for i in test_idx]))
        blocks.append(logp)
        rows.append(test_idx)
    if not blocks:
        return np.zeros((0, len(classes))), np.zeros(0, dtype=int)
    return np.vstack(blocks), np.concatenate(rows)


def _classes(examples: Sequence[Example]) -> list[DocType]:
    return sorted({ex.doc_type for ex in examples}, key=lambda t: t.value)


def _nll(probs: np.ndarray, truth: np.ndarray) -> float:
    return float(-np.mean(np.log(np.clip(probs[np.arange(len(truth)), truth], 1e-12, 1.0))))


def fit_temperature(logp: np.ndarray, truth: np.ndarray) -> float:
    """The temperature that minimises the held-out log-loss of the model's own probabilities."""
    if not len(truth):
        return DEFAULT_TEMPERATURE
    res = minimize_scalar(lambda t: _nll(softmax(logp / t), truth), bounds=(0.05, 20.0), method="bounded")
    return round(float(res.x), 4)


def _cross_validate(examples: Sequence[Example], k: int) -> tuple[float | None, dict[str, float], float]:
    """(accuracy of model + cues on held-out templates, the same per type, fitted temperature)."""
    classes = _classes(examples)
    truth = np.array([classes.index(ex.doc_type) for ex in examples])
    logp, rows = _out_of_fold(examples, k, inverse=True)
    temperature = fit_temperature(logp, truth[rows])
    logp, rows = _out_of_fold(examples, k)
    if not len(rows):
        return None, {}, temperature
    cues = np.vstack([cue_vector(examples[i].text, classes) for i in rows])
    pred, true = combine(logp, cues, CUE_WEIGHT, temperature).argmax(axis=1), truth[rows]
    per_type = {c.value: float(np.mean(pred[true == i] == i)) for i, c in enumerate(classes) if (true == i).any()}
    return float(np.mean(pred == true)), per_type, temperature


def fit_model(examples: Sequence[Example], *, cross_validate: bool = True, k: int = CV_FOLDS,
              version: int | None = None) -> tuple[TypeModel, TrainReport]:
    """Train on `examples`; with cross_validate, also measure accuracy and fit the calibration."""
    if len({ex.doc_type for ex in examples}) < 2:
        raise ValueError("training needs examples of at least two document types")
    start = time.monotonic()
    accuracy: float | None = None
    per_type: dict[str, float] = {}
    temperature = DEFAULT_TEMPERATURE
    if cross_validate:
        accuracy, per_type, temperature = _cross_validate(examples, k)
    vectorizer, linear = _fit_linear(examples)
    counts = count_examples(examples)
    model = TypeModel(
        classes=tuple(DocType(c) for c in linear.classes_), vectorizer=vectorizer, linear=linear,
        cue_weight=CUE_WEIGHT, temperature=temperature, version=version,
        trained_at=datetime.now(UTC).replace(microsecond=0).isoformat(), counts=counts,
    )
    report = TrainReport(counts, accuracy, per_type, CUE_WEIGHT, temperature, round(time.monotonic() - start, 2))
    log.info("type model trained on %d examples in %.1f s (cv accuracy %s)", len(examples), report.seconds,
             "not measured" if accuracy is None else f"{accuracy:.3f}")
    return model, report
