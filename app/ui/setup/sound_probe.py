"""Sound probe run by ``branchdesk doctor`` in a child process: prints
``devices=N first-device-name``; exit 1 when Qt Multimedia cannot load."""

from __future__ import annotations

import sys


def main() -> int:
    try:
        from PySide6.QtCore import QCoreApplication
        from PySide6.QtMultimedia import QMediaDevices
    except ImportError as exc:
        print(f"error {exc}")
        return 1
    app = QCoreApplication.instance() or QCoreApplication([])  # noqa: F841 (needed by QMediaDevices)
    outputs = QMediaDevices.audioOutputs()
    first = outputs[0].description() if outputs else ""
    print(f"devices={len(outputs)} {first}".strip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
