"""A new scenario file: commented so an author can learn the format from it, valid as it stands.

``new_scenario_text(id, target, template)`` writes one of ``TEMPLATES``: ``standard`` (a
practice, a rota gap and a tired partner) or ``people`` (named members of staff, a one-to-one
conversation with one of them, and effects on a person's trust, sick leave and notice);
``from_scenario_text(id, text, target)`` copies an existing scenario under a new id. Both start
with the ``# yaml-language-server: $schema=...`` line that makes VS Code (with the YAML
extension) and other editors autocomplete and check the file against the scenario
format's JSON Schema.

That line is always a path relative to the scenario, never an address inside one person's
clone, so a scenario can be shared. ``schema_for(target)`` says where the schema is: inside a
checkout of Partnership, the project's ``docs/scenario.schema.json``; anywhere else,
``scenario.schema.json`` beside the scenario, which ``partnership new`` writes there (and
``partnership schema -o scenario.schema.json`` writes again in any folder a scenario is copied
to).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

SCHEMA_NAME = "scenario.schema.json"
_SCHEMA_LINE = re.compile(r"^#\s*yaml-language-server:.*\n", re.MULTILINE)
_ID_LINE = re.compile(r"^id:.*$", re.MULTILINE)


def schema_for(target: Path) -> Path:
    """The schema file a scenario written at ``target`` should point at.

    A folder is a checkout of Partnership when it holds ``scenarios/`` and
    ``docs/scenario.schema.json``; a scenario anywhere inside one points at that schema, as the
    bundled scenarios do. Elsewhere the schema belongs beside the scenario.
    """
    folder = target.resolve().parent
    for parent in (folder, *folder.parents):
        project_schema = parent / "docs" / SCHEMA_NAME
        if project_schema.is_file() and (parent / "scenarios").is_dir():
            return project_schema
    return folder / SCHEMA_NAME


def schema_line(target: Path) -> str:
    """The editor's schema comment, pointing at ``schema_for(target)`` relative to its folder."""
    where = os.path.relpath(schema_for(target), target.resolve().parent)
    return f"# yaml-language-server: $schema={Path(where).as_posix()}\n"


def from_scenario_text(new_id: str, text: str, target: Path) -> str:
    """``text`` (a scenario file) with its id replaced and the schema line at the top."""
    text = _SCHEMA_LINE.sub("", text, count=1)
    if _ID_LINE.search(text):
        text = _ID_LINE.sub(f"id: {new_id}", text, count=1)
    else:
        text = f"id: {new_id}\n" + text
    return schema_line(target) + text


def new_scenario_text(new_id: str, target: Path, template: str = "standard") -> str:
    """The template ``template`` (a key of ``TEMPLATES``) for a scenario ``new_id``."""
    title = new_id.replace("-", " ").replace("_", " ").capitalize()
    text = TEMPLATES[template].replace("NEW_ID", new_id).replace("NEW_TITLE", title)
    return schema_line(target) + text


TEMPLATE = """\
# A Partnership scenario. Lines starting with # are comments: the game ignores them.
# Check it with:    partnership validate THIS_FILE
# Play it with:     partnership play THIS_FILE      (or headless: partnership run THIS_FILE)
# Test its balance: partnership balance THIS_FILE
# docs/authoring.md explains every field, condition and effect. With the schema line above,
# VS Code (YAML extension) completes field names and shows their help as you type. Moved the
# file? Write the schema beside it (partnership schema -o scenario.schema.json) and point the
# schema line at it: $schema=scenario.schema.json

id: NEW_ID                 # lower case, digits and dashes; used on the command line
title: NEW_TITLE
summary: >-
  One paragraph for the scenario chooser: who the player is, and what is at stake.
difficulty: introductory   # introductory, intermediate or advanced
length_months: 12          # 3 to 36 months
start_month: 4             # calendar month of the first turn: 4 = April

learning_objectives:       # at least one: what a trainee should learn
  - text: Read the practice's accounts and explain where the money goes.
    leadership: [evaluating_information]
    rcgp: [working_well_in_organisations_and_systems_of_care]

briefing: |
  What the player reads before the first month: the practice, its people, its problem, and
  what the partners expect. Goals are listed under it with how each is judged.

goals:                     # each goal's text should state the figure it is judged on
  - id: stay-solvent
    text: Finish the year with cash above £0.
    metric: cash_gbp       # any month record field, e.g. wait_days, staff_wellbeing
    at_least: 0            # or at_most
    judged: end            # end, every_month or average
    pillar: finance        # finance, access, quality, team, system or equity

practice:                  # leave anything out to get the national-average default
  name: Riverside Surgery
  list_size: 9000
  deprivation: 0.5         # 0 least to 1 most deprived
  cash_gbp: 40000
  drawings_per_partner_month_gbp: 11000

events:
  - id: rota-gap
    title: A gap in the rota
    briefing: |
      A salaried GP is going on maternity leave next month. Her six sessions a week need
      covering.
    trigger: {month: 2}    # or months: [2, 5], and/or when: [conditions], probability: 0.5
    choices:               # two to four
      - id: locums
        label: Book locums for the sessions
        effects:
          - locum_sessions: {delta: 24}
        leadership: {leading_with_care: 1}
        feedback: Cover is safe, but locums cost more than the GP they replace.
      - id: share-out
        label: Share the sessions among the partners
        effects:
          - burnout: {group: gp, delta: 0.08}
          - set_flag: {name: partners-stretched}
        leadership: {leading_with_care: -1, holding_to_account: 1}
        feedback: Cheaper now, but tired partners make mistakes and think about leaving.
    if_no_decision:        # what happens if nobody decides by the end of the month
      summary: Nobody arranges cover, so the sessions go unfilled.
      effects:
        - satisfaction: {delta: -0.02}
        - burnout: {group: gp, delta: 0.04}
      leadership: {leading_with_care: -1}
      feedback: With no cover arranged, patients waited longer and the partners absorbed the gap.

  - id: partner-tired
    title: A partner is tired
    briefing: |
      One of the partners asks to drop a session: covering the rota has worn her down.
    trigger:
      months: [4, 8]
      when:
        - flag_set: {name: partners-stretched}   # only if the partners took on the sessions
    choices:
      - id: agree
        label: Agree, and book a locum for the session
        effects:
          - locum_sessions: {delta: 4}
          - burnout: {group: gp, delta: -0.06}
        leadership: {leading_with_care: 2}
        feedback: Listening early kept a partner and cost a session of locum cover.
      - id: refuse
        label: Ask her to hold on until the summer
        effects:
          - morale: {group: gp, delta: -0.08}
          - staff_leave: {role: partner, count: 1}
            after_months: 3                        # an effect can wait some months
        leadership: {leading_with_care: -2}
        feedback: She resigned three months later; the gap is now permanent.
    if_no_decision:
      summary: Her request goes unanswered.
      effects:
        - morale: {group: gp, delta: -0.05}
      leadership: {leading_with_care: -2}
      feedback: Leaving a tired colleague unanswered told her what the practice thought of her.

end_conditions:            # optional: when the scenario stops early
  - id: insolvent
    title: The practice cannot pay its bills
    message: Cash has passed the overdraft limit and the bank has frozen the account.
    when: [{cash_below_overdraft: true}]

reflection_questions:
  - What did covering the rota cost, and who paid it?
"""


PEOPLE_TEMPLATE = TEMPLATE.split("id: NEW_ID", 1)[0] + """\
# This starting file is about people: members of staff named under `people`, a one-to-one
# conversation with one of them (an event with `person:` shows their portrait), and effects on
# a person's trust, wellbeing, sick leave and notice. The Team view lists each named person.

id: NEW_ID
title: NEW_TITLE
summary: >-
  One paragraph for the scenario chooser: who the player is, which people matter, and what is
  at stake for them and for the patients.
difficulty: intermediate
length_months: 12
start_month: 4

learning_objectives:
  - text: Listen to a colleague who raises a concern, and act on it fairly.
    leadership: [leading_with_care, holding_to_account]
    rcgp: [knowing_yourself_and_relating_to_others]

briefing: |
  What the player reads before the first month: the practice, the people named below, and
  what the partners expect.

goals:
  - id: team-wellbeing
    text: End the year with team wellbeing of at least 0.5.
    metric: staff_wellbeing
    at_least: 0.5
    judged: end
    pillar: team
  - id: stay-solvent
    text: Finish the year with cash above £0.
    metric: cash_gbp
    at_least: 0
    judged: end
    pillar: finance

practice:
  name: Riverside Surgery
  list_size: 9000
  cash_gbp: 40000
  staff:                   # a named person is one of their role's heads, not an extra
    partner: 4
    salaried_gp: 1
    practice_nurse: 3
    hca: 2
    practice_manager: 1
    reception_admin: 10

people:                    # named members of staff; conditions and effects name them by id
  - id: lead-nurse
    name: Sister Patel     # how the game names them
    role: practice_nurse   # one of practice.staff's roles
    fte: 0.8               # whole-time equivalent
    trust: 0.6             # trust in the player, 0-1; morale and wellbeing are set the same way
    about: Lead nurse for long-term conditions; runs the diabetes clinics.
    portrait: portrait-01  # portrait-01 to portrait-10, or a PNG beside the scenario
  - id: manager
    name: Mr Evans
    role: practice_manager
    fte: 1.0
    wellbeing: 0.6
    about: Practice manager for eight years.
    portrait: portrait-03

events:
  - id: nurse-worried
    title: Sister Patel asks for a word
    person: lead-nurse      # a one-to-one: the card shows her portrait and name
    briefing: |
      Sister Patel asks to see you alone. The diabetes clinics are overbooked, she has missed
      two breaks this week, and she is worried that something will be missed.
    trigger: {month: 2}
    choices:
      - id: listen
        label: Listen, and give her an admin session a week for the clinics
        effects:
          - person_trust: {person: lead-nurse, delta: 0.15}
          - person_wellbeing: {person: lead-nurse, delta: 0.1}
          - raise_concern: {by: lead-nurse}    # she spoke up; counted for the Team view
          - cash: -1200
        leadership: {leading_with_care: 2}
        feedback: She felt heard, and the clinics run to time again.
      - id: later
        label: Thank her and say it will be looked at after the audit
        effects:
          - person_trust: {person: lead-nurse, delta: -0.15}
          - person_wellbeing: {person: lead-nurse, delta: -0.1}
        leadership: {leading_with_care: -1}
        feedback: She heard that the audit matters more than she does.
    if_no_decision:
      summary: Nobody finds time to see her.
      effects:
        - person_trust: {person: lead-nurse, delta: -0.2}
      leadership: {leading_with_care: -2}
      feedback: Not being seen was an answer too.

  - id: nurse-off-sick
    title: Sister Patel is off sick
    person: lead-nurse
    briefing: |
      Sister Patel has phoned in sick with stress. Her clinics this week are full.
    trigger:
      months: [3, 10]
      when:                  # every condition must hold
        - person_trust_below: {person: lead-nurse, value: 0.5}
        - person_present: lead-nurse
    choices:
      - id: support
        label: Refer her to occupational health and keep in touch kindly
        effects:
          - start_sick_leave: {person: lead-nurse, months: 1}
          - person_trust: {person: lead-nurse, delta: 0.1}
          - locum_sessions: {delta: 4}
        leadership: {leading_with_care: 2}
        feedback: A month away with support; she comes back to a plan.
      - id: press
        label: Ask her to come back as soon as she can
        effects:
          - start_sick_leave: {person: lead-nurse, months: 2}
          - person_trust: {person: lead-nurse, delta: -0.15}
          - give_notice: lead-nurse
            after_months: 2                    # she resigns two months later
        leadership: {leading_with_care: -2}
        feedback: She was away longer than she need have been, and then she resigned.
    if_no_decision:
      summary: Her absence is not followed up.
      effects:
        - start_sick_leave: {person: lead-nurse, months: 2}
      leadership: {leading_with_care: -1}
      feedback: Two months away with no contact from the practice.

end_conditions:
  - id: insolvent
    title: The practice cannot pay its bills
    message: Cash has passed the overdraft limit and the bank has frozen the account.
    when: [{cash_below_overdraft: true}]

reflection_questions:
  - What did Sister Patel need from you the first time she asked, and what did it cost?
"""

#: The starting files ``partnership new --template NAME`` offers.
TEMPLATES = {"standard": TEMPLATE, "people": PEOPLE_TEMPLATE}
