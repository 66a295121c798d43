"""Stateful property tests: random legal and illegal decisions over long runs.

A state machine plays a batch of practices month after month, taking random decisions (many
of them impossible). After every step: the cash identity holds to the penny, nothing is NaN or
infinite, nothing that cannot be negative is, and a refused decision left the state exactly
as it was. The default tier plays a few hundred months; the slow tier, thousands.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from game.model import Params, PracticeProfile, advance, start_state
from game.model import decisions as d
from game.model.noise import MODEL_STREAMS, draw_streams
from game.model.roles import ROLE_KEYS

PARAMS = Params()
RUNS = 4
NON_NEGATIVE = ("heads", "fte", "pipeline", "searching", "locum_sessions", "backlog",
                "wait_days", "list_by_age", "loan_balance_gbp", "overdraft_limit_gbp")
UNIT_INTERVAL = ("morale", "burnout", "satisfaction", "governance", "pcn_relationship",
                 "recording_quality", "change_fatigue")

decisions = st.one_of(
    st.builds(d.HireDecision, role=st.sampled_from(ROLE_KEYS), count=st.integers(-1, 12)),
    st.builds(d.ReleaseDecision, role=st.sampled_from(ROLE_KEYS), count=st.integers(1, 20)),
    st.builds(d.SetLocumSessionsDecision, sessions_per_month=st.floats(-50, 300)),
    st.builds(d.SetDrawingsDecision, per_partner_month_gbp=st.floats(-1000, 40_000)),
    st.builds(d.SetAppointmentModelDecision,
              model=st.sampled_from(["traditional", "triage_first", "total_triage", "x"])),
    st.builds(d.SetPayAwardDecision, percent=st.floats(-5, 20)),
    st.builds(d.InvestDecision, item=st.sampled_from([*d.INVESTMENTS, "yacht"])),
    st.builds(d.TakeLoanDecision, amount_gbp=st.floats(0, 900_000), months=st.integers(0, 200)),
    st.builds(d.SetAccessChannelsDecision, cloud_telephony=st.booleans(),
              online_consultations=st.booleans()),
    st.builds(d.ConsultTeamDecision),
    st.builds(d.SignificantEventAnalysisDecision, incidents=st.integers(-2, 20)),
)


class PracticeMachine(RuleBasedStateMachine):
    months_per_step = 6

    @initialize(seed=st.integers(0, 2**63 - 1),
                cash=st.floats(-50_000, 300_000), partners=st.integers(1, 8))
    def start(self, seed, cash, partners):
        profile = PracticeProfile(cash_gbp=cash, staff={"partner": partners, "hca": 1,
                                                        "reception_admin": 5})
        self.state = start_state(profile, PARAMS, RUNS)
        self.seed = seed
        self.cash = self.state.cash_pence.copy()

    @rule(decision=decisions, runs=st.lists(st.booleans(), min_size=RUNS, max_size=RUNS))
    def decide(self, decision, runs):
        snapshot = {f: getattr(self.state, f).copy() for f in ("heads", "fte", "pipeline",
                                                                 "cash_pence", "morale")}
        mask = np.array(runs)
        try:
            self.state = decision.apply(self.state, PARAMS, mask)
        except d.DecisionError as exc:
            assert str(exc), "a refusal must say why"
            for name, values in snapshot.items():  # nothing was changed in place
                assert np.array_equal(getattr(self.state, name), values), name

    @rule()
    def play_months(self):
        noise = draw_streams(self.seed, list(range(RUNS)), self.months_per_step, MODEL_STREAMS,
                             first_month=self.state.month)
        for m in range(self.months_per_step):
            self.state, record = advance(self.state, PARAMS, noise[:, m])
            cash = np.round(record["cash_gbp"] * 100).astype(np.int64)
            flows = np.round((record["income_gbp"] - record["expenses_gbp"]
                              - record["drawings_gbp"] + record["financing_gbp"]) * 100)
            assert np.array_equal(cash - self.cash, flows.astype(np.int64))
            self.cash = cash
            for name, values in record.values.items():
                if values.dtype.kind == "f":
                    assert np.isfinite(values).all(), name

    @invariant()
    def sane(self):
        if not hasattr(self, "state"):
            return
        for name in NON_NEGATIVE:
            assert (getattr(self.state, name) >= -1e-9).all(), name
        for name in UNIT_INTERVAL:
            values = getattr(self.state, name)
            assert ((values >= 0) & (values <= 1)).all(), name


def test_state_machine_hundreds_of_months():
    run = PracticeMachine.TestCase
    run.settings = settings(max_examples=12, stateful_step_count=30, deadline=None,
                            suppress_health_check=list(HealthCheck))
    run().runTest()


@pytest.mark.slow
def test_state_machine_thousands_of_months():
    run = PracticeMachine.TestCase
    run.settings = settings(max_examples=60, stateful_step_count=80, deadline=None,
                            suppress_health_check=list(HealthCheck))
    run().runTest()


@pytest.mark.slow
def test_a_decade_for_a_thousand_practices_stays_finite():
    state = start_state(PracticeProfile(), PARAMS, 1000)
    noise = draw_streams(9, list(range(1000)), 120, MODEL_STREAMS)
    for m in range(120):
        state, record = advance(state, PARAMS, noise[:, m])
    for name, values in record.values.items():
        if values.dtype.kind == "f":
            assert np.isfinite(values).all(), name
    assert (state.heads >= 0).all()
