"""Every portal page renders for the person it is for, and every link on it leads to a page that exists.

The rows are checked against the URL conf (`test_every_portal_route_has_a_row`), as the role matrix
does for the API: a page added without a row fails, so a rarely visited page can't ship a
NoReverseMatch or a template error unnoticed. A route answers 200 to its persona's GET, unless its
row says otherwise and why (POST-only actions answer 405; a few pages redirect on purpose). Each
answer's HTML is searched for `href`/`action`/`hx-*` targets under /portal/, and each must resolve.

One world serves every row: built once per module (in a transaction rolled back at the end), it
holds a booking at several stages, driven through the real services by `frontdesk.demo`.
"""

import datetime
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from html import unescape
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client, override_settings
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from PIL import Image

from accounts.models import User
from accounts.tests.factories import AdminFactory, CustomerFactory, MechanicFactory
from aftercare.models import DeferredItem, DeferredReminder
from aftercare.services import deferred_reminders_send
from bookings.services.confirmation import booking_cancel
from bookings.services.consent import decisions_record
from catalogue.models import CartItem, Favourite
from catalogue.tests.factories import CategoryFactory, ReviewFactory, ServiceFactory
from conftest import ON_POSTGRES
from frontdesk.demo import booking_drive, booking_new, hand_over
from garage.models import Content, Timeslot
from garage.tests.factories import AddressFactory, CustomerCarFactory
from payments.services import online_payment_start
from workshop.models import Assignment, AssignmentType
from workshop.services.findings import finding_add

BACKUP_NAME = ("revcare-postgresql-20260101-000000.dump" if ON_POSTGRES
               else "revcare-sqlite-20260101-000000.sqlite3")  # an empty file: the page only confirms


def _jpeg(name: str) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (32, 24), (90, 90, 90)).save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


class World:
    """The people and objects the pages are asked about. Everything belongs to `customer`, and every
    job is `mechanic`'s."""

    # (pickup type, stage) of each booking; the pages branch on both.
    STAGES = {"booked": ("doorstep", "booked"), "pickup": ("doorstep", "pickup"),
              "pickup@reported": ("doorstep", "pickup@reported"), "received": ("doorstep", "received"),
              "analysis": ("doorstep", "analysis"), "analysed": ("doorstep", "analysed"),
              "analysed@approved": ("doorstep", "analysed@approved"), "in-progress": ("doorstep", "in-progress"),
              "completed": ("doorstep", "completed"), "out-for-delivery": ("doorstep", "out-for-delivery"),
              "delivered": ("doorstep", "delivered"), "self booked": ("self", "booked"),
              "self completed@paid": ("self", "completed@paid"), "self delivered": ("self", "delivered"),
              "cancelled": ("doorstep", "pickup")}

    def __init__(self):
        self.customer = CustomerFactory(first_name="Priya", last_name="Raman")
        self.mechanic = MechanicFactory(first_name="Ravi", last_name="Kumar")
        self.admin = AdminFactory(first_name="Akhil", last_name="Joseph")
        self.address = AddressFactory(customer=self.customer)
        self.car = CustomerCarFactory(customer=self.customer)
        self.category = CategoryFactory()
        self.service = ServiceFactory(category=self.category)
        self.review = ReviewFactory(service=self.service, customer=self.customer)
        CartItem.objects.create(customer=self.customer, service=self.service)
        Favourite.objects.create(customer=self.customer, service=self.service)
        Content.objects.create(slug="terms", title="Terms of service", body="Be kind to cars.")
        self.timeslot = Timeslot.objects.filter(is_active=True).first()
        self.assignment_type = AssignmentType.objects.get(kind="pickup")
        self.bookings = {}
        for index, (name, (pickup_type, stage)) in enumerate(self.STAGES.items()):
            self.bookings[name] = self._booking_at(stage, pickup_type=pickup_type, days_ahead=2 + index)
        booking_cancel(booking_id=self.bookings["cancelled"].pk, actor=self.customer, reason="Sold the car")
        hand_over(booking_id=self.bookings["pickup"].pk, mechanic=self.mechanic)  # custody photos
        self.finding = finding_add(booking_id=self.bookings["analysed"].pk, actor=self.mechanic, severity="urgent",
                                   note="Pads at 2 mm", images=[_jpeg("pads.jpg")])
        approved = self.bookings["analysed@approved"]
        self.payment = online_payment_start(
            booking=approved, purpose="services", amount=approved.services.get().estimated_price,
            confirmation={"service_ids": [self.service.pk], "gst_percent": "18", "confirmed_by": self.customer.pk})
        # A line declined at confirmation becomes work left for later, and its reminder has a link.
        declined = self._booking_at("analysed@approved", pickup_type="doorstep", days_ahead=20)
        decisions_record(lines=list(declined.services.all()), approved_ids=set(), actor=self.customer, channel="api")
        self.deferred_item = DeferredItem.objects.get(declined_line__booking=declined)
        self.deferred_item.due_date = timezone.localdate()
        self.deferred_item.save(update_fields=["due_date"])
        deferred_reminders_send()
        self.reminder = DeferredReminder.objects.get(item=self.deferred_item)

    def _booking_at(self, stage: str, *, pickup_type: str, days_ahead: int):
        booking = booking_new(customer=self.customer, car=self.car, services_with_qty=[(self.service, 1)],
                              pickup_type=pickup_type, address=self.address, days_ahead=days_ahead,
                              customer_caps=False)  # seeding the world, not what the caps are about
        return booking_drive(booking=booking, to=stage, admin=self.admin, mechanic=self.mechanic)

    def person(self, persona: str):
        return None if persona == "anonymous" else getattr(self, persona)

    def booking_ids(self, *stages: str) -> list[int]:
        return [self.bookings[stage].pk for stage in (stages or self.STAGES)]

    def jobs(self) -> list[int]:
        """`mechanic`'s assignments: open ones and closed ones, of every kind."""
        return list(Assignment.objects.filter(mechanic=self.mechanic).order_by("pk").values_list("pk", flat=True))

    def job(self, stage: str) -> int:
        return Assignment.objects.filter(booking=self.bookings[stage], mechanic=self.mechanic).latest("pk").pk

    def password_set_path(self) -> str:
        # From the database: an earlier row's sign-in moved last_login on this instance, and the token hashes it.
        customer = User.objects.get(pk=self.customer.pk)
        uid = urlsafe_base64_encode(force_bytes(customer.pk))
        return f"/portal/password/set/{uid}/{default_token_generator.make_token(customer)}/"

    def photos(self) -> list[str]:
        custody = self.bookings["pickup"].custody_records.get(stage="pickup").photos.first()
        return [f"/portal/photos/finding/{self.finding.images.get().pk}/",
                f"/portal/photos/custody/{custody.pk}/"]


@dataclass
class Row:
    name: str  # namespace:name of the route
    persona: str
    paths: Callable[[World], list[str]] | None = None  # the route itself when it takes no parameters
    status: int = 200
    why: str = ""  # for anything but 200: why this answer is the right one


def post_only(name, persona, paths=None) -> Row:
    return Row(name, persona, paths, 405, "an action: its form on another page POSTs here")


def each(template: str, ids: Callable[[World], list]) -> Callable[[World], list[str]]:
    return lambda w: [template.format(value) for value in ids(w)]


ROWS = [
    Row("landing", "anonymous"),
    # Mechanic tablet: the mechanic's own jobs
    Row("mechanic:today", "mechanic"),
    Row("mechanic:history", "mechanic"),
    Row("mechanic:job", "mechanic", each("/portal/mechanic/jobs/{}/", World.jobs)),
    post_only("mechanic:finding-add", "mechanic", lambda w: [f"/portal/mechanic/jobs/{w.job('analysed')}/findings/"]),
    post_only("mechanic:handover", "mechanic", lambda w: [f"/portal/mechanic/jobs/{w.job('pickup')}/handover/"]),
    post_only("mechanic:handover-confirm", "mechanic",
              lambda w: [f"/portal/mechanic/jobs/{w.job('pickup')}/handover/confirm/"]),
    post_only("mechanic:finding-remove", "mechanic",
              lambda w: [f"/portal/mechanic/jobs/{w.job('analysed')}/findings/{w.finding.pk}/remove/"]),
    post_only("mechanic:collect", "mechanic", lambda w: [f"/portal/mechanic/jobs/{w.job('delivered')}/collect/"]),
    # Polled while a payment is due (204, nothing to do); 200 with HX-Refresh once nothing is.
    Row("mechanic:payment-state", "mechanic", lambda w: [f"/portal/mechanic/jobs/{w.job('delivered')}/payment/"]),
    Row("mechanic:car-history", "mechanic", each("/portal/mechanic/jobs/{}/car/", World.jobs)),
    # Admin desk
    Row("desk:dashboard", "admin"),
    Row("desk:queue", "admin"),
    Row("desk:efficiency", "admin"),
    Row("desk:board", "admin"),
    Row("desk:booking", "admin", each("/portal/desk/bookings/{}/", World.booking_ids)),
    Row("desk:car-history", "admin", lambda w: [f"/portal/desk/cars/{w.car.pk}/"]),
    post_only("desk:assign", "admin", lambda w: [f"/portal/desk/bookings/{w.bookings['booked'].pk}/assign/"]),
    post_only("desk:analysis-edit", "admin",
              lambda w: [f"/portal/desk/bookings/{w.bookings['analysed'].pk}/analysis/"]),
    post_only("desk:analysis-validate", "admin",
              lambda w: [f"/portal/desk/bookings/{w.bookings['analysed'].pk}/analysis/validate/"]),
    post_only("desk:progress-validate", "admin", lambda w: [
        f"/portal/desk/bookings/{w.bookings['pickup@reported'].pk}/progress/"
        f"{w.bookings['pickup@reported'].progress_entries.get().pk}/validate/"]),
    post_only("desk:progress-edit", "admin", lambda w: [
        f"/portal/desk/bookings/{w.bookings['pickup@reported'].pk}/progress/"
        f"{w.bookings['pickup@reported'].progress_entries.get().pk}/"]),
    post_only("desk:check-in", "admin", lambda w: [f"/portal/desk/bookings/{w.bookings['booked'].pk}/check-in/"]),
    post_only("desk:check-out", "admin", lambda w: [f"/portal/desk/bookings/{w.bookings['completed'].pk}/check-out/"]),
    post_only("desk:collect-cash", "admin",
              lambda w: [f"/portal/desk/bookings/{w.bookings['completed'].pk}/collect-cash/"]),
    post_only("desk:cancel", "admin", lambda w: [f"/portal/desk/bookings/{w.bookings['booked'].pk}/cancel/"]),
    post_only("desk:line-price", "admin", lambda w: [
        f"/portal/desk/bookings/{w.bookings['in-progress'].pk}/services/{w.service.pk}/price/"]),
    post_only("desk:finding-remove", "admin", lambda w: [
        f"/portal/desk/bookings/{w.bookings['analysed'].pk}/findings/{w.finding.pk}/remove/"]),
    Row("desk:assignment-types", "admin"),
    Row("desk:assignment-type-edit", "admin",
        lambda w: [f"/portal/desk/settings/assignment-types/{w.assignment_type.pk}/"]),
    Row("desk:settings", "admin"),
    Row("desk:operations", "admin"),
    Row("desk:policies", "admin"),
    Row("desk:gst", "admin"),
    Row("desk:content", "admin"),
    Row("desk:content-edit", "admin", lambda w: ["/portal/desk/settings/content/terms/"]),
    Row("desk:timeslots", "admin"),
    Row("desk:timeslot-edit", "admin", lambda w: [f"/portal/desk/settings/timeslots/{w.timeslot.pk}/"]),
    Row("desk:backups", "admin"),
    post_only("desk:backup-create", "admin"),
    Row("desk:backup-restore", "admin", lambda w: [f"/portal/desk/operations/backups/{BACKUP_NAME}/restore/"]),
    post_only("desk:backup-delete", "admin", lambda w: [f"/portal/desk/operations/backups/{BACKUP_NAME}/delete/"]),
    Row("desk:mechanics", "admin"),
    Row("desk:mechanic-edit", "admin", lambda w: [f"/portal/desk/settings/mechanics/{w.mechanic.public_id}/"]),
    post_only("desk:mechanic-active", "admin",
              lambda w: [f"/portal/desk/settings/mechanics/{w.mechanic.public_id}/active/"]),
    Row("desk:reviews", "admin"),
    post_only("desk:review-moderate", "admin", lambda w: [f"/portal/desk/operations/reviews/{w.review.pk}/"]),
    Row("desk:notifications", "admin"),
    # Public pages and signing in
    Row("portal:login", "anonymous"),
    Row("portal:logout", "customer", status=405, why="Django's LogoutView signs out on POST only"),
    Row("portal:password-reset", "anonymous"),
    Row("portal:password-set", "anonymous", lambda w: [w.password_set_path()]),
    Row("portal:register", "anonymous"),
    Row("portal:catalogue", "anonymous"),
    Row("portal:service", "anonymous", lambda w: [f"/portal/services/{w.service.pk}/"]),
    Row("portal:page", "anonymous", lambda w: ["/portal/pages/terms/"]),
    # The customer's own pages
    Row("portal:profile", "customer"),
    Row("portal:customer-home", "customer", status=302, why="the customer's home is the list of their bookings"),
    Row("portal:invoice", "customer", each("/portal/invoices/{}/", lambda w: w.booking_ids("delivered"))),
    Row("portal:checkout", "customer", lambda w: [f"/portal/payments/checkout/{w.payment.gateway_order_id}/"]),
    Row("portal:payment-qr", "customer", lambda w: [f"/portal/payments/checkout/{w.payment.gateway_order_id}/qr/"]),
    post_only("portal:review-create", "customer", lambda w: [f"/portal/customer/reviews/{w.service.pk}/"]),
    Row("portal:my-cart", "customer"),
    Row("portal:my-favourites", "customer"),
    post_only("portal:service-saved-toggle", "customer", lambda w: [f"/portal/services/{w.service.pk}/cart/"]),
    Row("portal:book", "customer"),
    Row("portal:book-slots", "customer", lambda w: [
        f"/portal/customer/book/slots/{kind}/?{kind}_date={timezone.localdate() + datetime.timedelta(days=3)}"
        for kind in ("pickup", "drop")]),
    Row("portal:book-estimate", "customer",
        lambda w: [f"/portal/customer/book/estimate/?car={w.car.pk}&services={w.service.pk}"]),
    Row("portal:my-bookings", "customer"),
    Row("portal:booking", "customer", each("/portal/customer/bookings/{}/", World.booking_ids)),
    post_only("portal:booking-confirm", "customer",
              lambda w: [f"/portal/customer/bookings/{w.bookings['analysed'].pk}/confirm/"]),
    Row("portal:booking-confirm-total", "customer", lambda w: [
        f"/portal/customer/bookings/{w.bookings['analysed'].pk}/confirm/total/?services={w.service.pk}"]),
    Row("portal:booking-cancel-page", "customer", each("/portal/customer/bookings/{}/cancel/",
                                                        lambda w: w.booking_ids("booked"))),
    post_only("portal:booking-line-decision-page", "customer", lambda w: [
        f"/portal/customer/bookings/{w.bookings['in-progress'].pk}/services/{w.service.pk}/decision/"]),
    Row("portal:booking-timeline", "customer", each("/portal/customer/bookings/{}/timeline/", World.booking_ids)),
    Row("portal:booking-photo", "customer", World.photos),
    post_only("portal:custody-dispute-page", "customer", lambda w: [
        f"/portal/customer/bookings/{w.bookings['pickup'].pk}/custody/pickup/dispute/"]),
    Row("portal:reminder-link", "customer", lambda w: [f"/portal/customer/reminders/{w.reminder.token}/"], 302,
        "puts the deferred service in the cart and sends the customer on to the booking wizard"),
    Row("portal:car-history", "customer", lambda w: [f"/portal/customer/cars/{w.car.pk}/history/"]),
    post_only("portal:deferred-dismiss", "customer",
              lambda w: [f"/portal/customer/deferred/{w.deferred_item.pk}/dismiss/"]),
    Row("portal:cars", "customer"),
    Row("portal:car-add", "customer"),
    Row("portal:car-model-options", "customer",
        lambda w: [f"/portal/customer/cars/models/?manufacturer={w.car.car_model.manufacturer_id}"]),
    Row("portal:car-edit", "customer", lambda w: [f"/portal/customer/cars/{w.car.pk}/"]),
    post_only("portal:car-remove", "customer", lambda w: [f"/portal/customer/cars/{w.car.pk}/remove/"]),
    Row("portal:addresses", "customer"),
    Row("portal:address-add", "customer"),
    Row("portal:address-edit", "customer", lambda w: [f"/portal/customer/addresses/{w.address.pk}/"]),
    post_only("portal:address-remove", "customer", lambda w: [f"/portal/customer/addresses/{w.address.pk}/remove/"]),
    Row("portal:notifications", "customer"),
]


def _walk(patterns, prefix: str = "", namespace: str = ""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), namespace + (pattern.name or "")


def portal_routes() -> dict[str, str]:
    """name → route for every page: the landing page and each route under /portal/."""
    return {name: route for route, name in _walk(get_resolver().url_patterns)
            if route == "" or route.startswith("portal/")}


def test_every_portal_route_has_a_row():
    routes, rows = portal_routes(), [row.name for row in ROWS]
    assert sorted(set(routes) - set(rows)) == [], "portal pages without a row here"
    assert sorted(set(rows) - set(routes)) == [], "rows for pages that no longer exist"
    assert len(rows) == len(set(rows)), "one row per route"
    assert [row.name for row in ROWS if row.status != 200 and not row.why] == [], "say why it isn't a 200"
    assert [row.name for row in ROWS if "<" in routes[row.name] and row.paths is None] == [], "give its paths"


# href="/portal/…", action="…", hx-get="…" and the like; a Django template left unrendered shows as {% or {{.
LINK = re.compile(r"""\b(?:href|action|hx-(?:get|post|put|delete))\s*=\s*["']([^"']*)["']""")


def broken_portal_links(html: str) -> list[str]:
    broken = []
    for target in {unescape(value) for value in LINK.findall(html)}:
        path = urlsplit(target).path
        if not path.startswith("/portal/"):
            continue
        try:
            found = resolve(path)
        except Resolver404:
            found = None
        if found is None or found.view_name == "not-found":  # the last route catches every unknown path
            broken.append(target)
    return sorted(broken)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    files = tmp_path_factory.mktemp("pages")
    stored = {"MEDIA_ROOT": files / "media", "BACKUP_DIR": files / "backups"}
    stored["BACKUP_DIR"].mkdir()
    (stored["BACKUP_DIR"] / BACKUP_NAME).write_bytes(b"")
    with django_db_blocker.unblock(), override_settings(**stored), transaction.atomic():
        built = World()
        built.files = stored
        yield built
        transaction.set_rollback(True)


@pytest.mark.django_db
@pytest.mark.parametrize("row", ROWS, ids=lambda row: row.name)
def test_portal_page_renders_for_its_persona(world, row):
    client = Client()
    person = world.person(row.persona)
    if person is not None:
        client.force_login(person)
    paths = row.paths(world) if row.paths else ["/" + portal_routes()[row.name]]
    with override_settings(**world.files):
        for path in paths:
            response = client.get(path)
            assert response.status_code == row.status, (
                f"GET {path} as {row.persona}: {response.status_code} {response.content[:500]!r}")
            assert resolve(urlsplit(path).path).view_name == row.name
            if response.status_code == 302:
                assert broken_portal_links(f'<a href="{response["Location"]}">') == [], response["Location"]
            if response.get("Content-Type", "").startswith("text/html"):
                html = response.content.decode()
                assert broken_portal_links(html) == [], f"links on {path} to no page"
                assert "{%" not in html and "{{" not in html, f"unrendered template tags on {path}"


FORM_PAGES = [row for row in ROWS if row.status == 200]


@pytest.mark.django_db
@pytest.mark.parametrize("row", FORM_PAGES, ids=lambda row: row.name)
def test_a_form_page_sent_back_empty_shows_its_errors(world, row):
    """A page with a form, posted a field it doesn't know: the form is bound and invalid, so the page
    renders its error branch (often the first time a changed form's template meets `form.errors`)."""
    client = Client()
    person = world.person(row.persona)
    if person is not None:
        client.force_login(person)
    paths = row.paths(world) if row.paths else ["/" + portal_routes()[row.name]]
    with override_settings(**world.files):
        for path in paths:
            response = client.post(path, {"unknown_field": "1"})
            if response.status_code == 405:
                continue  # a page to read, not a form
            assert response.status_code in (200, 302, 400, 422), (  # 422: the form, with its errors
                f"POST {path} as {row.persona}: {response.status_code} {response.content[:500]!r}")
            if response.get("Content-Type", "").startswith("text/html"):
                assert broken_portal_links(response.content.decode()) == [], f"links on {path} to no page"


def test_the_link_check_catches_a_link_to_a_removed_route():
    html = '<a href="/portal/desk/bookings/">Board</a><form action="/portal/desk/no-such-page/?x=1"></form>'
    assert broken_portal_links(html) == ["/portal/desk/no-such-page/?x=1"]
