"""The PySide6 front end: shell, greeter, teller window, lobby display.

Only this package imports Qt. Import PySide6 before qasync (FIELD-NOTES).
"""

import sys


def _pin_singletons() -> None:
    """Work around PySide6 6.12 on CPython 3.11: every call of a C++ method
    returning void drops one reference to ``None`` too many (bool-typed signal
    arguments do the same to True/False). PySide6 6.12 assumes the immortal
    singletons of CPython >= 3.12; on 3.11 a screen that updates labels dies
    after some minutes with "Fatal Python error: none_dealloc". Give the
    singletons a refcount no process will use up, which is what 3.12 does.
    Measured here: 200 ``QLabel.setText`` calls lowered None's refcount by 200.
    """
    if sys.version_info >= (3, 12) or hasattr(sys, "gettotalrefcount"):  # immortal, or a debug build
        return
    import ctypes

    for obj in (None, True, False):
        ctypes.c_ssize_t.from_address(id(obj)).value += 1 << 40


_pin_singletons()
