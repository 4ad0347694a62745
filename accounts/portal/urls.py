from django.urls import path

from accounts.portal import views

urlpatterns = [
    path("login/", views.SignInView.as_view(), name="login"),
    path("logout/", views.SignOutView.as_view(), name="logout"),
    path("password/reset/", views.password_reset_request, name="password-reset"),
    path("password/set/<uidb64>/<token>/", views.password_set, name="password-set"),
    path("register/", views.register, name="register"),
    path("customer/profile/", views.profile, name="profile"),
    path("customer/", views.customer_home, name="customer-home"),
]
