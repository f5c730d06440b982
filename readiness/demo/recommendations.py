"""The demo council's five Ofsted recommendations, with their themes and actions (fictional, written
for this project)."""

from __future__ import annotations

RECOMMENDATIONS: list[dict] = [
    {
        "ref": "REC 1",
        "kind": "REC",
        "text": (
            "The quality of written plans for children in need, children on child protection "
            "plans and children in care, so that each action is specific, timely and clearly "
            "linked to the child's identified needs."
        ),
        "areas": ["help_protection", "children_in_care"],
        "themes": [
            {
                "text": (
                    "Refresh the plan template and practice standards so that every plan says "
                    "what will change, who is responsible and how progress will be measured."
                ),
                "service_leads": ["Daniel Okafor"],
                "other_leads": [
                    "Aisha Rahman",
                    "Team managers",
                    "Consultant social workers",
                ],
                "actions": [
                    "Review the current child in need and child protection plan templates with a working group of frontline practitioners and remove duplicated or unused sections.",
                    "Write short planning standards that define a measurable outcome and give worked examples taken from local cases with identifying details removed.",
                    "Build the revised template into the case management system so that each outcome must have a named owner and a review point before the plan can be saved.",
                    "Run lunchtime planning workshops for each locality team, led by consultant social workers and using anonymised plans as teaching material.",
                    "Ask child protection chairs to rate every initial and review plan against the new standards and send the ratings to the allocated team manager.",
                ],
                "notes": [
                    "Working group has met three times and agreed a shorter template; system change request submitted to the case management team.",
                    "Planning standards drafted and circulated to team managers for comment; final version to be launched at the next practice forum.",
                    "Workshops delivered to two of the four locality teams so far; attendance good and feedback forms being collated.",
                    "Chairs' rating form tried on a small sample of review conferences; some wording changed to make the scoring clearer.",
                ],
                "evidence": "A thematic audit of plans shows more plans rated good for specific, measurable outcomes than at the baseline audit.",
            },
            {
                "text": (
                    "Make sure young people help write their own pathway plans, that the plans "
                    "reflect what matters to them and that each plan shows how identified risks "
                    "will be reduced."
                ),
                "service_leads": ["Sophie Whitcombe"],
                "other_leads": [
                    "Rebecca Hollis",
                    "Personal advisers",
                    "Participation team",
                ],
                "actions": [
                    "Redesign the pathway plan document with members of the children in care council so that it uses plain language and opens with the young person's own goals.",
                    "Give every young person a copy of their pathway plan in the format they choose, such as a printed booklet, a summary card or a digital version.",
                    "Add a required risk and safety section to the pathway plan that links to any current exploitation, mental health or housing risk assessment.",
                    "Require personal advisers to record the young person's comments at each review and show in the plan where those views have changed the actions.",
                    "Make pathway plan quality a standing item in personal adviser supervision, using a short checklist agreed with the participation team.",
                ],
                "notes": [
                    "Design session held with young people; they asked for fewer headings and a space to add their own photos and comments.",
                    "Revised document agreed in principle by the leadership team; training for personal advisers being arranged.",
                    "Supervision checklist in use in one of the two leaving care teams; early feedback is that it keeps discussions focused.",
                ],
                "evidence": "Young people say in the annual care leavers survey that they understand their pathway plan and that it reflects their wishes.",
            },
            {
                "text": (
                    "Give every child in care life-story work that helps them understand their "
                    "history and why they are in care, started early and revisited as they grow."
                ),
                "service_leads": ["Rebecca Hollis"],
                "other_leads": [
                    "Independent reviewing officers",
                    "Workforce development team",
                ],
                "actions": [
                    "Agree a life-story standard that sets out when the work should begin, who is responsible for it and how it is recorded on the child's file.",
                    "Train social workers and foster carers together in age-appropriate life-story techniques, including later-life letters and memory boxes.",
                    "Create a dedicated life-story practitioner post to support complex cases and coach social workers who are new to this work.",
                    "Ask independent reviewing officers to check at every review whether life-story work has started and to escalate where it has not.",
                ],
                "notes": [
                    "Draft standard discussed at the children in care management meeting and amended to cover children living with family members.",
                    "Joint course for social workers and carers fully booked; a second session being arranged because of demand.",
                    "Job description for the life-story practitioner approved; advert to go live once funding is confirmed.",
                    "IRO review template now includes a life-story prompt; first tracker report expected after the next round of reviews.",
                ],
                "evidence": "The tracker shows more children in care with life-story work under way, and children describe the work as helpful.",
            },
        ],
    },
    {
        "ref": "REC 2",
        "kind": "REC",
        "text": (
            "The effectiveness of management oversight and supervision, so that the direction "
            "given to social workers is recorded, reflective and leads to timely progress for "
            "children."
        ),
        "areas": ["leaders", "help_protection"],
        "themes": [
            {
                "text": (
                    "Strengthen supervision so that it is regular and reflective, and so that "
                    "records show clear actions that move each child's plan forward."
                ),
                "service_leads": ["Daniel Okafor"],
                "other_leads": ["Team managers", "Workforce development team"],
                "actions": [
                    "Update the supervision policy to set a minimum frequency for case discussion and introduce a standard recording format with clear actions and timescales.",
                    "Deliver a reflective supervision programme for all team managers and assistant team managers, followed by coaching sessions in small groups.",
                    "Dip sample supervision records every month and share the themes with the managers concerned through one-to-one feedback.",
                    "Introduce group supervision in each team using a recognised systemic model, facilitated by consultant social workers.",
                    "Add supervision timeliness to the weekly performance report so that heads of service can see overdue sessions by team.",
                ],
                "notes": [
                    "Revised policy approved by the senior leadership team and published on the practice hub.",
                    "First cohort of managers has completed the reflective supervision programme; coaching sessions under way.",
                    "Monthly dip sample shows recording is improving, although actions are not always tied back to the child's plan.",
                    "Group supervision piloted in the assessment team; other teams to follow once facilitators are trained.",
                ],
                "evidence": "Audits find supervision records with clear, time-bound actions, and social workers say in the staff survey that supervision helps their practice.",
            },
            {
                "text": (
                    "Make sure plans for children in need include realistic contingency "
                    "arrangements and that managers track progress so that children do not drift."
                ),
                "service_leads": ["Aisha Rahman"],
                "other_leads": ["Team managers", "Child protection chairs"],
                "actions": [
                    "Add a contingency section to every child in need plan that states what will happen if the agreed actions are not achieved.",
                    "Set up a fortnightly panel to review children who have been on a child in need plan for longer than nine months and agree next steps for each.",
                    "Publish step-up and step-down guidance that explains when concerns should be escalated to a child protection strategy discussion.",
                    "Require team managers to sign off each child in need review and record a short rationale for continuing, closing or escalating the plan.",
                ],
                "notes": [
                    "Contingency section added to the template; first audit of its use to follow once the change has bedded in.",
                    "Long-term child in need panel has met several times and agreed a clear next step for every child discussed.",
                    "Step-up and step-down guidance drafted with early help colleagues and awaiting sign-off.",
                ],
                "evidence": "Fewer children stay on child in need plans without progress, and audits find contingency plans that are present and meaningful.",
            },
            {
                "text": (
                    "Improve the timeliness of child and family assessments so that children's "
                    "needs are understood quickly and help starts without delay."
                ),
                "service_leads": ["Marcus Pennington"],
                "other_leads": ["Aisha Rahman", "Performance and intelligence team"],
                "actions": [
                    "Produce a daily list of assessments nearing the forty-five working day limit and send it to team managers each morning.",
                    "Agree a proportionate assessment approach for lower-complexity referrals so that simpler work can be completed more quickly.",
                    "Review allocation in the assessment teams so that new work is spread evenly and no practitioner holds more than the agreed number of assessments.",
                    "Hold weekly performance clinics with the team managers who have the most overdue assessments to agree recovery plans.",
                    "Quality check a sample of completed assessments to make sure quicker completion has not reduced the depth of analysis.",
                ],
                "notes": [
                    "Daily list now produced automatically; managers say it helps them plan the week.",
                    "Proportionate assessment guidance agreed and briefing delivered to all assessment teams.",
                    "Timeliness has improved steadily, with the largest change in the north locality team.",
                    "Quality check found analysis remains sound; a few assessments needed more detail on the involvement of fathers.",
                ],
                "evidence": "Performance reports show more assessments completed within timescale while audit grades hold steady or improve.",
            },
        ],
    },
    {
        "ref": "REC 3",
        "kind": "REC",
        "text": (
            "The response to children at risk of exploitation and to children who go missing, "
            "so that risks are understood across agencies and what children say after returning "
            "shapes their safety plans."
        ),
        "areas": ["help_protection", "children_in_care"],
        "themes": [
            {
                "text": (
                    "Develop a contextual safeguarding approach that looks at the places and peer "
                    "groups where children face harm, not only at risks inside the family."
                ),
                "service_leads": ["Tom Brennan"],
                "other_leads": ["Marcus Pennington", "Multi-agency partnership board"],
                "actions": [
                    "Set up a multi-agency exploitation meeting with police, health, education and youth services to share intelligence on locations and peer networks of concern.",
                    "Introduce a contextual assessment tool and train practitioners to use it alongside the child and family assessment.",
                    "Map local hotspots with community safety partners and agree actions for each location, such as extra patrols or detached youth work.",
                    "Work with schools to spot pupils at risk of exploitation early and agree a clear referral route into the exploitation team.",
                    "Report exploitation trends to the safeguarding partnership so that partners can target resources where they are most needed.",
                ],
                "notes": [
                    "Exploitation meeting established and well attended by police and youth services; health attendance needs strengthening.",
                    "Assessment tool adapted from a published model and being tried out in two teams.",
                    "First location mapping completed for the town centre; follow-up meeting with transport providers planned.",
                ],
                "evidence": "Children at risk of exploitation have multi-agency plans that address places and peer groups, and fewer are referred again for the same concerns.",
            },
            {
                "text": (
                    "Offer every child who goes missing a prompt return home interview and use "
                    "what they tell us to update their safety plan."
                ),
                "service_leads": ["Tom Brennan"],
                "other_leads": ["Independent reviewing officers", "Team managers"],
                "actions": [
                    "Commission return home interviews from a single provider with a clear expectation that an interview is offered within seventy-two hours of the child coming back.",
                    "Create a missing episodes tracker that links each interview to the child's record and alerts the allocated social worker when it is uploaded.",
                    "Require social workers to update the safety plan after every return home interview and record how the child's views have been acted on.",
                    "Hold a monthly missing panel to review children with three or more missing episodes and agree a joint response with partners.",
                    "Share themes from interviews with the police missing persons coordinator so that patterns across groups of children can be identified.",
                ],
                "notes": [
                    "Provider contract varied to include the new timescale; take-up of interviews has started to rise.",
                    "Tracker built by the performance team and being tested with the children in care teams.",
                    "Missing panel now meets regularly; health attendance has improved.",
                    "Some interviews still uploaded late; team managers reminded to check the tracker in supervision.",
                ],
                "evidence": "More children accept a return home interview, and audits show safety plans updated in response to what children say.",
            },
            {
                "text": (
                    "Build the confidence of the wider workforce to recognise and respond to "
                    "criminal and sexual exploitation, including harm that happens online."
                ),
                "service_leads": ["Daniel Okafor"],
                "other_leads": ["Tom Brennan", "Workforce development team"],
                "actions": [
                    "Deliver exploitation awareness training to all children's social care staff, including business support and out-of-hours workers.",
                    "Run joint training with police and school safeguarding leads using local case studies with identifying details removed.",
                    "Publish a short practice guide on responding to online exploitation and keep it current as new risks emerge.",
                    "Offer regular consultation sessions where practitioners can bring complex exploitation cases for advice from the exploitation team.",
                ],
                "notes": [
                    "Training programme agreed and first sessions delivered; evaluations positive.",
                    "Joint sessions with police are popular and schools have asked for more places.",
                    "Online harm guide in draft and being checked by the police digital safety officer.",
                ],
                "evidence": "The staff survey shows greater confidence in recognising exploitation, and audits show earlier referrals to the exploitation team.",
            },
        ],
    },
    {
        "ref": "REC 4",
        "kind": "REC",
        "text": (
            "The support for children in care whose homes are outside the borough, so that they have "
            "the same access to health, education and emotional well-being services as children "
            "living locally."
        ),
        "areas": ["children_in_care"],
        "themes": [
            {
                "text": (
                    "Secure timely health, mental health and dental care for children who live "
                    "at a distance from the borough."
                ),
                "service_leads": ["Rebecca Hollis"],
                "other_leads": ["Joanne Metcalfe", "Independent reviewing officers"],
                "actions": [
                    "Keep a live list of all children living more than twenty miles from home, showing their school, GP, dentist and any mental health support.",
                    "Agree a protocol with the integrated care board to fast-track health assessments for children placed outside the borough.",
                    "Negotiate with host authorities so that children placed away from home can reach local mental health services without long waits.",
                    "Ask independent reviewing officers to check at each review that all services are in place and to escalate any gaps to the head of service.",
                    "Arrange regular visits by the children in care nurse to children placed further away, with video calls in between where the child prefers.",
                ],
                "notes": [
                    "Out of area list now updated weekly and reviewed at the children in care management meeting.",
                    "Health protocol drafted with the integrated care board; awaiting agreement from neighbouring areas.",
                    "IROs have escalated several gaps, mostly about mental health waiting times, and these are being chased.",
                ],
                "evidence": "Every child placed out of area has an up-to-date health assessment and a named contact for emotional well-being support.",
            },
            {
                "text": (
                    "Make sure children in care living away from the borough get a suitable "
                    "school place quickly and that the virtual school tracks their progress."
                ),
                "service_leads": ["Joanne Metcalfe"],
                "other_leads": ["Team managers"],
                "actions": [
                    "Assign a virtual school caseworker to every child placed out of area and contact the receiving school within five working days of a move.",
                    "Review all personal education plans for children placed out of area and check that targets are specific and pupil premium funding is well used.",
                    "Agree a shared admissions approach with neighbouring virtual schools so that no child is left waiting for a school place.",
                    "Provide tuition or alternative provision while a permanent school place is being secured.",
                ],
                "notes": [
                    "Caseworkers allocated for all children currently living out of area.",
                    "Review found most education plans sound; a few needed sharper targets and have been updated.",
                    "Shared admissions approach raised at the regional virtual school heads network; response positive so far.",
                ],
                "evidence": "Children placed out of area start school quickly, their attendance is checked weekly and fewer have gaps in education.",
            },
            {
                "text": (
                    "Increase the number of local homes for children in care so that fewer "
                    "children need to live far from their family, school and community."
                ),
                "service_leads": ["Neil Garside"],
                "other_leads": ["Rebecca Hollis", "Performance and intelligence team"],
                "actions": [
                    "Refresh the sufficiency strategy using current data on children's needs, moves between homes and how far children live from the borough.",
                    "Launch a foster carer recruitment campaign aimed at carers for older children, brothers and sisters, and children with complex needs.",
                    "Work with independent fostering agencies and residential providers to agree a block arrangement for homes within the borough.",
                    "Review the support and allowances offered to the council's own foster carers to help keep them.",
                    "Explore opening a small local children's home in partnership with a registered provider.",
                ],
                "notes": [
                    "Sufficiency data pack finished and shared with the corporate parenting board.",
                    "Recruitment campaign running on social media and local radio; enquiries have gone up.",
                    "Allowance review has gathered views from current foster carers; proposals going to cabinet.",
                    "Early talks held with two providers about a local home; site visit being arranged.",
                ],
                "evidence": "More children in care live within the borough, and the number of the council's own foster carers has grown.",
            },
        ],
    },
    {
        "ref": "REC 5",
        "kind": "REC",
        "text": (
            "The help given to care leavers to find and keep suitable homes and to move into "
            "education, employment or training."
        ),
        "areas": ["care_leavers"],
        "themes": [
            {
                "text": (
                    "Give care leavers a choice of safe, suitable homes and the support they need "
                    "to keep them."
                ),
                "service_leads": ["Sophie Whitcombe"],
                "other_leads": ["Neil Garside", "Personal advisers"],
                "actions": [
                    "Agree a joint housing protocol with the housing service that gives care leavers priority and rules out bed and breakfast accommodation.",
                    "Develop a supported lodgings scheme with local hosts who can offer a family-style home to young people leaving care.",
                    "Offer every care leaver independence sessions on budgeting, tenancy rights and cooking before they move into their own home.",
                    "Set up a rent guarantor scheme and a tenancy support fund to help care leavers secure and keep privately rented homes.",
                    "Review the housing situation of every care leaver each month and act straight away where accommodation is unsuitable.",
                ],
                "notes": [
                    "Housing protocol signed by both directors and shared with housing officers.",
                    "Supported lodgings scheme has recruited its first hosts; host assessments under way.",
                    "Monthly housing review in place; two young people moved out of unsuitable accommodation after the first review.",
                ],
                "evidence": "More care leavers live in suitable accommodation and none are placed in bed and breakfast accommodation.",
            },
            {
                "text": (
                    "Increase the number of care leavers in education, employment or training by "
                    "widening opportunities and giving support that fits each young person."
                ),
                "service_leads": ["Joanne Metcalfe"],
                "other_leads": ["Sophie Whitcombe", "Personal advisers"],
                "actions": [
                    "Appoint a dedicated education, employment and training adviser for care leavers to work alongside personal advisers.",
                    "Create ring-fenced apprenticeships and work placements for care leavers within the council and its partner organisations.",
                    "Extend virtual school support to care leavers up to the age of twenty-five who are in further or higher education.",
                    "Hold regular careers events for care leavers with local employers, colleges and universities.",
                    "Track the education, employment or training status of every care leaver and agree an individual plan for anyone not engaged.",
                ],
                "notes": [
                    "Adviser in post and already working with young people who were not in education, employment or training.",
                    "Council departments have offered several apprenticeships; the adviser is helping young people with applications.",
                    "First careers event well attended; young people asked for more openings in construction and digital work.",
                ],
                "evidence": "More care leavers are in education, employment or training, and young people say the support helped them take the next step.",
            },
            {
                "text": (
                    "Rewrite the local offer with care leavers so that they know what they are "
                    "entitled to and can get it easily."
                ),
                "service_leads": ["Rebecca Hollis"],
                "other_leads": ["Participation team", "Helen Ashworth"],
                "actions": [
                    "Review the local offer with care leavers and publish it in a clear, accessible format online and in print.",
                    "Open a care leavers' hub where young people can drop in to see their personal adviser and get advice on money, health and housing.",
                    "Ask every council department what it can add to the offer, such as council tax exemption and free leisure passes.",
                    "Set up a care leavers' forum that meets senior leaders regularly to say whether the offer is working.",
                ],
                "notes": [
                    "Review workshop held with young people; they want clearer information about money and health.",
                    "Council tax exemption extended to care leavers living outside the borough.",
                    "Hub opening planned once building works are finished.",
                ],
                "evidence": "Care leavers know about the local offer and use it, and take-up of their entitlements has increased.",
            },
        ],
    },
]
