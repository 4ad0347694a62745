from django.urls import register_converter


class PublicIdConverter:
    """ADM000012, MEC000034, CST000210: a role prefix and six digits."""

    regex = "[A-Z]{3}[0-9]{6}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(PublicIdConverter, "publicid")


class RowIdConverter:
    """A database id in a path: 1 to 18 digits, so it always fits a bigint. Longer numbers match no
    route (404) instead of overflowing the query (500)."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(value)


register_converter(RowIdConverter, "id")
