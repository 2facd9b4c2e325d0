"""Writes a ``PlanDocument`` as a PDF: one HTML print template rendered by WeasyPrint, in the .docx layout.

The template is a ``string.Template`` (no Django here); every value is HTML-escaped. The CSS stays plain
(a fixed-layout table, no floats, flex or overflow-wrap) because WeasyPrint's cost grows with fancy layout.
"""

from __future__ import annotations

import html
from string import Template

# The layout (column titles and widths, numbering, signature lines) is shared with the .docx writer.
from ishreja.plandoc import write_docx as layout
from ishreja.plandoc.model import PlanDocument

PAGE_CSS = """
@page { size: A4 landscape; margin: 12.7mm; @bottom-right { content: counter(page); font-size: 9pt; } }
body { font-family: "Times New Roman", "Liberation Serif", "DejaVu Serif", serif; font-size: 10.5pt;
       line-height: 1.2; margin: 0; }
table.sign { width: 100%; border-collapse: collapse; margin-bottom: 6mm; }
table.sign td { width: 50%; vertical-align: top; padding: 0; }
table.sign td.right { padding-left: 45mm; }
table.sign p.label { font-weight: bold; }
h1 { font-size: 14pt; text-align: center; margin: 0 0 4mm 0; }
p { margin: 0; }
table.plan { width: 100%; border-collapse: collapse; table-layout: fixed; }
table.plan th, table.plan td { border: 0.6pt solid #000; padding: 1.5pt 3pt; vertical-align: top; }
table.plan thead { display: table-header-group; }
table.plan th { font-weight: bold; text-align: center; vertical-align: middle; }
td.c { text-align: center; }
tr.section td { font-weight: bold; text-align: center; }
p.checked:first-of-type { margin-top: 6mm; }
"""

PAGE = Template("""<!DOCTYPE html>
<html lang="uz"><head><meta charset="utf-8"><title>$title</title><style>$css</style></head>
<body>
<table class="sign"><tr><td>$agreed</td><td class="right">$approved</td></tr></table>
<h1>$title</h1>
<table class="plan">
<colgroup>$cols</colgroup>
<thead>
<tr><th rowspan="2">$h0</th><th rowspan="2">$h1</th><th rowspan="2">$h2</th><th colspan="2">$h3</th>
<th rowspan="2">$h5</th><th rowspan="2">$h6</th><th rowspan="2">$h7</th></tr>
<tr><th>$fact</th><th>$plan</th></tr>
</thead>
<tbody>
$rows
</tbody>
</table>
$checked
</body></html>
""")


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _paragraphs(text: str) -> str:
    return "".join(f"<p>{_e(line)}</p>" for line in text.split("\n") if line.strip())


def _block(lines: list[str]) -> str:
    if not lines:
        return ""
    head, *rest = lines
    return f'<p class="label">{_e(head)}</p>' + "".join(f"<p>{_e(ln)}</p>" for ln in rest)


def render_html(doc: PlanDocument) -> str:
    """The print HTML of the plan (also handy for a browser preview)."""
    rows: list[str] = []
    width = len(layout.COLUMN_TITLES)
    for section in doc.sections:
        heading = layout.section_heading(section.number, section.title)
        if heading:
            rows.append(f'<tr class="section"><td colspan="{width}">{_e(heading)}</td></tr>')
        for item in layout.item_rows(section.items):
            cells = (
                f'<td class="c">{_e(layout.item_number(item))}</td>',
                f"<td>{_paragraphs(item.name)}</td>",
                f'<td class="c">{_e(item.unit)}</td>',
                f'<td class="c">{_e(layout.quantity_text(item.fact_text, item.fact))}</td>',
                f'<td class="c">{_e(layout.quantity_text(item.plan_text, item.plan))}</td>',
                f"<td>{_paragraphs(item.mechanism)}</td>",
                f'<td class="c">{_paragraphs(item.deadline.text)}</td>',
                f"<td>{_paragraphs(chr(10).join(item.responsible))}</td>",
            )
            rows.append("<tr>" + "".join(cells) + "</tr>")
    total = sum(layout.COLUMN_WIDTHS_CM)
    cols = "".join(f'<col style="width:{100 * w / total:.2f}%">' for w in layout.COLUMN_WIDTHS_CM)
    fact, plan = layout.quantity_headers(doc)
    checked = "".join(f'<p class="checked">{_e(line)}</p>' for line in layout.checked_lines(doc.checked))
    return PAGE.substitute(
        css=PAGE_CSS,
        title=_e(layout.plan_title(doc)),
        agreed=_block(layout.signature_lines("KELISHILDI", doc.agreed, doc.year)),
        approved=_block(layout.signature_lines("TASDIQLAYMAN", doc.approved, doc.year)),
        cols=cols,
        fact=_e(fact),
        plan=_e(plan),
        rows="\n".join(rows),
        checked=checked,
        **{f"h{i}": _e(t) for i, t in enumerate(layout.COLUMN_TITLES)},
    )


def write_pdf(doc: PlanDocument) -> bytes:
    """The plan as PDF bytes (A4 landscape, header repeated on every page)."""
    # Imported here: WeasyPrint loads Pango/fontconfig at import, which the readers never need.
    from weasyprint import HTML  # type: ignore[import-untyped, unused-ignore]

    pdf: bytes = HTML(string=render_html(doc)).write_pdf()
    return pdf
