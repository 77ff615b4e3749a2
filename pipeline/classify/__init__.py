"""Document classification: what kind of document a file is."""

from pipeline.classify.rules import classify_by_cues as classify_pages

__all__ = ["classify_pages"]
