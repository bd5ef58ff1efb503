"""Regenerate iopkg/export/context/iop.context.jsonld (the JSON-LD context) from the ontology.

Run after adding or renaming a term in ontology/iop.ttl; tests/test_export_rdf.py checks that the
shipped file matches the ontology.
"""

from __future__ import annotations

import json

from iopkg.export.rdf import CONTEXT_FILE, build_context
from iopkg.graph import load_store
from iopkg.io import write_bytes_atomic


def main() -> None:
    context = build_context(load_store(paths=[]))
    text = json.dumps(context, ensure_ascii=False, indent=2) + "\n"
    write_bytes_atomic(CONTEXT_FILE, text.encode("utf-8"))
    print(f"wrote {CONTEXT_FILE} ({len(context['@context'])} terms)")


if __name__ == "__main__":
    main()
