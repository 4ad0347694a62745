"""Uploaded photos: judged by their content, re-encoded without metadata, stored under random names."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from revcare.uploads import UnguessableName, photo_reencoded


def jpeg_with_gps() -> SimpleUploadedFile:
    picture = Image.new("RGB", (80, 60), (200, 30, 30))
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (13.0, 4.0, 0.0), 3: "E", 4: (80.0, 16.0, 0.0)}  # GPS: the customer's street
    exif[0x010F] = "PhoneMaker"
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", exif=exif)
    return SimpleUploadedFile("IMG_20261125_home.jpg", buffer.getvalue(), content_type="image/jpeg")


def test_a_photo_is_reencoded_without_its_metadata():
    upload = jpeg_with_gps()
    assert Image.open(io.BytesIO(upload.read())).getexif()  # the original carries it
    clean = photo_reencoded(upload)
    with Image.open(io.BytesIO(clean.read())) as stored:
        assert stored.format == "JPEG" and stored.size == (80, 60) and not stored.getexif()


@pytest.mark.parametrize(("name", "content"), [
    ("notes.jpg", b"just some text"),
    ("shell.png", b"<?php system($_GET['c']); ?>"),
    ("picture.gif", b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,"
                    b"\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"),
])
def test_what_is_not_a_jpeg_png_or_webp_photo_is_refused_whatever_its_name(name, content):
    with pytest.raises(ValidationError) as refused:
        photo_reencoded(SimpleUploadedFile(name, content), field="photos")
    assert list(refused.value.message_dict) == ["photos"]


def test_stored_names_are_random_and_keep_nothing_of_the_uploaders(settings):
    naming = UnguessableName("analysis")
    first, second = naming(None, "IMG_20261125_home.jpg"), naming(None, "IMG_20261125_home.jpg")
    assert first != second and "IMG" not in first and first.startswith("analysis/") and first.endswith(".jpg")
    assert naming(None, "evil.php").endswith(".jpg")
    assert len(first.rsplit("/", 1)[1].split(".")[0]) == 32
