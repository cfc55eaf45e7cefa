"""Administration screens (admin role): services, windows, queue rules and
lobby notice, staff, devices, complaint categories and calendar, sync."""
