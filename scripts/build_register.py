"""Generate data/register.ttl from the register's CSV folder data/register/ (docs/data-model.md).

Run after editing data/register/*.csv: ``python scripts/build_register.py``. The test
tests/test_register_build.py fails while the file is out of date.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from iopkg.errors import IopkgError  # noqa: E402
from iopkg.workbook.register import build_register  # noqa: E402


def main() -> int:
    try:
        built = build_register()
    except IopkgError as e:
        print(f"Error: {e}", file=sys.stderr)
        return 2
    print(
        f"Wrote {built.output}: {built.triples} triples, "
        f"{built.relabelled} label(s) kept as skos:altLabel",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
