"""Stancemap analysis: corpus loading, NLP and tables. Pure Python, no Streamlit."""

__version__ = "0.1.0"
