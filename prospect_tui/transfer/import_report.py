"""What an import did, in the words ``prospect import`` prints and the import dialog shows.

One report for both, so the app and the command line never describe the same
file two ways. Each line carries a :class:`Tone`; the command prints the
text, the dialog styles it (as plain text: the lines quote the file's cells).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from prospect_tui.transfer.csv_import import ImportPlan


class Tone(Enum):
    """How a line of the report stands out, where the output can show it."""

    TITLE = "title"
    """The summary: what was imported, updated, skipped."""
    PLAIN = "plain"
    NOTE = "note"
    """How the file was read, what was left out of the list."""
    WARNING = "warning"
    """Something the user should act on (prospects no one can call yet)."""


@dataclass(frozen=True, slots=True)
class Line:
    """One line of the report."""

    text: str
    tone: Tone = Tone.PLAIN


def report(plan: ImportPlan, *, dry_run: bool, problems_shown: int | None = None) -> list[Line]:
    """The report's lines: summary, the skipped and merged rows by line, then what to know.

    ``problems_shown`` caps the rows listed one by one (a dialog has less room
    than a terminal); the rest are counted on one line.
    """
    lines = [Line(plan.summary(dry_run=dry_run), Tone.TITLE)]
    problems = plan.problems
    shown = problems if problems_shown is None else problems[:problems_shown]
    lines += [Line(str(problem)) for problem in shown]
    if len(problems) > len(shown):
        lines.append(
            Line(
                f"… and {len(problems) - len(shown)} more (prospect import --dry-run lists "
                "them all)",
                Tone.NOTE,
            )
        )
    if plan.duplicates:
        many = plan.duplicates != 1
        lines.append(
            Line(
                f"{plan.duplicates} duplicate row{'s' * many} (same phone number or e-mail as "
                f"an earlier row) {'were' if many else 'was'} merged, not imported twice."
            )
        )
    unknown = plan.zone_unknown
    if unknown:
        lines.append(
            Line(
                f"{unknown} prospect{'s' * (unknown != 1)} with a phone number "
                f"{'have' if unknown != 1 else 'has'} no known time zone and "
                f'{"show" if unknown != 1 else "shows"} as "zone unknown": add a country and '
                "state, or a time zone column, to call them in their hours.",
                Tone.WARNING,
            )
        )
    if dry_run:
        lines.append(Line(f"Read as {plan.read_as}; nothing was written.", Tone.NOTE))
    return lines


def report_text(plan: ImportPlan, *, dry_run: bool) -> str:
    """The whole report as plain text, one line each, ending in a newline."""
    return "".join(f"{line.text}\n" for line in report(plan, dry_run=dry_run))
