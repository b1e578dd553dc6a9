"""JupyterHub plug-ins for `./tlslab hub`: workshop sign-in and a per-student course copy.

WorkshopAuthenticator
    Students sign in with a name they choose and the workshop code the instructor shows in the room;
    nobody creates accounts by hand and nobody waits for approval. The instructor signs in under
    `instructor_name` with a separate password and is a JupyterHub admin (sees who is connected,
    stops servers). Anyone holding the workshop code can sign in under any student name: fine for a
    workshop in one room, not for graded work (use the university's JupyterHub and its sign-in).

CourseSpawner
    JupyterHub's SimpleLocalProcessSpawner (every single-user server runs as the hub's own OS user, so
    no root and no OS accounts), with
      - a home per student under the hub's data directory (`<hub dir>/users/<name>`), given on first
        sign-in a copy of notebooks/ and of exercises/notebooks/ (as exercises/); never copied over
        again, so a student's work survives restarts of their server and of the hub;
      - limits wrapped around the server's command (see `limit_command`), inherited by the kernels it
        starts.
"""
import asyncio
import hmac
import os
import re
import shutil
import signal
import uuid
from pathlib import Path

from jupyterhub.auth import Authenticator
from jupyterhub.spawner import SimpleLocalProcessSpawner
from traitlets import Bool, Integer, List, Unicode

NAME = re.compile(r"^[a-z][a-z0-9_-]{0,31}$")


class WorkshopAuthenticator(Authenticator):
    workshop_code = Unicode(config=True, help="The code every student types with their chosen name.")
    instructor_name = Unicode("instructor", config=True, help="The admin's user name.")
    instructor_password = Unicode(config=True, help="The admin's password (not the workshop code).")

    async def authenticate(self, handler, data):
        name = self.normalize_username((data.get("username") or "").strip())
        secret = data.get("password") or ""
        if not NAME.match(name):
            self.log.info("sign-in refused: name %r is not 1-32 lower-case letters, digits, - or _", name)
            return None
        if name == self.instructor_name:
            if self.instructor_password and hmac.compare_digest(secret.encode(), self.instructor_password.encode()):
                return {"name": name, "admin": True}
            self.log.warning("sign-in as %s refused: wrong instructor password", name)
            return None
        if self.workshop_code and hmac.compare_digest(secret.strip().encode(), self.workshop_code.encode()):
            return {"name": name, "admin": False}
        self.log.info("sign-in as %s refused: wrong workshop code", name)
        return None


class CourseSpawner(SimpleLocalProcessSpawner):
    course_root = Unicode(config=True, help="The course repository (its notebooks/ and exercises/notebooks/ are copied).")
    limit_command = List(Unicode(), config=True,
                         help="Command prefix that applies the per-student limits (e.g. systemd-run ... or prlimit ...).")
    kernel_jvm_options = Unicode("", config=True, help="JDK_JAVA_OPTIONS for every java the student's server starts (heap cap).")
    copy_done = Unicode(".tlslab-course-copied", config=True)
    keep_java_tool_options = Bool(True, config=True,
                                  help="Pass the hub's JAVA_TOOL_OPTIONS on (e.g. -Duser.home for a separate ~/.m2).")
    kernel_cull_idle = Integer(1200, config=True, help="Seconds after which the server shuts down an idle kernel.")

    def copy_course(self) -> None:
        home = Path(self.home_dir)
        marker = home / self.copy_done
        if marker.exists():
            return
        home.mkdir(parents=True, exist_ok=True)
        root = Path(self.course_root)
        ignore = shutil.ignore_patterns(".ipynb_checkpoints", "checks.json")
        if not (home / "notebooks").exists():
            shutil.copytree(root / "notebooks", home / "notebooks", ignore=ignore)
        if not (home / "exercises").exists():
            shutil.copytree(root / "exercises" / "notebooks", home / "exercises", ignore=ignore)
        marker.write_text("the course was copied here on first sign-in; delete this file and the folders to get a fresh copy\n")
        self.log.info("copied the course for %s into %s", self.user.name, home)

    def get_env(self):
        env = super().get_env()
        # every process of this server (kernels included: they start in sessions of their own) carries
        # this mark, so stop() can find what the server left running
        self.spawn_mark = uuid.uuid4().hex
        env["TLSLAB_HUB_SPAWN"] = self.spawn_mark
        if self.kernel_jvm_options:
            env["JDK_JAVA_OPTIONS"] = self.kernel_jvm_options
        if self.keep_java_tool_options and os.environ.get("JAVA_TOOL_OPTIONS"):
            env["JAVA_TOOL_OPTIONS"] = os.environ["JAVA_TOOL_OPTIONS"]
        if self.mem_limit:
            env["MEM_LIMIT"] = str(self.mem_limit)
        return env

    def get_args(self):
        # containers and CI machines often run as root, where Jupyter Server refuses to start without this
        root = ["--allow-root"] if os.getuid() == 0 else []
        return super().get_args() + root + [
            f"--MappingKernelManager.cull_idle_timeout={self.kernel_cull_idle}",
            "--MappingKernelManager.cull_interval=60",
            "--MappingKernelManager.cull_connected=False",
            # thirty JVMs starting at once on two cores take longer than Jupyter Server's default 60 s to
            # answer their first kernel_info_request, and the notebook would show a dead kernel
            "--MappingKernelManager.kernel_info_timeout=180",
            # while a kernel has not answered, Jupyter Server keeps nudging it and the websocket's pongs
            # go unseen: its default 90 s ping timeout then drops the notebook's connection before the
            # 180 s above are up (one of 30 students in a load test)
            '--ServerApp.tornado_settings={"ws_ping_timeout": 240000}',
        ]

    def get_state(self):
        state = super().get_state()
        if getattr(self, "spawn_mark", None):
            state["spawn_mark"] = self.spawn_mark
        return state

    def load_state(self, state):
        super().load_state(state)
        if state.get("spawn_mark"):
            self.spawn_mark = state["spawn_mark"]

    def marked_processes(self):
        mark = f"TLSLAB_HUB_SPAWN={getattr(self, 'spawn_mark', '')}\0".encode()
        found = []
        if not getattr(self, "spawn_mark", None):
            return found
        for pid in os.listdir("/proc"):
            if pid.isdigit():
                try:
                    with open(f"/proc/{pid}/environ", "rb") as f:
                        if mark in f.read():
                            found.append(int(pid))
                except OSError:
                    pass
        return found

    async def stop(self, now=False):
        """Stops the server, then whatever it left running: Jupyter Server does not always take its kernels
        with it (JJava's launcher and kernel JVM survived a server stopped by the hub or the idle culler)."""
        await super().stop(now=now)
        for sig, wait in ((signal.SIGTERM, 5), (signal.SIGKILL, 2)):
            left = await asyncio.get_running_loop().run_in_executor(None, self.marked_processes)
            if not left:
                break
            self.log.info("stopping %d process(es) %s's server left behind: %s", len(left), self.user.name, left)
            for pid in left:
                try:
                    os.kill(pid, sig)
                except OSError:
                    pass
            for _ in range(wait * 10):
                await asyncio.sleep(0.1)
                if not await asyncio.get_running_loop().run_in_executor(None, self.marked_processes):
                    break

    async def start(self):
        self.copy_course()
        original = list(self.cmd)
        self.cmd = list(self.limit_command) + original
        try:
            return await super().start()
        finally:
            self.cmd = original
