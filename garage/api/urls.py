from django.urls import path

from garage.api import views

COLLECTION = {"get": "list", "post": "create"}
ITEM = {"get": "retrieve", "put": "update", "delete": "destroy"}

urlpatterns = [
    path("address/", views.AddressViewSet.as_view(COLLECTION), name="address-list"),
    path("address/area", views.AreaViewSet.as_view(COLLECTION), name="area-list"),
    path("address/area/<id:pk>", views.AreaViewSet.as_view(ITEM), name="area-detail"),
    path("address/<id:pk>", views.AddressViewSet.as_view(ITEM), name="address-detail"),
    path("car/", views.CustomerCarViewSet.as_view(COLLECTION), name="car-list"),
    path("car/<id:pk>", views.CustomerCarViewSet.as_view(ITEM), name="car-detail"),
    path("car/models", views.CarModelViewSet.as_view(COLLECTION), name="car-model-list"),
    path("car/models/<id:pk>", views.CarModelViewSet.as_view(ITEM), name="car-model-detail"),
    path("car/class", views.CarClassViewSet.as_view(COLLECTION), name="car-class-list"),
    path("car/class/<id:pk>", views.CarClassViewSet.as_view(ITEM), name="car-class-detail"),
    path("car/fuel", views.FuelTypeViewSet.as_view(COLLECTION), name="fuel-type-list"),
    path("car/fuel/<id:pk>", views.FuelTypeViewSet.as_view(ITEM), name="fuel-type-detail"),
    path("car/manufacturer", views.ManufacturerViewSet.as_view(COLLECTION), name="manufacturer-list"),
    path("car/manufacturer/<id:pk>", views.ManufacturerViewSet.as_view(ITEM), name="manufacturer-detail"),
    path("utils/status", views.StatusViewSet.as_view(COLLECTION), name="status-list"),
    path("utils/status/<id:pk>", views.StatusViewSet.as_view(ITEM), name="status-detail"),
    # utils/timeslot (list, create, and each slot's places left on a day) is served by bookings.api.urls.
    path("utils/timeslot/<id:pk>", views.TimeslotViewSet.as_view({"put": "update", "delete": "destroy"}),
         name="timeslot-detail"),
    path("content/", views.ContentView.as_view(), name="content-update"),
    path("content/<slug:content_id>", views.ContentDetailView.as_view(), name="content-detail"),
    path("gst/", views.GstView.as_view(), name="gst"),
    path("gst/history", views.GstHistoryViewSet.as_view({"get": "list"}), name="gst-history"),
]

from garage.api import backup_views  # noqa: E402

backup = backup_views.BackupViewSet.as_view
urlpatterns += [
    path("backup/create", backup({"post": "create"}), name="backup-create"),
    path("backup/list", backup({"get": "list"}), name="backup-list"),
    path("backup/restore", backup({"post": "restore"}), name="backup-restore"),
    path("backup/delete/<str:backup_name>", backup({"delete": "destroy"}), name="backup-delete"),
]
