"""The catalogue's portal forms: a customer's review from their booking page, and the desk's moderation."""

from django import forms


class ReviewForm(forms.Form):
    rating = forms.TypedChoiceField(choices=[(n, n) for n in range(1, 6)], coerce=int,
                                    error_messages={"required": "Choose from 1 to 5 stars for your review.",
                                                    "invalid_choice": "Choose from 1 to 5 stars for your review."})
    text = forms.CharField(required=False, max_length=1000, error_messages={
        "max_length": "Write at least 5 characters (at most 1000), or leave the words out."})
    booking = forms.IntegerField(required=False, min_value=1)  # the page to go back to

    def clean_text(self) -> str:
        text = self.cleaned_data["text"]
        if text and len(text) < 5:
            raise forms.ValidationError("Write at least 5 characters (at most 1000), or leave the words out.")
        return text


class ModerationForm(forms.Form):
    visible = forms.BooleanField(required=False)
    reason = forms.CharField(required=False, max_length=300)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("visible") and not cleaned.get("reason"):
            raise forms.ValidationError("Say why the review is hidden; the reason stays on record.")
        return cleaned
