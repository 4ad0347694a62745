"""What every server-rendered portal shares: who may open a page, and how a service's refusal lands
on the form the person filled in."""

from functools import wraps

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest

from revcare.errors import ApplicationError


def row_id(value) -> int | None:
    """A row id read from a query string or a form field, or None when it is not one: ASCII digits only
    (str.isdigit() also accepts "²", which int() refuses) and short enough for a bigint column."""
    text = str(value or "")
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 18 else None


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


def form_refusal(target: forms.BaseForm | HttpRequest, error: ValidationError | ApplicationError | forms.BaseForm,
                 *, field_names: dict | None = None) -> None:
    """Show a refusal where the person looks for it. Given the form they filled in, it goes beside the
    field it is about (top of the form when it names none); `field_names` maps the services' names (the
    API's, e.g. "timeslot_id") to the form's, None meaning the top. Given the request instead (a button
    that posts and goes back to its page: there is no form to show again), it becomes an error message.
    `error` is a service's refusal, or an invalid form whose errors are the refusal."""
    if isinstance(error, forms.BaseForm):
        error = ValidationError(error.errors.as_data())
    if isinstance(target, HttpRequest):
        messages.error(target, refusal_text(error))
        return
    field_names = field_names or {}

    def place(name, messages_):
        name = field_names.get(name, name)
        target.add_error(name if name in target.fields else None, messages_)

    if isinstance(error, ValidationError):
        if hasattr(error, "error_dict"):
            for name, messages_ in error.message_dict.items():
                place(name, messages_)
        else:
            target.add_error(None, error.messages)
    elif isinstance(error.detail, dict):
        for name, messages_ in error.detail.items():
            place(name, messages_)
    else:
        place(error.field, str(error.detail))


def refusal_text(error: ValidationError | ApplicationError) -> str:
    """A refusal as sentences, for a message or a line of HTMX markup."""
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    if isinstance(error.detail, dict):
        return " ".join(str(text) for texts in error.detail.values()
                        for text in (texts if isinstance(texts, list | tuple) else [texts]))
    return str(error.detail)


def model_input_form(model, fields: list[str], **options) -> type[forms.Form]:
    """A plain Form with the model's own fields (labels, widgets, field validators), for input only:
    the service that saves checks uniqueness and model constraints, and form_refusal shows its
    refusal beside the field. Fill it from a row with django.forms.models.model_to_dict."""
    return type(f"{model.__name__}Input", (forms.Form,), dict(forms.fields_for_model(model, fields=fields, **options)))
