"""The PySide6 front end: shell, greeter, teller window, lobby display.

Only this package imports Qt. Import PySide6 before qasync (FIELD-NOTES).
"""
