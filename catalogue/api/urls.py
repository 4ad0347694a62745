from django.urls import path

from catalogue.api import views

COLLECTION = {"get": "list", "post": "create"}
ITEM = {"get": "retrieve", "put": "update", "delete": "destroy"}
SAVED_ITEM = {"post": "create", "delete": "destroy"}

urlpatterns = [
    path("services/", views.ServiceViewSet.as_view(COLLECTION), name="service-list"),
    path("services/category", views.CategoryViewSet.as_view(COLLECTION), name="category-list"),
    path("services/category/<id:pk>", views.CategoryViewSet.as_view(ITEM), name="category-detail"),
    path("services/review/<id:service_id>", views.ReviewModerationView.as_view(), name="review-moderate"),
    path("services/<id:pk>", views.ServiceViewSet.as_view(ITEM), name="service-detail"),
    path("services/<id:pk>/prices", views.ServiceViewSet.as_view({"put": "prices"}), name="service-prices"),
    path("services/<id:service_id>/reviews", views.ServiceReviewViewSet.as_view(COLLECTION), name="review-list"),
    path("services/<id:service_id>/reviews/mine",
         views.ServiceReviewViewSet.as_view({"put": "update", "delete": "destroy"}), name="review-mine"),
    path("customers/cart", views.CartViewSet.as_view({"get": "list"}), name="cart"),
    path("customers/cart/<id:service_id>", views.CartViewSet.as_view(SAVED_ITEM), name="cart-item"),
    path("customers/favourite", views.FavouriteViewSet.as_view({"get": "list"}), name="favourites"),
    path("customers/favourite/<id:service_id>", views.FavouriteViewSet.as_view(SAVED_ITEM), name="favourite-item"),
]
