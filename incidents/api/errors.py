"""One shape for every API error: `{"detail": "...", "errors": {field: [messages]}}`, never a 500 for bad input.

Domain errors become HTTP answers here: Django's ValidationError from a service is a 400,
StaleEditError (someone saved first) a 412 carrying the current version and its ETag.
"""
from django.core.exceptions import ObjectDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions, serializers, status
from rest_framework.fields import get_error_detail
from rest_framework.response import Response
from rest_framework.views import exception_handler

from incidents.exceptions import StaleEditError


class ErrorSerializer(serializers.Serializer):
    """The body of every error answer."""

    detail = serializers.CharField(help_text="What went wrong, in words a person can read")
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()), required=False,
        help_text="Messages per field, for bad input",
    )
    current_version = serializers.IntegerField(
        required=False, help_text="On 412: the version now stored; reload and apply the change again",
    )


def etag_for(instance) -> str:
    return f'"{instance.version}"'


def _flatten(messages) -> list[str]:
    if isinstance(messages, dict):
        return [f"{key}: {text}" for key, value in messages.items() for text in _flatten(value)]
    if isinstance(messages, list | tuple):
        return [text for item in messages for text in _flatten(item)]
    return [str(messages)]


def _as_error_body(data) -> dict:
    if isinstance(data, dict) and set(data) <= {"detail"}:
        return {"detail": str(data.get("detail", ""))}
    if not isinstance(data, dict):
        data = {"non_field_errors": data}
    errors = {str(field): _flatten(messages) for field, messages in data.items()}
    summary = "; ".join(
        text if field in ("non_field_errors", "__all__") else f"{field}: {text}"
        for field, texts in errors.items() for text in texts
    )
    return {"detail": summary or "Invalid input.", "errors": errors}


def api_exception_handler(exc, context):
    if isinstance(exc, StaleEditError):
        body = {"detail": str(exc), "current_version": exc.current_version}
        return Response(body, status=status.HTTP_412_PRECONDITION_FAILED, headers={"ETag": etag_for(exc.current)})
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(detail=get_error_detail(exc))
    elif isinstance(exc, ObjectDoesNotExist):
        exc = exceptions.NotFound(str(exc))
    response = exception_handler(exc, context)
    if response is not None:
        response.data = _as_error_body(response.data)
    return response
