"""An S3-compatible bucket for the tests about shared storage: moto's S3 server on loopback, spoken to
by the real boto3 client and django-storages."""

import boto3
import pytest
from moto.moto_server.threaded_moto_server import ThreadedMotoServer

BUCKET = "revcare-shared"


@pytest.fixture(scope="session")
def s3_endpoint():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_endpoint, settings, monkeypatch):
    """The settings S3_BUCKET produces (revcare/settings.py), pointed at a fresh bucket."""
    settings.MEDIA_ROOT.mkdir(parents=True, exist_ok=True)
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1",
                          aws_access_key_id="test", aws_secret_access_key="test")
    client.create_bucket(Bucket=BUCKET)
    options = {"bucket_name": BUCKET, "endpoint_url": s3_endpoint, "region_name": "us-east-1",
               "access_key": "test", "secret_key": "test", "default_acl": "private", "querystring_auth": True,
               "querystring_expire": 300, "file_overwrite": False}
    settings.STORAGES = {**settings.STORAGES,
                         "default": {"BACKEND": "storages.backends.s3.S3Storage",
                                     "OPTIONS": {**options, "location": "media"}},
                         "backups": {"BACKEND": "storages.backends.s3.S3Storage",
                                     "OPTIONS": {**options, "location": "backups"}}}
    yield client
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


