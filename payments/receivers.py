"""What payments answers when bookings says a car is going back or a booking is cancelled
(bookings.signals). Connected in PaymentsConfig.ready."""

from django.dispatch import receiver

from bookings.signals import booking_cancelling, car_returning
from payments.portal.mechanic import job_page_due
from payments.services import booking_settled, cancellation_settle
from revcare.errors import ConflictError
from workshop.portal.mechanic import JOB_PAGE_PARTS

JOB_PAGE_PARTS.append(job_page_due)


@receiver(car_returning, dispatch_uid="payments-settled-before-return")
def _settled_or_refuse(sender, booking, **kwargs):
    if not booking_settled(booking):
        raise ConflictError("Collect the payment due (cash, or the customer pays online) before handing the car back.")


@receiver(booking_cancelling, dispatch_uid="payments-cancellation-settle")
def _cancellation_settled(sender, booking, fee_total, **kwargs):
    return cancellation_settle(booking=booking, fee_total=fee_total)
