"""Inspection readiness for English local authority children's services: the domain layer.

No Streamlit here: models, rules, importers and the CLI work without a browser.
"""
