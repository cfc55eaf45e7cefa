"""The one way to run blocking work off the GUI thread.

``run(fn, on_done, on_error, owner)`` runs ``fn()`` on a worker thread of one
shared pool and calls back on the GUI thread, under the qasync loop and under
a plain Qt event loop alike (tests, the screenshot tool). The result travels
by a queued signal to a QObject living on the GUI thread; a callback whose
``owner`` widget was deleted meanwhile (a window closed while its job ran) is
dropped. ``call(fn)`` is the same as an awaitable, for coroutine code (it needs
the qasync loop); ``spawn(coro)`` schedules such a coroutine.

``Loader`` builds on ``run``: a screen's data read off the GUI thread, at most
one read in flight, a trigger during a read giving one more read after it.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import sys
import weakref
from collections.abc import Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal, Slot

log = logging.getLogger("branchdesk.ui")
_running: set[asyncio.Task] = set()
_loaders: weakref.WeakSet[Loader] = weakref.WeakSet()


def alive(widget: object) -> bool:
    """False once Qt has deleted ``widget`` (a window closed while its job ran)."""
    return widget is not None and shiboken6.isValid(widget)


class _Job:
    """One job's callbacks and outcome, kept on the GUI thread's side.

    The job (often a screen's bound method), its result and its error live in
    ``box``, which only the GUI thread empties: the worker thread never drops
    the last reference to them. If it did, a screen closed meanwhile would be
    freed on the worker thread, and shiboken's deferred deletion of the widget
    crashed the process (seen as a segfault after a test closed its screens).
    A job is a plain Python object, not a QObject: no Qt object is created per
    job, and none is deleted (``deleteLater``) while a worker thread may still
    hold its Python wrapper, a race known to crash PySide applications."""

    __slots__ = ("box", "on_done", "on_error", "owner", "has_owner")

    def __init__(self, fn: Callable[[], Any], on_done: Callable[[Any], None] | None,
                 on_error: Callable[[BaseException], None] | None, owner: QObject | None) -> None:
        self.box: list[Any] = [fn]  # the job, then (ok, result or exception)
        self.on_done, self.on_error, self.owner = on_done, on_error, owner
        self.has_owner = owner is not None

    def deliver(self) -> None:
        ok, value = self.box.pop()
        self.box.clear()
        if self.has_owner and not alive(self.owner):
            return
        if ok:
            if self.on_done is not None:
                self.on_done(value)
        elif self.on_error is not None:
            self.on_error(value)  # type: ignore[arg-type]
        else:
            log.error("background job failed", exc_info=value)  # type: ignore[arg-type]


def _work(box: list[Any], key: int, finished: Any) -> None:
    """On a worker thread: run the boxed job, box its outcome, tell the GUI
    thread which job is done (by number: the worker touches no object the GUI
    thread frees). No local reference outlives the hand-over (see ``_Job``)."""
    ok, value = True, None
    try:
        value = box[0]()
    except Exception as exc:  # handed to the caller, shown as one sentence
        ok, value = False, exc
    box.append((ok, value))
    del value
    finished.emit(key)


class _Pool(QObject):
    """The worker threads: plain Python threads (a QRunnable subclass handed to
    QThreadPool crashed the process now and then, its wrapper's lifetime racing
    the pool's); each result reaches the GUI thread as the job's number, by a
    queued signal of this one long-lived object."""

    finished = Signal(int)

    def __init__(self, parent: QObject | None) -> None:
        super().__init__(parent)
        self.pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="branchdesk-ui")
        self.jobs: dict[int, _Job] = {}
        self._next = 0
        self.finished.connect(self._deliver)
        self.destroyed.connect(lambda *_: self.pool.shutdown(wait=False))

    def submit(self, job: _Job) -> None:
        self._next += 1
        self.jobs[self._next] = job
        self.pool.submit(_work, job.box, self._next, self.finished)

    @Slot(int)
    def _deliver(self, key: int) -> None:
        job = self.jobs.pop(key, None)
        if job is not None:
            job.deliver()


_POOL: _Pool | None = None
_GC_TIMER: QTimer | None = None
GC_INTERVAL_MS = 500


def collect_garbage_on_gui_thread() -> None:
    """Python's cyclic garbage collector runs in whichever thread happens to
    allocate: with worker threads, a closed screen caught in a reference cycle
    was freed on a worker, and shiboken's deferred deletion of its widgets
    crashed the process. So automatic collection is switched off and the GUI
    thread collects on a timer, by the same generation thresholds (idempotent;
    needs the Qt application)."""
    global _GC_TIMER
    app = QCoreApplication.instance()
    if app is None or (_GC_TIMER is not None and alive(_GC_TIMER)):
        return
    gc.disable()
    gc.collect()
    gc.freeze()  # what exists now (modules, classes) lives on: later full collections skip it
    _GC_TIMER = QTimer(app)
    _GC_TIMER.setInterval(GC_INTERVAL_MS)
    _GC_TIMER.timeout.connect(_collect)
    _GC_TIMER.start()


def _collect() -> None:
    limits, counts = gc.get_threshold(), gc.get_count()
    for generation in (2, 1, 0):
        if counts[generation] > limits[generation]:
            # Freeing a closed window's cycle deletes its widgets, whose last
            # events may reach Python handlers already torn down by the
            # collector ("'Loader' object has no attribute ..."): noise from
            # the dead, logged, never shown as an error of the living.
            hook = sys.excepthook
            sys.excepthook = _teardown_error(hook)
            try:
                gc.collect(generation)
            finally:
                sys.excepthook = hook
            return


def _teardown_error(hook: Callable[..., Any]) -> Callable[..., None]:
    def handle(kind: type[BaseException], exc: BaseException, tb: Any) -> None:
        if issubclass(kind, (AttributeError, RuntimeError)):
            log.debug("a handler of an object being freed failed: %s", exc)
        else:
            hook(kind, exc, tb)
    return handle


# How long a thread may hold the interpreter before another may take it
# (Python's default is 5 ms): with workers busy in Python (the estimate's
# replay, a ticket's picture), the GUI thread waited up to a whole interval at
# each turn, and a tap's repaint stalled 55-95 ms; at 1 ms, 35-39 ms
# (benchmarks/bench_ui.py).
GIL_SWITCH_S = 0.001


def _pool() -> _Pool:
    global _POOL
    if _POOL is None or not alive(_POOL):
        collect_garbage_on_gui_thread()
        sys.setswitchinterval(GIL_SWITCH_S)
        _POOL = _Pool(QCoreApplication.instance())
    return _POOL


def run(fn: Callable[[], Any], on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None, *, owner: QObject | None = None) -> None:
    """``fn()`` on a worker thread; ``on_done(result)`` or ``on_error(exc)`` on the
    GUI thread (dropped if ``owner`` was deleted meanwhile)."""
    _pool().submit(_Job(fn, on_done, on_error, owner))


def busy() -> int:
    """Background jobs and coroutines still running (tests wait for zero)."""
    return len(_pool().jobs) + len(_running)


pending = busy


def idle() -> bool:
    """Nothing in the background and no screen waiting to load (tests wait for it)."""
    return not busy() and not any(alive(loader) and loader.in_flight for loader in list(_loaders))


def wait(msecs: int = 30_000) -> bool:
    """Process events until every background job has called back (tests, tools)."""
    from PySide6.QtCore import QDeadlineTimer, QEventLoop

    deadline = QDeadlineTimer(msecs)
    app = QCoreApplication.instance()
    while busy() and not deadline.hasExpired():
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
    return not busy()


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


async def call(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """``fn(*args, **kwargs)`` on the worker pool, awaited from the GUI thread."""
    future = asyncio.get_running_loop().create_future()

    def done(value: Any) -> None:
        if not future.done():
            future.set_result(value)

    def failed(exc: BaseException) -> None:
        if not future.done():
            future.set_exception(exc)

    run(lambda: fn(*args, **kwargs), done, failed)
    return await future


in_thread = call


async def attempt(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> tuple[Any, BaseException | None]:
    """``(result, None)``, or ``(None, error)`` when ``fn`` raised: the call runs in a
    worker thread and its error comes back to be shown as one sentence, never a traceback."""
    try:
        return await call(fn, *args, **kwargs), None
    except Exception as exc:
        return None, exc


class Loader(QObject):
    """A screen's data, read off the GUI thread and applied on it.

    ``Loader(load, apply, on_error, parent)``; connect feed signals to
    ``trigger``. At most one ``load()`` runs at a time; triggers during it give
    exactly one more. A failed load calls ``on_error`` (the screen shows
    "database unreachable") and the next trigger tries again.
    """

    loaded = Signal()  # after each apply (tests wait for it)

    def __init__(self, load: Callable[[], Any], apply: Callable[[Any], None],
                 on_error: Callable[[BaseException], None] | None, parent: QObject) -> None:
        super().__init__(parent)
        self._load, self._apply, self._on_error = load, apply, on_error
        self._in_flight = False
        self._again = False
        self._started = 0  # loads started so far
        self._waiters: list[tuple[int, Callable[[], None]]] = []  # (load number needed, callback)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._start)
        _loaders.add(self)

    @Slot()
    def trigger(self, *_: object) -> None:
        if self._in_flight:
            self._again = True
        else:
            self._timer.start()

    __call__ = trigger

    def then(self, callback: Callable[[], None]) -> None:
        """Load again, and call ``callback`` once a load that started after now
        has been shown (or failed): what the screen shows is then fresh."""
        self._waiters.append((self._started + 1, callback))
        self.trigger()

    @property
    def in_flight(self) -> bool:
        return self._in_flight or self._timer.isActive()

    @Slot()
    def _start(self) -> None:
        if "_in_flight" not in self.__dict__:  # being freed: its screen is gone, nothing to load
            return
        if self._in_flight:
            self._again = True
            return
        self._in_flight, self._again = True, False
        self._started += 1
        run(self._load, self._done, self._failed, owner=self)

    def _done(self, data: Any) -> None:
        self._in_flight = False
        self._apply(data)
        self.loaded.emit()
        self._finished()

    def _failed(self, exc: BaseException) -> None:
        self._in_flight = False
        if self._on_error is not None:
            self._on_error(exc)
        else:
            log.warning("screen data not loaded: %s", exc)
        self._finished()

    def _finished(self) -> None:
        ready = [cb for need, cb in self._waiters if need <= self._started]
        self._waiters = [(need, cb) for need, cb in self._waiters if need > self._started]
        for cb in ready:
            cb()
        if self._again or self._waiters:
            self._timer.start()
