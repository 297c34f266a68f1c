"""The Textual app: wiring and the flow between screens, nothing else.

It is handed its :class:`~prospect_tui.services.Services` (built by
:func:`~prospect_tui.services.open_services`), applies the key map, and
moves between screens when a screen posts one of the messages of
:mod:`prospect_tui.messages` (a sprint ended, the break is over, an error to
show), ringing and notifying as it does. Around those moves it drops the keys
of the first moment, and it keeps ``ctrl+q`` from leaving a running sprint.
Screens never call into it; what the user sees is theirs to draw. What it
wires has its own modules: the key guard (:mod:`prospect_tui.key_guard`), the
nudge rounds (:mod:`prospect_tui.nudging`), the notifier's in-app routes
(:mod:`prospect_tui.toaster`).
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING

# Textual repaints on a timer at TEXTUAL_FPS (60 unless set), resumed when the
# screen goes idle: a key press waits up to a whole frame before anything is
# drawn. The timer only runs while something needs drawing, so a faster one
# costs nothing at rest and puts the next prospect on screen sooner.
os.environ.setdefault("TEXTUAL_FPS", "240")

from textual import events, on, work
from textual.app import App

from prospect_tui.collector import resume_after_start, settle_memory
from prospect_tui.core.errors import ProspectError
from prospect_tui.key_guard import KeyGuard
from prospect_tui.keymap import bindings, textual_keymap
from prospect_tui.screens.home import HomeScreen
from prospect_tui.services import Notifier, Services, close_services, open_services
from prospect_tui.toaster import Toaster

if TYPE_CHECKING:
    # Imported where they are used: none of them is needed to draw the first frame.
    from prospect_tui.core.model import FirstCall
    from prospect_tui.core.sprint import SprintSession
    from prospect_tui.messages import (
        BreakOver,
        ErrorRaised,
        GoHome,
        PauseOver,
        ResumeSprint,
        SprintEnded,
        StartSprint,
        TimeUp,
    )
    from prospect_tui.nudging import AppNudges
    from prospect_tui.screens.break_time import BreakScreen
    from prospect_tui.screens.sprint import SprintScreen
    from prospect_tui.screens.sprint_aids import DayBefore

LATER_CSS = "screens.tcss"
"""The styles of every screen but home: read after the first frame, which does not need
them (a stylesheet is parsed whole before anything is drawn). After ``app.tcss``, so
equal selectors rank as they would in one file."""

NUDGE_EVERY_S = 30.0
"""How often the nudge rules are checked, on every screen (they read the injected clock)."""

NUDGE_TOAST_S = 25.0
"""A nudge's toast stays almost until the next round: the user may be looking away."""


class ProspectApp(App[int]):
    """Calling sprints for salespeople who put prospecting off."""

    CSS_PATH = "app.tcss"
    TITLE = "Prospect"
    ENABLE_COMMAND_PALETTE = False
    # In place of Textual's own ctrl+q: the key map's, so a [keys] remap moves it and
    # the help lists it.
    BINDINGS = bindings("app", priority=True, actions={"quit_app": "quit"})

    def __init__(self, services: Services, notifier: Notifier | None = None) -> None:
        super().__init__()
        self.services = services
        self._notifier = notifier or services.notifier
        self.key_guard = KeyGuard()
        """Drops the keys of the first moment after the sprint flow changed screens."""
        self._toaster = Toaster(self)
        self._nudges: AppNudges | None = None

    @property
    def notifier(self) -> Notifier:
        """Desktop notifications and the bell, or the terminal's escape, toast and bell.

        Made after the first frame (or on first use) and says once which route
        notifications take (see :mod:`prospect_tui.notify`).
        """
        if self._notifier is None:
            from prospect_tui.notify import DesktopNotifier

            self._notifier = DesktopNotifier(
                desktop=self.services.config.notify.desktop,
                fallback=self._toaster.toast,
                ring=self.bell,
                terminal=self._toaster.write_to_terminal,
                announce=self._toaster.announce,
            )
        return self._notifier

    def on_mount(self) -> None:
        self.set_keymap(textual_keymap(self.services.config))
        self.push_screen(HomeScreen())
        self.set_interval(NUDGE_EVERY_S, self.check_nudges)

    @on(events.Ready)
    def _first_frame_shown(self) -> None:
        """The first frame is on the terminal: what waited for it starts now.

        The other screens' styles are read now and parsed when next needed (home's
        panels, or the first other screen), so every screen opened later has them.

        Home's read of the workspace runs on a thread that holds the
        interpreter lock while it imports and parses; started any sooner (on
        the screen's first refresh, before the frame is written) it held the
        frame back. A message, not a call: home may not be mounted yet.
        """
        resume_after_start()  # paused by the command line for the start (see collector)
        self._read_later_css()
        for screen in self.screen_stack:
            if isinstance(screen, HomeScreen):
                screen.post_message(HomeScreen.FirstFrameShown())
        # The route is told at start, not with the first nudge, when it would be news too late.
        self.call_after_refresh(lambda: self.notifier)

    def _read_later_css(self) -> None:
        path = Path(__file__).with_name(LATER_CSS)
        if path in self.css_path:
            return
        self.css_path.append(path)  # so a restyle (a theme, Textual's --dev) reads it too
        self.stylesheet.read(path)
        if not isinstance(self.screen, HomeScreen):
            # A screen pushed before the first frame (an error) was styled without it.
            self.stylesheet.update(self)

    # -- nudges ------------------------------------------------------------------------

    @property
    def nudges(self) -> AppNudges:
        """The nudge rounds (see :mod:`prospect_tui.nudging`), made on first use."""
        if self._nudges is None:
            from prospect_tui.nudging import AppNudges

            self._nudges = AppNudges()
        return self._nudges

    def on_app_blur(self, event: events.AppBlur) -> None:
        """The terminal lost focus: mid-sprint, a minute of that is a drift worth a nudge."""
        self.set_timer(
            self.nudges.lost_focus(self.services.clock, self.services.config), self.check_nudges
        )

    def on_app_focus(self, event: events.AppFocus) -> None:
        if self._nudges is not None:  # no nudge module to load before the first frame
            self._nudges.regained_focus()

    def check_nudges(self) -> None:
        """One round of nudges: a drift mid-sprint; else a block, a late block, the evening.

        Run on the UI thread, where the store is written.
        """
        if any(not worker.is_finished for worker in self.workers):
            return  # a worker may be reading the store off the UI thread: the next round
        sprint = self._sprint()
        session = sprint.session if sprint is not None and not sprint.ended else None
        services = self.services
        nudge = self.nudges.round(services.repository, services.config, services.clock, session)
        if nudge is None:
            return
        self._toaster.nudge(nudge.title, nudge.message, NUDGE_TOAST_S)
        self.notifier.send(nudge.title, nudge.message)

    # -- the sprint lock -----------------------------------------------------------

    def _sprint(self) -> SprintScreen | None:
        from prospect_tui.screens.sprint import SprintScreen

        return next((s for s in self.screen_stack if isinstance(s, SprintScreen)), None)

    def _abandon_sprint(self) -> bool:
        """Mid-sprint, ask to abandon it (and say so); otherwise False."""
        sprint = self._sprint()
        if sprint is not None:
            sprint.action_abandon()
        return sprint is not None

    async def action_quit(self) -> None:
        """``ctrl+q`` (Textual's own binding, before any screen's): quits, except
        mid-sprint, where it asks to abandon."""
        if not self._abandon_sprint():
            self.exit(0)

    def action_help_quit(self) -> None:
        """``ctrl+c``: the same as ``ctrl+q`` mid-sprint; a hint elsewhere."""
        if not self._abandon_sprint():
            super().action_help_quit()

    # -- keys across screen changes -------------------------------------------------------

    def guard_keys(self) -> None:
        """Drop the keys of the next moment (see :mod:`prospect_tui.key_guard`): the screen
        changed."""
        self.key_guard.arm(self.services.clock)

    async def on_event(self, event: events.Event) -> None:
        """Drop a key pressed in the first moment after the sprint flow changed screens,
        and a key that comes back for its bindings to find another screen on top than
        the one it was pressed on (it came in the same read as the key that changed it);
        hand a key that went to the widget focused before on to the field focused now."""
        if isinstance(event, events.Key):
            guard = self.key_guard
            if not event.is_forwarded:
                if guard.drops(self.services.clock):
                    return
                guard.pressed(event, self.screen)
            elif guard.strayed(event, self.screen) or self._follows_focus(event):
                return
        await super().on_event(event)

    def _follows_focus(self, key: events.Key) -> bool:
        """Type ``key`` into the focused field if it went to another widget.

        Textual hands each key to the widget focused as it reads it, and a
        binding runs once its key has bubbled back up here: the keys typed right
        after ``/`` or the edit key were handed to the list before the binding
        put the cursor in a field, and were lost. A field stops the keys it
        types, so one that it would type reaching here went elsewhere.
        """
        focused = self.focused
        if (
            focused is None
            or isinstance(key, _FollowedKey)  # a field that let it through: no loop
            or not focused.check_consume_key(key.key, key.character)
        ):
            return False
        focused.post_message(_FollowedKey(key.key, key.character))
        return True

    # -- flow between screens ---------------------------------------------------------

    def on_start_sprint(self, message: StartSprint) -> None:
        self.start_sprint(deliberate=message.deliberate)

    def start_sprint(self, *, deliberate: bool = False) -> None:
        """Build the queue off the UI thread, then lock the screen to it.

        ``deliberate``: started by the home screen's own key, so the first keys on
        the sprint are meant for it; any other start (from the break, by itself)
        drops the keys of its first moment.
        """
        self._prepare_sprint(deliberate)

    @work(thread=True, exclusive=True, exit_on_error=False, group="sprint-start")
    def _prepare_sprint(self, deliberate: bool) -> None:
        from prospect_tui.core.days import local_date
        from prospect_tui.core.first_calls import order, unused
        from prospect_tui.core.sprint import SprintSession
        from prospect_tui.home_data import sprint_evidence
        from prospect_tui.screens.sprint_aids import DayBefore

        services = self.services
        try:
            now = services.clock.now()
            today = local_date(now, services.clock.tz, services.config.days.start_hour)
            # The first calls picked in a review open the day's first sprint, then are used up.
            first = unused(services.repository.first_calls_on(today))
            calls = services.repository.calls_on(today)
            session = SprintSession.start(
                services.repository.queue_source(),
                now,
                services.config,
                services.clock.tz,
                calls,
                sprint_evidence(services, today),
                first=order(first),
            )
            sprints = services.repository.sprints_on(today)
            number = len(sprints) + 1
            # The goal panel's count of the day, from what is read here, off the UI thread.
            day = DayBefore.of(session.sprint, sprints, calls)
        except ProspectError as error:
            self.report(error)
            return
        settle_memory()
        if session.card is None:
            # No sprint record for a sprint that could not dial anyone.
            self.call_from_thread(self._nobody_to_call, session.why_empty(now))
            return
        self.call_from_thread(self._begin, session, number, deliberate, first, day)

    def _nobody_to_call(self, why: str) -> None:
        """Say who is callable when, and offer the prospects screen or an import."""
        from prospect_tui.dialogs.nobody_to_call import NobodyToCallDialog

        def chosen(action: str | None) -> None:
            if action == "prospects":
                from prospect_tui.screens.prospects import ProspectsScreen

                self.push_screen(ProspectsScreen())
            elif action == "import":
                from prospect_tui.screens.import_csv import ImportScreen

                self.push_screen(ImportScreen())

        self.push_screen(NobodyToCallDialog(why, self.services.config), chosen)

    def _begin(
        self,
        session: SprintSession,
        number: int,
        deliberate: bool,
        first: list[FirstCall],
        day: DayBefore,
    ) -> None:
        from prospect_tui.screens.sprint import SprintScreen

        try:
            session.sprint = self.services.repository.start_sprint(session.sprint, first)
        except ProspectError as error:
            self.report(error)
            return
        self._replace_top(SprintScreen(session, number, day=day), guard=not deliberate)

    def on_resume_sprint(self, message: ResumeSprint) -> None:
        """Lock the screen to a sprint left running by a crash."""
        from prospect_tui.screens.sprint import SprintScreen

        self._replace_top(SprintScreen(message.session, message.number, resumed=True))

    def on_time_up(self, message: TimeUp) -> None:
        """The sprint's time ran out with a call on the card: bell and notification now."""
        tally = message.tally
        self.notifier.bell()
        self.notifier.send(
            "Time's up",
            f"{', '.join(tally.counted())} so far. Log the call on screen and your break begins.",
        )

    def on_pause_over(self, message: PauseOver) -> None:
        """A pause ran out of allowance: the user may have walked away, so ring and notify."""
        self.notifier.bell()
        self.notifier.send("Pause over", "Pause allowance used up — back to calling.")

    def on_sprint_ended(self, message: SprintEnded) -> None:
        """After a sprint: bell and notification (unless time up gave them), then the
        break; home if the user abandoned it.

        A sprint that ended with no dial goes to the break screen too, which says it
        does not count: the screen after a sprint's end is one no outcome key acts on.
        """
        from prospect_tui.core.model import SprintStatus
        from prospect_tui.core.reasons import NO_DIALS
        from prospect_tui.screens.break_time import BreakScreen

        sprint, tally = message.sprint, message.tally
        if sprint.status is SprintStatus.ABANDONED and sprint.reason != NO_DIALS.id:
            self.go_home()
            self.guard_keys()
            return
        config = self.services.config.sprint
        done = self.services.repository.sprints_completed_on(sprint.local_date)
        long = sprint.status is SprintStatus.COMPLETED and done % config.long_break_every == 0
        minutes = config.long_break_minutes if long else config.break_minutes
        if not message.announced:
            self.notifier.bell()
            if sprint.status is SprintStatus.COMPLETED:
                title = "Sprint complete"
                counted = f"{', '.join(tally.counted())}."
            else:
                title = "Sprint over"
                counted = "No dials, so it does not count."
            self.notifier.send(title, f"{counted} {take_a_break(minutes)}")
        self._replace_top(BreakScreen(sprint, tally, minutes, long, self._last_sprint(message)))

    def _last_sprint(self, message: SprintEnded) -> bool:
        """Whether the sprint just ended was the day's last, so the break offers the review."""
        from prospect_tui.core.day_end import review_offered
        from prospect_tui.core.tally import day_progress

        services, sprint = self.services, message.sprint
        repository, config, day = services.repository, services.config, sprint.local_date
        try:
            progress = day_progress(
                day, repository.calls_on(day), repository.sprints_on(day), config.goal
            )
        except ProspectError as error:
            self.report(error)
            return False
        return review_offered(
            sprint,
            message.tally,
            progress,
            config.goal,
            config.blocks,
            services.clock.now(),
            services.clock.tz,
            config.days_off,
        )

    def on_break_over(self, message: BreakOver) -> None:
        """Bell and notification; the next sprint starts by itself if configured."""
        self.notifier.bell()
        self.notifier.send("Break over", "Back to the queue: the next sprint is one key away.")
        if self.services.config.sprint.auto_next:
            self.start_sprint()

    def on_go_home(self, message: GoHome) -> None:
        self.go_home()

    def go_home(self) -> None:
        """Back to the home screen, which re-reads the day."""
        while len(self.screen_stack) > 1 and not isinstance(self.screen, HomeScreen):
            self.pop_screen()

    def _replace_top(self, screen: SprintScreen | BreakScreen, *, guard: bool = True) -> None:
        """Put ``screen`` in place of whatever is above home (a dialog left open too)."""
        self.go_home()
        self.push_screen(screen)
        if guard:
            self.guard_keys()

    # -- telling the user ---------------------------------------------------------------

    def on_error_raised(self, message: ErrorRaised) -> None:
        self.report(message.error)

    def report(self, error: BaseException) -> None:
        """Show an error as one sentence; a bug's traceback goes to the log.

        Safe to call from a worker thread, like the toaster's routes.
        """
        if threading.current_thread() is not threading.main_thread():
            self.call_from_thread(self.report, error)
            return

        from prospect_tui.crash import log_crash
        from prospect_tui.dialogs.error import ErrorDialog

        # Keys already on their way (an outcome, an enter) must not close it unseen.
        self.guard_keys()
        if isinstance(error, ProspectError):
            self.push_screen(ErrorDialog(str(error)))
            return
        log = log_crash(error, self.services.where.log_file) or self.services.where.log_file
        self.push_screen(
            ErrorDialog(
                f"Something went wrong ({type(error).__name__}: {error}); the details are in {log}."
            )
        )


def take_a_break(minutes: int) -> str:
    """``Take 5 minutes.``, ``Take 1 minute.``; nothing to take when no break is planned."""
    from prospect_tui.core.tally import counted

    return f"Take {counted(minutes, 'minute')}." if minutes else "No break is planned."


def make_app(services: Services, notifier: Notifier | None = None) -> ProspectApp:
    """The app over ``services``: used by ``prospect``, the tests and the screenshots."""
    return ProspectApp(services, notifier)


def run_app(services: Services | None = None) -> int:
    """``prospect`` with no command: open the workspace, run the app, fold on the way out."""
    services = services or open_services()
    services.open_workspace()
    try:
        result = make_app(services).run()
    finally:
        close_services(services)
    return int(result or 0)


class _FollowedKey(events.Key):
    """A key handed on to the field focused after it was pressed (sent on once, at most)."""


_FollowedKey.handler_name = events.Key.handler_name  # handled as the key it is
