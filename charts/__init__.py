"""Pure Plotly figure builders: tidy DataFrame in, go.Figure out. Never imports streamlit."""
