"""Private server processes for tests that stop, restart or kill them.

Each server is this test's own process on a free port (never the shared PostgreSQL on 5432
or Redis on 6379), so stopping it disturbs no other test or helper.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# Debian's server binaries (initdb, pg_ctl), the same version as the shared server.
PG_BIN = Path("/usr/lib/postgresql/15/bin")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait(predicate, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def reset_broker_pools(app):
    """Forget the producer pools: they are bound to the broker URL they were made with."""
    app._pool = None
    app.amqp._producer_pool = None


class PrivateRedis:
    """A redis-server without persistence, like production's: a stop loses every message."""

    def __init__(self, tmp_path: Path):
        self.port = free_port()
        self.dir = tmp_path
        self.process = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            [
                shutil.which("redis-server"),
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.dir),
            ],
            stdout=subprocess.DEVNULL,
        )
        wait(self.is_up, 10, "redis-server")

    def is_up(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.2) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)
        wait(lambda: not self.is_up(), 10, "redis-server to stop")


class MotoS3:
    """moto in standalone server mode: an S3-compatible server spoken to over HTTP.

    Not Amazon S3 nor a production object store, but the same protocol django-storages and
    boto3 use against one; the buckets live in the server's memory and go with it.
    """

    def __init__(self):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = None

    def start(self):
        moto = str(Path(sys.executable).with_name("moto_server"))
        self.process = subprocess.Popen(
            [moto, "-H", "127.0.0.1", "-p", str(self.port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait(self.is_up, 20, "moto_server")

    def is_up(self) -> bool:
        try:
            socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
            return True
        except OSError:
            return False

    def client(self):
        """A boto3 S3 client on this server (moto accepts any key)."""
        import boto3

        return boto3.client(
            "s3",
            endpoint_url=self.url,
            region_name="us-east-1",
            aws_access_key_id="test",
            aws_secret_access_key="test",
        )

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)


class PrivatePostgres:
    """A throw-away PostgreSQL 15 cluster (trust auth, no fsync) in a new temporary folder.

    initdb refuses to run as root, so as root the cluster belongs to the `postgres` user (and
    lives outside pytest's root-only tmp_path).
    """

    def __init__(self):
        self.dir = Path(tempfile.mkdtemp(prefix="fb-pg-"))
        self.data = self.dir / "data"
        self.port = free_port()

    def url(self, database: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def _run(self, *args: str, timeout: float = 60) -> None:
        als = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        subprocess.run(
            [*als, *args], check=True, capture_output=True, timeout=timeout, cwd=self.dir
        )

    def _pg_ctl(self, *args: str) -> None:
        opties = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run(
            str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-l", str(self.dir / "log"), "-w",
            "-o", opties, *args,
        )  # fmt: skip

    def start(self):
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres")
        self._run(
            str(PG_BIN / "initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust",
            "-E", "UTF8", "--no-sync",
        )  # fmt: skip
        self._pg_ctl("start")

    def createdb(self, database: str, *, template: str = "template1") -> None:
        self._run(
            str(PG_BIN / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-T", template,
            database,
        )  # fmt: skip

    def restart(self):
        """Fast restart: every open connection is cut and its transaction rolled back."""
        self._pg_ctl("-m", "fast", "restart")

    def stop(self):
        if (self.data / "postmaster.pid").exists():
            self._pg_ctl("-m", "immediate", "stop")
        shutil.rmtree(self.dir, ignore_errors=True)


class Worker:
    """A worker process in its own process group (so kill -9 takes all of it), output to a log.

    `argv` starts it (a launcher script that patches a slow step, or `celery worker`); `env`
    is added to this process's environment.
    """

    def __init__(self, argv: list[str], env: dict[str, str], log_dir: Path, cwd: Path):
        self.log_path = log_dir / f"worker-{time.monotonic_ns()}.log"
        self.log = open(self.log_path, "w")  # noqa: SIM115
        self.process = subprocess.Popen(
            argv,
            cwd=cwd,
            env={**os.environ, "PYTHONUNBUFFERED": "1", **env},
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def kill9(self):
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(10)

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.kill9()
        self.log.close()

    def output(self) -> str:
        self.log.flush()
        return self.log_path.read_text()[-3000:]


def vastgelegd(sql: str, params: list) -> list[tuple]:
    """Rows as a new connection to the test database sees them: only what was committed."""
    import psycopg2
    from django.db import connection

    db = connection.settings_dict
    andere = psycopg2.connect(host=db["HOST"], port=db["PORT"], user=db["USER"], dbname=db["NAME"])
    try:
        with andere.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()
    finally:
        andere.close()


def broker_faalde(caplog) -> bool:
    """Whether an after-commit callback logged an error (robust=True): a failed publish."""
    return any("on_commit" in record.getMessage() and record.exc_info for record in caplog.records)
