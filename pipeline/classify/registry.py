"""Model versions in the store: a file under <store>/models plus a row in `classifier_models`.

A fresh install has no model: the first run trains one from generated documents (seconds) and saves it.
`docintake classifier train` adds a new version trained on generated documents and clerks' examples.
Worker processes receive only the path and version (`ClassifierOptions`) and load each model once.
"""

from __future__ import annotations

import hashlib
import json
import logging
import pickle
import sys
import zlib
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.cachedir import CACHE_ENV, cache_dir  # noqa: F401  (CACHE_ENV: re-exported)
from pipeline.classify.dataset import ExampleSource, TrainReport
from pipeline.classify.examples import ClassifierModel, clerk_examples, example_counts
from pipeline.classify.model import TypeModel
from pipeline.config import Config
from pipeline.index.files import atomic_write, ensure_dir

if TYPE_CHECKING:
    from pipeline.index.store import Store

log = logging.getLogger(__name__)

MODELS_DIR = "models"
SYSTEM_USER = "docintake"

_TRAINING_SOURCES = ("classify", "synth")  # packages whose code decides what the default model learns


@dataclass(frozen=True)
class ClassifierOptions:
    """Which model the classify stage uses (picklable: a path and a version, never the model)."""

    model_path: str | None = None  # absolute path of the model file; None: the built-in default model
    version: int | None = None

    @classmethod
    def from_config(cls, cfg: Config) -> ClassifierOptions:
        """The store's current model, trained from generated documents first if the store has none."""
        return ensure_model(cfg)


# A model file is the model pickled (C pickle, protocol 5) and zlib-compressed: written and read about ten
# times faster than joblib's pure-Python pickler, and every fresh store writes one. Files of older stores
# (`.joblib`) are still read with joblib.
MODEL_SUFFIX = ".pickle.zlib"


def model_bytes(model: TypeModel) -> bytes:
    """What a model file holds."""
    return zlib.compress(pickle.dumps(model, protocol=5), 3)


def read_model(path: str | Path) -> object:
    """The object in a model file (`.joblib` of older stores, else a compressed pickle); raises if damaged."""
    if str(path).endswith(".joblib"):
        import joblib  # like sklearn, only for a store whose model predates MODEL_SUFFIX

        return joblib.load(path)
    return pickle.loads(zlib.decompress(Path(path).read_bytes()))  # noqa: S301 - the store's own file


def _training_fingerprint() -> str:
    # The default model is a pure function of the generator and training code and the library versions:
    # any change to them gives a new cache entry, never a stale model.
    import sklearn

    digest = hashlib.sha256(f"{sys.version_info[:2]} sklearn {sklearn.__version__} numpy {np.__version__}".encode())
    root = Path(__file__).resolve().parent.parent
    for package in _TRAINING_SOURCES:
        for source in sorted((root / package).glob("*.py")):
            digest.update(source.name.encode())
            digest.update(source.read_bytes())
    return digest.hexdigest()[:20]


def _cached_default() -> tuple[Path | None, TypeModel | None]:
    try:
        path = cache_dir() / f"default-model-{_training_fingerprint()}{MODEL_SUFFIX}"
    except OSError as exc:
        log.debug("no model cache: %s", exc)
        return None, None
    if not path.is_file():
        return path, None
    try:
        model = read_model(path)
    except Exception as exc:  # noqa: BLE001 - a damaged cache entry is retrained and replaced
        log.warning("the cached default type model is unreadable (%s: %s); training it again",
                    type(exc).__name__, exc)
        return path, None
    return path, model if isinstance(model, TypeModel) else None


@lru_cache(maxsize=1)
def default_model() -> TypeModel:
    """The model trained on generated documents: what a store without a model uses.

    Training takes seconds, so the result is cached on disk (`cache_dir`), keyed by a fingerprint of
    the training code and library versions; a missing, stale or damaged entry is trained afresh.
    """
    from pipeline.classify.training import fit_model, generated_examples

    path, model = _cached_default()
    if model is not None:
        return model
    model, _ = fit_model(generated_examples(), cross_validate=False)
    if path is not None:
        try:
            ensure_dir(path.parent)
            atomic_write(path, model_bytes(model))
        except OSError as exc:
            log.warning("cannot cache the default type model in %s: %s", path.parent, exc)
    return model


@lru_cache(maxsize=4)
def load_model(path: str, version: int | None) -> TypeModel:
    """The model saved at `path` (cached per process by path and version); the default one if unreadable."""
    try:
        model = read_model(path)
    except Exception as exc:  # noqa: BLE001 - a damaged model file must not fail every document
        log.warning("cannot load type model version %s (%s: %s); using the built-in default model",
                    version, type(exc).__name__, exc)
        return default_model()
    if not isinstance(model, TypeModel):
        log.warning("%s does not hold a type model; using the built-in default model", path)
        return default_model()
    return model


def model_relpath(version: int) -> str:
    """Where a model version's file lives, relative to the store."""
    return f"{MODELS_DIR}/doctype-v{version:04d}{MODEL_SUFFIX}"


def current_model(session: Session, store_root: Path) -> ClassifierModel | None:
    """The newest model version whose file is in the store."""
    for row in session.scalars(select(ClassifierModel).order_by(ClassifierModel.version.desc())):
        if (store_root / row.path).is_file():
            return row
    return None


def save_model(session: Session, store_root: Path, model: TypeModel, report: TrainReport, user: str) -> ClassifierModel:
    """Record a new version and write its file (before the row is committed, as the store's rule says)."""
    row = ClassifierModel(
        trained_at=datetime.now(UTC).replace(microsecond=0), trained_by=user, path="",
        generated_examples=sum(report.counts.get(ExampleSource.generated, {}).values()),
        clerk_examples=sum(report.counts.get(ExampleSource.clerk, {}).values()),
        counts_json=json.dumps(report.counts, sort_keys=True), cv_accuracy=report.cv_accuracy,
        cv_per_type_json=json.dumps(report.cv_per_type, sort_keys=True), temperature=report.temperature,
        cue_weight=report.cue_weight, seconds=report.seconds,
    )
    session.add(row)
    session.flush()  # assigns the version
    row.path = model_relpath(row.version)
    data = model_bytes(replace(model, version=row.version))
    ensure_dir(store_root / MODELS_DIR)
    atomic_write(store_root / row.path, data)
    log.info("type model version %d saved (%d bytes)", row.version, len(data))
    return row


def options_for(row: ClassifierModel, store_root: Path) -> ClassifierOptions:
    """The classify stage's options for a stored model version."""
    return ClassifierOptions(str(store_root / row.path), row.version)


def ensure_model(cfg: Config) -> ClassifierOptions:
    """Options naming the store's current model; on first use, save the default model as version 1."""
    from pipeline.index.db import Database

    db = Database(cfg.effective_database_url)
    try:
        with db.read() as s:
            row = current_model(s, cfg.store_path)
        if row is not None:
            return options_for(row, cfg.store_path)
        log.info("no document-type model in the store yet: training one from generated documents")
        model = default_model()
        report = TrainReport(model.counts, None, {}, model.cue_weight, model.temperature)
        with db.session() as s:
            row = save_model(s, cfg.store_path, model, report, SYSTEM_USER)
        return options_for(row, cfg.store_path)
    finally:
        db.close()


def train(store: Store, user: str, generated: int | None = None) -> ClassifierModel:
    """Train a new version on generated documents and every clerk example, cross-validated, and save it.

    The examples are read and the new row written in short transactions: training itself holds no lock.
    """
    from pipeline.classify.training import fit_model, generated_examples

    examples = generated_examples() if generated is None else generated_examples(generated)
    with store.db.read() as s:
        examples += clerk_examples(s)
    model, report = fit_model(examples, cross_validate=True)
    with store.db.session() as s:
        return save_model(s, store.root, model, report, user)


def status(session: Session, store_root: Path) -> dict[str, Any]:
    """Clerk examples per type and the current model's version, date, counts and cross-validated accuracy."""
    row = current_model(session, store_root)
    model: dict[str, Any] | None = None
    if row is not None:
        model = {
            "version": row.version, "trained_at": row.trained_at.replace(tzinfo=row.trained_at.tzinfo or UTC).isoformat(),
            "trained_by": row.trained_by, "path": row.path, "generated_examples": row.generated_examples,
            "clerk_examples": row.clerk_examples, "counts": json.loads(row.counts_json or "{}"),
            "cv_accuracy": row.cv_accuracy, "cv_per_type": json.loads(row.cv_per_type_json or "{}"),
            "temperature": row.temperature, "cue_weight": row.cue_weight, "seconds": row.seconds,
        }
    counts = example_counts(session)
    return {"examples": counts, "examples_total": sum(counts.values()), "model": model}
