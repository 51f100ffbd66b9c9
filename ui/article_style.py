"""The fixed CSS and legends of the marked article, its header and the evidence list.

Constant text only, no corpus text: ui.article_html puts these in front of what it builds.
"""

from __future__ import annotations

# Okabe-Ito blue and orange, as light tints behind near-black text; the dark tags carry white text.
STYLE = """<style>
.sm-article{font-size:1.02rem;line-height:1.75;max-width:46rem}
.sm-article .sm-p{margin:0 0 .9rem 0;white-space:pre-line}
.sm-article .sm-mention{background:#e1eef7;color:#111;border-bottom:2px solid #0072b2;
  padding:0 1px;border-radius:2px}
.sm-article .sm-tag{display:inline-block;margin-left:3px;padding:0 4px;border-radius:3px;
  background:#005a8c;color:#fff;font-size:.68em;font-weight:600;line-height:1.45;
  letter-spacing:.02em;vertical-align:.12em;font-family:ui-monospace,monospace}
.sm-article .sm-quote{color:#111;padding:1px 0;border-radius:2px;
  -webkit-box-decoration-break:clone;box-decoration-break:clone}
.sm-article .sm-direct{background:#fbdfae}
.sm-article .sm-indirect{background:#fff6e5;outline:1.5px dashed #8a5300;outline-offset:-1px}
.sm-article .sm-qnum{display:inline-block;margin-right:4px;padding:0 4px;border-radius:3px;
  background:#6b3f00;color:#fff;font-size:.68em;font-weight:700;line-height:1.45;
  vertical-align:.12em;font-family:ui-monospace,monospace}
.sm-article .sm-notes{list-style:none;margin:-.35rem 0 1.1rem 0;padding:.4rem .75rem;
  border-left:3px solid #6b3f00;background:rgba(128,128,128,.08);font-size:.88rem;
  line-height:1.5}
.sm-article .sm-notes li{margin:.15rem 0}
.sm-article .sm-legend{font-size:.85rem;margin:0 0 1rem 0;line-height:2}
.sm-article .sm-legend span{margin-right:.4rem}
.sm-article .sm-faint{opacity:.75}
.sm-article .sm-stance{text-decoration:underline dotted #3d3d3d;text-decoration-thickness:2px;
  text-underline-offset:.35em}
.sm-snum{display:inline-block;margin-left:3px;padding:0 4px;border-radius:3px;color:#fff;
  font-size:.68em;font-weight:700;line-height:1.45;vertical-align:.12em;
  font-family:ui-monospace,monospace}
.sm-snum.sm-for{background:#1f5f9e}
.sm-snum.sm-against{background:#9a4a05}
.sm-article .sm-snotes{border-left-color:#3d3d3d}
.sm-evidence{max-width:60rem}
.sm-evidence .sm-ev-head{margin:0 0 .5rem 0;font-size:.95rem;opacity:.8}
.sm-evidence ul{list-style:none;margin:0;padding:0}
.sm-evidence li{margin:0 0 .8rem 0;padding:.45rem .75rem;border-left:3px solid #8a8d91;
  background:rgba(128,128,128,.07)}
.sm-evidence .sm-ev-text{margin:0 0 .25rem 0;font-size:1rem;line-height:1.55}
.sm-evidence .sm-ev-text .sm-snum{margin:0 6px 0 0}
.sm-evidence .sm-ev-meta{margin:0;font-size:.86rem;line-height:1.5}
.sm-evidence .sm-ev-meta a{color:inherit;text-decoration:underline;text-underline-offset:2px}
.sm-evidence .sm-ev-attr{margin:.1rem 0 0 0;font-size:.78rem;opacity:.7}
.sm-evidence .sm-ev-fix{margin:.1rem 0 0 0;font-size:.82rem;font-style:italic}
.sm-head .sm-title{font-size:1.75rem;font-weight:700;line-height:1.25;margin:.2rem 0 .4rem 0;
  padding:0}
.sm-head .sm-meta{margin:0 0 .2rem 0;font-size:.95rem}
.sm-head .sm-meta a{color:inherit;text-decoration:underline;text-underline-offset:2px}
.sm-head .sm-attribution{margin:0;font-size:.85rem;opacity:.7}
</style>"""

LEGEND = (
    '<p class="sm-legend">'
    '<span class="sm-mention">Russia<span class="sm-tag">RUS</span></span>'
    '<span class="sm-faint">actor mention and its actor code</span> '
    '<span class="sm-quote sm-direct"><span class="sm-qnum">Q1</span>direct quote</span> '
    '<span class="sm-quote sm-indirect"><span class="sm-qnum">Q2</span>reported speech</span> '
    '<span class="sm-faint">hover a mark for details</span>'
    "</p>"
)
STANCE_LEGEND = (
    '<p class="sm-legend">'
    '<span class="sm-stance">stance sentence<span class="sm-snum sm-for">S1 \u25b2</span></span>'
    ' <span class="sm-faint">for</span> '
    '<span class="sm-snum sm-against">S2 \u25bc</span> <span class="sm-faint">against the'
    " concept; the notes under each paragraph name the actor and the concept</span></p>"
)
