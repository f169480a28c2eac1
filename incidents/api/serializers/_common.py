"""Help texts and field helpers shared by the API serializers."""
from rest_framework import serializers

from incidents.forms import REASON_REQUIRED

ID_HELP = "Unique id"
VERSION_HELP = "Bumped on every edit; send it back (If-Match header or this field) to edit safely"



def _help(**texts) -> dict:
    """extra_kwargs giving each named field its help text."""
    return {name: {"help_text": text} for name, text in texts.items()}



def _edited_reference(model, help_text: str, *, many: bool = False,
                      allow_null: bool = False) -> serializers.PrimaryKeyRelatedField:
    """An optional field of a PATCH that points at rows of `model` by id (ids when `many`)."""
    options = {"many": True} if many else {"allow_null": allow_null}
    return serializers.PrimaryKeyRelatedField(
        queryset=model.objects.all(), required=False, help_text=help_text, **options,
    )



def _edited_version() -> serializers.IntegerField:
    """The `version` a PATCH says it edits (instead of an If-Match header)."""
    return serializers.IntegerField(required=False, min_value=1, help_text=VERSION_HELP)



def _reason(help_text: str) -> serializers.CharField:
    """The reason a merge, split or unlink must give, as the UI asks for it: kept in the history, so required
    and not blank; the same message and limit as the UI's reason field."""
    return serializers.CharField(
        max_length=2000, help_text=f"{help_text} (required; kept in the history)",
        error_messages={"required": REASON_REQUIRED["required"], "blank": REASON_REQUIRED["required"],
                        "null": REASON_REQUIRED["required"]},
    )
