"""The claim admin's casualty figures: an inline of rows, saved through the claim service like every other edit."""
from django.contrib import admin

from incidents import services
from incidents.forms import FIGURE_FIELDS, CasualtyFigureForm
from incidents.models import CasualtyFigure, Claim


class CasualtyFigureInlineBase(admin.TabularInline):
    """The claim's casualty figures by group; saved through the claim service (see `FiguresThroughServiceMixin`)."""

    model = CasualtyFigure
    form = CasualtyFigureForm
    fields = FIGURE_FIELDS
    autocomplete_fields = ["actor"]
    extra = 1
    verbose_name_plural = "Casualty figures by group (the claim's totals are their sums)"


class FiguresThroughServiceMixin:
    """A claim admin whose figures inline is written by `claim_update`, as the API's and the claim page's are."""

    def save_formset(self, request, form, formset, change):
        """The figures go through `claim_update`, as the API's and the claim page's do: history rows with the
        user, the claim's totals and its incident's roll-up follow, and its version moves on."""
        if formset.model is not CasualtyFigure:
            return super().save_formset(request, form, formset, change)
        formset.save(commit=False)  # writes nothing; fills the lists the admin's change message reads
        if formset.has_changed():
            figures = [{name: row.cleaned_data[name] for name in FIGURE_FIELDS} for row in formset.forms
                       if row.cleaned_data and not row.cleaned_data.get("DELETE")]
            claim = Claim.objects.get(pk=form.instance.pk)
            services.claim_update(claim=claim, version=claim.version, data={"figures": figures}, user=request.user)
        return None
