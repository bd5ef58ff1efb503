"""Validation: the validate API, report types and formats, the pySHACL engine and the fast engine
(shapes translated to SPARQL)."""
