"""`audit report` resolves settings per file as `audit check` does: the nearest
.audit.toml applies (checks, per-path entries, languages), and both commands report
the same findings on the same corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

SEED_TEXT = (Path(__file__).resolve().parents[1] / "seeds" / "libya_geneva_talks.txt").read_text(
    encoding="utf-8"
)


def _corpus(root: Path) -> Path:
    corpus = root / "corpus"
    (corpus / "desk" / "sport").mkdir(parents=True)
    (corpus / "desk" / "world").mkdir(parents=True)
    (corpus / ".audit.toml").write_text(
        'ignore = ["S009"]\n'
        'extend-ignore = ["N004", "N005"]\n'
        '[per-path."desk/sport/*"]\n'
        'ignore = ["N001"]\n'
        '[per-path."*.es.txt"]\n'
        'language = "es"\n',
        encoding="utf-8",
    )
    (corpus / "desk" / "world" / "seed.txt").write_text(SEED_TEXT, encoding="utf-8")
    (corpus / "desk" / "sport" / "match.txt").write_text(
        "Salama met Hifter before the match .\n", encoding="utf-8"
    )
    # Spanish by the per-path entry: the English glossary does not apply (no N001), and
    # a Spanish function word after a full stop is judged as Spanish.
    (corpus / "desk" / "world" / "nota.es.txt").write_text(
        "Salama se reunió con Hifter en Ginebra .\n", encoding="utf-8"
    )
    records = [
        {"id": "j1", "date": "2020-01-21", "target": "Hifter said the ceasefire held."},
        {"id": "j2", "date": "2020-01-22", "target": "The cease-fire held, Salama said ."},
    ]
    (corpus / "desk" / "world" / "feed.jsonl").write_text(
        "".join(json.dumps(r) + "\n" for r in records), encoding="utf-8"
    )
    return corpus


def test_check_and_report_agree_on_a_corpus_with_a_config_file(cli, tmp_path):
    corpus = _corpus(tmp_path)
    checked = json.loads(cli("check", str(corpus), "--format", "json").stdout)["findings"]
    result = cli("report", str(corpus), "-o", str(tmp_path / "out"), "--jobs", "1")
    assert result.exit_code == 0, result.stderr
    table = pd.read_csv(tmp_path / "out" / "findings.csv", keep_default_na=False)
    reported = sorted(
        (r.path, r.document, r.code, int(r.line), int(r.column)) for r in table.itertuples()
    )
    expected = sorted(
        (f["path"], f["document"], f["code"], f["line"], f["column"]) for f in checked
    )
    assert reported == expected
    codes = {(Path(f["path"]).name, f["code"]) for f in checked}
    assert ("seed.txt", "N001") in codes and ("seed.txt", "S009") not in codes
    assert ("match.txt", "N001") not in codes and ("match.txt", "S001") in codes
    assert ("nota.es.txt", "N001") not in codes  # Spanish: the English glossary is off
    assert not {code for _, code in codes} & {"N004", "N005", "S009"}
    documents = pd.read_csv(tmp_path / "out" / "documents.csv", keep_default_na=False)
    langs = dict(zip(documents["path"].map(lambda p: Path(p).name), documents["target_lang"]))
    assert langs["nota.es.txt"] == "es" and langs["seed.txt"] == "en"


def test_report_takes_the_configuration_options_of_check(cli, tmp_path):
    corpus = _corpus(tmp_path)
    out = tmp_path / "isolated"
    result = cli("report", str(corpus), "-o", str(out), "--jobs", "1", "--isolated")
    assert result.exit_code == 0, result.stderr
    table = pd.read_csv(out / "findings.csv", keep_default_na=False)
    sport = table[table["path"].str.endswith("match.txt")]
    assert "N001" in set(sport["code"])  # the per-path ignore is not read
    assert "S009" in set(table["code"])  # nor the file's ignore


def test_report_language_comes_from_the_config_file_not_english(cli, tmp_path):
    language = "fr"
    folder = tmp_path / "fr"
    folder.mkdir()
    (folder / ".audit.toml").write_text(f'language = "{language}"\n', encoding="utf-8")
    (folder / "a.txt").write_text("Le président est parti .\n", encoding="utf-8")
    result = cli("report", str(folder), "-o", str(tmp_path / "out"), "--jobs", "1")
    assert result.exit_code == 0, result.stderr
    documents = pd.read_csv(tmp_path / "out" / "documents.csv", keep_default_na=False)
    assert list(documents["target_lang"]) == [language]
