"""A small in-tree PEP 517/660 build backend for this package, so that ``pip install plugins/python``
works offline: pip's isolated build environment cannot download setuptools where PyPI is out of reach,
and this backend needs nothing outside the standard library (tomllib, Python 3.11+; older Pythons get
``tomli`` through ``[build-system] requires``).

It builds a pure-Python ``py3-none-any`` wheel of the packages listed in ``[tool.hyperbus-build]``,
with the metadata of ``[project]``, an sdist of the tree, and an editable wheel (a ``.pth`` file).
"""

from __future__ import annotations

import base64
import hashlib
import io
import re
import tarfile
import zipfile
from pathlib import Path
from typing import Any, Optional

try:
    import tomllib
except ModuleNotFoundError:  # Python < 3.11
    import tomli as tomllib  # type: ignore[no-redef]

ROOT = Path(__file__).resolve().parent.parent
SKIP_PARTS = {"__pycache__", ".pytest_cache", ".ruff_cache"}


def _project() -> dict[str, Any]:
    with open(ROOT / "pyproject.toml", "rb") as handle:
        return tomllib.load(handle)


def _names(pyproject: dict[str, Any]) -> tuple[str, str]:
    project = pyproject["project"]
    return re.sub(r"[-_.]+", "_", project["name"]).lower(), project["version"]


def _metadata(pyproject: dict[str, Any]) -> str:
    project = pyproject["project"]
    lines = ["Metadata-Version: 2.1", f"Name: {project['name']}", f"Version: {project['version']}"]
    if "description" in project:
        lines.append(f"Summary: {project['description']}")
    if "requires-python" in project:
        lines.append(f"Requires-Python: {project['requires-python']}")
    license_text = (project.get("license") or {}).get("text")
    if license_text:
        lines.append(f"License: {license_text}")
    for requirement in project.get("dependencies", []):
        lines.append(f"Requires-Dist: {requirement}")
    for extra, requirements in project.get("optional-dependencies", {}).items():
        lines.append(f"Provides-Extra: {extra}")
        for requirement in requirements:
            marker = f'extra == "{extra}"'
            name, _, condition = requirement.partition(";")
            joined = f"{name.strip()}; ({condition.strip()}) and {marker}" if condition else \
                f"{name.strip()}; {marker}"
            lines.append(f"Requires-Dist: {joined}")
    readme = project.get("readme")
    body = ""
    if readme:
        lines.append("Description-Content-Type: text/markdown")
        body = (ROOT / readme).read_text(encoding="utf-8")
    return "\n".join(lines) + "\n\n" + body


def _package_files(pyproject: dict[str, Any]) -> list[Path]:
    files = []
    for package in pyproject["tool"]["hyperbus-build"]["packages"]:
        for path in sorted((ROOT / package).rglob("*")):
            skipped = SKIP_PARTS.intersection(path.parts) or path.suffix in (".pyc", ".pyo")
            if path.is_file() and not skipped:
                files.append(path)
    return files


def _entry_points(pyproject: dict[str, Any]) -> Optional[str]:
    scripts = pyproject["project"].get("scripts", {})
    if not scripts:
        return None
    return "[console_scripts]\n" + "".join(f"{name} = {target}\n" for name, target in scripts.items())


class _Wheel:
    def __init__(self, path: Path, dist_info: str) -> None:
        self._zip = zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED)
        self._dist_info = dist_info
        self._records: list[str] = []

    def add(self, name: str, data: bytes) -> None:
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        self._zip.writestr(zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0)), data)
        self._records.append(f"{name},sha256={digest},{len(data)}")

    def close(self) -> None:
        record = f"{self._dist_info}/RECORD"
        self._zip.writestr(zipfile.ZipInfo(record, date_time=(2020, 1, 1, 0, 0, 0)),
                           "\n".join(self._records + [f"{record},,"]) + "\n")
        self._zip.close()


def _write_dist_info(wheel: _Wheel, dist_info: str, pyproject: dict[str, Any]) -> None:
    wheel.add(f"{dist_info}/METADATA", _metadata(pyproject).encode("utf-8"))
    wheel.add(f"{dist_info}/WHEEL", b"Wheel-Version: 1.0\nGenerator: hyperbus_build\nRoot-Is-Purelib: true\n"
                                    b"Tag: py3-none-any\n")
    entry_points = _entry_points(pyproject)
    if entry_points:
        wheel.add(f"{dist_info}/entry_points.txt", entry_points.encode("utf-8"))
    licence = ROOT / "LICENSE"
    if licence.is_file():
        wheel.add(f"{dist_info}/LICENSE", licence.read_bytes())


def _build(wheel_directory: str, editable: bool) -> str:
    pyproject = _project()
    name, version = _names(pyproject)
    dist_info = f"{name}-{version}.dist-info"
    filename = f"{name}-{version}-py3-none-any.whl"
    wheel = _Wheel(Path(wheel_directory) / filename, dist_info)
    if editable:
        wheel.add(f"__editable__.{name}.pth", (str(ROOT) + "\n").encode("utf-8"))
    else:
        for path in _package_files(pyproject):
            wheel.add(path.relative_to(ROOT).as_posix(), path.read_bytes())
    _write_dist_info(wheel, dist_info, pyproject)
    wheel.close()
    return filename


def get_requires_for_build_wheel(config_settings: Optional[dict[str, Any]] = None) -> list[str]:
    return []


def get_requires_for_build_sdist(config_settings: Optional[dict[str, Any]] = None) -> list[str]:
    return []


def get_requires_for_build_editable(config_settings: Optional[dict[str, Any]] = None) -> list[str]:
    return []


def prepare_metadata_for_build_wheel(metadata_directory: str,
                                     config_settings: Optional[dict[str, Any]] = None) -> str:
    pyproject = _project()
    name, version = _names(pyproject)
    dist_info = Path(metadata_directory) / f"{name}-{version}.dist-info"
    dist_info.mkdir(parents=True, exist_ok=True)
    (dist_info / "METADATA").write_text(_metadata(pyproject), encoding="utf-8")
    entry_points = _entry_points(pyproject)
    if entry_points:
        (dist_info / "entry_points.txt").write_text(entry_points, encoding="utf-8")
    return dist_info.name


prepare_metadata_for_build_editable = prepare_metadata_for_build_wheel


def build_wheel(wheel_directory: str, config_settings: Optional[dict[str, Any]] = None,
                metadata_directory: Optional[str] = None) -> str:
    return _build(wheel_directory, editable=False)


def build_editable(wheel_directory: str, config_settings: Optional[dict[str, Any]] = None,
                   metadata_directory: Optional[str] = None) -> str:
    return _build(wheel_directory, editable=True)


def build_sdist(sdist_directory: str, config_settings: Optional[dict[str, Any]] = None) -> str:
    pyproject = _project()
    name, version = _names(pyproject)
    base = f"{name}-{version}"
    filename = f"{base}.tar.gz"
    with tarfile.open(Path(sdist_directory) / filename, "w:gz", format=tarfile.PAX_FORMAT) as sdist:
        members = [ROOT / "pyproject.toml", ROOT / "README.md", ROOT / "LICENSE", *_package_files(pyproject),
                   *sorted((ROOT / "build_backend").glob("*.py"))]
        for path in members:
            if path.is_file():
                sdist.add(path, arcname=f"{base}/{path.relative_to(ROOT).as_posix()}")
        info = _metadata(pyproject).encode("utf-8")
        member = tarfile.TarInfo(f"{base}/PKG-INFO")
        member.size = len(info)
        sdist.addfile(member, io.BytesIO(info))
    return filename


__all__ = [name for name in dir() if name.startswith(("build_", "get_requires_", "prepare_"))]
