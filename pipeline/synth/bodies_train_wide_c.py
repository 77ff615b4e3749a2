"""More "train" templates (being written)."""

from __future__ import annotations

from collections.abc import Callable

from pipeline.records import DocType
from pipeline.synth.context import Ctx

TEMPLATES: dict[DocType, tuple[Callable[[Ctx], list[str]], ...]] = {}
