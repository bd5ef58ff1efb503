"""Guards for hostile values in data: amounts that are not finite, absurdly large or negative,
and dates outside the years Python can hold. Such a value is reported by ``iopkg validate``
(shapes/); commands that compute with it (compare, run, charts, publish) skip its row and print
one ``Warning: ...`` line on stderr instead of failing.

>>> usable_amount(Decimal("520000.0"), "flow")
Decimal('520000.0')
>>> usable_amount(Decimal("Infinity"), "flow", warn=False) is None
True
"""

from __future__ import annotations

import datetime as dt
import sys
from decimal import Decimal, InvalidOperation
from typing import Any

#: Largest amount in SEK iopkg computes with (a thousand times Sweden's yearly GDP); larger
#: values are data errors, and would overflow the 28-digit decimal arithmetic of the sums.
MAX_AMOUNT = Decimal("1e15")

_warned: set[str] = set()


def warn(message: str) -> None:
    """Print ``Warning: message`` on one line to stderr (once per message and process)."""
    if message not in _warned:
        _warned.add(message)
        print(f"Warning: {' '.join(message.split())}", file=sys.stderr)


def reset_warnings() -> None:
    """Forget the warnings printed so far (the CLI calls it when a command starts)."""
    _warned.clear()


def usable_amount(value: Any, where: str, *, warn: bool = True) -> Decimal | None:
    """``value`` as a finite Decimal in ``[0, MAX_AMOUNT)``, or ``None`` (with a warning).

    :param value: a number from the data (Decimal, int, float or text).
    :param where: what holds it (a flow's IRI), for the warning.
    :param warn: print the warning.
    """
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value))
        ok = number.is_finite() and Decimal(0) <= number < MAX_AMOUNT
    except (InvalidOperation, ValueError, TypeError):
        ok = False
    if ok:
        return number
    if warn:
        _warn_amount(value, where)
    return None


def _warn_amount(value: Any, where: str) -> None:
    text = str(value)
    text = text if len(text) <= 40 else text[:37] + "..."
    warn(
        f"{where}: amount {text!r} is not a finite number between 0 and {MAX_AMOUNT:.0E} SEK; "
        "its row is skipped (iopkg validate reports it)"
    )


def usable_date(value: Any, where: str) -> dt.date | None:
    """``value`` if it is a date, else ``None`` with a warning (e.g. year 0, which
    ``datetime`` cannot hold and the store returns as text)."""
    if isinstance(value, dt.date):
        return value
    warn(
        f"{where}: date {str(value)[:40]!r} is not a date iopkg can compute with (years 1 to "
        "9999); its row is skipped (iopkg validate reports it)"
    )
    return None
