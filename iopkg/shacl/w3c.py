"""The W3C SHACL test suite (data-shapes/data-shapes-test-suite) run through :func:`validate`.

The suite is a tree of Turtle manifests (``mf:include`` for sub-manifests, ``mf:entries`` for the
tests); each ``sht:Validate`` test names a data graph and a shapes graph (files, often the
manifest itself, named by IRIs relative to the file's URL) and gives either the expected
``sh:ValidationReport`` or ``sht:Failure`` (the shapes must be refused). :func:`read_suite` turns
the manifests into :class:`W3cTest` objects; :func:`run_test` validates one with an engine and
says whether the report matches (``sh:conforms``, and the results compared as a set of
focus node, path, value, constraint component and severity; blank nodes compare as equal to any
blank node, complex paths as ``(complex path)``). ``scripts/w3c_shacl_report.py`` prints the
per-folder table of docs/validation.md; tests/test_w3c_shacl.py runs every test in CI.

>>> suite = Path(__file__).parents[3] / "shared" / "reference" / "w3c-shacl-tests"
>>> tests = read_suite(suite) if suite.is_dir() else []
>>> len(tests) in (0, 121)
True
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlparse

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, XSD
from rdflib.term import Node

from iopkg.errors import IopkgError
from iopkg.namespaces import MF, SH, SHT, bind_prefixes, curie
from iopkg.shacl.validate import Engine, Severity, ValidationReport, ValidationResult, validate

__all__ = [
    "ResultKey",
    "W3cTest",
    "Outcome",
    "read_suite",
    "run_test",
    "result_key",
    "folder_counts",
    "markdown_table",
]

#: A result as compared with the suite: (focus node, path, value, component, severity).
ResultKey = tuple[str, str | None, str | None, str, str]

_NS = bind_prefixes(Graph()).namespace_manager
#: What a blank node (focus node or value) is compared as.
BLANK = "_:"


@dataclass(frozen=True)
class W3cTest:
    """One ``sht:Validate`` entry of the suite.

    :param name: its path in the suite without ``.ttl``, e.g. ``core/node/class-001``.
    :param label: its ``rdfs:label``.
    :param data: the data graph file.
    :param shapes: the shapes graph file.
    :param failure: True when the expected result is ``sht:Failure`` (refuse the shapes).
    :param conforms: the expected ``sh:conforms`` (False for a failure test).
    :param results: the expected results, as :data:`ResultKey`.
    """

    name: str
    label: str
    data: Path
    shapes: Path
    failure: bool
    conforms: bool = False
    results: frozenset[ResultKey] = frozenset()

    @property
    def folder(self) -> str:
        """The suite folder, e.g. ``core/node``."""
        return self.name.rsplit("/", 1)[0]


@dataclass
class Outcome:
    """What iopkg gave for one test with one engine.

    :param test: the test.
    :param engine: the engine.
    :param conforms: the report's ``conforms`` (None when the shapes were refused).
    :param results: the report's results, as :data:`ResultKey`.
    :param fallback: shapes the fast engine left to pySHACL (empty with ``pyshacl``).
    :param error: the one-line error when iopkg refused the shapes or data.
    """

    test: W3cTest
    engine: Engine
    conforms: bool | None = None
    results: frozenset[ResultKey] = frozenset()
    fallback: tuple[tuple[str, str], ...] = ()
    error: str | None = None

    @property
    def passed(self) -> bool:
        """True when iopkg gave what the suite expects."""
        if self.test.failure:
            return self.error is not None
        return (
            self.error is None
            and self.conforms == self.test.conforms
            and self.results == self.test.results
        )

    @property
    def handled_by(self) -> str:
        """``refused``, ``fast`` (no fallback) or ``fallback`` (some shapes went to pySHACL)."""
        if self.error is not None:
            return "refused"
        return "fallback" if self.fallback else "fast"


def read_suite(root: Path, manifest: str = "manifest.ttl") -> list[W3cTest]:
    """Every ``sht:Validate`` test reachable from ``root/manifest`` by ``mf:include``.

    :param root: the suite folder (holds ``manifest.ttl``, ``core/``, ``sparql/``).
    :param manifest: the manifest to start from, relative to ``root``.
    :raises FileNotFoundError: when a manifest is missing.
    """
    root = root.resolve()
    tests: list[W3cTest] = []
    seen: set[Path] = set()
    todo = [root / manifest]
    while todo:
        path = todo.pop(0)
        if path in seen:
            continue
        seen.add(path)
        if not path.is_file():
            raise FileNotFoundError(f"{path}: manifest not found")
        g = Graph()
        g.parse(path, format="turtle", publicID=path.as_uri())
        me = URIRef(path.as_uri())
        todo += [_path(i) for i in g.objects(me, MF.include)]
        for entries in g.objects(me, MF.entries):
            for entry in Collection(g, entries):
                if (entry, RDF.type, SHT.Validate) in g:
                    tests.append(_test(g, entry, root))
    return sorted(tests, key=lambda t: t.name)


def _path(iri: Node) -> Path:
    url = urlparse(str(iri))
    if url.scheme != "file":
        raise ValueError(f"{iri}: not a file IRI")
    return Path(unquote(url.path))


def _test(g: Graph, entry: Node, root: Path) -> W3cTest:
    action = g.value(entry, MF.action)
    result = g.value(entry, MF.result)
    name = _path(entry).relative_to(root).as_posix().removesuffix(".ttl")
    label = str(g.value(entry, RDFS.label) or name)
    data, shapes = _path(g.value(action, SHT.dataGraph)), _path(g.value(action, SHT.shapesGraph))
    if result == SHT.Failure:
        return W3cTest(name, label, data, shapes, failure=True)
    conforms = g.value(result, SH.conforms)
    keys = frozenset(_expected(g, r) for r in g.objects(result, SH.result))
    return W3cTest(name, label, data, shapes, False, bool(conforms.toPython()), keys)


def _expected(g: Graph, r: Node) -> ResultKey:
    return (
        _node(g.value(r, SH.focusNode)),
        path_text(g, g.value(r, SH.resultPath)),
        _value(g.value(r, SH.value)),
        curie(str(g.value(r, SH.sourceConstraintComponent))),
        _severity(str(g.value(r, SH.resultSeverity))),
    )


def _severity(iri: str) -> str:
    try:
        return Severity.from_iri(iri).value
    except ValueError:  # a severity of the shapes' own
        return iri


def _node(node: Node | None) -> str:
    if isinstance(node, BNode):
        return BLANK
    if isinstance(node, Literal):
        return str(node)
    return str(node)


def _value(node: Node | None) -> str | None:
    if node is None:
        return None
    if isinstance(node, URIRef):
        return curie(str(node))
    if isinstance(node, BNode):
        return BLANK
    if isinstance(node, Literal) and node.datatype == XSD.string:
        node = Literal(str(node))  # as the engines give it: a plain literal
    return node.n3(namespace_manager=_NS)


def path_text(g: Graph, path: Node | None) -> str | None:
    """A ``sh:resultPath`` as :class:`ValidationResult` gives it: a CURIE, ``^p``, ``p|q`` or
    ``(complex path)``.

    >>> path_text(Graph(), URIRef("http://e/p"))
    '<http://e/p>'
    """
    if path is None:
        return None
    if isinstance(path, URIRef):
        return curie(str(path))
    inverse = g.value(path, SH.inversePath)
    if isinstance(inverse, URIRef):
        return f"^{curie(str(inverse))}"
    alternatives = g.value(path, SH.alternativePath)
    if alternatives is not None:
        return "|".join(curie(str(i)) for i in Collection(g, alternatives))
    return "(complex path)"


def result_key(r: ValidationResult) -> ResultKey:
    """A result of iopkg's report as :data:`ResultKey` (blank nodes as ``_:``)."""
    focus = BLANK if r.focus_node.startswith("_:") else r.focus_node
    value = BLANK if r.value is not None and r.value.startswith("_:") else r.value
    return (focus, r.path, value, r.constraint_component, r.severity_iri or r.severity.value)


def run_test(test: W3cTest, engine: Engine) -> Outcome:
    """Validate ``test``'s data against its shapes with ``engine`` (data alone, no ontology).

    An :class:`~iopkg.errors.IopkgError` (shapes or data refused) is kept as the outcome's
    ``error``; any other exception propagates.
    """
    try:
        report: ValidationReport = validate(
            [test.data], shapes=[test.shapes], include_ontology=False, engine=engine, quiet=True
        )
    except IopkgError as e:
        return Outcome(test, engine, error=str(e))
    return Outcome(
        test,
        engine,
        conforms=report.conforms,
        results=frozenset(result_key(r) for r in report.results),
        fallback=report.fallback,
    )


@dataclass
class FolderCounts:
    """Per suite folder: tests, how the fast engine handled them, and how many passed."""

    tests: int = 0
    handled: Counter = field(default_factory=Counter)
    passed: Counter = field(default_factory=Counter)


def folder_counts(outcomes: list[Outcome]) -> dict[str, FolderCounts]:
    """Counts per folder of ``outcomes`` (one per test and engine)."""
    out: dict[str, FolderCounts] = {}
    for o in outcomes:
        c = out.setdefault(o.test.folder, FolderCounts())
        if o.engine is Engine.FAST:
            c.tests += 1
            c.handled[o.handled_by] += 1
        c.passed[o.engine] += o.passed
    return dict(sorted(out.items()))


def markdown_table(outcomes: list[Outcome]) -> str:
    """The per-folder table of docs/validation.md: tests, how the fast engine handled them
    (alone, with pySHACL for some shapes, or refused the shapes) and tests passed per engine."""
    counts = folder_counts(outcomes)
    total = FolderCounts()
    lines = [
        "| folder | tests | fast engine alone | fallback to pySHACL | refused (one line, exit 2) "
        "| pass: fast | pass: pyshacl |",
        "|---|--:|--:|--:|--:|--:|--:|",
    ]
    for folder, c in [*counts.items(), ("**total**", total)]:
        if c is not total:
            total.tests += c.tests
            total.handled.update(c.handled)
            total.passed.update(c.passed)
        lines.append(
            f"| {folder} | {c.tests} | {c.handled['fast']} | {c.handled['fallback']} "
            f"| {c.handled['refused']} | {c.passed[Engine.FAST]} | {c.passed[Engine.PYSHACL]} |"
        )
    return "\n".join(lines)
