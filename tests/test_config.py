"""Configuration: defaults, files, --home, $DOCINTAKE_CONFIG, and clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.config import Config, load_config
from pipeline.errors import ConfigError, ExitCode


def test_defaults_resolve_against_home(home: Path) -> None:
    cfg = load_config(str(home))
    assert cfg.inbox_path == home / "inbox"
    assert cfg.store_path == home / "store"
    assert cfg.effective_database_url == f"sqlite:///{home / 'store' / 'index.db'}"
    assert 0.5 <= cfg.auto_threshold <= 1.0


def test_file_in_home_is_read(home: Path) -> None:
    (home / "docintake.toml").write_text('inbox = "/srv/fax"\nauto_threshold = 0.99\nworkers = 3\n')
    cfg = load_config(str(home))
    assert cfg.inbox_path == Path("/srv/fax")
    assert cfg.auto_threshold == 0.99
    assert cfg.effective_workers == 3


def test_env_var_names_the_file(home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    conf = tmp_path / "elsewhere.toml"
    conf.write_text("[docintake]\nstore = 'archive'\n")
    monkeypatch.setenv("DOCINTAKE_CONFIG", str(conf))
    cfg = load_config(str(home))
    assert cfg.store_path == home / "archive"


def test_unknown_key_names_key_and_file(home: Path) -> None:
    (home / "docintake.toml").write_text("auto_treshold = 0.9\n")
    with pytest.raises(ConfigError) as err:
        load_config(str(home))
    assert "auto_treshold" in str(err.value) and "docintake.toml" in str(err.value)
    assert err.value.exit_code is ExitCode.bad_config


@pytest.mark.parametrize(
    ("line", "words"),
    [
        ('workers = "two"', ["workers", "int"]),
        ("auto_threshold = 1.5", ["auto_threshold", "out of range"]),
        ("page_limit = true", ["page_limit"]),
        ("review_threshold = 0.99", ["review_threshold"]),
        ("inbox = [1", ["not valid TOML"]),
    ],
)
def test_bad_values_are_named(home: Path, line: str, words: list[str]) -> None:
    (home / "docintake.toml").write_text(line + "\n")
    with pytest.raises(ConfigError) as err:
        load_config(str(home))
    for w in words:
        assert w in str(err.value)


def test_missing_env_file_is_an_error(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOCINTAKE_CONFIG", str(home / "nope.toml"))
    with pytest.raises(ConfigError, match="nope.toml"):
        load_config(str(home))


def test_config_is_frozen_with_help_for_every_field() -> None:
    from dataclasses import FrozenInstanceError, fields

    assert all(f.metadata.get("help") for f in fields(Config))
    with pytest.raises(FrozenInstanceError):
        Config().workers = 2  # type: ignore[misc]


def test_cli_config_error_exit_code(cli, home: Path) -> None:  # type: ignore[no-untyped-def]
    (home / "docintake.toml").write_text("colour = 'blue'\n")
    run = cli("config", "show")
    assert run.code == ExitCode.bad_config
    assert "colour" in run.err and "docintake.toml" in run.err


def test_cli_config_show_json(cli, home: Path) -> None:  # type: ignore[no-untyped-def]
    run = cli("config", "show", "--json")
    assert run.code == 0
    data = run.json()
    assert data["inbox"] == "inbox" and data["database_url"].endswith("index.db")
