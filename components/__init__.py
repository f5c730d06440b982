"""Reusable Streamlit pieces: cached data access, filters, labels and colours, tables, cards."""
