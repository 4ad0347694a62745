"""Demo data for a newcomer's `make run`: safe to run again, it only adds what is missing."""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings

from accounts.models import User
from accounts.services import user_create
from catalogue.demo import seed_catalogue
from frontdesk.demo import seed_demo_bookings
from garage.demo import seed_places_and_cars
from revcare.roles import RoleName
from workshop.services.mechanics import mechanic_create

DEMO_PASSWORD = "Garage@2026"

DEMO_PEOPLE = [
    dict(role=RoleName.ADMIN, phone="9000000001", email="admin@revcare.in", first_name="Akhil", last_name="Joseph"),
    dict(role=RoleName.MECHANIC, phone="9000000011", email="ravi@revcare.in", first_name="Ravi", last_name="Kumar",
         can_pickup_drop=True, can_analyse=True),
    dict(role=RoleName.MECHANIC, phone="9000000012", email="suresh@revcare.in", first_name="Suresh",
         last_name="Babu", can_pickup_drop=True, can_analyse=False),
    dict(role=RoleName.CUSTOMER, phone="9841385379", email="priya@example.com", first_name="Priya",
         last_name="Raman"),
    dict(role=RoleName.CUSTOMER, phone="9841385380", email="arjun@example.com", first_name="Arjun",
         last_name="Mehta"),
]


class Command(BaseCommand):
    help = f"Create the demo admin, mechanics and customers (password {DEMO_PASSWORD}) if they are missing."

    def handle(self, *args, **options):
        # The demo's history (bookings moved through every step) would print dozens of emails to the
        # console; its notifications are logged as usual but mailed nowhere.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            self.seed()

    @transaction.atomic
    def seed(self):
        for person in DEMO_PEOPLE:
            user = User.objects.filter(phone=person["phone"]).first()
            if user is None:
                details = {name: value for name, value in person.items() if name != "role"}
                if person["role"] == RoleName.MECHANIC:  # with their profile, which is the workshop's
                    user = mechanic_create(password=DEMO_PASSWORD, **details)
                else:
                    user = user_create(role=person["role"], password=DEMO_PASSWORD, **details)
                self.stdout.write(f"created {user.role_id:<8} {user.public_id} {user.phone}")
        seed_places_and_cars()
        seed_catalogue()
        people = {person["phone"]: User.objects.get(phone=person["phone"]) for person in DEMO_PEOPLE}
        created = seed_demo_bookings(
            customers=[people["9841385379"], people["9841385380"]], admin=people["9000000001"],
            pickup_mechanic=people["9000000012"], analyst=people["9000000011"])
        if created:
            self.stdout.write(f"created {created} demo bookings, one at every stage")
        self.stdout.write(self.style.SUCCESS(f"Demo people ready; every one signs in with password {DEMO_PASSWORD}"))
