"""Start a throwaway in-memory DynamoDB Local (the npm-bundled jar) for tests."""
from __future__ import annotations

import socket
import subprocess
import time
from contextlib import contextmanager

from tools.run_local import find_dynamodb_jar


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running_dynamodb_local():
    jar = find_dynamodb_jar()
    port = free_port()
    proc = subprocess.Popen(
        ["java", f"-Djava.library.path={jar.parent / 'DynamoDBLocal_lib'}", "-jar", str(jar),
         "-port", str(port), "-inMemory", "-disableTelemetry"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=jar.parent,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"DynamoDB Local exited: {proc.stderr.read().decode(errors='replace')}")
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError("DynamoDB Local did not start within 60 s")
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
