"""The workbooks the app writes: the blank plan template and the committee-ready export.

template.py writes the fill-in template; plan_workbook.py exports a stored plan with its RAG.
Reading plan files lives in readiness.importing.
"""
