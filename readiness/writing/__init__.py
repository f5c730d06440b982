"""The workbooks the app writes: the blank plan template and the committee-ready export.

template.py writes the fill-in template; plan_workbook.py exports a stored plan with its RAG;
both put every value through cells.py, so a plan's text is saved as text, never as a formula.
Reading plan files lives in readiness.importing.
"""
