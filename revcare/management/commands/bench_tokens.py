"""Access tokens for `make bench`'s simulated clients, minted up front so that no password hashing
(Argon2, deliberately slow) runs inside the measured window. Prints JSON."""

import json

from django.core.management.base import BaseCommand

from accounts.models import User
from accounts.services import login_session_open


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("--customers", type=int, default=64)

    def handle(self, *args, customers, **options):
        def token(user):
            return login_session_open(user=user).access

        tokens = {"admin": token(User.objects.get(phone="6100000000")),
                  "mechanic": token(User.objects.get(phone="6000000001")),
                  "customer": [token(user) for user in User.objects.filter(phone__startswith="7").order_by("?")
                               [:customers]]}
        self.stdout.write(json.dumps(tokens))
