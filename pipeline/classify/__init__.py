"""Document classification: what kind of document a file is, with a calibrated probability.

`classify_pages` is the stage function the orchestrator calls in worker processes; it receives only
`ClassifierOptions` (a model path and version) and loads that model once per process.
"""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.classify.codes import DOCUMENT_CODES, DocumentCode, code_for
from pipeline.classify.registry import ClassifierOptions, default_model, load_model
from pipeline.records import PageText, TypeResult

__all__ = ["DOCUMENT_CODES", "ClassifierOptions", "DocumentCode", "classify_pages", "code_for"]


def classify_pages(pages: Sequence[PageText], options: ClassifierOptions | None = None) -> TypeResult:
    """The type of a document from its pages: the store's model when `options` names one, else the default."""
    if options is not None and options.model_path:
        model = load_model(options.model_path, options.version)
    else:
        model = default_model()
    return model.classify(pages)
