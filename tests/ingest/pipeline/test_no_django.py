"""The pipeline is plain Python: nothing under ingest/pipeline may import Django."""
import ast
from pathlib import Path

import ingest.pipeline

PIPELINE_DIR = Path(ingest.pipeline.__file__).parent


def _imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_no_pipeline_module_imports_django():
    offenders = {
        path.name: sorted(m for m in _imported_modules(path) if m == "django" or m.startswith("django.")
                          or m.split(".")[0] in ("rest_framework", "incidents"))
        for path in PIPELINE_DIR.rglob("*.py")
    }
    assert {name: mods for name, mods in offenders.items() if mods} == {}
