"""One worker-settings type: `audit check` and `audit report` plan their files with the
same `Runner.plan` and send their workers the same `WorkerSettings`."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import pytest

from audit import AuditConfig, Document
from audit.mqm import Weights
from audit.run import Runner, RunOptions, audit_paths
from audit.worker import CONFIG_KEY, FIRST_KEY, WorkerSettings


def _folder(root: Path) -> list[str]:
    (root / "sport").mkdir()
    (root / ".audit.toml").write_text(
        'ignore = ["S009"]\n[per-path."sport/*"]\nignore = ["N001"]\n', encoding="utf-8"
    )
    files = [root / "a.txt", root / "sport" / "b.txt", root / "c.txt"]
    for f in files:
        f.write_text("Salama met Hifter .\n", encoding="utf-8")
    return [str(f) for f in files]


def test_plan_gives_one_configuration_per_distinct_settings(tmp_path):
    files = _folder(tmp_path)
    plans, configs = Runner().plan(files)
    assert [p.path for p in plans] == files
    assert [p.key for p in plans] == [FIRST_KEY, "1", FIRST_KEY]  # a.txt and c.txt share
    assert set(configs) == {FIRST_KEY, "1"}
    assert "N001" in [c.code for c in configs[FIRST_KEY].checks]
    assert "N001" not in [c.code for c in configs["1"].checks]
    assert plans[1].settings.ignore == ("S009", "N001")


def test_check_and_report_send_their_workers_the_same_type(tmp_path, monkeypatch):
    import audit.corpus.engines
    import audit.parallel
    import audit.run
    from audit.corpus import ReportOptions, build_report

    files = _folder(tmp_path)
    sent: list[Any] = []
    real = audit.parallel.ordered_map

    def spy(fn: Any, items: Any, shared: Any, *, workers: int) -> Any:
        sent.append(shared)
        return real(fn, items, shared, workers=workers)

    monkeypatch.setattr(audit.run, "ordered_map", spy)
    monkeypatch.setattr(audit.corpus.engines, "ordered_map", spy)
    checked = audit_paths(Runner(), files, keep_text=True)
    build_report(
        [str(tmp_path)],
        None,
        tmp_path / "out",
        ReportOptions(weights=Weights(major=7.0)),
        runner=Runner(RunOptions()),
    )
    check_settings, report_settings = sent
    assert isinstance(check_settings, WorkerSettings) and check_settings.keep_text
    assert isinstance(report_settings, WorkerSettings) and report_settings.weights.major == 7.0
    # the same per-file resolution: the same configurations, in the same order
    assert [c.checks for c in check_settings.configs.values()] == [
        c.checks for c in report_settings.configs.values()
    ]
    assert len(check_settings.configs) == 2
    # the sport file's N001 is left out, the others' kept
    n001 = {Path(f.path).name for f in checked.findings if f.code == "N001"}
    assert n001 == {"a.txt", "c.txt"}


def test_a_document_names_its_configuration():
    one, two = AuditConfig.create(select=["N001"]), AuditConfig.create(select=["S"])
    settings = WorkerSettings({FIRST_KEY: one, "1": two})
    assert settings.config_for(Document(id="d", target="x")) is one
    assert settings.config_for(Document(id="d", target="x", metadata={CONFIG_KEY: "1"})) is two
    assert WorkerSettings.single(two).config() is two


def test_the_old_run_settings_name_still_works_with_a_warning():
    from audit.corpus import RunSettings

    config = AuditConfig.create(select=["N001"])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        settings = RunSettings(config, Weights(minor=2.0))
    assert isinstance(settings, WorkerSettings)
    assert settings.config_for(Document(id="d", target="x")) is config
    assert settings.weights.minor == 2.0
    assert any(issubclass(w.category, DeprecationWarning) for w in caught)
    with pytest.raises(KeyError):
        settings.config("9")
