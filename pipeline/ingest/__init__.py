"""Ingest: find complete files, hash them, skip what was already processed."""

from pipeline.ingest.files import hash_file, ingest_file, is_ignored, walk

__all__ = ["hash_file", "ingest_file", "is_ignored", "walk"]
