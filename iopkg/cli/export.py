"""``iopkg export``: the graph as RDF, as a network file, or as CSV tables."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from iopkg.analysis.network import NetworkKind
from iopkg.cli._common import (
    DataPaths,
    Lang,
    LangOption,
    PersonalData,
    QuietOption,
    command,
)
from iopkg.errors import OptionError
from iopkg.export.network_files import NetworkFormat, export_network
from iopkg.export.rdf import export_to
from iopkg.export.tables import export_tables
from iopkg.formats import RdfFormat
from iopkg.workbook import export_workbook


class ExportFormat(StrEnum):
    """Every format ``iopkg export`` writes: RDF, network files (with --network), CSV tables."""

    turtle = "turtle"
    ntriples = "ntriples"
    nquads = "nquads"
    trig = "trig"
    jsonld = "jsonld"
    rdfxml = "rdfxml"
    graphml = "graphml"
    gexf = "gexf"
    cytoscape_json = "cytoscape-json"
    node_link_json = "node-link-json"
    csv_edges = "csv-edges"
    csv = "csv"
    xlsx = "xlsx"


_RDF = {f.value for f in RdfFormat}
_NETWORK = {f.value for f in NetworkFormat}


@command("export")
def export(
    paths: DataPaths = None,
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="Output format.")] = (
        ExportFormat.turtle
    ),
    output: Annotated[
        str,
        typer.Option(
            "--output", "-o", help="Output file, '-' for standard output; a folder for csv."
        ),
    ] = "-",
    network: Annotated[
        NetworkKind | None,
        typer.Option(
            "--network",
            help="Which network (for graphml, gexf, cytoscape-json, node-link-json, csv-edges).",
        ),
    ] = None,
    include_personal_data: PersonalData = False,
    excel: Annotated[
        bool, typer.Option("--excel", help="csv: start each file with a byte-order mark for Excel.")
    ] = False,
    excel_sv: Annotated[
        bool,
        typer.Option(
            "--excel-sv",
            help="csv: as Swedish Excel reads it: ';' separator, decimal comma, byte-order mark.",
        ),
    ] = False,
    max_edges: Annotated[
        int | None,
        typer.Option(
            "--max-edges",
            min=1,
            help="Most co-party edges of --network parties (default 500 000, about 2 KB of "
            "memory each; an agreement of n parties gives n(n-1)/2).",
            show_default=False,
        ),
    ] = None,
    lang: LangOption = Lang.en,
    quiet: QuietOption = False,
) -> None:
    """Export the graph as RDF, a network for Gephi/Cytoscape, CSV tables or an xlsx workbook
    (the import format, docs/workbook.md); written atomically.

    Example: iopkg export --format trig -o iopkg.trig
    """
    if fmt.value in _RDF:
        if network is not None:
            raise OptionError(
                f"--network does not go with --format {fmt.value}; use one of "
                + ", ".join(sorted(_NETWORK))
            )
        export_to(
            output,
            RdfFormat(fmt.value),
            paths=paths,
            include_personal_data=include_personal_data,
            quiet=quiet,
        )
    elif fmt.value in _NETWORK:
        if network is None:
            raise OptionError(
                f"--format {fmt.value} needs --network " + "|".join(k.value for k in NetworkKind)
            )
        if include_personal_data:
            raise OptionError("networks hold no personal data; drop --include-personal-data")
        export_network(
            output,
            network,
            NetworkFormat(fmt.value),
            paths=paths,
            lang=lang.value,
            quiet=quiet,
            max_edges=max_edges,
        )
    elif fmt is ExportFormat.xlsx:
        if output == "-":
            raise OptionError("--format xlsx writes a workbook file: give -o FILE.xlsx")
        if include_personal_data:
            raise OptionError("the workbook holds no personal data; drop --include-personal-data")
        export_workbook(output, paths=paths, quiet=quiet)
        typer.echo(f"Wrote {output}", err=True)
    else:
        if output == "-":
            raise OptionError("--format csv writes a folder of tables: give -o FOLDER")
        names = export_tables(
            output,
            paths=paths,
            include_personal_data=include_personal_data,
            lang=lang.value,
            excel=excel,
            excel_sv=excel_sv,
            quiet=quiet,
        )
        typer.echo(f"Wrote {', '.join(names)} to {output}", err=True)
