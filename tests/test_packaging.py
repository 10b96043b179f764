"""pyproject.toml is the one dependency list; environment.yml must mirror it."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent

CONDA_NAMES = {"duckdb": "python-duckdb", "ibis-framework": "ibis-framework-core"}
"""PyPI names whose conda-forge package is named differently."""


def _split(requirement: str) -> tuple[str, str]:
    match = re.match(r"^([A-Za-z0-9_.-]+)(?:\[[^\]]+\])?\s*(.*)$", requirement.strip())
    assert match, requirement
    return match.group(1).lower(), match.group(2).replace(" ", "")


def pyproject_requirements() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    reqs = {}
    for requirement in project["dependencies"] + project["optional-dependencies"]["dev"]:
        name, spec = _split(requirement)
        reqs.setdefault(CONDA_NAMES.get(name, name), spec)
    return reqs


def conda_requirements() -> dict[str, str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    reqs = {}
    for item in env["dependencies"]:
        if isinstance(item, str) and not item.startswith(("python=", "pip")):
            name, spec = _split(item)
            reqs[name] = spec
    return reqs


def test_environment_yml_mirrors_pyproject():
    assert pyproject_requirements() == conda_requirements()


def test_console_script_and_ci_call_the_readme_command():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["scripts"]["dtlib"] == "dtlib.cli:main"
    assert "make test" in (ROOT / ".ci" / "run").read_text()
    readme = (ROOT / "README.md").read_text()
    assert "make report" in readme and "make test" in readme


def test_package_data_ships_every_data_file_and_names_no_missing_folder():
    """A data folder that moves (as the vendored assets did, into drawing/) must move in package-data too."""
    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]["dtlib"]
    package = ROOT / "dtlib"
    matched = {path for pattern in patterns for path in package.glob(pattern) if path.is_file()}
    for pattern in patterns:
        assert any(path.is_file() for path in package.glob(pattern)), f"package-data {pattern!r} matches no file"
    data_files = {path for path in package.rglob("*") if path.is_file() and path.suffix not in {".py", ".pyc"}
                  and "__pycache__" not in path.parts}
    assert data_files and not data_files - matched, sorted(str(p.relative_to(ROOT)) for p in data_files - matched)
