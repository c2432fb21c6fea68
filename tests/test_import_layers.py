"""No import cycles inside ``audit``, with imports inside functions counted.

A function-level import only hides a cycle from Python's start-up: the two modules
still need each other, so neither can be understood, tested or moved alone. Layers
point down (cli/serve -> run -> engine -> checks -> analyses -> document/findings);
this test reads every module's imports with ``ast`` and fails on any cycle, naming it.

Imports under ``if TYPE_CHECKING:`` are left out: they exist for the type checker
only and never run. Importing ``audit.a.b`` counts as an edge to ``audit.a.b`` alone,
not to the package ``audit.a`` that Python also initialises (a package's
``__init__`` listing its own modules is not a cycle of meaning).
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "audit"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST, module: str, is_package: bool, modules: set[str]) -> set[str]:
    """The audit modules that ``module`` imports anywhere outside TYPE_CHECKING blocks."""
    found: set[str] = set()
    package = module if is_package else module.rpartition(".")[0]

    def resolve(name: str) -> str | None:
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name or None

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("audit"):
                    target = resolve(alias.name)
                    if target:
                        found.add(target)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                prefix = ".".join(base + ([node.module] if node.module else []))
            else:
                prefix = node.module or ""
            if prefix.startswith("audit"):
                for alias in node.names:
                    target = resolve(f"{prefix}.{alias.name}")
                    if target:
                        found.add(target)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    found.discard(module)
    return found


def import_graph() -> dict[str, set[str]]:
    files = {_module_name(p): p for p in ROOT.rglob("*.py")}
    names = set(files)
    return {
        name: _imports(
            ast.parse(path.read_text(encoding="utf-8")), name, path.name == "__init__.py", names
        )
        for name, path in files.items()
    }


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []
    counter = 0

    def connect(v: str) -> None:
        nonlocal counter
        index[v] = low[v] = counter
        counter += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                connect(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            connect(v)
    return out


def test_the_graph_is_read() -> None:
    graph = import_graph()
    assert "audit.run" in graph["audit.cli.check"] or any(
        "audit.run" in deps for deps in graph.values()
    )


def test_no_import_cycles() -> None:
    found = cycles(import_graph())
    assert not found, "import cycles:\n" + "\n".join(" <-> ".join(c) for c in found)


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_importing_the_check_api_loads_no_check() -> None:
    """A check module, a test or a tool that needs ``Hit``/``Check`` loads only the
    engine's API: the registry and the check modules stay out."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from audit.engine import Check, Hit, check, audit_document\n"
        "loaded = sorted(m for m in sys.modules if m.startswith('audit.checks'))\n"
        "print(','.join(loaded))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT.parent
    )
    assert out.stdout.strip() == ""
    # the registry lists them without loading them; ALL_CHECKS, once asked for, loads them
    code = "import sys, audit.checks; print(len([m for m in sys.modules if m.startswith('audit.checks.')]))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT.parent
    )
    assert int(out.stdout) == 0
    code = "import sys; from audit.checks import ALL_CHECKS; print(len([m for m in sys.modules if m.startswith('audit.checks.')]))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT.parent
    )
    assert int(out.stdout) > 5


def _under(module: str, packages: tuple[str, ...]) -> bool:
    return any(module == p or module.startswith(p + ".") for p in packages)


#: Layers from the top down; a module may import its own layer and those below it.
#: Modules not listed (utilities such as audit.parallel, audit.atomicfile) are free.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("audit.cli", "audit.serve", "audit.__main__"),
    ("audit.api", "audit.corpus", "audit.fix"),
    (
        "audit.run",
        "audit.worker",  # what a worker of check or report needs: configurations, weights
        "audit.config.settings",
        "audit.config.file",
        "audit.config.tomlkeys",
        "audit.reporters",
    ),
    # AuditConfig.create reads the registry of checks
    ("audit.engine.document_audit", "audit.engine.context", "audit.suppressions", "audit.config"),
    ("audit.checks",),
    ("audit.engine.check", "audit.engine.selection"),
    (
        "audit.names",
        "audit.align",
        "audit.pairs",
        "audit.lang",
        "audit.glossary",
        "audit.scoring",
        "audit.formats",
    ),
    (
        "audit.document",
        "audit.segments",
        "audit.findings",
        "audit.errors",
        "audit.version",
        "audit.mqm",  # error points by severity
        "audit.lang.sentences",  # the sentence-ending characters Document splits on
    ),
)


def _layer(module: str) -> int | None:
    """The layer of the most specific entry naming ``module`` or a package above it."""
    found = [
        (len(p), k) for k, packages in enumerate(LAYERS) for p in packages if _under(module, (p,))
    ]
    return max(found)[1] if found else None


def test_layers_point_down() -> None:
    """cli/serve -> run -> engine -> checks -> analyses -> document/findings: no module
    imports one from a layer above its own."""
    upward = []
    for module, imported in import_graph().items():
        mine = _layer(module)
        for other in imported:
            theirs = _layer(other)
            if mine is not None and theirs is not None and theirs < mine:
                upward.append(f"{module} -> {other}")
    assert sorted(upward) == []


#: Edges of the picture in docs/architecture.md, as imports: (importer, imported), each a
#: module or a package. Each must exist, and never the other way round.
PICTURE = (
    ("audit.formats", "audit.document"),  # file -> formats -> Document
    ("audit.engine", "audit.document"),  # Document -> engine
    ("audit.checks", "audit.engine.check"),  # engine -> checks -> Hit
    ("audit.engine", "audit.findings"),  # the engine builds Findings
    ("audit.reporters", "audit.findings"),  # Finding -> reporters
    ("audit.engine.document_audit", "audit.config"),  # it runs what AuditConfig lists
    ("audit.config", "audit.checks"),
    ("audit.run", "audit.worker"),  # run.py -> WorkerSettings -> engine
    ("audit.corpus", "audit.worker"),  # audit report: the same WorkerSettings
    ("audit.worker", "audit.mqm"),
    ("audit.fix", "audit.formats"),  # fix -> Format.encode/write
)


def _imports_between(graph: dict[str, set[str]], a: str, b: str) -> bool:
    return any(
        _under(module, (a,)) and any(_under(m, (b,)) for m in imported)
        for module, imported in graph.items()
    )


def test_the_architecture_picture_matches_the_imports() -> None:
    graph = import_graph()
    wrong = [
        f"{a} -> {b}"
        for a, b in PICTURE
        if not _imports_between(graph, a, b) or _imports_between(graph, b, a)
    ]
    assert wrong == []
    assert not _imports_between(graph, "audit.engine", "audit.checks")  # through AuditConfig
