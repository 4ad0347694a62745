from django import forms

from garage.models import Content, GarageSettings, Timeslot
from revcare.portal import model_input_form


class GstForm(forms.Form):
    percent = forms.DecimalField(label="New GST rate (%)", max_digits=5, decimal_places=2, min_value=0, max_value=28)


CONTENT_FIELDS = ["title", "body", "image"]
ContentForm = model_input_form(Content, CONTENT_FIELDS, widgets={"body": forms.Textarea(attrs={"rows": 6})})

TIMESLOT_FIELDS = ["name", "start_time", "end_time", "capacity", "is_active"]
TimeslotForm = model_input_form(
    Timeslot, TIMESLOT_FIELDS, help_texts={"capacity": "Pickups this slot takes per day."},
    widgets={"start_time": forms.TimeInput(attrs={"type": "time"}),
             "end_time": forms.TimeInput(attrs={"type": "time"})})

GARAGE_SETTINGS_FIELDS = ["handover_code_required"]
GarageSettingsForm = model_input_form(GarageSettings, GARAGE_SETTINGS_FIELDS)


class RestoreForm(forms.Form):
    """Restoring replaces every record: the admin types the backup's name to show they mean it."""

    confirm_name = forms.CharField(label="Type the backup's name to confirm")

    def __init__(self, *args, name: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.name = name

    def clean_confirm_name(self):
        if self.cleaned_data["confirm_name"].strip() != self.name:
            raise forms.ValidationError("The name typed does not match this backup; nothing was restored.")
        return self.cleaned_data["confirm_name"]
