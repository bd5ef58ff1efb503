"""``iopkg publish``: write the open-data folder, or ``--check`` one."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from iopkg.cli._common import DataPaths, QuietOption, command
from iopkg.errors import PublishError
from iopkg.publish import Licence, Publisher, publish
from iopkg.publish.catalogue import PublisherType
from iopkg.publish.check import check


@command("publish")
def publish_cmd(
    paths: DataPaths = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "-o", "--output", help="Folder to write (replaced as a whole).", show_default=False
        ),
    ] = None,
    base_url: Annotated[
        str | None,
        typer.Option(
            "--base-url",
            help="URL the folder is served at, e.g. https://example.org/iop.",
            show_default=False,
        ),
    ] = None,
    licence: Annotated[
        Licence,
        typer.Option(
            "--licence", help="Licence of the data (the catalogue metadata is always CC0)."
        ),
    ] = Licence.cc0,
    include_personal_data: Annotated[
        bool,
        typer.Option(
            "--include-personal-data",
            help="Also publish names and e-mail addresses of persons "
            "(off by default; a warning is printed).",
        ),
    ] = False,
    publisher_org_number: Annotated[
        str | None,
        typer.Option(
            "--publisher-org-number",
            envvar="IOPKG_PUBLISHER_ORG_NUMBER",
            help="The publisher's 10-digit Swedish organisation number (required to publish: "
            "DCAT-AP-SE identifies publishers by it).",
            show_default=False,
        ),
    ] = None,
    publisher_name: Annotated[
        str | None,
        typer.Option(
            "--publisher-name",
            envvar="IOPKG_PUBLISHER_NAME",
            help="The publisher's name (required to publish).",
            show_default=False,
        ),
    ] = None,
    publisher_type: Annotated[
        PublisherType, typer.Option("--publisher-type", help="ADMS publisher type.")
    ] = PublisherType.NonProfitOrganisation,
    contact_email: Annotated[
        str | None,
        typer.Option(
            "--contact-email",
            help="Functional e-mail address of the contact point "
            "(default: none, the index page is the contact URL).",
            show_default=False,
        ),
    ] = None,
    endpoint_url: Annotated[
        str | None,
        typer.Option(
            "--endpoint-url",
            help="The public SPARQL endpoint (default: BASE-URL/sparql).",
            show_default=False,
        ),
    ] = None,
    check_dir: Annotated[
        Path | None,
        typer.Option(
            "--check",
            help="Check a published folder instead of writing one: catalogue "
            "shapes, checksums and links.",
            show_default=False,
        ),
    ] = None,
    quiet: QuietOption = False,
) -> None:
    """Write a static open-data folder (dumps, DCAT-AP-SE catalogue, VoID, pages), or check one.

    Exit codes: 0 = written / check passed, 1 = --check found problems, 2 = bad input.

    Example: iopkg publish -o site --base-url https://example.org/iop
    --publisher-org-number "$ORGNR" --publisher-name "$PUBLISHER"
    """
    if check_dir is not None:
        report = check(check_dir)
        for problem in report.problems:
            typer.echo(str(problem), err=True)
        typer.echo(
            f"{check_dir}: {len(report.problems)} problem(s); "
            f"{report.files_checked} dumps and {report.links_checked} links checked"
        )
        raise typer.Exit(0 if report.ok else 1)
    if output is None or base_url is None:
        raise PublishError(
            "iopkg publish", "give -o/--output DIR and --base-url URL (or --check DIR)"
        )
    if not publisher_org_number or not publisher_name:
        raise PublishError(
            "iopkg publish",
            "give the publisher with --publisher-org-number and "
            "--publisher-name (or IOPKG_PUBLISHER_ORG_NUMBER and "
            "IOPKG_PUBLISHER_NAME); iopkg does not invent one",
        )
    publisher = Publisher(
        publisher_org_number, publisher_name, publisher_type, contact_email=contact_email
    )
    report = publish(
        output,
        base_url=base_url,
        licence=licence,
        publisher=publisher,
        include_personal_data=include_personal_data,
        endpoint_url=endpoint_url,
        paths=paths,
        quiet=quiet,
    )
    for warning in report.warnings:
        typer.echo(warning, err=True)
    typer.echo(
        f"{output}: {report.triples} triples, {len(report.dumps)} dumps, {report.pages} pages"
    )
