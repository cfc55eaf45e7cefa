from __future__ import annotations

import datetime as dt

import pytest

from app.devices.base import ReceiptPrintJob, TicketPrintJob

REF = "https://q.example.cn/BR001/t/C29snC8LSo6aRF0vbB56EHSTdXVmQi3KzKM"  # a phone page (issue 16)


@pytest.fixture
def ticket_job() -> TicketPrintJob:
    return TicketPrintJob(
        number="A023", service_name_zh="个人业务（储蓄）", service_name_en="Personal Banking",
        people_ahead=5, estimated_wait_min=12, estimated_range=(10, 15),
        issued_at=dt.datetime(2026, 11, 23, 9, 30, 5), reference=REF,
        branch_name_zh="示范银行 城中支行", branch_name_en="Demo Bank, City Centre Branch",
        footer_zh="过号请重新取号，谢谢！", footer_en="Please take a new ticket if your number has passed",
    )


@pytest.fixture
def receipt_job() -> ReceiptPrintJob:
    return ReceiptPrintJob(
        reference="TS-20261123-0007", kind_zh="投诉", kind_en="Complaint",
        received_at=dt.datetime(2026, 11, 23, 10, 15), answer_due=dt.date(2026, 11, 30),
        branch_name_zh="示范银行 城中支行", branch_name_en="Demo Bank, City Centre Branch",
        footer_zh="客服热线 95555", footer_en="Hotline 95555",
    )
