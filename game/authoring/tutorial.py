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

## 7. Memory, branches and luck

Flags remember yes or no. Five more constructs let a story remember how much, branch on
several things at once and leave an outcome to chance. Each is checked when the scenario loads:
an unknown counter, flag, event, choice or outcome is an error at its line and column.

**Counters** keep a number per practice. Declare each with its start value, move it with
`counter_add` (1 if no amount is given) or `counter_set`, and read it with `counter_at_least`
or `counter_below`:

```yaml
counters:
  - {id: concerns_raised, start: 1, about: Concerns staff have raised so far.}
events:
  - id: second-concern
    ...
    choices:
      - id: thank
        label: Thank them and add it to the audit
        effects: [{counter_add: {name: concerns_raised}}]
end_conditions:
  - id: culture-of-silence
    ...
    when: [{counter_below: {name: concerns_raised, value: 1}}, {month_at_least: 6}]
```

**any_of, all_of and not** combine conditions anywhere a list of conditions goes (a trigger's
`when`, an end condition, `shown_if`, a text variant's `when`), nested as deep as needed. One
event then stands for several ways of getting there, instead of a copy for each:

```yaml
trigger:
  months: [4, 7]
  when:
    - any_of:
        - counter_at_least: {name: audits_done, value: 1}
        - all_of: [{flag_set: listened}, {month_at_least: 5}]
    - not: {flag_set: dismissed}
```

**shown_if** puts a choice on the card only where its conditions hold when the card arrives.
Elsewhere the player never sees it, and a decision log or a team's hand-in that names it is
refused with the reason:

```yaml
choices:
  - id: involve-nurse
    label: Ask the nurse to lead it with the pharmacist
    shown_if: [{flag_set: listened}]
    effects: [{governance: 0.05}]
```

Keep at least one choice without `shown_if`, or the card may have nothing to choose.

**Text with variants**: an event's `briefing`, and the `feedback` of a choice or an outcome,
can be a list of wordings, each with the conditions that select it. The first whose `when`
holds is used, and the last, without `when`, is the default. A briefing is chosen when the
card arrives and a feedback when the choice is taken:

```yaml
briefing:
  - when: [{outcome_was: {event: concern-raised, choice: refer, outcome: upheld}}]
    text: The ICB's review upheld the concern and asks for a prescribing audit.
  - when: [{flag_set: listened}]
    text: Having listened to the nurse, you can commission a prescribing audit.
  - text: A pharmacist offers to audit repeat prescribing.
```

**Chance outcomes**: a choice with `outcomes` turns out one of two to six ways, each with a
`weight` (its chance is its weight over the sum of the weights), a `label`, its own `effects`
and `feedback`, on top of the choice's own effects. The card lists each outcome with its
chance and what it changes, and the month summary and debrief say how it turned out. Later
events can read it with `outcome_was`. The draw comes from a random stream named after the
event and the choice, so the same seed turns out the same way however else you edit the
scenario:

```yaml
- id: refer
  label: Refer it to the ICB's medicines team
  effects: [{cash: -1500}]
  outcomes:
    - id: upheld
      weight: 3
      label: the review upholds the concern
      effects: [{governance: -0.05}, {counter_add: {name: concerns_raised}}]
      feedback: The review upheld the concern.
    - id: not-upheld
      weight: 1
      label: the review finds no problem
      effects: [{morale: {group: nursing, delta: -0.05}}]
      feedback: The review found nothing; the nurse may not speak up again.
```

`partnership map` draws the links these make (a counter a choice moves, an outcome a later
event waits for, a choice a flag puts on a card; dotted where a link is one way in among
several), and `partnership balance` reports how often each outcome came up under each policy.

## 8. End conditions

`end_conditions` stop a run early, for instance `when: [{cash_below_overdraft: true}]`. A run
that ends early scores 0 for the months it did not reach.

## 9. Check the balance

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

## 10. Ship it

Put the file in `scenarios/` (its file name must match its `id`), run `partnership validate
--strict scenarios/winter-crisis.yaml`, and it appears in `partnership list` and the game's
chooser.
"""
