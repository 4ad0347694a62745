"""The desk's booking forms: corrections to the quote, a line's new price, assigning a job, a report's
note, a cancellation. The rules stay in bookings.services."""

from django import forms

from accounts.selectors import mechanic_by_public_id
from bookings.models import Booking
from bookings.portal.forms import PriceField
from revcare.errors import ApplicationError
from revcare.portal import row_id
from workshop.selectors.work import assignment_type_list


class AnalysisCorrectionForm(forms.Form):
    description = forms.CharField(label="Findings", widget=forms.Textarea(attrs={"rows": 3}))
    recommendation = forms.CharField(label="Recommendation", required=False,
                                     widget=forms.Textarea(attrs={"rows": 2}))


class QuoteForm(forms.Form):
    """One booked line's quoted price; left blank, the quote stays as it is."""

    service_id = forms.IntegerField(widget=forms.HiddenInput)
    price = PriceField(required=False)


class BaseQuoteFormSet(forms.BaseFormSet):
    """A quote form per booked line, labelled with its service."""

    def __init__(self, data=None, *, booking: Booking, **kwargs):
        self.lines = {row.service_id: row for row in booking.services.all()}
        initial = [{"service_id": service_id, "price": row.quoted_price} for service_id, row in self.lines.items()]
        super().__init__(data, initial=initial, prefix="quotes", **kwargs)

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        line = self.lines.get(row_id(form["service_id"].value()))
        if line is not None:
            form.fields["price"].label = f"{line.service.title} quote (₹)"
        return form

    def clean(self):
        if any(row_id(form.cleaned_data.get("service_id")) not in self.lines for form in self.forms):
            raise forms.ValidationError("The booking's services changed meanwhile; reload the page and try again.")

    def quotes(self) -> list[dict]:
        return [{"service": self.lines[form.cleaned_data["service_id"]].service, "price": form.cleaned_data["price"]}
                for form in self.forms if form.cleaned_data.get("price") is not None]


QuoteFormSet = forms.formset_factory(QuoteForm, formset=BaseQuoteFormSet, extra=0)




class LinePriceForm(forms.Form):
    """One line's new price (a form per booked line on the desk page; each posts on its own)."""

    price = PriceField()

    def __init__(self, *args, line, **kwargs):
        kwargs.setdefault("auto_id", f"reprice-{line.service_id}-%s")
        kwargs.setdefault("initial", {"price": line.quoted_price if line.quoted_price is not None
                                      else line.estimated_price})
        super().__init__(*args, **kwargs)
        self.line = line
        self.fields["price"].label = f"New price for {line.service.title}"


class AssignForm(forms.Form):
    """Who does which job: the type by kind and the mechanic by public id, both from the page's lists."""

    type = forms.ModelChoiceField(queryset=assignment_type_list(), to_field_name="kind",
                                  error_messages={"required": "Choose the job to assign.",
                                                  "invalid_choice": "Choose the job to assign from the list."})
    mechanic = forms.CharField(max_length=40, error_messages={"required": "Choose a mechanic from the list."})

    def clean_mechanic(self):
        try:
            return mechanic_by_public_id(public_id=self.cleaned_data["mechanic"])
        except ApplicationError as missing:
            raise forms.ValidationError("Choose a mechanic from the list.") from missing


class ReportNoteForm(forms.Form):
    notes = forms.CharField(required=False, max_length=1000, strip=True)


class CancelForm(forms.Form):
    reason = forms.CharField(required=False, max_length=200)

    def clean_reason(self) -> str:
        return self.cleaned_data["reason"] or "Cancelled by the garage"
