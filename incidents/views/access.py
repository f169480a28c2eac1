"""Who may open which page: decorators over the shared role checks in incidents.roles."""
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.views.decorators.http import require_POST

from incidents.roles import can_edit, can_view


def _guard(check):
    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if check(request.user):
                return view(request, *args, **kwargs)
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            raise PermissionDenied("Your role does not allow this.")

        return wrapped

    return decorator


viewer_required = _guard(can_view)
"""Any reader; anonymous visitors are sent to sign in unless KB_ANONYMOUS_READ is on."""

analyst_required = _guard(can_edit)
"""Analysts and staff; viewers get 403, anonymous visitors are sent to sign in."""


def analyst_post_required(view):
    """An analyst's action that changes data: POST only."""
    return require_POST(analyst_required(view))
