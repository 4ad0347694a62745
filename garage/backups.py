"""Database backups: real dumps (pg_dump's custom format on PostgreSQL, SQLite's online backup on SQLite)
kept in the backup store, listed, restored (after a safety backup) and deleted.

The store is BACKUP_DIR on this server's disk by default, or the S3-compatible bucket when one is
configured (settings.STORAGES["backups"]), so every app node and worker sees the same backups. Only
names RevCare itself makes are accepted: nothing else is ever read, written or deleted. A lock makes
sure two backups or restores never run at once (a file lock on this server, and on PostgreSQL an
advisory lock that holds across servers).
"""

import fcntl
import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.db import connection
from django.utils import timezone

from revcare.errors import ApplicationError, ConflictError, NotFoundError

BACKUP_NAME = re.compile(r"^revcare-(postgresql|sqlite)-(\d{8}-\d{6})(?:-(\d{1,3}))?\.(dump|sqlite3)$")
SUFFIX = {"postgresql": "dump", "sqlite": "sqlite3"}
ADVISORY_LOCK = 0x52455643  # "REVC": one backup or restore at a time on this database


@dataclass(frozen=True)
class BackupFile:
    name: str
    size: int
    created: datetime
    database: str


def database_kind() -> str:
    return connection.vendor  # "postgresql" or "sqlite"


def _storage() -> Storage:
    if "backups" in settings.STORAGES:
        return storages["backups"]
    return FileSystemStorage(location=_directory())


def _on_disk(storage: Storage) -> bool:
    return isinstance(storage, FileSystemStorage)


def _directory() -> Path:
    """This server's backup folder: the store itself by default, the lock and scratch space with a bucket."""
    directory = Path(settings.BACKUP_DIR)
    directory.mkdir(parents=True, exist_ok=True)
    return directory.resolve()


def backup_name_checked(name: str, *, must_exist: bool = True) -> str:
    """The name, if it is one of our backups in the store; 400 for anything else, 404 if it is not there."""
    if not isinstance(name, str) or not BACKUP_NAME.match(name):
        raise ApplicationError("That is not the name of a RevCare backup.")
    storage = _storage()
    if _on_disk(storage):
        path = Path(storage.path(name))
        if path.is_symlink() or path.resolve().parent != _directory():
            raise ApplicationError("That is not the name of a RevCare backup.")
    if must_exist and not storage.exists(name):
        raise NotFoundError("No backup has that name.")
    return name


def _info(storage: Storage, name: str) -> BackupFile:
    return BackupFile(name=name, size=storage.size(name), database=BACKUP_NAME.match(name).group(1),
                      created=timezone.localtime(storage.get_modified_time(name)))


def _outside_transactions() -> None:
    # SQLite's backup API would wait forever on a write lock held by our own open transaction.
    if connection.in_atomic_block:
        raise ConflictError("Backups and restores run outside database transactions.")


BUSY = "A backup or restore is already running; try again when it is done."


@contextmanager
def _exclusive():
    with open(_directory() / ".lock", "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as error:
            raise ConflictError(BUSY) from error
        try:
            with _database_lock():
                yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


@contextmanager
def _database_lock():
    if database_kind() != "postgresql":
        yield  # SQLite lives on one server: the file lock is enough
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [ADVISORY_LOCK])
        if not cursor.fetchone()[0]:
            raise ConflictError(BUSY)
    try:
        yield
    finally:
        if connection.connection is not None:  # a restore closes the connection, which drops the lock
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [ADVISORY_LOCK])


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


def _new_name(storage: Storage, kind: str) -> str:
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    for number in range(1000):
        suffix = f"-{number}" if number else ""
        name = f"revcare-{kind}-{stamp}{suffix}.{SUFFIX[kind]}"
        if not storage.exists(name):
            return name
    raise ConflictError("Too many backups this second.")


def _dump() -> BackupFile:
    kind = database_kind()
    storage = _storage()
    name = _new_name(storage, kind)
    # Written beside the store under a name never listed, then moved in whole: a crash leaves no half backup.
    partial = _directory() / f".{name}.partial"
    try:
        if kind == "postgresql":
            subprocess.run([_tool("pg_dump"), "--format=custom", "--no-owner", f"--file={partial}"],
                           env=_libpq_env(), check=True, capture_output=True, timeout=3600)
        else:
            _outside_transactions()
            connection.ensure_connection()
            target = sqlite3.connect(partial)
            try:
                connection.connection.backup(target)
            finally:
                target.close()
        if _on_disk(storage):
            os.replace(partial, storage.path(name))
        else:
            with partial.open("rb") as dump:
                name = storage.save(name, File(dump))
    finally:
        partial.unlink(missing_ok=True)
    return _info(storage, name)


@contextmanager
def _local_copy(storage: Storage, name: str):
    """A path on this server holding the backup: the file itself on disk, a temporary download otherwise."""
    if _on_disk(storage):
        yield Path(storage.path(name))
        return
    with tempfile.NamedTemporaryFile(dir=_directory(), prefix=".restore-") as copy:
        with storage.open(name, "rb") as stored:
            shutil.copyfileobj(stored, copy)
        copy.flush()
        yield Path(copy.name)


def backup_create() -> BackupFile:
    with _exclusive():
        return _dump()


def backup_list() -> list[BackupFile]:
    storage = _storage()
    names = [name for name in storage.listdir("")[1] if BACKUP_NAME.match(name)]
    if _on_disk(storage):
        names = [name for name in names if not Path(storage.path(name)).is_symlink()]
    return sorted((_info(storage, name) for name in names), key=lambda info: info.name, reverse=True)


def backup_restore(*, name: str) -> BackupFile:
    """Restore a backup of this kind of database, after taking a safety backup of the current data.
    Returns the safety backup."""
    backup_name_checked(name)
    kind = BACKUP_NAME.match(name).group(1)
    if kind != database_kind():
        raise ApplicationError(f"That is a {kind} backup; this RevCare runs on {database_kind()}.")
    with _exclusive(), _local_copy(_storage(), name) as path:
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
    _storage().delete(backup_name_checked(name))


def backups_prune(*, keep: int) -> list[str]:
    """Delete all but the newest `keep` backups; returns the names deleted."""
    old = backup_list()[keep:]
    for info in old:
        backup_delete(name=info.name)
    return [info.name for info in old]
