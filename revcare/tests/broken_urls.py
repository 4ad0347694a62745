"""The project's URLs plus views that fail on purpose, for the 500 tests."""

from django.urls import path
from rest_framework.views import APIView

from revcare.api.permissions import PUBLIC
from revcare.urls import urlpatterns as project_urlpatterns


class ExplodingView(APIView):
    authentication_classes = []
    required_scopes = {"get": PUBLIC}

    def get(self, request):
        raise RuntimeError("connection to db-primary.internal:5432 failed for user revcare_owner")


def exploding_plain_view(request):
    raise RuntimeError("secret internals")


urlpatterns = [
    path("boom", ExplodingView.as_view()),
    path("plain-boom", exploding_plain_view),
    path("portal/boom/", exploding_plain_view),
    *project_urlpatterns,
]

handler500 = "revcare.views.server_error"
handler404 = "revcare.views.page_not_found"
