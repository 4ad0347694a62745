"""Parallel test workers each get their own Redis database (revcare/pytest_workers.py)."""

import pytest

from revcare.pytest_workers import worker_redis_url


def test_each_worker_gets_its_own_database_from_the_one_named_skipping_the_two_node_test():
    urls = [worker_redis_url("redis://127.0.0.1:6379/7", f"gw{n}") for n in range(4)]
    assert urls == ["redis://127.0.0.1:6379/7", "redis://127.0.0.1:6379/8", "redis://127.0.0.1:6379/10",
                    "redis://127.0.0.1:6379/11"]
    assert worker_redis_url("redis://127.0.0.1:6379", "gw1") == "redis://127.0.0.1:6379/1"


def test_more_workers_than_databases_is_refused():
    with pytest.raises(pytest.UsageError, match="no Redis database left for worker gw2"):
        worker_redis_url("redis://127.0.0.1:6379/14", "gw2")
