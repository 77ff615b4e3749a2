"""The search query language, parsed once and rendered for SQLite FTS5 or PostgreSQL tsquery.

One syntax on both databases (like a web search box):
    words           every word must appear (stemmed: "fractures" finds "fracture")
    "two words"     a phrase
    metfor*         a prefix
    a OR b          either (OR binds tighter than the implicit AND)
    -word, -"a b"   must not appear
A user's query never reaches the database's own parser as syntax, so it cannot inject operators; a
malformed query raises QuerySyntaxError with a message saying what is wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.errors import DocintakeError

_LEX = re.compile(r'(-?)(?:"([^"]*)("?)|(\S+))')
_WORD = re.compile(r"[^\W_]+")  # what FTS5's unicode61 tokenizer keeps: letters and digits


class QuerySyntaxError(DocintakeError):
    """A search query that cannot be understood (exit code 2, like any bad command-line value)."""


@dataclass(frozen=True)
class Term:
    """A word, phrase or prefix to look for, as typed (`raw`) and as lowercase letter/digit runs (`words`)."""

    raw: str
    words: tuple[str, ...]
    prefix: bool = False  # the last word is a prefix

    @property
    def text(self) -> str:
        """The words joined by spaces."""
        return " ".join(self.words)


@dataclass(frozen=True)
class Query:
    """AND of groups (each an OR of terms), minus the excluded terms."""

    groups: tuple[tuple[Term, ...], ...]
    excluded: tuple[Term, ...] = ()


@dataclass(frozen=True)
class _Token:
    text: str
    phrase: bool
    negated: bool


def _lex(query: str) -> list[_Token]:
    """Words and "phrases", each maybe negated with a leading '-'."""
    tokens = []
    for m in _LEX.finditer(query):
        negated, phrase, closing, word = m.group(1) == "-", m.group(2), m.group(3), m.group(4)
        if phrase is not None and not closing:
            raise QuerySyntaxError(f"unbalanced quote in search query {query!r}",
                                   hint='close every "phrase" with a second double quote')
        tokens.append(_Token(phrase if phrase is not None else word, phrase is not None, negated))
    return tokens


def _term(token: _Token) -> Term | None:
    """The Term of one token; None when it holds no letters or digits (e.g. a lone '-')."""
    prefix = not token.phrase and token.text.endswith("*")
    raw = token.text.rstrip("*") if prefix else token.text
    words = tuple(w.lower() for w in _WORD.findall(raw))
    return Term(raw, words, prefix) if words else None


def parse(query: str) -> Query:
    """Parse a user's search query; QuerySyntaxError when it is malformed or has nothing to look for."""
    groups: list[list[Term]] = []
    excluded: list[Term] = []
    pending_or = False
    for token in _lex(query):
        if token.text == "OR" and not token.phrase and not token.negated:
            if not groups or pending_or:
                raise QuerySyntaxError(f"OR needs a word on each side in {query!r}")
            pending_or = True
            continue
        term = _term(token)
        if term is None:
            continue
        if token.negated and pending_or:
            raise QuerySyntaxError(f"OR cannot join an excluded word in {query!r}")
        if token.negated:
            excluded.append(term)
        elif pending_or:
            groups[-1].append(term)
        else:
            groups.append([term])
        pending_or = False
    if pending_or:
        raise QuerySyntaxError(f"OR needs a word on each side in {query!r}")
    if not groups:
        raise QuerySyntaxError(f"nothing to search for in {query!r}",
                               hint="give at least one word (letters or digits) that is not excluded with '-'")
    return Query(tuple(tuple(g) for g in groups), tuple(excluded))


# -- SQLite FTS5 ----------------------------------------------------------------------------------------

def _fts5_term(term: Term) -> str:
    quoted = '"' + term.text.replace('"', '""') + '"'
    return quoted + " *" if term.prefix else quoted


def to_fts5(query: Query) -> str:
    """The FTS5 MATCH expression of a parsed query (every user word quoted, so never an operator)."""
    groups = ["(" + " OR ".join(_fts5_term(t) for t in group) + ")" for group in query.groups]
    expr = "(" + " AND ".join(groups) + ")"
    for term in query.excluded:
        expr = f"({expr} NOT {_fts5_term(term)})"
    return expr


# -- PostgreSQL tsquery ---------------------------------------------------------------------------------

def to_tsquery_sql(query: Query, config: str = "english") -> tuple[str, dict[str, str]]:
    """(SQL expression building the tsquery, its bound parameters).

    Each term goes through PostgreSQL's own parser (phraseto_tsquery on the text as typed), the same one
    that built the page vectors, so hyphenated codes and dates tokenise alike on both sides. A prefix is
    built from the letter/digit words only, so the user's text is never read as tsquery syntax.
    """
    params: dict[str, str] = {}

    def one(term: Term) -> str:
        name = f"q{len(params)}"
        if term.prefix:
            params[name] = " <-> ".join(term.words) + ":*"
            return f"to_tsquery('{config}', :{name})"
        params[name] = term.raw
        return f"phraseto_tsquery('{config}', :{name})"

    groups = ["(" + " || ".join(one(t) for t in group) + ")" for group in query.groups]
    expr = "(" + " && ".join(groups) + ")"
    for term in query.excluded:
        expr = f"({expr} && !!{one(term)})"
    return expr, params
