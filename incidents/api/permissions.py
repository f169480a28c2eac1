"""Who may do what over the API: the roles of `incidents.roles`, applied per request method."""
from rest_framework.permissions import SAFE_METHODS, BasePermission

from incidents.roles import can_edit, can_view


class RolePermission(BasePermission):
    """Viewers (and anonymous visitors when KB_ANONYMOUS_READ is on) read; analysts write.

    A view that needs a different role for writes names its check in `write_permission`
    (articles: `incidents.roles.can_upload`, staff only).
    """

    message = "Your role does not allow this."

    def has_permission(self, request, view) -> bool:
        if request.method in SAFE_METHODS:
            return can_view(request.user)
        return getattr(view, "write_permission", can_edit)(request.user)
