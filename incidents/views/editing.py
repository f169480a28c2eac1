"""What every edit page shares: turning service errors into form errors and answering a stale save (replayed
when the edits touched different fields, refused with both sides shown when they did not)."""
from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme

from incidents import services
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


@dataclass(frozen=True)
class Conflict:
    field: str
    yours: str
    current: str
    changed_by: str


def _conflicts(form, current: Model, rebased) -> list[Conflict]:
    """The fields both the analyst and someone else changed: what each wants, and who the someone was."""
    rows = []
    for name in rebased.conflicts:
        if name in form.fields:
            field = form.fields[name]
            label, yours, now = (str(field.label or name), _display(field, form.cleaned_data[name]),
                                 _display(field, getattr(current, name)))
        else:  # a part of the form that is not one field: the claim's figures
            label, yours, now = form.conflict_values(name, current)
        rows.append(Conflict(field=label, yours=yours, current=now, changed_by=rebased.others.get(name, "someone")))
    return rows


def save_or_rebase(request, *, form, error: StaleEditError, save, template: str, context: dict, success_url: str,
                   saved_message: str):
    """Answer a stale save: replay the analyst's changes on the current version when nobody else touched those
    fields; otherwise refuse (409) with the analyst's typed values kept and each conflicting field beside what is
    stored now and who changed it. `save(version=..., data=...)` is the edit service."""
    rebased = services.edit_rebase(current=error.current, base_version=form.cleaned_data["version"],
                                   data=form.service_data())
    if not rebased.conflicts:
        try:
            if rebased.data:
                save(version=error.current.version, data=rebased.data)
        except StaleEditError as again:  # yet another save landed meanwhile: let the analyst look
            error = again
        except ValidationError as invalid:
            add_service_errors(form, invalid)
            return render(request, template, {**context, "form": form}, status=400)
        else:
            others = sorted({who for who in rebased.others.values()})
            note = f" It was also changed meanwhile by {', '.join(others)}; both changes are kept." if others else ""
            messages.success(request, saved_message + note)
            return redirect(success_url)
    typed = request.POST.copy()
    typed["version"] = str(error.current.version)
    kept = type(form)(typed, instance=type(error.current).objects.get(pk=error.current.pk))
    kept.is_valid()
    return render(request, template, {
        **context, "form": kept, "stale": True, "stale_message": str(error),
        "conflicts": _conflicts(form, error.current, rebased),
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
