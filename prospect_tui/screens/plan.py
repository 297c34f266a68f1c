"""The plan (``l`` from home): goal, days, days off, sprint lengths, calling window, blocks.

It edits ``config.toml`` itself: the user's comments, key order and other
settings stay as they were (:mod:`prospect_tui.core.config.writer`). Every
value is checked by the config reader's own rules before anything is saved:
a wrong one shows the reader's sentence under its field and nothing is
written. Reading and saving run off the UI thread.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState

from prospect_tui.core.config import Config, ConfigError
from prospect_tui.core.config.writer import (
    PLAN_FIELDS,
    BlockRow,
    PlanField,
    block_text,
    block_values,
    describe_block,
    edit_plan,
    raw_blocks,
)
from prospect_tui.keymap import bindings, key_for
from prospect_tui.messages import ErrorRaised
from prospect_tui.screens.base import AppScreen
from prospect_tui.widgets.field_input import FieldInput
from prospect_tui.widgets.key_bar import KeyBar
from prospect_tui.widgets.text import fill, plain
from prospect_tui.widgets.title_bar import TitleBar

PLACEHOLDERS = {
    "days-working": "mon tue wed thu fri",
    "days-off-dates": "2026-12-24, 2026-12-28..2027-01-01",
    "calling-window": "08:00-21:00",
}

GROUPS = (("Goal", ("goal",)), ("Days", ("days", "days_off")), ("Sprints", ("sprint", "calling")))


@dataclass
class BlockEntry:
    """A block as the plan holds it: where it came from in the file, and its values."""

    origin: int | None
    """Its position among the file's ``[[blocks]]``; None for a new one."""
    values: dict[str, Any]
    changed: bool = False

    def row(self) -> BlockRow:
        """What the writer needs: unchanged tables are left exactly as written."""
        return (self.origin, self.values if self.changed or self.origin is None else None)


@dataclass
class Loaded:
    """What the plan was opened from."""

    text: str
    config: Config
    blocks: list[dict[str, Any]] = field(default_factory=list)


class BlockList(OptionList):
    """The plan's blocks, one a line; its keys act on the highlighted one."""

    BINDINGS = bindings(
        "plan_blocks",
        actions={
            "add_block": "screen.add_block",
            "edit_block": "screen.edit_block",
            "remove_block": "screen.remove_block",
        },
    )

    def on_focus(self) -> None:
        # Its keys act on the highlighted block: with none, the first x or enter did nothing.
        if self.highlighted is None and self.option_count:
            self.highlighted = 0


class PlanScreen(AppScreen[None]):
    """See and change the plan; ``ctrl+s`` saves it to config.toml."""

    BINDINGS = bindings("plan", actions={"save_plan": "save", "close_plan": "back"})

    def __init__(self) -> None:
        super().__init__()
        self.loaded: Loaded | None = None
        self.blocks: list[BlockEntry] = []
        self.blocks_changed = False

    def compose(self) -> ComposeResult:
        yield TitleBar(self.services.clock, "Plan")
        with Horizontal(id="plan-main"):
            with VerticalScroll(id="plan-fields", classes="panel") as fields:
                fields.border_title = "Goal, days and sprints"
                for n, (title, sections) in enumerate(GROUPS):
                    first = " -first" if n == 0 else ""
                    yield Static(plain(title, "bold"), classes=f"plan-group{first}")
                    for setting in PLAN_FIELDS:
                        if setting.section in sections:
                            yield from self._field(setting)
            with Vertical(id="plan-blocks", classes="panel") as blocks:
                blocks.border_title = "Blocks"
                yield BlockList(id="plan-block-list")
                yield Static("", id="plan-blocks-problem", classes="plan-problem")
                yield Static("", id="plan-blocks-hint")
        yield Static("Reading config.toml…", id="plan-status")
        yield KeyBar()

    @staticmethod
    def _field(setting: PlanField) -> ComposeResult:
        with Horizontal(classes="plan-row"):
            yield Label(setting.label, classes="plan-label")
            yield FieldInput(
                placeholder=PLACEHOLDERS.get(setting.id, ""),
                id=f"plan-{setting.id}",
                classes="plan-input",
                compact=True,
            )
            yield Label(setting.unit, classes="plan-unit")
        yield Static("", id=f"plan-{setting.id}-problem", classes="plan-problem")

    def on_input_changed(self, event: Input.Changed) -> None:
        """A field being put right loses its sentence (the next save checks it again)."""
        for shown in self.query(f"#{event.input.id}-problem"):
            shown.remove_class("-shown")
            if isinstance(shown, Static):
                shown.update("")

    def on_mount(self) -> None:
        self.query_one("#plan-blocks-hint", Static).update(
            fill(
                "[dim]$add add · $edit edit · $remove remove[/]",
                add=self._key("plan_blocks", "add_block"),
                edit=self._key("plan_blocks", "edit_block"),
                remove=self._key("plan_blocks", "remove_block"),
            )
        )
        self.load()

    def _key(self, scope: str, action: str) -> str:
        return key_for(scope, action, self.services.config)

    # -- reading ------------------------------------------------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="plan-read")
    def load(self) -> Loaded:
        """Read config.toml as it is now (it may have been edited by hand since start)."""
        from prospect_tui.core.config import parse_config
        from prospect_tui.store.config_file import read_config_text

        path = self.services.where.config_file
        text = read_config_text(path)
        return Loaded(text, parse_config(text, path.name), raw_blocks(text))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if worker.state is WorkerState.ERROR and worker.error is not None:
            if worker.group == "plan-read":
                self.app.pop_screen()
            self.post_message(ErrorRaised(worker.error))
        elif worker.state is WorkerState.SUCCESS and worker.group == "plan-read":
            self.show(worker.result)
        elif worker.state is WorkerState.SUCCESS and worker.group == "plan-save":
            self.saved(worker.result)

    def show(self, loaded: Loaded) -> None:
        """Fill the fields and the list from what config.toml holds."""
        self.loaded = loaded
        for setting in PLAN_FIELDS:
            self.query_one(f"#plan-{setting.id}", Input).value = setting.shown(loaded.config)
        self.blocks = [BlockEntry(i, values) for i, values in enumerate(loaded.blocks)]
        self.blocks_changed = False
        self.draw_blocks()
        self._status(self._where())
        self.query_one(f"#plan-{PLAN_FIELDS[0].id}", Input).focus()

    def _where(self) -> str:
        name = self.services.where.config_file.name
        return f"Saved in {name}; your comments and other settings there stay as written."

    def draw_blocks(self, highlight: int | None = None) -> None:
        """List the blocks; an empty plan says how to begin."""
        listing = self.query_one(BlockList)
        listing.clear_options()
        if not self.blocks:
            listing.add_option(
                Option(
                    fill(
                        "[dim]No blocks yet. Press $add for a daily calling block "
                        "— and protect it like a vacation.[/]",
                        add=self._key("plan_blocks", "add_block"),
                    ),
                    disabled=True,
                )
            )
            return
        for entry in self.blocks:
            kind, when, name = describe_block(entry.values)
            listing.add_option(
                Option(fill("[b]$kind[/b]$when $name", kind=f"{kind:<10}", when=when, name=name))
            )
        if highlight is not None:
            listing.highlighted = max(0, min(highlight, len(self.blocks) - 1))

    def _status(self, text: str | Content) -> None:
        self.query_one("#plan-status", Static).update(
            plain(text) if isinstance(text, str) else text
        )

    # -- fields -------------------------------------------------------------------

    def on_descendant_focus(self, event: object) -> None:
        focused = self.focused
        setting = next((s for s in PLAN_FIELDS if focused and focused.id == f"plan-{s.id}"), None)
        if setting is not None:
            self._status(plain(setting.help(), "dim"))
        elif self.loaded is not None:
            self._status(self._where())

    def changed_settings(self) -> dict[tuple[str, str], Any]:
        """The fields that differ from what the file holds, as TOML values."""
        if self.loaded is None:
            return {}
        changed = {}
        for setting in PLAN_FIELDS:
            typed = self.query_one(f"#plan-{setting.id}", Input).value
            if typed.strip() != setting.shown(self.loaded.config):
                changed[(setting.section, setting.key)] = setting.to_toml(typed)
        return changed

    @property
    def dirty(self) -> bool:
        """Whether anything differs from the file."""
        return bool(self.changed_settings()) or self.blocks_changed

    # -- blocks -------------------------------------------------------------------

    def _highlighted(self) -> int | None:
        index = self.query_one(BlockList).highlighted
        return index if self.blocks and index is not None and index < len(self.blocks) else None

    def action_add_block(self) -> None:
        from prospect_tui.dialogs.block import BlockDialog

        fresh = {"category": "calling", "days": "mon tue wed thu fri", "start": "09:00",
                 "minutes": "60"}  # fmt: skip

        def added(typed: dict[str, str] | None) -> None:
            if typed is not None:
                self.blocks.append(BlockEntry(None, block_values(typed)))
                self.blocks_changed = True
                self.draw_blocks(highlight=len(self.blocks) - 1)

        self.app.push_screen(BlockDialog(fresh, "A new block"), added)

    def action_edit_block(self) -> None:
        from prospect_tui.dialogs.block import BlockDialog

        index = self._highlighted()
        if index is None:
            return
        entry = self.blocks[index]

        def edited(typed: dict[str, str] | None) -> None:
            if typed is not None and block_values(typed) != block_values(block_text(entry.values)):
                entry.values, entry.changed = block_values(typed), True
                self.blocks_changed = True
                self.draw_blocks(highlight=index)

        self.app.push_screen(BlockDialog(block_text(entry.values), "Edit block"), edited)

    def action_remove_block(self) -> None:
        index = self._highlighted()
        if index is None:
            return
        del self.blocks[index]
        self.blocks_changed = True
        self.draw_blocks(highlight=index)

    # -- saving -------------------------------------------------------------------

    def _clear_problems(self) -> None:
        for problem in self.query(".plan-problem"):
            problem.remove_class("-shown")
            if isinstance(problem, Static):
                problem.update("")

    def action_save(self) -> None:
        if self.loaded is None:
            return
        self._clear_problems()
        rows = [entry.row() for entry in self.blocks] if self.blocks_changed else None
        self.save(self.loaded.text, self.changed_settings(), rows)

    @work(thread=True, exclusive=True, exit_on_error=False, group="plan-save")
    def save(
        self, text: str, settings: dict[tuple[str, str], Any], rows: list[BlockRow] | None
    ) -> Loaded | ConfigError:
        """Write the changes if the reader accepts the result; else say which value is wrong."""
        from prospect_tui.store.config_file import save_config_text

        new = edit_plan(text, settings, rows)
        try:
            config = save_config_text(self.services.where.config_file, new, expected=text)
        except ConfigError as error:
            if error.section is None:
                raise  # not a value of the plan (the file changed, a link): a dialog
            return error
        return Loaded(new, config, raw_blocks(new))

    def saved(self, result: Loaded | ConfigError) -> None:
        """Show where a value went wrong, or take the saved plan on."""
        if isinstance(result, ConfigError):
            self.show_problem(result)
            return
        # Every screen reads the config from the services: home shows the new plan.
        self.services.config = result.config
        self.show(result)
        self.notify("Saved to config.toml.", title="Plan")

    def show_problem(self, error: ConfigError) -> None:
        """The reader's sentence next to the field it names (or under the blocks)."""
        setting = next(
            (s for s in PLAN_FIELDS if (s.section, s.key) == (error.section, error.key)), None
        )
        if setting is not None:
            problem = self.query_one(f"#plan-{setting.id}-problem", Static)
            problem.update(plain(f"{setting.label}: {error.problem}."))
            problem.add_class("-shown")
            self.query_one(f"#plan-{setting.id}", Input).focus()
        else:
            where = f"Block {error.index + 1}: " if error.index is not None else ""
            what = f"{error.key} " if error.key else ""
            problem = self.query_one("#plan-blocks-problem", Static)
            problem.update(plain(f"{where}{what}{error.problem}."))
            problem.add_class("-shown")
        self._status(plain("Nothing was saved: fix the value shown in red.", "bold"))

    def action_back(self) -> None:
        if not self.dirty:
            self.app.pop_screen()
            return
        from prospect_tui.dialogs.confirm import ConfirmDialog

        def answered(leave: bool | None) -> None:
            if leave:
                self.app.pop_screen()

        self.app.push_screen(
            ConfirmDialog("Leave the plan without saving your changes?", "Leave", "Stay"),
            answered,
        )
