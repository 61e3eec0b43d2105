"""A throw-away PostgreSQL server in a temporary directory, for tests and the sync benchmark.

`initdb` refuses to run as root, so when we are root (CI, containers) the server runs as an
unprivileged user (`nobody`, or $DESK_PG_USER) through `setpriv`, with its directory owned by that
user. Connections: TCP on 127.0.0.1 with a free port (password, scram-sha-256) and a unix socket in
the same directory (trust, for the superuser's set-up only).
"""

from __future__ import annotations

import glob
import os
import secrets
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

SUPERUSER = "postgres"


def find_bindir() -> Path:
    """The directory of initdb/pg_ctl: $DESK_PG_BINDIR, `pg_config --bindir`, or the newest
    /usr/lib/postgresql/*/bin."""
    candidates: list[str] = []
    if os.environ.get("DESK_PG_BINDIR"):
        candidates.append(os.environ["DESK_PG_BINDIR"])
    pg_config = shutil.which("pg_config")
    if pg_config:
        try:
            out = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True,
                                 check=True, timeout=10).stdout.strip()
            candidates.append(out)
        except (OSError, subprocess.SubprocessError):
            pass
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"),
                         key=lambda p: int(p.split("/")[-2]) if p.split("/")[-2].isdigit() else 0,
                         reverse=True)
    candidates += sorted(glob.glob("/usr/local/pgsql/bin"))
    for folder in candidates:
        if (Path(folder) / "initdb").exists() and (Path(folder) / "pg_ctl").exists():
            return Path(folder)
    raise FileNotFoundError(
        "PostgreSQL server binaries (initdb, pg_ctl) not found: install the 'postgresql' package "
        "(scripts/system-packages.sh test) or set DESK_PG_BINDIR")


def _new_root() -> Path:
    """A fresh directory the server's user can reach: as root, under /tmp (world-traversable)
    rather than $TMPDIR, which may sit in root's private home."""
    root_user = hasattr(os, "geteuid") and os.geteuid() == 0
    base = "/tmp" if root_user and os.path.isdir("/tmp") else None
    return Path(tempfile.mkdtemp(prefix="desk-pg-", dir=base))


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class TempPostgres:
    """`start()` it, use `url(...)`, `stop()` it. Also a context manager."""

    fsync: bool = False  # tests do not need durability against power loss; the benchmark does
    max_connections: int = 60  # the chain load generator holds one connection per store
    shared_buffers: str = "32MB"
    root: Path = field(default_factory=lambda: _new_root())
    port: int = field(default_factory=free_port)
    password: str = field(default_factory=lambda: secrets.token_hex(12))

    def __post_init__(self) -> None:
        self.bindir = find_bindir()
        self.data = self.root / "data"
        self.log = self.root / "server.log"
        self._run_as: list[str] = []
        self._uid: int | None = None
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            import pwd  # Unix only; this module is for tests and benchmarks

            user = os.environ.get("DESK_PG_USER", "nobody")
            entry = pwd.getpwnam(user)
            self._uid = entry.pw_uid
            if shutil.which("setpriv"):
                self._run_as = ["setpriv", f"--reuid={entry.pw_uid}",
                                f"--regid={entry.pw_gid}", "--clear-groups", "--"]
            elif shutil.which("runuser"):
                self._run_as = ["runuser", "-u", user, "--"]
            else:
                raise RuntimeError("running as root: need setpriv or runuser (util-linux) to "
                                   "start PostgreSQL as an unprivileged user")

    # --- life cycle ---------------------------------------------------------------------------
    def start(self) -> TempPostgres:
        os.chmod(self.root, 0o755)
        pwfile = self.root / "pw"
        pwfile.write_text(self.password + "\n")
        if self._uid is not None:
            os.chown(self.root, self._uid, -1)
            os.chown(pwfile, self._uid, -1)
        self._run([str(self.bindir / "initdb"), "-D", str(self.data), "-U", SUPERUSER,
                   "--pwfile", str(pwfile), "--auth-local=trust", "--auth-host=scram-sha-256",
                   "-E", "UTF8", "--locale=C", "--no-sync"])
        pwfile.unlink()
        self._pg_ctl("start")
        return self

    def _pg_ctl(self, action: str, *extra: str) -> None:
        options = (f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 "
                   f"-c max_connections={self.max_connections} "
                   f"-c shared_buffers={self.shared_buffers}")
        if not self.fsync:
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        args = [str(self.bindir / "pg_ctl"), "-D", str(self.data), "-w", "-t", "60", "-l",
                str(self.log), *extra]
        if action in ("start", "restart"):
            args += ["-o", options]
        self._run([*args, action])

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            self._run([str(self.bindir / "pg_ctl"), "-D", str(self.data), "-w", "-m", "fast",
                       "stop"])

    def restart(self) -> None:
        self._pg_ctl("restart", "-m", "fast")

    def cleanup(self) -> None:
        self.stop()
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> TempPostgres:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.cleanup()

    def _run(self, args: list[str]) -> None:
        result = subprocess.run([*self._run_as, *args], capture_output=True, text=True,
                                cwd=self.root, timeout=120)
        if result.returncode != 0:
            log = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
            raise RuntimeError(f"{' '.join(args[:2])} failed ({result.returncode}):\n"
                               f"{result.stdout}\n{result.stderr}\n{log}")

    # --- addresses ----------------------------------------------------------------------------
    def url(self, user: str = SUPERUSER, password: str | None = None,
            dbname: str = "postgres") -> str:
        pw = self.password if password is None else password
        return f"postgresql://{user}:{pw}@127.0.0.1:{self.port}/{dbname}"

    def admin_conninfo(self, dbname: str = "postgres") -> str:
        """Superuser over the unix socket (trust): for creating and dropping databases."""
        return f"host={self.root} port={self.port} user={SUPERUSER} dbname={dbname}"

    def postmaster_pid(self) -> int:
        """The server's main process (its backends are its children): for CPU accounting."""
        return int((self.data / "postmaster.pid").read_text().split()[0])
