# JupyterHub configuration for `./tlslab hub` (scripts/hub.sh starts `jupyterhub -f` on this file).
# Everything that varies per run comes from TLSLAB_HUB_* variables set by scripts/hub.sh.
import os
import shlex
import signal
import sys

# Started as a background job (`./tlslab hub &`, nohup), the hub inherits SIGINT ignored and hands that on
# to the idle culler, which then ignores the hub's stop signal and holds up every shutdown by ~30 s.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

c = get_config()  # noqa: F821 (JupyterHub's config loader defines it)
env = os.environ
root = env["TLSLAB_ROOT"]
hub_dir = env["TLSLAB_HUB_DIR"]
venv_bin = os.path.join(root, ".venv", "bin")

# --- where the hub listens, its state ------------------------------------------------------------
c.JupyterHub.ip = env.get("TLSLAB_HUB_IP", "127.0.0.1")
c.JupyterHub.port = int(env["TLSLAB_HUB_PORT"])
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = int(env["TLSLAB_HUB_API_PORT"])          # free ports picked by scripts/hub.sh, so
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{env['TLSLAB_PROXY_API_PORT']}"  # two hubs can run side by side
if env.get("TLSLAB_HUB_CERT"):
    c.JupyterHub.ssl_cert = env["TLSLAB_HUB_CERT"]
    c.JupyterHub.ssl_key = env["TLSLAB_HUB_KEY"]
c.JupyterHub.db_url = "sqlite:///" + os.path.join(hub_dir, "jupyterhub.sqlite")
c.JupyterHub.cookie_secret_file = os.path.join(hub_dir, "cookie_secret")
c.ConfigurableHTTPProxy.pid_file = os.path.join(hub_dir, "proxy.pid")
c.ConfigurableHTTPProxy.command = [os.path.join(root, "hub", "node_modules", ".bin", "configurable-http-proxy")]
c.JupyterHub.template_paths = [os.path.join(root, "hub", "templates")]
c.JupyterHub.cleanup_servers = True   # stopping the hub stops the students' servers; their files stay

# --- sign-in: name + workshop code; the instructor is the admin ------------------------------------
c.JupyterHub.authenticator_class = "tlslab_hub.WorkshopAuthenticator"
c.WorkshopAuthenticator.workshop_code = env["TLSLAB_HUB_CODE"]
c.WorkshopAuthenticator.instructor_name = env.get("TLSLAB_HUB_ADMIN", "instructor")
c.WorkshopAuthenticator.instructor_password = env["TLSLAB_HUB_ADMIN_PASSWORD"]
c.Authenticator.allow_all = True                  # whoever has the code may sign in
c.Authenticator.admin_users = {c.WorkshopAuthenticator.instructor_name}
c.JupyterHub.admin_access = False                 # the admin sees and stops servers, but does not open students' notebooks

# --- one server per student, with the course copied and limits applied ----------------------------------
c.JupyterHub.spawner_class = "tlslab_hub.CourseSpawner"
c.CourseSpawner.course_root = root
c.CourseSpawner.home_dir_template = os.path.join(hub_dir, "users", "{username}")
c.Spawner.cmd = [os.path.join(venv_bin, "jupyterhub-singleuser")]
c.Spawner.default_url = "/lab/tree/notebooks/00-start-here.ipynb"
c.Spawner.start_timeout = int(env.get("TLSLAB_HUB_START_TIMEOUT", "120"))
c.Spawner.http_timeout = int(env.get("TLSLAB_HUB_START_TIMEOUT", "120"))
c.Spawner.mem_limit = env.get("TLSLAB_HUB_MEM") or None
c.Spawner.cpu_limit = float(env["TLSLAB_HUB_CPU"]) if env.get("TLSLAB_HUB_CPU") else None
c.CourseSpawner.limit_command = shlex.split(env.get("TLSLAB_HUB_LIMIT_COMMAND", ""))
c.CourseSpawner.kernel_jvm_options = env.get("TLSLAB_HUB_JVM_OPTIONS", "")
c.CourseSpawner.kernel_cull_idle = int(env.get("TLSLAB_HUB_KERNEL_IDLE", "1200"))
c.Spawner.environment = {"MALLOC_ARENA_MAX": "2"}   # fewer glibc arenas: less reserved memory per JVM
# A hub of students starting kernels at once: let them all start (JupyterHub's default caps are for big hubs).
c.JupyterHub.concurrent_spawn_limit = int(env.get("TLSLAB_HUB_SPAWN_LIMIT", "100"))
c.JupyterHub.active_server_limit = int(env.get("TLSLAB_HUB_MAX_SERVERS", "0"))

# --- idle servers are stopped (jupyterhub-idle-culler, as a hub service) -----------------------------------
idle = env.get("TLSLAB_HUB_IDLE", "3600")
c.JupyterHub.services = [{
    "name": "idle-culler",
    "command": [sys.executable, "-m", "jupyterhub_idle_culler", f"--timeout={idle}", "--cull-every=60"],
}]
c.JupyterHub.load_roles = [{
    "name": "idle-culler",
    "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
    "services": ["idle-culler"],
}]
if env.get("TLSLAB_HUB_TEST_TOKEN"):   # the load test drives the hub through its REST API as a service
    c.JupyterHub.services.append({"name": "load-test", "api_token": env["TLSLAB_HUB_TEST_TOKEN"]})
    c.JupyterHub.load_roles.append({
        "name": "load-test",
        "scopes": ["admin:users", "admin:servers", "tokens", "access:servers", "list:users", "read:users"],
        "services": ["load-test"],
    })
