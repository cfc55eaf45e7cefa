"""Voice announcements for the lobby: a queue that never cuts a call off.

``Announcer.announce(number, window)`` queues a chime and the sentence in each
language (twice by default). An ``AudioOutput`` plays one ``Utterance`` at a
time and says when it is done:
- ``TtsOutput``: Qt TextToSpeech, used only when the engine is not in the
  Error state and has a voice for the language (FIELD-NOTES);
- ``ClipOutput``: recorded WAV clips from resources/sounds joined in order;
  with no sound device it stays silent and says so once in the log;
- ``RecordingOutput``: the test double; it records what would be heard.
"""

from __future__ import annotations

import logging
import wave
from collections import deque
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject, QTimer, Signal

from app.ui.i18n import RESOURCES
from app.ui.lobby.speech import Utterance, announcement

log = logging.getLogger("branchdesk.sound")
SOUNDS = RESOURCES / "sounds"


class AudioOutput(Protocol):
    def play(self, item: Utterance, done: Callable[[], None]) -> None: ...


class RecordingOutput:
    """Records each utterance (text and clip sequence) instead of playing it."""

    def __init__(self) -> None:
        self.played: list[Utterance] = []

    def play(self, item: Utterance, done: Callable[[], None]) -> None:
        self.played.append(item)
        QTimer.singleShot(0, done)

    def texts(self) -> list[str]:
        return [u.text for u in self.played if u.kind == "speech"]


def join_clips(names: tuple[str, ...], folder: Path = SOUNDS) -> tuple[bytes, tuple[int, int, int]] | None:
    """The PCM frames of the named WAVs one after another, and (rate, channels, width)."""
    frames, params = [], None
    for name in names:
        path = folder / f"{name}.wav"
        if not path.exists():
            log.warning("voice clip missing: %s", path)
            continue
        with wave.open(str(path), "rb") as w:
            p = (w.getframerate(), w.getnchannels(), w.getsampwidth())
            if params is None:
                params = p
            if p != params:
                log.warning("voice clip %s has a different format; skipped", name)
                continue
            frames.append(w.readframes(w.getnframes()))
    return (b"".join(frames), params) if params else None


class ClipOutput:
    """Plays joined clips through the default sound device (QAudioSink)."""

    def __init__(self, folder: Path = SOUNDS) -> None:
        self.folder = folder
        self._sink = None
        self._buffer = None
        self._done: Callable[[], None] | None = None
        self._silent_logged = False

    def _device(self):  # type: ignore[no-untyped-def]
        try:
            from PySide6.QtMultimedia import QMediaDevices
        except ImportError as exc:  # no libpulse, no Addons
            return self._silent(f"Qt Multimedia unavailable ({exc})")
        dev = QMediaDevices.defaultAudioOutput()
        if dev.isNull():
            return self._silent("no sound output device")
        return dev

    def _silent(self, why: str) -> None:
        if not self._silent_logged:
            log.warning("announcements are silent: %s", why)
            self._silent_logged = True
        return None

    def play(self, item: Utterance, done: Callable[[], None]) -> None:
        joined = join_clips(item.clips, self.folder)
        dev = self._device() if joined else None
        if joined is None or dev is None or not joined[0]:
            QTimer.singleShot(0, done)
            return
        from PySide6.QtCore import QBuffer, QByteArray, QIODevice
        from PySide6.QtMultimedia import QAudio, QAudioFormat, QAudioSink

        data, (rate, channels, width) = joined
        fmt = QAudioFormat()
        fmt.setSampleRate(rate)
        fmt.setChannelCount(channels)
        fmt.setSampleFormat(QAudioFormat.SampleFormat.Int16 if width == 2 else QAudioFormat.SampleFormat.UInt8)
        self._buffer = QBuffer()
        self._buffer.setData(QByteArray(data))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self._sink = QAudioSink(dev, fmt)
        self._done = done

        def state_changed(state) -> None:  # type: ignore[no-untyped-def]
            if state in (QAudio.State.IdleState, QAudio.State.StoppedState) and self._done is not None:
                finished, self._done = self._done, None
                if self._sink.error() != QAudio.Error.NoError:
                    self._silent(f"sound device error {self._sink.error()}")
                QTimer.singleShot(0, finished)

        self._sink.stateChanged.connect(state_changed)
        self._sink.start(self._buffer)
        if self._sink.error() != QAudio.Error.NoError:
            state_changed(QAudio.State.StoppedState)


class TtsOutput:
    """Qt TextToSpeech for the languages that have a working voice; clips otherwise."""

    def __init__(self, fallback: AudioOutput, engine: str | None = None) -> None:
        self.fallback = fallback
        self._tts = None
        self._voices: dict[str, object] = {}
        self._done: Callable[[], None] | None = None
        try:
            from PySide6.QtTextToSpeech import QTextToSpeech

            tts = QTextToSpeech(engine) if engine else QTextToSpeech()
            if tts.state() == QTextToSpeech.State.Error:
                log.info("text-to-speech engine in error state (%s); using recorded clips", tts.errorString())
                return
            for voice in tts.availableVoices():
                name = voice.locale().name()
                if name.startswith("zh") and "zh_CN" not in self._voices:
                    self._voices["zh_CN"] = voice
                if name.startswith("en") and "en" not in self._voices:
                    self._voices["en"] = voice
            self._tts = tts
            tts.stateChanged.connect(self._state_changed)
        except Exception as exc:  # missing module or engine plugin: clips instead
            log.info("text-to-speech unavailable (%s); using recorded clips", exc)

    def languages(self) -> set[str]:
        return set(self._voices) if self._tts is not None else set()

    def play(self, item: Utterance, done: Callable[[], None]) -> None:
        if item.kind != "speech" or item.lang not in self.languages():
            self.fallback.play(item, done)
            return
        self._done = done
        self._tts.setVoice(self._voices[item.lang])
        self._tts.say(item.text)

    def _state_changed(self, state) -> None:  # type: ignore[no-untyped-def]
        from PySide6.QtTextToSpeech import QTextToSpeech

        if state in (QTextToSpeech.State.Ready, QTextToSpeech.State.Error) and self._done is not None:
            finished, self._done = self._done, None
            QTimer.singleShot(0, finished)


def default_output() -> AudioOutput:
    """TTS where a voice exists, recorded clips for the rest."""
    return TtsOutput(ClipOutput())


class Announcer(QObject):
    """Queues announcements and plays them one after another."""

    started = Signal(str, int)  # number, window: an announcement begins
    idle = Signal()  # the queue has run dry

    def __init__(self, output: AudioOutput, *, repeat: int = 2, languages: tuple[str, ...] = ("zh_CN", "en"),
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.output = output
        self.repeat = repeat
        self.languages = languages
        self._queue: deque[tuple[Utterance, tuple[str, int] | None]] = deque()
        self._busy = False

    def announce(self, number: str, window: int) -> None:
        """Queue ``number`` to ``window``; it starts when everything before it is done."""
        items = announcement(number, window, languages=self.languages, repeat=self.repeat)
        for i, item in enumerate(items):
            self._queue.append((item, (number, window) if i == 0 else None))
        if not self._busy:
            self._next()

    def pending(self) -> int:
        return len(self._queue) + (1 if self._busy else 0)

    def _next(self) -> None:
        if not self._queue:
            self._busy = False
            self.idle.emit()
            return
        self._busy = True
        item, begins = self._queue.popleft()
        if begins is not None:
            self.started.emit(*begins)
        try:
            self.output.play(item, self._next)
        except Exception:  # a sound problem never takes the display down
            log.exception("announcement failed; continuing silently")
            QTimer.singleShot(0, self._next)
