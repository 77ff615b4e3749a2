"""A clerk splits a review item into parts (their own ranges, or docintake's proposal), and undoes it.

Each part becomes a document of its own waiting in review (matched and typed on its own pages, so the
clerk sees its own candidates); the fax gets the status `split` and keeps its original. Undo removes the
parts (only while none of them was decided) and puts the fax back in the queue.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.errors import ConflictError, DocintakeError, NotFoundError
from pipeline.index.models import Document, Page
from pipeline.index.parts import PartSpec, page_range, parse_pages
from pipeline.index.store import Store, now
from pipeline.records import MatchResult, PageSource, PageText, Status, TypeResult
from pipeline.review.claims import take_for_decision
from pipeline.review.decisions import Decision, _delivers, _finish, _resolve, _state, claim_ttl
from pipeline.review.queue import DecisionAction

log = logging.getLogger(__name__)

SPLIT_BY_CLERK = "split by a clerk"


def ranges_of(texts: Sequence[str], total: int) -> list[tuple[int, ...]]:
    """Page ranges ('1-2', '3') that together cover pages 1..total once, in order; else a usage error."""
    ranges = [parse_pages(t, total) for t in texts]
    flat = [n for r in ranges for n in r]
    if len(ranges) < 2:
        raise DocintakeError("a split needs at least two parts", hint="for example --pages 1-2 --pages 3")
    if flat != list(range(1, total + 1)):
        raise DocintakeError(f"the parts must cover pages 1-{total} once each, in order (got {', '.join(texts)})")
    return ranges


def proposal_ranges(doc: Document) -> list[str]:
    """The page ranges docintake proposed for this fax; a usage error when it proposed none."""
    proposed = [p["pages"] for p in json.loads(doc.split_json or "[]")]
    if len(proposed) < 2:
        raise DocintakeError(f"docintake proposed no parts for document {doc.id}",
                             hint="give the parts yourself: --pages 1-2 --pages 3")
    return proposed


def _page_texts(s: Session, doc_id: str) -> dict[int, PageText]:
    rows = s.scalars(select(Page).where(Page.document_id == doc_id).order_by(Page.number))
    return {p.number: PageText(p.number, p.text, PageSource(p.source), mean_confidence=p.mean_confidence,
                               rotation=p.rotation) for p in rows}


def _read(store: Store, pages: list[PageText]) -> tuple[MatchResult, TypeResult, Any]:
    """The part's own identifiers, match and type guess (the same stages as a whole document)."""
    from pipeline.classify import ClassifierOptions, classify_pages
    from pipeline.lookup import load_roster, match_options
    from pipeline.match.assist import ZoneReader
    from pipeline.match.extract import find_identifiers
    from pipeline.match.matcher import match_identifiers

    ids = find_identifiers(pages)
    match = match_identifiers(ids, load_roster(store), match_options(store), ZoneReader(pages))
    return match, classify_pages(pages, ClassifierOptions.from_config(store.cfg)), ids


def _specs(store: Store, texts: dict[int, PageText], ranges: list[tuple[int, ...]]) -> list[PartSpec]:
    from pipeline.route import route

    specs = []
    for r in ranges:
        match, doc_type, ids = _read(store, [texts[n] for n in r])
        routing = route(match, doc_type, store.cfg.type_threshold)
        specs.append(PartSpec(r, page_range(r), match, doc_type, (SPLIT_BY_CLERK, *routing.reasons), False, ids))
    return specs


@_delivers
def split(store: Store, doc_id: str, pages: Sequence[str], user: str, accept: bool = False,
          expected_version: int | None = None) -> Decision:
    """Cut a review item into parts (`pages` like '1-2', '3'; or docintake's proposal with `accept`)."""
    from pipeline.index.parts import fax_pdf

    if accept == bool(pages):
        raise DocintakeError("give either --pages (twice or more) or --accept", hint="see `docintake review split --help`")
    with store.db.read() as s:  # the parts are read before the writing transaction (it holds the database)
        doc = s.get(Document, doc_id)
        if doc is None:
            raise NotFoundError(f"no document with id {doc_id}", hint="see `docintake review list`")
        ranges = ranges_of(proposal_ranges(doc) if accept else pages, doc.pages or 0)
        texts = _page_texts(s, doc_id)
        pdf = fax_pdf(store.root, doc)
    if pdf is None or sorted(texts) != list(range(1, (doc.pages or 0) + 1)):
        raise DocintakeError(f"document {doc_id} has no PDF or page text to cut the parts from; nothing was changed")
    specs = _specs(store, texts, ranges)
    with store.db.session() as s:
        item, doc = take_for_decision(s, doc_id, user, claim_ttl(store), expected_version)
        if (doc.pages or 0) != len(texts):
            raise ConflictError(f"document {doc_id} changed while its parts were read; nothing was changed")
        before = _state(doc, item)
        made = store._record_parts(s, doc, pdf, texts, specs, user)
        doc.status = Status.split_fax.value
        doc.version, doc.updated_at = (doc.version or 1) + 1, now()
        _resolve(item, user, DecisionAction.split_up)
        log.info("review item %s split into %d parts", doc.id, len(made))
        return _finish(s, doc, item, user, DecisionAction.split_up, before, parts=made)
