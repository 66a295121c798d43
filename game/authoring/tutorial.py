"""The tutorial half of ``docs/authoring.md`` (the reference half is generated)."""

TUTORIAL = """
This guide takes you from nothing to a scenario you can play, check and balance. You need no
programming: a scenario is one text file in YAML, a format of `name: value` lines where
indentation (two spaces, never tabs) shows what belongs to what.

## 1. Start a file

```
partnership new winter-crisis
```

writes `winter-crisis.yaml`: a short scenario that works as it stands, with comments (lines
starting `#`) explaining each part, and beside it `scenario.schema.json`, the format's JSON
Schema for editors. To start from a scenario you like instead:

```
partnership new winter-crisis --from first-year
```

For a story about people, `partnership new nurse-case --template people` starts instead from
named members of staff, a one-to-one conversation with one of them, and effects on a person's
trust, wellbeing, sick leave and notice (see *Named people* below).

Open the file in an editor. In VS Code with the *YAML* extension (Red Hat), the first line,
`# yaml-language-server: $schema=...`, switches on completion of field names, hover help on
every field, and red underlines on mistakes as you type.
It names the schema by a path relative to the scenario (`scenario.schema.json` beside it; in a
checkout of Partnership, the project's `docs/scenario.schema.json`), so a scenario shared
with its schema works on any machine. In a folder without one, write it with
`partnership schema -o scenario.schema.json`. The game itself needs no schema:
`partnership validate` checks a scenario wherever it is.

## 2. Play it straight away

```
partnership validate winter-crisis.yaml
partnership play winter-crisis.yaml         # the game
partnership run winter-crisis.yaml          # a headless year, month by month
```

Validate after every few edits. Every message names the file, line and column, and says what
to do; `error` lines must be fixed before the scenario loads, `warning` lines are things that
load but are probably not what you meant (add `--strict` to treat them as errors).

## 3. Describe the situation

Fill in `title`, `summary` (the chooser's paragraph), `briefing` (what the player reads before
the first month), `length_months` and at least one of `learning_objectives`. Under `practice`
describe the practice at the start; anything left out takes the national-average default
(see the fields reference below: `list_size`, `staff`, `cash_gbp`,
`drawings_per_partner_month_gbp`, `morale` ...).

## 4. Set goals

Each goal judges one monthly figure (`metric`, from the month record fields below) against
`at_least` or `at_most`, on the last month (`judged: end`), every month (`every_month`) or on
average (`average`), and belongs to one outcome `pillar`. The briefing lists each goal's `text`,
so put the figure in it: "Keep the routine wait to 12 days or less on average" for
`metric: wait_days, at_most: 12, judged: average`.

## 5. Write events

An event is a card the player must answer. It has a `trigger` (when), a `briefing` (what has
happened) and two to four `choices`. The trigger can be:

- a month: `trigger: {month: 3}`, or a window: `trigger: {months: [4, 9]}`;
- conditions on the practice, all of which must hold: `when: [{wait_above: 14}]`;
- a chance each month the rest holds: `probability: 0.3`; `repeat: true` lets it come back.

Each choice has a `label`, `effects` (what it does: `cash: -5000`, `morale: {group: gp,
delta: -0.05}`, `staff_leave: {role: partner, count: 1}` with `after_months: 2` ...),
`leadership` tags (+1/+2 for good practice on a Healthcare Leadership Model dimension, -1/-2
for poor) and `feedback` for the debrief.

Say what happens if nobody decides by the end of the month, with `if_no_decision:` (a
`summary` for the card, and `effects`, `leadership` and `feedback` like a choice's). In a
practice, not deciding is a decision too: the locum cover nobody booked is a gap in the rota.
Left out, a lapsed card does nothing at all, and `partnership validate` warns.

## 6. Connect events into a story

A choice can lead to a later event three ways:

- `choice_taken: {event: rota-gap, choice: share-out}` in the later event's `when`;
- `set_flag: {name: partners-stretched}` as an effect, and `flag_set: {name:
  partners-stretched}` (or `flag_not_set`) in the later trigger;
- `event_fired: {event: rota-gap}` for "only after that has happened".

Draw the story to see its shape and any dead ends (events that can never fire, flags nothing
reads):

```
partnership map winter-crisis.yaml -o winter-crisis-map.png
```

### Named people

A story about people needs people. Name them under `people:`; each is one of their role's
heads in `practice.staff` (a practice with three nurses and one named nurse has two the model
counts only as a group), with their own morale, wellbeing and trust in the player:

```yaml
people:
  - id: lead-nurse
    name: The lead nurse
    role: practice_nurse
    fte: 0.9
    trust: 0.6
    portrait: portrait-01   # one of the game's own, or images/lead-nurse.png beside the file
```

An event can be a one-to-one with them (`person: lead-nurse` shows their portrait on the card
and lists it in the Team view), its choices can act on them, and later events can ask about
them:

```yaml
events:
  - id: a-concern
    title: A concern about a colleague
    person: lead-nurse
    briefing: The lead nurse asks to speak to you privately about a colleague.
    trigger: {month: 3}
    choices:
      - id: listen
        label: Listen, and start a fair process
        effects:
          - raise_concern: {by: lead-nurse}
          - person_trust: {person: lead-nurse, delta: 0.2}
      - id: brush-off
        label: Tell her it is nothing
        effects:
          - person_trust: {person: lead-nurse, delta: -0.3}
          - start_sick_leave: {person: lead-nurse, months: 2}
  - id: she-resigns
    title: The lead nurse hands in her notice
    person: lead-nurse
    trigger:
      months: [4, 12]
      when: [{person_trust_below: {person: lead-nurse, value: 0.4}}, {person_present: lead-nurse}]
    ...
```

A person on sick leave or leave is paid but not at work; one who gives notice works their
role's notice and then leaves, and the role's headcount falls. Their own chance of resigning
rises as their wellbeing, morale and trust fall. A person a condition or effect names must be
declared: `partnership validate` says where, if not.

A concern runs its course in the same way. `raise_concern` counts a concern raised `by` a person
(speaking up), `about` a person (their conduct or practice), or both; while concerns about a
person are open they raise the chance of a patient safety incident, and `address_concerns`
closes them (a fair process, supervision, an agreed plan) while the count stays for later
triggers. Here a second concern leads to a card about the person concerned:

```yaml
  - id: second-concern
    title: A second concern about Dr Hale
    person: dr-hale
    briefing: A healthcare assistant has complained about Dr Hale too, and he is exhausted.
    trigger:
      months: [4, 10]
      when:
        - concerns_about_at_least: {person: dr-hale, count: 2}
        - person_in_post: dr-hale           # not yet gone (at work, away or working notice)
        - person_morale_below: {person: dr-hale, value: 0.5}
    choices:
      - id: plan
        label: Agree a plan with support, and time off to recover
        effects:
          - address_concerns: dr-hale       # open concerns no longer raise incident risk
          - person_wellbeing: {person: dr-hale, delta: 0.1}
          - start_leave: {person: dr-hale, months: 1}   # paid leave; he is back in a month
      - id: carry-on
        label: Tell him to carry on
        effects:
          - person_morale: {person: dr-hale, delta: -0.1}
          - give_notice: dr-hale            # he resigns and works his notice
```

The other conditions on a person read the same way: `person_trust_above` (and
`person_trust_below`), `person_wellbeing_below` (below 0.4 they may go off sick by
themselves), `person_absent` (off sick or on leave), `person_on_sick_leave`, `person_present`
(in post and at work), `person_has_given_notice` (working their notice) and `person_has_left`.
`return_to_work: dr-hale` ends any leave early.

Patient safety is a month record field like any other: a goal `metric: patient_safety,
at_least: 0.65, judged: average` holds the player to it. Incidents come from clinical pressure,
skill mix and open concerns; the player reviews them with the *significant event analysis*
decision, and `governance` effects on a choice (a search, a recall) show the same intent in an
event. The bundled `speaking-up` scenario is a longer example: four named people, a concern
raised and dealt with (or not), sick leave, notice and a patient-safety goal.

## 7. End conditions

`end_conditions` stop a run early, for instance `when: [{cash_below_overdraft: true}]`. A run
that ends early scores 0 for the months it did not reach.

## 8. Check the balance

```
partnership balance winter-crisis.yaml --runs 2000 --plots charts/
```

plays the scenario thousands of times under six policies (do-nothing, random, cost-cutter,
people-first, growth and a sensible balanced one) and reports, for each, the spread of the
overall and pillar scores (10th, 50th and 90th percentiles), how often it wins (finishes with
every goal met), how runs end, how often each event fires and each choice is taken. It warns
when doing nothing wins, when nothing wins, when one choice is best whatever else is done
(under random play), and when an event never fires. Aim for: doing nothing rarely wins, the
balanced policy often can, and no warnings. In a test you can assert the same in Python:

```python
from game.authoring.balance import run_policies
from game.scenario.library import load_scenario

report = run_policies(load_scenario("winter-crisis.yaml"), 500, seed=1)
assert report["policies"]["do-nothing"]["win_rate"] < 0.2
assert report["policies"]["balanced"]["win_rate"] > 0.3
assert not [w for w in report["warnings"] if w["kind"] == "dominant_choice"]
```

## 9. Ship it

Put the file in `scenarios/` (its file name must match its `id`), run `partnership validate
--strict scenarios/winter-crisis.yaml`, and it appears in `partnership list` and the game's
chooser.
"""
