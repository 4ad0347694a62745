"""Personas and API clients shared by every app's tests."""

import runpy
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client, override_settings
from kombu import pools
from rest_framework.test import APIClient

from accounts.services import login_session_open
from accounts.tests.factories import AdminFactory, CustomerFactory, MechanicFactory
from garage.models import GarageSettings
from garage.services import garage_settings_update
from payments.tests.fake_razorpay import FakeRazorpay
from revcare import settings as project_settings
from revcare.celery import app
from revcare.seed import seed_master_data

ON_POSTGRES = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
requires_chromium = pytest.mark.skipif(not Path("/usr/bin/chromium").exists(),
                                       reason="needs Debian's chromium: apt-get install chromium (.ci/run does)")
requires_postgres = pytest.mark.skipif(not ON_POSTGRES, reason="needs PostgreSQL: set DATABASE_URL (CI does)")


@pytest.fixture(scope="session", autouse=True)
def cheap_hashing_and_static_files():
    """Two costs production pays on purpose that would otherwise dominate the suite: Argon2 (~0.5 s a
    password; the tests about hashing set production's hashers themselves, see accounts/tests/
    test_people.py and test_sign_in_limits.py), and WhiteNoise scanning every static file each time a
    new test client loads the middleware (~30 ms a client; it looks a file up when one is asked for)."""
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
                           WHITENOISE_AUTOREFRESH=True):
        yield


@pytest.fixture
def production_hashers(settings):
    """The password hashers production uses (Argon2 first) instead of the suite's fast one."""
    settings.PASSWORD_HASHERS = project_settings.PASSWORD_HASHERS


@pytest.fixture(autouse=True)
def master_data_after_flush(request):
    """Transactional tests empty every table when they end; the next one gets the seeded master data
    back (roles and scopes, timeslots, statuses, GST, assignment types) exactly as migrations made it."""
    marker = request.node.get_closest_marker("django_db")
    if (marker and marker.kwargs.get("transaction") and not marker.kwargs.get("serialized_rollback")
            and not request.node.get_closest_marker("browser")):
        # Its flush would recreate content types that the next serialized test then inserts again.
        pytest.fail("A transactional test outside the browser run needs serialized_rollback=True")
    if marker and (marker.kwargs.get("transaction") or "live_server" in request.fixturenames):
        request.getfixturevalue("transactional_db")
        seed_master_data()


@pytest.fixture(autouse=True)
def fresh_cache():
    # Throttle counters live in the cache (Redis in CI): no test inherits another's. Cleared when a test
    # starts, not when it ends: a test may leave the cache pointed at a server that is down on purpose.
    cache.clear()


@pytest.fixture
def handover_code_required(request) -> GarageSettings:
    """The garage asks for the customer's emailed code at doorstep handovers (off in a fresh install)."""
    return garage_settings_update(handover_code_required=True, updated_by=None)


@pytest.fixture
def customer(db):
    return CustomerFactory(first_name="Priya", last_name="Raman")


@pytest.fixture
def other_customer(db):
    return CustomerFactory(first_name="Arjun", last_name="Mehta")


@pytest.fixture
def mechanic(db):
    return MechanicFactory(first_name="Ravi", last_name="Kumar")


@pytest.fixture
def other_mechanic(db):
    return MechanicFactory(first_name="Suresh", last_name="Babu")


@pytest.fixture
def admin(db):
    return AdminFactory(first_name="Akhil", last_name="Joseph")


def signed_in(user) -> Client:
    """A browser signed in as `user` (the portals' session), for page tests."""
    client = Client()
    client.force_login(user)
    return client


def client_for(user) -> APIClient:
    """An API client signed in as `user` the way a real client is: bearer token plus refresh cookie."""
    client = APIClient()
    if user is not None:
        tokens = login_session_open(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {tokens.access}")
        client.cookies[settings.REFRESH_COOKIE_NAME] = tokens.refresh
        client.tokens = tokens
    return client


@pytest.fixture
def anonymous_client():
    return APIClient()


@pytest.fixture
def customer_client(customer):
    return client_for(customer)


@pytest.fixture
def admin_api_client(admin):
    return client_for(admin)


@pytest.fixture(autouse=True)
def celery_in_process(request):
    """Tasks run in the test's own process, unless the test is about the worker (`real_worker`): those
    go through Redis to a real Celery worker."""
    if request.node.get_closest_marker("real_worker"):
        yield
        return
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


@pytest.fixture
def razorpay(settings):
    """Razorpay's API on loopback, with RevCare configured to use it through the real SDK."""
    fake = FakeRazorpay(key_id="rzp_test_fake", key_secret="fake_key_secret").start()
    settings.RAZORPAY_KEY_ID, settings.RAZORPAY_KEY_SECRET = fake.key_id, fake.key_secret
    settings.RAZORPAY_WEBHOOK_SECRET = "fake_webhook_secret"
    settings.RAZORPAY_BASE_URL = fake.base_url
    settings.RAZORPAY_TIMEOUT_SECONDS = 1
    yield fake
    fake.stop()


@pytest.fixture(autouse=True)
def files_in_tmp(settings, tmp_path):
    """Uploads and backups of a test stay in its own temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.BACKUP_DIR = tmp_path / "backups"
    settings.PASSWORD_CHECK_SLOTS_DIR = tmp_path / "password-check-slots"


# Browser tests ----------------------------------------------------------------------------------
# Debian's Chromium (installed by .ci/run), never a downloaded browser.
SCREENSHOTS = Path(__file__).resolve().parent / "var" / "screenshots"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": "/usr/bin/chromium", "headless": True,
            "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]}


@pytest.fixture(autouse=True)
def orm_beside_playwright(request, monkeypatch):
    # Playwright's sync API runs an event loop in the test's thread; only browser tests let the ORM
    # run beside it.
    if "page" in request.fixturenames:
        monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def watch_csp(page) -> list[str]:
    """Collects the Content-Security-Policy violations Chromium reports on this page."""
    violations = []
    page.on("console", lambda message: violations.append(message.text)
            if "Content Security Policy" in message.text else None)
    return violations


@pytest.fixture
def screenshot_at_end(page, request):
    """Saves the page a browser test ended on (var/screenshots/, kept by CI as an artifact), and fails
    the test if anything the page did broke the Content-Security-Policy."""
    violations = watch_csp(page)
    yield page
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{request.node.name}.png"), full_page=True)
    assert violations == [], "the page broke its Content-Security-Policy"


def sign_in_browser(page, live_server, user, password="Garage@2026"):
    page.goto(f"{live_server.url}/portal/login/")
    page.get_by_label("Phone number or email").fill(user.phone)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def _broker_connections_drop():
    pools.reset()  # kombu keeps producer pools per broker URL, process-wide
    app._pool = None
    app.amqp._producer_pool = None
    app._backend_cache = None  # the result backend, built again from the configuration
    app._local.__dict__.pop("backend", None)


@pytest.fixture
def broker_unreachable(monkeypatch):
    """`with broker_unreachable():` runs its block with this process's Celery app configured as
    revcare/settings.py configures it for a deployment whose REDIS_URL points at a port nothing listens
    on: publishing meets a broker that is really down. After the block the broker is back."""

    @contextmanager
    def unreachable():
        with monkeypatch.context() as patch:
            patch.setenv("REDIS_URL", "redis://127.0.0.1:1/0")
            deployed = runpy.run_path(str(settings.BASE_DIR / "revcare" / "settings.py"))
        celery_settings = {name.removeprefix("CELERY_").lower(): value
                           for name, value in deployed.items() if name.startswith("CELERY_")}
        previous = {key: app.conf[key] for key in celery_settings}
        app.conf.update(celery_settings)
        _broker_connections_drop()
        try:
            yield
        finally:
            app.conf.update(previous)
            _broker_connections_drop()

    return unreachable
