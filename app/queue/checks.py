"""The greeter's optional customer details checked field by field, all at
once (the screen marks every field as it is typed; ``issue_ticket`` checks
the same rules again and refuses the first it meets)."""

from __future__ import annotations

import re

from app.errors import InvalidInput
from app.queue.tickets import MAX_NAME, MAX_NEED, normalise_phone

PHONE_CHARACTERS = re.compile(r"^[\d\s\-()+]*$")


def customer_problems(name: str | None, phone: str | None, need: str | None) -> dict[str, str]:
    """``{field: problem}`` for every field that ``issue_ticket`` would refuse:
    name/need ``too_long``; phone ``characters`` (letters and such), ``length``
    (7 to 15 digits) or ``mobile`` (not a mainland mobile number)."""
    found: dict[str, str] = {}
    if name and len(" ".join(name.split())) > MAX_NAME:
        found["name"] = "too_long"
    if need and len(" ".join(need.split())) > MAX_NEED:
        found["need"] = "too_long"
    if phone and phone.strip():
        if not PHONE_CHARACTERS.match(phone.strip()):
            found["phone"] = "characters"
        else:
            try:
                normalise_phone(phone)
            except InvalidInput as exc:
                found["phone"] = "mobile" if "mobile" in exc.message else "length"
    return found
