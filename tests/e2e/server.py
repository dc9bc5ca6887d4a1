"""`streamlit run app.py` as a child process: start it on a free port of 127.0.0.1, watch its memory, kill it
with SIGKILL and start it again on the same port.

Used by the e2e fixtures (tests/e2e/conftest.py), the real-server test (tests/e2e/test_server.py) and
bench/first_render.py::

    with StreamlitServer(root) as server:      # started; SIGKILLed on leaving the block
        ...server.url...
        server.peak_rss_mb                     # highest VmRSS sampled so far (the server and its children)
        server.restart()                       # SIGKILL, then the same command on the same port

Memory: a background thread reads VmRSS from /proc/<pid>/status of the server process and of every
descendant (found through /proc/<pid>/task/<tid>/children) every `sample_s` seconds and keeps the
highest sum. The kernel's own high-water mark of the main process (VmHWM) is kept too, as a check on the
sampling: a short spike between two samples is missed by the sampler but not by VmHWM.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from types import TracebackType

START_TIMEOUT_S = 60.0
SAMPLE_S = 0.05


def free_port() -> int:
    """A TCP port of 127.0.0.1 nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def healthy(url: str) -> bool:
    """True when `url`/_stcore/health answers "ok"."""
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return response.status == 200 and response.read().strip() == b"ok"
    except OSError:
        return False


def _status_kb(pid: int, field: str) -> int:
    """A "<field>: <n> kB" line of /proc/<pid>/status, 0 when the process or the field is gone."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def descendants(pid: int) -> list[int]:
    """Every live descendant of `pid` (children of all its threads, recursively)."""
    found: list[int] = []
    queue = [pid]
    while queue:
        parent = queue.pop()
        try:
            tasks = os.listdir(f"/proc/{parent}/task")
        except OSError:
            continue
        for task in tasks:
            try:
                with open(f"/proc/{parent}/task/{task}/children", encoding="ascii") as children:
                    kids = [int(kid) for kid in children.read().split()]
            except (OSError, ValueError):
                continue
            for kid in kids:
                if kid not in found:
                    found.append(kid)
                    queue.append(kid)
    return found


def tree_rss_kb(pid: int) -> int:
    """VmRSS of `pid` plus that of all its descendants, in kB."""
    return sum(_status_kb(member, "VmRSS") for member in [pid, *descendants(pid)])


class StreamlitServer:
    """`python -m streamlit run <script>` from `root`, on `port` (a free one by default), logging to `log_path`."""

    def __init__(
        self,
        root: str | Path,
        port: int | None = None,
        log_path: str | Path | None = None,
        script: str = "app.py",
        sample_s: float = SAMPLE_S,
        start_timeout_s: float = START_TIMEOUT_S,
    ) -> None:
        self.root = Path(root).resolve()
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.script = script
        self.log_path = Path(log_path) if log_path else None
        self.sample_s = sample_s
        self.start_timeout_s = start_timeout_s
        self.process: subprocess.Popen[bytes] | None = None
        self.starts = 0
        self.start_seconds: list[float] = []  # launch until /_stcore/health answered, per start
        self._peak_kb = 0
        self._hwm_kb = 0
        self._sampler: threading.Thread | None = None
        self._stop_sampling = threading.Event()
        self._lock = threading.Lock()

    # ------------------------------------------------------------ life cycle

    @property
    def command(self) -> list[str]:
        return [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            self.script,
            "--server.port",
            str(self.port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
            "--server.fileWatcherType",
            "none",
        ]

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process is not None else None

    def start(self) -> str:
        """Launch the server and wait for /_stcore/health; returns its base URL. Raises if it exits or is late."""
        if self.process is not None and self.process.poll() is None:
            raise RuntimeError(f"the server is already running (pid {self.process.pid})")
        if not (self.root / self.script).is_file():
            raise FileNotFoundError(self.root / self.script)
        if self.log_path is not None:
            self.log_path.parent.mkdir(parents=True, exist_ok=True)
            mode = "ab" if self.starts else "wb"
            log = self.log_path.open(mode)
            log.write(
                f"==== start {self.starts + 1}: {' '.join(self.command)} (cwd {self.root})\n".encode()
            )
            log.flush()
        else:
            log = subprocess.DEVNULL  # type: ignore[assignment]
        began = time.monotonic()
        try:
            self.process = subprocess.Popen(
                self.command,
                cwd=self.root,
                stdout=log,
                stderr=subprocess.STDOUT,
                env={**os.environ},
                stdin=subprocess.DEVNULL,
            )
        finally:
            if log is not subprocess.DEVNULL:
                log.close()  # the child holds its own descriptor
        self.starts += 1
        self._start_sampler()
        deadline = began + self.start_timeout_s
        while not healthy(self.url):
            if self.process.poll() is not None:
                code = self.process.returncode
                self.kill()
                raise RuntimeError(
                    f"streamlit exited with code {code} before answering; see {self.log_path}"
                )
            if time.monotonic() > deadline:
                self.kill()
                raise RuntimeError(
                    f"streamlit did not answer {self.url}/_stcore/health within "
                    f"{self.start_timeout_s:.0f} s; see {self.log_path}"
                )
            time.sleep(0.1)
        self.start_seconds.append(time.monotonic() - began)
        return self.url

    def kill(self) -> None:
        """SIGKILL the server and every descendant of it (by pid), then reap it. Safe to call twice."""
        process = self.process
        if process is None:
            return
        self._sample()  # a last look before it goes
        self._stop_sampler()
        if process.poll() is None:
            members = [process.pid, *descendants(process.pid)]
            for member in members:
                try:
                    os.kill(member, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:  # pragma: no cover - SIGKILL is not ignorable
                pass
        self.process = None

    stop = kill

    def restart(self) -> str:
        """SIGKILL the server, then start the same command on the same port; returns the URL (unchanged)."""
        self.kill()
        deadline = time.monotonic() + 10
        while (
            not _port_free(self.port) and time.monotonic() < deadline
        ):  # the kernel releases the socket
            time.sleep(0.1)
        return self.start()

    def __enter__(self) -> StreamlitServer:
        self.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.kill()

    # ------------------------------------------------------------ memory

    @property
    def peak_rss_mb(self) -> float:
        """Highest sampled VmRSS of the server and its descendants since the last reset, in MB (MiB)."""
        self._sample()
        return self._peak_kb / 1024

    @property
    def hwm_mb(self) -> float:
        """The kernel's VmHWM of the main server process (highest seen while sampling), in MB (MiB)."""
        self._sample()
        return self._hwm_kb / 1024

    def rss_mb(self) -> float:
        """VmRSS of the server and its descendants now, in MB (MiB); 0 when it is not running."""
        pid = self.pid
        return tree_rss_kb(pid) / 1024 if pid is not None else 0.0

    def cpu_seconds(self) -> float:
        """CPU time (user + system) used so far by the server and its live descendants, in seconds."""
        pid = self.pid
        if pid is None:
            return 0.0
        ticks = os.sysconf("SC_CLK_TCK")
        total = 0
        for member in [pid, *descendants(pid)]:
            try:
                with open(f"/proc/{member}/stat", encoding="ascii", errors="replace") as stat:
                    fields = stat.read().rsplit(")", 1)[1].split()
                total += int(fields[11]) + int(
                    fields[12]
                )  # utime, stime (fields 14 and 15 of proc(5))
            except (OSError, ValueError, IndexError):
                continue
        return total / ticks

    def reset_peak(self) -> None:
        """Forget the peak so far (VmHWM cannot be reset: it keeps the process's lifetime peak)."""
        with self._lock:
            self._peak_kb = 0

    def _sample(self) -> None:
        pid = self.pid
        if pid is None:
            return
        rss = tree_rss_kb(pid)
        hwm = _status_kb(pid, "VmHWM")
        with self._lock:
            self._peak_kb = max(self._peak_kb, rss)
            self._hwm_kb = max(self._hwm_kb, hwm)

    def _start_sampler(self) -> None:
        self._stop_sampler()
        self._stop_sampling = threading.Event()
        stop = self._stop_sampling

        def loop() -> None:
            while not stop.wait(self.sample_s):
                self._sample()

        self._sampler = threading.Thread(target=loop, name="rss-sampler", daemon=True)
        self._sampler.start()

    def _stop_sampler(self) -> None:
        self._stop_sampling.set()
        if self._sampler is not None:
            self._sampler.join(timeout=5)
            self._sampler = None

    # ------------------------------------------------------------ the log

    def log_text(self) -> str:
        """Everything the server wrote so far (all starts), or "" without a log file."""
        if self.log_path is None or not self.log_path.is_file():
            return ""
        return self.log_path.read_text(encoding="utf-8", errors="replace")


def _port_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True
