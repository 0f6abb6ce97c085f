"""Election-period incidents in each hamlet (issue 21, point 3): security, disputes at the meeting,
weather, sabotage, distorting propaganda; who handles them and how they were resolved.

`models` (re-exported by elections.models), `services` (writes, notification of serious ones),
`selectors` (reads, figures for the dashboard and the report), `forms`, `views`, `urls`, `admin`,
`exports`."""
