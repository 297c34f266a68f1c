"""The prospects screen and the in-app import, driven with Pilot."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Static

from prospect_tui.app import ProspectApp, make_app
from prospect_tui.core.clock import ManualClock
from prospect_tui.core.model import Prospect, Status
from prospect_tui.core.prospect_edit import EditProblem, edited
from prospect_tui.core.prospect_list import SortBy, row
from prospect_tui.dialogs.confirm import ConfirmDialog
from prospect_tui.locations import Locations
from prospect_tui.screens.import_csv import ImportScreen
from prospect_tui.screens.prospects import ProspectsScreen
from prospect_tui.services import Services, close_services, open_services
from prospect_tui.widgets.prospect_form import ProspectForm, details, form_values
from prospect_tui.widgets.prospect_table import MARK, ProspectTable, fit, heading, line
from tests.conftest import fill_sample, settle

FIXTURES = Path(__file__).parents[1] / "fixtures" / "import"


@pytest.fixture
def sampled(home: Path, clock: ManualClock) -> Iterator[Services]:
    """Eighty sample prospects, then the app's services over them."""
    fill_sample(home, clock, prospects=80, calls=0)
    opened = open_services(Locations(home, home), clock=clock)
    yield opened
    close_services(opened)


async def open_prospects(pilot: Pilot[int]) -> ProspectsScreen:
    await settle(pilot)
    await pilot.press("p")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ProspectsScreen) and screen.roster is not None
    return screen


def status_line(app: ProspectApp) -> str:
    return str(app.screen.query_one("#prospects-status", Static).render())


async def test_the_store_waits_for_the_list_to_be_drawn(
    sampled: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Home's background reads of the same prospects would otherwise start the moment
    # the list is read and slow its first drawing down (at 20,000, by a third of a second).
    mutex = sampled.repository.workspace._mutex

    def store_taken() -> bool:
        if mutex.acquire(blocking=False):
            mutex.release()
            return False
        return True

    taken_when_handed: list[bool] = []
    loaded = ProspectsScreen._loaded

    def handed(self: ProspectsScreen, roster: object) -> None:
        taken_when_handed.append(store_taken())
        loaded(self, roster)  # type: ignore[arg-type]

    monkeypatch.setattr(ProspectsScreen, "_loaded", handed)
    app = make_app(sampled)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_prospects(pilot)
        assert taken_when_handed == [True]
        await settle(pilot)
        assert not store_taken()  # drawn: let go


async def test_lists_searches_and_sorts(sampled: Services) -> None:
    app = make_app(sampled)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_prospects(pilot)
        assert "80 prospects" in status_line(app)
        table = screen.query_one(ProspectTable)
        names = [p.last_name.casefold() for p in table.rows]
        assert names == sorted(names)

        target = table.rows[17]
        await pilot.press("slash", *target.company.split()[0])
        await settle(pilot)
        assert all(
            target.company.split()[0].casefold() in f"{p.company} {p.prospect.email}".casefold()
            for p in table.rows
        )
        assert f"{len(table.rows)} of 80" in status_line(app)
        await pilot.press("enter")  # back to the list
        assert table.has_focus

        screen.query_one("#prospects-search", Input).value = ""
        await settle(pilot)
        await pilot.press("o", "o")  # their time, then the company, as the heading reads
        assert screen.roster.sort is SortBy.COMPANY
        companies = [p.company.casefold() for p in table.rows]
        assert companies == sorted(companies)
        await pilot.press("r")
        assert [p.company.casefold() for p in table.rows] == sorted(companies, reverse=True)


async def test_do_not_call_and_priority_are_stored(sampled: Services) -> None:
    services = sampled
    app = make_app(services)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_prospects(pilot)
        table = screen.query_one(ProspectTable)
        await pilot.press("down", "down")
        chosen = table.current
        assert chosen is not None
        await pilot.press("d")
        stored = services.repository.prospect(chosen.id)
        assert stored is not None and stored.status is Status.DO_NOT_CALL
        await pilot.press("d")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        stored = services.repository.prospect(chosen.id)
        assert stored is not None and stored.status is Status.NEW

        await pilot.press("plus", "plus")
        stored = services.repository.prospect(chosen.id)
        assert stored is not None and stored.priority == 2
        await pilot.press("minus")
        stored = services.repository.prospect(chosen.id)
        assert stored is not None and stored.priority == 1


async def test_editing_checks_the_phone_and_saves_e164(sampled: Services) -> None:
    services = sampled
    app = make_app(services)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_prospects(pilot)
        chosen = screen.query_one(ProspectTable).current
        assert chosen is not None
        await pilot.press("enter")
        screen.query_one("#field-country", Input).value = "US"
        screen.query_one("#field-phone", Input).value = "555-12"
        await pilot.press("ctrl+s")
        await pilot.pause()
        problem = str(screen.query_one("#form-problem", Static).render())
        assert "Phone" in problem
        assert services.repository.prospect(chosen.id) == chosen, "nothing saved"

        screen.query_one("#field-phone", Input).value = "(415) 555-0142"
        screen.query_one("#field-notes").text = "Prefers email first"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await pilot.pause()
        stored = services.repository.prospect(chosen.id)
        assert stored is not None
        assert stored.phone == "+14155550142" and stored.country == "US"
        assert stored.notes == "Prefers email first"


async def test_the_card_follows_the_cursor_and_escape_drops_unsaved_edits(
    sampled: Services,
) -> None:
    services = sampled
    app = make_app(services)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_prospects(pilot)
        table = screen.query_one(ProspectTable)
        form = screen.query_one(ProspectForm)
        await pilot.press("down")
        await pilot.pause()
        chosen = table.current
        assert chosen is not None
        card = str(screen.query_one("#form-view", Static).render())
        assert chosen.name in card and chosen.company[:20] in card
        assert not form.editing
        assert "save" not in {b.action for _, b, _, _ in screen.active_bindings.values()}

        await pilot.press("enter")
        await pilot.pause()
        assert form.editing
        assert screen.query_one("#field-company", Input).value == chosen.company
        assert "save" in {b.action for _, b, _, _ in screen.active_bindings.values()}
        screen.query_one("#field-company", Input).value = "Typed but never saved"
        await pilot.press("escape")
        await pilot.pause()
        assert table.has_focus and not form.editing
        assert services.repository.prospect(chosen.id) == chosen
        await pilot.press("enter")
        await pilot.pause()
        assert screen.query_one("#field-company", Input).value == chosen.company


def test_the_card_cuts_long_values_to_its_width() -> None:
    prospect = Prospect(
        id=1,
        first_name="Maximiliane",
        last_name="Vandenberghe-Oosterhuis",
        company="Internationale Handelsgesellschaft GmbH",
        email="someone.with.a.very.long.name@a-long-company.example",
        extra={"A very long CRM column name": "x" * 80},
    )
    for card_line in details(prospect, 40).plain.splitlines():
        assert len(card_line) <= 40, card_line


async def test_at_80x24_the_details_sit_under_the_list(sampled: Services) -> None:
    app = make_app(sampled)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_prospects(pilot)
        table = screen.query_one(ProspectTable)
        await pilot.press("down")
        await settle(pilot)
        card = screen.query_one("#form-view", Static)
        assert card.region.height >= 5, "the card has room on screen"
        assert card.region.y >= table.region.bottom, "under the list, not beside it"
        assert table.region.height >= 8
        current = table.current
        assert current is not None and current.name in str(card.render())
        await pilot.press("enter")
        await pilot.pause()
        assert screen.query_one("#prospect-form").display
        assert not screen.query_one("#prospects-list").display
        await pilot.press("escape")
        await pilot.pause()
        assert screen.query_one("#prospects-list").display


async def test_import_from_the_app_previews_then_imports(services: Services) -> None:
    app = make_app(services)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_prospects(pilot)
        assert screen.roster is not None and not screen.roster.prospects
        await pilot.press("i")
        dialog = app.screen
        assert isinstance(dialog, ImportScreen)
        dialog.query_one("#import-path", Input).value = str(FIXTURES / "hubspot_all_contacts.csv")
        await pilot.press("enter")
        await settle(pilot)
        preview = str(dialog.query_one("#import-text", Static).render())
        assert "Dry run: would import" in preview and "HubSpot" in preview
        assert services.repository.count_prospects() == 0, "a preview writes nothing"
        await pilot.press("enter")
        await settle(pilot)
        assert "Imported" in str(dialog.query_one("#import-text", Static).render())
        count = services.repository.count_prospects()
        assert count > 0
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen
        assert len(screen.roster.prospects) == count


async def test_the_app_reads_national_numbers_in_the_users_country_as_the_cli_does(
    services: Services, tmp_path: Path
) -> None:
    csv_file = tmp_path / "no_country.csv"
    csv_file.write_text("name,phone\nJean Dupont,01 42 68 53 00\n", encoding="utf-8")
    app = make_app(services)  # the user's clock is in Europe/Paris
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("i")
        dialog = app.screen
        assert isinstance(dialog, ImportScreen)
        dialog.query_one("#import-path", Input).value = str(csv_file)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
    assert [p.phone for p in services.repository.prospects()] == ["+33142685300"]


async def test_a_missing_file_is_one_sentence_and_changes_nothing(services: Services) -> None:
    app = make_app(services)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("i")
        dialog = app.screen
        assert isinstance(dialog, ImportScreen)
        dialog.query_one("#import-path", Input).value = "/nowhere/contacts.csv"
        await pilot.press("enter")
        await settle(pilot)
        text = str(dialog.query_one("#import-text", Static).render())
        assert "There is no file at /nowhere/contacts.csv." in text
        assert "Nothing was changed." in text
        await pilot.press("escape")
        assert services.repository.count_prospects() == 0


def test_a_line_break_in_an_imported_cell_stays_on_the_row() -> None:
    prospect = Prospect(id=1, first_name="Ada", company="Acme\nHoldings\tLtd")
    drawn = line(row(prospect, datetime(2026, 11, 19, 15, 30, tzinfo=UTC)), fit(120))
    assert "\n" not in drawn and "\t" not in drawn
    assert "Acme Holdings Ltd" in drawn
    assert len(drawn) + MARK == len(heading(fit(120)).plain)


@pytest.mark.parametrize("zone", ["Mars/Olympus", "America", "../etc"])
def test_the_form_refuses_a_zone_the_tz_database_lacks_in_one_sentence(zone: str) -> None:
    prospect = Prospect(id=1, first_name="Ada", timezone="Europe/London")
    values = {**form_values(prospect), "timezone": zone}
    with pytest.raises(EditProblem, match="Time zone must be an IANA name"):
        edited(prospect, values, "", datetime(2026, 11, 19, 15, 30, tzinfo=UTC))
