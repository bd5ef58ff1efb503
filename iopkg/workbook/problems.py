"""Problems found while importing a workbook, each at its cell, in English and Swedish.

>>> p = Problem("iop.xlsx:Ekonomi!D7", "not an amount", "inget belopp", "12 kg")
>>> p.line("sv")
"iop.xlsx:Ekonomi!D7: inget belopp (värde: '12 kg')"
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One problem: where (``FILE:Sheet!CELL``), the message in English and Swedish, the value."""

    where: str
    en: str
    sv: str
    value: str | None = None

    def message(self, lang: str = "en") -> str:
        return self.sv if lang == "sv" else self.en

    def line(self, lang: str = "en") -> str:
        """``where: message (value: '...')``."""
        text = f"{self.where}: {self.message(lang)}"
        if self.value is not None:
            shown = self.value if len(self.value) <= 80 else self.value[:77] + "..."
            text += f" ({'värde' if lang == 'sv' else 'value'}: {shown!r})"
        return text
