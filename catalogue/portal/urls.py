from django.urls import path

from catalogue.portal import views

urlpatterns = [
    path("services/", views.service_catalogue, name="catalogue"),
    path("services/<int:service_id>/", views.service_page, name="service"),
    path("services/<int:service_id>/<str:kind>/", views.saved_toggle, name="service-saved-toggle"),
]
