"""Photos people upload: checked by content (not by name), re-encoded, stored under names nobody can
guess. Re-encoding drops whatever rode along in the file (EXIF with a phone's GPS position, trailing
data, a script in a comment) and keeps only the pixels."""

import io
import secrets
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from PIL import Image, ImageOps, UnidentifiedImageError

ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP"}
MAX_PIXELS = 40_000_000  # larger than any phone camera; refuses decompression bombs


@deconstructible
class UnguessableName:
    """upload_to: `<folder>/<year>/<month>/<random>.<ext>`; the uploader's file name is not kept."""

    def __init__(self, folder: str):
        self.folder = folder

    def __call__(self, instance, filename: str) -> str:
        suffix = PurePosixPath(filename).suffix.lower()
        suffix = suffix if suffix in (".jpg", ".jpeg", ".png", ".webp") else ".jpg"
        return f"{self.folder}/{timezone.now():%Y/%m}/{secrets.token_hex(16)}{suffix}"

    def __eq__(self, other):
        return isinstance(other, UnguessableName) and other.folder == self.folder


def photo_reencoded(upload, *, field: str = "images") -> ContentFile:
    """The upload as a fresh JPEG (PNG when it has transparency), or a ValidationError naming `field`."""
    if upload.size > settings.UPLOAD_MAX_BYTES:
        raise ValidationError({field: [f"{upload.name} is larger than 5 MB."]})
    try:
        upload.seek(0)
        with Image.open(upload) as probe:
            kind = probe.format
            if kind not in ACCEPTED_FORMATS:
                raise ValidationError({field: [f"{upload.name} is not a JPEG, PNG or WebP photo."]})
            if probe.width * probe.height > MAX_PIXELS:
                raise ValidationError({field: [f"{upload.name} has too many pixels."]})
            probe.load()
            picture = ImageOps.exif_transpose(probe)  # keep the orientation the camera meant, then drop EXIF
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as error:
        raise ValidationError({field: [f"{upload.name} is not a readable photo."]}) from error
    keep_alpha = picture.mode in ("RGBA", "LA") or (picture.mode == "P" and "transparency" in picture.info)
    out = io.BytesIO()
    if keep_alpha:
        picture.save(out, "PNG", optimize=True)
        name = "photo.png"
    else:
        picture.convert("RGB").save(out, "JPEG", quality=85, optimize=True)
        name = "photo.jpg"
    return ContentFile(out.getvalue(), name=name)
