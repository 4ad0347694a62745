from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from payments import selectors, services
from payments.gateway import gateway
from revcare.errors import ApplicationError


@login_required
def invoice_page(request, booking_id: int):
    """The invoice, laid out to print on one A4 page."""
    invoice = selectors.invoice_for_booking(user=request.user, booking_id=booking_id)
    if invoice is None:
        raise Http404
    return render(request, "payments/invoice.html", {"invoice": invoice})


@login_required
@require_http_methods(["GET", "POST"])
def sandbox_checkout(request, order_id: str):
    """Stands in for Razorpay Checkout when no keys are configured: pay or fail, then the same
    signature verification as a real payment."""
    sandbox = gateway()
    payment = selectors.payment_for_order(user=request.user, order_id=order_id)
    if not sandbox.is_sandbox or payment is None:
        raise Http404
    if request.method == "POST":
        if request.POST.get("outcome") == "pay":
            callback = sandbox.checkout_payment(order_id=order_id)
            try:
                services.payment_verify(order_id=callback["razorpay_order_id"],
                                        payment_id=callback["razorpay_payment_id"],
                                        signature=callback["razorpay_signature"])
            except ApplicationError as error:
                messages.error(request, str(error.detail))
            else:
                messages.success(request, f"Paid ₹{payment.amount}. Thank you!")
        else:
            services.payment_fail(order_id=order_id, reason="Declined in the sandbox checkout")
            messages.warning(request, "The payment did not go through; nothing was charged.")
        return redirect("landing")
    return render(request, "payments/sandbox_checkout.html", {"payment": payment})
