"""The staff upload form: one or many article files (.txt, .html, .pdf, .zip) with optional metadata."""
from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A file field that accepts several files (Django's documented pattern for `multiple`)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".txt,.html,.htm,.pdf,.zip"}))
        # An empty file is still stored (as failed, with the reason), so that nothing uploaded is lost.
        kwargs.setdefault("allow_empty_file", True)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)]


class ArticleUploadForm(forms.Form):
    files = MultipleFileField(
        label="Article files",
        help_text="Plain text, HTML or PDF, or a .zip of them. Select several at once if you like.",
    )
    publisher = forms.CharField(
        max_length=200, required=False,
        help_text="Who published them, e.g. Press TV. Left empty, the site name an HTML page declares is used.",
    )
    published_at = forms.DateField(
        required=False, widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Publication date; relative dates in the text ('on Tuesday') are read against it.",
    )

    def clean_files(self):
        files = self.cleaned_data["files"]
        limit = settings.KB_MAX_UPLOAD_BYTES
        too_big = [upload for upload in files if upload.size > limit]
        if too_big:
            names = ", ".join(f"{upload.name} ({filesizeformat(upload.size)})" for upload in too_big)
            raise forms.ValidationError(
                f"Too large to upload: {names}. The limit is {filesizeformat(limit)} per file; "
                "split the archive or upload the files separately."
            )
        return files
