"""How long the database's bounded text columns are, in one place.

readiness/models.py declares the columns with these lengths, and the importers and forms check
text against them first: PostgreSQL refuses a longer value (SQLite would store it), so checking
here makes both databases take and refuse the same plans, with a message instead of an error.
"""

NAME_MAX = 200  # a lead officer's name, a progress update's author, a plan's council
ROLE_MAX = 300  # a lead officer's role, given in brackets after the name
TITLE_MAX = 300  # a plan's title
