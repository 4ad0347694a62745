from rest_framework.metadata import SimpleMetadata


class RouteMetadata(SimpleMetadata):
    """OPTIONS answers what the route renders and parses. DRF's default also describes the form of
    PUT/POST by loading the object, which our service-backed views do not expose (and which would
    tell an OPTIONS caller whether an id exists)."""

    def determine_actions(self, request, view):
        return {}
