"""Which judgement areas a report's "What needs to improve?" point most likely belongs to.

A suggestion for the user to confirm or change when a report's points become recommendations:
the report itself does not say which judgement each point comes from.
"""

from __future__ import annotations

import re

# The cues of each area, listed in the order suggestions come in: the most specific practice
# area first (a point about care leavers may also say "exploitation", one about children in care
# "assessment"), leaders last, as almost any point can touch on leadership.
_WORDING: dict[str, re.Pattern[str]] = {
    "care_leavers": re.compile(
        r"care[- ]leavers?|care[- ]experienced|leaving care|pathway plan|personal advisers?"
        r"|local offer|staying (?:put|close)|young adults|independent living|over 21",
    ),
    "children_in_care": re.compile(
        r"\b(?:in|from) (?:long-term |residential |foster )?care\b|looked[- ]after|placements?"
        r"|permanence|(?<!private )(?<!privately )foster(?:ing|ed)?\b|adopt"
        r"|life[- ]story|sufficiency|homes for children|children's homes|long-term"
        r"|independent reviewing officer|\biros?\b|unregistered|health assessments?|family time",
    ),
    "help_protection": re.compile(
        r"protection|early help|family help|front door|\bmash\b|safeguarding|\bcontacts\b"
        r"|referrals?|thresholds?|screening|(?<!health )assessments?"
        r"|strategy (?:discussion|meeting)|section 47|children in need|child in need"
        r"|safety plan|significant harm|at risk"
        r"|\blado\b|designated officer|private(?:ly)? foster|homeless|exploitation|missing"
        r"|domestic abuse|neglect|young carers|disabled children|pre-proceedings"
        r"|care proceedings|public law outline|\bplo\b|out of hours|emergency duty",
    ),
    "leaders": re.compile(
        r"\bleaders?\b|leadership|oversight|supervision|caseloads?"
        r"|workforce|quality assurance|audits?|performance|recruit|retention|corporate parent"
        r"|commissioning|governance|partnership|strategic",
    ),
}
_OUTCOME = re.compile(r"\boutcome\s*(\d)", re.IGNORECASE)
_ENABLER = re.compile(r"\benabler\b", re.IGNORECASE)
_OUTCOME_AREAS = {
    "1": ("help_protection",),
    "2": ("help_protection",),
    "3": ("help_protection",),
    "4": ("children_in_care", "care_leavers"),
}


def suggest_areas(text: str, framework_ref: str | None) -> tuple[str, ...]:
    """The judgement-area codes a point most likely belongs to, most likely first; never empty.

    The rule, and why:
    1. The wording names areas: care leavers (care-experienced, pathway plans, the local
       offer ...), children in care (placements, permanence, fostering, life-story work ...),
       help and protection (front door, contacts, assessments, strategy discussions, child
       protection, LADO, private fostering ...), leaders (management oversight, supervision,
       caseloads, workforce, quality assurance, performance ...).
    2. The cross-reference names areas too. National framework outcomes 1-3 (families get help;
       family networks; children safe in and outside their homes) are mostly help and
       protection; outcome 4 (stable, loving homes) is children in care or care leavers; the
       enablers (multi-agency working, workforce, leaders) are leaders (domain.md §1.2).
    3. Where the two agree, the agreed areas come first, then the other areas the wording
       names: an oversight point about the front door bears on the leaders judgement too, and
       children missing from care (outcome 3) on children in care as well as on protection.
    4. Where they disagree, the wording comes first, as it is about this point and the outcomes
       do not follow the judgements exactly; then the cross-reference's first area, where the
       framework would place it.
    5. With no wording to go on, the cross-reference decides (outcome 4 gives children in care,
       then care leavers); with neither, leaders, the judgement on practice as a whole.
    """
    worded = _worded_areas(text)
    referred = _referred_areas(framework_ref)
    if not worded:
        return referred or ("leaders",)
    agreed = tuple(area for area in worded if area in referred)
    if agreed:
        return agreed + tuple(area for area in worded if area not in agreed)
    return worded + referred[:1]


def _worded_areas(text: str) -> tuple[str, ...]:
    words = " ".join(text.lower().replace("’", "'").split())
    return tuple(area for area, cue in _WORDING.items() if cue.search(words))


def _referred_areas(framework_ref: str | None) -> tuple[str, ...]:
    if not framework_ref:
        return ()
    outcome = _OUTCOME.search(framework_ref)
    if outcome:
        return _OUTCOME_AREAS.get(outcome.group(1), ())
    return ("leaders",) if _ENABLER.search(framework_ref) else ()
