"""The customer's pages about a car after its visits: its history, the work left for later (dismissed
here), and the link in a reminder email that books that work again. The desk and the tablet show the
same history page."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from aftercare.models import DeferredStatus
from aftercare.selectors import car_history as car_history_of
from aftercare.selectors import deferred_items_visible_to, reminder_for
from aftercare.services import deferred_item_dismiss
from bookings.portal.views import REMINDER_SESSION_KEY
from catalogue.services import cart_add
from revcare.errors import ApplicationError
from revcare.portal import role_required
from revcare.roles import RoleName
from workshop.selectors.tablet import mechanic_job

customer_only = role_required(RoleName.CUSTOMER)
mechanic_only = role_required(RoleName.MECHANIC)


@customer_only
@require_GET
def reminder_link(request, token: str):
    """The link in a reminder email: the deferred service goes into the cart and the booking wizard
    opens for that car; the booking made next is credited to the reminder."""
    reminder = reminder_for(customer=request.user, token=token)
    if reminder is None:
        raise Http404
    item = reminder.item
    if item.status != DeferredStatus.OPEN:
        messages.info(request, f"{item.service.title} for {item.car.registration_number} is already "
                               f"{'booked' if item.status == 'booked' else 'set aside'}.")
        return redirect("portal:car-history", item.car_id)
    try:
        cart_add(customer=request.user, service=item.service)
    except ApplicationError:
        pass  # already in the cart
    request.session[REMINDER_SESSION_KEY] = token
    return redirect(f"{reverse('portal:book')}?car={item.car_id}")


def car_history_page(request, car_id: int, **context):
    """A car's history as the person asking may see it (customer, desk or the mechanic of a job)."""
    history = car_history_of(user=request.user, car_id=car_id)
    if history is None:
        raise Http404
    return render(request, "bookings/car_history.html", {"history": history, "staff": False, **context})


@customer_only
def car_history(request, car_id: int):
    return car_history_page(request, car_id)


@customer_only
@require_POST
def deferred_dismiss(request, item_id: int):
    item = deferred_items_visible_to(user=request.user).filter(pk=item_id).first()
    if item is None:
        raise Http404
    deferred_item_dismiss(item=item)
    messages.success(request, f"{item.service.title}: no more reminders.")
    return redirect("portal:car-history", item.car_id)


@mechanic_only
def mechanic_car_history(request, assignment_id: int):
    """The history of the car of one of my jobs: past visits, findings, readings, work left for later."""
    job = mechanic_job(mechanic=request.user, assignment_id=assignment_id)
    if job is None:
        raise Http404  # another mechanic's job is as absent as one that never existed
    return car_history_page(request, job.booking.car_id, staff=True, job=job)
