"""Payment at the car's return, on the mechanic's tablet: the money due on the drop's job page, taking it
in cash or opening a payment the customer makes on their phone, and the page reloading once they have."""

from django.contrib import messages
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect, HttpResponseClientRefresh

from payments.selectors import payment_due_at_return
from payments.services import cod_collect
from revcare.errors import ApplicationError
from workshop.portal.mechanic import mechanic_only, own_job


def job_page_due(request, job) -> dict:
    """For workshop.portal.mechanic.JOB_PAGE_PARTS: what the drop mechanic collects before handing the car back."""
    if job.assignment_type.code == "drop" and not job.closed_at:
        return {"due": payment_due_at_return(booking=job.booking)}
    return {}


@mechanic_only
@require_POST
def collect_payment(request, assignment_id: int):
    """At the car's return: record cash taken, or open a payment the customer makes on their phone."""
    job = own_job(request, assignment_id)
    mode = "online" if request.POST.get("mode") == "online" else "cash"
    try:
        payment = cod_collect(booking_id=job.booking_id, collector=request.user, mode=mode)
    except ApplicationError as refusal:
        messages.error(request, str(refusal.detail))
    else:
        if mode == "cash":
            messages.success(request, f"₹{payment.amount} in cash recorded. You can hand the car back.")
    return HttpResponseClientRedirect(reverse("mechanic-job", args=[job.pk]))


@mechanic_only
def payment_state(request, assignment_id: int):
    """HTMX, polled while a payment is due: reloads the job page once the customer has paid."""
    job = own_job(request, assignment_id)
    if payment_due_at_return(booking=job.booking) is None:
        return HttpResponseClientRefresh()
    return HttpResponse(status=204)
