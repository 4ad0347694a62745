import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


def test_health_is_200_when_everything_answers():
    response = APIClient().get("/health")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"] == "ok" and body["checks"]["cache"] == "ok"
    assert body["checks"]["broker"] in ("ok", "in-process")


def test_health_is_503_naming_the_cache_when_redis_is_unreachable(settings):
    # Nothing listens on port 1: a real refused connection, not a stand-in.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                   "LOCATION": "redis://127.0.0.1:1/0",
                                   "OPTIONS": {"socket_connect_timeout": 1}}}
    response = APIClient().get("/health")
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"
    assert response.json()["checks"]["cache"] == "unreachable"
    assert response.json()["checks"]["database"] == "ok"
