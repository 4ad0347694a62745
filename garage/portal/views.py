"""A customer's cars and addresses, and the garage's published pages (terms, privacy)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from garage import selectors, services
from garage.portal.forms import AddressForm, CarForm
from revcare.errors import ApplicationError
from revcare.portal import form_refusal, role_required, row_id
from revcare.roles import RoleName

customer_only = role_required(RoleName.CUSTOMER)


def content_page(request, slug: str):
    content = selectors.content_get(slug=slug)
    if content is None or slug not in ("terms", "privacy"):
        raise Http404
    return render(request, "garage/content_page.html", {"content": content})


@customer_only
def car_list(request):
    return render(request, "garage/cars.html", {"cars": selectors.customer_car_list(user=request.user)})


@customer_only
@require_GET
def car_model_options(request):
    """HTMX: the models of the chosen make, as <option>s for the model select."""
    maker = row_id(request.GET.get("manufacturer"))
    models = selectors.car_model_list().filter(manufacturer_id=maker) if maker is not None else []
    return render(request, "garage/_car_model_options.html", {"models": models})


def _save_car(request, form, car=None):
    fields = {"car_model": form.cleaned_data["car_model"], "nickname": form.cleaned_data["nickname"],
              "registration_number": form.cleaned_data["registration_number"]}
    try:
        if car is None:
            car = services.customer_car_create(customer=request.user, **fields)
        else:
            services.customer_car_update(car=car, **fields)
    except (ValidationError, ApplicationError) as refusal:
        form_refusal(form, refusal)
        return None
    return car


@customer_only
@require_http_methods(["GET", "POST"])
def car_edit(request, car_id: int | None = None):
    car = get_object_or_404(selectors.customer_car_list(user=request.user), pk=car_id) if car_id else None
    initial = {"manufacturer": car.car_model.manufacturer_id, "car_model": car.car_model_id,
               "registration_number": car.registration_number, "nickname": car.nickname} if car else {}
    form = CarForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = _save_car(request, form, car)
        if saved is not None:
            messages.success(request, f"{saved.registration_number} is saved.")
            return redirect("portal:book" if request.GET.get("then") == "book" else "portal:cars")
    return render(request, "portal/form_page.html", {
        "form": form, "title": f"Edit {car.registration_number}" if car else "Add a car",
        "submit_label": "Save car", "back_url": reverse("portal:cars"), "back_label": "My cars"})


@customer_only
@require_POST
def car_remove(request, car_id: int):
    car = get_object_or_404(selectors.customer_car_list(user=request.user), pk=car_id)
    try:
        services.customer_car_delete(car=car)
    except ApplicationError:
        messages.error(request, f"{car.registration_number} stays: it has bookings on record.")
    else:
        messages.success(request, f"{car.registration_number} is removed.")
    return redirect("portal:cars")


@customer_only
def address_list(request):
    return render(request, "garage/addresses.html", {"addresses": selectors.address_list(user=request.user)})


@customer_only
@require_http_methods(["GET", "POST"])
def address_edit(request, address_id: int | None = None):
    address = get_object_or_404(selectors.address_list(user=request.user), pk=address_id) if address_id else None
    initial = {name: getattr(address, name) for name in ("label", "line1", "line2", "area")} if address else {}
    form = AddressForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if address is None:
                services.address_create(customer=request.user, **form.cleaned_data)
            else:
                services.address_update(address=address, **form.cleaned_data)
        except (ValidationError, ApplicationError) as refusal:
            form_refusal(form, refusal)
        else:
            messages.success(request, f"Address “{form.cleaned_data['label']}” is saved.")
            return redirect("portal:book" if request.GET.get("then") == "book" else "portal:addresses")
    return render(request, "portal/form_page.html", {
        "form": form, "title": "Edit address" if address else "Add an address", "submit_label": "Save address",
        "back_url": reverse("portal:addresses"), "back_label": "My addresses"})


@customer_only
@require_POST
def address_remove(request, address_id: int):
    address = get_object_or_404(selectors.address_list(user=request.user), pk=address_id)
    try:
        services.address_delete(address=address)
    except ApplicationError:
        messages.error(request, f"“{address.label}” stays: bookings were collected from it.")
    else:
        messages.success(request, f"“{address.label}” is removed.")
    return redirect("portal:addresses")
