"""The one exception readers raise: its message is a single line saying why a file can't be read."""


class ReadError(ValueError):
    """A file that can't be read as an article; str() is a one-line human message."""

    def __init__(self, message: str):
        super().__init__(" ".join(message.split()))
