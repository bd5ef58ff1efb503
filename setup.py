"""Packaging shim: ship the project's ontology/, data/ and shapes/ inside the wheel.

pyproject.toml holds the metadata; this file only adds the three top-level folders as package data
under ``iopkg/_embedded/`` (where :func:`iopkg.graph.default_project` looks when iopkg is installed
without a checkout), and every non-Python file under ``iopkg/`` (queries, templates, contexts).
"""

from pathlib import Path

from setuptools import find_packages, setup

EMBEDDED = ("ontology", "data", "shapes")


def files_under(folder: str) -> list[str]:
    root = Path(folder)
    return sorted(
        str(p.relative_to(root)) for p in root.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
    )


packages = find_packages(include=["iopkg", "iopkg.*"])
package_dir = {}
package_data = {"iopkg": [f for f in files_under("iopkg") if not f.endswith(".py")]}
for name in EMBEDDED:
    if Path(name).is_dir():
        package = f"iopkg._embedded.{name}"
        packages.append(package)
        package_dir[package] = name
        package_data[package] = files_under(name)

setup(packages=packages, package_dir=package_dir, package_data=package_data)
