"""Windows DPAPI with the local-machine scope (ctypes, no extra package).

A key protected here opens for any account of this PC and for no other PC, so
the branch's data key file in the machine's data folder is useless when copied
away. Only imported on Windows (app/privacy/keys.py).
"""

from __future__ import annotations

import ctypes
from ctypes import wintypes

CRYPTPROTECT_UI_FORBIDDEN = 0x1
CRYPTPROTECT_LOCAL_MACHINE = 0x4


class _Blob(ctypes.Structure):
    _fields_ = [("cbData", wintypes.DWORD), ("pbData", ctypes.POINTER(ctypes.c_char))]


def _blob(data: bytes) -> _Blob:
    buf = ctypes.create_string_buffer(data, len(data))
    return _Blob(len(data), ctypes.cast(buf, ctypes.POINTER(ctypes.c_char)))


def _call(fn_name: str, data: bytes) -> bytes:
    crypt32 = ctypes.windll.crypt32  # type: ignore[attr-defined]
    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    src, out = _blob(data), _Blob()
    flags = CRYPTPROTECT_UI_FORBIDDEN | (CRYPTPROTECT_LOCAL_MACHINE if fn_name == "CryptProtectData" else 0)
    ok = getattr(crypt32, fn_name)(ctypes.byref(src), None, None, None, None, flags, ctypes.byref(out))
    if not ok:
        raise OSError(ctypes.GetLastError(), f"{fn_name} failed")  # type: ignore[attr-defined]
    try:
        return ctypes.string_at(out.pbData, out.cbData)
    finally:
        kernel32.LocalFree(out.pbData)


def protect(secret: bytes) -> bytes:
    return _call("CryptProtectData", secret)


def unprotect(blob: bytes) -> bytes:
    return _call("CryptUnprotectData", blob)
