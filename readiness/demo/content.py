"""Text of the fictional demo council's Ofsted improvement plan (written for this project)."""

from __future__ import annotations

from readiness.demo.areas_for_development import AREAS_FOR_DEVELOPMENT
from readiness.demo.recommendations import RECOMMENDATIONS as _RECOMMENDATIONS

COUNCIL_NAME = "Marshcombe Borough Council"
PLAN_TITLE = "Children's services improvement plan 2025-27"

LEAD_OFFICERS: list[tuple[str, str]] = [
    ("Helen Ashworth", "Director of Children's Services"),
    ("Daniel Okafor", "Principal Social Worker"),
    ("Rebecca Hollis", "Head of Service, Children in Care and Care Leavers"),
    ("Marcus Pennington", "Head of Service, Safeguarding and Early Help"),
    ("Priya Chandran", "Head of Quality Assurance"),
    ("Gareth Llewellyn", "Service Manager, Front Door and MASH"),
    ("Sophie Whitcombe", "Service Manager, Leaving Care"),
    ("Aisha Rahman", "Practice Leader, Assessment and Child Protection"),
    ("Tom Brennan", "Practice Leader, Exploitation and Missing"),
    ("Joanne Metcalfe", "Virtual School Head"),
    ("Neil Garside", "Head of Commissioning"),
    ("Claire Fenwick", "Service Manager, Domestic Abuse and Family Support"),
]

GENERIC_LEADS: list[str] = [
    "Team managers",
    "Independent reviewing officers",
    "Workforce development team",
    "Child protection chairs",
    "Consultant social workers",
    "Performance and intelligence team",
    "Participation team",
    "Personal advisers",
    "Multi-agency partnership board",
]

# Ofsted's recommendations, then the areas for development, in plan order.
RECOMMENDATIONS: list[dict] = _RECOMMENDATIONS + AREAS_FOR_DEVELOPMENT
