#!/usr/bin/env python
import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "revcare.settings")
    from django.core.management import execute_from_command_line  # noqa: PLC0415  Django's manage.py: settings named first

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
