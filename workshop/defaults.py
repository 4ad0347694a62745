"""What a mechanic can be assigned to do, seeded for every garage: (code, name, needs pickup/drop
qualification, needs analysis qualification)."""

ASSIGNMENT_TYPES = [
    ("pickup", "Pickup", True, False),
    ("analysis", "Analysis", False, True),
    ("service", "Service", False, False),
    ("drop", "Drop", True, False),
]
