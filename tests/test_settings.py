"""Configuration files: discovery, validation with line numbers, per-path settings,
command-line overrides and `audit config show`."""

from __future__ import annotations

import json

import pytest
import tomllib
from hypothesis import given, settings
from hypothesis import strategies as st

from audit.config.file import load_config
from audit.config.settings import find_config, settings_for
from audit.config.tomlkeys import key_lines
from audit.errors import ConfigError
from tests.conftest import ROOT, SEED

ARTICLE = (
    "The ceasefire held; the cease-fire was observed. Salama left. The Berlin conference ended.\n"
)


@pytest.fixture
def project(tmp_path):
    (tmp_path / "desk" / "sport").mkdir(parents=True)
    for rel in ("a.txt", "desk/b.txt", "desk/sport/c.txt"):
        (tmp_path / rel).write_text(ARTICLE, encoding="utf-8")
    return tmp_path


def _codes(cli, *args):
    result = cli("check", *args, "--format", "json", "--exit-zero")
    assert result.exit_code == 0, result.stderr
    return sorted({f["code"] for f in json.loads(result.stdout)["findings"]})


def test_pyproject_is_found_walking_up_and_cli_overrides_it(cli, project):
    (project / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.audit]\nignore = ["N001"]\n'
    )
    assert _codes(cli, str(project / "desk" / "sport" / "c.txt")) == ["C001", "N003"]
    assert _codes(cli, str(project / "a.txt"), "--ignore", "N003") == ["C001", "N001"]
    assert _codes(cli, str(project / "a.txt"), "--isolated") == ["C001", "N001", "N003"]


def test_audit_toml_wins_over_pyproject_and_the_nearest_file_wins(cli, project):
    (project / "pyproject.toml").write_text('[tool.audit]\nignore = ["N001"]\n')
    (project / "desk" / ".audit.toml").write_text('select = ["C"]\n')
    assert _codes(cli, str(project / "desk" / "b.txt")) == ["C001"]
    assert _codes(cli, str(project / "a.txt")) == ["C001", "N003"]
    assert find_config(project / "desk" / "sport") == (project / "desk" / ".audit.toml").resolve()


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ('[tool]\naudit = {select = ["N"]}\n', True),
        ('[tool]\naudit.select = ["N"]\n', True),
        ('[ "tool" ]\n"audit" = {select = ["N"]}\n', True),
        ('tool.audit.select = ["N"]\n', True),
        ('tool = {audit = {select = ["N"]}}\n', True),
        ('[project.scripts]\naudit = "audit.cli:main"\n', False),
        ('[project.scripts]\naudit = "audit.cli:main"\n[tool.other]\naudit = 1\n', False),
    ],
)
def test_pyproject_tool_audit_is_recognised_in_every_spelling(project, text, found):
    (project / "pyproject.toml").write_text(text)
    assert tomllib.loads(text).get("tool", {}).get("audit") is not None or not found
    assert (find_config(project) is not None) == found


def test_a_pyproject_without_tool_audit_is_not_parsed(project):
    """A `[project.scripts]` line `audit = ...` is no `[tool.audit]`: the hook does not
    import the TOML parser for it (nor for this project's own pyproject.toml)."""
    import subprocess
    import sys

    (project / "pyproject.toml").write_text('[project.scripts]\naudit = "audit.cli:main"\n')
    code = (
        "import sys; from pathlib import Path; from audit.config.settings import find_config; "
        f"assert find_config(Path({str(project)!r})) is None; "
        "print('tomllib' in sys.modules, 'audit.config.file' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.stdout.split() == ["False", "False"], out.stderr


def test_pyproject_without_tool_audit_is_skipped(project):
    (project / "pyproject.toml").write_text('[tool.audit]\nselect = ["N"]\n')
    (project / "desk" / "pyproject.toml").write_text("[tool.other]\naudit = 1\n")
    assert find_config(project / "desk") == (project / "pyproject.toml").resolve()


def test_severity_fail_on_options_and_per_path(cli, project):
    (project / ".audit.toml").write_text(
        'fail-on = "critical"\n'
        '[severity]\nC001 = "critical"\n'
        "[options.C001]\nmin-length = 12\n"
        '[per-path."desk/*"]\nignore = ["N003"]\n[per-path."desk/*".options.C001]\nmin-length = 4\n'
        '[per-path."c.txt"]\nselect = ["N001"]\n'
    )
    top = cli("check", str(project / "a.txt"), "--format", "json")
    assert top.exit_code == 0  # C001's words are under 12 letters: nothing critical
    assert sorted({f["code"] for f in json.loads(top.stdout)["findings"]}) == ["N001", "N003"]
    desk = cli("check", str(project / "desk" / "b.txt"), "--format", "json")
    assert desk.exit_code == 1
    data = json.loads(desk.stdout)
    assert sorted({f["code"] for f in data["findings"]}) == ["C001", "N001"]
    assert {f["severity"] for f in data["findings"] if f["code"] == "C001"} == {"critical"}
    assert _codes(cli, str(project / "desk" / "sport" / "c.txt")) == ["N001"]
    assert cli("check", str(project / "desk" / "b.txt"), "--fail-on", "major").exit_code == 1


def test_glossaries_are_relative_to_the_config_file(cli, project):
    (project / "terms.yaml").write_text(
        "entries:\n  - canonical: Reuters\n    variants: [Routers]\n"
    )
    (project / ".audit.toml").write_text(
        'glossaries = ["terms.yaml"]\ndefault-glossaries = false\n'
    )
    (project / "desk" / "r.txt").write_text("Routers quoted Salama.\n")
    result = cli("check", str(project / "desk" / "r.txt"), "--format", "json")
    assert [f["text"] for f in json.loads(result.stdout)["findings"]] == ["Routers"]


def test_language_setting_reaches_plain_text(cli, project):
    (project / ".audit.toml").write_text('language = "fr"\n')
    assert _codes(cli, str(project / "a.txt")) == ["C001"]  # the bundled glossary is English


@pytest.mark.parametrize(
    ("content", "line", "message"),
    [
        ('select = ["N"]\n\nfial-on = "major"\n', 3, "unknown setting 'fial-on'"),
        ('[severity]\nN001 = "major"\nZ123 = "minor"\n', 3, "unknown check 'Z123' in severity"),
        ('[severity]\nN001 = "severe"\n', 2, "unknown severity 'severe'"),
        ('select = ["N", "Q9"]\n', 1, "unknown check 'Q9' in select"),
        ('ignore = "N001"\n', 1, "ignore must be a list of strings"),
        ("[options.C001]\nmin-len = 3\n", 2, "unknown option 'min-len' for C001"),
        ('[options.C001]\nmin-length = "3"\n', 2, "must be int"),
        (
            '[per-path."*.md"]\nfail-on = "minor"\n',
            2,
            "unknown setting 'fail-on' in per-path '*.md'",
        ),
        ("x = {a = 1,\n", 1, "invalid TOML"),
        ('select = [\n  "N",\n]\nbogus = 1\n', 4, "unknown setting 'bogus'"),
    ],
)
def test_bad_settings_name_file_and_line_and_exit_2(cli, project, content, line, message):
    (project / ".audit.toml").write_text(content)
    result = cli("check", str(project / "a.txt"))
    assert result.exit_code == 2
    config = (project / ".audit.toml").resolve()
    assert result.stderr.startswith(f"audit: error: {config}:{line}: "), result.stderr
    assert message in result.stderr
    assert result.stderr.count("\n") == 1


def test_unknown_key_line_in_pyproject(cli, project):
    (project / "pyproject.toml").write_text(
        '[project]\nname = "x"\n# [tool.audit] in a comment\n[tool.audit]\n'
        'select = ["N"]\n\n[tool.audit.per-path."x/*"]\nlanguag = "fr"\n'
    )
    result = cli("check", str(project / "a.txt"))
    assert result.exit_code == 2
    assert "pyproject.toml:8: unknown setting 'languag' in per-path 'x/*'" in result.stderr


def test_config_show_prints_values_and_origins(cli, project, monkeypatch):
    (project / "pyproject.toml").write_text(
        '[tool.audit]\nselect = ["N", "C001"]\n\n[tool.audit.severity]\nC001 = "major"\n'
        '[tool.audit.per-path."desk/*"]\nignore = ["N003"]\n'
    )
    monkeypatch.chdir(project)
    out = cli("config", "show", "desk/b.txt", "--fail-on", "minor").stdout.splitlines()
    assert out[0] == "# settings for desk/b.txt"
    assert out[1] == f"# config file: {(project / 'pyproject.toml').resolve()}"
    rows = {line.split(" = ")[0]: line for line in out[2:]}
    assert rows["select"].split("#")[1].strip() == "pyproject.toml:2"
    assert rows["select"].startswith('select = ["N", "C001"]')
    assert rows["ignore"].endswith("# pyproject.toml:7 (per-path 'desk/*')")
    assert rows["fail-on"].startswith('fail-on = "minor"') and rows["fail-on"].endswith(
        "# command line"
    )
    assert rows["severity"].startswith('severity = {C001 = "major"}') and rows["severity"].endswith(
        "pyproject.toml:4"
    )
    # nobody declared the target language: files and their text decide, English last
    (target,) = [line for line in out if "target-lang" in line]
    assert target.startswith("# target-lang not declared: the file's, else found from the text")
    assert target.endswith('else "en"  # default')
    data = json.loads(cli("config", "show", "a.txt", "--format", "json").stdout)
    assert data["settings"]["ignore"] == {"value": [], "origin": "default"}
    assert data["settings"]["select"]["value"] == ["N", "C001"]


def test_settings_for_without_a_file_uses_defaults_then_overrides():
    from audit.config.settings import Overrides

    s = settings_for(None, None, Overrides(select=("N",), fail_on="MINOR"))
    assert (s.select, s.fail_on, s.origin("select"), s.origin("ignore")) == (
        ("N",),
        "minor",
        "command line",
        "default",
    )


def test_the_repository_has_no_config_that_changes_the_seed_golden(in_root):
    assert (
        find_config(ROOT / SEED) is None or load_config(find_config(ROOT / SEED)).base.values == {}
    )


# -- key line scanner ---------------------------------------------------------------


def test_key_lines_reads_every_kind_of_key_and_string():
    text = (
        "# [commented] = 1\n"
        '[tool.audit]\nselect = ["N", # comment ]\n  "C001"]\n'
        "\"fail-on\" = 'major'\n"
        'severity.C001 = "major"\n'
        's = """a\n[not.a.table]\nb""""\n'
        "l = '''x = 1'''\n"
        'inline = {a = 1, b.c = [1, {d = "}"}]}\n'
        "[tool.audit.per-path.\"desk/*.txt\"]\nignore = ['x']\n"
        "[[arr]]\nk = 1\n[[arr]]\nk = 2\nd = 1979-05-27 07:32:00Z\n"
    )
    tomllib.loads(text)
    lines = key_lines(text)
    assert lines[("tool", "audit")] == 2
    assert lines[("tool", "audit", "select", 1)] == 4
    assert lines[("tool", "audit", "fail-on")] == 5
    assert lines[("tool", "audit", "severity", "C001")] == 6
    assert lines[("tool", "audit", "l")] == 10
    assert lines[("tool", "audit", "inline", "b", "c", 1, "d")] == 11
    assert lines[("tool", "audit", "per-path", "desk/*.txt", "ignore")] == 13
    assert ("not", "a", "table") not in lines and ("commented",) not in lines
    assert lines[("arr", 1, "k")] == 17 and lines[("arr", 1, "d")] == 18


_keys = st.from_regex(r"[a-z][a-z0-9-]{0,6}", fullmatch=True)
_scalars = st.one_of(
    st.integers(-5, 5),
    st.booleans(),
    st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=8),
)


@settings(max_examples=100, deadline=None)
@given(
    st.dictionaries(
        _keys,
        st.dictionaries(_keys, st.one_of(_scalars, st.lists(_scalars, max_size=3)), max_size=4),
        max_size=4,
    )
)
def test_key_lines_finds_each_key_on_its_line(tables):
    lines_out, expected = [], {}
    for table, values in tables.items():
        lines_out.append(f"[{table}]")
        expected[(table,)] = len(lines_out)
        for key, value in values.items():
            lines_out.append(f"{key} = {json.dumps(value, ensure_ascii=False)}")
            expected[(table, key)] = len(lines_out)
    text = "\n".join(lines_out) + "\n"
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return  # JSON is not always TOML (escapes); only valid documents are scanned
    found = key_lines(text)
    for path, line in expected.items():
        assert found[path] == line


def test_load_config_rejects_a_non_table_per_path(tmp_path):
    path = tmp_path / ".audit.toml"
    path.write_text('per-path = ["x"]\n')
    with pytest.raises(ConfigError, match=r"\.audit\.toml:1: per-path must be a table"):
        load_config(path)


def test_bilingual_thresholds_are_options_too(cli, tmp_path):
    (tmp_path / ".audit.toml").write_text("[options.B005]\nmax = 1.5\nmin_length = 10\nmin = 0.1\n")
    from audit.config.file import load_config

    config = load_config(tmp_path / ".audit.toml")
    # `min_length` is the old spelling of `min-length`: accepted, stored as the new one.
    assert config.base.values["options"] == {"B005": {"max": 1.5, "min-length": 10, "min": 0.1}}
    assert len(config.deprecations) == 1 and "'min-length'" in config.deprecations[0]
    (tmp_path / ".audit.toml").write_text('[options.B005]\nmax = "2"\n')
    with pytest.raises(ConfigError, match="B005 option 'max' must be float"):
        load_config(tmp_path / ".audit.toml")


def test_round_trip_thresholds_are_a_table_option(tmp_path):
    from audit.config.file import load_config

    (tmp_path / ".audit.toml").write_text(
        "[options.R001]\nmin_words = 5\n[options.R001.thresholds]\nchrf = 35.0\n"
    )
    assert load_config(tmp_path / ".audit.toml").base.values["options"] == {
        "R001": {"min-words": 5, "thresholds": {"chrf": 35.0}}
    }
