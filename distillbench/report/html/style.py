"""The inline stylesheet of the HTML report.

Why a module of its own: the page is one self-contained file whose Content-Security-Policy allows inline
styles only, so the whole stylesheet ships as a string inside the page; kept here, it does not bury the
rendering code, and a change of look touches no renderer.
"""

from __future__ import annotations

__all__ = ["CSS"]

CSS = """
:root { --fg: #1f2328; --muted: #656d76; --line: #d0d7de; --bg-alt: #f6f8fa; --ok: #1a7f37; --bad: #cf222e; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--fg); background: #fff; line-height: 1.45;
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
header.top { padding: 18px 32px 10px; border-bottom: 1px solid var(--line); background: var(--bg-alt); }
header.top h1 { margin: 0 0 4px; font-size: 22px; }
nav a { margin-right: 14px; color: #0969da; text-decoration: none; font-weight: 500; }
main { padding: 0 32px 40px; max-width: 1280px; }
section { margin-top: 28px; overflow-x: auto; }  /* a wide table scrolls inside its section */
h2 { font-size: 18px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 15px; margin: 20px 0 8px; } h4 { margin: 8px 0 2px; font-size: 12px; color: var(--muted); }
.summary, .note, figcaption { color: var(--muted); }
.count { color: var(--muted); font-weight: normal; font-size: 13px; }
table { border-collapse: collapse; margin: 6px 0 12px; font-size: 13px; }
th, td { border-bottom: 1px solid var(--line); padding: 4px 9px; text-align: left; vertical-align: top; }
th { background: var(--bg-alt); font-weight: 600; white-space: nowrap; }
tbody tr:nth-child(even) { background: #fbfcfd; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.ci { color: var(--muted); font-variant-numeric: tabular-nums; white-space: nowrap; }
td.model { font-weight: 600; white-space: nowrap; } td.path { color: var(--muted); font-size: 12px; }
table.scores td.num[data-metric^="ice."], table.scores td.num[data-metric="rse.similarity"] { font-weight: 600; }
table.scores td.num[data-metric$=".n"] { font-weight: normal; }
dl.facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(210px, 1fr)); gap: 6px 18px; margin: 8px 0; }
dl.facts dt { font-size: 11px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
dl.facts.small { grid-template-columns: 2fr 1fr 1fr 0.7fr 0.7fr; }
figure { margin: 8px 0 14px; } figure svg { max-width: 100%; height: auto; }
figure.chart svg { max-width: 760px; }
.heatmaps { display: grid; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); gap: 10px; }
.badge { display: inline-block; padding: 0 7px; border-radius: 10px; font-size: 12px; font-weight: 600;
  margin-left: 6px; color: #fff; }
.badge.warn { background: #9a6700; } .badge.ok { background: var(--ok); } .badge.bad { background: var(--bad); }
.badge.level { background: #8250df; }
article.example { border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; margin: 10px 0; }
article.example header code { font-weight: 600; }
blockquote.answer { margin: 6px 0; padding: 8px 12px; background: var(--bg-alt); border-left: 3px solid var(--line);
  white-space: pre-wrap; overflow-wrap: anywhere; max-height: 13em; overflow: auto; }
mark.contra { background: #ffcecb; border-bottom: 2px solid var(--bad); padding: 0 1px; }
mark.claim { background: #fff1a8; padding: 0 1px; }
.evidence { font-size: 13px; color: var(--muted); margin: 2px 0; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; margin: 2px 0; font-size: 12px; }
pre.error { background: #fff5f5; border: 1px solid #ffd8d3; padding: 3px 6px; max-height: 12em; overflow: auto; }
details.failed { margin: 6px 0; } table.failed td:first-child { white-space: nowrap; }
details summary { cursor: pointer; color: var(--muted); margin: 4px 0; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; }
td.perm { font-size: 12px; color: var(--muted); }
"""
