"""Template context shared by every page: what the signed-in user's role lets them do."""
from functools import cached_property

from incidents import roles


class UserRoles:
    """The user's permissions, each looked up once per page however many claim cards ask."""

    def __init__(self, user):
        self._user = user

    @cached_property
    def can_edit(self) -> bool:
        return roles.can_edit(self._user)

    @cached_property
    def can_upload(self) -> bool:
        return roles.can_upload(self._user)


def user_roles(request) -> dict:
    return {"kb_roles": UserRoles(request.user)}
