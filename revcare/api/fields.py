import json

from rest_framework import serializers


class JSONListField(serializers.ListField):
    """A list in a JSON body, or the same list as a JSON string in a multipart form (beside photos)."""

    def to_internal_value(self, data):
        if isinstance(data, str):
            try:
                data = json.loads(data)
            except ValueError as error:
                raise serializers.ValidationError("Send a JSON list.") from error
        return super().to_internal_value(data)

    def get_value(self, dictionary):
        # Multipart forms hold one string; DRF's ListField would read it as a list of form values.
        if hasattr(dictionary, "getlist") and self.field_name in dictionary:
            values = dictionary.getlist(self.field_name)
            return values[0] if len(values) == 1 and isinstance(values[0], str) else values
        return super().get_value(dictionary)
