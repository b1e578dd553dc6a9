#!/usr/bin/env python3
"""Run every notebooks/*.ipynb headless through the real Java kernel and check its outputs.

    .venv/bin/python scripts/run_notebooks.py [--write] [--timeout SECONDS] [NOTEBOOK ...]

Each notebook runs in a fresh `java` kernel (JJava) with notebooks/ as working directory, the way
JupyterLab runs it. A notebook fails when a cell raises an error (cells tagged `raises-exception`
may), a cell runs longer than --timeout, or an output listed for it in notebooks/checks.json is
missing. checks.json maps a notebook's file name to strings that must appear in its outputs' text;
an entry "mime:TYPE" (e.g. "mime:image/png") asks for an output of that MIME type instead.

Without --write the notebook files are not touched; with --write the executed notebooks (outputs
and execution counts) are saved back, so committed notebooks show their outputs.
"""
import argparse
import json
import re
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

ROOT = Path(__file__).resolve().parent.parent
NB_DIR = ROOT / "notebooks"
CHECKS = NB_DIR / "checks.json"
KERNEL = "java"
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
TEXT_MIMES = ("text/plain", "text/html", "text/markdown", "text/latex")


def output_text(output) -> str:
    """The readable text of one output (stream text, text-like data, or an error's traceback)."""
    if output.get("output_type") == "stream":
        return output.get("text", "")
    if output.get("output_type") == "error":
        return "\n".join(output.get("traceback") or [f"{output.get('ename')}: {output.get('evalue')}"])
    data = output.get("data", {})
    return "\n".join(_join(data[m]) for m in TEXT_MIMES if m in data)


def _join(value) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def first_lines(text: str, n: int = 6) -> str:
    lines = [ln for ln in ANSI.sub("", text).splitlines() if ln.strip()]
    more = f"\n      … ({len(lines) - n} more lines)" if len(lines) > n else ""
    return "\n".join("      " + ln for ln in lines[:n]) + more


def code_cell_number(nb, index: int) -> int:
    """1-based position of a cell among the notebook's code cells (what a reader counts)."""
    return sum(1 for c in nb.cells[: index + 1] if c.cell_type == "code")


def run_notebook(path: Path, timeout: int, checks: list, write: bool) -> tuple[bool, dict]:
    nb = nbformat.read(path, as_version=4)
    times = {"start": time.monotonic()}

    def on_start(**_):
        times.setdefault("ready", time.monotonic())

    def on_executed(**_):
        times.setdefault("first", time.monotonic())

    client = NotebookClient(
        nb, kernel_name=KERNEL, timeout=timeout, startup_timeout=120,
        record_timing=False, resources={"metadata": {"path": str(NB_DIR)}},
        # A graceful shutdown of the JJava kernel takes ~3 s more; the outputs are in by then, and the
        # kill takes the kernel's whole process group (e.g. an openssl a cell started) with it.
        shutdown_kernel="immediate",
        on_notebook_start=on_start, on_cell_executed=on_executed,
    )
    problems = []
    # The kernel's own log (JJava writes INFO lines to stderr) goes to a file, shown when something fails.
    log = tempfile.NamedTemporaryFile("w+", prefix=f"kernel-{path.stem}-", suffix=".log", delete=False)
    try:
        client.execute(stderr=log)
    except CellTimeoutError as e:
        problems.append(f"a cell ran longer than {timeout} s: {str(e).splitlines()[0] if str(e) else ''}")
    except DeadKernelError as e:
        problems.append(f"the kernel died (System.exit in a cell? out of memory?): {e}")
    except CellExecutionError:
        pass  # reported below from the outputs, with the cell number
    except Exception as e:  # e.g. the kernel did not start
        problems.append(f"could not run the notebook: {type(e).__name__}: {e}")
    kernel_trouble = bool(problems)
    times["end"] = time.monotonic()

    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code" or "raises-exception" in cell.metadata.get("tags", []):
            continue
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                problems.append(f"error in code cell {code_cell_number(nb, i)} (cell index {i}):\n"
                                f"{first_lines(output_text(out))}")

    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    text = ANSI.sub("", "\n".join(output_text(o) for o in outputs))
    mimes = {m for o in outputs for m in o.get("data", {})}
    for want in checks:
        if want.startswith("mime:"):
            if want[5:] not in mimes:
                problems.append(f"no output of type {want[5:]} (checks.json)")
        elif want not in text:
            problems.append(f"expected output not found: {want!r} (checks.json)")

    ok = not problems
    # exercises/notebooks/ are generated and committed without outputs (the grader's drift check): never write them
    if write and ok and path.resolve().parent != (NB_DIR.parent / "exercises" / "notebooks").resolve():
        nbformat.write(nb, path)
    log.seek(0)
    kernel_log = log.read()
    log.close()
    Path(log.name).unlink()
    if kernel_trouble and kernel_log.strip():
        problems.append("kernel log (last lines):\n" + "\n".join("      " + ln for ln in kernel_log.splitlines()[-8:]))
    return ok, {"problems": problems, **times}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("notebooks", nargs="*", type=Path, help="notebooks to run (default: notebooks/*.ipynb and exercises/notebooks/*.ipynb)")
    ap.add_argument("--write", action="store_true", help="save executed outputs back into the .ipynb files")
    ap.add_argument("--timeout", type=int, default=120, help="per-cell timeout in seconds (default 120)")
    args = ap.parse_args()

    default = sorted(NB_DIR.glob("*.ipynb")) + sorted((NB_DIR.parent / "exercises" / "notebooks").glob("*.ipynb"))
    paths = sorted(p.resolve() for p in args.notebooks) if args.notebooks else default
    checks = json.loads(CHECKS.read_text(encoding="utf-8")) if CHECKS.exists() else {}
    known = {p.name for p in default}
    unknown = [name for name in checks if not name.startswith("//") and name not in known]
    if not paths:
        print(f"no notebooks found in {NB_DIR}", file=sys.stderr)
        return 1

    total_start = time.monotonic()
    passed, failed = 0, 0
    for path in paths:
        print(f"== {path.name}", flush=True)
        ok, r = run_notebook(path, args.timeout, checks.get(path.name, []), args.write)
        elapsed = r["end"] - r["start"]
        first = f"{r['first'] - r['start']:.1f} s" if "first" in r else "n/a"
        ready = f"{r['ready'] - r['start']:.1f} s" if "ready" in r else "n/a"
        status = "ok" if ok else "FAILED"
        print(f"   {status}: {elapsed:.1f} s (kernel start to ready {ready}, to first cell's result {first})"
              + (", outputs saved" if ok and args.write and path.resolve().parent == NB_DIR.resolve() else ""))
        for p in r["problems"]:
            print(f"   - {p}")
        passed, failed = passed + ok, failed + (not ok)
    for name in unknown:
        print(f"checks.json names {name}, which is in neither notebooks/ nor exercises/notebooks/")
        failed += 1
    print(f"total {time.monotonic() - total_start:.1f} s for {len(paths)} notebook(s)")
    print(f"notebooks: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
