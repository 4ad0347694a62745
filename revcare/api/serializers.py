from rest_framework import serializers
from rest_framework.validators import UniqueTogetherValidator, UniqueValidator


class ModelInputSerializer(serializers.ModelSerializer):
    """A model serializer that leaves uniqueness to the services: a duplicate is a 409 Conflict,
    checked race-safely where the row is written, not a 422 validation error."""

    def get_validators(self):
        return [validator for validator in super().get_validators()
                if not isinstance(validator, UniqueTogetherValidator)]

    def get_fields(self):
        fields = super().get_fields()
        for field in fields.values():
            field.validators = [v for v in field.validators if not isinstance(v, UniqueValidator)]
        return fields


MAX_ROW_ID = 2**63 - 1  # PostgreSQL bigint


class RowIdField(serializers.IntegerField):
    """An id sent in a body or query: a positive integer that fits the database, so a huge number is
    a 422, not an overflow in the query."""

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ROW_ID)
        super().__init__(**kwargs)
