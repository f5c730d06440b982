"""The demo council's three areas for development, with their themes and actions (fictional,
written for this project)."""

from __future__ import annotations

AREAS_FOR_DEVELOPMENT: list[dict] = [
    {
        "ref": "AFD 1",
        "kind": "AFD",
        "text": (
            "Audit activity that consistently seeks out children's and parents' experiences of "
            "help, so that leaders understand how practice feels to those who receive it."
        ),
        "areas": ["leaders"],
        "themes": [
            {
                "text": "Build conversations with children and parents into every practice audit.",
                "service_leads": ["Priya Chandran"],
                "other_leads": ["Participation team", "Team managers"],
                "actions": [
                    "Revise the audit tool so that each audit includes a conversation with the child, where appropriate, and with at least one parent or carer.",
                    "Train auditors to talk with children and families about their experience of the service in a sensitive and accessible way.",
                    "Offer families a choice of how to give feedback, including by telephone, in person or through a short online form.",
                    "Record family feedback separately so that it can be analysed for themes and reported to the senior leadership team.",
                    "Involve young people from the children in care council as peer auditors in a sample of audits.",
                ],
                "notes": [
                    "Audit tool updated; family conversations now happen in most audits.",
                    "Auditor training delivered by the participation team and well received.",
                    "Response rate from parents improving, although still lower for fathers.",
                    "Two young peer auditors trained and taking part in the next audit cycle.",
                ],
                "evidence": "Most audits now include the views of children and families, and those views are shaping improvement actions.",
            },
            {
                "text": (
                    "Make sure learning from audits changes practice and that leaders can see the "
                    "difference it has made."
                ),
                "service_leads": ["Priya Chandran"],
                "other_leads": ["Helen Ashworth", "Performance and intelligence team"],
                "actions": [
                    "Produce a quarterly learning report that brings together audit findings, complaints, compliments and performance data.",
                    "Hold a practice learning forum after each audit cycle where managers agree the actions their teams will take.",
                    "Track audit actions to completion and re-check a sample of files to confirm that improvement has lasted.",
                    "Moderate a sample of audit grades with external practice leads to make sure judgements are consistent and based on evidence.",
                    "Share examples of strong practice found in audits through the practice hub and team meetings.",
                ],
                "notes": [
                    "First learning report presented to the senior leadership team and shared with the improvement board.",
                    "Action tracker in use; most actions from the last cycle are complete.",
                    "External moderation found grading broadly consistent, with some over-grading of plans.",
                ],
                "evidence": "Re-audits show improvement in the areas identified, and managers can describe changes made because of audit learning.",
            },
        ],
    },
    {
        "ref": "AFD 2",
        "kind": "AFD",
        "text": (
            "The consistency of decision-making at the front door, and the range of help for "
            "children and families affected by domestic abuse."
        ),
        "areas": ["help_protection"],
        "themes": [
            {
                "text": (
                    "Make threshold decisions in the multi-agency safeguarding hub consistent, "
                    "timely and well recorded, with partners sharing information promptly."
                ),
                "service_leads": ["Gareth Llewellyn"],
                "other_leads": ["Marcus Pennington", "Multi-agency partnership board"],
                "actions": [
                    "Refresh the threshold document with partners and brief schools, health and police on how to use it.",
                    "Introduce a daily multi-agency triage meeting in the hub to discuss contacts that need information from several agencies.",
                    "Make sure every contact decision records the reasons for the outcome, including the parent's view where consent is needed.",
                    "Audit a sample of contacts each month with partner agencies to test whether threshold decisions are consistent.",
                    "Tell referrers the outcome of their referral and offer advice where a referral did not meet the threshold.",
                ],
                "notes": [
                    "Threshold document agreed by the safeguarding partnership; briefings delivered to most school safeguarding leads.",
                    "Daily triage meeting running; police and health attend consistently and education attendance is building.",
                    "Joint audits show decisions are mostly appropriate, but recording of parental consent needs to improve.",
                ],
                "evidence": "Audits show consistent, well-reasoned threshold decisions, and the re-referral rate has fallen.",
            },
            {
                "text": (
                    "Widen domestic abuse support for children, adult victims and those who cause "
                    "harm, so that each family gets help that fits its circumstances."
                ),
                "service_leads": ["Claire Fenwick"],
                "other_leads": ["Gareth Llewellyn", "Team managers"],
                "actions": [
                    "Commission a therapeutic group programme for children and young people who have lived with domestic abuse.",
                    "Base a domestic abuse specialist worker in the front door to advise on risk and safety planning.",
                    "Introduce a behaviour change programme for adults who cause harm, with clear links to the child's plan.",
                    "Train all social workers in a recognised domestic abuse practice model that keeps the adult victim and child together where safe.",
                    "Review the multi-agency risk assessment conference process with partners so that children's needs are considered in every case.",
                ],
                "notes": [
                    "Specialist worker now based in the hub and offering daily consultation.",
                    "Children's group programme commissioned; first groups being planned with schools.",
                    "Practice model training under way, with strong take-up in the child protection teams.",
                    "Procurement of the behaviour change programme delayed; revised tender being prepared.",
                ],
                "evidence": "More families affected by domestic abuse receive specialist help, and audits show safety plans that consider the whole family.",
            },
        ],
    },
    {
        "ref": "AFD 3",
        "kind": "AFD",
        "text": (
            "The stability of the social work workforce and the strength of corporate "
            "parenting, so that children keep the same workers and feel the council's ambition "
            "for them."
        ),
        "areas": ["leaders", "children_in_care"],
        "themes": [
            {
                "text": (
                    "Reduce reliance on agency staff and keep caseloads manageable so that "
                    "children do not have frequent changes of social worker."
                ),
                "service_leads": ["Helen Ashworth"],
                "other_leads": ["Marcus Pennington", "Workforce development team"],
                "actions": [
                    "Introduce a recruitment and retention package for social workers, including a market supplement for hard-to-fill posts and a clear career pathway.",
                    "Expand the assessed and supported year in employment programme with protected caseloads and dedicated mentors.",
                    "Monitor caseloads weekly against an agreed maximum average for each team and put an action plan in place where it is exceeded.",
                    "Hold an exit interview with every social worker who leaves and report the themes to the senior leadership team.",
                    "Create a scheme that helps experienced family support workers train as social workers while staying employed by the council.",
                ],
                "notes": [
                    "Retention package approved by cabinet; recruitment campaign under way.",
                    "Largest group of newly qualified social workers so far has joined, each with a mentor.",
                    "Average caseloads down in the assessment teams but still high in one child protection team.",
                ],
                "evidence": "Agency use and staff turnover have fallen, caseloads are within the agreed range and fewer children have a change of social worker.",
            },
            {
                "text": (
                    "Strengthen corporate parenting so that elected members and council "
                    "departments know children in care well and champion their needs."
                ),
                "service_leads": ["Helen Ashworth"],
                "other_leads": ["Rebecca Hollis", "Participation team"],
                "actions": [
                    "Refresh the corporate parenting strategy with children in care and care leavers, setting out clear pledges for each council department.",
                    "Provide corporate parenting training for all elected members and senior officers, with a session led by care-experienced young people.",
                    "Invite children in care council members to every corporate parenting board meeting and let them set part of the agenda.",
                    "Introduce a scorecard for the corporate parenting board covering health, education, stability and the experiences of care leavers.",
                    "Arrange regular visits by elected members to children's homes and leaving care services so that they hear directly from young people.",
                ],
                "notes": [
                    "Young people have co-written the new pledges and will present them at the next board meeting.",
                    "Member training delivered; attendance high and feedback positive.",
                    "Scorecard drafted and tested with the board chair.",
                ],
                "evidence": "Board minutes show young people influencing decisions, and members can describe what the council is doing for the children in its care.",
            },
        ],
    },
]
