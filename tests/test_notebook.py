"""The weekly-report notebook runs from top to bottom on tables made by `audit report`."""

from __future__ import annotations

import pytest

from tests import corpus_helpers as corpus
from tests.conftest import ROOT

NOTEBOOK = ROOT / "notebooks" / "weekly_report.ipynb"


def test_weekly_report_notebook_executes(cli, tmp_path, monkeypatch):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    source = corpus.write(tmp_path / "corpus")
    out = tmp_path / "report"
    result = cli(
        "report",
        str(source),
        "--since",
        "2020-01-13",
        "--until",
        "2020-01-26",
        "--by",
        "translator",
        "--jobs",
        "1",
        "-o",
        str(out),
    )
    assert result.exit_code == 0, result.output
    monkeypatch.setenv("AUDIT_REPORT_DIR", str(out))
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        notebook,
        timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(tmp_path)}},
    )
    client.execute()
    outputs = [
        o for cell in notebook.cells if cell.cell_type == "code" for o in cell.get("outputs", [])
    ]
    assert not [o for o in outputs if o.output_type == "error"]
    text = "\n".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    current = sum(1 for r in corpus.records() if "2020-01-13" <= r["date"] <= "2020-01-26")
    assert f"{current} documents in the reported period" in text
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(images) >= 4  # weekly findings, spelling shares, drift, back-translation histogram
    shown = [o for o in outputs if o.output_type in ("execute_result", "display_data")]
    tables = "\n".join(o["data"].get("text/html", "") for o in shown)
    assert "Hifter" in tables and "Salama" in tables
