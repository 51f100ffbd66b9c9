"""Streamlit glue: settings, cached loaders, the shared sidebar, uploads and page sections."""
