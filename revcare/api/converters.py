from django.urls import register_converter


class PublicIdConverter:
    """ADM000012, MEC000034, CST000210: a role prefix and six digits."""

    regex = "[A-Z]{3}[0-9]{6}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(PublicIdConverter, "publicid")
