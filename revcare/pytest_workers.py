"""pytest plugin (pytest.ini `-p revcare.pytest_workers`): each pytest-xdist worker gets a Redis database of
its own, so one worker's cache.clear() cannot wipe another's throttle counters. It runs before
pytest-django imports the settings, which read REDIS_URL."""

import os
import re

import pytest

RESERVED = {9}  # revcare/tests/test_two_nodes.py runs its two nodes on Redis db 9


def worker_redis_url(url: str, worker: str) -> str:
    """`url` with the database number of worker `gwN`: the N-th free database from the one `url` names."""
    match = re.fullmatch(r"(redis://[^/]*)(?:/(\d*))?", url)
    if not match:
        raise pytest.UsageError(f"REDIS_URL {url!r}: expected redis://host:port/db for parallel tests")
    base = int(match.group(2) or 0)
    free = [db for db in range(base, 16) if db not in RESERVED]
    index = int(worker.removeprefix("gw"))
    if index >= len(free):
        raise pytest.UsageError(f"REDIS_URL {url!r}: no Redis database left for worker {worker}; use fewer workers")
    return f"{match.group(1)}/{free[index]}"


@pytest.hookimpl(tryfirst=True)
def pytest_load_initial_conftests(early_config, parser, args):
    worker, url = os.environ.get("PYTEST_XDIST_WORKER"), os.environ.get("REDIS_URL", "").strip()
    if worker and url:
        os.environ["REDIS_URL"] = worker_redis_url(url, worker)
