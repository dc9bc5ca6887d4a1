"""Between the engine and the pages: plotly figure builders, Pillow images, Streamlit state.

Importing this package first imports, once per process, every module that the libraries
below us otherwise import lazily on first use. A Streamlit server runs each session's
script in its own thread of one process, so when a room opens links at once, one thread
can be half-way through importing a module while another reads it: plotly looks pandas,
numpy and PIL.Image up in `sys.modules` without importing them (`get_module(...,
should_load=False)`), and found a half-initialised pandas that Streamlit's `st.dataframe`
was importing in another thread ("partially initialized module 'pandas' has no attribute
'Series'"). Pillow registers its format plugins on first use, in a global table. An
`import` statement holds the module's import lock until the module is complete, and
app.py imports `ui` before anything runs, so after this no script thread can meet a
half-imported module: every thread waits here until the first one has finished.

Streamlit's plotly element makes its own template plotly's default when it is first imported;
importing it here, before `ui.figures.style` sets the white template, keeps every figure on that
template whatever the order in which a process (a test run, a server thread) imports them.
"""

import numpy.ma  # noqa: F401  (plotly's array checks)
import pandas  # noqa: F401  (plotly peeks at sys.modules["pandas"]; st.dataframe imports it lazily)
import plotly.graph_objects
import plotly.io._json  # noqa: F401  (plotly's serialiser, looked up lazily by st.plotly_chart)
import pyarrow  # noqa: F401  (st.dataframe's wire format)
import streamlit.elements.plotly_chart  # noqa: F401  (sets plotly's default template: before ui.figures does)
from PIL import Image

from ui import figures  # noqa: F401,E402  (every builder, on plotly's white template)

Image.init()  # every format plugin registered now, not by whichever thread saves the first PNG
plotly.graph_objects.Figure(
    plotly.graph_objects.Scatter(x=[0], y=[0])
).to_json()  # load plotly's validator table
