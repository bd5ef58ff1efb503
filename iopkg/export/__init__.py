"""Exports: deterministic RDF dumps, JSON-LD, network files and CSV tables."""
