"""The report people look at: one self-contained HTML file (inline CSS and SVG, no network when opened).

``collect`` fetches what the page shows, ``page`` lays it out, ``svg`` draws the
charts and ``style`` holds the CSS and the few lines of script. Every string
from Zoom or the registration form is escaped: names are hostile input.
"""
