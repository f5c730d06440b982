"""The files the app writes: the blank plan template, the committee-ready export and the board
pack.

template.py writes the fill-in template; plan_workbook.py exports a stored plan with its RAG;
both put every value through cells.py, so a plan's text is saved as text, never as a formula.
board_pack.py gathers a board pack from plain data (no database), which board_pack_pdf.py writes
as a PDF and board_pack_xlsx.py as a workbook. Reading plan files lives in readiness.plan.importing.
"""
