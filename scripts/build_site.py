#!/usr/bin/env python3
"""Builds a static HTML site of the course from the committed notebooks (with their outputs).

    .venv/bin/python scripts/build_site.py [--out DIR]        (default: site/)

One page per notebook in notebooks/ (nbconvert's HTML exporter, lab template, images embedded) and an
index page; nothing is fetched from a CDN: no require.js, no MathJax, no widget scripts, so the pages
work offline and on any static host (a course web page, GitHub Pages). The build fails if a page still
refers to a script or style sheet on another host.
"""
import argparse
import html
import json
import re
import shutil
import sys
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter
from traitlets.config import Config

ROOT = Path(__file__).resolve().parent.parent
NB_DIR = ROOT / "notebooks"
REMOTE = re.compile(r"""<(?:script|link)[^>]+(?:src|href)\s*=\s*["'](?:https?:)?//|import\(\s*["']https?://""", re.I)
# the lab template's mermaid loader imports mermaid from a CDN on every page; the course has no mermaid diagrams
MERMAID = re.compile(r'<script type="module">(?:(?!</script>).)*?mermaid(?:(?!</script>).)*</script>', re.S)


def title_of(nb, fallback):
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            m = re.search(r"^#\s+(.+)$", cell.source, re.M)
            if m:
                return m.group(1).strip()
    return fallback


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=ROOT / "site")
    args = ap.parse_args()

    c = Config()
    c.HTMLExporter.template_name = "lab"
    c.HTMLExporter.embed_images = True
    c.HTMLExporter.mathjax_url = ""          # no MathJax from a CDN (the notebooks use no LaTeX)
    c.HTMLExporter.require_js_url = ""       # no require.js from a CDN
    c.HTMLExporter.widget_renderer_url = ""  # no widget renderer from a CDN
    c.HTMLExporter.exclude_input_prompt = False
    exporter = HTMLExporter(config=c)

    out = args.out
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    pages, problems = [], []
    for path in sorted(NB_DIR.glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        body, _ = exporter.from_notebook_node(nb)
        # nbconvert still writes empty <script src=""> tags for the URLs set to "": drop them
        body = re.sub(r'<script[^>]*src=""[^>]*>\s*</script>', "", body)
        if "text/vnd.mermaid" not in json.dumps(nb) and "```mermaid" not in json.dumps(nb):
            body = MERMAID.sub("", body)
        name = path.stem + ".html"
        title = title_of(nb, path.stem)
        nav = (f'<nav style="font: 14px sans-serif; padding: 8px 16px; border-bottom: 1px solid #ddd">'
               f'<a href="index.html">TLS Lab</a> › {html.escape(title)}</nav>')
        body = re.sub(r"(<body[^>]*>)", r"\1" + nav.replace("\\", "\\\\"), body, count=1)
        if REMOTE.search(body):
            problems.append(f"{name}: refers to a remote script or style sheet: {REMOTE.search(body).group(0)}")
        (out / name).write_text(body, encoding="utf-8")
        outputs = sum(len(cell.get("outputs", [])) for cell in nb.cells if cell.cell_type == "code")
        pages.append((name, title, outputs))
        print(f"  {name}: {title} ({outputs} outputs, {len(body) // 1024} KiB)")

    items = "\n".join(f'    <li><a href="{n}">{html.escape(t)}</a> <span>{o} outputs</span></li>' for n, t, o in pages)
    (out / "index.html").write_text(f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>TLS Lab — the course</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body {{ font: 16px/1.5 system-ui, sans-serif; max-width: 46em; margin: 2em auto; padding: 0 1em; }}
li {{ margin: .4em 0; }} span {{ color: #777; font-size: 85%; }}</style></head>
<body><h1>TLS Lab</h1>
<p>A hands-on course on TLS, in Java: a browser connecting to a bank over HTTPS, taken apart byte by byte.
These pages show each notebook with the outputs it produced; to run the code, open the notebooks in
JupyterLab (<code>./tlslab start</code>) or on the course's JupyterHub.</p>
<ol>
{items}
</ol></body></html>
""", encoding="utf-8")
    (out / "site.json").write_text(json.dumps([{"page": n, "title": t, "outputs": o} for n, t, o in pages], indent=1))
    for p in problems:
        print("  problem: " + p, file=sys.stderr)
    print(f"site: {len(pages)} notebook pages and index.html in {out}" + (f"; {len(problems)} problem(s)" if problems else ""))
    return 1 if problems or not pages else 0


if __name__ == "__main__":
    sys.exit(main())
