"""The balance report as text for a terminal (``partnership balance`` without ``--json``)."""

from __future__ import annotations

from typing import Any

from ..scenario.spec import PILLARS


def _pct(x: float) -> str:
    return f"{x:6.1%}"


def _spread(s: dict[str, float]) -> str:
    return f"{s['p10']:5.1f} {s['p50']:5.1f} {s['p90']:5.1f}"


def format_report(report: dict[str, Any]) -> str:
    """Scores, endings, events, choices and warnings, one block each."""
    policies: dict[str, Any] = report["policies"]
    names = list(policies)
    col = max([len(n) for n in names] + [12])
    out = [f"{report['title']} ({report['scenario']}): {report['runs']:,} runs per policy, "
           f"{report['months']} months, seed {report['seed']}", ""]
    for by, title in (("figures", "Policies that decide by the practice's figures"),
                      ("tags", "Policies that also weigh the author's leadership tags (their "
                               "wins partly measure the answer key)")):
        group = {n: p for n, p in policies.items() if p.get("decides_by", "figures") == by}
        if not group:
            continue
        out += [title, f"{'policy':<{col}}  {'wins':>6}  {'overall p10 p50 p90':>17}  "
                + "  ".join(f"{p[:7]:>7}" for p in PILLARS) + "   (pillars: median)"]
        for name, p in group.items():
            pillars = "  ".join(f"{p['pillars'][k]['p50']:7.1f}" for k in PILLARS)
            out.append(f"{name:<{col}}  {_pct(p['win_rate'])}  {_spread(p['overall']):>17}  "
                       f"{pillars}")
        out.append("")
    out += [_leadership(policies, col)]
    out += ["", _table("ending", ["completed", *next(iter(policies.values()))["end_conditions"]],
                       names, lambda pol, key: policies[pol]["completed"] if key == "completed"
                       else policies[pol]["end_conditions"][key], col)]
    goals = next(iter(policies.values()))["goals"]
    if goals:
        out += ["", _table("goal met", list(goals), names,
                           lambda pol, key: policies[pol]["goals"][key], col)]
    events = list(next(iter(policies.values()))["events"])
    if events:
        out += ["", _table("event fired", events, names,
                           lambda pol, key: policies[pol]["events"][key], col)]
        wide = max([len(c) for e in events for c in policies[names[0]]["choices"][e]]
                   + [col + 6])
        out += ["", f"{'choice taken when its event came up':<{wide + 4}} "
                + " ".join(f"{n[:6]:>6}" for n in names)]
        for event in events:
            out.append(f"  {event}")
            choices = policies[names[0]]["choices"][event]
            for choice in choices:
                row = " ".join(_pct(policies[n]["choices"][event][choice]) for n in names)
                out.append(f"    {choice:<{wide}} {row}")
    out += _outcomes(policies, names, col)
    out.append("")
    if report["warnings"]:
        out += [f"warning: {w['message']}" for w in report["warnings"]]
    else:
        out.append("no balance warnings")
    return "\n".join(out) + "\n"


def _outcomes(policies: dict[str, Any], names: list[str], col: int) -> list[str]:
    """How each choice with chance outcomes turned out, per policy ("-": never taken)."""
    turned = policies[names[0]].get("outcomes", {})
    if not turned:
        return []
    wide = max([len(o) for v in turned.values() for o in v] + [col + 6])
    out = ["", f"{'chance outcome when the choice was taken':<{wide + 4}} "
           + " ".join(f"{n[:6]:>6}" for n in names)]
    for key, shares in turned.items():
        out.append(f"  {key}")
        for outcome in shares:
            row = " ".join(_pct(policies[n]["outcomes"][key][outcome])
                           if sum(policies[n]["outcomes"][key].values()) else "     -"
                           for n in names)
            out.append(f"    {outcome:<{wide}} {row}")
    return out


def _leadership(policies: dict[str, Any], col: int) -> str:
    """Per policy: the share of (run, dimension) at strong or better and at exemplary, and the
    share of runs showing a learning objective's dimension at strong."""
    head = (f"{'leadership':<{col}}  {'strong+':>7}  {'exempl.':>7}  {'objectives shown':>16}")
    rows = [head]
    for name, p in policies.items():
        lead = p.get("leadership", {})
        if not lead:
            continue
        strong = sum(v["strong"] + v["exemplary"] for v in lead.values()) / len(lead)
        top = sum(v["exemplary"] for v in lead.values()) / len(lead)
        rows.append(f"{name:<{col}}  {_pct(strong):>7}  {_pct(top):>7}  "
                    f"{_pct(p.get('objectives_shown', 0.0)):>16}")
    return "\n".join(rows)


def _table(title: str, keys: list[str], names: list[str], get: Any, col: int) -> str:
    width = max([len(k) for k in keys] + [len(title), col])
    head = f"{title:<{width}}  " + " ".join(f"{n[:6]:>6}" for n in names)
    rows = [f"{k:<{width}}  " + " ".join(_pct(get(n, k)) for n in names) for k in keys]
    return "\n".join([head, *rows])
