"""The branch manager's screen: live figures, the daily report (view, save,
print), the period report and the automatic end-of-day report."""
