"""The learned type model: accuracy on unseen documents, calibration, cues that combine, loading once."""

from __future__ import annotations

import logging
import pickle
from pathlib import Path

import joblib
import numpy as np
import pytest

from pipeline.classify import ClassifierOptions, classify_pages, registry
from pipeline.classify.augment import ocr_damage
from pipeline.classify.dataset import ExampleSource, pages_of
from pipeline.classify.model import COVER_ONLY_CONFIDENCE, TypeModel
from pipeline.classify.registry import default_model, load_model
from pipeline.classify.training import (
    count_examples,
    example_of,
    fit_model,
    folds,
    generated_documents,
    generated_examples,
)
from pipeline.config import Config
from pipeline.ocr import OcrOptions
from pipeline.orchestrator import AnalyzeOptions
from pipeline.records import DocType
from tests.test_classify_rules import COVER, LABS


@pytest.fixture(scope="module")
def model() -> TypeModel:
    return default_model()  # trained once per process on generated 'train'-family documents


def _accuracy(model: TypeModel, docs: list) -> tuple[float, np.ndarray, np.ndarray]:
    texts = [example_of(d.pages, d.doc_type, ExampleSource.generated, t).text for d, t in docs]
    probs = model.probabilities(texts)
    ok = np.array([model.classes[i] is d.doc_type for i, (d, _) in zip(probs.argmax(axis=1), docs, strict=True)])
    return float(ok.mean()), ok, probs.max(axis=1)


def test_unseen_documents_of_the_training_templates_are_classified_right(model: TypeModel) -> None:
    acc, _, _ = _accuracy(model, generated_documents(220, seed=4242, family="train"))
    assert acc >= 0.98


def test_holdout_family_confidence_separates_right_from_wrong(model: TypeModel) -> None:
    # Templates never seen in training, read as a poor fax's OCR would return them: enough errors to
    # check that the confidence tells right from wrong (bench/classify.py measures accuracy in full).
    docs = generated_documents(440, seed=4343, family="holdout")
    texts = [ocr_damage(example_of(d.pages, d.doc_type, ExampleSource.generated, t).text, i, strength=2)
             for i, (d, t) in enumerate(docs)]
    probs = model.probabilities(texts)
    ok = np.array([model.classes[i] is d.doc_type for i, (d, _) in zip(probs.argmax(axis=1), docs, strict=True)])
    conf = probs.max(axis=1)
    assert ok.mean() >= 0.9 and (~ok).sum() >= 5
    sure = conf >= Config().type_threshold
    assert ok[sure].mean() >= 0.97 and ok[sure].mean() > ok.mean()  # what passes the threshold is right more often
    assert (~ok & ~sure).sum() >= 0.5 * (~ok).sum()  # at least half the wrong ones go to review
    assert conf[~ok].mean() < conf[ok].mean() - 0.2  # the wrong ones are the unsure ones


def test_probabilities_are_a_distribution(model: TypeModel) -> None:
    probs = model.probabilities(["LABORATORY REPORT\n" + LABS, "Thank you for this consultation."])
    assert probs.shape == (2, len(DocType))
    assert np.allclose(probs.sum(axis=1), 1.0) and (probs >= 0).all()


def test_a_document_after_a_cover_sheet_is_typed_by_its_content(model: TypeModel) -> None:
    result = model.classify(pages_of([COVER, "LABORATORY REPORT - FINAL\nSpecimen: Serum\n" + LABS]))
    assert result.doc_type is DocType.lab_result
    assert result.cover_pages == 1 and result.confidence >= 0.9
    assert result.cues[0].startswith("model: ") and any("reference" in c or "table" in c for c in result.cues)


def test_a_cover_sheet_alone_goes_to_review(model: TypeModel) -> None:
    result = model.classify(pages_of([COVER]))
    assert result.confidence <= COVER_ONLY_CONFIDENCE < Config().type_threshold
    assert "only a fax cover sheet" in result.cues


def test_no_text_is_other_with_no_confidence(model: TypeModel) -> None:
    result = model.classify(pages_of(["   \n", ""]))
    assert result.doc_type is DocType.other and result.confidence == 0.0


def test_a_cue_in_passing_does_not_override_the_document(model: TypeModel) -> None:
    doc, _ = next((d, t) for d, t in generated_documents(60, seed=77) if d.doc_type is DocType.lab_result)
    text = doc.pages[-1] + "\ncc: hospital course, discharge summary file\n"
    result = model.classify(pages_of([*doc.pages[:-1], text]))
    assert result.doc_type is DocType.lab_result


def test_strong_cues_decide_where_the_wording_is_new(model: TypeModel) -> None:
    # None of this wording is in the training templates; the headings are the standard ones.
    text = ("Good Shepherd Hospital\nINPATIENT DISCHARGE SUMMARY\nDate of admission: 3/1/2026\n"
            "Hospital course: uneventful recovery on the ward.\nDischarge medications: as before.\n")
    assert model.classify(pages_of([text])).doc_type is DocType.discharge_summary


@pytest.mark.parametrize("suffix", [registry.MODEL_SUFFIX, ".joblib"])  # a model file now, and an older store's
def test_classify_pages_loads_the_named_model_once(tmp_path: Path, model: TypeModel, suffix: str) -> None:
    path = tmp_path / f"m{suffix}"
    if suffix == ".joblib":
        joblib.dump(model, path)
    else:
        path.write_bytes(registry.model_bytes(model))
    options = ClassifierOptions(str(path), 7)
    result = classify_pages(pages_of(["LABORATORY REPORT\n" + LABS]), options)
    assert result.doc_type is DocType.lab_result
    assert load_model(str(path), 7) is load_model(str(path), 7)  # cached per process by path and version


@pytest.mark.parametrize("suffix", [registry.MODEL_SUFFIX, ".joblib"])
def test_a_damaged_model_file_falls_back_to_the_default(tmp_path: Path, caplog: pytest.LogCaptureFixture,
                                                         suffix: str) -> None:
    path = tmp_path / f"broken{suffix}"
    path.write_bytes(b"not a model")
    with caplog.at_level(logging.WARNING):
        assert load_model(str(path), 99) is default_model()
    assert "cannot load type model version 99" in caplog.text


def test_worker_options_are_small_and_picklable() -> None:
    options = AnalyzeOptions(ocr=OcrOptions(), classify=ClassifierOptions("/store/models/doctype-v0003.joblib", 3))
    data = pickle.dumps(options)
    assert pickle.loads(data) == options and len(data) < 1000  # a path and a version, never the model
    assert AnalyzeOptions(ocr=OcrOptions()).classify == ClassifierOptions()


def test_cross_validation_holds_out_whole_templates() -> None:
    examples = generated_examples(220, seed=3)
    fold = folds(examples)
    by_template: dict[tuple, set[int]] = {}
    for ex, f in zip(examples, fold, strict=True):
        by_template.setdefault((ex.doc_type, ex.group), set()).add(f)
    assert all(len(f) == 1 for f in by_template.values())  # a template never straddles folds
    for t in DocType:  # every type keeps training templates in every fold
        assert len({f for (dt, _), fs in by_template.items() if dt is t for f in fs}) > 1


def test_fit_model_reports_cross_validated_accuracy_and_a_temperature() -> None:
    examples = generated_examples(220, seed=5)
    model, report = fit_model(examples, cross_validate=True)
    assert report.cv_accuracy is not None and report.cv_accuracy > 0.8
    assert set(report.cv_per_type) == {t.value for t in DocType}
    assert 0.05 <= report.temperature <= 20 and model.temperature == report.temperature
    assert sum(report.counts[ExampleSource.generated].values()) == 220


def test_training_needs_two_types() -> None:
    examples = [ex for ex in generated_examples(60, seed=6) if ex.doc_type is DocType.lab_result]
    with pytest.raises(ValueError, match="two document types"):
        fit_model(examples)


def test_ocr_damage_is_deterministic_and_mild() -> None:
    text = "\n".join(["DISCHARGE SUMMARY", "The patient was admitted for management of chest pain."] * 20)
    damaged = ocr_damage(text, "doc-1")
    assert damaged == ocr_damage(text, "doc-1") and damaged != text
    assert ocr_damage(text, "doc-1", strength=0) == text
    kept = set(text.split()) & set(damaged.split())
    assert len(kept) >= 0.6 * len(set(text.split()))  # damaged, still mostly readable
    assert damaged.count("\n") < text.count("\n") or damaged.split() != text.split()


def test_augmented_copies_share_the_template_fold_and_are_not_counted() -> None:
    examples = generated_examples(120, seed=7)
    copies = [ex for ex in examples if ex.augmented]
    assert 0.3 * 120 <= len(copies) <= 0.7 * 120
    by_template: dict[tuple, set[int]] = {}
    for ex, f in zip(examples, folds(examples), strict=True):
        by_template.setdefault((ex.doc_type, ex.group), set()).add(f)
    assert all(len(f) == 1 for f in by_template.values())  # a damaged copy never lands in another fold
    assert sum(count_examples(examples)[ExampleSource.generated].values()) == 120
    assert generated_examples(120, seed=7, augment=0) == [ex for ex in examples if not ex.augmented]


def test_default_model_is_cached_on_disk_and_retrained_when_damaged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from pipeline.classify import registry, training

    small = generated_examples(120, seed=8, augment=0)
    monkeypatch.setenv(registry.CACHE_ENV, str(tmp_path / "cache"))
    monkeypatch.setattr(training, "generated_examples", lambda: small)
    registry.default_model.cache_clear()
    try:
        first = registry.default_model()
        (entry,) = (tmp_path / "cache").glob(f"default-model-*{registry.MODEL_SUFFIX}")
        registry.default_model.cache_clear()
        monkeypatch.setattr(training, "fit_model", lambda *a, **k: pytest.fail("retrained despite the cache"))
        assert registry.default_model().trained_at == first.trained_at  # loaded, not trained
        entry.write_bytes(b"not a model")
        registry.default_model.cache_clear()
        monkeypatch.undo()
        monkeypatch.setenv(registry.CACHE_ENV, str(tmp_path / "cache"))
        monkeypatch.setattr(training, "generated_examples", lambda: small)
        with caplog.at_level(logging.WARNING):
            again = registry.default_model()
        assert "unreadable" in caplog.text and isinstance(again, TypeModel)
        assert registry.read_model(entry).trained_at == again.trained_at  # the damaged entry was replaced
    finally:
        registry.default_model.cache_clear()


def test_fast_scoring_is_scikit_learns_arithmetic(model: TypeModel) -> None:
    from pipeline.classify.model import normalize

    docs = generated_documents(40, seed=4545, family="holdout")
    texts = ["\n".join(d.pages) for d, _ in docs] + ["", "x", "lab"]  # and rows with no known feature
    reference = model.linear.predict_log_proba(model.vectorizer.transform([normalize(t) for t in texts]))
    assert np.allclose(model.log_proba(texts), reference, atol=1e-4)
