"""What an announcement says: the texts and the recorded-clip sequences. Pure Python.

"A023" at window 3 becomes
  zh: 请 A 零 二 三 号到 三 号窗口   ("请 A023 号到 3 号窗口")
  en: number A zero two three, please go to window three
Clip names are files in resources/sounds (zh_<name>.wav, en_<name>.wav).
"""

from __future__ import annotations

from dataclasses import dataclass

ZH_DIGITS = "零一二三四五六七八九"
EN_DIGITS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


@dataclass(frozen=True)
class Utterance:
    """One thing to play: a chime, or a sentence in one language."""

    kind: str  # "chime" | "speech"
    lang: str = ""  # "zh_CN" | "en"
    text: str = ""
    clips: tuple[str, ...] = ()


def zh_text(number: str, window: int) -> str:
    return f"请 {number} 号到 {window} 号窗口"


def en_text(number: str, window: int) -> str:
    return f"Number {' '.join(number)}, please go to window {window}"


def _zh_number_clips(n: int) -> list[str]:
    """Window numbers are read as numbers (十二), ticket digits one by one."""
    if n < 10:
        return [f"zh_{n}"]
    if n < 100:
        tens, ones = divmod(n, 10)
        clips = ([] if tens == 1 else [f"zh_{tens}"]) + ["zh_10"]
        return clips + ([f"zh_{ones}"] if ones else [])
    return [f"zh_{d}" for d in str(n)]


def _spell(number: str, lang: str) -> list[str]:
    out = []
    for ch in number.upper():
        if ch.isdigit():
            out.append(f"{lang}_{ch}")
        elif "A" <= ch <= "Z":
            out.append(f"{lang}_{ch}")
    return out


def zh_clips(number: str, window: int) -> tuple[str, ...]:
    return tuple(["zh_qing", *_spell(number, "zh"), "zh_haodao", *_zh_number_clips(window), "zh_haochuangkou"])


def en_clips(number: str, window: int) -> tuple[str, ...]:
    return tuple(["en_number", *_spell(number, "en"), "en_please_go_to_window",
                  *[f"en_{d}" for d in str(window)]])


def announcement(number: str, window: int, *, languages: tuple[str, ...] = ("zh_CN", "en"),
                 repeat: int = 2, chime: bool = True) -> list[Utterance]:
    """The utterances of one call, in order: chime, then each language, ``repeat`` times."""
    items: list[Utterance] = [Utterance("chime", clips=("chime",))] if chime else []
    for _ in range(max(1, repeat)):
        for lang in languages:
            if lang == "en":
                items.append(Utterance("speech", "en", en_text(number, window), en_clips(number, window)))
            else:
                items.append(Utterance("speech", "zh_CN", zh_text(number, window), zh_clips(number, window)))
    return items


def clip_names() -> list[str]:
    """Every clip an announcement can use (tools/make_voice_clips.sh makes them)."""
    letters = [chr(c) for c in range(ord("A"), ord("Z") + 1)]
    names = ["chime", "zh_qing", "zh_haodao", "zh_haochuangkou", "en_number", "en_please_go_to_window"]
    names += [f"zh_{d}" for d in range(11)] + [f"en_{d}" for d in range(10)]
    names += [f"zh_{c}" for c in letters] + [f"en_{c}" for c in letters]
    return names
