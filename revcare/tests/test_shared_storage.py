"""With S3_BUCKET set, uploads and backups live in the S3-compatible bucket that every app node shares,
not on one server's disk. The bucket here is moto's S3 server on loopback: the real boto3 client and
django-storages speak the real S3 protocol to it."""

import urllib.request

import pytest
from django.test import Client
from rest_framework.test import APIClient

from bookings.tests.flow import BookingFlow
from garage import backups
from revcare.tests.conftest import BUCKET
from workshop.models import ProgressImage
from workshop.tests.test_photos import photo


def keys(client, prefix: str) -> list[str]:
    return [item["Key"] for item in client.list_objects_v2(Bucket=BUCKET, Prefix=prefix).get("Contents", [])]


@pytest.mark.django_db
def test_a_photo_from_the_tablet_is_stored_in_the_bucket_and_shown_to_its_customer(
        bucket, s3_endpoint, settings, customer, other_customer, admin, mechanic):
    flow = BookingFlow(customer=customer, admin=admin, mechanic=mechanic)
    flow.create("doorstep")
    flow.ok(flow.assign("pickup"), 201)
    flow.hand_over()
    sent = photo("bumper.jpg", (10, 120, 30))
    response = flow.mechanic_api.post("/bookings/mechanic/progress", {
        "booking_id": flow.booking_id, "status": "received", "notes": "Scratch on the bumper",
        "images": [sent]}, format="multipart")
    assert response.status_code == 201, response.content

    stored = ProgressImage.objects.get()
    assert keys(bucket, "media/progress/") == [f"media/{stored.image.name}"]
    assert not list(settings.MEDIA_ROOT.rglob("*.jpg")), "nothing is left on this server's disk"
    in_bucket = bucket.get_object(Bucket=BUCKET, Key=f"media/{stored.image.name}")["Body"].read()

    # The customer's portal streams it from the bucket; another customer cannot.
    page = Client()
    page.force_login(customer)
    shown = page.get(f"/portal/photos/progress/{stored.pk}/")
    assert shown.status_code == 200 and b"".join(shown.streaming_content) == in_bucket
    stranger = Client()
    stranger.force_login(other_customer)
    assert stranger.get(f"/portal/photos/progress/{stored.pk}/").status_code == 404

    # The API links to the same access check, which reads the bucket; the bucket itself is private.
    link = response.json()["images"][0]
    assert b"".join(flow.customer_api.get(link).streaming_content) == in_bucket
    assert APIClient().get(link).status_code == 401
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(f"{s3_endpoint}/{BUCKET}/media/{stored.image.name}", timeout=5)
    assert refused.value.code == 403


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_backups_are_made_listed_restored_and_deleted_in_the_bucket(bucket, settings, customer):
    backup = backups.backup_create()

    assert keys(bucket, "backups/") == [f"backups/{backup.name}"]
    assert not list(settings.BACKUP_DIR.glob("revcare-*")), "nothing is left on this server's disk"
    assert [b.name for b in backups.backup_list()] == [backup.name]
    assert backups.backup_list()[0].size == backup.size > 0

    customer.first_name = "Changed after the backup"
    customer.save(update_fields=["first_name"])
    safety = backups.backup_restore(name=backup.name)
    customer.refresh_from_db()
    assert customer.first_name != "Changed after the backup"
    assert sorted(keys(bucket, "backups/")) == sorted([f"backups/{backup.name}", f"backups/{safety.name}"])

    backups.backup_delete(name=safety.name)
    assert keys(bucket, "backups/") == [f"backups/{backup.name}"]
