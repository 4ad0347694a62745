"""The three roles, fixed in code: every layer checks them (the API's admin-only routes, each portal's
role_required), while `accounts` keeps who holds which role and the scopes each role grants."""

from django.db import models


class RoleName(models.TextChoices):
    ADMIN = "admin", "Admin"
    MECHANIC = "mechanic", "Mechanic"
    CUSTOMER = "customer", "Customer"
