"""The lobby display and its voice announcements."""
