"""Model parameters: every economic and behavioural constant, with its source.

``Params`` holds the values the model reads; ``SOURCES`` says where each one comes from, so
``docs/calibration.md`` is generated from this module and cannot drift from it. A scenario may
override any parameter by name (``parameters:`` in its YAML). Basis codes: S = stated in the
source, D = derived by arithmetic from stated figures, E = an estimate or modelling assumption
(a tunable default, not a citation). Source codes refer to the reference list in
``docs/calibration.md``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields, replace
from typing import Any


@dataclass(frozen=True)
class Params:
    """The constants of the practice economy. Money in pounds; rates per year unless named."""

    # --- core contract income
    global_sum_per_weighted_patient_gbp: float = 121.79
    out_of_hours_deduction: float = 0.0475
    qof_points_available: float = 564.0
    qof_value_per_point_gbp: float = 225.49
    qof_average_list_size: float = 9_964.0
    qof_aspiration_share: float = 0.80
    qof_prevalence_weighted_share: float = 0.82
    qof_balancing_month: int = 6
    network_participation_per_weighted_patient_gbp: float = 1.761
    enhanced_services_per_patient_gbp: float = 11.0
    premises_reimbursement_per_patient_gbp: float = 13.6
    private_income_per_patient_gbp: float = 5.0
    training_grant_per_registrar_gbp: float = 9_500.0
    # --- PCN payments passed through to the practice
    pcn_core_per_patient_gbp: float = 2.999
    pcn_casp_per_patient_gbp: float = 3.208
    pcn_caip_per_patient_gbp: float = 1.375
    pcn_enhanced_access_per_patient_gbp: float = 8.427
    enhanced_access_sessions_per_1000_patients_month: float = 1.04
    enhanced_access_gp_share: float = 0.5
    enhanced_access_other_session_gbp: float = 200.0
    enhanced_access_overhead_per_patient_gbp: float = 4.5
    arrs_entitlement_per_weighted_patient_gbp: float = 26.631
    # --- pay and on-costs
    employer_ni_rate: float = 0.15
    employer_ni_threshold_gbp: float = 5_000.0
    employment_allowance_gbp: float = 0.0
    employer_pension_rate: float = 0.1438
    partner_member_pension_rate: float = 0.125
    locum_session_rate_gbp: float = 357.0
    # --- employment: leaving, redundancy, rooms and supervision
    statutory_redundancy_week_cap_gbp: float = 719.0
    redundancy_weeks_per_head: float = 4.5
    clinical_room_fte: float = 1.22
    clinical_room_headroom: float = 0.15
    gp_supervision_sessions_per_gp_fte_month: float = 4.0
    # --- running costs
    premises_cost_per_patient_gbp: float = 17.5
    it_and_running_costs_per_patient_gbp: float = 16.0
    indemnity_and_training_per_gp_fte_gbp: float = 3_000.0
    loan_interest_rate: float = 0.07
    overdraft_interest_rate: float = 0.10
    # --- patients and demand
    list_growth_annual: float = 0.0115
    appointments_per_patient_year: float = 5.8
    deprivation_demand_uplift: float = 0.30
    deprivation_needs_weighting: float = 0.16
    seasonal_swing: float = 0.10
    same_day_share_traditional: float = 0.42
    # --- access
    working_days_per_month: float = 21.0
    gp_clinical_days_per_fte_month: float = 17.25
    base_routine_wait_days: float = 6.0
    backlog_abandon_share: float = 0.25
    dna_rebook_share: float = 0.5
    dna_same_day: float = 0.019
    dna_next_day: float = 0.05
    dna_within_week: float = 0.068
    dna_over_week: float = 0.085
    # --- workload and wellbeing
    safe_contacts_per_gp_day: float = 25.0
    unsafe_contacts_per_gp_day: float = 35.0
    gp_admin_contact_ratio: float = 0.10
    base_sickness_rate: float = 0.035
    burnout_build_rate: float = 0.08
    burnout_recovery_rate: float = 0.06
    morale_adjust_rate: float = 0.25
    burnout_turnover_multiplier: float = 3.0
    # --- named people
    person_adjust_rate: float = 0.2
    person_trust_morale_weight: float = 0.3
    person_low_trust_turnover_multiplier: float = 1.0
    person_sick_leave_chance: float = 0.25
    person_sick_leave_months: int = 2
    person_sick_leave_recovery: float = 0.15
    # --- patient safety
    safety_incidents_per_1000_appointments: float = 0.4
    safety_pressure_multiplier: float = 1.0
    safety_burnout_multiplier: float = 1.0
    safety_skill_mix_multiplier: float = 0.5
    safety_concern_multiplier: float = 0.25
    safety_learning_effect: float = 0.3
    safety_learning_per_review: float = 0.15
    safety_routine_review_share: float = 0.4
    significant_event_analysis_cost_gbp: float = 450.0
    complaints_per_safety_incident: float = 0.2
    # --- quality
    qof_base_achievement: float = 0.95
    satisfaction_baseline: float = 0.739
    satisfaction_adjust_rate: float = 0.3
    cqc_inspection_interval_months: float = 60.0
    cqc_complaints_trigger_per_1000: float = 1.4
    cqc_intelligence_inspection_chance: float = 0.5
    cqc_unsafe_staffing_rating_penalty: float = 0.3
    cqc_special_measures_reinspection_months: int = 6
    cqc_requires_improvement_reinspection_months: int = 12
    cqc_action_plan_cost_gbp: float = 6_000.0
    cqc_action_plan_cost_gbp_month: float = 800.0
    cqc_special_measures_cost_gbp: float = 15_000.0
    cqc_special_measures_cost_gbp_month: float = 3_000.0
    # --- service obligations: the list, complaints and the ICB's contract management
    list_turnover_annual: float = 0.08
    access_wait_tolerated_days: float = 14.0
    access_leaving_share_month: float = 0.004
    access_joining_loss_share: float = 0.5
    complaints_per_1000_patients_year: float = 1.8
    complaints_access_multiplier: float = 4.0
    complaints_staffing_multiplier: float = 3.0
    contract_wait_limit_days: float = 28.0
    contract_unmet_limit_share: float = 0.15
    contract_min_clinical_sessions_per_1000_week: float = 5.0
    contract_min_reception_share: float = 0.35
    contract_failing_months_before_notice: int = 3
    contract_notice_months: int = 2
    # --- PCN
    pcn_relationship_drift: float = 0.02

    def with_overrides(self, overrides: dict[str, float]) -> Params:
        """A copy with some values replaced.

        Unknown names raise ``KeyError``; a value outside the parameter's plausible range
        (see ``bounds``) raises ``ValueError``, so a typing slip cannot break the model.
        """
        known = {f.name for f in fields(self)}
        unknown = sorted(set(overrides) - known)
        if unknown:
            raise KeyError(f"unknown parameter(s): {', '.join(unknown)}")
        for name, value in overrides.items():
            lo, hi = self.bounds(name)
            if not (math.isfinite(value) and lo <= value <= hi):
                raise ValueError(f"parameter '{name}' must be between {lo:g} and {hi:g} "
                                 f"(the default is {getattr(self, name):g}; got {value:g})")
        changes: dict[str, Any] = dict(overrides)  # int fields take whole floats too
        return replace(self, **changes)

    def bounds(self, name: str) -> tuple[float, float]:
        """The plausible range of a parameter: shares and rates within 0-1; other figures from
        zero (a tenth of the default for those the model divides by) to ten times the default."""
        default = float(getattr(self, name))
        if name == "qof_balancing_month":
            return 1.0, 12.0
        if name in _MONTH_COUNTS:
            return 1.0, 36.0
        if name == "employment_allowance_gbp":
            return 0.0, EMPLOYMENT_ALLOWANCE_MAX_GBP
        if any(word in name for word in _SHARE_WORDS) and default <= 1.0:
            return 0.0, 1.0
        low = default / 10.0 if name in _DIVISORS else 0.0
        return low, max(default * 10.0, 1.0)

    def as_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


#: The Employment Allowance in 2025/26 (S64, S65): only a practice run by a registered charity
#: may claim it, so a scenario may set ``employment_allowance_gbp`` up to this amount.
EMPLOYMENT_ALLOWANCE_MAX_GBP = 10_500.0

_SHARE_WORDS = ("rate", "share", "deduction", "achievement", "baseline", "swing", "uplift",
                "weighting", "drift", "ratio")
#: Whole months the model counts to (a notice period, a re-inspection): at least one.
_MONTH_COUNTS = ("cqc_special_measures_reinspection_months", "person_sick_leave_months",
                 "cqc_requires_improvement_reinspection_months",
                 "contract_failing_months_before_notice", "contract_notice_months")
_DIVISORS = ("qof_average_list_size", "working_days_per_month", "gp_clinical_days_per_fte_month",
             "cqc_inspection_interval_months", "safe_contacts_per_gp_day",
             "unsafe_contacts_per_gp_day")


@dataclass(frozen=True)
class Source:
    """Where a parameter comes from: unit, year, source codes, basis (S, D or E) and a note."""

    unit: str
    year: str
    source: str
    basis: str
    note: str


SOURCES: dict[str, Source] = {
    "statutory_redundancy_week_cap_gbp": Source(
        "£/week", "2025/26", "S129", "S",
        "The most a week's pay counts for in statutory redundancy pay from 6 April 2025."),
    "redundancy_weeks_per_head": Source(
        "weeks' pay per person released", "2025", "S129", "E",
        "Statutory redundancy: a week's pay a year of service (1.5 over 41, 0.5 under 22); "
        "about four and a half years' service assumed. Notice is paid in lieu on top."),
    "clinical_room_fte": Source(
        "whole-time clinicians per clinical room", "2025", "S130", "E",
        "A room open about 11 sessions a week (core and extended hours) for clinicians who "
        "work 9; hot-desking and remote work are in each role's room need."),
    "clinical_room_headroom": Source(
        "share", "2025", "S130", "E",
        "A practice's rooms, when the scenario does not say, fit its starting clinical staff "
        "with this much to spare."),
    "gp_supervision_sessions_per_gp_fte_month": Source(
        "GP sessions/GP FTE/month", "2025", "S131", "E",
        "About one session a week of each whole-time GP's time for supervising registrars, "
        "ARRS staff and physician associates, who each need a named GP supervisor."),
    "global_sum_per_weighted_patient_gbp": Source(
        "£/weighted patient/yr", "2025/26", "S7", "S",
        "NHS England ready reckoner; BMA/PCIT estimates ~£121.90."),
    "out_of_hours_deduction": Source(
        "share of Global Sum", "2025/26", "S6", "S", "Almost every practice has opted out."),
    "qof_points_available": Source("points", "2025/26", "S2, S12", "S", "Down from 635."),
    "qof_value_per_point_gbp": Source(
        "£/point", "2025/26", "S7", "S", "For an average list at average prevalence."),
    "qof_average_list_size": Source(
        "patients", "2024", "S1", "S", "Average practice list; QOF pay scales by list/average."),
    "qof_aspiration_share": Source(
        "share of last year's QOF", "2024/25-2025/26", "S1, S118", "S",
        "Paid monthly; raised from 70% to 80% of the previous year's achievement in 2024/25."),
    "qof_prevalence_weighted_share": Source(
        "share of QOF points", "2025/26", "S14", "S",
        "Only the clinical (prevalence-adjusted) points scale with recorded prevalence; the rest "
        "(vaccination, public health) are paid on achievement and list size alone."),
    "qof_balancing_month": Source(
        "calendar month", "current", "reference §3.11", "E",
        "The balancing payment after the QOF year (April-March) ends; paid in June here."),
    "network_participation_per_weighted_patient_gbp": Source(
        "£/weighted patient/yr", "2025/26", "S7, S1", "S", "Paid to practices in a PCN."),
    "enhanced_services_per_patient_gbp": Source(
        "£/patient/yr", "2013/14 share", "S19", "E",
        "6-8% of NHS income (imms, LD checks, A&G, local services); varies with nurse capacity."),
    "premises_reimbursement_per_patient_gbp": Source(
        "£/patient/yr", "2022/23", "S17", "D", "£846m nationally / ~62m patients."),
    "private_income_per_patient_gbp": Source(
        "£/patient/yr", "2018-2025", "S24, S25", "E", "2-5% of gross income; fees set locally."),
    "training_grant_per_registrar_gbp": Source(
        "£/registrar/yr", "current", "not found", "E",
        "Educator grant; the registrar's salary is reimbursed in full by NHS England."),
    "pcn_core_per_patient_gbp": Source("£/patient/yr", "2025/26", "S28-S30", "S",
                                       "Core PCN funding, passed through by the PCN."),
    "pcn_casp_per_patient_gbp": Source("£/adjusted patient/yr", "2025/26", "S30", "S",
                                       "Capacity and Access Support Payment (unconditional)."),
    "pcn_caip_per_patient_gbp": Source(
        "£/adjusted patient/yr", "2025/26", "S30, S32", "S",
        "Capacity and Access Improvement Payment: paid only with modern access in place."),
    "pcn_enhanced_access_per_patient_gbp": Source(
        "£/adjusted patient/yr", "2025/26", "S28-S30", "S",
        "Funds evening and Saturday appointments, so it comes with their cost."),
    "enhanced_access_sessions_per_1000_patients_month": Source(
        "clinical sessions/1,000 patients/month", "2022/23-2025/26", "S121, S28-S30", "D",
        "The Network Contract DES asks 60 minutes of appointments per 1,000 adjusted patients a "
        "week: 60 x 52 / 12 / 250 minutes a session = 1.04."),
    "enhanced_access_gp_share": Source(
        "share of enhanced access sessions", "2022/23-2025/26", "S121", "E",
        "Delivered by a multidisciplinary team that includes GPs (and nurses, paramedics, "
        "pharmacists); GP sessions are costed at the locum rate."),
    "enhanced_access_other_session_gbp": Source(
        "£/session", "2025/26", "S58", "D",
        "A nurse, paramedic or pharmacist session out of hours: AfC band 7 top £54,710 with NI "
        "and pension (~£70k) over ~1,650 working hours, ~£42/h, plus an unsocial-hours "
        "enhancement, x 4h10m."),
    "enhanced_access_overhead_per_patient_gbp": Source(
        "£/patient/yr", "2025/26", "not found", "E",
        "Reception cover, opening premises in the evening and on Saturday, rota management, "
        "hub telephony and the host's fee. Set so the service roughly breaks even, as a PCN "
        "running it at cost would."),
    "arrs_entitlement_per_weighted_patient_gbp": Source(
        "£/weighted patient/yr", "2025/26", "S30", "S",
        "The practice's share of the PCN's ARRS sum; unclaimed money is lost (S39)."),
    "employer_ni_rate": Source("share of pay above threshold", "2025/26", "S64, S65", "S", ""),
    "employer_ni_threshold_gbp": Source("£/employee/yr", "2025/26", "S64, S65", "S", ""),
    "employment_allowance_gbp": Source(
        "£/yr", "2025/26", "S117, S64", "S",
        "None: HMRC bars employers whose work is mainly public (GP services where NHS patients "
        "are the majority) from the £10,500 allowance; only a charity-run practice may claim."),
    "employer_pension_rate": Source(
        "share of pensionable pay", "2024/25-2025/26", "S66, S67", "S",
        "The practice's share of the 23.7% employer rate (9.4% is funded centrally), on staff "
        "pay and on partners' pensionable profits alike."),
    "partner_member_pension_rate": Source(
        "share of pensionable profit", "2025/26", "S119", "S",
        "Member rate for pensionable pay of £65,191 and above, where partners' NHS profits "
        "fall; PCSE deducts it monthly from the practice's payments."),
    "locum_session_rate_gbp": Source("£/session", "2024", "S56, S57", "D",
                                     "Median day rate £714 / 2 sessions."),
    "premises_cost_per_patient_gbp": Source(
        "£/patient/yr", "2024/25", "S17, S21", "E",
        "Rent and rates (reimbursed) plus service charges, utilities, cleaning, maintenance."),
    "it_and_running_costs_per_patient_gbp": Source(
        "£/patient/yr", "2024/25", "S68", "E",
        "Non-reimbursed IT, telephony, consumables, insurance; 3-6% of income with premises."),
    "indemnity_and_training_per_gp_fte_gbp": Source(
        "£/GP FTE/yr", "current", "not found", "E",
        "Defence body membership for non-NHS work, CPD and training costs."),
    "loan_interest_rate": Source("per year", "2025", "not found", "E", "A commercial loan."),
    "overdraft_interest_rate": Source("per year", "2025", "not found", "E", ""),
    "list_growth_annual": Source("per year", "2018-2024", "S74", "D",
                                 "Registered patients 59.3m to 63.7m over ~6.25 years."),
    "appointments_per_patient_year": Source("appointments/patient/yr", "2024", "S74, S86", "S",
                                            "Up from 5.0 in 2019."),
    "deprivation_demand_uplift": Source(
        "demand multiplier range across deprivation 0-1", "2021-2024", "S80, S82", "E",
        "+17% patients and +19% chronic conditions per GP in the most deprived areas."),
    "deprivation_needs_weighting": Source(
        "weighting range across deprivation 0-1", "2007", "S9", "S",
        "Carr-Hill additional-needs index inter-quartile range 0.91-1.10 (capped low: deprived "
        "practices get ~7% less per need-adjusted patient, S82)."),
    "seasonal_swing": Source("± share of mean demand", "multi-year", "S92, S83, S93", "S",
                             "August lowest; October-January highest; peak ~20% above trough."),
    "same_day_share_traditional": Source("share of appointments", "2024", "S84, S87", "S",
                                         "38-45% of appointments are booked on the day."),
    "working_days_per_month": Source(
        "days", "", "", "D", "252 working days / 12: the days the practice is open."),
    "gp_clinical_days_per_fte_month": Source(
        "days/GP FTE/month", "current", "S54, S55", "D",
        "A whole-time GP works 9 sessions (4.5 days) a week for 46 weeks: 4.5 x 46 / 12. "
        "Contacts per GP per day divide by the days GPs work, not the days the practice opens."),
    "base_routine_wait_days": Source(
        "days", "2024", "S84", "E", "Typical lead time for a routine booking with no backlog."),
    "backlog_abandon_share": Source(
        "share of unmet demand per month", "", "not found", "E",
        "Patients who give up, go elsewhere (111, A&E, pharmacy) or get better."),
    "dna_rebook_share": Source("share", "", "not found", "E", "Missed appointments rebooked."),
    "dna_same_day": Source("share", "2019", "S70, S90", "S", "DNA rate, same-day booking."),
    "dna_next_day": Source("share", "2019", "S70, S90", "S", "DNA rate, next-day booking."),
    "dna_within_week": Source("share", "2019", "S70, S90", "S", "Booked 2-7 days ahead."),
    "dna_over_week": Source("share", "2019", "S70, S90", "S", "Booked over a week ahead."),
    "safe_contacts_per_gp_day": Source("contacts/GP/day", "2023", "S81", "S",
                                       "BMA recommended safe limit."),
    "unsafe_contacts_per_gp_day": Source("contacts/GP/day", "2023", "S81", "S",
                                         "Upper bound of safe working."),
    "gp_admin_contact_ratio": Source(
        "contacts per appointment", "2024", "S124", "E",
        "Brief patient contacts outside booked appointments (a call about a result, a query), "
        "which the BMA asks practices to count; its limits count patient contacts in any mode, "
        "not letters, results or prescriptions handled without one."),
    "base_sickness_rate": Source("share of FTE absent", "", "not found", "E",
                                 "NHS staff sickness runs at 4-5%; practice staff a little less."),
    "burnout_build_rate": Source(
        "per month at full overload", "2017-2021", "S96-S99", "E",
        "Tuned so a team at the upper bound (35 contacts a day) burns out in about a year, and "
        "one at the national average (about 28 patient contacts a day worked, above the BMA "
        "limit, S124) does not: retuned when contacts began to count days worked."),
    "burnout_recovery_rate": Source("per month", "", "not found", "E", ""),
    "morale_adjust_rate": Source("share of the gap closed per month", "", "not found", "E", ""),
    "burnout_turnover_multiplier": Source(
        "extra turnover at full burnout", "2017-2021", "S96-S99", "E",
        "About a third of GPs intend to leave patient care within five years."),
    "person_adjust_rate": Source(
        "share of the gap closed per month", "", "not found", "E",
        "How fast a named person's morale follows their staff group's (shifted by their trust "
        "in the player) and their wellbeing follows what their group's burnout allows."),
    "person_trust_morale_weight": Source(
        "morale per unit of trust away from 0.5", "2019-2023", "S132, S133", "E",
        "Compassionate, trusted leadership is linked with staff engagement and intention to "
        "stay; a person who trusts the player fully settles 0.15 above their group's morale, "
        "one who does not trust them at all 0.15 below."),
    "person_low_trust_turnover_multiplier": Source(
        "extra turnover at no trust", "2019-2023", "S132, S133", "E",
        "How much a person's chance of resigning rises when they do not trust the player at "
        "all (none at a trust of 0.5 or above): poor relationships with managers are among "
        "the reasons NHS staff give for leaving."),
    "person_sick_leave_chance": Source(
        "chance per month at no wellbeing", "2023-2024", "S134", "E",
        "Chance a named person goes off sick in a month, rising from none at a wellbeing of "
        "0.4 to this at 0: anxiety, stress and depression are the most reported reason for "
        "NHS sickness absence."),
    "person_sick_leave_months": Source(
        "months", "2023-2024", "S134", "E",
        "How long a named person who goes off sick from strain is away (a long-term absence "
        "is four weeks or more)."),
    "person_sick_leave_recovery": Source(
        "wellbeing per month", "", "not found", "E",
        "How much a person's wellbeing recovers each month they are off sick."),
    "safety_incidents_per_1000_appointments": Source(
        "incidents/1,000 appointments", "2016", "S135", "E",
        "Patient safety incidents a practice should look into in a calm, well-staffed month: "
        "a small share of the 2-3 incidents per 100 consultations that record reviews find "
        "(most cause no harm and go unnoticed); about two a month for the default practice."),
    "safety_pressure_multiplier": Source(
        "extra incidents at the unsafe workload bound", "2016", "S136, S81", "E",
        "Workload past safe limits goes with more errors: twice the incidents when clinical "
        "staff work at the unsafe bound."),
    "safety_burnout_multiplier": Source(
        "extra incidents at full burnout", "2016", "S136", "E",
        "Burnout and poor wellbeing go with poorer patient safety in most studies reviewed."),
    "safety_skill_mix_multiplier": Source(
        "extra incidents with no supervision", "2025", "S131", "E",
        "ARRS staff, physician associates and registrars each need a named GP supervisor: "
        "half as many incidents again when none of the supervision they need can be given."),
    "safety_concern_multiplier": Source(
        "extra incidents per open concern", "2015", "S138", "E",
        "A concern about a colleague's practice or conduct left unaddressed: a quarter more "
        "incidents each, for up to three."),
    "safety_learning_effect": Source(
        "share of incidents prevented at full learning", "2008-2022", "S137", "E",
        "What a practice that reviews its incidents and acts on them prevents."),
    "safety_learning_per_review": Source(
        "learning per incident reviewed", "2008-2022", "S137", "E",
        "What one significant event analysis teaches (0-1); it fades by 8% a month."),
    "safety_routine_review_share": Source(
        "share of waiting incidents a month at full governance", "2008-2022", "S137", "E",
        "Incidents a practice reviews in its routine meetings without a significant event "
        "analysis, scaled by its governance."),
    "significant_event_analysis_cost_gbp": Source(
        "£/incident reviewed", "2025/26", "S137, S56", "E",
        "Gathering the facts and a team meeting: about a GP session at the locum rate plus "
        "nurse and manager time."),
    "complaints_per_safety_incident": Source(
        "complaints per incident", "2021/22", "S125, S135", "E",
        "Some incidents reach the patient or family and bring a written complaint."),
    "qof_base_achievement": Source("share of points", "historic", "S15, S16", "S",
                                   "National achievement 95-97%."),
    "satisfaction_baseline": Source("share rating overall experience good", "2024", "S106", "S",
                                    "GP Patient Survey 73.9% (75.4% in 2025)."),
    "satisfaction_adjust_rate": Source("share of the gap closed per month", "", "", "E", ""),
    "cqc_inspection_interval_months": Source(
        "months", "2017-2024", "S102-S105", "E",
        "Risk-based inspection: good practices rarely, concerns much sooner."),
    "cqc_complaints_trigger_per_1000": Source(
        "complaints in three months per 1,000 patients", "2021/22", "S125", "E",
        "CQC inspects on intelligence as well as on schedule: complaints in three months at "
        "about three times the national rate (1.8 a year per 1,000, so 0.45 in three months) "
        "raise a concern, 14 for a 10,000-patient list."),
    "cqc_intelligence_inspection_chance": Source(
        "chance per month", "current", "S127", "E",
        "Chance CQC inspects in a month in which complaints or a staffing collapse (too few "
        "clinical sessions, or too few staff to answer the phones) raise a concern."),
    "cqc_unsafe_staffing_rating_penalty": Source(
        "rating score", "current", "S127", "E",
        "How much a staffing collapse found at inspection lowers the rating score (safe "
        "staffing is part of the safe and well-led questions): about one rating band."),
    "cqc_special_measures_reinspection_months": Source(
        "months", "2014-2016", "S127", "S",
        "A practice rated inadequate is placed in special measures and re-inspected after "
        "about six months; still inadequate, CQC moves to cancel its registration."),
    "cqc_requires_improvement_reinspection_months": Source(
        "months", "current", "S127", "E",
        "Follow-up inspection of a practice rated requires improvement."),
    "cqc_action_plan_cost_gbp": Source(
        "£ once", "current", "not found", "E",
        "Requires improvement: the action plan CQC asks for (partner and manager time, "
        "policies, audits, training, outside advice)."),
    "cqc_action_plan_cost_gbp_month": Source(
        "£/month", "current", "not found", "E",
        "Governance work on the action plan each month until CQC re-inspects."),
    "cqc_special_measures_cost_gbp": Source(
        "£ once", "2014-2016", "S127", "E",
        "Inadequate: entering special measures (improvement adviser, legal advice, "
        "remedial work); the RCGP support programme offered up to £10,000 a practice."),
    "cqc_special_measures_cost_gbp_month": Source(
        "£/month", "current", "not found", "E",
        "Special measures each month until CQC re-inspects: management and partner time, "
        "locum cover for it, monitoring by CQC and the ICB."),
    "list_turnover_annual": Source(
        "share of the list a year", "current", "not found", "E",
        "Patients who leave a list each year for reasons other than access (moves, deaths); "
        "as many join, plus the list's growth."),
    "access_wait_tolerated_days": Source(
        "days", "2022", "S128", "E",
        "The routine wait beyond which patients start to register elsewhere: the two weeks "
        "the government's 2022 plan for patients set as the expectation for anyone who needs "
        "a GP practice appointment."),
    "access_leaving_share_month": Source(
        "share of the list a month", "current", "not found", "E",
        "Patients who register elsewhere each month at an access shortfall of 1 (about a "
        "six-week routine wait): 0.4% a month, a twentieth of a list in a year. Few patients "
        "change practice (choice is limited by catchment areas), so it is a slow loss."),
    "access_joining_loss_share": Source(
        "share of joiners", "current", "not found", "E",
        "Share of would-be joiners who choose another practice at an access shortfall of 1."),
    "complaints_per_1000_patients_year": Source(
        "written complaints/1,000 patients/yr", "2021/22", "S125", "D",
        "99,500 written complaints to GP practices in England in 2021/22 from 87% of "
        "practices responding, over about 61.5m registered patients: 1.6 a year per 1,000 as "
        "reported, 1.8 allowing for the practices that did not respond."),
    "complaints_access_multiplier": Source(
        "extra complaints at shortfall 1", "current", "not found", "E",
        "Complaints rise with waits and unmet demand: five times the usual rate at about a "
        "six-week wait."),
    "complaints_staffing_multiplier": Source(
        "extra complaints at full understaffing", "current", "not found", "E",
        "Complaints about phones, reception and continuity rise when the practice is "
        "understaffed."),
    "contract_wait_limit_days": Source(
        "days", "current", "S126", "E",
        "A routine wait the ICB treats as failing to provide essential services: twice the "
        "two-week expectation (S128)."),
    "contract_unmet_limit_share": Source(
        "share of requests", "current", "S126", "E",
        "Requests given up (patients sent to 111, A&E or nowhere) beyond which the ICB "
        "treats the practice as not meeting reasonable need."),
    "contract_min_clinical_sessions_per_1000_week": Source(
        "clinical sessions/1,000 patients/week", "current", "S126", "E",
        "Sessions by every clinician who sees patients, locums included; the default "
        "practice has about 13. Below this the practice cannot provide essential services."),
    "contract_min_reception_share": Source(
        "share of the reception and admin staff the list needs", "current", "S126", "E",
        "Below about a third, the practice cannot answer patients in core hours, a core "
        "contractual duty."),
    "contract_failing_months_before_notice": Source(
        "months", "current", "S126", "E",
        "Consecutive failing months before the ICB issues a remedial notice."),
    "contract_notice_months": Source(
        "months", "2015", "S126", "E",
        "The notice period of a remedial or breach notice: at least 28 days under the "
        "regulations; ICBs commonly allow one to three months."),
    "pcn_relationship_drift": Source("per month", "", "", "E",
                                     "How fast relations drift back towards neutral."),
}
