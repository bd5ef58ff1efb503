"""Build data/reference/municipalities.ttl from the reference CSV files.

Usage: python scripts/build_reference.py ../shared/reference data/reference/municipalities.ttl

The CSV files (SCB codes, CC0; SCB population 2023 and 2024, CC0) are read unchanged; every
municipality, county and population figure gets a dct:source pointing at its reference dataset.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD

from iopkg.namespaces import ID, IOP, bind_prefixes


def build(ref: Path) -> Graph:
    g = bind_prefixes(Graph())
    codes_src = ID["source/scb-municipality-codes"]
    g.add((codes_src, RDF.type, DCTERMS.BibliographicResource))
    g.add((codes_src, DCTERMS.title, Literal("Sveriges kommuner och län med SCB-koder", lang="sv")))
    title_en = "Swedish municipalities and counties with SCB codes"
    g.add((codes_src, DCTERMS.title, Literal(title_en, lang="en")))
    g.add((codes_src, DCTERMS.license, ID["licence/cc0"]))
    with open(ref / "municipalities" / "counties.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            c = ID[f"county/{row['county_code']}"]
            g.add((c, RDF.type, IOP.County))
            g.add((c, IOP.countyCode, Literal(row["county_code"])))
            g.add((c, RDFS.label, Literal(row["county_name"], lang="sv")))
            label_en = f"{row['county_name_short']} County"
            g.add((c, RDFS.label, Literal(label_en, lang="en")))
            g.add((c, DCTERMS.source, codes_src))
    with open(ref / "municipalities" / "municipalities.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            m = ID[f"municipality/{row['municipality_code']}"]
            g.add((m, RDF.type, IOP.Municipality))
            g.add((m, IOP.municipalityCode, Literal(row["municipality_code"])))
            g.add((m, RDFS.label, Literal(row["municipality_name"], lang="sv")))
            label_en = f"{row['municipality_name_short']} Municipality"
            g.add((m, RDFS.label, Literal(label_en, lang="en")))
            g.add((m, SKOS.altLabel, Literal(row["municipality_name_short"], lang="sv")))
            g.add((m, IOP.county, ID[f"county/{row['county_code']}"]))
            g.add((m, DCTERMS.source, codes_src))
    for year in ("2023", "2024"):
        src = ID[f"source/scb-be0101-{year}"]
        g.add((src, RDF.type, DCTERMS.BibliographicResource))
        sv = f"Folkmängd i riket, län och kommuner 31 december {year} (SCB, BE0101)"
        en = (
            f"Population of Sweden, counties and municipalities on 31 December {year}"
            " (Statistics Sweden, BE0101)"
        )
        g.add((src, DCTERMS.title, Literal(sv, lang="sv")))
        g.add((src, DCTERMS.title, Literal(en, lang="en")))
        g.add((src, DCTERMS.license, ID["licence/cc0"]))
        g.add((src, DCTERMS.creator, ID["org/scb"]))
        with open(ref / "population" / f"folkmangd_kommun_{year}.csv", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                m = ID[f"municipality/{row['kommunkod']}"]
                p = ID[f"municipality/{row['kommunkod']}/population/{year}"]
                g.add((m, IOP.population, p))
                g.add((p, RDF.type, IOP.PopulationFigure))
                g.add((p, IOP.year, Literal(year, datatype=XSD.gYear)))
                g.add((p, IOP.referenceDate, Literal(f"{year}-12-31", datatype=XSD.date)))
                count = Literal(int(row["folkmangd"]), datatype=XSD.integer)
                g.add((p, IOP.inhabitants, count))
                g.add((p, DCTERMS.source, src))
    return g


def main() -> None:
    ref, out = Path(sys.argv[1]), Path(sys.argv[2])
    g = build(ref)
    g.serialize(out, format="turtle")
    print(f"{out}: {len(g)} triples")


if __name__ == "__main__":
    main()
