"""Analysis: the summary, the comparison across municipalities, funding rows, networks
and charts."""
