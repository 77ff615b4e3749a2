"""Document classification: what kind of document a file is, with a calibrated probability.

`classify_pages` is the stage function the orchestrator calls in worker processes; it receives only
`ClassifierOptions` (a model path and version) and loads that model once per process.

The registry (and with it numpy, and scikit-learn once a model is used) is imported on first use, not with this package:
`pipeline.classify.codes` is read by the exporters and the CLI, which must not pay for the model.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from pipeline.classify.codes import DOCUMENT_CODES, DocumentCode, code_for
from pipeline.records import PageText, TypeResult

if TYPE_CHECKING:
    from pipeline.classify.registry import ClassifierOptions, default_model, load_model  # noqa: F401

__all__ = ["DOCUMENT_CODES", "ClassifierOptions", "DocumentCode", "classify_pages", "code_for"]

_FROM_REGISTRY = ("ClassifierOptions", "default_model", "load_model")


def __getattr__(name: str) -> Any:
    """`ClassifierOptions`, `default_model`, `load_model`: from the registry, imported when first asked for."""
    if name in _FROM_REGISTRY:
        from pipeline.classify import registry

        return getattr(registry, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def classify_pages(pages: Sequence[PageText], options: ClassifierOptions | None = None) -> TypeResult:
    """The type of a document from its pages: the store's model when `options` names one, else the default."""
    from pipeline.classify.registry import default_model, load_model

    if options is not None and options.model_path:
        model = load_model(options.model_path, options.version)
    else:
        model = default_model()
    return model.classify(pages)
