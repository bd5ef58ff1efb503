"""iopkg: a knowledge graph of Swedish idéburet offentligt partnerskap (IOP) agreements.

>>> from iopkg import __version__
>>> __version__.count(".") >= 1
True
"""

__version__ = "0.1.0"
