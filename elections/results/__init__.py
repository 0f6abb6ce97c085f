"""Elections on election day and after: minutes, outcome by law, recognition, re-runs.

`models` (re-exported by elections.models), `rules` (the election-day law), `services` (writes),
`selectors` (reads), `forms`, `views`, `urls`, `admin`, `exports`, `demo`."""
