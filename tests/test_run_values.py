"""Values of a run (AuditConfig, Checked, Input, RunResult, StreamedRun and what a
worker sends back) are written out on audit/values.py instead of made by
``@dataclass``, to save start-up time (issue 18): they keep the behaviour of the
dataclasses they were."""

from __future__ import annotations

import pickle
from dataclasses import FrozenInstanceError

import pytest

from audit.config import AuditConfig
from audit.findings import Severity
from audit.run import Checked, RunResult, StreamedRun, _Audited


def _config() -> AuditConfig:
    return AuditConfig.create(default_glossaries=False, select=("N001",))


def test_a_configuration_is_an_immutable_value_that_pickles() -> None:
    config = _config()
    assert config.severity_overrides == {} and config.options == {}
    assert AuditConfig(config.checks).options is not AuditConfig(config.checks).options
    assert config == AuditConfig(config.checks, None, Severity.MAJOR, {}, {})
    assert config != AuditConfig(config.checks, fail_on=Severity.MINOR)
    assert config != (config.checks,)
    with pytest.raises(FrozenInstanceError):
        config.fail_on = Severity.MINOR  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError):
        del config.checks
    again = pickle.loads(pickle.dumps(config))
    assert again == config and again.checks[0].code == "N001"
    with pytest.raises(TypeError):  # its dictionaries make it unhashable, as before
        hash(config)
    assert repr(config).startswith("AuditConfig(checks=(") and "fail_on=<Severity.MAJOR" in repr(
        config
    )


def test_what_a_run_keeps_of_a_file_is_an_immutable_value() -> None:
    config = _config()
    checked = Checked("a.txt", config, ("a.txt",))
    assert (checked.source_paths, checked.min_severity) == ((), Severity.INFO)
    assert checked == Checked("a.txt", config, ("a.txt",), (), Severity.INFO)
    assert checked != Checked("b.txt", config, ("a.txt",))
    with pytest.raises(FrozenInstanceError):
        checked.name = "b.txt"  # type: ignore[misc]
    match checked:
        case Checked(name, _, documents):
            assert (name, documents) == ("a.txt", ("a.txt",))
        case _:
            raise AssertionError("not matched")


def test_a_workers_answer_pickles_with_its_fields() -> None:
    audited = _Audited(2, "a.txt", "d1", None, [], "text", [{"score": 1.0}])
    assert audited.contexts is None
    again = pickle.loads(pickle.dumps(audited))
    assert again == audited and again.scores == [{"score": 1.0}] and again.index == 2
    assert again != _Audited(2, "a.txt", "d1", None, [], None, [{"score": 1.0}])
    with pytest.raises(FrozenInstanceError):
        audited.text = None  # type: ignore[misc]


def test_run_results_are_mutable_with_fresh_lists() -> None:
    run = StreamedRun(iter(()))
    other = StreamedRun(iter(()))
    run.errors.append("bad")
    run.documents += 1
    assert other.errors == [] and other.documents == 0 and run.errors == ["bad"]
    result = RunResult([], [], 0)
    assert result == RunResult([], [], 0, {}, [], [], [], [])
    result.notes.append("n")
    assert result != RunResult([], [], 0) and RunResult([], [], 0).notes == []
    with pytest.raises(TypeError):
        hash(result)
    assert repr(result).startswith("RunResult(files=[], findings=[], documents=0, target_texts={}")


def test_settings_overrides_and_run_options_are_values_replaced_as_dataclasses_were() -> None:
    from audit.config.settings import DEFAULT_EXCLUDE, Overrides, Settings
    from audit.run import RunOptions

    settings = Settings()
    assert (settings.exclude, settings.severity, settings.origins) == (DEFAULT_EXCLUDE, {}, {})
    assert Settings().options is not Settings().options
    changed = settings.replace(target_lang="fr", origins={"target-lang": "command line"})
    assert (changed.target_lang, changed.fail_on, settings.target_lang) == ("fr", "major", "en")
    assert changed == Settings(target_lang="fr", origins={"target-lang": "command line"})
    assert changed != settings and pickle.loads(pickle.dumps(changed)) == changed
    with pytest.raises(TypeError):
        settings.replace(no_such_field=1)
    with pytest.raises(FrozenInstanceError):
        settings.select = ("N",)  # type: ignore[misc]
    overrides = Overrides(select=("N",), fail_on="minor")
    assert overrides == Overrides(("N",), (), "minor") and hash(overrides) == hash(
        Overrides(select=("N",), fail_on="minor")
    )
    assert overrides.replace(ignore=("N002",)).select == ("N",)
    options = RunOptions(isolated=True)
    assert options.overrides == Overrides() and options.fields == {}
    again = options.replace(overrides=overrides, encoding="latin-1")
    assert (again.isolated, again.encoding, again.overrides.fail_on) == (True, "latin-1", "minor")
    assert pickle.loads(pickle.dumps(again)) == again and again != options
