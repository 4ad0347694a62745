"""The workshop's answers to what bookings says happened (bookings.signals), and its place in bookings'
visibility rules. Connected in WorkshopConfig.ready."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from accounts.models import User
from bookings.models import AssignmentKind, Booking, BookingStatus
from bookings.selectors.access import VISIBLE_TO_ROLE
from bookings.signals import booking_moved, services_confirming
from revcare.errors import ConflictError
from revcare.roles import RoleName
from workshop.models import Analysis, Assignment, MechanicProfile
from workshop.selectors.work import assigned_to_mechanic
from workshop.services.assignments import assignment_close

VISIBLE_TO_ROLE[RoleName.MECHANIC] = assigned_to_mechanic


@receiver(services_confirming, dispatch_uid="workshop-quote-checked")
def _quote_checked_or_refuse(sender, booking: Booking, **kwargs):
    if not Analysis.objects.filter(booking=booking, validated_at__isnull=False).exists():
        raise ConflictError("The quote is still being checked by the garage; you will be told when it is ready.")


@receiver(booking_moved, dispatch_uid="workshop-close-service-work")
def _service_work_closed(sender, booking: Booking, target: str, **kwargs):
    """A booking whose work is complete (the last report validated, or the customer declined the last
    repriced line) has no service assignment left open."""
    if target == BookingStatus.COMPLETED:
        for assignment in Assignment.objects.filter(booking=booking, closed_at__isnull=True,
                                                    assignment_type__kind=AssignmentKind.SERVICE):
            assignment_close(assignment)


@receiver(post_save, sender=User, dispatch_uid="workshop-every-mechanic-has-a-profile")
def _mechanic_profile_ensured(sender, instance: User, raw: bool = False, **kwargs):
    """Whoever is a mechanic has a profile, however they became one (a role changed in Django admin), so
    the tablet and the desk never meet a mechanic without one. Qualifications start off: an admin sets them."""
    if instance.role_id == RoleName.MECHANIC and not raw:
        MechanicProfile.objects.get_or_create(user_id=instance.pk)  # by id: leaves no stale profile cached on it
