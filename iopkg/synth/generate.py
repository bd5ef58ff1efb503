"""Synthetic IOP agreements for all 290 municipalities, for benchmarks and tests at scale.

The data has the same shape as ``data/agreements/*.ttl``: agreements with a period, a public
party (an administration serving a board), one to four idea-based organisations (some with a
valid organisation number), a decision, a source document, and one to four contributions
(funding flows with an amount for a period or a rate per year, some state funded, and help in
kind; the idea-based side always gives something). Municipalities are drawn weighted by their
2024 population from the project's reference data. Every resource is in the
:data:`~iopkg.namespaces.SYNTH` namespace and carries ``iop:isSynthetic true``. A chosen fraction
of agreements gets exactly one injected rule violation each (:class:`ViolationKind`), listed in a
JSON manifest next to the Turtle.

>>> import tempfile
>>> with tempfile.TemporaryDirectory() as d:
...     result = generate(20, Path(d), seed=7, violation_rate=0.1)
...     (result.agreements, len(result.violations), result.turtle_path.name)
(20, 2, 'synthetic.ttl')
"""

from __future__ import annotations

import io
import json
import random
import shutil
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pyoxigraph as ox

from iopkg.errors import SynthError
from iopkg.graph import Project, default_project, load_store
from iopkg.io import atomic_writer, check_output_target
from iopkg.namespaces import XSD
from iopkg.sparql.files import packaged_query
from iopkg.sparql.source import LocalSource
from iopkg.synth.model import (
    AgreementPlan,
    Contribution,
    Municipality,
    OrgPlan,
    ViolationKind,
    add_months,
    inject,
    luhn_org_number,
)
from iopkg.synth.render import EXECUTIVE, Renderer

#: Name of the Turtle file and of the manifest written into the output folder.
TURTLE_NAME = "synthetic.ttl"
MANIFEST_NAME = "manifest.json"
#: The population year that weights the municipalities.
POPULATION_YEAR = "2024"
FIRST_START = date(2010, 1, 1)
LAST_END = date(2030, 12, 31)
_CHUNK = 1000


@dataclass(frozen=True)
class InjectedViolation:
    """One rule broken on purpose.

    :param kind: which rule.
    :param focus: IRI of the node a validator should report.
    :param agreement: IRI of the agreement the node belongs to.
    """

    kind: ViolationKind
    focus: str
    agreement: str


@dataclass(frozen=True)
class SynthResult:
    """What :func:`generate` wrote.

    :param turtle_path: the Turtle file.
    :param manifest_path: the JSON manifest of injected violations.
    :param agreements: number of agreements.
    :param triples: number of triples written.
    :param violations: the injected violations, in agreement order.
    """

    turtle_path: Path
    manifest_path: Path
    agreements: int
    triples: int
    violations: tuple[InjectedViolation, ...]

    def counts(self) -> dict[str, int]:
        """Injected violations per kind, most frequent first."""
        return dict(Counter(v.kind.value for v in self.violations).most_common())


def municipalities(
    project: Project | None = None, year: str = POPULATION_YEAR
) -> list[Municipality]:
    """The municipalities of the reference data, with county and population, ordered by code.

    :param project: the project whose ``data/reference`` is read; the default when omitted.
    :param year: the year of the population figures.
    :raises SynthError: when the reference data holds no municipality with a population that year.

    >>> ms = municipalities()
    >>> len(ms), ms[0].code, max(ms, key=lambda m: m.inhabitants).name
    (290, '0114', 'Stockholm')
    """
    project = project or default_project()
    store = load_store([project.data_dir / "reference"], include_ontology=False, project=project)
    gyear = ox.NamedNode(str(XSD.gYear))
    rows = (
        LocalSource(store)
        .select(
            packaged_query("internal/municipality-populations"),
            {"year": ox.Literal(year, datatype=gyear)},
        )
        .solutions()
    )
    result = [
        Municipality(
            r["code"].value,
            r["name"].value,
            r["county"].value,  # type: ignore[union-attr]
            r["countyCode"].value,
            r["countySv"].value,  # type: ignore[union-attr]
            r["countyEn"].value,
            int(r["inhabitants"].value),
        )  # type: ignore[union-attr]
        for r in rows
    ]
    if not result:
        raise SynthError(
            f"{project.data_dir / 'reference'}: no municipality has a population figure for {year}"
        )
    return result


def generate(
    agreements: int,
    out_dir: Path,
    *,
    seed: int = 1,
    violation_rate: float = 0.0,
    project: Project | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> SynthResult:
    """Write ``agreements`` synthetic agreements to ``out_dir/synthetic.ttl`` and a manifest.

    The output is byte-identical for the same ``agreements``, ``seed`` and ``violation_rate``;
    agreements without an injected violation do not depend on ``violation_rate``.

    :param agreements: how many agreements (at least 1).
    :param out_dir: the output folder, created when missing.
    :param seed: seed of the random generator.
    :param violation_rate: fraction (0..1) of agreements that get one injected violation.
    :param project: where the reference data is read; the default project when omitted.
    :param on_progress: called with the number of agreements done, now and then.
    :raises SynthError: for a bad count or rate, or an output folder that cannot be written.
    """
    if agreements < 1:
        raise SynthError(f"--agreements must be at least 1, not {agreements}")
    if not 0.0 <= violation_rate <= 1.0:
        raise SynthError(f"--violations must be a fraction between 0 and 1, not {violation_rate}")
    check_fits(agreements, out_dir)
    _prepare_dir(out_dir)
    munis = municipalities(project)
    rng = random.Random(seed)
    vrng = random.Random(f"violations-{seed}")
    total = sum(m.inhabitants for m in munis)
    cum, acc = [], 0
    for m in munis:
        acc += m.inhabitants
        cum.append(acc)
    picks = rng.choices(range(len(munis)), cum_weights=cum, k=agreements)
    n_bad = round(violation_rate * agreements)
    bad = dict.fromkeys(sorted(vrng.sample(range(agreements), n_bad)))
    kinds = list(ViolationKind)
    for i in bad:
        bad[i] = vrng.choice(kinds)
    renderer = Renderer()
    planner = _Planner(rng, munis, agreements, total)
    injected: list[InjectedViolation] = []
    turtle = out_dir / TURTLE_NAME
    with _atomic(turtle) as fh:
        fh.write(renderer.prefixes())
        parts: list[str] = []
        for i, mi in enumerate(picks):
            plan = planner.plan(i, munis[mi])
            kind = bad.get(i)
            if kind is not None:
                focus = inject(plan, kind, vrng, planner.known_codes)
                injected.append(InjectedViolation(kind, focus, plan.iri))
            planner.render_shared(plan, renderer, parts)
            renderer.agreement(plan, parts)
            if (i + 1) % _CHUNK == 0:
                fh.write("".join(parts))
                parts.clear()
                if on_progress:
                    on_progress(i + 1)
        fh.write("".join(parts))
    if on_progress:
        on_progress(agreements)
    manifest = out_dir / MANIFEST_NAME
    result = SynthResult(turtle, manifest, agreements, renderer.triples, tuple(injected))
    _write_manifest(result, seed, violation_rate)
    return result


class _Planner:
    """Draws agreements, and the shared resources (units, organisations) they refer to."""

    def __init__(self, rng: random.Random, munis: list[Municipality], n: int, total: int) -> None:
        self.rng = rng
        self.n = n
        self.total = total
        self.known_codes = frozenset(m.code for m in munis)
        self.pool: dict[str, list[OrgPlan]] = {}
        self.guideline_max: dict[str, int] = {}
        self.numbers: set[str] = set()
        self.emitted: set[str] = set()

    def _org_pool(self, m: Municipality) -> list[OrgPlan]:
        pool = self.pool.get(m.code)
        if pool is None:
            expected = self.n * m.inhabitants / self.total
            size = max(2, round(expected * 0.5))
            pool = self.pool[m.code] = [None] * size  # type: ignore[list-item]
        return pool

    def _org(self, m: Municipality, j: int) -> OrgPlan:
        pool = self._org_pool(m)
        org = pool[j]
        if org is None:
            number = None
            if self.rng.random() < 0.6:
                number = self._number()
                while number in self.numbers:
                    number = self._number()
                self.numbers.add(number)
            org = pool[j] = OrgPlan(f"org/{m.code}-{j + 1:04d}", m, j, number)
        return org

    def _number(self) -> str:
        # first digit 8 (non-profit associations), digits 3-4 at least 20 (not a birth month)
        return luhn_org_number(self.rng, f"8{self.rng.randrange(10)}{self.rng.randint(20, 99)}")

    def plan(self, i: int, m: Municipality) -> AgreementPlan:
        """Draw agreement number ``i`` in municipality ``m``."""
        rng = self.rng
        months = rng.randint(6, 36)
        latest = (LAST_END.year - FIRST_START.year) * 12 + 12 - months
        k = rng.randrange(latest)
        start = date(
            FIRST_START.year + k // 12, k % 12 + 1, 1 if rng.random() < 0.7 else rng.randint(2, 28)
        )
        end = add_months(start, months) - timedelta(days=1)
        domain = rng.choice((0, 0, 0, 1, 1, 2, 3, 4, 5))
        pool = self._org_pool(m)
        nparties = rng.choices((1, 2, 3, 4), weights=(80, 15, 4, 1))[0]
        parties = [
            self._org(m, j) for j in sorted(set(rng.randrange(len(pool)) for _ in range(nparties)))
        ]
        gl_max = self.guideline_max.setdefault(m.code, rng.choice((24, 36)))
        follows = months <= gl_max and rng.random() < 0.25
        review = None
        if rng.random() < 0.4:
            review = start + timedelta(days=rng.randrange((end - start).days + 1))
        decided = start - timedelta(days=rng.randint(14, 120))
        plan = AgreementPlan(
            i,
            m,
            domain,
            start,
            end,
            months,
            parties,
            decided,
            rng.randint(1, 300),
            review,
            gl_max if follows else None,
            municipality_guideline_max=gl_max,
        )
        ncontrib = rng.choices((1, 2, 3, 4), weights=(25, 45, 22, 8))[0]
        giver = rng.choice(parties)
        plan.contributions.append(
            Contribution("inkind", giver=giver.local, recipient=None, kind=rng.choice(IDEA_IN_KIND))
        )
        money = [c for c in range(ncontrib - 1) if c == 0 or rng.random() < 0.8]
        for _ in range(ncontrib - 1 - len(money)):
            plan.contributions.append(
                Contribution(
                    "inkind", giver=None, recipient=giver.local, kind=rng.choice(PUBLIC_IN_KIND)
                )
            )
        self._money(plan, len(money))
        return plan

    def _money(self, plan: AgreementPlan, count: int) -> None:
        rng = self.rng
        # consecutive parts of the period, one per municipal flow; a state grant spans it all
        state = count > 1 and rng.random() < 0.3
        municipal = count - 1 if state else count
        bounds = [round(plan.months * p / max(municipal, 1)) for p in range(municipal + 1)]
        for p in range(municipal):
            fstart = plan.start if p == 0 else add_months(plan.start, bounds[p])
            fend = (
                plan.end
                if p == municipal - 1
                else add_months(plan.start, bounds[p + 1]) - timedelta(days=1)
            )
            rate = rng.random() < 0.3
            value = rng.randint(2, 150) * (5000 if rate else 10000)
            plan.contributions.append(
                Contribution(
                    "rate" if rate else "amount",
                    recipient=rng.choice(plan.parties).local,
                    value=value,
                    start=fstart,
                    end=fend,
                    source="municipal",
                )
            )
        if state:
            plan.contributions.append(
                Contribution(
                    "amount",
                    recipient=rng.choice(plan.parties).local,
                    value=rng.randint(10, 120) * 10000,
                    start=plan.start,
                    end=plan.end,
                    source="state",
                )
            )

    def render_shared(self, plan: AgreementPlan, r: Renderer, parts: list[str]) -> None:
        """Render the units and organisations ``plan`` refers to, once each."""
        m = plan.municipality
        domains = [plan.domain]
        if plan.guideline_max is not None:
            domains.append(EXECUTIVE)  # the guideline was adopted by the executive board
        for domain in domains:
            key = f"unit/{m.code}-{domain}"
            if key not in self.emitted:
                self.emitted.add(key)
                r.units(m, domain, parts)
        for org in plan.parties:
            if org.local not in self.emitted:
                self.emitted.add(org.local)
                r.organisation(org, parts)
        if plan.guideline_max is not None and f"guideline/{m.code}" not in self.emitted:
            self.emitted.add(f"guideline/{m.code}")
            r.guideline(m, self.guideline_max[m.code], parts)
        if any(c.source == "state" for c in plan.contributions):
            if f"lst/{m.county_code}" not in self.emitted:
                self.emitted.add(f"lst/{m.county_code}")
                r.county_board(m, parts)


#: Kinds of help in kind given by the idea-based side, and by the public side.
IDEA_IN_KIND = ("volunteer-work", "volunteer-work", "knowledge", "premises", "staff-time")
PUBLIC_IN_KIND = ("premises", "staff-time", "communication", "it-system", "training")


#: Measured (bench/, 1 000 and 10 000 agreements): 2.9 KB of Turtle per agreement, and under
#: 200 bytes of memory per agreement beyond the ~100 MB the process starts with; with margin.
DISK_PER_AGREEMENT = 3_500
MEMORY_PER_AGREEMENT = 400
MEMORY_BASE = 150 << 20


def estimate(agreements: int) -> tuple[int, int]:
    """Bytes of disk and of memory :func:`generate` needs for ``agreements``.

    >>> disk, memory = estimate(1000)
    >>> 2_000_000 < disk < 5_000_000 and memory < 1 << 30
    True
    """
    return agreements * DISK_PER_AGREEMENT, MEMORY_BASE + agreements * MEMORY_PER_AGREEMENT


def _available_memory() -> int | None:
    try:
        with open("/proc/meminfo", encoding="ascii") as f:
            for line in f:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


def check_fits(agreements: int, out_dir: Path) -> None:
    """Refuse a size whose output cannot fit the free disk space or whose run cannot fit the
    available memory, with the estimate.

    :raises SynthError: naming the estimate and what is free.
    """
    disk, memory = estimate(agreements)
    folder = Path(out_dir)
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    try:
        free = shutil.disk_usage(folder).free
    except OSError:
        free = None
    if free is not None and disk > free:
        raise SynthError(
            f"--agreements {agreements}: the output needs about {_size(disk)} and {folder} has "
            f"{_size(free)} free; give fewer agreements"
        )
    available = _available_memory()
    if available is not None and memory > available:
        raise SynthError(
            f"--agreements {agreements}: generating needs about {_size(memory)} of memory and "
            f"{_size(available)} is available; give fewer agreements"
        )


def _size(n: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB", "TB", "PB"):
        if n < 1000 or unit == "PB":
            return f"{n:.0f} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1000  # type: ignore[assignment]
    return str(n)


def _prepare_dir(out_dir: Path) -> None:
    check_output_target(out_dir)  # not into the project's data/ unless asked
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        probe = tempfile.NamedTemporaryFile(dir=out_dir, prefix=".probe-", delete=True)
        probe.close()
    except OSError as e:
        raise SynthError(f"{out_dir}: cannot write the output folder: {e.strerror or e}") from None


@contextmanager
def _atomic(path: Path) -> Iterator[io.TextIOWrapper]:
    """UTF-8 text written through :func:`iopkg.io.atomic_writer` (``\\n`` line ends)."""
    with atomic_writer(path) as raw:
        fh = io.TextIOWrapper(raw, encoding="utf-8", newline="\n")
        yield fh
        fh.flush()
        fh.detach()  # atomic_writer syncs and closes the file


def _write_manifest(result: SynthResult, seed: int, rate: float) -> None:
    doc = {
        "generator": "iopkg synth",
        "seed": seed,
        "agreements": result.agreements,
        "violation_rate": rate,
        "triples": result.triples,
        "turtle": result.turtle_path.name,
        "injected": len(result.violations),
        "counts": result.counts(),
        "violations": [
            {
                "kind": v.kind.value,
                "severity": v.kind.severity,
                "focus": v.focus,
                "agreement": v.agreement,
            }
            for v in result.violations
        ],
    }
    with _atomic(result.manifest_path) as fh:
        json.dump(doc, fh, ensure_ascii=False, indent=1)
        fh.write("\n")
