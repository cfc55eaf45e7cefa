"""Roles and what each may do. Service functions call ``require``."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.errors import NotPermitted

ROLES = ("greeter", "teller", "complaints", "manager", "admin")

# action -> roles allowed. admin may do everything.
PERMISSIONS: dict[str, frozenset[str]] = {
    "ticket.issue": frozenset({"greeter", "manager"}),
    "ticket.cancel": frozenset({"greeter", "teller", "manager"}),
    "ticket.reprint": frozenset({"greeter", "manager"}),
    "ticket.personal_data": frozenset({"greeter", "teller", "manager"}),
    "ticket.rate": frozenset({"teller", "greeter", "manager", "rating_pad"}),
    "ticket.requeue": frozenset({"greeter", "teller", "manager"}),  # a no-show back in the queue
    "call": frozenset({"teller", "manager"}),
    "window.operate": frozenset({"teller", "manager"}),
    "day.close": frozenset({"manager"}),
    "staff.manage": frozenset(),
    "catalogue.manage": frozenset({"manager"}),
    "settings.manage": frozenset({"manager"}),
    "complaint.intake": frozenset({"complaints", "manager"}),
    "complaint.handle": frozenset({"complaints", "manager"}),
    "complaint.personal_data": frozenset({"complaints", "manager"}),
    "complaint.approve": frozenset({"manager"}),
    "complaint.view": frozenset({"complaints", "manager"}),
    "report.view": frozenset({"manager"}),
    "alert.acknowledge": frozenset({"manager"}),
    "sync.run": frozenset({"manager"}),
    # Personal data and security (issue 18); each use is in the access log.
    "backup.run": frozenset({"manager"}),  # a backup holds every customer's data (encrypted)
    "backup.restore": frozenset(),  # admin only: replaces the whole database
    "privacy.key": frozenset(),  # admin only: export, import, rotate the data key
    "privacy.purge": frozenset({"manager"}),
    "privacy.erase": frozenset({"manager"}),
    "privacy.audit": frozenset({"manager"}),  # read the access log
    # Beyond the lobby (issue 16)
    "appointment.book": frozenset({"greeter", "manager"}),  # book, import, cancel
    "appointment.checkin": frozenset({"greeter", "manager"}),
    "notify.subscribe": frozenset({"greeter", "manager"}),  # a customer's phone, with consent
    "notify.broadcast": frozenset({"manager"}),
}


@dataclass(frozen=True)
class Actor:
    """Who performs an action. ``staff_id`` is None for the local system."""

    username: str
    roles: frozenset[str] = field(default_factory=frozenset)
    staff_id: int | None = None

    def can(self, action: str) -> bool:
        if "admin" in self.roles:
            return True
        return bool(self.roles & PERMISSIONS.get(action, frozenset()))


# The headless command line on the branch PC itself: whoever can write the
# database file already has every right, so the CLI acts as the system unless
# --user names a staff account whose roles then apply.
SYSTEM = Actor(username="system", roles=frozenset({"admin"}))

# The customer-facing rating pad at a window (``run --rating-pad``): no login,
# it shows no personal data, and the only thing it may do is rate a ticket.
RATING_PAD = Actor(username="rating-pad", roles=frozenset({"rating_pad"}))


def require(actor: Actor, action: str) -> None:
    if not actor.can(action):
        raise NotPermitted(
            f"{actor.username} is not allowed to do this ({action}).",
            action=action,
            username=actor.username,
        )


def parse_roles(text: str | list[str] | tuple[str, ...]) -> frozenset[str]:
    from app.errors import InvalidInput

    items = text.split(",") if isinstance(text, str) else list(text)
    roles = frozenset(r.strip().lower() for r in items if r.strip())
    unknown = roles - set(ROLES)
    if unknown:
        raise InvalidInput(
            f"Unknown role {sorted(unknown)[0]!r}; roles are {', '.join(ROLES)}.",
            role=sorted(unknown)[0],
        )
    if not roles:
        raise InvalidInput("A staff account needs at least one role.")
    return roles
