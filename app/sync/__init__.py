"""Upstream sync: push the branch's event log and records to head office,
pull the settings head office shares. Plain Python, no Qt.

Entry points: ``SyncWorker`` (worker.py) for the app and the CLI,
``sync_status`` (status.py) for the status bar, ``hq`` for head office setup.
"""
