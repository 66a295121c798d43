"""The dashboard tells the truth at a glance: trend charts on a scale that shows meaningful
change, bands judged on the figure shown, the practice's current settings on view and in
every control, and sentences that read as English."""

from __future__ import annotations

import pygame
import pytest
from pygame_gui.elements import UIDropDownMenu
from test_ui_scenes import answer_cards, into_dashboard, press

from game.model.decisions import (
    SetAppointmentModelDecision,
    SetDrawingsDecision,
    SetEnhancedAccessDecision,
    SetLocumSessionsDecision,
)
from game.play.indicators import INDICATORS
from game.ui.scenes.dashboard import DashboardScene
from game.ui.scenes.decisions import DecisionPanelScene
from game.ui.sparkline import sparkline


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("PARTNERSHIP_DATA_DIR", str(tmp_path))
    return tmp_path


def _line_rows(surface: pygame.Surface, colour: pygame.Color) -> list[int]:
    w, h = surface.get_size()
    return [y for y in range(h - 1) for x in range(w) if surface.get_at((x, y))[:3] == colour[:3]]


def test_a_small_change_in_a_tile_is_a_small_step_on_its_chart():
    """CQC risk from 16% to 15% moves the line a little, not from top to bottom."""
    app, session = into_dashboard()
    answer_cards(app)
    dashboard = app.top
    assert isinstance(dashboard, DashboardScene)
    tile = next(t for t in dashboard.tiles if t["indicator"].key == "cqc_risk")
    chart = tile["chart"]
    line = app.look.colour("line")
    rows_small = _line_rows(sparkline(chart.rect.size, [0.16, 0.16, 0.15], line,
                                      app.look.colour("axis"), app.look.colour("mark"),
                                      _span(dashboard, "cqc_risk")), line)
    height = chart.rect.height
    assert max(rows_small) - min(rows_small) < height * 0.25


def _span(dashboard: DashboardScene, key: str) -> float:
    from game.ui.scenes import dashboard as module
    return module.MIN_SPAN[key]


def test_the_band_is_judged_on_the_figure_shown():
    sat = next(i for i in INDICATORS if i.key == "patient_satisfaction")
    row = {"patient_satisfaction": 0.7196}
    assert sat.show(row) == "72%"
    assert sat.state(row) == "green", "72% shown, and green is 72% or more"
    wait = next(i for i in INDICATORS if i.key == "wait_days")
    assert wait.show({"wait_days": 10.3}) == "10 days"
    assert wait.state({"wait_days": 10.3}) == "green"


def test_demand_met_counts_bookings_not_capacity():
    met = next(i for i in INDICATORS if i.key == "demand_met")
    row = {"demand_met": 1.0, "appointments_demanded": 4_206.0, "unmet_demand": 0.0,
           "appointments_offered": 4_385.0}
    assert met.detail(row) == "4,206 of 4,206 booked"


def test_current_settings_are_on_the_dashboard_and_in_the_controls():
    app, session = into_dashboard()
    answer_cards(app)
    session.decide(SetAppointmentModelDecision("total_triage"))
    session.decide(SetLocumSessionsDecision(36))
    session.decide(SetDrawingsDecision(10_500 - 500))
    session.decide(SetEnhancedAccessDecision(False))
    dashboard = app.top
    dashboard.resume()
    html = dashboard.month_box.html_text
    assert "total triage appointments" in html and "36 locum sessions" in html
    assert "£10,000" in html
    press(app, pygame.K_o)
    panel = app.top
    assert isinstance(panel, DecisionPanelScene)
    menus = [w for w in panel.widgets if isinstance(w, UIDropDownMenu)]
    assert menus[0].selected_option in ("Total triage", ("Total triage", "Total triage")), \
        "the appointment model opens on the current one"
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_p)
    rota = next(w for w, (_, p) in app.top.widgets.items() if p.name == "on")
    assert rota.selected_option in ("Stop", ("Stop", "Stop"))


def test_plain_titles_on_the_panels():
    from game.play.actions import GROUPS
    titles = {a.title for _, specs in GROUPS.values() for a in specs}
    assert {"Consult the team", "Evening and weekend appointments"} <= titles
