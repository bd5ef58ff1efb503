"""Queries: the catalogue of ``.rq`` files, parameter binding, deadlines, endpoints and
result output.

One way to run a query: a :class:`~iopkg.sparql.source.Source` (the embedded store or a remote
endpoint) whose ``select``/``ask`` return a :class:`~iopkg.sparql.result.QueryResult`.
"""
