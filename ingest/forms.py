"""The staff upload form: one or many article files (.txt, .html, .pdf, .zip) with optional metadata."""
from django import forms

from ingest.limits import size_refusal


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
        refusals = [size_refusal(upload.name, upload.size) for upload in files]
        if any(refusals):
            raise forms.ValidationError([message for message in refusals if message])
        return files
