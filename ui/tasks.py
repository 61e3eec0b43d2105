"""Background work, so the GUI thread never waits on the database, a port, the network or a PDF.

- `runner.db(fn, *args, done=callback)`: one serialized worker thread for database work.
- `runner.io(fn, *args, done=callback)`: a small pool for ports, network and files.
`done(result, error)` is called on the GUI thread; exactly one of the two is None (or both, when
fn returned None). A `Cancel` token lets long work stop early: pass `cancel=token` and the function
receives it as the keyword argument `cancel` and should check `cancel.is_set()`.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal, Slot

log = logging.getLogger(__name__)
Done = Callable[[Any, BaseException | None], None]


class Cancel(threading.Event):
    """Set it to ask running work to stop."""


class _Relay(QObject):
    # Emitted from worker threads; Qt queues it to the thread the relay lives in (the GUI thread).
    finished = Signal(object, object, object)

    @Slot(object, object, object)
    def deliver(self, done: Done, result: Any, error: BaseException | None) -> None:
        try:
            done(result, error)
        except Exception:  # a broken callback must not kill the event loop
            log.exception("task callback failed")


class TaskRunner:
    def __init__(self, io_workers: int = 4) -> None:
        self._db = ThreadPoolExecutor(max_workers=1, thread_name_prefix="desk-db")
        self._io = ThreadPoolExecutor(max_workers=io_workers, thread_name_prefix="desk-io")
        self._relay = _Relay()
        self._relay.finished.connect(self._relay.deliver)
        self._relay.finished.connect(self._one_less)
        self.pending = 0  # tasks submitted and not yet delivered (for tests and the status bar)
        self._closed = False

    def db(self, fn: Callable[..., Any], *args: Any, done: Done | None = None,
           **kwargs: Any) -> Future[Any]:
        return self._submit(self._db, fn, args, kwargs, done)

    def io(self, fn: Callable[..., Any], *args: Any, done: Done | None = None,
           **kwargs: Any) -> Future[Any]:
        return self._submit(self._io, fn, args, kwargs, done)

    def _submit(self, pool: ThreadPoolExecutor, fn: Callable[..., Any], args: tuple[Any, ...],
                kwargs: dict[str, Any], done: Done | None) -> Future[Any]:
        if self._closed:
            # The app is closing: a late signal (a printer report, a timer) asks for work that
            # nobody will see. Drop it rather than fail inside the event loop.
            dropped: Future[Any] = Future()
            dropped.cancel()
            return dropped
        self.pending += 1
        future = pool.submit(fn, *args, **kwargs)

        def relay(f: Future[Any]) -> None:
            error = f.exception()
            result = None if error else f.result()
            if error and not done:
                log.error("background task failed", exc_info=error)
            self._relay.finished.emit(done or _count_only, result, error)

        future.add_done_callback(relay)
        return future

    def _one_less(self, *_: Any) -> None:
        self.pending = max(0, self.pending - 1)

    def shutdown(self, wait: bool = True) -> None:
        self._closed = True
        self._db.shutdown(wait=wait, cancel_futures=not wait)
        self._io.shutdown(wait=wait, cancel_futures=not wait)


class Progress(QObject):
    """Progress of long work, reported from a worker thread and heard on the GUI thread.

    Pass the object itself as the work's progress callback: `progress(stage, done, total)` (the
    demo's shape), `progress(done, total)` (the replay's) or `progress(stage, done)` (sync's,
    total 0: unknown) emits `changed(stage, done, total)`, which Qt queues to the GUI thread.
    Reports closer together than `every_s` are dropped (the last one, done == total, never), so
    a fast loop cannot flood the event queue."""

    changed = Signal(str, int, int)  # emitted on the GUI thread only
    # What the worker emits; it reaches one slot of this object (queued to the GUI thread),
    # which re-emits `changed` there. Listeners never hear a signal emitted by a Python thread
    # directly: PySide6 crashed ("deallocating None") when a lambda or a plain method was
    # connected straight to a signal emitted from a ThreadPoolExecutor thread.
    reported = Signal(str, int, int)

    def __init__(self, stage: str = "", every_s: float = 0.05,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.stage = stage
        self.every_s = every_s
        self._last = 0.0
        self.reported.connect(self.deliver, Qt.ConnectionType.QueuedConnection)

    @Slot(str, int, int)
    def deliver(self, stage: str, done: int, total: int) -> None:
        self.changed.emit(stage, done, total)

    def __call__(self, *report: Any) -> None:
        if len(report) == 3:
            stage, done, total = report
        elif isinstance(report[0], str):
            stage, done, total = report[0], report[1], 0
        else:
            stage, done, total = self.stage, report[0], report[1]
        now = time.monotonic()
        finished = 0 < total <= done
        if not finished and now - self._last < self.every_s:
            return
        self._last = now
        self.reported.emit(str(stage), int(done), int(total))


def _count_only(_result: Any, _error: BaseException | None) -> None:
    pass


_heap_frozen = False


def freeze_startup_heap() -> None:
    """Move every object alive now (the app after start-up: Qt wrappers, SQLAlchemy, tables...)
    out of the cyclic garbage collector's reach, once per process. Without it, a full collection
    triggered by a large sync's allocations walks the whole heap while holding the GIL and
    stalls the GUI thread for 90-150 ms; with it, the longest stall measured is ~20 ms
    (ui/bench/sync_stall.py). Called before long background work: a sync, a closure PDF."""
    global _heap_frozen
    if not _heap_frozen:
        import gc

        gc.freeze()
        _heap_frozen = True


_paused_for_start = False


def pause_collector_for_start() -> None:
    """The app's main(): the cyclic garbage collector off while the app starts. Importing
    SQLAlchemy, the platform and the capabilities allocates objects that live as long as the
    process (modules, classes, tables); the collector walked them ~80 times on the way to the
    login window, a full pass among them: 30-40 ms of a ~0.45 s cold start. Started apps call
    `resume_collector_after_start` once the capabilities are loaded (or the open failed)."""
    global _paused_for_start
    import gc

    if gc.isenabled():
        gc.disable()
        _paused_for_start = True


def resume_collector_after_start() -> None:
    """The collector on again, the start-up heap first frozen out of its reach (it would
    otherwise walk all of it at the next allocation). A no-op unless main() paused it."""
    global _paused_for_start
    if _paused_for_start:
        import gc

        freeze_startup_heap()
        gc.enable()
        _paused_for_start = False
