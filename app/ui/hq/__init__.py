"""Head office's screen (``branchdesk hq screen``)."""
