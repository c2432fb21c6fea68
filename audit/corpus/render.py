"""Rendering report data as a self-contained HTML page and a Markdown summary.

The HTML comes from the jinja2 template ``reports/weekly_report.html.j2`` with
autoescaping on: article text (excerpts, spellings, group names, messages) is always
escaped; only the SVG charts built by :mod:`audit.corpus.svg` (which escape their own
labels) are inserted as markup. No script, stylesheet or font is loaded from outside.
"""

from __future__ import annotations

import math
from importlib import resources
from pathlib import Path
from typing import Any

from audit.atomicfile import write_atomic
from audit.corpus import svg
from audit.findings import Category
from audit.version import __version__

TEMPLATE = "weekly_report.html.j2"


def templates_dir() -> Path:
    """The report templates: packaged with audit, or ``reports/`` in a source checkout."""
    candidates = []
    try:
        candidates.append(Path(str(resources.files("audit") / "_bundled" / "reports")))
    except (ModuleNotFoundError, TypeError):  # pragma: no cover - unusual installs
        pass
    candidates.append(Path(__file__).resolve().parents[2] / "reports")
    for folder in candidates:
        if (folder / TEMPLATE).is_file():
            return folder
    raise FileNotFoundError(
        f"report template {TEMPLATE} not found in {', '.join(map(str, candidates))}"
    )


def write_html(data: dict[str, Any], path: Path) -> Path:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir())),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["num"] = _num
    html = env.get_template(TEMPLATE).render(**html_context(data, jinja2.utils.markupsafe.Markup))
    write_atomic(str(path), html.encode("utf-8"))  # a reader never sees half a report
    return path


def html_context(data: dict[str, Any], safe: Any) -> dict[str, Any]:
    """Template variables: plain values, and charts marked safe (they escape their labels)."""
    weeks = sorted(data["weekly"]["week"].dropna().unique()) if len(data["weekly"]) else []
    categories = [c.value for c in Category if c.value in set(data["weekly"]["category"])]
    series = {c: [_lookup(data["weekly"], week=w, category=c) for w in weeks] for c in categories}
    bt = data["bt_scores"]
    return {
        "version": __version__,
        "period": _period(data),
        "previous": data["periods"].previous.label() if data["periods"].previous else None,
        "by": data["by"],
        "weights": data["weights"].describe(),
        "cards": _cards(data["headline"]),
        "weekly_chart": safe(svg.stacked_bars(weeks, series, "Findings per week by MQM category"))
        if weeks
        else None,
        "weekly_rows": [
            {"week": w, **{c: series[c][i] for c in categories}} for i, w in enumerate(weeks)
        ],
        "categories": categories,
        "checks": data["checks"].to_dict("records"),
        "entities": _entities(data, safe),
        "worst": data["worst"],
        "bt_chart": safe(svg.histogram(bt, "Back-translation chrF per document")) if bt else None,
        "bt_count": len(bt),
        "bt_median": data["headline"]["current"]["bt_chrf_median"],
        "bt_signatures": data["bt_signatures"],
        "comparison": _comparison(data),
    }


def _lookup(frame: Any, **where: Any) -> float:
    mask = True
    for key, value in where.items():
        mask = mask & (frame[key] == value)
    picked = frame.loc[mask, "findings"]
    return float(picked.sum()) if len(picked) else 0.0


def _cards(headline: dict[str, Any]) -> list[dict[str, Any]]:
    cur, prev = headline["current"], headline["previous"] or {}
    items = [
        ("Documents", "documents"),
        ("Words", "words"),
        ("Findings", "findings"),
        ("Documents with findings", "documents_with_findings"),
        ("Error points per 1,000 words", "points_per_1k_words"),
        ("Critical / major findings", None),
        ("Entities written several ways", "inconsistent_entities"),
        ("Variant spellings used", "variant_mentions"),
        ("Median back-translation chrF", "bt_chrf_median"),
    ]
    cards = []
    for label, key in items:
        if key is None:
            value: Any = f"{cur['critical']} / {cur['major']}"
            before = f"{prev['critical']} / {prev['major']}" if prev else None
        else:
            value, before = cur.get(key), prev.get(key)
        if key == "bt_chrf_median" and value is None:
            continue
        cards.append(
            {
                "label": label,
                "value": _num(value),
                "previous": None if before is None else _num(before),
            }
        )
    return cards


def _entities(data: dict[str, Any], safe: Any) -> list[dict[str, Any]]:
    spellings, drift = data["spellings"], data["drift"]
    weeks = sorted(drift["week"].unique()) if len(drift) else []
    out = []
    for entity in data["top_entities"]:
        rows = spellings[spellings["entity"] == entity]
        mine = drift[drift["entity"] == entity]
        names = list(rows["spelling"])
        series = {s: [_share(mine, w, s) for w in weeks] for s in names}
        out.append(
            {
                "entity": entity,
                "canonical": rows["canonical"].iloc[0],
                "kind": rows["kind"].iloc[0],
                "total": int(rows["count"].sum()),
                "spellings": rows.to_dict("records"),
                "chart": safe(_drift_chart(weeks, series, rows["canonical"].iloc[0]))
                if weeks
                else None,
            }
        )
    return out


def _drift_chart(weeks: list[str], series: dict[str, list[float | None]], canonical: str) -> str:
    return svg.line_chart(weeks, series, f"Share of each spelling of {canonical} per week")


def _share(frame: Any, week: str, spelling: str) -> float | None:
    in_week = frame[frame["week"] == week]
    if in_week.empty:
        return None
    picked = in_week.loc[in_week["spelling"] == spelling, "share"]
    return float(picked.iloc[0]) if len(picked) else 0.0


def _comparison(data: dict[str, Any]) -> list[dict[str, Any]]:
    table = data["comparison"]
    out = []
    for group_by in ("all", *data["by"]):
        rows = table[table["group_by"] == group_by]
        records = [{k: _clean(v) for k, v in r.items()} for r in rows.to_dict("records")]
        out.append({"group_by": group_by, "rows": records})
    return out


def _clean(value: Any) -> Any:
    return None if isinstance(value, float) and math.isnan(value) else value


def _num(value: Any) -> str:
    """Figures for people: thousands separated, at most two decimals, a dash for none."""
    value = _clean(value)
    if value is None:
        return "–"
    if isinstance(value, str):
        return value
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.2f}"
    return f"{int(value):,}"


def write_markdown(data: dict[str, Any], path: Path) -> Path:
    write_atomic(str(path), markdown(data).encode("utf-8"))
    return path


def md(text: Any) -> str:
    """Escape article text for Markdown: no HTML, no table breaks, no emphasis."""
    s = "" if text is None else str(text)
    for ch, rep in (
        ("&", "&amp;"),
        ("<", "&lt;"),
        (">", "&gt;"),
        ("|", "\\|"),
        ("*", "\\*"),
        ("_", "\\_"),
        ("`", "\\`"),
        ("[", "\\["),
        ("]", "\\]"),
    ):
        s = s.replace(ch, rep)
    return " ".join(s.split())


def _period(data: dict[str, Any]) -> str:
    """The reported period; open ends read as the days of the first and last document."""
    cur = data["headline"]["current"]
    return str(data["periods"].current.label(cur.get("first_date"), cur.get("last_date")))


def markdown(data: dict[str, Any]) -> str:
    """A short summary for e-mail or chat: headline, inconsistent entities, worst documents, changes."""
    cur, prev = data["headline"]["current"], data["headline"]["previous"]
    lines = [f"# Consistency report, {_period(data)}", ""]
    score = f"{_num(cur['points_per_1k_words'])} error points per 1,000 words"
    if prev:
        score += f" (previous period: {_num(prev['points_per_1k_words'])})"
    lines += [
        f"- **{_num(cur['documents'])}** documents, {_num(cur['words'])} words; "
        f"{_num(cur['findings'])} findings in {_num(cur['documents_with_findings'])} documents "
        f"({cur['critical']} critical, {cur['major']} major, {cur['minor']} minor).",
        f"- Quality: {score}; weights {data['weights'].describe()}.",
        f"- {cur['inconsistent_entities']} entities written more than one way; "
        f"{_num(cur['variant_mentions'])} uses of variant spellings.",
    ]
    if cur["bt_chrf_median"] is not None:
        lines.append(
            f"- Back-translation chrF: median {cur['bt_chrf_median']} over {cur['bt_documents']} documents."
        )
    lines += ["", "## Inconsistent entities", ""]
    spellings = data["spellings"]
    for entity in data["top_entities"]:
        rows = spellings[spellings["entity"] == entity]
        forms = ", ".join(
            f"{md(r.spelling)} ×{r.count} ({r.share:.0%}, {r.first_seen} to {r.last_seen})"
            for r in rows.itertuples()
        )
        lines.append(f"- **{md(rows['canonical'].iloc[0])}**: {forms}")
    if not data["top_entities"]:
        lines.append("None: every entity was written one way.")
    lines += [
        "",
        "## Worst documents",
        "",
        "| document | date | findings | points per 1,000 words |",
        "|---|---|---|---|",
    ]
    lines += [
        f"| {md(d['document'])} | {d['date']} | {d['findings']} | {_num(d['score'])} |"
        for d in data["worst"]
    ]
    lines += ["", "## Compared with the previous period", ""]
    if data["periods"].previous is None:
        lines.append("No previous period: give --since (and --until) to compare.")
    else:
        lines += [
            "| grouping | group | score before → now | verdict | new variants |",
            "|---|---|---|---|---|",
        ]
        for r in data["comparison"].to_dict("records"):
            lines.append(
                f"| {md(r['group_by'])} | {md(r['group'])} | {_num(r['points_per_1k_words_previous'])} → "
                f"{_num(r['points_per_1k_words'])} | {r['verdict']} | {md(r['new_variants']) or '–'} |"
            )
    lines += [
        "",
        "Full report: report.html. Tables: findings, documents, spellings (Parquet and CSV).",
        "",
    ]
    return "\n".join(lines)
