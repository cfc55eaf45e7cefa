"""Printer detection for the setup wizard: USB printers are recognised by
their USB class, other devices are left out, a missing libusb gives none."""

from __future__ import annotations

import usb.core

from app.ops.devices_bridge import detect_usb_printers


class _Intf:
    def __init__(self, cls: int) -> None:
        self.bInterfaceClass = cls


class _Dev:
    def __init__(self, vendor: int, product: int, interface_class: int) -> None:
        self.idVendor, self.idProduct = vendor, product
        self.bDeviceClass = 0  # class given per interface, as most printers do
        self.iProduct = 0
        self._cfgs = [[_Intf(interface_class)]]

    def __iter__(self):
        return iter(self._cfgs)


def test_only_printer_class_devices_are_offered(monkeypatch):
    devices = [_Dev(0x0416, 0x5011, 7), _Dev(0x046D, 0xC52B, 3)]  # a ticket printer and a mouse
    monkeypatch.setattr(usb.core, "find", lambda find_all=True: devices)
    assert detect_usb_printers() == [("USB printer (0416:5011)", 0x0416, 0x5011)]


def test_no_usb_backend_means_no_detected_printer(monkeypatch):
    def no_backend(find_all=True):
        raise usb.core.NoBackendError("No backend available")

    monkeypatch.setattr(usb.core, "find", no_backend)
    assert detect_usb_printers() == []
