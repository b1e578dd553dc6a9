#!/usr/bin/env python3
"""Load test of `./tlslab hub`: N simulated students at once, through the hub's proxy like browsers.

    .venv/bin/python scripts/hub_load_test.py [--students N] [--notebook NB] [--keep] [--json FILE]
    .venv/bin/python scripts/hub_load_test.py --url https://127.0.0.1:PORT --code CODE --cafile PEM ...

Without --url it starts a hub of its own (scripts/hub.sh on 127.0.0.1, a free port, HTTPS with a
certificate from the lab CA, its state in a temporary directory) and stops it at the end. Each student
  1. signs in through the hub's login form (name + workshop code), then asks the hub's REST API for a token;
  2. starts their server (POST /hub/api/users/NAME/server) and waits until the hub reports it ready;
  3. reads their own copy of the notebook over the proxy (contents API), starts a Java kernel
     (POST /user/NAME/api/kernels) and talks to it over the kernel websocket, through the proxy;
  4. runs every code cell, and checks the outputs: no errors (except cells tagged raises-exception) and
     every string notebooks/checks.json lists for the notebook.
Reported per student: time to a ready kernel (from the server start request to the kernel's
kernel_info reply), time to the last output, and memory (peak RSS summed over the student's server,
kernel launcher and kernel JVM, sampled every 0.5 s from /proc, matched by JUPYTERHUB_USER).

With its own hub it also checks, once: a wrong workshop code is refused; one student's token cannot
reach another student's server; the kernel JVM has the hub's heap cap (-Xmx) and address-space limit,
and a cell that allocates past the cap gets OutOfMemoryError while the kernel lives on; a file a
student saved is there after the hub restarts (--restart-check). Exits 1 if anything failed.
"""
import argparse
import asyncio
import json
import os
import re
import shutil
import signal
import socket
import ssl
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import quote, urlencode

from tornado.httpclient import AsyncHTTPClient, HTTPClientError, HTTPRequest
from tornado.websocket import websocket_connect

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from run_notebooks import ANSI, output_text  # noqa: E402  (the headless runner's reading of outputs)

AsyncHTTPClient.configure(None, max_clients=200)


class Failure(Exception):
    pass


class Hub:
    """A hub of our own: scripts/hub.sh on 127.0.0.1, state in a temporary directory."""

    def __init__(self, hub_dir: Path, extra_args):
        self.dir = hub_dir
        self.port = free_port()
        self.extra = list(extra_args)
        self.code = "load-" + uuid.uuid4().hex[:8]
        self.proc = None
        self.log_path = hub_dir / "hub.log"

    @property
    def url(self):
        return f"https://127.0.0.1:{self.port}"

    @property
    def cafile(self):
        return str(self.dir / "tls" / "server.pem")

    def start(self, timeout=120):
        cmd = [str(ROOT / "scripts" / "hub.sh"), "--ip", "127.0.0.1", "--port", str(self.port), "--dir", str(self.dir),
               "--code", self.code, *self.extra]
        self.log = open(self.log_path, "a")
        seen = self.log_path.stat().st_size   # a restart appends to the same log
        self.proc = subprocess.Popen(cmd, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise Failure(f"the hub exited with {self.proc.returncode}:\n" + tail(self.log_path))
            if "JupyterHub is now running" in self.log_path.read_text(errors="replace")[seen:]:
                return
            time.sleep(0.3)
        raise Failure(f"the hub did not start in {timeout} s:\n" + tail(self.log_path))

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)   # like Ctrl+C: the hub stops the servers, then the proxy
            try:
                self.proc.wait(60)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        self.log.close()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def tail(path: Path, n=25):
    try:
        return "\n".join("    " + ln for ln in path.read_text(errors="replace").splitlines()[-n:])
    except OSError:
        return "    (no log)"


class Student:
    def __init__(self, name, args, ssl_ctx):
        self.name, self.args, self.ssl = name, args, ssl_ctx
        self.base = args.url.rstrip("/")
        self.cookies = {}
        self.token = None
        self.result = {"name": name, "ok": False, "problems": []}
        self.http = AsyncHTTPClient()

    # --- HTTP through the proxy ---------------------------------------------------------------------
    async def fetch(self, path, method="GET", body=None, headers=None, token=True, ok=(200, 201, 202, 204), **kw):
        h = dict(headers or {})
        if self.cookies:
            h["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if token and self.token:
            h["Authorization"] = f"token {self.token}"
        if isinstance(body, (dict, list)):
            body, h["Content-Type"] = json.dumps(body), "application/json"
        req = HTTPRequest(self.base + path, method=method, body=body, headers=h, follow_redirects=False,
                          ssl_options=self.ssl, request_timeout=kw.pop("timeout", 120),
                          allow_nonstandard_methods=True, **kw)
        try:
            resp = await self.http.fetch(req, raise_error=False)
        except Exception as e:
            raise Failure(f"{method} {path}: {type(e).__name__}: {e}")
        for value in resp.headers.get_list("Set-Cookie"):
            c = SimpleCookie()
            c.load(value)
            for k, m in c.items():
                self.cookies[k] = m.value
        if ok and resp.code not in ok:
            raise Failure(f"{method} {path}: HTTP {resp.code} {resp.body[:300]!r}")
        return resp

    async def sign_in(self, code):
        page = await self.fetch("/hub/login", token=False)
        m = re.search(rb'name="_xsrf" value="([^"]+)"', page.body)
        if not m:
            raise Failure("no _xsrf field in the login form")
        xsrf = m.group(1).decode()
        resp = await self.fetch("/hub/login", "POST", token=False, ok=None,
                                body=urlencode({"username": self.name, "password": code, "_xsrf": xsrf}),
                                headers={"Content-Type": "application/x-www-form-urlencoded"})
        if resp.code != 302:
            return False
        tok = await self.fetch(f"/hub/api/users/{self.name}/tokens", "POST", token=False,
                               body={"note": "load test", "expires_in": 3600},
                               headers={"X-XSRFToken": self.cookies.get("_xsrf", xsrf)})
        self.token = json.loads(tok.body)["token"]
        return True

    async def start_server(self, timeout):
        await self.fetch(f"/hub/api/users/{self.name}/server", "POST", ok=(201, 202, 400))
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            info = json.loads((await self.fetch(f"/hub/api/users/{self.name}")).body)
            server = (info.get("servers") or {}).get("")
            if server and server.get("ready"):
                return server
            if not server and not info.get("pending"):
                raise Failure("the server stopped while starting (see the hub's log)")
            await asyncio.sleep(0.5)
        raise Failure(f"the server was not ready after {timeout} s")

    async def stop_server(self):
        await self.fetch(f"/hub/api/users/{self.name}/server", "DELETE", ok=(202, 204, 400), timeout=60)

    # --- a kernel over the proxy ---------------------------------------------------------------------------
    async def open_kernel(self, path="notebooks"):
        k = json.loads((await self.fetch(f"/user/{self.name}/api/kernels", "POST", body={"name": "java", "path": path})).body)
        self.kernel_id = k["id"]
        url = (self.base.replace("https://", "wss://").replace("http://", "ws://")
               + f"/user/{self.name}/api/kernels/{self.kernel_id}/channels?session_id={uuid.uuid4().hex}")
        req = HTTPRequest(url, headers={"Authorization": f"token {self.token}"}, ssl_options=self.ssl,
                          request_timeout=120)
        self.ws = await websocket_connect(req, max_message_size=64 * 1024 * 1024)
        self.session = uuid.uuid4().hex
        reply = await self.request("kernel_info_request", {}, channel="shell", timeout=120)
        if reply["content"].get("status", "ok") != "ok":   # JJava leaves status out of kernel_info_reply
            raise Failure(f"kernel_info failed: {reply['content']}")

    def message(self, msg_type, content, channel):
        return {"header": {"msg_id": uuid.uuid4().hex, "username": self.name, "session": self.session,
                           "msg_type": msg_type, "version": "5.3", "date": ""},
                "parent_header": {}, "metadata": {}, "content": content, "channel": channel, "buffers": []}

    async def request(self, msg_type, content, channel="shell", timeout=120, outputs=None):
        """Sends a request; returns its reply once the kernel is idle again (outputs collected on the way)."""
        msg = self.message(msg_type, content, channel)
        mid = msg["header"]["msg_id"]
        await self.ws.write_message(json.dumps(msg))
        reply, idle = None, msg_type == "kernel_info_request"
        deadline = time.monotonic() + timeout
        while reply is None or not idle:
            left = deadline - time.monotonic()
            if left <= 0:
                raise Failure(f"{msg_type}: no answer in {timeout} s")
            raw = await asyncio.wait_for(self.ws.read_message(), left)
            if raw is None:
                raise Failure(f"{msg_type}: the kernel's websocket closed (kernel died?)")
            m = json.loads(raw)
            if m.get("parent_header", {}).get("msg_id") != mid:
                continue
            t = m["header"]["msg_type"]
            if m.get("channel") == "shell" and t.endswith("_reply"):
                reply = m
            elif t == "status" and m["content"].get("execution_state") == "idle":
                idle = True
            elif outputs is not None and t in ("stream", "display_data", "execute_result", "error"):
                out = {"output_type": t, **m["content"]}
                if t == "stream":
                    out["text"] = m["content"].get("text", "")
                outputs.append(out)
                self.result["last_output_at"] = time.monotonic()
        return reply

    async def run_cell(self, code, timeout):
        outputs = []
        reply = await self.request("execute_request", {"code": code, "silent": False, "store_history": True,
                                                       "user_expressions": {}, "allow_stdin": False,
                                                       "stop_on_error": True}, timeout=timeout, outputs=outputs)
        return reply["content"], outputs

    async def close_kernel(self):
        try:
            self.ws.close()
            await self.fetch(f"/user/{self.name}/api/kernels/{self.kernel_id}", "DELETE", ok=(204, 404))
        except Exception:
            pass

    # --- the whole visit ----------------------------------------------------------------------------------
    async def visit(self, code, notebook, checks, timeout):
        r = self.result
        t0 = time.monotonic()
        try:
            if not await self.sign_in(code):
                raise Failure("the hub refused the workshop code")
            r["signed_in_s"] = time.monotonic() - t0
            t_start = time.monotonic()
            await self.start_server(timeout)
            r["server_ready_s"] = time.monotonic() - t_start
            nb = json.loads((await self.fetch(f"/user/{self.name}/api/contents/notebooks/{quote(notebook)}?content=1")).body)["content"]
            await self.open_kernel()
            r["kernel_ready_s"] = time.monotonic() - t_start
            all_outputs = []
            for i, cell in enumerate(nb["cells"]):
                if cell["cell_type"] != "code":
                    continue
                src = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
                content, outputs = await self.run_cell(src, timeout)
                all_outputs += outputs
                allowed = "raises-exception" in cell.get("metadata", {}).get("tags", [])
                if content.get("status") != "ok" and not allowed:
                    err = next((o for o in outputs if o["output_type"] == "error"), {})
                    r["problems"].append(f"cell {i} failed: {err.get('ename', content.get('ename'))}: "
                                         f"{ANSI.sub('', err.get('evalue', content.get('evalue', '')))[:300]}")
                    break
            r["last_output_s"] = r.get("last_output_at", time.monotonic()) - t_start
            text = ANSI.sub("", "\n".join(output_text(o) for o in all_outputs))
            mimes = {m for o in all_outputs for m in o.get("data", {})}
            for want in checks:
                if want.startswith("mime:") and want[5:] not in mimes:
                    r["problems"].append(f"no output of type {want[5:]} (checks.json)")
                elif not want.startswith("mime:") and want not in text:
                    r["problems"].append(f"expected output not found: {want!r} (checks.json)")
            r["cells"] = sum(1 for c in nb["cells"] if c["cell_type"] == "code")
        except (Failure, asyncio.TimeoutError) as e:
            r["problems"].append(str(e) or type(e).__name__)
        except Exception as e:
            r["problems"].append(f"{type(e).__name__}: {e}")
        r["ok"] = not r["problems"]


HUB_HOMES = None   # <hub dir>/users of a hub this test started: processes are matched by their HOME too


def mine(environ: bytes, name: str) -> bool:
    if f"JUPYTERHUB_USER={name}\0".encode() not in environ:
        return False
    return HUB_HOMES is None or f"HOME={HUB_HOMES}/{name}\0".encode() in environ


# --- memory: RSS of every process of a student (server, kernel launcher, kernel), from /proc ------------------
def rss_by_user(names):
    """Per student, the RSS of their server (jupyterhub-singleuser) and of the kernel's two JVMs (JJava's
    launcher and the kernel), matched by JUPYTERHUB_USER in their environment. Short-lived children (the
    openssl a cell starts, and the moment between a JVM's fork and exec, when the child still shows its
    parent's memory) are left out."""
    totals = dict.fromkeys(names, 0)
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
            if b"jupyterhub-singleuser" not in cmdline and b"jjava" not in cmdline:
                continue
            env = Path(f"/proc/{pid}/environ").read_bytes()
            m = re.search(rb"(?:^|\0)JUPYTERHUB_USER=([^\0]*)", env)
            if not m or m.group(1).decode() not in totals or not mine(env, m.group(1).decode()):
                continue
            rss = int(re.search(r"VmRSS:\s+(\d+)", Path(f"/proc/{pid}/status").read_text()).group(1)) * 1024
            totals[m.group(1).decode()] += rss
        except (OSError, AttributeError):
            continue
    return totals


def mem_available():
    return int(re.search(r"MemAvailable:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1)) * 1024


def pids_of(name, pattern):
    found = []
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            try:
                if mine(Path(f"/proc/{pid}/environ").read_bytes(), name) \
                        and re.search(pattern, Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()):
                    found.append(int(pid))
            except OSError:
                pass
    return found


async def sample_memory(names, peaks, stop):
    loop = asyncio.get_running_loop()
    peaks["machine_before"] = peaks["machine_min"] = mem_available()
    while not stop.is_set():
        peaks["machine_min"] = min(peaks["machine_min"], mem_available())
        now = await loop.run_in_executor(None, rss_by_user, names)
        for n, v in now.items():
            peaks[n] = max(peaks.get(n, 0), v)
        try:
            await asyncio.wait_for(stop.wait(), 0.5)
        except asyncio.TimeoutError:
            pass


# --- one-off checks on a hub of our own --------------------------------------------------------------------------
async def check_wrong_code(args, ctx):
    s = Student("intruder", args, ctx)
    return [] if not await s.sign_in("not-the-code") else ["a wrong workshop code was accepted"]


async def check_isolation(a: Student, b: Student):
    """a's token must not reach b's server."""
    resp = await a.fetch(f"/user/{b.name}/api/contents/notebooks", ok=None)
    if resp.code in (200, 201):
        return [f"{a.name}'s token read {b.name}'s files (HTTP {resp.code})"]
    return []


async def check_limits(s: Student, heap_mib):
    problems = []
    await s.close_kernel()
    await s.open_kernel()
    content, out = await s.run_cell("Runtime.getRuntime().maxMemory() / (1024 * 1024)", 60)
    text = "".join(output_text(o) for o in out)
    got = int(re.sub(r"\D", "", text) or 0)
    if not (0 < got <= heap_mib):
        problems.append(f"kernel heap is {got} MiB, expected at most the hub's cap of {heap_mib} MiB ({text!r})")
    content, out = await s.run_cell("var hog = new java.util.ArrayList<byte[]>();\n"
                                    "while (true) hog.add(new byte[16 * 1024 * 1024]);", 120)
    text = "".join(output_text(o) for o in out)
    if "OutOfMemoryError" not in text:
        problems.append(f"allocating past the heap cap gave no OutOfMemoryError: {text[:200]!r}")
    content, out = await s.run_cell("hog = null; System.gc(); \"kernel still alive\"", 60)
    if "kernel still alive" not in "".join(output_text(o) for o in out):
        problems.append("the kernel did not survive its OutOfMemoryError")
    kernels = pids_of(s.name, r"jjava\.jar")
    if not kernels:
        problems.append("could not find the student's kernel process")
    for pid in kernels:
        limits = Path(f"/proc/{pid}/limits").read_text()
        line = next((ln for ln in limits.splitlines() if ln.startswith("Max address space")), "")
        if "unlimited" in line and not s.args.systemd:
            problems.append(f"kernel {pid} has no address-space limit: {line}")
    await s.close_kernel()
    return problems


async def check_restart(hub: Hub, args, ctx):
    """A file the student saves is still there after the hub restarts."""
    s = Student("persist", args, ctx)
    problems = []
    if not await s.sign_in(hub.code):
        return ["persist: sign-in refused"]
    await s.start_server(args.timeout)
    await s.fetch("/user/persist/api/contents/notebooks/my-notes.txt", "PUT",
                  body={"type": "file", "format": "text", "content": "saved before the restart"})
    hub.stop()
    hub.start()
    s2 = Student("persist", args, ctx)
    if not await s2.sign_in(hub.code):
        return ["persist: sign-in refused after the restart"]
    await s2.start_server(args.timeout)
    got = json.loads((await s2.fetch("/user/persist/api/contents/notebooks/my-notes.txt?content=1")).body)
    if got.get("content") != "saved before the restart":
        problems.append(f"the student's file did not survive a hub restart: {got.get('content')!r}")
    await s2.stop_server()
    return problems


def mib(b):
    return b / (1024 * 1024)


async def main_async(args):
    checks = json.loads((ROOT / "notebooks" / "checks.json").read_text()).get(args.notebook, [])
    hub = None
    tmp = None
    problems = []
    if not args.url:
        tmp = Path(tempfile.mkdtemp(prefix="tlslab-hub-load-"))
        hub = Hub(tmp, ["--mem", args.mem, "--idle", "3600"])
        t = time.monotonic()
        hub.start()
        print(f"hub started in {time.monotonic() - t:.1f} s at {hub.url} (state in {tmp})", flush=True)
        args.url, args.code, args.cafile = hub.url, hub.code, hub.cafile
        global HUB_HOMES
        HUB_HOMES = str(tmp / "users")
    ctx = ssl.create_default_context(cafile=args.cafile) if args.cafile else ssl.create_default_context()
    try:
        names = [f"student{i:02d}" for i in range(1, args.students + 1)]
        students = [Student(n, args, ctx) for n in names]
        peaks, stop = {}, asyncio.Event()
        sampler = asyncio.create_task(sample_memory(names, peaks, stop))
        t0 = time.monotonic()
        await asyncio.gather(*(s.visit(args.code, args.notebook, checks, args.timeout) for s in students))
        wall = time.monotonic() - t0
        stop.set()
        await sampler
        if hub:
            async def check(what, coro):
                found = await coro
                print(f"check: {what}: " + ("ok" if not found else "FAILED"), flush=True)
                problems.extend(found)
            await check("a wrong workshop code is refused", check_wrong_code(args, ctx))
            if len(students) >= 2 and students[0].token:
                await check("one student's token cannot open another's server", check_isolation(students[0], students[1]))
            if students[0].result["ok"]:
                heap = int(args.mem[:-1]) * (1024 if args.mem.endswith("G") else 1) // 2
                await check(f"kernel heap capped at {heap} MiB, OutOfMemoryError past it, kernel lives on, address space limited",
                            check_limits(students[0], heap))
            home = tmp / "users" / names[0]
            await check("the student's own copy of notebooks/ and exercises/", asyncio.sleep(0, [] if (
                (home / "notebooks" / args.notebook).exists() and (home / "exercises").is_dir()) else [f"no course copy in {home}"]))
        extra = []
        if hub and args.browser:
            cmd = ["node", str(ROOT / "browser-test" / "hub-check.mjs"), "--url", args.url, "--cert", args.cafile,
                   "--name", "browser01", "--code", args.code, "--notebook", "notebooks/00-start-here.ipynb",
                   "--expect-text", "TLS Lab is ready."]
            t = time.monotonic()
            proc = await asyncio.create_subprocess_exec(*cmd)
            rc = await proc.wait()
            print(f"check: a student signs in and runs notebook 00 in Chromium through the hub ({time.monotonic() - t:.0f} s): "
                  + ("ok" if rc == 0 else "FAILED"), flush=True)
            if rc:
                problems.append("the browser check through the hub failed (see its messages above)")
            browser_student = Student("browser01", args, ctx)
            await browser_student.sign_in(args.code)
            extra.append(browser_student)
        # stop the servers with their kernels still running, as the idle culler does
        await asyncio.gather(*(s.stop_server() for s in students + extra if s.token), return_exceptions=True)
        if hub:
            left = []
            for _ in range(60):
                left = [p for n in names + [e.name for e in extra] for p in pids_of(n, ".")]
                if not left:
                    break
                await asyncio.sleep(0.5)
            print("check: stopped servers leave no process behind (kernels included): " + ("ok" if not left else "FAILED"))
            if left:
                problems.append(f"processes of stopped servers still running: {left}")
        if hub and args.restart_check:
            try:
                found = await check_restart(hub, args, ctx)
            except Failure as e:
                found = [f"restart check: {e}"]
            print("check: a student's file survives a restart of the hub: " + ("ok" if not found else "FAILED"), flush=True)
            problems += found

        # --- report ---
        print(f"\n{args.students} student(s), notebook {args.notebook}, through {args.url}; wall time {wall:.1f} s")
        print(f"  {'student':<10} {'server ready':>12} {'kernel ready':>12} {'last output':>12} {'peak RSS':>10}  result")
        for s in students:
            r = s.result
            f = lambda k: f"{r[k]:10.1f} s" if k in r else f"{'-':>12}"
            print(f"  {s.name:<10} {f('server_ready_s')} {f('kernel_ready_s')} {f('last_output_s')} "
                  f"{mib(peaks.get(s.name, 0)):7.0f} MiB  {'ok' if r['ok'] else 'FAILED'}")
            for p in r["problems"]:
                print(f"      - {p}")
        ok = [s.result for s in students if s.result["ok"]]
        summary = {"students": args.students, "notebook": args.notebook, "passed": len(ok),
                   "failed": args.students - len(ok), "wall_s": round(wall, 1)}
        for key in ("kernel_ready_s", "last_output_s"):
            vals = [r[key] for r in ok if key in r]
            if vals:
                summary[key] = {"median": round(statistics.median(vals), 1), "max": round(max(vals), 1)}
        rss = [mib(peaks[n]) for n in names if peaks.get(n)]
        if rss:
            summary["peak_rss_mib"] = {"median": round(statistics.median(rss)), "max": round(max(rss)),
                                       "sum": round(sum(rss))}
        summary["machine_memory_used_mib"] = round(mib(peaks["machine_before"] - peaks["machine_min"]))
        print("  summary: " + json.dumps(summary))
        for p in problems:
            print(f"  - {p}")
        if args.json:
            Path(args.json).write_text(json.dumps({"summary": summary, "students": [s.result for s in students],
                                                   "problems": problems}, indent=2, default=str))
        failed = args.students - len(ok) + len(problems)
        print(f"hub-load: {len(ok)} passed, {failed} failed")
        if failed and hub:
            args.keep = True   # the whole hub log and the students' folders, for a look afterwards
            print(f"the hub's directory is kept for a look: {tmp} (its log: {hub.log_path})")
        return 1 if failed else 0
    finally:
        if hub:
            hub.stop()
            if not args.keep:
                shutil.rmtree(tmp, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--students", type=int, default=int(os.environ.get("TLSLAB_HUB_STUDENTS", "10")))
    ap.add_argument("--notebook", default="04b-rsa-key-transport.ipynb")
    ap.add_argument("--timeout", type=int, default=300, help="per step (server start, one cell), seconds")
    ap.add_argument("--mem", default="2G", help="--mem for the hub this test starts")
    ap.add_argument("--url", help="an already running hub (then also --code and --cafile)")
    ap.add_argument("--code", help="its workshop code")
    ap.add_argument("--cafile", help="CA (or certificate) to trust for its HTTPS")
    ap.add_argument("--restart-check", action="store_true", help="also restart the hub and look for a student's file")
    ap.add_argument("--keep", action="store_true", help="keep the test hub's directory")
    ap.add_argument("--browser", action="store_true",
                    help="also sign in with Chromium (browser-test/hub-check.mjs) and run notebook 00 there")
    ap.add_argument("--json", help="write the results here")
    args = ap.parse_args()
    args.systemd = False
    if args.url and not args.code:
        ap.error("--url needs --code")
    return asyncio.run(main_async(args))


if __name__ == "__main__":
    sys.exit(main())
