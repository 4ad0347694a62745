"""The photos a mechanic attaches to a report, a finding or a handover record."""

from django.conf import settings
from django.core.exceptions import ValidationError

from revcare.uploads import photo_reencoded


def report_photos(images: list, field: str) -> list:
    """At most MAX_ANALYSIS_IMAGES real photos, re-encoded (see revcare.uploads)."""
    if len(images) > settings.MAX_ANALYSIS_IMAGES:
        raise ValidationError({field: [f"Attach at most {settings.MAX_ANALYSIS_IMAGES} photos."]})
    return [photo_reencoded(image, field=field) for image in images]
