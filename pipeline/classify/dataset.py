"""Training data and results: labelled examples, where they came from, what a training run measured.

Kept free of scikit-learn so that recording a clerk's example stays cheap to import.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from pipeline.classify.rules import body_text
from pipeline.records import DocType, PageSource, PageText

CLERK_WEIGHT = 2.0  # a real document a clerk labelled counts as much as two generated ones
# Cue scores are log-odds written from domain knowledge. Held-out generated templates cannot measure their
# weight (in-family the cues are nearly perfect, so a fit would let them override the model), so it is set.
CUE_WEIGHT = 1.0
# Used when a model is built without cross-validation (first use): what `classifier train` fits on the
# generated documents alone, rounded.
DEFAULT_TEMPERATURE = 0.2


class ExampleSource(StrEnum):
    """Where a training example came from."""

    generated = "generated"
    clerk = "clerk"


@dataclass(frozen=True)
class Example:
    """One labelled document for training: its body text (cover sheets skipped) and type."""

    text: str
    doc_type: DocType
    source: ExampleSource
    group: str  # template name (generated) or document id (clerk): what cross-validation keeps together
    weight: float = 1.0
    augmented: bool = False  # a damaged copy of another example (not counted as a document of its own)


@dataclass(frozen=True)
class TrainReport:
    """What one training run used and measured."""

    counts: dict[str, dict[str, int]]  # source -> type -> examples
    cv_accuracy: float | None  # leave-template-out accuracy of model + cues; None when not cross-validated
    cv_per_type: dict[str, float] = field(default_factory=dict)
    cue_weight: float = CUE_WEIGHT
    temperature: float = DEFAULT_TEMPERATURE
    seconds: float = 0.0


def pages_of(texts: Sequence[str]) -> list[PageText]:
    """Page texts as PageText values (for generated documents and stored pages alike)."""
    return [PageText(i + 1, t, PageSource.text_layer) for i, t in enumerate(texts)]


def example_of(pages: Sequence[str], doc_type: DocType, source: ExampleSource, group: str,
               weight: float = 1.0) -> Example:
    """A training example from a document's page texts (leading cover sheets are left out)."""
    text, _ = body_text(pages_of(pages))
    return Example(text, doc_type, source, group, weight)
