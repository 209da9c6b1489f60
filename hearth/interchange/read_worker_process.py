"""The start of a reading worker process (read_workers) and its one way back to the importer.

This module imports nothing of Hearth's: a worker imports it before Django is set up, and sets
Django up as it starts, before any task (whose classes need the apps) reaches it.
"""

import queue
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Event
from typing import Any

POLL_SECONDS = 0.5

_to_importer: "Queue[Any] | None" = None
_stop: Event | None = None


class Stopped(Exception):
    """The importing process stopped reading: the worker drops its file."""


def start(to_importer: "Queue[Any]", stop: Event, time_zone: str) -> None:
    global _to_importer, _stop  # one queue per worker process, set once as it starts
    import os

    import django
    from django.conf import settings

    # HUD timestamps are read in the importing process's time zone (hearth/settings.py reads it
    # from the environment; set again in case the settings module does not).
    os.environ["TIME_ZONE"] = time_zone
    django.setup()
    settings.TIME_ZONE = time_zone
    _to_importer, _stop = to_importer, stop
    # Everything sent is received before the pool ends, unless the import stopped: then a worker
    # must not wait, as it exits, for the importing process to take what it sent.
    to_importer.cancel_join_thread()


def send(message: tuple[Any, ...]) -> None:
    """Put a message on the queue to the importer, waiting while it is full; ``Stopped`` when the
    importer gave up."""
    assert _to_importer is not None  # set by start()
    assert _stop is not None
    while True:
        if _stop.is_set():
            raise Stopped
        try:
            _to_importer.put(message, timeout=POLL_SECONDS)
            return
        except queue.Full:
            continue
