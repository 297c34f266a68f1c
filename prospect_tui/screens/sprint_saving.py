"""What a sprint logged last, and whether the disk has it yet: the stats line's news.

An outcome key hands the call to the journal (one ``write`` to the kernel)
and the fsync follows on the journal's syncer thread, which reports each
sequence number it has made durable. The stats line says "saving…" until
the newest write is covered, then "✓ saved".
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


@dataclass
class Durable(Message):
    """The journal's syncer has fsync'd everything up to ``seq`` (posted from its thread)."""

    seq: int

    def can_replace(self, message: Message) -> bool:
        # Posted on every fsync; only the newest seq matters.
        return isinstance(message, Durable)


class Saving:
    """The last write the sprint made, what it said, and the newest write on disk."""

    def __init__(self) -> None:
        self.news = ""
        """What the stats line says was logged last."""
        self.pending = 0
        """The journal's sequence number of the sprint's newest write."""
        self.durable = 0
        """The newest sequence number the syncer has made durable."""

    @property
    def saved(self) -> bool:
        """Whether every write the sprint made is on disk."""
        return self.durable >= self.pending

    def wrote(self, seq: int, news: str = "") -> None:
        """The sprint wrote up to ``seq``; ``news`` (if any) is what the stats line says now."""
        self.pending = seq
        if news:
            self.news = news

    def synced(self, seq: int) -> None:
        """The syncer made everything up to ``seq`` durable."""
        self.durable = max(self.durable, seq)
