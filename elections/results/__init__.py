"""Elections on election day and after: minutes, outcome by law, recognition, re-runs."""
