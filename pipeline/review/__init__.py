"""The review queue: list, show, claim and decide the documents docintake was not sure enough to file.

A library first (the `docintake review ...` commands are a thin layer over it):

    list_queue(store, reason=None, older_than=None) -> list[QueueItem]
    show_item(store, doc_id, user=None) -> ItemEvidence
    claim(store, doc_id, user, ttl) / release(store, doc_id, user)
    assign(store, doc_id, mrn, user, doc_type=None, note="", expected_version=None) -> Decision
    retype(store, doc_id, doc_type, user, expected_version=None) -> Decision
    reject(store, doc_id, reason, user, expected_version=None) -> Decision
    undo(store, user, doc_id=None) -> Decision
    review_stats(store, days=14) -> ReviewStats
    ReviewLoop(store, user, terminal).run() -> LoopSummary

The names below are imported from their modules on first use (PEP 562), so that `review list` does not
load the decisions' export machinery, nor `pipeline.review.queue` its siblings.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pipeline.review.claims import claim, release
    from pipeline.review.decisions import Decision, assign, reject, retype, undo
    from pipeline.review.evidence import ItemEvidence, show_item
    from pipeline.review.learning import ConfirmedType, confirmed_types
    from pipeline.review.loop import LoopSummary, ReviewLoop, Terminal
    from pipeline.review.queue import (
        DecisionAction,
        QueueItem,
        ReviewReason,
        list_queue,
        parse_duration,
        parse_reason,
    )
    from pipeline.review.stats import ReviewStats, review_stats

_HOMES = {
    "claim": "claims", "release": "claims",
    "Decision": "decisions", "assign": "decisions", "reject": "decisions", "retype": "decisions", "undo": "decisions",
    "ItemEvidence": "evidence", "show_item": "evidence",
    "ConfirmedType": "learning", "confirmed_types": "learning",
    "LoopSummary": "loop", "ReviewLoop": "loop", "Terminal": "loop",
    "DecisionAction": "queue", "QueueItem": "queue", "ReviewReason": "queue", "list_queue": "queue",
    "parse_duration": "queue", "parse_reason": "queue",
    "ReviewStats": "stats", "review_stats": "stats",
}


def __getattr__(name: str) -> Any:
    """A public name of the review library, from the module that defines it (imported on first use)."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{home}"), name)


__all__ = [
    "ConfirmedType", "Decision", "DecisionAction", "ItemEvidence", "LoopSummary", "QueueItem", "ReviewLoop",
    "ReviewReason", "ReviewStats", "Terminal", "assign", "claim", "confirmed_types", "list_queue",
    "parse_duration", "parse_reason", "reject", "release", "retype", "review_stats", "show_item", "undo",
]
