from django import forms
from django.urls import reverse

from garage import selectors
from revcare.portal import row_id


class CarForm(forms.Form):
    manufacturer = forms.ModelChoiceField(queryset=selectors.manufacturer_list(), empty_label="Choose the make")
    car_model = forms.ModelChoiceField(queryset=selectors.car_model_list(), label="Model",
                                       empty_label="Choose the model")
    registration_number = forms.CharField(max_length=16, help_text="As on the number plate, e.g. KA01AB1234.",
                                          widget=forms.TextInput(attrs={"autocapitalize": "characters"}))
    nickname = forms.CharField(max_length=40, required=False, help_text="Optional, e.g. “Family car”.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Choosing the make swaps in its models without a reload; without JavaScript the full list stays.
        self.fields["manufacturer"].widget.attrs.update({
            "hx-get": reverse("portal:car-model-options"), "hx-target": "#id_car_model", "hx-trigger": "change"})
        manufacturer_id = row_id(self.data.get("manufacturer") or self.initial.get("manufacturer"))
        if manufacturer_id is not None:
            self.fields["car_model"].queryset = selectors.car_model_list().filter(manufacturer_id=manufacturer_id)

    def clean(self):
        cleaned = super().clean()
        maker, model = cleaned.get("manufacturer"), cleaned.get("car_model")
        if maker and model and model.manufacturer_id != maker.pk:
            self.add_error("car_model", f"Choose one of {maker}'s models.")
        return cleaned


class AddressForm(forms.Form):
    label = forms.CharField(max_length=40, help_text="Home, Office…")
    line1 = forms.CharField(max_length=200, label="House and street",
                            widget=forms.TextInput(attrs={"autocomplete": "address-line1"}))
    line2 = forms.CharField(max_length=200, required=False, label="Landmark",
                            widget=forms.TextInput(attrs={"autocomplete": "address-line2"}))
    area = forms.ModelChoiceField(queryset=selectors.area_list(), empty_label="Choose your area",
                                  help_text="We collect cars from these areas.")
