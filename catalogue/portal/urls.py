from django.urls import path

from catalogue.portal import views

urlpatterns = [
    path("services/", views.service_catalogue, name="catalogue"),
    path("services/<id:service_id>/", views.service_page, name="service"),
    path("customer/reviews/<id:service_id>/", views.review_create, name="review-create"),
    path("customer/cart/", views.saved_services, {"kind": "cart"}, name="my-cart"),
    path("customer/favourites/", views.saved_services, {"kind": "favourites"}, name="my-favourites"),
    path("services/<id:service_id>/<str:kind>/", views.saved_toggle, name="service-saved-toggle"),
]
