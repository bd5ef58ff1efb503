"""Regression tests for the eighteenth tuning round of issue 19 (tuned on the errors of heldout16
after its clean run). Every sentence here is written for the test (made-up organisations; Mora and
Leksand stand for any two municipalities in the reference data), none is taken from a page."""

from __future__ import annotations

from test_extract_prose import _quotes_hold

from iopkg.extract.core import extract_text
from iopkg.extract.model import Classification


def _draft(text: str):
    d = extract_text(text, "x")
    _quotes_hold(d)
    return d


# -- prose.classify: an IOP named only in passing, as another place's ---------------------------

_OWN = (
    "Mora satsar på härbärge\n\nMora kommun samarbetar nu med Föreningen Vinterljus om ett"
    " härbärge för hemlösa. Verksamheten i Mora startar i april och kostar högst 300 000 kronor."
    " Föreningen Vinterljus står för personalen. "
)


def test_an_iop_named_only_as_another_towns_is_no_iop_text():
    # the text is about Mora's cooperation, never called an IOP; Leksand's IOP is an example:
    # it had been classed as about an IOP and drafted Mora's parties and money
    d = _draft(
        _OWN + "I Leksand har kommunen och två föreningar ingått ett idéburet offentligt"
        " partnerskap om boende för hemlösa."
    )
    assert d.classification == Classification.not_iop
    assert d.public_parties == [] and d.idea_parties == [] and d.funding_flows == []


def test_an_iop_of_the_texts_own_town_or_tied_to_it_stays_an_iop_text():
    # guards: the IOP sentence names the text's own town, names no town, or ties the other
    # town's IOP to the text's own matter ("också"): the text is about an IOP
    for tail in (
        "Samarbetet i Mora är ett idéburet offentligt partnerskap, som i Leksand.",
        "Samarbetet är ett idéburet offentligt partnerskap.",
        "I Leksand har kommunen också ingått ett idéburet offentligt partnerskap om boende.",
    ):
        assert _draft(_OWN + tail).classification != Classification.not_iop, tail
    # the other town named as often as the own one: no town is the text's own, no rule applies
    assert (
        _draft(
            "Leksand och Mora\n\nLeksands kommun och Föreningen Vinterljus har ingått ett"
            " idéburet offentligt partnerskap i Leksand. I Mora finns ett liknande härbärge."
        ).classification
        != Classification.not_iop
    )
