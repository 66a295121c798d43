"""Calibration: the default practice against published figures, and ``docs/calibration.md``.

``default_year()`` plays the default practice (about 10,000 patients, national-average mix)
for twelve months with no decisions and measures it the way the published figures are measured.
``TARGETS`` are those figures. ``markdown()`` writes the calibration document from the
parameters' own source records, so the document cannot drift from the code:
``python -m game.calibration > docs/calibration.md``.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np

from .model import SOURCES, Params, PracticeProfile, advance, start_state
from .model.noise import MODEL_STREAMS, draw_streams
from .model.roles import ROLES


@dataclass(frozen=True)
class Target:
    label: str
    value: float
    unit: str
    source: str
    definition: str


TARGETS: dict[str, Target] = {
    "income_per_patient_gbp": Target(
        "Practice income per patient a year, excluding ARRS and enhanced access", 170.0, "£",
        "reference §2: £165-175 per patient (2025/26), consistent with £164-177 (2022/23)",
        "All practice income (NHS and private) per registered patient, less ARRS "
        "reimbursement and the enhanced access payment, which pay for their own staff."),
    "expenses_ratio": Target(
        "Expenses as a share of gross income", 0.70, "share", "S48: 69.7% (2019/20), rising",
        "NHS Digital's expenses-to-earnings ratio: expenses over gross earnings, both without "
        "the employer's superannuation on partners' own profits (S116)."),
    "profit_per_partner_gbp": Target(
        "Partner profit a year", 140_200.0, "£",
        "S46: £140,200 contractor GP income, 2022/23",
        "NHS Digital's income before tax per contractor GP (headcount): NHS and private "
        "earnings less expenses and less the employer's superannuation on the GP's own "
        "profits, before the GP's member contributions and income tax (S116)."),
    "appointments_per_patient": Target(
        "Appointments per patient a year", 5.8, "appointments", "S74: 5.8 in 2024",
        "Appointments booked with any practice clinician, missed ones included, per "
        "registered patient (Appointments in General Practice, without Covid vaccinations)."),
    "gp_share": Target(
        "Share of appointments with GPs", 0.425, "share",
        "S87, S83: 45% (April 2024), 40.1% (October 2024)",
        "Appointments booked with GPs of any kind (partners, salaried, registrars, locums) "
        "over all booked appointments."),
    "dna_rate": Target("Appointments missed (DNA)", 0.05, "share", "S70: about 5%",
                       "Booked appointments the patient did not attend, over all booked."),
    "patients_per_gp_fte": Target(
        "Patients per GP FTE", 2_200.0, "patients", "S80, S81, S72: 2,085-2,337",
        "Registered patients per fully qualified GP FTE (partners, salaried and ARRS GPs; "
        "registrars and locums not counted)."),
    "complaints_per_1000": Target(
        "Formal complaints per 1,000 patients a year", 1.8, "complaints",
        "S125: 99,500 written complaints to GP practices, 2021/22 (87% responding)",
        "Written complaints made by or for patients to the practice (NHS Digital's KO41b "
        "count), per 1,000 registered patients, allowing for practices that did not respond."),
}


def default_year(seed: int = 1, runs: int = 200) -> dict[str, float]:
    """The default practice left alone for a year, averaged over ``runs`` seeded runs."""
    params = Params()
    state = start_state(PracticeProfile(), params, runs)
    noise = draw_streams(seed, list(range(runs)), 12, MODEL_STREAMS)
    totals: dict[str, np.ndarray] = {}
    for month in range(12):
        state, record = advance(state, params, noise[:, month])
        for name in ("income_gbp", "expenses_gbp", "income_arrs_reimbursement_gbp",
                     "expense_partner_pension_gbp", "appointments_offered", "gp_appointments",
                     "patients", "partners", "gp_fte", "complaints"):
            totals[name] = totals.get(name, 0.0) + record[name]
        totals["dna"] = totals.get("dna", 0.0) + record["dna_rate"] * record["appointments_offered"]
    patients = totals["patients"] / 12.0
    ea = params.pcn_enhanced_access_per_patient_gbp * patients * state.enhanced_access
    core_income = totals["income_gbp"] - totals["income_arrs_reimbursement_gbp"] - ea
    profit = totals["income_gbp"] - totals["expenses_gbp"]
    # NHS Digital takes the employer's superannuation on partners' own profits out of gross
    # earnings rather than counting it as an expense (S116): the ratio leaves it out of both.
    own_super = totals["expense_partner_pension_gbp"]
    figures = {
        "income_per_patient_gbp": core_income / patients,
        "expenses_ratio": (totals["expenses_gbp"] - own_super)
        / (totals["income_gbp"] - own_super),
        "profit_per_partner_gbp": profit / (totals["partners"] / 12.0),
        "appointments_per_patient": totals["appointments_offered"] / patients,
        "gp_share": totals["gp_appointments"] / totals["appointments_offered"],
        "dna_rate": totals["dna"] / totals["appointments_offered"],
        "patients_per_gp_fte": patients / (totals["gp_fte"] / 12.0),
        "complaints_per_1000": totals["complaints"] / (patients / 1000.0),
    }
    return {k: float(np.mean(v)) for k, v in figures.items()}


def _fmt(value: float, unit: str) -> str:
    if unit == "share":
        return f"{value:.1%}"
    if unit == "£":
        return f"£{value:,.2f}" if value < 1000 else f"£{value:,.0f}"
    return f"{value:,.2f}" if value < 100 else f"{value:,.0f}"


def markdown() -> str:
    """The text of docs/calibration.md."""
    params = Params()
    figures = default_year()
    out = [
        "# Calibration",
        "",
        "Generated by `python -m game.calibration > docs/calibration.md` from the model's own",
        "parameter and source records (`game/model/params.py`, `game/model/roles.py`); a test",
        "checks that this file is current. Source codes S1-S115 are those of the project's",
        "economics reference; S116-S124 were added with the 2025/26 corrections, S125-S128",
        "with the service obligations (the list, complaints, CQC and the ICB's contract",
        "management), S129-S131 with notice, redundancy, rooms and supervision, and",
        "S132-S138 with named people and patient safety. The list is at the end.",
        "",
        "Basis: **S** stated in the source; **D** derived by arithmetic from stated figures;",
        "**E** an estimate or modelling assumption, a tunable default rather than a citation.",
        "",
        "## The default practice against published figures",
        "",
        "About 10,000 patients with England's age mix, five partners at seven sessions, one",
        "salaried GP, nurses, HCAs, a PCN-shared ARRS team and 20 locum sessions a month, left",
        "alone for twelve months from April (mean of 200 seeded runs). The test",
        "`tests/test_calibration.py` requires each figure within ±15% of its target. Each",
        "figure is measured in the model the way its source measures it (the last column).",
        "",
        "| Figure | Model | Published | Source | Definition (like for like) |",
        "|---|---|---|---|---|",
    ]
    for key, target in TARGETS.items():
        out.append(f"| {target.label} | {_fmt(figures[key], target.unit)} | "
                   f"{_fmt(target.value, target.unit)} | {target.source} | "
                   f"{target.definition} |")
    out += ["", "## Parameters", "", "| Parameter | Value | Unit | Year | Source | Basis | Note |",
            "|---|---|---|---|---|---|---|"]
    for f in fields(params):
        src = SOURCES[f.name]
        out.append(f"| `{f.name}` | {getattr(params, f.name):g} | {src.unit} | {src.year} | "
                   f"{src.source} | {src.basis} | {src.note} |")
    out += ["", "## Staff roles", "",
            "Salaries are per whole-time equivalent before on-costs (employer NI at 15% above",
            "£5,000, with no Employment Allowance, and the practice's 14.38% pension share are",
            "added by the model). ARRS caps are the 2025/26 maximum reimbursement amounts and",
            "include on-costs; where a role's 2025/26 amount was not found it is derived from its",
            "2023/24 amount (S40) with the October 2024 uplift (x1.0567, from the band 5 amounts",
            "£40,159 to £42,437, S40, S41) and the 2025/26 step (x1.0216, band 5 £42,437 to",
            "£43,352, S41, S30). Appointments per FTE-month are estimates [E] set so that the",
            "default practice meets the appointment figures above.", "",
            "| Role | Salary (£/FTE/yr) | ARRS cap (£) | Appointments per FTE-month | "
            "Hours per head (FTE) | Source |", "|---|---|---|---|---|---|"]
    for role in ROLES:
        out.append(f"| {role.label} | {role.salary_gbp:,.0f} | "
                   f"{role.arrs_cap_gbp:,.0f} | {role.appointments_per_fte_month:g} | "
                   f"{role.fte_per_head:g} | {ROLE_SOURCES.get(role.key, '')} |")
    out += ["", SOURCE_LIST]
    return "\n".join(out) + "\n"


ROLE_SOURCES = {
    "partner": "Income is profit (S46); 7 sessions (S79, S80) [E]; hard to recruit [E]",
    "salaried_gp": "DDRB range midpoint 2025/26 (S51, S52) [D]; posts fill readily in 2025: "
    "GPs report too few jobs (S120) [E]",
    "gp_registrar": "Salary reimbursed by NHS England; half a GP's list of appointments [E]",
    "practice_nurse": "GPN average pay (S59) [S]",
    "hca": "AfC band 3 entry 2025/26, £24,937 (S58) [S], above the National Living Wage "
    "(£12.21/h, about £23,900 a year, S62) [D]",
    "clinical_pharmacist": "ARRS £65,838 from October 2024 (S41) x 1.0216 [D]; pay Band 7-8a "
    "(S58) [E]",
    "physiotherapist": "Same amount as the pharmacist in 2023/24 (S40), so £67,257 [D]; pay "
    "Band 7 (S58) [E]",
    "paramedic": "Band 7 amount as the physiotherapist [D/E]; pay Band 7 [E]",
    "social_prescriber": "Band 5 amount, as the new-to-practice nurse 2025/26 (S30) [D]; pay "
    "Band 5 [E]",
    "care_coordinator": "£33,396 (S40) x 1.0567 x 1.0216 [D]; pay Band 4 [E]",
    "mental_health_practitioner": "Band 6 amount, as the experienced practice nurse 2025/26 "
    "(S30) [D]; pay Band 6-7 [E]",
    "physician_associate": "Band 7 amount as the physiotherapist [D]; pay Band 7 [E]; no "
    "undifferentiated patients after the Leng review (S122): long-term conditions only",
    "practice_manager": "Full-time average (S61) [S]",
    "reception_admin": "NLW / AfC Band 2 proxy (S62, S58) [E]",
    "arrs_gp": "GPs within two years of CCT, in the ARRS from 2024/25 (S123): salary £82,418, "
    "cap £105,882 with on-costs, 2025/26 (S42) [S]; many seek posts (S120) [E]",
    "arrs_practice_nurse": "Practice nurses in the ARRS from 2025/26 (S123): experienced "
    "band 6 cap £53,319 (S30) [S]; pay AfC band 6 entry £38,682 (S58) [S]",
}

SOURCE_LIST = """## Sources

- S1 Primary Care IT, GP Contract 2024/25 overview
- S2 Pulse, headlines from the 2025/26 contract agreement; PCIT, what the 2025/26 contract means
- S6 Surrey & Sussex LMCs, GP contract 2025/26 guidance
- S7 Management in Practice, practice income calculator for 2025/26 (NHS England ready reckoner)
- S9 BMC Health Services Research 2010, primary care capitation payments in the UK, table 1
- S12 Pulse, QOF retired to fund Global Sum and immunisation fees (2025)
- S14 Insight Solutions, QOF income 2025/26 (82% of points prevalence-weighted)
- S15, S16 QOF achievement reports (2008; 2016/17)
- S17 NHS payments to general practice 2022/23 summary
- S19 HSCIC, NHS payments to general practice (2013/14 data)
- S21 Notional rent and the 2024 Premises Costs Directions (MiP; surveyors' and lawyers' notes)
- S24, S25 A practice fee list (2018); BMA fees guidance
- S28-S30 PCN DES entitlements 2024/25 and 2025/26 (Doncaster LMC; Pulse; MiP)
- S32 Humberside LMC, Network Contract DES 2025/26
- S39 Pulse PCN, unclaimed ARRS funding will not be available to PCNs
- S40, S41, S43 ARRS maximum reimbursement amounts and role list (The Pharmacist; Arjus)
- S46 NHS Digital, GP Earnings and Expenses Estimates 2022/23
- S48 NHS Digital, GP Earnings and Expenses Estimates 2019/20, table 1.1
- S51, S52 BMA salaried GP pay ranges; the 2025/26 4% uplift
- S54, S55 BMA on the GP session; BMJ 2024;386:q1904
- S56, S57 Locum day rates (MiP 2024; Pulse 2023)
- S58 NHS pay bands 2025/26 (Agenda for Change)
- S59 Nursing in Practice, practice nurse pay survey (2025)
- S61 Management in Practice, practice manager salary survey (2024)
- S62 April 2025 employer changes (National Living Wage)
- S64, S65 Employer National Insurance from April 2025
- S66, S67 NHS Pension employer contributions from April 2024
- S68 NHS England, GP IT funding guidance 2024/25
- S70, S90 NHS England DNA analysis (Pulse, 2019); next-day appointments and DNA (GPonline)
- S72 BMA press release, 28 July 2022
- S74 Institute for Government, Performance Tracker: general practice (2025)
- S79, S80 Trends in full-time working in general practice (BJGP 2024); Parisi et al. 2024
- S81 BMA safe working guidance, via Sky News analysis (2023)
- S82 RCGP surveys page (Health Foundation, deprivation)
- S83, S84, S87 Appointment data 2024 (Practice Nurse; NHS England; RCGP)
- S86 Hobbs et al., Lancet 2016 (consultation rates by age)
- S89 Institute for Government, general practice across England
- S92, S93 Seasonal pattern of contact rates; record appointment months
- S96-S99 National GP Worklife Surveys (PRUComm, 2017-2021)
- S102-S105 CQC ratings of GP practices (2016/17 State of Care and end of first round)
- S106 GP Patient Survey 2024 summaries
- S116 NHS Digital, GP Earnings and Expenses 2005/06 and 2006/07 reports (contractor earnings
  exclude an estimate of employer's superannuation contributions); 2017/18 and 2019/20
  reports (HMRC self-assessment data adjusted for individuals' pension contributions)
- S117 HMRC, Eligibility for Employment Allowance: further employer guidance (updated
  February 2023) and National Insurance Manual NIM06530 (GP services a public function)
- S118 NB Medical, QOF 2024/25 summary of NHS England's contract arrangements (February 2024):
  aspiration payments raised from 70% to 80%
- S119 NHSBSA, member contributions from 1 April 2025 (tiers on actual pensionable pay)
- S120 BMA letter to the Secretary of State on GP unemployment (May 2025); BMA survey, 56% of
  GPs wanting more NHS work unable to find it (Open Access Government, 2025)
- S121 GPonline, enhanced access from October 2022: 60 minutes per 1,000 adjusted patients a
  week in network standard hours, by a multidisciplinary team that includes GPs
- S122 The Leng review of physician associates (2025), via Pulse and the BMJ
- S123 Nursing in Practice, practice nurses and recently qualified GPs in the ARRS (2025)
- S124 BMA, Safe working in general practice: daily working contacts (updated September 2024)
- S125 NHS Digital, Data on Written Complaints in the NHS 2021-22: 99,500 written complaints
  to GP practices (via the Shields Gazette, December 2022), 87% of GP practices responding
  (NHS Digital, the publication's introduction)
- S126 The National Health Service (General Medical Services Contracts) Regulations 2015
  (SI 2015/1862), Schedule 3, Part 8, termination by the Board: remedial notices (a notice
  period of at least 28 days) and breach notices, and termination after a notice is not
  remedied or a breach is repeated; Hempsons, "Act fast if you receive a remedial or breach
  notice" (2024)
- S127 CQC special measures for GP practices: re-inspection after about six months, then
  cancellation of registration if still inadequate (Pulse 2014; GPonline 2015); HSJ analysis
  of re-inspections and the RCGP support programme (up to £10,000 a practice)
- S128 Department of Health and Social Care, Our plan for patients (September 2022): anyone
  who needs a GP practice appointment to be seen within two weeks (via The Times)
- S129 GOV.UK, Redundancy pay: weekly pay capped at £719 from 6 April 2025 (Employment Rights
  (Increase of Limits) Order 2025); Employment Rights Act 1996 ss. 86 and 162 (notice, the
  statutory formula)
- S130 NHS England, Premises Policy Review and the Primary Care Networks' estates toolkit
  (2024): consulting and treatment rooms as the limit on ARRS recruitment
- S131 NHS England, Network Contract DES specification 2025/26, Annex B: each ARRS role has a
  named GP supervisor and regular supervision; GP registrars need an approved GP trainer
- S132 West M, Coia D, Caring for doctors, caring for patients (General Medical Council, 2019):
  compassionate leadership, belonging and trust in leaders as conditions of doctors' wellbeing
  and of their staying
- S133 NHS England, NHS Staff Survey national results 2023: support from the immediate manager
  and feeling valued against thinking of leaving the organisation
- S134 NHS England Digital, NHS Sickness Absence Rates (monthly, 2023-2024): anxiety, stress,
  depression and other psychiatric illnesses are the most reported reason, about a quarter of
  the full-time-equivalent days lost
- S135 Panesar SS and others, How safe is primary care? A systematic review, BMJ Quality and
  Safety 25 (2016) 544-553: patient safety incidents in about 2-3 in every 100 consultations,
  about 4% of them with severe harm
- S136 Hall LH and others, Healthcare staff wellbeing, burnout, and patient safety: a systematic
  review, PLoS One 11 (2016) e0159015: poor wellbeing and burnout go with poorer safety
- S137 National Patient Safety Agency, Significant event audit: guidance for primary care teams
  (2008), and NHS England, Patient Safety Incident Response Framework (2022): structured review
  of incidents, learning shared with the team
- S138 Francis R, Freedom to Speak Up (2015): staff who raise concerns, how they are treated, and
  what an unheard concern costs patients"""


if __name__ == "__main__":
    print(markdown(), end="")
