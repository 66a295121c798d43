"""A team's window in a live session, against a real host on loopback.

The host and the facilitator run on a thread of their own (as on the facilitator's laptop);
the team's ``App`` runs here on the dummy video driver and is stepped frame by frame, as the
window would be. The window joins, answers the month's event, takes a decision, hands in; the
facilitator locks and advances; the window shows the month and agrees with the host to the
penny. Then a rewind, a dropped connection, and the last round to the end screen.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pygame
import pytest

from game.live import drill
from game.live.client import FacilitatorClient, LiveClient
from game.live.hosting import HostThread
from game.live.replica import LiveGame
from game.live.resume import open_room
from game.model.decisions import SetDrawingsDecision
from game.ui.app import App
from game.ui.preferences import Preferences
from game.ui.scenes.host_console import HostConsoleScene
from game.ui.scenes.live import JoinScene, LiveDashboardScene
from game.ui.scenes.title import TitleScene

SHOTS = os.environ.get("PARTNERSHIP_SHOTS")  # a folder: save screenshots of what the team sees


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PARTNERSHIP_DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "data"


class ThreadedHost(HostThread):
    """The host on its thread, as ``partnership host --window`` runs it, and a facilitator's
    client on the same loop."""

    def __init__(self, session: Path, results: Path, port: int = 0) -> None:
        room, self.resumed = open_room(session)
        self.session_path = session
        super().__init__(room, port=port, results=results)
        self.facilitator = FacilitatorClient(self.host.address, self.room.token)
        self.call(self.facilitator.connect())

    def control(self, action: str, **fields: Any) -> dict[str, Any]:
        answer = self.call(self.facilitator.control(action, **fields))
        assert answer["ok"], answer
        return answer

    def drop_team(self, team: str) -> None:
        """The team's laptop loses the network for a moment: the host sees it go."""
        async def drop() -> None:
            await self.host.teams[team].close(1001, "network gone")
        self.call(drop())

    def close(self) -> None:
        self.call(self.facilitator.close())
        self.stop()


@pytest.fixture
def hosted(tmp_path: Path):
    host = ThreadedHost(drill.drill_session(tmp_path, 2, 2), tmp_path / "debrief")
    yield host
    host.close()


def step_until(app: App, done: Callable[[], bool], what: str, seconds: float = 20.0,
               events: list[pygame.event.Event] | None = None) -> None:
    deadline = time.monotonic() + seconds
    app.step(events or [])
    while not done():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.01)
        app.step()


def press(key: int) -> list[pygame.event.Event]:
    return [pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="", scancode=0),
            pygame.event.Event(pygame.KEYUP, key=key, mod=0, unicode="", scancode=0)]


def shot(app: App, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        app.step()
        app.screenshot(str(Path(SHOTS) / f"{name}.png"))


def answer_events(app: App) -> None:
    """Take the first choice on every event card the window shows."""
    while app.top.name == "event":
        card = app.top
        step_until(app, lambda card=card: app.top is not card, "the card answered",
                   events=press(pygame.K_1))


def join(app: App, hosted: ThreadedHost, tmp_path: Path, team: str = "Team 01") -> LiveGame:
    app.start(JoinScene(hosted.host.address, hosted.room.code, team,
                        seat_file=tmp_path / "seat.json", connect_now=True))
    step_until(app, lambda: isinstance(app.top, LiveDashboardScene), "the dashboard")
    game = app.top.game
    assert isinstance(game, LiveGame) and game.team == team
    return game


def test_a_team_plays_a_live_session_in_its_window(hosted: ThreadedHost, tmp_path: Path
                                                   ) -> None:
    app = App((1280, 720), prefs=Preferences())
    game = join(app, hosted, tmp_path)
    assert game.phase == "waiting" and "Waiting for the facilitator" in game.status()
    assert (tmp_path / "seat.json").exists()  # kept, to rejoin after a crash
    shot(app, "live-waiting")

    # the round opens; the month's event is answered on its card, then a decision is taken
    hosted.control("open")
    step_until(app, lambda: game.phase == "open", "the round to open")
    if app.top.name == "event":
        shot(app, "live-event")
        step_until(app, lambda: app.top.name != "event", "the event answered",
                   events=press(pygame.K_1))
    game.decide(SetDrawingsDecision(per_partner_month_gbp=8200.0), "keep a buffer")
    dash = app.top
    assert isinstance(dash, LiveDashboardScene)
    step_until(app, lambda: game.handed_in and not game.changed_since_hand_in, "the hand-in",
               events=press(pygame.K_e))
    assert "Handed in" in game.status()
    shot(app, "live-handed-in")
    room = hosted.call(hosted.facilitator.room())
    assert [t["submitted"] for t in room["teams"]] == [True, False]

    # the facilitator plays the month: the window shows it, and agrees with the host
    hosted.control("lock")
    hosted.control("advance")
    step_until(app, lambda: app.top.name == "summary", "the month's summary")
    shot(app, "live-summary")
    host_row = hosted.room.session.latest("Team 01")
    assert host_row is not None
    for key in ("cash_gbp", "patients", "wait_days", "backlog", "staff_wellbeing"):
        assert game.latest[key] == pytest.approx(host_row[key], rel=0, abs=1e-9), key
    assert [m.model_dump(exclude_defaults=True) for m in game.months] == \
        [m.model_dump(exclude_defaults=True) for m in hosted.room.session.logs()["Team 01"].months]
    step_until(app, lambda: app.top.name != "summary", "the next month",
               events=press(pygame.K_RETURN))
    assert game.month == 2 and app.top.name in ("dashboard", "event")  # its event, if any
    assert game.league_line() == ""  # the facilitator has not shown the league
    hosted.control("reveal")
    step_until(app, lambda: game.league_line().startswith("League: "), "the league shown")
    assert " of 2 (overall " in game.league_line()

    # the facilitator rewinds: month 1 opens again, with the team's hand-in restored
    hosted.control("rewind")
    step_until(app, lambda: game.month == 1 and game.phase == "open", "the rewind")
    assert "back to month 1" in dash.notice and app.top is dash  # month 2's card is gone
    assert game.decisions_this_month() and game.handed_in and not game.changed_since_hand_in

    # the laptop drops off the network and comes back by itself, still able to hand in
    hosted.drop_team("Team 01")
    step_until(app, lambda: dash.link.client.reconnects >= 1 and dash.link.online,
               "the reconnect")
    step_until(app, lambda: game.handed_in, "the state after the reconnect")
    game.decide(SetDrawingsDecision(per_partner_month_gbp=8400.0))
    assert game.changed_since_hand_in
    step_until(app, lambda: not game.changed_since_hand_in, "the second hand-in",
               events=press(pygame.K_e))

    # months 1 and 2 are played; the session is over and the window shows the end
    for _ in range(2):
        if hosted.room.session.phase.value == "waiting":
            hosted.control("open")
        if hosted.room.session.phase.value == "open":
            hosted.control("lock")
        hosted.control("advance")
    step_until(app, lambda: app.top.name == "summary" and game.finished, "the last summary")
    step_until(app, lambda: app.top.name == "end", "the end screen",
               events=press(pygame.K_RETURN))
    shot(app, "live-end")
    assert game.latest["cash_gbp"] == pytest.approx(
        hosted.room.session.latest("Team 01")["cash_gbp"], abs=1e-9)
    decisions = {m.month: [d.model_dump()["per_partner_month_gbp"] for d in m.decisions]
                 for m in hosted.room.session.logs()["Team 01"].months}
    assert decisions[1] == [8400.0]  # the change after the rewind replaced the first drawings
    app.step()


def test_a_wrong_code_is_refused_in_words_and_the_join_screen_stays(hosted: ThreadedHost,
                                                                     tmp_path: Path) -> None:
    app = App((1280, 720), prefs=Preferences())
    app.start(TitleScene(1))
    step_until(app, lambda: app.top.name == "join", "the join screen", events=press(pygame.K_j))
    scene = app.top
    assert isinstance(scene, JoinScene)
    scene.fields["address"].set_text(hosted.host.address)
    scene.fields["code"].set_text("WRONGCODE")
    scene.fields["team"].set_text("Team 01")
    step_until(app, lambda: "would not let this team in" in scene.message, "the refusal",
               events=press(pygame.K_RETURN))
    assert "join code" in scene.message and app.top is scene and scene.link is None
    shot(app, "live-join-refused")
    step_until(app, lambda: app.top.name == "title", "back to the title",
               events=press(pygame.K_ESCAPE))


def test_no_host_at_the_address_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                        ) -> None:
    monkeypatch.setattr("game.live.link.JOIN_PATIENCE_S", 1.0)
    app = App((1280, 720), prefs=Preferences())
    app.start(JoinScene("127.0.0.1:9", "ABCDEFGH", "Team 01", seat_file=tmp_path / "s.json",
                        connect_now=True))
    step_until(app, lambda: "Cannot reach the host" in app.top.message, "the message",
               seconds=30)
    assert isinstance(app.top, JoinScene)


def test_the_facilitators_window_runs_the_round_and_shows_who_handed_in(
        hosted: ThreadedHost, tmp_path: Path) -> None:
    from game.ui.scenes.confirm import ConfirmScene

    app = App((1280, 720), prefs=Preferences())
    scene = HostConsoleScene(hosted, f"127.0.0.1:{hosted.port}")
    app.start(scene)
    step_until(app, lambda: bool(scene.room), "the room")
    assert hosted.room.code in app.top.root.get_container().elements[1].text  # the join line
    team = LiveClient(hosted.host.address, code=hosted.room.code, team="Team 02")
    hosted.call(team.connect())

    def box(name: str) -> str:
        return str(scene.boxes[name].html_text)

    def asked(k: int) -> list[pygame.event.Event]:
        """A command that asks first, and yes to its question."""
        app.step(press(k))
        assert isinstance(app.top, ConfirmScene), f"{pygame.key.name(k)} did not ask first"
        return press(pygame.K_y)

    step_until(app, lambda: "Team 02: connected" in box("teams"), "the team shown connected")
    step_until(app, lambda: scene.room["phase"] == "open", "the round opened",
               events=press(pygame.K_o))
    assert "Waiting for: Team 01, Team 02" in box("round")
    assert scene.big["state"].text.startswith("Month 1 of 2  ·  Round open")
    assert scene.big["timer"].text not in ("", "--:--")
    title = hosted.room.session.scenario.event("agency-rates").title
    yes = asked(pygame.K_i)
    assert title in app.top.detail  # by its title, not its id
    step_until(app, lambda: scene.output.startswith("inject"), "the inject", events=yes)
    assert scene.output == "inject agency-rates: done; teams: Team 01, Team 02"
    hosted.call(team.request({"type": "submit", "month": 1}))
    step_until(app, lambda: "Team 02: connected, handed in" in box("teams"), "the hand-in")
    assert "Waiting for: Team 01" in box("round")
    shot(app, "host-console")
    step_until(app, lambda: scene.room["phase"] == "locked", "the lock",
               events=asked(pygame.K_l))
    step_until(app, lambda: scene.room["month"] == 2, "the advance", events=asked(pygame.K_a))
    step_until(app, lambda: "1. Team" in box("league"), "the league")
    step_until(app, lambda: "shown to teams" in box("league"), "the league shown",
               events=asked(pygame.K_v))
    step_until(app, lambda: "results files in" in scene.output, "the debrief",
               events=asked(pygame.K_d))
    assert len(list((tmp_path / "debrief").glob("*.json"))) == 2
    assert "debrief.html" in scene.output and (tmp_path / "debrief" / "debrief.html").exists()
    assert "debrief.csv" in scene.output and (tmp_path / "debrief" / "debrief.csv").exists()
    app.resize((1920, 1080))
    step_until(app, lambda: "1. Team" in box("league"), "the rebuilt window")
    shot(app, "host-console-1080")
    hosted.call(team.close())
    assert app.step(press(pygame.K_q)) and isinstance(app.top, ConfirmScene)
    assert not app.step(press(pygame.K_y))  # Stop host, once asked: the window closes


def test_the_host_window_says_finished_not_month_3_of_2(hosted: ThreadedHost) -> None:
    from game.live.console import status_text

    app = App((1280, 720), prefs=Preferences())
    scene = HostConsoleScene(hosted, f"127.0.0.1:{hosted.port}")
    app.start(scene)
    for _ in range(2):
        for action in ("open", "lock", "advance"):
            hosted.control(action)
    step_until(app, lambda: scene.room.get("phase") == "finished", "the end")
    assert scene.big["state"].text.startswith("All 2 months played")
    assert "of 2" not in scene.big["state"].text
    assert status_text(hosted.host).startswith("all 2 months played: finished")


@pytest.mark.parametrize("steps", [450, pytest.param(1500, marks=pytest.mark.slow)])
def test_random_input_while_the_host_plays_months_loses_nothing(hosted: ThreadedHost,
                                                                 tmp_path: Path, steps: int
                                                                 ) -> None:
    """A restless team: random clicks and keys in its window while the facilitator opens,
    locks, advances and rewinds. No exception, and the window ends where the host is."""
    import numpy as np

    rng = np.random.default_rng(5)
    app = App((1280, 720), prefs=Preferences())
    game = join(app, hosted, tmp_path)
    script = ["open", "lock", "advance", "rewind", "lock", "advance", "open", "lock", "advance"]
    keys = [pygame.K_ESCAPE, pygame.K_RETURN, pygame.K_e, pygame.K_w, pygame.K_o, pygame.K_m,
            pygame.K_p, pygame.K_1, pygame.K_2, pygame.K_TAB, pygame.K_q]
    sent = 0
    every = steps // 10
    for step in range(steps):
        if step % every == every - 1 and script:
            action = script.pop(0)
            hosted.call(hosted.facilitator.control(action))
        top = app.top
        buttons = [b for b in top.actions if b.visible and b.text.split()[0] not in
                   ("Leave", "Quit", "Back")]
        r = rng.random()
        if r < 0.5 and buttons:
            pos = buttons[int(rng.integers(len(buttons)))].rect.center
            events = [pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1),
                      pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1)]
        else:
            key = keys[int(rng.integers(len(keys)))]
            if key == pygame.K_q:  # leaving is tested elsewhere; here the team stays
                key = pygame.K_ESCAPE
            events = press(key)
        sent += len(events)
        assert app.step(events), "the window closed"
        if app.top.name == "title":  # left by the menu after all: join again
            game = join(app, hosted, tmp_path)
        time.sleep(0.002)
    assert hosted.room.session.phase.value == "finished"
    step_until(app, lambda: game.host_finished and game.finished, "the final state")
    host_row = hosted.room.session.latest("Team 01")
    assert game.latest["cash_gbp"] == pytest.approx(host_row["cash_gbp"], abs=1e-9)
    print(f"\n{sent} random inputs; ended on {app.top.name}")


def test_the_window_rides_out_a_host_restart_with_its_hand_in(tmp_path: Path) -> None:
    """The host's laptop is closed mid-round and started again from its journal: the team's
    window reconnects by itself and its hand-in is still there."""
    session = drill.drill_session(tmp_path, 2, 2)
    first = ThreadedHost(session, tmp_path / "debrief")
    app = App((1280, 720), prefs=Preferences())
    try:
        game = join(app, first, tmp_path)
        first.control("open")
        step_until(app, lambda: game.phase == "open", "the round to open")
        answer_events(app)
        game.decide(SetDrawingsDecision(per_partner_month_gbp=8100.0), "steady")
        step_until(app, lambda: game.handed_in and not game.changed_since_hand_in,
                   "the hand-in", events=press(pygame.K_e))
    finally:
        first.close()
    step_until(app, lambda: not app.top.link.online, "the drop to be seen")
    again = ThreadedHost(session, tmp_path / "debrief", port=first.port)
    try:
        assert again.resumed and again.room.code == first.room.code
        step_until(app, lambda: app.top.link.online, "the reconnect", seconds=30)
        step_until(app, lambda: game.handed_in, "the state from the new host")
        assert not game.changed_since_hand_in and game.decisions_this_month()
        again.control("lock")
        again.control("advance")
        step_until(app, lambda: app.top.name == "summary", "the month played")
        assert game.latest["cash_gbp"] == pytest.approx(
            again.room.session.latest("Team 01")["cash_gbp"], abs=1e-9)
    finally:
        again.close()


def test_a_team_added_late_plays_from_the_month_it_joined(hosted: ThreadedHost,
                                                          tmp_path: Path) -> None:
    hosted.control("open")
    hosted.control("lock")
    hosted.control("advance")
    hosted.control("add_team", team="Latecomers")
    app = App((1280, 720), prefs=Preferences())
    game = join(app, hosted, tmp_path, team="Latecomers")
    assert game.month == 2 and len(game.run.history) == 1
    hosted.control("open")
    step_until(app, lambda: game.phase == "open", "the round to open")
    answer_events(app)
    step_until(app, lambda: game.handed_in, "the hand-in", events=press(pygame.K_e))
    hosted.control("lock")
    hosted.control("advance")
    step_until(app, lambda: game.finished, "the last month")
    assert game.latest["cash_gbp"] == pytest.approx(
        hosted.room.session.latest("Latecomers")["cash_gbp"], abs=1e-9)


class _Outbox:
    def __init__(self) -> None:
        self.sent: list[tuple[int, dict]] = []

    def hand_in(self, month: int, entry: dict) -> str:
        self.sent.append((month, entry))
        return f"submit-{len(self.sent)}"


def _welcome_and_state(tmp_path: Path) -> tuple[dict, dict]:
    from game.live.views import team_view
    from game.results import content_hash

    room, _ = open_room(drill.drill_session(tmp_path, 2, 2))
    s = room.session
    welcome = {"type": "welcome", "v": 1, "re": "h", "role": "team", "team": "Team 01",
               "seat": "seat-key", "title": s.spec.title, "scenario": s.scenario.id,
               "months": s.months, "seed": s.seed, "scenario_sha256": content_hash(s.scenario),
               "scenario_spec": s.scenario.model_dump(mode="json")}
    room.journal.close()
    return welcome, team_view(room, "Team 01")


def test_what_the_host_sends_is_checked_before_the_window_uses_it(tmp_path: Path) -> None:
    from game.live.replica import LiveScenarioError, LiveStateError

    welcome, state = _welcome_and_state(tmp_path)
    game = LiveGame(welcome, state, _Outbox())
    assert game.scenario.id == "first-year"  # the same as the bundled one: that is used
    from game.results import content_hash
    from game.scenario.spec import ScenarioSpec

    edited = ScenarioSpec.model_validate({**welcome["scenario_spec"], "title": "Edited"})
    other = LiveGame({**welcome, "scenario_spec": edited.model_dump(mode="json"),
                      "scenario_sha256": content_hash(edited)}, state, _Outbox())
    assert other.scenario.title == "Edited"  # not on this laptop: the host's copy, checked
    for bad in ({**state, "phase": "exploded"}, {**state, "month": "soon"},
                {**state, "record": {"joined_month": 1, "months": [
                    {"month": 1, "decisions": [{"type": "sell_the_building"}]}]}},
                {**state, "record": {"joined_month": 1, "months": [{"month": "x"}]}}):
        with pytest.raises(LiveStateError):
            game.sync(bad)
        assert game.month == 1 and game.state is not bad  # left as it was
    unknown = {**welcome, "scenario_sha256": content_hash(edited)}  # not on this laptop
    tampered = {**unknown, "scenario_spec": {**welcome["scenario_spec"], "title": "Other"}}
    with pytest.raises(LiveScenarioError, match="arrived changed"):
        LiveGame(tampered, state, _Outbox())
    with pytest.raises(LiveScenarioError, match="did not send"):
        LiveGame({**unknown, "scenario_spec": None}, state, _Outbox())
    with pytest.raises(LiveScenarioError, match="not valid here"):
        LiveGame({**unknown, "scenario_spec": {"id": "x"}}, state, _Outbox())


def test_an_injected_event_reaches_the_window_as_a_card(hosted: ThreadedHost,
                                                         tmp_path: Path) -> None:
    app = App((1280, 720), prefs=Preferences())
    game = join(app, hosted, tmp_path)
    hosted.control("open")
    step_until(app, lambda: game.phase == "open", "the round to open")
    answer_events(app)
    game.decide(SetDrawingsDecision(per_partner_month_gbp=8300.0))
    hosted.control("inject", event="agency-rates", team="Team 01")
    step_until(app, lambda: app.top.name == "event", "the injected event's card")
    assert app.top.event.id == "agency-rates"
    assert game.decisions_this_month()  # the move made before the event is kept
    answer_events(app)
    step_until(app, lambda: game.handed_in and not game.changed_since_hand_in, "the hand-in",
               events=press(pygame.K_e))
    held = hosted.room.session.submissions["Team 01"]
    assert ("agency-rates", hosted.room.session.scenario.event("agency-rates").choices[0].id) \
        in held.choices
    hosted.control("lock")
    hosted.control("advance")
    step_until(app, lambda: app.top.name == "summary", "the month played")
    assert game.latest["cash_gbp"] == pytest.approx(
        hosted.room.session.latest("Team 01")["cash_gbp"], abs=1e-9)
    assert game.months[0].injected == ["agency-rates"]
