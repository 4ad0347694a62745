"""Two app servers behind one load balancer: two gunicorn processes, each with its own empty disk
folders, against one PostgreSQL, one Redis and one S3-compatible bucket (moto's S3 server on
loopback). Whatever one node writes — a session, a throttle count, an upload, a row — the other
serves. Runs where PostgreSQL and Redis are (CI)."""

import io
import os
import subprocess
import sys
import time

import pytest
import redis
import requests
from django.conf import settings
from PIL import Image

from accounts.tests.factories import TEST_PASSWORD
from bookings.tests.flow import BookingFlow
from conftest import ON_POSTGRES
from notifications.tests.test_real_worker import ROOT, free_port
from revcare.tests.conftest import BUCKET

pytestmark = [
    pytest.mark.skipif(not (ON_POSTGRES and settings.REDIS_URL),
                       reason="needs PostgreSQL and Redis: set DATABASE_URL and REDIS_URL (CI does); the test "
                              "database of SQLite lives in this process's memory"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
SHARED_REDIS = "redis://127.0.0.1:6379/9"  # the nodes' cache and broker, emptied for this test


class Node:
    def __init__(self, name: str, tmp_path, s3_endpoint: str):
        database = settings.DATABASES["default"]
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        disk = tmp_path / name
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "revcare.settings", "REDIS_URL": SHARED_REDIS,
               "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/"
                               f"{database['NAME']}",
               "MEDIA_ROOT": str(disk / "media"), "BACKUP_DIR": str(disk / "backups"),
               "S3_BUCKET": BUCKET, "S3_ENDPOINT_URL": s3_endpoint, "S3_REGION": "us-east-1",
               "S3_ACCESS_KEY_ID": "test", "S3_SECRET_ACCESS_KEY": "test", "AWS_EC2_METADATA_DISABLED": "true",
               "LOGIN_THROTTLE_NAME": "3/15m", "LOGIN_THROTTLE_IP": "1000/1h"}
        self.process = subprocess.Popen([sys.executable, "-m", "gunicorn", "revcare.wsgi", "-w", "1",
                                         "-b", f"127.0.0.1:{self.port}", "--log-level", "warning"],
                                        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                        text=True)
        self.disk = disk

    def wait(self):
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if requests.get(f"{self.url}/health", timeout=2).ok:
                    return
            except requests.ConnectionError:
                time.sleep(0.2)
        self.process.kill()
        raise AssertionError(f"node did not start: {self.process.stdout.read()}")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)


@pytest.fixture
def nodes(tmp_path, bucket, s3_endpoint):
    redis.Redis.from_url(SHARED_REDIS).flushdb()
    started = [Node("a", tmp_path, s3_endpoint), Node("b", tmp_path, s3_endpoint)]
    try:
        for node in started:
            node.wait()
        yield started
    finally:
        for node in started:
            node.stop()


def jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (30, 60, 200)).save(buffer, "JPEG")
    return buffer.getvalue()


def api_login(node: Node, user) -> dict:
    response = requests.post(f"{node.url}/auth/login", json={"username": user.phone, "password": TEST_PASSWORD},
                             timeout=10)
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


# production_hashers first: the people are made with Argon2, which the nodes (production settings) check.
def test_what_one_node_writes_the_other_serves(production_hashers, nodes, bucket, customer, other_customer, admin,
                                               mechanic):
    a, b = nodes
    flow = BookingFlow(customer=customer, admin=admin, mechanic=mechanic)
    flow.create("doorstep")
    flow.ok(flow.assign("pickup"), 201)

    # A session begun on node A is honoured by node B.
    browser = requests.Session()
    browser.get(f"{a.url}/portal/login/", timeout=10)
    signed_in = browser.post(f"{a.url}/portal/login/", timeout=10, allow_redirects=False,
                             data={"username": customer.phone, "password": TEST_PASSWORD,
                                   "csrfmiddlewaretoken": browser.cookies["csrftoken"]})
    assert signed_in.status_code == 302, signed_in.text
    page = browser.get(f"{b.url}/portal/customer/bookings/{flow.booking_id}/", timeout=10, allow_redirects=False)
    assert page.status_code == 200 and customer.first_name in page.text

    # A token minted by node A works on node B; the photo it uploads there is served by node A.
    mechanic_headers = api_login(a, mechanic)
    flow.hand_over()
    report = requests.post(f"{b.url}/bookings/mechanic/progress", headers=mechanic_headers, timeout=20,
                           data={"booking_id": flow.booking_id, "status": "received", "notes": "Dent on the door"},
                           files={"images": ("door.jpg", jpeg(), "image/jpeg")})
    assert report.status_code == 201, report.text
    progress = requests.get(f"{a.url}/bookings/{flow.booking_id}", timeout=10,
                            headers=api_login(b, customer)).json()
    assert "Dent on the door" in str(progress)
    photo_id = flow.booking.progress_entries.get().images.get().pk
    photo = browser.get(f"{a.url}/portal/photos/progress/{photo_id}/", timeout=10)
    assert photo.status_code == 200 and photo.headers["Content-Type"] == "image/jpeg"
    assert Image.open(io.BytesIO(photo.content)).size == (64, 48)
    uploaded = bucket.list_objects_v2(Bucket=BUCKET, Prefix="media/progress/")["Contents"]
    assert [key["Key"].rsplit(".", 1)[1] for key in uploaded] == ["jpg"]
    assert not [path for node in nodes for path in node.disk.rglob("*.jpg")], "no upload stays on one node's disk"

    # Failed sign-ins are counted in the shared cache: three spread over both nodes lock the name on both.
    for node in (a, b, a):
        wrong = requests.post(f"{node.url}/auth/login", timeout=10,
                              json={"username": other_customer.phone, "password": "Not-the-password1"})
        assert wrong.status_code == 401
    for node in (a, b):
        locked = requests.post(f"{node.url}/auth/login", timeout=10,
                               json={"username": other_customer.phone, "password": TEST_PASSWORD})
        assert locked.status_code == 429, locked.text
