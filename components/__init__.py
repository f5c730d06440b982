"""Reusable Streamlit pieces: data access with caching, filters, RAG badges, tables."""
