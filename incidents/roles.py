"""The three roles (viewer, analyst, staff) and what each may do; shared by the pages and the API.

Roles come from the groups alone (a superuser has every role); `is_staff` only lets an account into the
Django admin, it grants no role.
"""
from django.conf import settings

VIEWER, ANALYST, STAFF = "viewer", "analyst", "staff"
ROLES = (VIEWER, ANALYST, STAFF)


def _in_group(user, *names: str) -> bool:
    if not user or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return user.groups.filter(name__in=names).exists()


def can_view(user) -> bool:
    """Any role reads; anonymous visitors read only when KB_ANONYMOUS_READ is on."""
    if not user or not user.is_authenticated:
        return settings.KB_ANONYMOUS_READ
    return _in_group(user, VIEWER, ANALYST, STAFF)


def can_edit(user) -> bool:
    """Analysts (and staff) edit incidents and claims, link claims and review."""
    return _in_group(user, ANALYST, STAFF)


def can_upload(user) -> bool:
    """Staff upload articles and use the admin."""
    return _in_group(user, STAFF)
