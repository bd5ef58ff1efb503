"""What a document says does not apply is never modelled as applying (issue 22, point 3)."""

from __future__ import annotations

import re

from rdflib import Namespace
from rdflib.namespace import PROV

from iopkg.sparql.catalogue import run_query
from iopkg.sparql.source import LocalSource

IOP = Namespace("https://w3id.org/iopkg/def#")
ID = "https://w3id.org/iopkg/id/"
NEGATION = re.compile(r"\b(inte|ej|ingen|inget|inga|icke|varken)\b", re.IGNORECASE)


def test_no_legal_reference_rests_only_on_a_negated_quote(graph):
    """A statute referred to (iop:legalReference, iop:legalBasis) is not one whose every quote
    negates it: 'Alltså innefattas projektet inte av lagen om offentligt upphandling' made the
    Public Procurement Act a legal reference of Kompisbyrån Danderyd."""
    checked = 0
    for prop in (IOP.legalReference, IOP.legalBasis):
        for subject, statute in graph.subject_objects(prop):
            quotes = [
                str(graph.value(q, PROV.value)) for q in graph.objects(statute, PROV.wasDerivedFrom)
            ]
            checked += 1
            assert not quotes or not all(NEGATION.search(q) for q in quotes), (subject, statute)
    assert checked >= 4


def test_procurement_act_is_explicitly_not_applicable_to_kompisbyran(graph):
    agreement = graph.resource(f"{ID}agreement/danderyd-kompisbyran-2018").identifier
    lou = graph.resource(f"{ID}statute/lagen-om-offentlig-upphandling").identifier
    assert (agreement, IOP.legalReference, lou) not in graph
    assert (agreement, IOP.explicitlyNotApplicable, lou) in graph
    quote = graph.resource(f"{ID}quote/004-lou").identifier
    assert (agreement, PROV.wasDerivedFrom, quote) in graph


def test_legal_bases_list_the_procurement_act_as_not_applicable(store):
    rows = run_query("legal-bases", source=LocalSource(store)).records()
    lou = [r for r in rows if r["reference"].endswith("lagen-om-offentlig-upphandling")]
    assert [(r["what"], r["label"]) for r in lou] == [("not applicable", "Public Procurement Act")]
    assert all(r["label"] for r in rows)
