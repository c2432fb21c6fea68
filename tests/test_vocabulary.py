"""One settings vocabulary: a setting has one name in the configuration file, on the
command line, in the Python API and in the dataclasses (``target-lang``,
``--target-lang``, ``target_lang``), and the old spellings users may have written
still work, with a deprecation note."""

from __future__ import annotations

import ast
import dataclasses
import inspect
import json
import warnings
from pathlib import Path

import click
import pytest

from audit.api import check_paths
from audit.cli import main
from audit.config.file import KEYS, PER_PATH_KEYS, RENAMED
from audit.config.settings import Overrides, Settings
from audit.run import RunOptions, StreamOptions

CLI = Path(__file__).resolve().parents[1] / "audit" / "cli"
SETTINGS_FIELDS = set(Settings.__slots__)
# What a configuration file cannot say: where values came from, and the file itself.
NOT_KEYS = {"origins", "config_file", "deprecations"}


def _attr(key: str) -> str:
    return key.replace("-", "_")


def test_every_file_key_is_a_settings_field_of_the_same_name():
    assert {_attr(k) for k in KEYS} == SETTINGS_FIELDS - NOT_KEYS
    assert set(PER_PATH_KEYS) <= set(KEYS)
    assert not set(RENAMED) & set(KEYS)  # an old name is never a current one
    assert set(RENAMED.values()) <= set(KEYS)


def test_command_line_overrides_are_named_as_the_settings_they_override():
    assert set(Overrides.__slots__) <= SETTINGS_FIELDS


def _check_command() -> click.Command:
    command = main.get_command(click.Context(main), "check")
    assert command is not None
    return command


def test_check_options_are_named_as_the_settings():
    """Each setting a file may give is a `check` option of the same name (``--KEY``, or
    ``--no-KEY`` for a boolean that defaults to true), and its parameter too."""
    params = {p.name: p for p in _check_command().params if isinstance(p, click.Option)}
    for key in KEYS:
        if key in ("severity", "options"):  # tables: the file's alone
            continue
        if key == "glossaries":  # repeated --glossary FILE, one at a time, as ruff's
            assert "--glossary" in params["glossaries"].opts
            continue
        attr = _attr(key)
        if attr in params:
            assert f"--{key}" in params[attr].opts, key
        else:
            assert f"--no-{key}" in params[f"no_{attr}"].opts, key
    # and the options that are not settings of a file are run options of the same name
    run_fields = set(RunOptions.__slots__)
    assert {"config_file", "isolated", "encoding", "errors", "source", "stdin_filename"} <= (
        run_fields & set(params)
    )
    assert "jobs" in params and "jobs" in StreamOptions.__annotations__


def test_the_python_api_uses_the_same_names():
    names = set(inspect.signature(check_paths).parameters) - {"paths"}
    run_fields = set(RunOptions.__slots__)
    assert names <= SETTINGS_FIELDS | run_fields | set(StreamOptions.__annotations__), names


def test_the_server_settings_use_the_same_names():
    pytest.importorskip("fastapi")
    from audit.serve.settings import ServeSettings

    server_only = {"max_body", "timeout", "token_file", "cors_origins"}
    names = {f.name for f in dataclasses.fields(ServeSettings)} - server_only
    run_fields = set(RunOptions.__slots__)
    assert names <= SETTINGS_FIELDS | run_fields, names - SETTINGS_FIELDS - run_fields
    from audit.serve.service import RequestOptions  # what one request may choose

    names = {f.name for f in dataclasses.fields(RequestOptions)}
    assert names <= SETTINGS_FIELDS | run_fields, names - SETTINGS_FIELDS - run_fields


def test_report_takes_jobs_as_check_does():
    report = main.get_command(click.Context(main), "report")
    assert report is not None
    params = {p.name: p for p in report.params}
    assert {"--jobs", "-j"} <= set(params["jobs"].opts)
    assert params["workers"].hidden  # the old spelling, still accepted


# -- old spellings --------------------------------------------------------------------


def test_old_language_keys_still_work_and_are_noted(cli, tmp_path):
    (tmp_path / ".audit.toml").write_text(
        'language = "fr"\nsource-language = "ar"\n', encoding="utf-8"
    )
    (tmp_path / "a.txt").write_text("x\n", encoding="utf-8")
    shown = json.loads(cli("config", "show", str(tmp_path / "a.txt"), "--format", "json").stdout)
    assert shown["settings"]["target-lang"]["value"] == "fr"
    assert shown["settings"]["target-lang"]["origin"].endswith(".audit.toml:1")
    assert shown["settings"]["source-lang"]["value"] == "ar"
    notes = shown["deprecated"]
    assert len(notes) == 2 and "'language' is spelled 'target-lang' now" in notes[0]
    assert "'source-language' is spelled 'source-lang' now" in notes[1]


def test_new_language_keys_need_no_note(cli, tmp_path):
    (tmp_path / ".audit.toml").write_text(
        'target-lang = "fr"\n[per-path."*.es.txt"]\ntarget-lang = "es"\n', encoding="utf-8"
    )
    for name, lang in (("a.txt", "fr"), ("b.es.txt", "es")):
        (tmp_path / name).write_text("x\n", encoding="utf-8")
        shown = json.loads(cli("config", "show", str(tmp_path / name), "--format", "json").stdout)
        assert shown["settings"]["target-lang"]["value"] == lang
        assert shown["deprecated"] == []


def test_a_key_given_under_both_names_is_an_error_naming_the_line(cli, tmp_path):
    (tmp_path / ".audit.toml").write_text(
        'select = ["N"]\ntarget-lang = "fr"\nlanguage = "de"\n', encoding="utf-8"
    )
    (tmp_path / "a.txt").write_text("x\n", encoding="utf-8")
    result = cli("check", str(tmp_path / "a.txt"))
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert ".audit.toml:3:" in result.stderr and "target-lang is set twice" in result.stderr


@pytest.mark.parametrize(
    ("make", "attr", "value"),
    [
        (lambda: RunOptions(config_path="x.toml"), "config_file", "x.toml"),
        (
            lambda: __import__("audit.corpus", fromlist=["EngineOptions"]).EngineOptions(workers=3),
            "jobs",
            3,
        ),
        (
            lambda: __import__("audit.corpus", fromlist=["ReportOptions"]).ReportOptions(
                progress=True
            ),
            "show_progress",
            True,
        ),
    ],
)
def test_old_keywords_of_the_dataclasses_still_work_with_a_warning(make, attr, value):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        made = make()
    assert getattr(made, attr) == value
    assert [w.category for w in caught] == [DeprecationWarning]
    assert "spelled" in str(caught[0].message)
    assert caught[0].filename == __file__  # the warning names the user's line


def test_old_names_of_the_language_settings_still_work_with_a_warning():
    from audit.config.settings import settings_for

    with pytest.warns(DeprecationWarning, match="spelled target_lang"):
        overrides = Overrides(language="fr")
    with pytest.warns(DeprecationWarning, match="spelled source_lang"):
        overrides = overrides.replace(source_language="ar")
    assert (overrides.target_lang, overrides.source_lang) == ("fr", "ar")
    settings = settings_for(None, None, overrides)
    with pytest.warns(DeprecationWarning, match="spelled target_lang"):
        assert settings.language == "fr"
    with pytest.warns(DeprecationWarning, match="spelled source_lang"):
        assert settings.source_language == "ar"


def test_the_new_keywords_warn_of_nothing():
    from audit.corpus import EngineOptions, ReportOptions

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        overrides = Overrides(target_lang="fr").replace(select=("N",))
        assert overrides.target_lang == "fr"
        assert RunOptions(config_file="x.toml").config_file == "x.toml"
        assert EngineOptions(jobs=2).jobs == 2 and EngineOptions(jobs=2).max_in_flight == 8
        assert ReportOptions(show_progress=True).show_progress


def test_report_workers_is_still_accepted_with_a_note(cli, tmp_path):
    pytest.importorskip("pandas")
    path = tmp_path / "in.jsonl"
    path.write_text(
        json.dumps({"id": "a", "date": "2020-01-20", "target": "Salama met Hifter."}) + "\n",
        encoding="utf-8",
    )
    result = cli("report", str(path), "--workers", "1", "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.stderr
    assert "--workers is spelled --jobs now" in result.stderr
    assert (tmp_path / "out" / "findings.csv").is_file()


# -- shared options, declared once ----------------------------------------------------

#: Options that several commands take with one meaning: one declaration each.
SHARED = (
    "--fail-on",
    "--min-severity",
    "--no-progress",
    "--target-lang",
    "--source-lang",
    "--select",
    "--ignore",
    "--config",
    "--isolated",
    "--glossary",
    "--jobs",
)


def test_shared_options_are_declared_once():
    declared: dict[str, list[str]] = {flag: [] for flag in SHARED}
    for path in sorted(CLI.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "option"
            ):
                for arg in node.args:
                    if isinstance(arg, ast.Constant) and arg.value in declared:
                        declared[arg.value].append(path.name)
    assert {flag: len(where) for flag, where in declared.items()} == dict.fromkeys(SHARED, 1)
