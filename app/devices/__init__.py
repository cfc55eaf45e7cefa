"""Devices: ticket printers (python-escpos), serial keypads and window displays
(pyserial), each behind a small interface with a real and a simulated driver."""
