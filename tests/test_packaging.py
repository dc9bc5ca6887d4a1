"""The engine installs from the repository's root, so a "This view as code" snippet runs from any folder (issue 19)."""

from __future__ import annotations

import subprocess
import sys
import venv
from pathlib import Path

from ui import code_view

ROOT = Path(__file__).resolve().parents[1]


def test_pip_install_editable_makes_the_engine_importable_from_any_folder(tmp_path: Path) -> None:
    env = tmp_path / "env"
    venv.create(
        env, system_site_packages=True, with_pip=True
    )  # numpy and Pillow from this interpreter
    python = env / "bin" / "python"
    installed = subprocess.run(
        [python, "-m", "pip", "install", "--quiet", "--no-deps", "-e", str(ROOT)],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=tmp_path,
    )
    assert installed.returncode == 0, installed.stderr
    snippet = (
        "import hopfield\nprint(hopfield.__file__, hopfield.load_set('digits').patterns.shape)"
    )
    ran = subprocess.run(
        [python, "-c", snippet], capture_output=True, text=True, timeout=120, cwd=tmp_path
    )
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.split() == [str(ROOT / "hopfield" / "__init__.py"), "(10,", "90)"]
    bare = subprocess.run(
        [sys.executable, "-c", "import hopfield"],
        capture_output=True,
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin"},
    )
    assert (
        bare.returncode != 0
    )  # without the install, a folder other than the root cannot import the engine


def test_the_snippet_expander_and_the_readme_give_the_same_install_command() -> None:
    assert "`pip install -e .`" in code_view.SNIPPET_HOWTO
    assert "pip install -e ." in (ROOT / "README.md").read_text(encoding="utf-8")
