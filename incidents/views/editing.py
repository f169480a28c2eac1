"""What every edit page shares: turning service errors into form errors and answering a stale save."""
from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme

from incidents.exceptions import StaleEditError


@dataclass(frozen=True)
class Difference:
    field: str
    yours: str
    current: str


def add_service_errors(form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: on its field when the form has it, else on top."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            target = name if name in form.fields else None
            for message in ValidationError(errors).messages:
                form.add_error(target, message if target else f"{name}: {message}" if name != "__all__" else message)
    else:
        for message in error.messages:
            form.add_error(None, message)


def _shown(value) -> str:
    if value is None or value == "":
        return "—"
    if hasattr(value, "all"):
        value = list(value.all())
    if isinstance(value, list | tuple | set) or hasattr(value, "__iter__") and not isinstance(value, str):
        items = sorted(str(item) for item in value)
        return ", ".join(items) if items else "—"
    return str(value)


def _display(field, value) -> str:
    """A value as the form shows it: the label of a choice, the name of a record."""
    if isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
        labels = {str(key): label for key, label in field.choices}
        return str(labels.get(str(value), _shown(value)))
    return _shown(value)


def differences(form, current: Model) -> list[Difference]:
    """The fields where what the analyst submitted differs from what is stored now."""
    rows = []
    for name, field in form.fields.items():
        if name == "version" or name not in form.cleaned_data:
            continue
        submitted, stored = form.cleaned_data[name], getattr(current, name)
        if hasattr(stored, "all"):
            same = {item.pk for item in submitted or []} == {item.pk for item in stored.all()}
        else:
            same = submitted == stored
        if not same:
            rows.append(Difference(field=str(field.label or name), yours=_display(field, submitted),
                                   current=_display(field, stored)))
    return rows


def stale_response(request, *, template: str, form, form_class, error: StaleEditError, context: dict):
    """Refuse a stale save: say so, show the stored values next to the submitted ones, offer the fresh form."""
    fresh = form_class(instance=error.current)
    return render(request, template, {
        **context, "form": fresh, "stale": True, "stale_message": str(error),
        "differences": differences(form, error.current),
    }, status=409)


def picker_search(request) -> str:
    """The search text (`q`) of a picker page; PostgreSQL refuses NUL characters in text, so they are dropped."""
    return request.GET.get("q", "").replace("\x00", "")


def safe_next(request, default: str) -> str:
    """The `next` the form posted when it points into this site, else `default`."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return target
    return default
