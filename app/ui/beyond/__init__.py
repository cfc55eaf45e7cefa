"""Screens' parts for issue 16: appointments (upcoming slots, check-in, the
booking panel) and messages (the manager's broadcast). No SQL: they call
app.appointments and app.notify in worker threads."""
