"""Configure the Jupyter of the running Python environment for TLS Lab's Java kernel.

1. The JJava kernelspec ("java"): `pip install jjava` puts <prefix>/share/jupyter/kernels/java/kernel.json
   there, whose launcher starts the kernel with the first `java` on PATH. Put the chosen JDK's bin/ first
   on the kernel's PATH (Jupyter expands ${PATH} from the server's environment), set JAVA_HOME, and run
   the kernel JVM headless (images render to PNG without a display).
2. Jupyter Server (<prefix>/etc/jupyter/jupyter_server_config.json): JupyterLab takes a kernel's
   status from the idle/busy messages around requests, but ignores those of kernel_info requests
   (Jupyter Server lists them as "untracked"). JJava answers nothing else when a notebook opens, so
   JupyterLab would show the kernel as "Unknown" until the first cell runs. Tracking kernel_info
   requests makes it show "Idle" as soon as the kernel is ready. Also make Java the default kernel.
3. JupyterLab's settings defaults (<prefix>/share/jupyter/lab/settings/overrides.json): no "official
   Jupyter news?" question and no update check, which a class (on the hub, thirty of them) need not see
   and which would reach for the network.

Run it with the Python of the environment that serves the notebooks (e.g. .venv/bin/python).
Idempotent: writes only what changed.
"""
import argparse
import json
import os
import sys

from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

KERNEL = "java"
JVM_OPTS = "-Djava.awt.headless=true"


def write_json_if_changed(path: str, data: dict) -> bool:
    try:
        with open(path, encoding="utf-8") as f:
            if json.load(f) == data:
                return False
    except (OSError, ValueError):
        pass
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(data, f, indent=2)
        f.write("\n")
    return True


def configure_kernelspec(jdk: str) -> bool:
    try:
        spec_dir = KernelSpecManager().get_kernel_spec(KERNEL).resource_dir
    except NoSuchKernel:
        print(f"tlslab: ERROR: no '{KERNEL}' kernelspec in this Python environment ({sys.prefix}); "
              "is jjava installed (pip install -r requirements.txt)?", file=sys.stderr)
        return False
    own_dir = os.path.join(sys.prefix, "share", "jupyter", "kernels", KERNEL)
    if os.path.realpath(spec_dir) != os.path.realpath(own_dir):
        print(f"tlslab: WARNING: the '{KERNEL}' kernel Jupyter finds is {spec_dir}, not this environment's "
              f"{own_dir}; configuring the one Jupyter uses.", file=sys.stderr)

    path = os.path.join(spec_dir, "kernel.json")
    with open(path, encoding="utf-8") as f:
        spec = json.load(f)
    spec["env"] = {
        **(spec.get("env") or {}),
        "PATH": os.path.join(jdk, "bin") + os.pathsep + "${PATH}",
        "JAVA_HOME": jdk,
        "JJAVA_JVM_OPTS": JVM_OPTS,
    }
    if write_json_if_changed(path, spec):
        print(f"tlslab: Java kernel configured: {path} (JDK {jdk})")
    else:
        print(f"tlslab: Java kernel already configured (JDK {jdk}).")
    return True


def configure_server() -> None:
    try:
        from jupyter_server.services.kernels.kernelmanager import MappingKernelManager
    except ImportError:
        return  # no Jupyter Server here (e.g. only the headless runner): nothing to configure
    untracked = MappingKernelManager.class_traits()["untracked_message_types"].default()
    wanted = [t for t in untracked if t not in ("kernel_info_request", "kernel_info_reply")]
    # (jupyter_server_config.d/*.json is read for server extensions only, so use the main file.)
    path = os.path.join(sys.prefix, "etc", "jupyter", "jupyter_server_config.json")
    try:
        with open(path, encoding="utf-8") as f:
            config = json.load(f)
    except FileNotFoundError:
        config = {}
    # New notebooks (File → New → Notebook, the launcher's default) get the Java kernel, not Python.
    config.setdefault("MappingKernelManager", {}).update(untracked_message_types=wanted, default_kernel_name=KERNEL)
    if write_json_if_changed(path, config):
        print(f"tlslab: Jupyter Server configured: {path}")


def configure_lab() -> None:
    path = os.path.join(sys.prefix, "share", "jupyter", "lab", "settings", "overrides.json")
    try:
        with open(path, encoding="utf-8") as f:
            overrides = json.load(f)
    except FileNotFoundError:
        overrides = {}
    overrides.setdefault("@jupyterlab/apputils-extension:notification", {}).update(checkForUpdates=False, fetchNews="false")
    if write_json_if_changed(path, overrides):
        print(f"tlslab: JupyterLab settings configured: {path}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--jdk", required=True, help="JDK home, e.g. /usr/lib/jvm/java-17-openjdk-amd64")
    args = ap.parse_args()
    if not configure_kernelspec(args.jdk):
        return 1
    configure_server()
    configure_lab()
    return 0


if __name__ == "__main__":
    sys.exit(main())
