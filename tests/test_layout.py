"""Project layout rules: stage logic stays free of Prefect; seeds are the shared inputs byte for byte."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
STAGE_MODULES = sorted((ROOT / "flows" / "stages").glob("*.py")) + [ROOT / "flows" / "nlp.py"]


def imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", STAGE_MODULES, ids=lambda p: p.name)
def test_stage_modules_do_not_import_prefect(path):
    assert not {n for n in imported_modules(path) if n == "prefect" or n.startswith("prefect.")}


def test_only_the_pipeline_imports_prefect():
    importers = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "flows").rglob("*.py")
                       if any(n.split(".")[0] == "prefect" for n in imported_modules(p)))
    assert importers == ["flows/pipeline.py"]


def test_the_import_check_catches_a_prefect_import(tmp_path):
    module = tmp_path / "bad.py"
    module.write_text("from prefect import task\n", encoding="utf-8")
    assert "prefect" in imported_modules(module)


def test_seed_files_are_the_five_articles():
    names = sorted(p.name for p in (ROOT / "seeds").glob("*.txt"))
    assert names == ["000_85813cec69365ed6.txt", "001_4a1d6724c2426e03.txt", "002_0bbbe4c8297b86fb.txt",
                     "003_634d7682466cca9f.txt", "004_5a37d0f3e9fba04a.txt"]
