"""Masked forms of names, phones and e-mail addresses (JR/T 0171: phone
numbers masked on screen).

Each hides at least half of what it masks, and a phone never shows more than
its last four digits: 张三丰 -> 张**, 王五 -> 王*, 李 -> *, 13812345678 ->
*******5678, 82345678 -> ****5678. They are computed when the data is written
and stored beside the ciphertext, so lists and screens show them without the key.
"""

from __future__ import annotations

MAX_PHONE_SHOWN = 4


def mask_name(name: str | None) -> str | None:
    """The first character of a name of two or more, nothing of a one-character name."""
    if not name:
        return None
    if len(name) == 1:
        return "*"
    return name[0] + "*" * (len(name) - 1)


def mask_phone(phone: str | None) -> str | None:
    """At most the last four digits, and never more than half of them."""
    if not phone:
        return None
    shown = min(MAX_PHONE_SHOWN, len(phone) // 2)
    return "*" * (len(phone) - shown) + (phone[-shown:] if shown else "")


def mask_email(email: str | None) -> str | None:
    """zhang.san@example.com -> z********@example.com; a@x.cn -> *@x.cn."""
    if not email or "@" not in email:
        return None
    local, domain = email.split("@", 1)
    return (mask_name(local) or "*") + "@" + domain
