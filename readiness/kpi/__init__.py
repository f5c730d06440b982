"""Key performance indicators: their definitions, the values loaded for the council and its
comparators, and the rules that colour them (no Streamlit here)."""
