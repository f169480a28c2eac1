"""Finding an extracted actor or place by the text of one of its mentions, for the pipeline tests."""


def mentioned_as(text, table, mention):
    """The actor or place of `table` one of whose mentions reads `mention`."""
    for result in table.results:
        if any(text[start:end] == mention for start, end in result.mentions):
            return result
    raise AssertionError(f"nothing mentioned as {mention!r}: {[r.name for r in table.results]}")
