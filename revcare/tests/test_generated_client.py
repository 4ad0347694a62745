"""A client generated from RevCare's own OpenAPI schema by openapi-python-client signs in, books, reads and
cancels a booking, with typed answers; and the schema declares one request body per operation."""

import datetime
import importlib
import io
import pkgutil
import subprocess
import sys
from decimal import Decimal

import pytest
import yaml
from django.core.management import call_command
from django.utils import timezone

from accounts.tests.factories import TEST_PASSWORD
from bookings.models import Booking
from bookings.tests.flow import BookingFlow
from frontdesk.demo import walkround_photo
from garage.models import Timeslot
from workshop.models import Analysis

pytestmark = pytest.mark.django_db

PACKAGE = "revcare_generated_client"
# Where files travel: multipart; the contract's OAuth2 sign-in: form data. Everything else: JSON.
UPLOADS = {
    ("post", "/bookings/mechanic/analysis"), ("post", "/bookings/mechanic/progress"),
    ("post", "/bookings/mechanic/findings"), ("post", "/bookings/mechanic/custody"),
    ("post", "/car/models"), ("put", "/car/models/{id}"), ("put", "/content/"),
    ("post", "/services/category"), ("put", "/services/category/{id}"),
}
# The photo route answers image/jpeg, which the generator reads as bytes when told to.
GENERATOR_CONFIG = """\
post_hooks: []
content_type_overrides:
  image/jpeg: application/octet-stream
"""


@pytest.fixture(scope="module")
def schema_file(tmp_path_factory, django_db_blocker):
    path = tmp_path_factory.mktemp("schema") / "openapi.yaml"
    with django_db_blocker.unblock():
        call_command("spectacular", "--file", str(path))
    return path


@pytest.fixture(scope="module")
def generated(schema_file, tmp_path_factory):
    """The client package, generated offline with the tool's own CLI, imported from a temporary folder."""
    root = tmp_path_factory.mktemp("client")
    config = root / "config.yaml"
    config.write_text(GENERATOR_CONFIG)
    result = subprocess.run(
        [sys.executable, "-m", "openapi_python_client", "generate", "--path", str(schema_file),
         "--config", str(config), "--meta", "none", "--output-path", str(root / PACKAGE), "--fail-on-warning"],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    sys.path.insert(0, str(root))
    yield importlib.import_module(PACKAGE)
    sys.path.remove(str(root))
    for name in [name for name in sys.modules if name.split(".")[0] == PACKAGE]:
        del sys.modules[name]


def generated_module(name: str):
    return importlib.import_module(f"{PACKAGE}.{name}")


def test_each_operation_declares_the_one_body_it_takes(schema_file):
    schema = yaml.safe_load(schema_file.read_text())
    declared = {
        (method, path): list(operation["requestBody"]["content"])
        for path, operations in schema["paths"].items()
        for method, operation in operations.items() if "requestBody" in operation
    }
    expected = {
        operation: ["application/x-www-form-urlencoded"] if operation == ("post", "/auth/login")
        else ["multipart/form-data"] if operation in UPLOADS
        else ["application/json"]
        for operation in declared
    }
    assert declared == expected
    assert UPLOADS <= set(declared)


def test_every_generated_module_imports(generated):
    broken = {}
    for module in pkgutil.walk_packages(generated.__path__, f"{PACKAGE}."):
        try:
            importlib.import_module(module.name)
        except Exception as error:  # every broken module is listed, not just the first
            broken[module.name] = repr(error)
    assert broken == {}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # like every non-browser transactional test
def test_generated_client_signs_in_books_reads_and_cancels(generated, live_server, customer, admin, mechanic):
    flow = BookingFlow(customer=customer, admin=admin, mechanic=mechanic)
    client_module = generated_module("client")
    models = generated_module("models")
    auth_login = generated_module("api.auth.auth_login")
    bookings_create = generated_module("api.bookings.bookings_create")
    bookings_retrieve = generated_module("api.bookings.bookings_retrieve")
    bookings_cancel = generated_module("api.bookings.bookings_cancel_update")

    anonymous = client_module.Client(base_url=live_server.url, raise_on_unexpected_status=True)
    token = auth_login.sync(client=anonymous,
                            body=models.LoginInputRequest(username=customer.phone, password=TEST_PASSWORD))
    assert isinstance(token, models.AccessToken) and token.token_type == "bearer"

    api = client_module.AuthenticatedClient(base_url=live_server.url, token=token.access_token,
                                            raise_on_unexpected_status=True)
    pickup = timezone.localdate() + datetime.timedelta(days=2)
    created = bookings_create.sync(client=api, body=models.BookingCreateInputRequest(
        vehicle_id=flow.car.pk, pickup_type=models.PickupTypeEnum.DOORSTEP,
        timeslot_id=Timeslot.objects.get(name="Morning").pk, pickup_address_id=flow.address.pk,
        pickup_date=pickup, drop_date=pickup + datetime.timedelta(days=2),
        services=[models.RequestedServiceRequest(service_id=flow.services[0].pk, quantity=1),
                  models.RequestedServiceRequest(service_id=flow.services[1].pk, quantity=2)],
        notes="Need quick turnaround",
    ))
    assert isinstance(created, models.BookingDetail), created
    assert created.status == "booked" and created.pickup_date == pickup and created.notes == "Need quick turnaround"
    assert [(line.service_id, line.quantity) for line in created.booked_services] == [
        (flow.services[0].pk, 1), (flow.services[1].pk, 2)]
    assert all(isinstance(line, models.BookedService) for line in created.booked_services)

    detail = bookings_retrieve.sync(booking_id=created.id, client=api)
    assert isinstance(detail, models.BookingDetail)
    assert detail.id == created.id and detail.customer.id == customer.public_id

    cancellation = bookings_cancel.sync(booking_id=created.id, client=api,
                                        body=models.CancelInputRequest(reason="Plans changed"))
    assert isinstance(cancellation, models.Cancellation), cancellation
    assert cancellation.booking_id == created.id and cancellation.status == "cancelled"
    assert Decimal(cancellation.fee) == 0  # cancelled while still booked: free
    assert Booking.objects.get(pk=created.id).status == "cancelled"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # like every non-browser transactional test
def test_generated_client_sends_an_analysis_with_its_quotes_and_a_photo(generated, live_server, customer, admin,
                                                                       mechanic):
    # Multipart, as the schema declares: the generated code sends each quote as a JSON part of its own.
    flow = BookingFlow(customer=customer, admin=admin, mechanic=mechanic)
    flow.to_received()
    flow.ok(flow.assign("analysis"), 201)
    client_module = generated_module("client")
    models = generated_module("models")
    analysis_create = generated_module("api.bookings.bookings_mechanic_analysis_create")
    api = client_module.AuthenticatedClient(base_url=live_server.url, token=flow.mechanic_api.tokens.access,
                                            raise_on_unexpected_status=True)
    photo = generated_module("types").File(payload=io.BytesIO(walkround_photo().read()), file_name="pads.jpg",
                                           mime_type="image/jpeg")

    analysis = analysis_create.sync(client=api, body=models.AnalysisInputRequest(
        booking_id=flow.booking_id, description="Front pads worn to 2 mm.",
        quotes=[models.QuoteRequest(service_id=flow.services[0].pk, price="1100.00"),
                models.QuoteRequest(service_id=flow.services[1].pk, price="2900.00")],
        recommended=[models.RecommendedServiceRequest(service_id=flow.extra.pk, price="450.00", quantity=1)],
        images=[photo],
    ))
    assert isinstance(analysis, models.Analysis), analysis
    assert analysis.booking_id == flow.booking_id and analysis.mechanic.id == mechanic.public_id
    assert len(analysis.images) == 1
    quoted = {line.service_id: line.quoted_price for line in flow.booking.services.all()}
    assert quoted == {flow.services[0].pk: Decimal("1100.00"), flow.services[1].pk: Decimal("2900.00"),
                      flow.extra.pk: Decimal("450.00")}
    assert Analysis.objects.get(booking_id=flow.booking_id).images.count() == 1
