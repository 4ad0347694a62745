from django import forms


class CheckoutCallbackForm(forms.Form):
    """What the checkout page posts back: Razorpay Checkout's handler fields, or the sandbox's choice."""

    outcome = forms.ChoiceField(choices=[("pay", "Pay"), ("fail", "Fail")], required=False)
    razorpay_payment_id = forms.CharField(required=False, max_length=100)
    razorpay_signature = forms.CharField(required=False, max_length=200)
