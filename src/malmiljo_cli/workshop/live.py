"""The running session: state in memory, every change journalled before it is acknowledged.

Requests append records to a pending batch; one callback, scheduled when the batch starts, writes
and syncs the whole batch (group commit). Records that arrive while a sync runs wait for the next
one, so 200 phones voting at once cost a handful of fsyncs, and still no answer leaves before its
record is on disk.

A record is folded into the state when it arrives, so the next request's checks see it (a one-time
code taken by one phone is refused to another in the same batch). When the write fails (a full
disk), the journal is cut back to its last whole record and the state is read again from it: what
was not journalled is counted nowhere, and every request of the batch is told so.
"""

from __future__ import annotations

import asyncio
from typing import Any

from .journal import Journal, read
from .session import Refusal, State, Vote


class Live:
    """A session's state and its journal, shared by every request."""

    def __init__(self, state: State, journal: Journal) -> None:
        self.state = state
        self.journal = journal
        self._pending: list[tuple[dict[str, Any], asyncio.Future[None]]] = []
        self._scheduled = False

    async def record(self, record: dict[str, Any]) -> None:
        """Fold the record into the state now and return once it is synced to disk."""
        self.state.apply(record)
        loop = asyncio.get_running_loop()
        future: asyncio.Future[None] = loop.create_future()
        self._pending.append((record, future))
        if not self._scheduled:
            self._scheduled = True
            loop.call_soon(self._flush)
        await future

    async def flush(self) -> None:
        """Wait until everything recorded so far is on disk."""
        if self._pending:
            await asyncio.gather(*(f for _, f in self._pending), return_exceptions=True)

    def _flush(self) -> None:
        # In the loop's own thread: a sync of a few milliseconds holds the loop, while the
        # requests that arrive meanwhile queue up and go together into the next batch. A sync in
        # a worker thread was slower under load: it waited for the GIL behind request parsing.
        self._scheduled = False
        batch, self._pending = self._pending, []
        try:
            self.journal.append([r for r, _ in batch])
        except OSError as exc:
            self._reread()
            for _, future in batch:
                future.set_exception(exc)
            return
        for _, future in batch:
            future.set_result(None)

    def _reread(self) -> None:
        """The state as the journal on disk has it (the closing flag is kept as it is)."""
        records, _ = read(self.journal.path)
        fresh = State(self.state.setup)
        for record in records[1:]:
            fresh.apply(record)
        fresh.closed = fresh.closed or self.state.closed
        self.state.__dict__.update(fresh.__dict__)

    async def vote(self, *, code: str, device: str, vote: Vote) -> None:
        """Record a checked vote for whoever `code` and `device` make the voter."""
        if self.state.closed:
            raise Refusal("R612")
        voter = self.state.voter_for(code, device)
        await self.record({"t": "vote", "voter": voter, "device": device, **vote.as_json()})

    async def join(self, device: str) -> None:
        if device not in self.state.joined and not self.state.closed:
            await self.record({"t": "join", "device": device})
