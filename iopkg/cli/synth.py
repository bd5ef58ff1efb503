"""``iopkg synth``: synthetic agreements for all municipalities, with injected violations."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from iopkg.cli._common import QuietOption, command
from iopkg.progress import progress
from iopkg.synth.generate import generate


@command("synth")
def synth(
    agreements: Annotated[int, typer.Option("--agreements", "-n", help="How many agreements.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Output folder (created).")],
    seed: Annotated[int, typer.Option("--seed", help="Seed of the random generator.")] = 1,
    violations: Annotated[
        float,
        typer.Option(
            "--violations", help="Fraction of agreements given one injected rule violation."
        ),
    ] = 0.0,
    quiet: QuietOption = False,
) -> None:
    """Write synthetic IOP agreements (Turtle) and a manifest of injected violations.

    Example: iopkg synth --agreements 10000 --seed 1 --violations 0.02 -o out/synth
    """
    with progress("Generating agreements", total=max(agreements, 1), quiet=quiet) as advance:
        result = generate(
            agreements, output, seed=seed, violation_rate=violations, on_progress=advance
        )
    typer.echo(
        f"Wrote {result.agreements} synthetic agreements ({result.triples} triples) "
        f"to {result.turtle_path}"
    )
    counts = ", ".join(f"{k}: {n}" for k, n in result.counts().items())
    injected = f"Injected violations: {len(result.violations)}"
    typer.echo(injected + (f" ({counts})" if counts else ""))
    typer.echo(f"Manifest: {result.manifest_path}")
