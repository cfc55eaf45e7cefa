"""The message texts: settings in Chinese and English with placeholders
({branch} {number} {service} {ahead} {wait} {window}), checked when saved."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from app.queue.estimate import Estimate
from app.settings import stored_values, value_of


def wait_span(est: Estimate) -> str:
    """Minutes as the ticket prints them: "10-15", "5", or "?" when no number is promised."""
    if est.minutes is None:
        return "?"
    low, high = est.range or (est.minutes, est.minutes)
    return str(low) if low == high else f"{low}-{high}"


@dataclass(frozen=True)
class Texts:
    templates: dict[str, str]  # "ahead_zh" -> template
    branch_zh: str
    branch_en: str

    @classmethod
    def read(cls, s: Session) -> Texts:
        values = stored_values(s)
        return cls.of(values)

    @classmethod
    def of(cls, values: dict[str, Any]) -> Texts:
        keys = ("ahead_zh", "ahead_en", "called_zh", "called_en")
        return cls({k: value_of(values, f"notify.text_{k}") for k in keys},
                   value_of(values, "branch.name_zh"), value_of(values, "branch.name_en"))

    def _fill(self, kind: str, language: str, service: tuple[str, str], **fields: Any) -> str:
        en = language == "en"
        return self.templates[f"{kind}_{'en' if en else 'zh'}"].format(
            branch=self.branch_en if en else self.branch_zh, service=service[1] if en else service[0],
            **{k: str(v) for k, v in fields.items()})

    def ahead(self, language: str, *, number: str, service: tuple[str, str], ahead: int, wait: str) -> str:
        return self._fill("ahead", language, service, number=number, ahead=ahead, wait=wait)

    def called(self, language: str, *, number: str, service: tuple[str, str], window: Any) -> str:
        return self._fill("called", language, service, number=number, window=window)
