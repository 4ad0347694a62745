from datetime import timedelta

from django import forms
from django.conf import settings
from django.utils import timezone

from bookings import money
from bookings.models import PaymentMethod, PickupType
from catalogue.selectors import service_list
from garage.selectors import address_list, customer_car_list, timeslot_list


class BookingForm(forms.Form):
    """The booking wizard's fields, in the order the customer decides them. Business rules (capacity,
    enough days for the work, whose car) stay in bookings.services.booking_create."""

    car = forms.ModelChoiceField(queryset=None, widget=forms.RadioSelect, label="Which car?")
    services = forms.ModelMultipleChoiceField(queryset=None, label="Which services?",
                                              error_messages={"required": "Choose at least one service."})
    pickup_type = forms.ChoiceField(choices=[(PickupType.DOORSTEP, "Collect it from my address"),
                                             (PickupType.SELF, "I will bring it to the garage")],
                                    widget=forms.RadioSelect, initial=PickupType.DOORSTEP, label="Pickup")
    pickup_address = forms.ModelChoiceField(queryset=None, required=False, label="Pickup address",
                                            empty_label="Choose an address")
    drop_address = forms.ModelChoiceField(queryset=None, required=False, label="Drop address",
                                          empty_label="Same as pickup")
    pickup_date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), label="Pickup date")
    pickup_timeslot = forms.ModelChoiceField(queryset=None, label="Pickup slot",
                                             error_messages={"required": "Choose a pickup slot."})
    drop_date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), label="Drop date")
    drop_timeslot = forms.ModelChoiceField(queryset=None, label="Drop slot",
                                           error_messages={"required": "Choose a drop slot."})
    notes = forms.CharField(required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2}),
                            label="Anything we should know?", help_text="Optional: noises, warning lights, keys…")

    def __init__(self, *args, customer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["car"].queryset = customer_car_list(user=customer)
        self.fields["services"].queryset = service_list(user=customer).filter(is_active=True).order_by(
            "category__name", "title")
        self.fields["pickup_address"].queryset = self.fields["drop_address"].queryset = address_list(user=customer)
        self.fields["pickup_timeslot"].queryset = self.fields["drop_timeslot"].queryset = timeslot_list().filter(
            is_active=True)
        today = timezone.localdate()
        for name in ("pickup_date", "drop_date"):
            self.fields[name].widget.attrs["min"] = today.isoformat()
        self.fields["pickup_date"].widget.attrs["max"] = (
            today + timedelta(days=settings.BOOKING_HORIZON_DAYS)).isoformat()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("pickup_type") == PickupType.DOORSTEP and not cleaned.get("pickup_address"):
            self.add_error("pickup_address", "A doorstep pickup needs an address.")
        return cleaned

    # Names the booking service uses for its refusals, mapped to these fields.
    SERVICE_FIELD_NAMES = {"vehicle_id": "car", "timeslot_id": "pickup_timeslot", "drop_timeslot_id": "drop_timeslot",
                           "pickup_address_id": "pickup_address", "drop_address_id": "drop_address"}


class ConfirmServicesForm(forms.Form):
    """The customer's pick from the approved quote, and how they will pay."""

    service_ids = forms.TypedMultipleChoiceField(coerce=int, widget=forms.CheckboxSelectMultiple,
                                                 label="Services to have done",
                                                 error_messages={"required": "Choose at least one service."})
    payment_method = forms.ChoiceField(choices=[(PaymentMethod.ONLINE, "Pay online now"),
                                                (PaymentMethod.COD, "Pay when the car comes back (cash or UPI)")],
                                       widget=forms.RadioSelect, initial=PaymentMethod.ONLINE, label="Payment")

    def __init__(self, *args, booking, **kwargs):
        super().__init__(*args, **kwargs)
        rows = list(booking.services.all())
        self.fields["service_ids"].choices = [(row.service_id, row.service.title) for row in rows]
        self.fields["service_ids"].initial = [row.service_id for row in rows if not row.is_recommended]
        self.rows = rows


class CancelForm(forms.Form):
    reason = forms.CharField(required=False, max_length=200, label="Why are you cancelling? (optional)")


class LineDecisionForm(forms.Form):
    """The customer's answer to a line whose price changed after the work started."""

    approve = forms.TypedChoiceField(choices=[("yes", "Approve"), ("no", "Decline")],
                                     coerce=lambda answer: answer == "yes",
                                     error_messages={"required": "Choose approve or decline.",
                                                     "invalid_choice": "Choose approve or decline."})


class PriceField(forms.DecimalField):
    """A price in rupees, refused by the same rule the services apply (bookings.money.price_validate)."""

    default_error_messages = {"invalid": money.PRICE_ERROR}
    default_validators = [money.price_validate]

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.01", "min": "0"}))
        super().__init__(**kwargs)
