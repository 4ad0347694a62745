import io

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from bookings.money import paise
from payments import selectors, services
from payments.gateway import gateway
from payments.models import PaymentStatus
from payments.portal.forms import CheckoutCallbackForm
from revcare.errors import ApplicationError
from revcare.portal import form_refusal
from revcare.roles import RoleName


@login_required
def invoice_page(request, booking_id: int):
    """The invoice, laid out to print on one A4 page."""
    invoice = selectors.invoice_for_booking(user=request.user, booking_id=booking_id)
    if invoice is None:
        raise Http404
    return render(request, "payments/invoice.html", {"invoice": invoice})


def _after_payment(request, payment):
    if request.user.role_id == RoleName.CUSTOMER:
        return redirect("portal:booking", payment.booking_id)
    return redirect("landing")


@login_required
@require_http_methods(["GET", "POST"])
def checkout(request, order_id: str):
    """Pay an open order. With Razorpay keys: Razorpay Checkout, whose signed callback is verified here.
    Without: the sandbox stands in (pay or fail), signing the callback as Razorpay would, so the same
    verification runs either way."""
    payments_gateway = gateway()
    payment = selectors.payment_for_order(user=request.user, order_id=order_id)
    if payment is None:
        raise Http404
    if payment.status != PaymentStatus.PENDING:
        messages.info(request, f"This payment is {payment.get_status_display().lower()}.")
        return _after_payment(request, payment)
    if request.method == "POST":
        form = CheckoutCallbackForm(request.POST)
        if not form.is_valid():  # every field is optional; a missing signature fails the SDK's check below
            form_refusal(request, form)
            return _after_payment(request, payment)
        if payments_gateway.is_sandbox and form.cleaned_data["outcome"] == "fail":
            services.payment_fail(order_id=order_id, reason="Declined in the sandbox checkout")
            messages.warning(request, "The payment did not go through; nothing was charged. You can try again.")
            return _after_payment(request, payment)
        if payments_gateway.is_sandbox:
            callback = payments_gateway.checkout_payment(order_id=order_id)
        else:  # failures inside Razorpay Checkout reach us by webhook; only successes post back here
            callback = form.cleaned_data
        try:
            services.payment_verify(order_id=order_id, payment_id=callback["razorpay_payment_id"],
                                    signature=callback["razorpay_signature"])
        except ApplicationError as error:
            form_refusal(request, error)
        else:
            messages.success(request, f"Paid ₹{payment.amount}. Thank you!")
        return _after_payment(request, payment)
    return render(request, "payments/checkout.html", {
        "payment": payment, "sandbox": payments_gateway.is_sandbox, "key_id": payments_gateway.key_id,
        "amount_paise": paise(payment.amount)})


@login_required
def payment_qr(request, order_id: str):
    """The checkout link as a QR code (SVG), for the customer to pay at the door on their phone."""
    payment = selectors.payment_for_order(user=request.user, order_id=order_id)
    if payment is None or payment.status != PaymentStatus.PENDING:
        raise Http404
    link = request.build_absolute_uri(reverse("portal:checkout", args=[order_id]))
    svg = io.BytesIO()
    segno.make(link, error="m").save(svg, kind="svg", scale=6, border=2)
    return HttpResponse(svg.getvalue(), content_type="image/svg+xml")
