"""Build the benchmark's scale dataset: ≥ 200 services, 5,000 customers (a car and an address each),
20 mechanics and 100,000 bookings with their services, timelines and assignments. Bulk inserts, so
it takes a minute or two on PostgreSQL. Refuses to run twice on the same database."""

import random
from datetime import timedelta
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from accounts.models import PublicIdCounter, User
from bookings.models import AssignmentKind, BookedPlace, BookedService, Booking, BookingEvent, BookingStatus
from catalogue.demo import seed_catalogue
from catalogue.models import Category, PriceChart, Service
from garage.demo import seed_places_and_cars
from garage.models import Address, Area, CarClass, CarModel, CustomerCar, Timeslot
from revcare.roles import RoleName
from workshop.models import Assignment, AssignmentType, MechanicProfile

PASSWORD = "Bench@2026"
K = AssignmentKind
S = BookingStatus
# Past bookings are mostly finished; recent and future ones spread over the live statuses.
PAST = [S.DELIVERED] * 8 + [S.CANCELLED]
RECENT = [S.BOOKED, S.PICKUP, S.RECEIVED, S.ANALYSIS, S.ANALYSED, S.IN_PROGRESS, S.COMPLETED, S.OUT_FOR_DELIVERY]


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("--customers", type=int, default=5000)
        parser.add_argument("--bookings", type=int, default=100_000)
        parser.add_argument("--services", type=int, default=200)

    def handle(self, *args, customers, bookings, services, **options):
        if Booking.objects.count() >= bookings:
            self.stdout.write("Dataset already built.")
            return
        if Booking.objects.exists():
            raise CommandError("This database has other bookings; build the dataset on an empty one.")
        rng = random.Random(2026)  # noqa: S311  reproducible test data, not secrets
        with transaction.atomic():
            seed_places_and_cars()
            seed_catalogue()
            self._services(rng, services)
            people = self._people(customers)
            self._bookings(rng, people, bookings)
        self.stdout.write(self.style.SUCCESS(
            f"{Service.objects.count()} services, {User.objects.filter(role_id=RoleName.CUSTOMER).count()} "
            f"customers, {Booking.objects.count()} bookings, {BookingEvent.objects.count()} events."))

    def _services(self, rng, total):
        categories = list(Category.objects.all())
        classes = list(CarClass.objects.all())
        extra = total - Service.objects.count()
        made = Service.objects.bulk_create([
            Service(title=f"Workshop job {n:03d}", description="A job from the scale dataset.",
                    category=categories[n % len(categories)], works=["Inspect", "Fix"], symptoms=["noise"],
                    time_hours=Decimal(1 + n % 6), difficulty=1 + n % 5, warranty_months=3,
                    search_text=f"workshop job {n:03d} noise") for n in range(max(extra, 0))])
        PriceChart.objects.bulk_create([PriceChart(service=service, car_class=car_class,
                                                   price=Decimal(rng.randrange(500, 20000, 50)))
                                        for service in made for car_class in classes])

    def _people(self, count):
        password = make_password(PASSWORD)
        customers = User.objects.bulk_create([
            User(role_id=RoleName.CUSTOMER, phone=f"7{n:09d}", email=f"customer{n}@bench.revcare.in",
                 first_name="Bench", last_name=f"Customer {n}", public_id=f"CST{900000 + n:06d}"[-9:],
                 password=password) for n in range(count)], batch_size=2000)
        mechanics = User.objects.bulk_create([
            User(role_id=RoleName.MECHANIC, phone=f"60000000{n:02d}", email=f"mechanic{n}@bench.revcare.in",
                 first_name="Bench", last_name=f"Mechanic {n}", public_id=f"MEC{900000 + n:06d}"[-9:],
                 password=password) for n in range(20)])
        MechanicProfile.objects.bulk_create([MechanicProfile(user=m, can_pickup_drop=True, can_analyse=True)
                                             for m in mechanics])
        admin = User.objects.create(role_id=RoleName.ADMIN, phone="6100000000", email="admin@bench.revcare.in",
                                    first_name="Bench", last_name="Admin", public_id="ADM900000", password=password)
        # Later sign-ups continue after the bench's numbers.
        PublicIdCounter.objects.filter(prefix="CST").update(last_value=900_000 + count)
        PublicIdCounter.objects.filter(prefix="MEC").update(last_value=900_020)
        models = list(CarModel.objects.all())
        areas = list(Area.objects.all())
        cars = CustomerCar.objects.bulk_create([
            CustomerCar(customer=c, car_model=models[n % len(models)],
                        registration_number=f"KA{n // 10000:02d}BN{n % 10000:04d}")
            for n, c in enumerate(customers)], batch_size=2000)
        addresses = Address.objects.bulk_create([
            Address(customer=c, label="Home", line1=f"{n} Bench Street", area=areas[n % len(areas)])
            for n, c in enumerate(customers)], batch_size=2000)
        return {"customers": customers, "cars": cars, "addresses": addresses, "mechanics": mechanics,
                "admin": admin}

    def _bookings(self, rng, people, total):
        slots = list(Timeslot.objects.all())
        services = list(Service.objects.values_list("pk", flat=True))
        types = {t.kind: t for t in AssignmentType.objects.all()}
        today = timezone.localdate()
        customers, cars, addresses = people["customers"], people["cars"], people["addresses"]
        batch = 5000
        for start in range(0, total, batch):
            rows = []
            for n in range(start, min(start + batch, total)):
                who = n % len(customers)
                day = today + timedelta(days=rng.randint(-700, 30))
                status = rng.choice(PAST if day < today - timedelta(days=7) else RECENT)
                place = BookedPlace.of(addresses[who])
                rows.append(Booking(customer=customers[who], car=cars[who], status=status, pickup_type="doorstep",
                                    pickup_date=day, pickup_timeslot=slots[n % len(slots)],
                                    pickup_address=addresses[who], drop_date=day + timedelta(days=2),
                                    drop_timeslot=slots[(n + 1) % len(slots)], drop_address=addresses[who],
                                    pickup_address_text=place.text, pickup_area_text=place.area,
                                    drop_address_text=place.text, drop_area_text=place.area,
                                    created_by=customers[who], gst_percent=Decimal("18.00"),
                                    payment_method="cod" if status not in (S.BOOKED, S.PICKUP) else ""))
            made = Booking.objects.bulk_create(rows)
            lines, events, assignments = [], [], []
            for booking in made:
                price = Decimal(rng.randrange(500, 9000, 50))
                lines.append(BookedService(booking=booking, service_id=rng.choice(services), quantity=1,
                                           estimated_price=price, quoted_price=price, status="confirmed",
                                           is_done=booking.status in (S.COMPLETED, S.DELIVERED)))
                events.append(BookingEvent(booking=booking, from_status="", to_status=S.BOOKED,
                                           actor=booking.customer, note="Booked"))
                if booking.status != S.BOOKED:
                    events.append(BookingEvent(booking=booking, from_status=S.BOOKED, to_status=booking.status,
                                               actor=people["admin"], note="Moved on"))
                    open_job = booking.status in (S.PICKUP, S.ANALYSIS, S.IN_PROGRESS, S.OUT_FOR_DELIVERY)
                    assignments.append(Assignment(
                        booking=booking, mechanic=people["mechanics"][booking.pk % 20],
                        assignment_type=types[K.PICKUP if booking.status == S.PICKUP else K.SERVICE],
                        assigned_by=people["admin"], closed_at=None if open_job else timezone.now()))
            BookedService.objects.bulk_create(lines)
            BookingEvent.objects.bulk_create(events)
            Assignment.objects.bulk_create(assignments)
            self.stdout.write(f"  {start + len(made)} bookings")
