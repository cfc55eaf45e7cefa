"""What the ticket and complaint services call: seal personal values on
write, open them only in the audited personal-data views.

``SEALED`` names every encrypted field (rotation and erasure walk it). Each
ciphertext is bound to its table, field and row uuid. The masked forms and
the phone index are computed here from the clear values, before they are
sealed, and stored beside them.
"""

from __future__ import annotations

from typing import Any

from app.privacy.masking import mask_email, mask_name, mask_phone
from app.privacy.vault import vault
from app.store.base import new_uuid

SEALED: dict[str, tuple[str, ...]] = {
    "tickets": ("customer_name", "customer_phone", "need_note"),
    "complaints": ("customer_name", "customer_phone", "customer_email", "content", "resolution",
                   "extension_reason"),
    "complaint_log": ("note",),
    "appointments": ("customer_name", "customer_phone"),
    "notify_subscriptions": ("phone",),
}
# The field whose keyed hash is stored as ``phone_index``.
INDEXED = {"tickets": "customer_phone", "complaints": "customer_phone", "appointments": "customer_phone",
           "notify_subscriptions": "phone"}


def aad(table: str, field: str, uuid: str) -> str:
    return f"{table}.{field}:{uuid}"


def _empty(table: str) -> str | None:
    """What an empty field holds: the log's note is NOT NULL (an empty string)."""
    return "" if table == "complaint_log" else None


def seal_fields(s, obj: Any, table: str, values: dict[str, str | None]) -> None:  # type: ignore[no-untyped-def]
    """Set each field of ``obj`` (an ORM row of ``table``) to its sealed value."""
    if not any(values.values()):
        for name in values:
            setattr(obj, name, _empty(table))
        return
    if getattr(obj, "uuid", None) is None:
        obj.uuid = new_uuid()
    v = vault(s)
    for name, value in values.items():
        setattr(obj, name, v.seal(value, aad(table, name, obj.uuid)) or _empty(table))
    if INDEXED.get(table) in values:
        obj.phone_index = v.index(values[INDEXED[table]])


def open_fields(s, obj: Any, table: str, names: tuple[str, ...] | None = None) -> dict[str, str | None]:  # type: ignore[no-untyped-def]
    """The clear values of ``obj``'s sealed fields (None where empty or erased)."""
    v = vault(s)
    return {name: v.open(getattr(obj, name), aad(table, name, obj.uuid)) for name in (names or SEALED[table])}


# --- tickets ---------------------------------------------------------------

def seal_ticket(s, t: Any, *, name: str | None, phone: str | None, need: str | None) -> None:  # type: ignore[no-untyped-def]
    """A new ticket's customer data: sealed, with its masked forms."""
    t.customer_name_masked, t.customer_phone_masked = mask_name(name), mask_phone(phone)
    if name or phone or need:
        seal_fields(s, t, "tickets", {"customer_name": name, "customer_phone": phone, "need_note": need})


def open_ticket(s, t: Any) -> tuple[str | None, str | None, str | None]:  # type: ignore[no-untyped-def]
    d = open_fields(s, t, "tickets")
    return d["customer_name"], d["customer_phone"], d["need_note"]


# --- complaints --------------------------------------------------------------

def seal_complaint(s, c: Any, *, name: str | None, phone: str | None, email: str | None,  # type: ignore[no-untyped-def]
                   content: str) -> None:
    """A new case's customer data and text: sealed, with the masked forms."""
    c.customer_name_masked = mask_name(name)
    c.contact_masked = mask_phone(phone) or mask_email(email)
    seal_fields(s, c, "complaints", {"customer_name": name, "customer_phone": phone, "customer_email": email,
                                     "content": content})


def seal_one(s, obj: Any, table: str, field: str, value: str | None) -> None:  # type: ignore[no-untyped-def]
    """Seal one more field of an existing row (a case's answer, its extension reason)."""
    setattr(obj, field, vault(s).seal(value, aad(table, field, obj.uuid)) if value else _empty(table))


def open_note(s, row: Any) -> str:  # type: ignore[no-untyped-def]
    return open_fields(s, row, "complaint_log", ("note",))["note"] or ""


def phone_indexes(s, phone: str) -> list[str]:  # type: ignore[no-untyped-def]
    """The keyed hashes a stored phone index may have (one per key version here)."""
    return vault(s).indexes(phone)
