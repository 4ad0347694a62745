"""What every server-rendered portal shares: who may open a page, and how a service's refusal lands
on the form the person filled in."""

from functools import wraps

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError

from revcare.errors import ApplicationError


def role_required(role: str):
    """Signed-in people of `role` only; anyone else signed in gets the 403 page."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.user.role_id != role:
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def form_refusal(form: forms.Form, error: ValidationError | ApplicationError, *, field_names: dict | None = None):
    """Put a service's refusal beside the field it is about (top of the form when it names none).
    `field_names` maps the services' names (the API's, e.g. "timeslot_id") to the form's."""
    field_names = field_names or {}

    def place(name, messages):
        name = field_names.get(name, name)
        form.add_error(name if name in form.fields else None, messages)

    if isinstance(error, ValidationError):
        if hasattr(error, "error_dict"):
            for name, messages in error.message_dict.items():
                place(name, messages)
        else:
            form.add_error(None, error.messages)
    elif isinstance(error.detail, dict):
        for name, messages in error.detail.items():
            place(name, messages)
    else:
        place(error.field, str(error.detail))



def model_input_form(model, fields: list[str], **options) -> type[forms.Form]:
    """A plain Form with the model's own fields (labels, widgets, field validators), for input only:
    the service that saves checks uniqueness and model constraints, and form_refusal shows its
    refusal beside the field. Fill it from a row with django.forms.models.model_to_dict."""
    return type(f"{model.__name__}Input", (forms.Form,), dict(forms.fields_for_model(model, fields=fields, **options)))
