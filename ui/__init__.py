"""Between the engine and the pages: plotly figure builders, Pillow images, Streamlit state."""
