"""The benchmark's load: one user class per endpoint, chosen with BENCH_ENDPOINT. Run by bench/run.py."""

import json
import os
import random
from datetime import date, timedelta

from locust import HttpUser, constant, task

ENDPOINT = os.environ.get("BENCH_ENDPOINT", "baseline")
# Minted by bench/run.py before the run (manage.py bench_tokens): no password hashing under load.
TOKENS = json.loads(os.environ.get("BENCH_TOKENS", "{}"))


class Caller(HttpUser):
    wait_time = constant(0)  # closed loop: each user sends its next request as soon as one returns

    def on_start(self):
        self.rng = random.Random()
        self.headers = {}
        who = {"customer_bookings": "customer", "booking_detail": "customer", "booking_create": "customer",
               "admin_dashboard": "admin", "mechanic_assignments": "mechanic"}.get(ENDPOINT)
        if who:
            token = self.rng.choice(TOKENS["customer"]) if who == "customer" else TOKENS[who]
            self.headers = {"Authorization": f"Bearer {token}"}
        if ENDPOINT == "booking_detail":
            mine = self.client.get("/bookings/customer", headers=self.headers, name="(setup)").json()["results"]
            self.booking_ids = [row["id"] for row in mine] or [1]
        if ENDPOINT == "booking_create":
            car = self.client.get("/car/", headers=self.headers, name="(setup)").json()["results"][0]
            address = self.client.get("/address/", headers=self.headers, name="(setup)").json()["results"][0]
            self.car_id, self.address_id = car["id"], address["id"]

    @task
    def call(self):
        getattr(self, ENDPOINT)()

    def baseline(self):
        self.client.get("/bench/baseline", name="baseline")

    def services_list(self):
        self.client.get(f"/services/?page={self.rng.randint(1, 5)}", name="services list")

    def services_during_login_flood(self):
        self.client.get(f"/services/?page={self.rng.randint(1, 5)}", name="services list during sign-in flood")

    def services_search(self):
        words = ["brake noise", "car pulls to the left", "ac not cooling", "battery", "workshop job 1"]
        self.client.get(f"/services/?search={self.rng.choice(words)}", name="services search")

    def service_detail(self):
        self.client.get(f"/services/{self.rng.randint(1, 200)}", name="service detail")

    def customer_bookings(self):
        self.client.get("/bookings/customer", headers=self.headers, name="customer bookings")

    def booking_detail(self):
        self.client.get(f"/bookings/{self.rng.choice(self.booking_ids)}", headers=self.headers,
                        name="booking detail")

    def admin_dashboard(self):
        self.client.get("/bookings/admin/dashboard", headers=self.headers, name="admin dashboard")

    def mechanic_assignments(self):
        self.client.get("/bookings/mechanic/assignments", headers=self.headers, name="mechanic assignments")

    def booking_create(self):
        day = date.today() + timedelta(days=self.rng.randint(40, 400))
        body = {"vehicle_id": self.car_id, "pickup_type": "doorstep", "pickup_address_id": self.address_id,
                "pickup_date": day.isoformat(), "timeslot_id": self.rng.randint(1, 4),
                "drop_date": (day + timedelta(days=7)).isoformat(), "drop_timeslot_id": 1,
                "services": [{"service_id": self.rng.randint(1, 40), "quantity": 1}]}
        with self.client.post("/bookings/", json=body, headers=self.headers, name="booking create",
                              catch_response=True) as response:
            if response.status_code == 409:
                response.success()  # a full slot is the right answer, not an error


class WrongPasswords(HttpUser):
    """Beside the reads of `services_during_login_flood`: clients posting wrong passwords for random names
    as fast as they are answered, so every attempt would cost a password hash."""

    abstract = ENDPOINT != "services_during_login_flood"
    fixed_count = int(os.environ.get("BENCH_FLOOD_USERS", "16"))
    wait_time = constant(0)

    @task
    def wrong_password(self):
        body = {"username": f"9{random.randrange(10**9):09d}", "password": "Not-the-password-1"}
        with self.client.post("/auth/login", data=body, name="(flood)", catch_response=True) as response:
            response.success()  # 401, 429 and 503 are all right answers to a wrong password
