"""The package's layers are declared in pyproject.toml ([tool.importlinter], checked by
``lint-imports`` in the test command); what that contract cannot see is checked here."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "legalsite"


def _nested_imports(tree: ast.Module) -> list[tuple[int, str]]:
    """Imports of legalsite written inside a function or class body: a lazy import that would
    hide a cycle or a layer crossed upwards from a reader (the contract sees it, a reader of the
    module's head does not)."""
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            continue
        for inner in ast.walk(node):
            if isinstance(inner, ast.ImportFrom) and (inner.module or "").startswith("legalsite"):
                found.append((inner.lineno, inner.module or ""))
            elif isinstance(inner, ast.Import):
                found += [
                    (inner.lineno, a.name) for a in inner.names if a.name.startswith("legalsite")
                ]
    return found


def test_the_package_imports_itself_only_at_the_top_of_each_module() -> None:
    nested = [
        f"{path.relative_to(PACKAGE.parent)}:{line}: {module}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for line, module in _nested_imports(ast.parse(path.read_text(encoding="utf-8")))
    ]
    assert nested == []


def test_every_layer_is_declared_in_the_contract() -> None:
    """A new folder under legalsite/ is a new layer: it must be placed in the contract."""
    config = tomllib.loads((PACKAGE.parent / "pyproject.toml").read_text(encoding="utf-8"))
    (layers,) = [c for c in config["tool"]["importlinter"]["contracts"] if c["type"] == "layers"]
    declared = {name.strip() for layer in layers["layers"] for name in layer.split("|")}
    packages = {p.parent.name for p in PACKAGE.glob("*/__init__.py")}
    modules = {p.stem for p in PACKAGE.glob("*.py")} - {"__init__", "__main__"}
    assert declared == packages | modules
