"""Defaults and limits the CLI shows in its help, kept free of database imports so `--help` stays fast."""

from __future__ import annotations

from datetime import timedelta

DEFAULT_STUCK = timedelta(hours=1)  # doctor: a document still `processing` after this long is reported
DEFAULT_GRACE = timedelta(minutes=15)  # doctor: files younger than this are left alone
MARK_START, MARK_END = "[[", "]]"  # search: around matched words in a snippet
MAX_LIMIT = 1000  # search: most documents one query returns
