"""What DfE's files write instead of a figure, and what each symbol means: the one table every
reader, rule and page uses.

Sources:
- DfE's explore-education-statistics (EES) guidance on symbols in published data files
  ("Symbols and codes": c, low, u, x, z; the older tables' ":" and ".."), as the EES CSV files
  in ../shared/data/kpi write them (c, k, low, u, x and z are all found there);
- ../shared/data/kpi/README.md for LAIT: its data set writes "-" for every figure it does not
  give, whatever the reason. Gateshead's (390) child protection plans open 2 years or more in
  2024-25 are `c` in EES's d5 file and `-` in LAIT, so in LAIT "-" cannot be read as the
  statistical "nil or negligible": it says only that no figure is given.

Such a figure is missing, never zero: no rank, quartile or colour is worked out from it, and an
older figure is never shown in its place as if it were current. The one exception is a figure
that rounds to zero (`low`, the older `k`): it counts as 0, as LAIT writes it
(readiness.kpi.comparison.counted), and is shown as written.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Symbol:
    code: str  # as the file writes it, in lower case ("" for a blank cell)
    short: str  # what happened to the figure, a few words: "suppressed"
    detail: str  # why, or what more the source says: "small numbers"
    source: str  # who uses it

    def described(self, period: str | None = None) -> str:
        """ "2024-25: suppressed (c, small numbers)", or without a period
        "suppressed (c, small numbers)"."""
        words = f"{self.short} ({self.code or 'blank'}, {self.detail})"
        return f"{period}: {words}" if period else words


_EES = "DfE explore education statistics"
_OLDER = "DfE's older statistical tables"
SYMBOLS: dict[str, Symbol] = {
    s.code: s
    for s in (
        Symbol("c", "suppressed", "small numbers", _EES),
        Symbol("low", "rounds to zero", "but is not zero", _EES),
        Symbol("k", "rounds to zero", "but is not zero; older files' code for low", _EES),
        Symbol("u", "withheld", "low reliability", _EES),
        Symbol("x", "not available", "DfE does not have the figure", _EES),
        Symbol("z", "not applicable", "the figure does not apply here", _EES),
        Symbol(":", "not available", "older tables' code", _OLDER),
        Symbol("..", "not available", "or suppressed; older tables' code", _OLDER),
        Symbol("-", "not given", "LAIT writes - for a figure missing or suppressed", "DfE LAIT"),
        Symbol("", "not given", "the file leaves the cell blank", "any file"),
    )
}


def symbol(code: str) -> Symbol:
    """The symbol a file wrote instead of a figure. The readers accept only SYMBOLS' codes; a
    code stored otherwise still says what was written."""
    return SYMBOLS.get(code) or Symbol(code, "not given", "as the file writes it", "unknown")


# The symbols for a figure that rounds to zero but is not zero: counted as 0.
ROUNDS_TO_ZERO = tuple(code for code, s in SYMBOLS.items() if s.short == "rounds to zero")
