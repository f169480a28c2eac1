"""Errors the domain services raise, for views and the API to turn into messages.

Validation problems (a bad field, a self-link, a duplicate link) are raised as Django's
`ValidationError` everywhere, so forms and serializers show them as they show their own;
only a stale edit has its own type, because callers answer it differently (HTTP 412, a reload prompt).
"""


class StaleEditError(Exception):
    """The edit was based on an older version of the record than the one now stored."""

    def __init__(self, *, current):
        self.current = current
        self.current_version = current.version
        super().__init__(
            "This record was changed by someone else since you loaded it "
            f"(it is now at version {current.version}). Reload it and apply your change again."
        )
