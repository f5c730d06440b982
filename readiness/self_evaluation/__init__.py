"""The self-evaluation Ofsted asks every council for each year (../shared/domain.md §1.8): drafted
from the plan and the indicators, with leaders' own words beside it, frozen when submitted; and
the annual engagement meeting it is discussed at, with the feedback points followed up."""
