from django.urls import path

from garage.portal import views

urlpatterns = [
    path("pages/<slug:slug>/", views.content_page, name="page"),
    path("customer/cars/", views.car_list, name="cars"),
    path("customer/cars/add/", views.car_edit, name="car-add"),
    path("customer/cars/models/", views.car_model_options, name="car-model-options"),
    path("customer/cars/<id:car_id>/", views.car_edit, name="car-edit"),
    path("customer/cars/<id:car_id>/remove/", views.car_remove, name="car-remove"),
    path("customer/addresses/", views.address_list, name="addresses"),
    path("customer/addresses/add/", views.address_edit, name="address-add"),
    path("customer/addresses/<id:address_id>/", views.address_edit, name="address-edit"),
    path("customer/addresses/<id:address_id>/remove/", views.address_remove, name="address-remove"),
]
