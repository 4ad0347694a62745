import json

from rest_framework import serializers


class FormParts(list):
    """The values one multipart field was sent with, one per part."""


class JSONListField(serializers.ListField):
    """A list in a JSON body. In a multipart form (beside photos): the list as one JSON string, or one JSON
    value per part, as clients generated from the schema send it."""

    @staticmethod
    def _loaded(text: str):
        try:
            return json.loads(text)
        except ValueError as error:
            raise serializers.ValidationError("Send a JSON list.") from error

    def to_internal_value(self, data):
        if isinstance(data, FormParts):
            items = [self._loaded(part) if isinstance(part, str) else part for part in data]
            data = items[0] if len(items) == 1 and isinstance(items[0], list) else items
        elif isinstance(data, str):
            data = self._loaded(data)
        return super().to_internal_value(data)

    def get_value(self, dictionary):
        # DRF's ListField would read a form's values as the items themselves, not as JSON.
        if hasattr(dictionary, "getlist") and self.field_name in dictionary:
            return FormParts(dictionary.getlist(self.field_name))
        return super().get_value(dictionary)
