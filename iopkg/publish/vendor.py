"""Browser libraries that a site uses, installed from npm at build time (``npm ci`` in ``js/``,
see ``js/package.json``) and copied into the site at publish time; none is in the repository.

- SheetJS (``xlsx``): the search page's XLSX download, loaded only when asked for;
- graphology and sigma: the interactive funding network.

The folder is ``$IOPKG_JS_DIR`` or ``js/node_modules`` of the checkout. When a library is missing
the site still works without that feature, and :func:`copy_vendor` says which are missing.
"""

from __future__ import annotations

import os
from pathlib import Path

from iopkg.publish.files import write_bytes

#: Each library: the file the site loads, and its licence, under ``node_modules``.
LIBRARIES: dict[str, tuple[str, str]] = {
    "xlsx.full.min.js": ("xlsx/dist/xlsx.full.min.js", "xlsx/LICENSE"),
    "graphology.umd.min.js": ("graphology/dist/graphology.umd.min.js", "graphology/LICENSE.txt"),
    "sigma.min.js": ("sigma/dist/sigma.min.js", "sigma/LICENSE.txt"),
}
VENDOR_DIR = "assets/vendor"


def node_modules() -> Path:
    """Where the npm packages are installed."""
    env = os.environ.get("IOPKG_JS_DIR")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[2] / "js" / "node_modules"


def copy_vendor(out: Path) -> list[str]:
    """Copy the libraries (and their licences) into ``out/assets/vendor``.

    :param out: the publication folder (being built).
    :return: the names of the libraries that were not installed (the features they serve are
        left out of the site).
    """
    source = node_modules()
    missing = []
    target = out / VENDOR_DIR
    for name, (path, licence) in LIBRARIES.items():
        src = source / path
        if not src.is_file():
            missing.append(name)
            continue
        target.mkdir(parents=True, exist_ok=True)
        write_bytes(target / name, src.read_bytes())
        lic = source / licence
        if lic.is_file():
            write_bytes(target / (name.split(".")[0] + ".LICENSE.txt"), lic.read_bytes())
    return missing
