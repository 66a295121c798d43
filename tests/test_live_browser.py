"""The team page in a real browser: headless Chromium (Debian's package) driven by Selenium.

A browser team plays rounds against a real host beside a team in its window and a scripted
team; it comes back by itself after its connection is killed and after the host is restarted;
it is refused with another team's seat; it is played from the keyboard alone; and axe-core
(vendored in ``tests/a11y``, MPL-2.0) finds no serious or critical accessibility problem in
any state of the page, at laptop and phone widths. Where Chromium, its driver or Selenium
cannot be had, every test here is skipped with the reason (``.ci/run`` installs them where it
can).
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pygame
import pytest

from game.live import drill
from game.live.client import LiveClient
from game.live.team import play_log
from game.play.wording import money
from game.ui.app import App
from game.ui.preferences import Preferences
from tests.test_live_window import ThreadedHost, answer_events, join, press

webdriver = pytest.importorskip("selenium.webdriver", reason="Selenium is not installed "
                                "(pip install -e '.[test]'): the browser tests did not run")
from selenium.common.exceptions import WebDriverException  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402

CHROMIUM = os.environ.get("PARTNERSHIP_CHROMIUM") or shutil.which("chromium") \
    or "/usr/bin/chromium"
DRIVER = os.environ.get("PARTNERSHIP_CHROMEDRIVER") or shutil.which("chromedriver") \
    or "/usr/bin/chromedriver"
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run",
         "--disable-dev-shm-usage")
AXE = Path(__file__).parent / "a11y" / "axe.min.js"
SHOTS = os.environ.get("PARTNERSHIP_SHOTS")  # a folder: save what the browser shows


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PARTNERSHIP_DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "data"


@pytest.fixture
def browser() -> Iterator[Any]:
    if not (os.path.exists(CHROMIUM) and os.path.exists(DRIVER)):
        pytest.skip(f"no Chromium here ({CHROMIUM}, {DRIVER}): install Debian's chromium and "
                    "chromium-driver; the browser tests did not run")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument("--window-size=1280,900")
    try:
        driver = webdriver.Chrome(options=options,
                                  service=webdriver.ChromeService(executable_path=DRIVER))
    except WebDriverException as exc:
        pytest.skip(f"Chromium would not start here ({str(exc).splitlines()[0]}): the browser "
                    "tests did not run")
    driver.set_script_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture
def hosted(tmp_path: Path) -> Iterator[ThreadedHost]:
    host = ThreadedHost(drill.drill_session(tmp_path, 3, 3), tmp_path / "debrief")
    yield host
    host.close()


# -- helpers -----------------------------------------------------------------------------------
def until(done: Callable[[], Any], what: str | Callable[[], str], seconds: float = 30.0,
          app: App | None = None) -> Any:
    """Poll ``done`` (stepping the team's window, if any) until it holds or the deadline;
    ``what`` names it in the failure (called then, if it is a function)."""
    deadline = time.monotonic() + seconds
    while True:
        if app is not None:
            app.step()
        got = done()
        if got:
            return got
        if time.monotonic() >= deadline:
            raise AssertionError(f"timed out waiting for {what() if callable(what) else what}")
        time.sleep(0.05)


def text(driver: Any, element_id: str) -> str:
    return str(driver.find_element(By.ID, element_id).text)


def open_page(driver: Any, hosted: ThreadedHost) -> None:
    driver.get(f"http://127.0.0.1:{hosted.port}/")
    until(lambda: driver.find_element(By.ID, "join-button").is_displayed(), "the join form")


def join_page(driver: Any, hosted: ThreadedHost, team: str, code: str | None = None) -> None:
    code_field = driver.find_element(By.ID, "code")
    code_field.clear()
    code_field.send_keys(code or hosted.room.code)
    team_field = driver.find_element(By.ID, "team")
    team_field.clear()
    team_field.send_keys(team)
    driver.find_element(By.ID, "join-button").click()


def axe_problems(driver: Any, state: str) -> list[str]:
    """axe-core's serious and critical findings on the page as it is now."""
    if not driver.execute_script("return typeof window.axe !== 'undefined'"):
        driver.execute_script(AXE.read_text(encoding="utf-8"))
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']})"
        ".then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))))"
        ".catch(e => done([{id: 'axe-failed', impact: 'critical', help: String(e), nodes: []}]));")
    return [f"{state}: {v['id']} ({v['impact']}): {v['help']} at {v['nodes']}"
            for v in result if v["impact"] in ("serious", "critical")]


def viewport(driver: Any, width: int, height: int = 900) -> None:
    """Lay the page out at ``width`` CSS pixels, as a phone (narrow) or a laptop does (a
    headless window cannot be made narrower than 500 pixels, so the width is emulated)."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})


def shot(driver: Any, name: str, width: int = 1280) -> None:
    if not SHOTS:
        return
    Path(SHOTS).mkdir(parents=True, exist_ok=True)
    viewport(driver, width)
    height = driver.execute_script("return document.documentElement.scrollHeight")
    viewport(driver, width, min(int(height), 7000))
    driver.save_screenshot(str(Path(SHOTS) / f"{name}-{width}.png"))
    viewport(driver, 1280)


def phone_problems(driver: Any, state: str) -> list[str]:
    """axe at a small phone's width (320 CSS pixels: WCAG's reflow width), and nothing wider
    than the screen."""
    viewport(driver, 320, 640)
    try:
        wide = driver.execute_script(
            "return document.documentElement.scrollWidth > document.documentElement.clientWidth")
        return axe_problems(driver, f"{state} (phone)") + (
            [f"{state} (phone): the page scrolls sideways at 320 pixels"] if wide else [])
    finally:
        viewport(driver, 1280)


def round_desk(driver: Any) -> None:
    """Wait for the host's desk of an open round (its decisions are on the page)."""
    until(lambda: driver.find_elements(By.CSS_SELECTOR, "#decisions-body details"),
          "the round's desk")


def answer_cards(driver: Any) -> None:
    """Take the first choice of every event card on the page, then wait for the host's desk."""
    for fieldset in driver.find_elements(By.CSS_SELECTOR, "#events-body fieldset"):
        fieldset.find_element(By.CSS_SELECTOR, "input[type=radio]").click()
    until(lambda: text(driver, "decisions-note") == "", "the decisions to open")


def take_drawings(driver: Any, gbp: int) -> None:
    """Open Partner drawings, look at its projection, add it to the hand-in."""
    path = "//details[summary[normalize-space()='Partner drawings']]"
    box = until(lambda: driver.find_elements(By.XPATH, path), "the decisions")[0]
    if not box.get_attribute("open"):
        box.find_element(By.TAG_NAME, "summary").click()
    field = box.find_element(By.CSS_SELECTOR, "input[type=number]")
    field.clear()
    field.send_keys(str(gbp))
    box.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    outcome = box.find_element(By.CSS_SELECTOR, ".outcome")
    until(lambda: "In 4 months" in outcome.text or "Not possible" in outcome.text,
          lambda: f"the projection (the page says: {outcome.text!r})")
    assert "In 4 months" in outcome.text, outcome.text
    add = box.find_element(By.XPATH, ".//button[normalize-space()='Add to hand-in']")
    until(add.is_enabled, "Add to hand-in")
    add.click()
    until(lambda: f"£{gbp:,}" in text(driver, "moves"), "the decision in the hand-in")


def hand_in(driver: Any, month: int) -> None:
    driver.find_element(By.ID, "hand-in-button").click()
    until(lambda: f"Handed in for month {month}" in text(driver, "hand-in-state"), "hand-in")


# -- the tests ---------------------------------------------------------------------------------
def test_a_browser_team_plays_beside_a_window_and_a_scripted_team(
        browser: Any, hosted: ThreadedHost, tmp_path: Path) -> None:
    problems: list[str] = []
    scripted = LiveClient(hosted.host.address, code=hosted.room.code, team="Team 03",
                          patience_s=10)
    hosted.call(scripted.connect())
    script = hosted.submit(play_log(scripted, drill.policy_log(2, 3), idle_timeout_s=120))
    app = App((1280, 720), prefs=Preferences())
    window = join(app, hosted, tmp_path, "Team 02")

    open_page(browser, hosted)
    problems += axe_problems(browser, "join form") + phone_problems(browser, "join form")
    shot(browser, "browser-join")
    shot(browser, "browser-join", 390)
    join_page(browser, hosted, "Team 01", code="WRONG123")
    until(lambda: "join code" in text(browser, "join-message"), "the refusal")
    problems += axe_problems(browser, "join refused")
    join_page(browser, hosted, "Team 01")
    until(lambda: "Waiting for the facilitator" in text(browser, "status"), "the round",
          app=app)
    problems += axe_problems(browser, "waiting")

    for month in (1, 2, 3):
        hosted.control("open")
        until(lambda: "Round open" in text(browser, "status"), "the round to open", app=app)
        round_desk(browser)
        if browser.find_elements(By.CSS_SELECTOR, "#events-body fieldset"):
            if month == 1:
                problems += axe_problems(browser, "event card")
                problems += phone_problems(browser, "event card")
                shot(browser, "browser-event")
                shot(browser, "browser-event", 390)
            answer_cards(browser)
        take_drawings(browser, 9000 + 100 * month)
        if month == 1:
            problems += axe_problems(browser, "decision projected")
            problems += phone_problems(browser, "decision projected")
            shot(browser, "browser-decided")
            shot(browser, "browser-decided", 390)
        hand_in(browser, month)
        problems += axe_problems(browser, f"handed in, month {month}")

        until(lambda: window.phase == "open", "the window's round", app=app)
        answer_events(app)
        app.step(press(pygame.K_e))
        until(lambda: window.handed_in, "the window's hand-in", app=app)
        until(lambda: not hosted.call(hosted.facilitator.room())["waiting_for"],
              "every team's hand-in", app=app)
        hosted.control("lock")
        until(lambda: "Round locked" in text(browser, "status"), "the lock", app=app)
        if month == 1:
            problems += axe_problems(browser, "locked")
        hosted.control("advance")
        until(lambda played=f"Month {month} (": played in text(browser, "summary-body"),
              "the summary", app=app)
        latest = hosted.room.session.latest("Team 01")
        assert latest is not None
        cash = browser.find_element(By.CSS_SELECTOR, "#figures li .value").text
        assert cash == money(latest["cash_gbp"])  # the host's figure, to the pound
        if app.top.name == "summary":
            app.step(press(pygame.K_RETURN))
    until(lambda: "session is over" in text(browser, "status"), "the end", app=app)
    assert "session over" in text(browser, "where") and "month 4" not in text(browser, "where")
    assert text(browser, "hand-in-state") == ""  # nothing said about a round gone by
    problems += axe_problems(browser, "finished")
    shot(browser, "browser-finished")

    logs = hosted.room.session.logs()
    drawings = {m.month: [d.model_dump()["per_partner_month_gbp"] for d in m.decisions]
                for m in logs["Team 01"].months}
    assert drawings == {1: [9100.0], 2: [9200.0], 3: [9300.0]}
    assert [m.month for m in logs["Team 03"].months] == [1, 2, 3]
    assert window.latest["cash_gbp"] == pytest.approx(
        hosted.room.session.latest("Team 02")["cash_gbp"], abs=1e-9)
    script.result(30)
    assert problems == []
    # no script error and nothing the page's Content-Security-Policy had to block
    errors = [e["message"] for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == []


def test_the_page_reconnects_by_itself_after_its_connection_is_killed(
        browser: Any, hosted: ThreadedHost) -> None:
    open_page(browser, hosted)
    join_page(browser, hosted, "Team 01")
    until(lambda: "Waiting" in text(browser, "status"), "the round")
    hosted.control("open")
    until(lambda: "Round open" in text(browser, "status"), "the round to open")
    round_desk(browser)
    answer_cards(browser)
    take_drawings(browser, 9400)
    first = hosted.host.teams["Team 01"]

    def kill() -> None:
        async def abort() -> None:
            transport = hosted.host.teams["Team 01"].transport
            assert transport is not None
            transport.abort()  # no close frame: the wifi is gone
        hosted.call(abort())

    kill()
    browser.find_element(By.ID, "hand-in-button").click()  # while the page is offline
    until(lambda: hosted.host.teams.get("Team 01") not in (None, first), "the reconnect")
    until(lambda: "Handed in for month 1" in text(browser, "hand-in-state"), "the hand-in")
    assert text(browser, "connection") == ""
    submits = [e for e in hosted.room.journal.entries if e["kind"] == "submit"]
    assert len(submits) == 1  # sent again after the reconnect, counted once
    assert hosted.room.session.submissions["Team 01"].decisions

    browser.refresh()  # a reload rejoins with the seat key the tab kept
    until(lambda: "Handed in" in text(browser, "status"), "the rejoin after a reload")
    assert "Team 01" in text(browser, "where")
    assert not browser.find_element(By.ID, "join").is_displayed()


def test_the_page_is_refused_with_another_teams_seat(browser: Any,
                                                      hosted: ThreadedHost) -> None:
    other = LiveClient(hosted.host.address, code=hosted.room.code, team="Team 02",
                       patience_s=10)
    hosted.call(other.connect())
    open_page(browser, hosted)
    join_page(browser, hosted, "Team 02")  # another laptop holds Team 02's seat
    until(lambda: "already joined" in text(browser, "join-message"), "the refusal")
    assert not browser.find_element(By.ID, "play").is_displayed()
    assert axe_problems(browser, "seat refused") == []

    join_page(browser, hosted, "Team 01")
    until(lambda: "Waiting" in text(browser, "status"), "Team 01's round")
    code = hosted.room.code
    seat = browser.execute_script(
        "return JSON.parse(sessionStorage.getItem('partnership-team')).seats[arguments[0]]",
        f"{code}|team 01")
    assert seat and other.seat and seat != other.seat
    # Team 01's seat key under Team 02's name: refused, and Team 02 is left alone
    browser.execute_script(
        "sessionStorage.setItem('partnership-team', JSON.stringify({code: arguments[0], "
        "team: 'Team 02', seats: {[arguments[0] + '|team 02']: arguments[1]}}))", code, seat)
    browser.refresh()
    until(lambda: "already joined" in text(browser, "join-message"), "the refusal")
    assert hosted.host.teams["Team 02"] is not None
    hosted.control("open")
    state = hosted.call(other.wait_state(lambda s: s["phase"] == "open"))
    assert state["team"] == "Team 02" and state["submitted"] is None
    hosted.call(other.close())


def test_the_page_is_played_from_the_keyboard_alone(browser: Any, hosted: ThreadedHost) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    open_page(browser, hosted)
    keys = ActionChains(browser)
    keys.send_keys(Keys.TAB).perform()  # the skip link comes first
    assert browser.switch_to.active_element.get_attribute("class") == "skip"
    keys.send_keys(Keys.TAB, hosted.room.code, Keys.TAB, "Team 01", Keys.ENTER).perform()
    until(lambda: "Waiting" in text(browser, "status"), "the round")
    # focus moves to the round, so a screen reader starts there
    assert browser.switch_to.active_element.get_attribute("id") == "round-heading"
    hosted.control("open")
    round_desk(browser)
    radio = browser.find_element(By.CSS_SELECTOR, "#events-body input[type=radio]")
    radio.send_keys(Keys.SPACE)
    until(lambda: text(browser, "decisions-note") == "", "the decisions to open")
    summary = browser.find_element(
        By.XPATH, "//details[summary[normalize-space()='Partner drawings']]/summary")
    summary.send_keys(Keys.ENTER)
    field = browser.find_element(By.ID, "act-money-0-gbp")
    field.send_keys(Keys.CONTROL, "a")
    field.send_keys("9700", Keys.ENTER)  # Enter in a field asks for the projection
    outcome = browser.find_element(By.ID, "act-money-0-outcome")
    until(lambda: "In 4 months" in outcome.text, "the projection")
    add = browser.find_element(By.ID, "act-money-0-add")
    until(add.is_enabled, "Add to hand-in")
    add.send_keys(Keys.ENTER)
    until(lambda: "£9,700" in text(browser, "moves"), "the decision in the hand-in")
    browser.find_element(By.ID, "hand-in-button").send_keys(Keys.ENTER)
    until(lambda: "Handed in for month 1" in text(browser, "hand-in-state"), "the hand-in")
    logged = hosted.room.session.submissions["Team 01"]
    assert logged.decisions and "9700" in repr(logged.decisions)

    async def last_minute() -> None:
        hosted.room.session.timer.seconds_left = 50.0
        await hosted.host.broadcast()
    hosted.call(last_minute())  # the timer is not read out each second; its last minute is
    note = browser.find_element(By.ID, "timer-note")
    until(lambda: note.get_attribute("textContent") == "One minute left in the round.",
          "the last minute announced")


def test_the_page_comes_back_when_the_host_is_restarted(browser: Any, tmp_path: Path) -> None:
    """The host laptop is closed mid-round and started again on the same port: the page
    rejoins by itself, as the same team, with its hand-in still held."""
    session = drill.drill_session(tmp_path, 2, 2)
    host = ThreadedHost(session, tmp_path / "debrief")
    port = host.port
    try:
        open_page(browser, host)
        join_page(browser, host, "Team 01")
        until(lambda: "Waiting" in text(browser, "status"), "the round")
        host.control("open")
        round_desk(browser)
        answer_cards(browser)
        take_drawings(browser, 9600)
        hand_in(browser, 1)
    finally:
        host.close()
    until(lambda: "reconnecting" in text(browser, "connection"), "the page to notice")
    again = ThreadedHost(session, tmp_path / "debrief", port=port)
    try:
        assert again.resumed
        until(lambda: again.host.teams.get("Team 01") is not None, "the page to rejoin")
        until(lambda: text(browser, "connection") == "", "the page to say it is back")
        assert "Handed in" in text(browser, "status")
        held = again.room.session.submissions["Team 01"]
        assert "9600" in repr(held.decisions)
    finally:
        again.close()
