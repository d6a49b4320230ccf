"""``pip install plugins/python`` into a fresh venv works offline: the build backend downloads nothing."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

from conftest import PACKAGE_ROOT


def test_pip_install_with_the_examples_extra_into_a_fresh_venv_gives_both_packages_and_the_script(
        tmp_path: Path) -> None:
    environment = tmp_path / "venv"
    # System site-packages: numpy, pika, pandas, scikit-learn come from Debian, as on a machine without PyPI.
    venv.EnvBuilder(system_site_packages=True, with_pip=True).create(environment)
    python = environment / "bin" / "python"
    clean = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PIP_NO_BUILD_ISOLATION")}
    installed = subprocess.run([str(python), "-m", "pip", "install", f"{PACKAGE_ROOT}[examples,client]"],
                               cwd=tmp_path, env=clean, capture_output=True, text=True, timeout=300)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    assert "Successfully installed hyperbus-0.2.0" in installed.stdout

    probe = subprocess.run([str(python), "-c", (
        "import hyperbus, hyperbus_trainer, hyperbus_trainer.examples.sklearn_svc, importlib.metadata as m;"
        "print(hyperbus.__file__); print(hyperbus_trainer.__file__);"
        "print(m.version('hyperbus')); print(sorted(m.metadata('hyperbus').get_all('Provides-Extra')))")],
        cwd=tmp_path, env=clean, capture_output=True, text=True, timeout=120)
    assert probe.returncode == 0, probe.stderr
    client, trainer, version, extras = probe.stdout.strip().splitlines()
    site = str(environment / "lib")
    # The installed copies, not the source tree.
    assert client.startswith(site) and trainer.startswith(site), probe.stdout
    assert version == "0.2.0"
    assert extras == "['client', 'examples', 'test', 'torch']"

    script = subprocess.run([str(environment / "bin" / "hyperbus-trainer"), "--help"], cwd=tmp_path,
                            env=clean, capture_output=True, text=True, timeout=120)
    assert script.returncode == 0 and "--rabbitmq" in script.stdout, script.stderr


def test_the_build_backend_needs_no_build_requirements_on_this_python() -> None:
    sys.path.insert(0, str(PACKAGE_ROOT / "build_backend"))
    try:
        import hyperbus_build
    finally:
        sys.path.pop(0)
    assert hyperbus_build.get_requires_for_build_wheel() == []
    assert sys.version_info < (3, 11) or "tomllib" in sys.modules
