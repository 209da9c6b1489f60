"""Rows of each HUD record type, buffered and written in bulk as the generator goes.

A ``Stream`` is one model with a fixed list of fields; rows are tuples in that order.  Wide
records are built as dicts of their non-null values and turned into tuples here.  Buffers are
flushed with ``copy_rows`` whenever they grow past a bound, so memory stays flat whatever the size.
"""

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import models

from hearth.interchange.bulk import copy_rows

FLUSH_ROWS = 20_000


class Stream:
    def __init__(self, model: type[models.Model], fields: Sequence[str], counts: Counter[str]) -> None:
        self.model = model
        self.fields = tuple(fields)
        self._rows: list[Sequence[Any]] = []
        self._counts = counts

    def add(self, row: Sequence[Any]) -> None:
        self._rows.append(row)
        if len(self._rows) >= FLUSH_ROWS:
            self.flush()

    def add_record(self, record: Mapping[str, Any]) -> None:
        """Add a record given as {field: value}; fields left out are NULL."""
        self.add(tuple(map(record.get, self.fields)))

    def flush(self) -> None:
        if self._rows:
            self._counts[self.model.__name__] += copy_rows(self.model, self.fields, self._rows)
            self._rows = []


class Streams:
    """One stream per (model, field list), opened once and reused; ``flush_all`` writes every buffer."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self._streams: dict[tuple[type[models.Model], tuple[str, ...] | None], Stream] = {}

    def open(self, model: type[models.Model], fields: Sequence[str] | None = None) -> Stream:
        """A stream of ``model`` rows; by default every concrete column except DateDeleted/ExportID."""
        key = (model, tuple(fields) if fields is not None else None)
        stream = self._streams.get(key)
        if stream is None:
            if fields is None:
                fields = [
                    f.attname
                    for f in model._meta.concrete_fields
                    if f.name not in {"date_deleted", "export_id"}
                ]
            stream = self._streams[key] = Stream(model, fields, self.counts)
        return stream

    def flush_all(self) -> None:
        """Write every buffer (foreign keys are checked at commit, so the order does not matter)."""
        for stream in self._streams.values():
            stream.flush()
