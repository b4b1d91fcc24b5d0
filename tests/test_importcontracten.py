"""The import contracts in pyproject.toml ([tool.importlinter]) hold, and they do catch breaches.

Each test runs `lint-imports` on a copy of the root packages and pyproject.toml in its own
tmp_path, with that folder as the working directory and the only PYTHONPATH entry, so the
real packages are never what gets linted. No cache is written (--no-cache). The breaches are
made in the copy only.
"""

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ROOT_PACKAGES = (
    "fondsbeveiliging",
    "aanvragen",
    "meldingen",
    "gegevens",
    "ondersteuning",
    "statistieken",
    "bewaring",
)
SHARED_CONTRACT = "Shared sub-apps of fondsbeveiliging never import an app"
MELDINGEN_CONTRACT = "meldingen never imports aanvragen (so never aanvragen.backoffice either)"
CYCLE_CONTRACT = "No import cycles between the modules and subpackages inside each app and sub-app"


def _python_only(directory: str, names: list[str]) -> list[str]:
    """copytree ignore: keep folders and .py files, drop caches, templates, fonts, assets."""
    return [
        name
        for name in names
        if name == "__pycache__"
        or (not name.endswith(".py") and not os.path.isdir(os.path.join(directory, name)))
    ]


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    for package in ROOT_PACKAGES:
        shutil.copytree(ROOT / package, tmp_path / package, ignore=_python_only)
    (tmp_path / "pyproject.toml").write_bytes((ROOT / "pyproject.toml").read_bytes())
    return tmp_path


def _append(path: Path, line: str) -> None:
    assert path.is_file(), f"{path} is gone; pick another module for this test"
    with path.open("a", encoding="utf-8") as handle:
        handle.write(f"\n{line}\n")


def _lint(directory: Path) -> tuple[int, str]:
    env = {
        **os.environ,
        "PYTHONPATH": str(directory),
        # rich wraps at 80 columns when not on a terminal; keep contract names on one line.
        "COLUMNS": "200",
        "NO_COLOR": "1",
    }
    env.pop("FORCE_COLOR", None)
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from importlinter.cli import lint_imports_command; lint_imports_command()",
            "--no-cache",
            "--no-logo",
        ],
        cwd=directory,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    output = result.stdout + result.stderr
    return result.returncode, " ".join(output.split())


def test_current_code_keeps_every_contract(copy):
    """The packages as they are keep every import contract."""
    code, output = _lint(copy)
    assert code == 0, output
    assert "5 kept, 0 broken" in output, output


def test_shared_sub_app_importing_an_app_breaks_the_contract(copy):
    """A shared sub-app that imports an app breaks the contract."""
    _append(
        copy / "fondsbeveiliging" / "termijnen" / "berekening.py",
        "import aanvragen.models  # noqa",
    )
    code, output = _lint(copy)
    assert code != 0, output
    assert f"{SHARED_CONTRACT} BROKEN" in output, output
    assert "fondsbeveiliging.termijnen.berekening -> aanvragen.models" in output, output


def test_meldingen_importing_aanvragen_breaks_the_contract(copy):
    """meldingen that imports the back office of aanvragen breaks the contract."""
    _append(copy / "meldingen" / "services.py", "import aanvragen.backoffice.services  # noqa")
    code, output = _lint(copy)
    assert code != 0, output
    assert f"{MELDINGEN_CONTRACT} BROKEN" in output, output
    assert "meldingen.services -> aanvragen.backoffice.services" in output, output


def test_import_cycle_inside_an_app_breaks_the_contract(copy):
    """Two modules of one app that import each other break the no-cycles contract."""
    # views imports models already; both lines make the cycle certain whatever the refactor does.
    _append(copy / "aanvragen" / "models" / "__init__.py", "import aanvragen.views  # noqa")
    _append(copy / "aanvragen" / "views.py", "import aanvragen.models  # noqa")
    code, output = _lint(copy)
    assert code != 0, output
    assert f"{CYCLE_CONTRACT} BROKEN" in output, output
    assert "No cycles are allowed in aanvragen." in output, output
    assert ".models -> .views" in output or ".views -> .models" in output, output


def test_every_shared_sub_app_is_under_the_layering_contract():
    """Each package directly inside fondsbeveiliging is a shared sub-app the contract covers.

    The composition root (settings, urls, celery, wsgi, admin_site, apps) are plain modules;
    a new sub-app package must be added to the contract's source_modules.
    """
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    contract = next(c for c in contracts if c["id"] == "shared-sub-apps-below-apps")
    sub_apps = {
        f"fondsbeveiliging.{path.parent.name}"
        for path in (ROOT / "fondsbeveiliging").glob("*/__init__.py")
    }
    assert set(contract["source_modules"]) == sub_apps
