"""Where the bundled glossaries are: a module without imports, so that finding them
costs nothing (PyYAML is imported only when a glossary is parsed)."""

from __future__ import annotations

from pathlib import Path


def bundled_glossary_paths() -> list[Path]:
    """The glossaries shipped with audit (``glossaries/*.yaml``), sorted by name."""
    # The package directory itself, not importlib.resources: that import alone costs
    # a hook noticeable start-up time (benchmarks/hook_startup.py).
    package = Path(__file__).resolve().parents[1]
    candidates = [package / "_bundled" / "glossaries", package.parent / "glossaries"]
    for folder in candidates:
        if folder.is_dir():
            return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml"))
    return []
