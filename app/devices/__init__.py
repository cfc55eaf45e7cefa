"""Devices: ticket printers (python-escpos), serial keypads and window displays
(pyserial), each behind a small interface with a real and a simulated driver."""

from app.devices.escpos_cache import prepare as _prepare_escpos_cache

_prepare_escpos_cache()  # before anything imports escpos: see escpos_cache.py
