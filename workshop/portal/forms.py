"""The tablet's job forms, one per kind of assignment, and the desk's assignment-type form. The rules (whose
job, what may be reported, photo limits, validation order) stay in workshop.services."""

from django import forms
from django.conf import settings

from bookings.models import BookedServiceStatus
from bookings.portal.forms import PriceField
from catalogue.selectors import service_list
from revcare.portal import model_input_form
from workshop.models import AssignmentType, FindingSeverity, FuelLevel


class PhotosInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotosField(forms.ImageField):
    """Up to MAX_ANALYSIS_IMAGES photos straight from the tablet's camera."""

    widget = PhotosInput(attrs={"accept": "image/*", "capture": "environment"})

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", "Photos")
        kwargs.setdefault("help_text", f"Up to {settings.MAX_ANALYSIS_IMAGES}, from the camera or the gallery.")
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else ([data] if data else [])
        if len(files) > settings.MAX_ANALYSIS_IMAGES:
            raise forms.ValidationError(f"Attach at most {settings.MAX_ANALYSIS_IMAGES} photos.")
        return [super(PhotosField, self).clean(file, initial) for file in files]


class ReportForm(forms.Form):
    """Pickup ("car received") and drop ("delivered"): a note and photos of the car's condition."""

    notes = forms.CharField(required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 3}),
                            help_text="Scratches, fuel level, odometer, who handed over the keys…")
    photos = PhotosField()


class ProgressForm(ReportForm):
    completed = forms.TypedMultipleChoiceField(coerce=int, required=False, widget=forms.CheckboxSelectMultiple,
                                               label="Services completed")
    field_order = ["completed", "notes", "photos"]
    notes = forms.CharField(required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 3}),
                            help_text="What was done or found on the job: parts replaced, readings, anything to "
                                      "tell the customer…")

    def __init__(self, *args, booking, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["completed"].choices = [(row.service_id, row.service.title) for row in booking.services.all()
                                            if row.status == BookedServiceStatus.CONFIRMED and not row.is_done]


EXTRA_ROWS = 3


class AnalysisForm(forms.Form):
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), label="What you found")
    recommendation = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}),
                                     label="Recommendation to the customer")
    photos = PhotosField()

    def __init__(self, *args, booking, **kwargs):
        super().__init__(*args, **kwargs)
        self.booked = [row for row in booking.services.all()]
        for row in self.booked:
            self.fields[f"price_{row.service_id}"] = PriceField(label=f"{row.service.title} (quote, ₹)",
                                                                initial=row.estimated_price)
        booked_ids = {row.service_id for row in self.booked}
        extras = service_list().filter(is_active=True).exclude(pk__in=booked_ids).order_by("title")
        for number in range(1, EXTRA_ROWS + 1):
            self.fields[f"extra_{number}"] = forms.ModelChoiceField(
                queryset=extras, required=False, label=f"Recommended extra {number}", empty_label="—")
            self.fields[f"extra_{number}_price"] = PriceField(required=False, label=f"Extra {number} price (₹)")

    def clean(self):
        cleaned = super().clean()
        for number in range(1, EXTRA_ROWS + 1):
            if cleaned.get(f"extra_{number}") and cleaned.get(f"extra_{number}_price") is None:
                self.add_error(f"extra_{number}_price", "Quote a price for the recommended service.")
        return cleaned

    def price_fields(self):
        return [self[f"price_{row.service_id}"] for row in self.booked]

    def extra_rows(self):
        return [(self[f"extra_{n}"], self[f"extra_{n}_price"]) for n in range(1, EXTRA_ROWS + 1)]

    def quotes(self) -> list[dict]:
        return [{"service": row.service, "price": self.cleaned_data[f"price_{row.service_id}"]} for row in self.booked]

    def recommended(self) -> list[dict]:
        return [{"service": self.cleaned_data[f"extra_{n}"], "quantity": 1,
                 "price": self.cleaned_data[f"extra_{n}_price"]}
                for n in range(1, EXTRA_ROWS + 1) if self.cleaned_data.get(f"extra_{n}")]


class FindingForm(forms.Form):
    """One finding on the car: how urgent, what it is, the photos that show it, and the fix with its price."""

    severity = forms.ChoiceField(choices=FindingSeverity.choices, widget=forms.RadioSelect, label="How urgent")
    note = forms.CharField(max_length=2000, widget=forms.Textarea(attrs={"rows": 2}), label="What you found")
    service = forms.ModelChoiceField(queryset=service_list().filter(is_active=True).order_by("title"),
                                     required=False, label="Service that fixes it", empty_label="— none needed yet")
    price = PriceField(required=False, label="Its quoted price (₹)",
                       help_text="Needed when the booking does not have it yet")
    due_km = forms.IntegerField(required=False, min_value=0, max_value=2_000_000, label="Due by odometer (km)",
                                widget=forms.NumberInput(attrs={"inputmode": "numeric"}))
    photos = PhotosField()


class HandoverForm(forms.Form):
    """The car as it changes hands: the reading, the fuel and a photo walk-round."""

    odometer_km = forms.IntegerField(min_value=0, max_value=2_000_000, label="Odometer (km)",
                                     widget=forms.NumberInput(attrs={"inputmode": "numeric"}))
    fuel_level = forms.ChoiceField(choices=FuelLevel.choices, widget=forms.RadioSelect, label="Fuel")
    notes = forms.CharField(required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2}),
                            label="Condition notes", help_text="Scratches, dents, warning lights, items left inside…")
    photos = PhotosField(label="Walk-round photos", help_text="Front, back and both sides; at least one.")


class HandoverCodeForm(forms.Form):
    code = forms.RegexField(regex=r"^\d{6}$", label="Customer's code", max_length=6,
                            error_messages={"invalid": "Six digits, from the customer's email."},
                            widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}))


# The label of one of the four fixed kinds; the kind itself is never a form field.
ASSIGNMENT_TYPE_FIELDS = ["name", "description"]
AssignmentTypeForm = model_input_form(AssignmentType, ASSIGNMENT_TYPE_FIELDS)


class CustodyDisputeForm(forms.Form):
    # What the note must say (and how long) is the custody service's rule; the form only carries it.
    note = forms.CharField(required=False)
