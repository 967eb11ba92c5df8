"""The running session: state in memory, every change journalled before it is acknowledged.

Requests append records through one writer task. Records that arrive while a sync runs wait for
the next one and are written and synced together (group commit), so 200 phones voting at once
cost a handful of fsyncs, and still no answer leaves before its record is on disk.
"""

from __future__ import annotations

import asyncio
from typing import Any

from .journal import Journal
from .session import Refusal, State, Vote


class Live:
    """A session's state and its journal, shared by every request."""

    def __init__(self, state: State, journal: Journal) -> None:
        self.state = state
        self.journal = journal
        self._pending: list[tuple[dict[str, Any], asyncio.Future[None]]] = []
        self._writer: asyncio.Task[None] | None = None

    async def record(self, record: dict[str, Any]) -> None:
        """Fold the record into the state now and return once it is synced to disk."""
        self.state.apply(record)
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._pending.append((record, future))
        if self._writer is None or self._writer.done():
            self._writer = asyncio.create_task(self._drain())
        await future

    async def flush(self) -> None:
        """Wait until everything recorded so far is on disk."""
        while self._writer is not None and not self._writer.done():
            await asyncio.shield(self._writer)

    async def _drain(self) -> None:
        while self._pending:
            batch, self._pending = self._pending, []
            try:
                await asyncio.to_thread(self.journal.append, [r for r, _ in batch])
            except OSError as exc:
                for _, future in batch:
                    future.set_exception(exc)
                continue
            for _, future in batch:
                future.set_result(None)

    async def vote(self, *, code: str, device: str, vote: Vote) -> None:
        """Record a checked vote for whoever `code` and `device` make the voter."""
        if self.state.closed:
            raise Refusal("R612")
        voter = self.state.voter_for(code, device)
        await self.record({"t": "vote", "voter": voter, "device": device, **vote.as_json()})

    async def join(self, device: str) -> None:
        if device not in self.state.joined and not self.state.closed:
            await self.record({"t": "join", "device": device})
