"""Patient identification: identifiers from text, the roster, and the auto/review/none matching decision."""

from pipeline.match.extract import Identifiers, find_identifiers
from pipeline.match.matcher import (
    MatchOptions,
    Roster,
    candidate_to_json,
    match_identifiers,
    query_from_fields,
    result_to_json,
)
from pipeline.match.names import NameFound
from pipeline.match.roster_file import RosterParse, RowError, parse_roster_file

__all__ = [
    "Identifiers",
    "MatchOptions",
    "NameFound",
    "Roster",
    "RosterParse",
    "RowError",
    "candidate_to_json",
    "find_identifiers",
    "match_identifiers",
    "parse_roster_file",
    "query_from_fields",
    "result_to_json",
]
