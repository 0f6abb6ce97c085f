"""Sections of the progress report. Each module's `compute(frame)` returns plain data (numbers and
labels in dicts and lists) from a fixed number of aggregate queries, whatever the size of the
province; the dashboard, the PDF and the .xlsx all read the same data."""
