"""Print the per-folder table of the W3C SHACL test suite run through ``iopkg validate``.

Runs every test of the core and SPARQL manifests with the fast engine and with pySHACL (about
half a minute) and prints the Markdown table of docs/validation.md, section "W3C SHACL test
suite"; with ``--failures`` it also lists the tests an engine does not pass.

Example: .venv/bin/python scripts/w3c_shacl_report.py [--suite ../shared/reference/w3c-shacl-tests]
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from iopkg.shacl.validate import Engine
from iopkg.shacl.w3c import markdown_table, read_suite, run_test

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--suite", type=Path, default=ROOT.parent / "shared" / "reference" / "w3c-shacl-tests"
    )
    parser.add_argument("--failures", action="store_true", help="also list failing tests")
    args = parser.parse_args(argv)
    if not (args.suite / "manifest.ttl").is_file():
        print(f"Error: {args.suite}: no manifest.ttl (the W3C SHACL test suite)", file=sys.stderr)
        return 2
    logging.disable(logging.CRITICAL)  # rdflib logs every ill-typed literal it reads
    outcomes = [run_test(t, e) for t in read_suite(args.suite) for e in Engine]
    print(markdown_table(outcomes))
    if args.failures:
        for o in outcomes:
            if not o.passed:
                print(f"{o.engine.value}: {o.test.name}: {o.error or 'report differs'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
