"""Aggregations of the streamed tables, with pandas.

The findings and mentions tables can be far larger than memory allows, so they are
aggregated one Parquet row group at a time (:func:`streamed_sum`): every aggregate used
here is a sum, count, minimum or maximum, which combine exactly across chunks. The
documents table holds one short row per document and is read whole.

Comparison rules (documented for editors in the report):

- a group *regressed* when its error points per 1,000 words rose by more than
  ``TOLERANCE`` of the previous value and by at least ``MIN_CHANGE`` points;
  it *improved* when they fell by as much; otherwise it is *steady*;
- a spelling is *accepted* when it is written exactly as a canonical or short form of
  the glossary; every other spelling (a glossary variant, an accepted form with other
  capitals or article, a form reported by a check without a glossary entry) is a
  *variant*. An entity is *inconsistent* when it has two renderings or more, all
  accepted spellings counting as one;
- a *new variant* is a variant used by the group in this period and not in the
  previous one; a variant *gone* is the reverse.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from pathlib import Path
from typing import Any

from audit.corpus.mqm import per_thousand
from audit.findings import Severity

TOLERANCE = 0.10
MIN_CHANGE = 0.5
_COMBINE = {"sum": "sum", "count": "sum", "min": "min", "max": "max"}


def streamed_sum(
    path: Path,
    keys: Sequence[str],
    aggs: dict[str, tuple[str, str]],
    where: dict[str, Collection[Any]] | None = None,
) -> Any:
    """Group a Parquet table by ``keys``, one row group at a time.

    ``aggs`` maps an output column to ``(input column, function)`` with function one of
    ``sum``, ``count``, ``min``, ``max``; ``where`` keeps rows whose column values are
    among the given ones.
    """
    import pandas as pd
    import pyarrow.parquet as pq

    where = where or {}
    columns = sorted({*keys, *where, *(col for col, _ in aggs.values())})
    parts = []
    parquet = pq.ParquetFile(path)
    for i in range(parquet.num_row_groups):
        chunk = parquet.read_row_group(i, columns=columns).to_pandas()
        for column, values in where.items():
            chunk = chunk[chunk[column].isin(list(values))]
        if len(chunk):
            parts.append(
                chunk.groupby(list(keys), dropna=False)
                .agg(**{k: v for k, v in aggs.items()})
                .reset_index()
            )
    if not parts:
        return pd.DataFrame(columns=[*keys, *aggs])
    combined = pd.concat(parts, ignore_index=True)
    final = {out: (out, _COMBINE[fn]) for out, (_, fn) in aggs.items()}
    return combined.groupby(list(keys), dropna=False).agg(**final).reset_index()


def load_documents(directory: Path) -> Any:
    """The per-document summary, without the excerpt column (not needed to aggregate)."""
    import pandas as pd

    from audit.corpus.tables import SCHEMAS

    columns = [name for name, _ in SCHEMAS["documents"] if name != "excerpt"]
    return pd.read_parquet(directory / "documents.parquet", columns=columns)


def spelling_table(directory: Path, period: str = "current") -> Any:
    """Per entity and spelling: count, documents, share of the entity, first and last seen."""
    table = streamed_sum(
        directory / "mentions.parquet",
        ["entity", "canonical", "kind", "spelling", "role", "accepted"],
        {
            "count": ("count", "sum"),
            "documents": ("document", "count"),
            "first_seen": ("date", "min"),
            "last_seen": ("date", "max"),
        },
        where={"period": [period]},
    )
    if table.empty:
        return table.assign(share=[])
    totals = table.groupby("entity")["count"].transform("sum")
    table["share"] = (table["count"] / totals).round(4)
    table = table.sort_values(
        ["entity", "count", "spelling"], ascending=[True, False, True], kind="mergesort"
    )
    return table.reset_index(drop=True)


def inconsistent_entities(spellings: Any, top: int) -> list[str]:
    """Entities written more than one way, the most variant occurrences first."""
    if spellings.empty:
        return []
    per = spellings.assign(
        variant=spellings["count"].where(~spellings["accepted"], 0),
        variants=~spellings["accepted"],
        ok=spellings["accepted"],
    )
    stats = (
        per.groupby("entity")
        .agg(
            variants=("variants", "sum"),
            ok=("ok", "any"),
            variant=("variant", "sum"),
            spellings=("spelling", "nunique"),
            total=("count", "sum"),
        )
        .reset_index()
    )
    stats = stats[stats["variants"] + stats["ok"].astype(int) > 1]
    stats = stats.sort_values(
        ["variant", "spellings", "total", "entity"], ascending=[False, False, False, True]
    )
    return list(stats["entity"].head(top))


def drift_table(directory: Path, entities: Sequence[str]) -> Any:
    """Per entity, week and spelling: occurrences and share of that week's mentions.

    Weeks of the previous period are included: drift is read against what came before.
    """
    wanted = set(entities)
    table = streamed_sum(
        directory / "mentions.parquet",
        ["entity", "week", "spelling"],
        {"count": ("count", "sum")},
        where={"entity": wanted},
    )
    if table.empty:
        return table.assign(share=[])
    table["share"] = (
        table["count"] / table.groupby(["entity", "week"])["count"].transform("sum")
    ).round(4)
    return table.sort_values(["entity", "week", "spelling"]).reset_index(drop=True)


def weekly_table(directory: Path) -> Any:
    """Findings and error points per week and MQM category, both periods (column ``period``)."""
    table = streamed_sum(
        directory / "findings.parquet",
        ["week", "period", "category"],
        {"findings": ("code", "count"), "points": ("points", "sum")},
    )
    return table.sort_values(["week", "category"]).reset_index(drop=True)


def checks_table(directory: Path) -> Any:
    """Findings per check (code and name) in the current period, with documents affected."""
    per_doc = streamed_sum(
        directory / "findings.parquet",
        ["code", "name", "check_family", "category", "document"],
        {"findings": ("severity", "count")},
        where={"period": ["current"]},
    )
    if per_doc.empty:
        return per_doc.drop(columns=["document"]).assign(documents=[])
    table = (
        per_doc.groupby(["code", "name", "check_family", "category"])
        .agg(findings=("findings", "sum"), documents=("document", "nunique"))
        .reset_index()
    )
    return table.sort_values(["findings", "code"], ascending=[False, True]).reset_index(drop=True)


def group_table(documents: Any, by: Sequence[str]) -> Any:
    """Per grouping column, group and period: documents, words, points, score, chrF."""
    import pandas as pd

    frames = []
    for column in ("all", *by):
        key = documents[column] if column != "all" else pd.Series("all", index=documents.index)
        g = documents.assign(group=key.fillna("").replace("", "(none)")).groupby(
            ["group", "period"]
        )
        frame = g.agg(
            documents=("document", "count"),
            words=("words", "sum"),
            findings=("findings", "sum"),
            error_points=("error_points", "sum"),
            bt_chrf=("bt_chrf", "mean"),
        ).reset_index()
        frame.insert(0, "group_by", column)
        frames.append(frame)
    table = pd.concat(frames, ignore_index=True)
    table["points_per_1k_words"] = [
        per_thousand(p, int(w)) for p, w in zip(table["error_points"], table["words"])
    ]
    table["bt_chrf"] = table["bt_chrf"].round(2)
    return table.sort_values(["group_by", "group", "period"]).reset_index(drop=True)


def comparison_table(groups: Any, variants: Any) -> Any:
    """Current against previous period, per group: score change, verdict, variants new and gone."""
    import pandas as pd

    rows = []
    for (group_by, group), frame in groups.groupby(["group_by", "group"], sort=True):
        cur = frame[frame["period"] == "current"]
        prev = frame[frame["period"] == "previous"]
        now = float(cur["points_per_1k_words"].iloc[0]) if len(cur) else None
        before = float(prev["points_per_1k_words"].iloc[0]) if len(prev) else None
        mine = variants[(variants["group_by"] == group_by) & (variants["group"] == group)]
        rows.append(
            {
                "group_by": group_by,
                "group": group,
                "documents": int(cur["documents"].iloc[0]) if len(cur) else 0,
                "documents_previous": int(prev["documents"].iloc[0]) if len(prev) else 0,
                "points_per_1k_words": now,
                "points_per_1k_words_previous": before,
                "change": None if now is None or before is None else round(now - before, 4),
                "verdict": verdict(now, before),
                "bt_chrf": float(cur["bt_chrf"].iloc[0]) if len(cur) else None,
                "bt_chrf_previous": float(prev["bt_chrf"].iloc[0]) if len(prev) else None,
                "new_variants": _joined(mine[mine["status"] == "new"]),
                "variants_gone": _joined(mine[mine["status"] == "gone"]),
            }
        )
    return pd.DataFrame(
        rows,
        columns=[
            "group_by",
            "group",
            "documents",
            "documents_previous",
            "points_per_1k_words",
            "points_per_1k_words_previous",
            "change",
            "verdict",
            "bt_chrf",
            "bt_chrf_previous",
            "new_variants",
            "variants_gone",
        ],
    )


def verdict(now: float | None, before: float | None) -> str:
    """``regression``, ``improvement``, ``steady``, or why there is no comparison."""
    if now is None:
        return "no documents this period"
    if before is None:
        return "no previous documents"
    margin = max(TOLERANCE * before, MIN_CHANGE)
    if now - before >= margin:
        return "regression"
    if before - now >= margin:
        return "improvement"
    return "steady"


def variant_changes(directory: Path, by: Sequence[str]) -> Any:
    """Variant spellings per group that appeared (``new``) or disappeared (``gone``)."""
    import pandas as pd

    columns = [c for c in by]
    usage = streamed_sum(
        directory / "mentions.parquet",
        [*columns, "period", "entity", "canonical", "spelling"],
        {
            "count": ("count", "sum"),
            "documents": ("document", "count"),
            "first_seen": ("date", "min"),
        },
        where={"accepted": [False]},
    )
    frames = []
    for column in ("all", *by):
        key = (
            usage[column] if column != "all" else pd.Series("all", index=usage.index, dtype=object)
        )
        u = usage.assign(group=key.fillna("").replace("", "(none)"))
        u = (
            u.groupby(["group", "period", "entity", "canonical", "spelling"])
            .agg(
                count=("count", "sum"),
                documents=("documents", "sum"),
                first_seen=("first_seen", "min"),
            )
            .reset_index()
        )
        cur = u[u["period"] == "current"].drop(columns="period")
        prev = u[u["period"] == "previous"].drop(columns="period")
        key_cols = ["group", "entity", "spelling"]
        merged = cur.merge(prev[key_cols], how="outer", on=key_cols, indicator=True)
        new = cur.merge(merged[merged["_merge"] == "left_only"][key_cols], on=key_cols).assign(
            status="new"
        )
        merged = prev.merge(cur[key_cols], how="outer", on=key_cols, indicator=True)
        gone = prev.merge(merged[merged["_merge"] == "left_only"][key_cols], on=key_cols).assign(
            status="gone"
        )
        frame = pd.concat([new, gone], ignore_index=True)
        frame.insert(0, "group_by", column)
        frames.append(frame)
    cols = [
        "group_by",
        "group",
        "status",
        "entity",
        "canonical",
        "spelling",
        "count",
        "documents",
        "first_seen",
    ]
    table = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=cols)
    return (
        table[cols]
        .sort_values(["group_by", "group", "status", "entity", "spelling"])
        .reset_index(drop=True)
    )


def _joined(frame: Any) -> str:
    return ", ".join(f"{s} ({c})" for s, c in zip(frame["spelling"], frame["count"]))


def worst_documents(
    documents: Any, directory: Path, top: int, excerpts: int
) -> list[dict[str, Any]]:
    """The documents with the most error points per 1,000 words, each with its worst findings."""
    import pyarrow.parquet as pq

    current = documents[(documents["period"] == "current") & (documents["findings"] > 0)]
    current = current.sort_values(
        ["points_per_1k_words", "error_points", "document"],
        ascending=[False, False, True],
        kind="mergesort",
    ).head(top)
    if current.empty:
        return []
    ids = list(current["document"])
    findings = pq.read_table(
        directory / "findings.parquet",
        filters=[("document", "in", ids)],
        columns=[
            "document",
            "path",
            "code",
            "severity",
            "message",
            "line",
            "column",
            "before",
            "text",
            "after",
        ],
    ).to_pandas()
    rank = {s.value: s.rank for s in Severity}
    findings = findings.assign(rank=findings["severity"].map(rank))
    out = []
    for row in current.itertuples(index=False):
        mine = findings[(findings["document"] == row.document) & (findings["path"] == row.path)]
        mine = mine.sort_values(["rank", "line", "column"], ascending=[False, True, True]).head(
            excerpts
        )
        out.append(
            {
                "document": row.document,
                "path": row.path,
                "date": row.date,
                "desk": row.desk,
                "translator": row.translator,
                "words": int(row.words),
                "findings": int(row.findings),
                "points": float(row.error_points),
                "score": float(row.points_per_1k_words),
                "excerpts": mine.drop(columns=["rank"]).to_dict("records"),
            }
        )
    return out


def headline(documents: Any, spellings: Any, inconsistent: Sequence[str]) -> dict[str, Any]:
    """The figures at the top of the report, this period and the previous one."""

    def figures(docs: Any) -> dict[str, Any]:
        words = int(docs["words"].sum())
        points = float(docs["error_points"].sum())
        chrf = docs["bt_chrf"].dropna()
        days = docs["date"].dropna()
        return {
            "documents": int(len(docs)),
            "first_date": str(days.min()) if len(days) else None,
            "last_date": str(days.max()) if len(days) else None,
            "words": words,
            "findings": int(docs["findings"].sum()),
            "documents_with_findings": int((docs["findings"] > 0).sum()),
            **{s.value: int(docs[s.value].sum()) for s in Severity},
            "error_points": points,
            "points_per_1k_words": per_thousand(points, words),
            "bt_documents": int(len(chrf)),
            "bt_chrf_median": round(float(chrf.median()), 2) if len(chrf) else None,
        }

    current = figures(documents[documents["period"] == "current"])
    previous_docs = documents[documents["period"] == "previous"]
    variants = spellings[~spellings["accepted"].astype(bool)] if not spellings.empty else spellings
    current["inconsistent_entities"] = len(inconsistent)
    current["variant_mentions"] = int(variants["count"].sum()) if len(variants) else 0
    return {"current": current, "previous": figures(previous_docs) if len(previous_docs) else None}
