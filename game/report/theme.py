"""The report's look: a colour-safe palette (Okabe and Ito), sizes and the page's CSS.

Charts and HTML read their colours from here and nowhere else, so a high-contrast or
greyscale report is a change to this module.
"""

from __future__ import annotations

#: Okabe-Ito colours, distinguishable with the common forms of colour blindness.
PALETTE: dict[str, str] = {
    "blue": "#0072B2", "orange": "#E69F00", "green": "#009E73", "vermillion": "#D55E00",
    "sky": "#56B4E9", "purple": "#CC79A7", "yellow": "#F0E442", "black": "#000000",
    "grey": "#8c8c8c", "light": "#eeeeee",
}
SERIES: tuple[str, ...] = ("blue", "orange", "green", "vermillion", "purple", "sky")
#: Shading behind the leadership profile, one band per level.
LEVEL_BANDS: tuple[tuple[float, float, str, str], ...] = (
    (0, 40, "essential", "#f4f4f4"), (40, 60, "proficient", "#e8eef5"),
    (60, 80, "strong", "#d8e6f2"), (80, 100, "exemplary", "#c6dbee"))
FIGURE_WIDTH_IN = 7.5
FIGURE_DPI = 110
FONT_SIZE = 9

CSS = """
:root { --ink: #1a1a1a; --muted: #555; --rule: #ccc; --accent: #0072B2; --good: #009E73;
        --poor: #D55E00; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
       color: var(--ink); max-width: 60rem; margin: 0 auto; padding: 1.5rem; }
h1 { font-size: 1.7rem; margin: 0 0 .25rem; }
h2 { font-size: 1.25rem; border-bottom: 2px solid var(--accent); padding-bottom: .2rem;
     margin-top: 2rem; }
h3 { font-size: 1.05rem; margin: 1.2rem 0 .3rem; }
p.meta { color: var(--muted); margin: 0 0 1rem; }
figure { margin: 1rem 0; break-inside: avoid; }
figure img { width: 100%; height: auto; border: 1px solid var(--rule); }
figcaption { color: var(--muted); font-size: .9rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .92rem;
        break-inside: auto; }
th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid var(--rule);
         vertical-align: top; }
th { background: #f3f6f9; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.up { color: var(--good); } .down { color: var(--poor); }
.met { color: var(--good); font-weight: 600; } .unmet { color: var(--poor); font-weight: 600; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(6.2rem, 1fr)); gap: .6rem; }
.card { border: 1px solid var(--rule); border-radius: 6px; padding: .5rem .7rem; }
.card b { display: block; font-size: 1.4rem; }
.moment { border-left: 4px solid var(--accent); padding: .2rem .9rem; margin: 1rem 0;
          break-inside: avoid; }
.feedback { border-left: 4px solid var(--rule); padding: .1rem .9rem; margin: .6rem 0;
            break-inside: avoid; }
ol.questions li { margin: .4rem 0; }
.notes { border: 1px dashed var(--rule); min-height: 4rem; margin: .3rem 0 .8rem; }
.evidence { border: 2px solid var(--ink); padding: 1rem 1.2rem; margin-top: 2rem; }
.evidence h2 { margin-top: 0; }
.evidence { font-size: .9rem; } .evidence table { font-size: .85rem; }
.evidence h3 { margin: .8rem 0 .2rem; } .evidence ul { margin: .2rem 0; }
.evidence pre.paste { white-space: pre-wrap; font-family: inherit; font-size: .85rem;
  border: 1px solid var(--rule); padding: .5rem .7rem; }
.small { font-size: .85rem; color: var(--muted); }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  h2 { break-after: avoid; }
  .evidence { break-before: page; border: none; padding: 0; }
  .noprint { display: none; }
  a { color: inherit; text-decoration: none; }
}
@page { size: A4; margin: 15mm; }
"""
