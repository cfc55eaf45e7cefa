"""Running blocking work off the GUI thread.

Under the application's qasync loop a job runs in ``asyncio.to_thread`` and its
callbacks come back on the GUI thread. ``spawn`` keeps a reference to each
task so it is not garbage-collected mid-flight, and logs what nobody handled.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any

log = logging.getLogger("branchdesk.ui")
_running: set[asyncio.Task] = set()


def spawn(coro: Coroutine[Any, Any, Any]) -> asyncio.Task:
    """Schedule ``coro`` on the running (qasync) loop."""
    task = asyncio.ensure_future(coro)
    _running.add(task)
    task.add_done_callback(_done)
    return task


def _done(task: asyncio.Task) -> None:
    _running.discard(task)
    if not task.cancelled() and task.exception() is not None:
        log.error("background task failed", exc_info=task.exception())


async def in_thread(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """``fn(*args, **kwargs)`` in a worker thread, awaited from the GUI thread."""
    return await asyncio.to_thread(fn, *args, **kwargs)


async def attempt(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> tuple[Any, BaseException | None]:
    """``(result, None)``, or ``(None, error)`` when ``fn`` raised: the call runs in a
    worker thread and its error comes back to be shown as one sentence, never a traceback."""
    try:
        return await in_thread(fn, *args, **kwargs), None
    except Exception as exc:
        return None, exc


def alive(widget: object) -> bool:
    """False once Qt has deleted ``widget`` (a window closed while its job ran)."""
    import shiboken6

    return shiboken6.isValid(widget)


def pending() -> int:
    """How many spawned tasks are still running (tests wait for zero)."""
    return len(_running)
