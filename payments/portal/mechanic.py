"""Payment at the car's return, on the mechanic's tablet: the money due on the drop's job page, taking it
in cash or opening a payment the customer makes on their phone, and the page reloading once they have."""

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect, HttpResponseClientRefresh

from bookings.models import AssignmentKind
from payments.selectors import payment_due_at_return
from payments.services import cod_collect
from revcare.errors import ApplicationError
from revcare.portal import form_refusal
from workshop.portal.mechanic import mechanic_only, own_job


class CollectForm(forms.Form):
    """At the car's return: cash in hand, or a payment the customer makes on their phone."""

    mode = forms.ChoiceField(choices=[("cash", "Cash"), ("online", "Online")], required=False)

    def clean_mode(self) -> str:
        return self.cleaned_data["mode"] or "cash"


def job_page_due(request, job) -> dict:
    """For workshop.portal.mechanic.JOB_PAGE_PARTS: what the drop mechanic collects before handing the car back."""
    if job.assignment_type.kind == AssignmentKind.DROP and not job.closed_at:
        return {"due": payment_due_at_return(booking=job.booking)}
    return {}


@mechanic_only
@require_POST
def collect_payment(request, assignment_id: int):
    """At the car's return: record cash taken, or open a payment the customer makes on their phone."""
    job = own_job(request, assignment_id)
    form = CollectForm(request.POST)
    if not form.is_valid():
        form_refusal(request, form)
        return HttpResponseClientRedirect(reverse("mechanic:job", args=[job.pk]))
    mode = form.cleaned_data["mode"]
    try:
        payment = cod_collect(booking_id=job.booking_id, collector=request.user, mode=mode)
    except ApplicationError as refusal:
        form_refusal(request, refusal)
    else:
        if mode == "cash":
            messages.success(request, f"₹{payment.amount} in cash recorded. You can hand the car back.")
    return HttpResponseClientRedirect(reverse("mechanic:job", args=[job.pk]))


@mechanic_only
def payment_state(request, assignment_id: int):
    """HTMX, polled while a payment is due: reloads the job page once the customer has paid."""
    job = own_job(request, assignment_id)
    if payment_due_at_return(booking=job.booking) is None:
        return HttpResponseClientRefresh()
    return HttpResponse(status=204)
