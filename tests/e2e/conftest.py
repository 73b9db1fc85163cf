"""The real local stack (`make run`'s runner) as a subprocess, for the e2e tests.

Free ports and a temporary data dir; AWS_ENDPOINT_URL_* removed from the
environment so the runner starts its own DynamoDB Local. Python does not resolve
`*.localhost`, so requests go to 127.0.0.1 with a `Host:` header.
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests

REPO = Path(__file__).resolve().parents[2]
ROOT_DOMAIN = "wuxue.localhost"
START_TIMEOUT = 120.0
STOP_TIMEOUT = 20.0


def free_ports(n: int) -> list[int]:
    socks = []
    try:
        for _ in range(n):
            s = socket.socket()
            s.bind(("127.0.0.1", 0))
            socks.append(s)
        return [s.getsockname()[1] for s in socks]
    finally:
        for s in socks:
            s.close()


def listening(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def processes_mentioning(*needles: str) -> list[str]:
    """Command lines of live processes containing every needle (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            raw = (entry / "cmdline").read_bytes()
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state == "Z":  # a zombie is dead already
            continue
        cmdline = raw.replace(b"\0", b" ").decode(errors="replace")
        if cmdline and all(n in cmdline for n in needles):
            found.append(f"{entry.name}: {cmdline}")
    return found


class LocalStackProcess:
    """`python -m tools.run_local` with its own ports and data dir."""

    def __init__(self, data_dir: Path, log_dir: Path):
        self.port, self.dynamodb_port = free_ports(2)
        self.data_dir = data_dir
        self.log_dir = log_dir
        self.proc: subprocess.Popen | None = None
        self.starts = 0
        self.log_path: Path | None = None
        self.http = requests.Session()
        self.http.trust_env = False  # no proxy from the environment for loopback

    # -- addresses --------------------------------------------------------------

    def host(self, label: str) -> str:
        return f"{label}.{ROOT_DOMAIN}:{self.port}"

    def get(self, host: str, path: str = "/", **kwargs) -> requests.Response:
        """GET http://<host><path> through 127.0.0.1 (host may carry the port)."""
        if ":" not in host:
            host = f"{host}:{self.port}"
        headers = {"Host": host, **kwargs.pop("headers", {})}
        return self.http.get(f"http://127.0.0.1:{self.port}{path}", headers=headers, allow_redirects=False,
                             timeout=kwargs.pop("timeout", 30), **kwargs)

    def get_url(self, url: str, **kwargs) -> requests.Response:
        """GET an absolute URL the app produced (http://<label>.wuxue.localhost:<port>/...)."""
        parts = urlsplit(url)
        assert parts.scheme == "http" and parts.port == self.port, url
        return self.get(parts.netloc, parts.path + (f"?{parts.query}" if parts.query else ""), **kwargs)

    # -- life cycle ---------------------------------------------------------------

    def log_tail(self, lines: int = 60) -> str:
        if not self.log_path or not self.log_path.exists():
            return "(no output)"
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])

    @property
    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def start(self) -> float:
        assert not self.running
        env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_ENDPOINT_URL")}
        env["PYTHONUNBUFFERED"] = "1"
        self.starts += 1
        self.log_path = self.log_dir / f"run_local-{self.starts}.log"
        started = time.monotonic()
        with open(self.log_path, "wb") as out:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "tools.run_local", "--port", str(self.port),
                 "--dynamodb-port", str(self.dynamodb_port), "--data-dir", str(self.data_dir)],
                cwd=REPO, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = started + START_TIMEOUT
        while True:
            if self.proc.poll() is not None:
                pytest.fail(f"run_local exited with code {self.proc.returncode} while starting:\n{self.log_tail()}")
            try:
                self.get(self.host("www"), "/", timeout=5)
                return time.monotonic() - started
            except requests.RequestException:
                pass
            if time.monotonic() > deadline:
                self.kill()
                pytest.fail(f"the local stack did not answer within {START_TIMEOUT:.0f} s:\n{self.log_tail()}")
            time.sleep(0.25)

    def stop(self) -> float:
        """SIGINT (what Ctrl-C sends) to the runner; returns how long it took to exit."""
        assert self.proc is not None
        started = time.monotonic()
        self.proc.send_signal(signal.SIGINT)
        try:
            self.proc.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            self.kill()
            pytest.fail(f"run_local did not exit within {STOP_TIMEOUT:.0f} s of SIGINT:\n{self.log_tail()}")
        return time.monotonic() - started

    def listening_ports(self) -> list[int]:
        return [p for p in (self.port, self.dynamodb_port) if listening(p)]

    def leftovers(self) -> list[str]:
        """Processes this stack started that are still alive."""
        return (processes_mentioning("DynamoDBLocal.jar", str(self.data_dir))
                + processes_mentioning("chalice", "local", f"--port {self.port}")
                + processes_mentioning("tools.run_local", f"--port {self.port}"))

    def kill(self) -> None:
        """Last resort (a failed test): kill the runner's group and anything it left."""
        if self.proc is not None and self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.proc.wait(10)
        for line in self.leftovers():
            pid = int(line.split(":", 1)[0])
            for kill in (os.killpg, os.kill):
                try:
                    kill(pid, signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    pass


@pytest.fixture(scope="module")
def local_stack(tmp_path_factory):
    base = tmp_path_factory.mktemp("local-stack")
    stack = LocalStackProcess(base / "data", base)
    yield stack
    if stack.running:
        stack.stop()
    stack.kill()


@pytest.fixture
def running_stack(local_stack):
    if not local_stack.running:
        local_stack.start()
    return local_stack
