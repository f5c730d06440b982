"""Helpers shared by the browser tests and the scripts: a demo database, and the app on a port.

`demo_database(folder, as_at)` fills a new SQLite file with the demo council and returns its URL;
`serve_app(database_url)` starts `streamlit run app.py` on a free port, waits until it is healthy,
yields the base URL and stops the app on the way out.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from readiness.db.engine import make_engine  # noqa: E402
from readiness.demo.prepare import prepare_database  # noqa: E402
from readiness.settings import DATABASE_ENV  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def demo_database(folder: Path, as_at: date) -> str:
    """A new SQLite database in `folder` holding the demo council's plan; returns its URL."""
    url = f"sqlite:///{Path(folder) / 'readiness.db'}"
    engine = make_engine(url)
    try:
        prepare_database(engine, as_at, demo=True)
    finally:
        engine.dispose()
    return url


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _healthy(base_url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{base_url}/_stcore/health", timeout=2) as response:
            return response.status == 200 and response.read().strip() == b"ok"
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return False


def _tail(path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


@contextmanager
def serve_app(
    database_url: str,
    log_path: Path | None = None,
    timeout: float = 60,
    *,
    port: int | None = None,
    args: Sequence[str] = (),
) -> Iterator[str]:
    """Run the app against `database_url` on `port` (default: a free one), with more of
    streamlit's flags in `args` (`--secrets.files` for sign-in); yield its base URL, then stop
    it."""
    env = {**os.environ, DATABASE_ENV: database_url}
    with serve_script(ROOT / "app.py", env, log_path, timeout, port=port, args=args) as base_url:
        yield base_url


@contextmanager
def serve_script(
    script: Path,
    env: dict[str, str],
    log_path: Path | None = None,
    timeout: float = 60,
    *,
    port: int | None = None,
    args: Sequence[str] = (),
) -> Iterator[str]:
    """`streamlit run script` (from its folder) on `port` (default: a free one), with `args`;
    yield its base URL, then stop it."""
    port = port or free_port()
    base_url = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "streamlit", "run", str(script)]
    command += ["--server.port", str(port), "--server.address", "127.0.0.1"]
    command += ["--server.headless", "true", "--browser.gatherUsageStats", "false", *args]
    log_path = Path(log_path) if log_path else Path(os.devnull)
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            command, cwd=script.parent, env=env, stdout=log, stderr=subprocess.STDOUT
        )
        try:
            deadline = time.monotonic() + timeout
            while not _healthy(base_url):
                if process.poll() is not None:
                    raise RuntimeError(
                        f"streamlit exited with code {process.returncode} before it was "
                        f"healthy. Log:\n{_tail(log_path)}"
                    )
                if time.monotonic() > deadline:
                    raise TimeoutError(
                        f"streamlit did not answer {base_url}/_stcore/health within "
                        f"{timeout:.0f} s. Log:\n{_tail(log_path)}"
                    )
                time.sleep(0.25)
            yield base_url
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
