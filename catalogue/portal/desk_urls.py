from django.urls import path

from catalogue.portal import views

urlpatterns = [
    path("operations/reviews/", views.review_queue, name="reviews"),
    path("operations/reviews/<id:review_id>/", views.review_moderate, name="review-moderate"),
]
