from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from garage import backups, services
from revcare.api.schema import error_responses
from revcare.api.viewsets import ApiViewSet


class BackupSerializer(serializers.Serializer):
    name = serializers.CharField()
    size = serializers.IntegerField(help_text="Bytes")
    created = serializers.DateTimeField()
    database = serializers.CharField(help_text="postgresql or sqlite")


class BackupNameSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=120)


class BackupQueuedSerializer(serializers.Serializer):
    message = serializers.CharField()


class RestoredSerializer(serializers.Serializer):
    restored = serializers.CharField()
    safety_backup = serializers.CharField()


class BackupViewSet(ApiViewSet):
    output_serializer_class = BackupSerializer
    required_scopes = {"create": "WRITE:BACKUP", "list": "READ:BACKUP", "restore": "UPDATE:BACKUP",
                       "destroy": "DELETE:BACKUP"}
    filter_backends = []

    @extend_schema(request=None, responses={202: BackupQueuedSerializer, **error_responses(503)})
    def create(self, request, *args, **kwargs):
        """Queue a backup (pg_dump on PostgreSQL, SQLite's online backup on SQLite)."""
        services.backup_queue()
        return Response({"message": "Backup queued; it appears in /backup/list when done."},
                        status=status.HTTP_202_ACCEPTED)

    def list(self, request, *args, **kwargs):
        return self.output_page(backups.backup_list())

    @extend_schema(request=BackupNameSerializer, responses={200: RestoredSerializer})
    def restore(self, request):
        """Take a safety backup of the current data, then restore the named backup over it."""
        name = self.validated_input(BackupNameSerializer)["name"]
        safety = backups.backup_restore(name=name)
        return Response({"restored": name, "safety_backup": safety.name})

    def destroy(self, request, backup_name: str):
        backups.backup_delete(name=backup_name)
        return Response(status=status.HTTP_204_NO_CONTENT)
