"""A throwaway PostgreSQL server for tests and benchmarks.

Runs Debian's postgresql-15 binaries (initdb, pg_ctl) in a temporary folder on
a free loopback port. PostgreSQL refuses to run as root, so under root the
server runs as the ``postgres`` system user via ``runuser``. Host connections
use scram-sha-256 passwords, as a real head office would.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

SUPERUSER = "postgres"
SUPERPASS = "test-superuser-pw"


def find_pg_bin() -> Path | None:
    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
    for d in candidates:
        if (d / "pg_ctl").exists():
            return d
    which = shutil.which("pg_ctl")
    return Path(which).resolve().parent if which else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PgServer:
    def __init__(self, max_connections: int = 200) -> None:
        bin_dir = find_pg_bin()
        if bin_dir is None:
            raise RuntimeError("PostgreSQL server binaries (pg_ctl) are not installed")
        self.bin = bin_dir
        self.root = Path(tempfile.mkdtemp(prefix="branchdesk-pg-"))
        self.data = self.root / "data"
        self.port = _free_port()
        self.as_root = os.geteuid() == 0
        self.max_connections = max_connections

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        cmd = list(args)
        if self.as_root:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        return subprocess.run(cmd, check=check, capture_output=True, text=True)

    def start(self) -> "PgServer":
        pwfile = self.root / "pw"
        pwfile.write_text(SUPERPASS + "\n")
        if self.as_root:
            shutil.chown(self.root, "postgres")
            shutil.chown(pwfile, "postgres")
        self._run(
            str(self.bin / "initdb"), "-D", str(self.data), "-U", SUPERUSER,
            f"--pwfile={pwfile}", "--auth-local=trust", "--auth-host=scram-sha-256",
            "-E", "UTF8", "--locale=C.UTF-8", "--no-sync",
        )
        opts = (
            f"-c port={self.port} -c listen_addresses=127.0.0.1 "
            f"-c unix_socket_directories={self.root} -c fsync=on "
            f"-c max_connections={self.max_connections} -c shared_buffers=128MB"
        )
        self._run(
            str(self.bin / "pg_ctl"), "-D", str(self.data), "-o", opts,
            "-l", str(self.root / "server.log"), "-w", "-t", "60", "start",
        )
        return self

    def stop(self, mode: str = "fast") -> None:
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop", check=False)

    def restart_stopped(self) -> None:
        """Start again after stop() (same data, same port)."""
        opts = (
            f"-c port={self.port} -c listen_addresses=127.0.0.1 "
            f"-c unix_socket_directories={self.root} -c max_connections={self.max_connections}"
        )
        self._run(
            str(self.bin / "pg_ctl"), "-D", str(self.data), "-o", opts,
            "-l", str(self.root / "server.log"), "-w", "-t", "60", "start",
        )

    def pids(self) -> list[int]:
        """The postmaster and every server process under it."""
        main = int((self.data / "postmaster.pid").read_text().split()[0])
        children = subprocess.run(["pgrep", "-P", str(main)], capture_output=True, text=True).stdout.split()
        return [main, *map(int, children)]

    def freeze(self) -> None:
        """Stop every server process (SIGSTOP): a server that hangs, sockets open."""
        import signal

        self._signal(signal.SIGSTOP)

    def thaw(self) -> None:
        import signal

        self._signal(signal.SIGCONT)

    def _signal(self, sig: int) -> None:
        """Send ``sig`` to every server process; one that ended between the
        listing and the signal (a backend whose client left) is skipped."""
        for pid in self.pids():
            try:
                os.kill(pid, sig)
            except ProcessLookupError:
                pass

    def destroy(self) -> None:
        self.stop("immediate")
        shutil.rmtree(self.root, ignore_errors=True)

    def url(self, dbname: str = "postgres", user: str = SUPERUSER, password: str = SUPERPASS) -> str:
        return f"postgresql+psycopg://{user}:{password}@127.0.0.1:{self.port}/{dbname}"

    def psql(self, sql: str, dbname: str = "postgres") -> str:
        out = self._run(
            str(self.bin / "psql"), "-h", str(self.root), "-p", str(self.port),
            "-U", SUPERUSER, "-d", dbname, "-v", "ON_ERROR_STOP=1", "-At", "-c", sql,
        )
        return out.stdout

    def create_database(self, name: str | None = None) -> str:
        name = name or f"t_{uuid.uuid4().hex[:12]}"
        self.psql(f'CREATE DATABASE "{name}"')
        return name


def wait_until(pred, timeout: float = 10.0, step: float = 0.05) -> bool:  # type: ignore[no-untyped-def]
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if pred():
            return True
        time.sleep(step)
    return False
