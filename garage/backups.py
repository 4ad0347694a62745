"""Database backups: real dumps (pg_dump's custom format on PostgreSQL, SQLite's online backup on SQLite)
kept in BACKUP_DIR, listed, restored (after a safety backup) and deleted.

Only names RevCare itself makes are accepted, and only inside BACKUP_DIR: nothing else is ever read,
written or deleted. An exclusive lock file makes sure two backups or restores never run at once.
"""

import fcntl
import os
import re
import shutil
import sqlite3
import subprocess
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.utils import timezone

from revcare.errors import ApplicationError, ConflictError, NotFoundError

BACKUP_NAME = re.compile(r"^revcare-(postgresql|sqlite)-(\d{8}-\d{6})(?:-(\d{1,3}))?\.(dump|sqlite3)$")
SUFFIX = {"postgresql": "dump", "sqlite": "sqlite3"}


@dataclass(frozen=True)
class BackupFile:
    name: str
    size: int
    created: datetime
    database: str


def database_kind() -> str:
    return connection.vendor  # "postgresql" or "sqlite"


def _directory() -> Path:
    directory = Path(settings.BACKUP_DIR)
    directory.mkdir(parents=True, exist_ok=True)
    return directory.resolve()


def backup_path(name: str, *, must_exist: bool = True) -> Path:
    """The file of a backup name, or 400 for anything that is not one of ours inside BACKUP_DIR."""
    if not isinstance(name, str) or not BACKUP_NAME.match(name):
        raise ApplicationError("That is not the name of a RevCare backup.")
    directory = _directory()
    path = directory / name
    if path.is_symlink() or path.resolve().parent != directory:
        raise ApplicationError("That is not the name of a RevCare backup.")
    if must_exist and not path.is_file():
        raise NotFoundError("No backup has that name.")
    return path


def _info(path: Path) -> BackupFile:
    stat = path.stat()
    return BackupFile(name=path.name, size=stat.st_size, database=BACKUP_NAME.match(path.name).group(1),
                      created=datetime.fromtimestamp(stat.st_mtime, tz=timezone.get_current_timezone()))


def _outside_transactions() -> None:
    # SQLite's backup API would wait forever on a write lock held by our own open transaction.
    if connection.in_atomic_block:
        raise ConflictError("Backups and restores run outside database transactions.")


@contextmanager
def _exclusive():
    with open(_directory() / ".lock", "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as error:
            raise ConflictError("A backup or restore is already running; try again when it is done.") from error
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise ApplicationError(f"{name} is not installed on this server.", status=503)
    return path


def _libpq_env() -> dict:
    db = settings.DATABASES["default"]
    return {**os.environ, "PGHOST": str(db.get("HOST") or "localhost"), "PGPORT": str(db.get("PORT") or 5432),
            "PGUSER": str(db.get("USER") or ""), "PGPASSWORD": str(db.get("PASSWORD") or ""),
            "PGDATABASE": str(db["NAME"])}


def _new_path(kind: str) -> Path:
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    directory = _directory()
    for number in range(1000):
        suffix = f"-{number}" if number else ""
        path = directory / f"revcare-{kind}-{stamp}{suffix}.{SUFFIX[kind]}"
        if not path.exists():
            return path
    raise ConflictError("Too many backups this second.")


def _dump() -> BackupFile:
    kind = database_kind()
    path = _new_path(kind)
    partial = path.with_name(path.name + ".partial")  # never listed: a crash leaves no half backup
    if kind == "postgresql":
        subprocess.run([_tool("pg_dump"), "--format=custom", "--no-owner", f"--file={partial}"], env=_libpq_env(),
                       check=True, capture_output=True, timeout=3600)
    else:
        _outside_transactions()
        connection.ensure_connection()
        target = sqlite3.connect(partial)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
    partial.rename(path)
    return _info(path)


def backup_create() -> BackupFile:
    with _exclusive():
        return _dump()


def backup_list() -> list[BackupFile]:
    files = [path for path in _directory().iterdir()
             if BACKUP_NAME.match(path.name) and path.is_file() and not path.is_symlink()]
    return sorted((_info(path) for path in files), key=lambda info: info.name, reverse=True)


def backup_restore(*, name: str) -> BackupFile:
    """Restore a backup of this kind of database, after taking a safety backup of the current data.
    Returns the safety backup."""
    path = backup_path(name)
    kind = BACKUP_NAME.match(name).group(1)
    if kind != database_kind():
        raise ApplicationError(f"That is a {kind} backup; this RevCare runs on {database_kind()}.")
    with _exclusive():
        safety = _dump()
        if kind == "postgresql":
            connection.close()
            subprocess.run([_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--single-transaction",
                            f"--dbname={settings.DATABASES['default']['NAME']}", str(path)],
                           env=_libpq_env(), check=True, capture_output=True, timeout=3600)
        else:
            _outside_transactions()
            connection.ensure_connection()
            source = sqlite3.connect(path)
            try:
                source.backup(connection.connection)
            finally:
                source.close()
    return safety


def backup_delete(*, name: str) -> None:
    backup_path(name).unlink()


def backups_prune(*, keep: int) -> list[str]:
    """Delete all but the newest `keep` backups; returns the names deleted."""
    old = backup_list()[keep:]
    for info in old:
        backup_path(info.name).unlink()
    return [info.name for info in old]
