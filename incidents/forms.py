"""Forms of the analyst pages: editing incidents and claims, linking, moving, merging and splitting.

Edit forms carry the record's `version` so that the service can refuse a stale save; each form's
`service_data()` is exactly the `data` its service accepts, so views only pass it on.
"""
from dal import autocomplete
from django import forms

from incidents.choices import (
    SUB_EVENT_TYPE_CHOICES,
    CasualtyGroup,
    CasualtyKind,
    Credibility,
    EventType,
    LinkRelation,
    ReviewStatus,
)
from incidents.models import Actor, CasualtyFigure, Claim, Incident, Location
from incidents.templatetags.kb import figure_text

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
PICKER_ATTRS = {"data-minimum-input-length": 0, "data-placeholder": "Type to search names and aliases"}


def actor_picker(*, many: bool = True):
    """Pick actors by typing part of a name or alias (a search, not a list of every actor)."""
    widget = autocomplete.ModelSelect2Multiple if many else autocomplete.ModelSelect2
    return widget(url="incidents:actor_autocomplete", attrs=PICKER_ATTRS)


def location_picker():
    return autocomplete.ModelSelect2Multiple(url="incidents:location_autocomplete", attrs=PICKER_ATTRS)
FATALITY_FIELDS = ("fatalities_low", "fatalities_best", "fatalities_high")


def check_ranges(form, ranges) -> None:
    """Each (low, high, label) pair in order, with the error on the high field where a person types it."""
    for low_name, high_name, label in ranges:
        low, high = form.cleaned_data.get(low_name), form.cleaned_data.get(high_name)
        if low is not None and high is not None and low > high:
            form.add_error(high_name, f"{label}: the most ({high}) cannot be less than the least ({low}).")


class VersionedModelForm(forms.ModelForm):
    """A model form that remembers which version of the record the analyst started from."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["version"] = self.instance.version


class IncidentForm(VersionedModelForm):
    fatalities_overridden = forms.BooleanField(
        required=False, label="Set the fatality figures by hand",
        help_text="Unticked, the figures are rolled up from the claims.",
    )

    class Meta:
        model = Incident
        fields = [
            "title", "summary", "event_type", "sub_event_type", "date_start", "date_end", "date_precision",
            "background", "locations", "actors", "review_status", "fatalities_overridden",
            *FATALITY_FIELDS,
        ]
        widgets = {
            "date_start": DATE_INPUT, "date_end": DATE_INPUT,
            "summary": forms.Textarea(attrs={"rows": 4}),
            "locations": location_picker(),
            "actors": actor_picker(),
        }

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("fatalities_overridden") and all(cleaned.get(name) is None for name in FATALITY_FIELDS):
            self.add_error("fatalities_low", "Give at least one figure, or untick “set by hand”.")
        check_ranges(self, [("fatalities_low", "fatalities_high", "Fatalities"),
                            ("fatalities_low", "fatalities_best", "Best fatality figure"),
                            ("fatalities_best", "fatalities_high", "Fatalities")])
        start, end = cleaned.get("date_start"), cleaned.get("date_end")
        if start and end and end < start:
            self.add_error("date_end", "The end date cannot be before the start date.")
        return cleaned

    def service_data(self) -> dict:
        """The fields for `incident_update`; figures are sent only when the analyst sets them by hand."""
        names = [name for name in self.Meta.fields if name not in FATALITY_FIELDS and name != "fatalities_overridden"]
        data = {name: self.cleaned_data[name] for name in names}
        if self.cleaned_data["fatalities_overridden"]:
            data.update({name: self.cleaned_data[name] for name in FATALITY_FIELDS})
            data["fatalities_overridden"] = True
        elif "fatalities_overridden" in self.changed_data:
            # Unticked: the service rolls the figures up from the claims again.
            data["fatalities_overridden"] = False
        return data


FIGURE_FIELDS = ["kind", "group", "actor", "min", "max"]


class CasualtyFigureForm(forms.ModelForm):
    """One casualty figure of a claim (the admin's inline rows, and the claim page's through `ClaimFigureForm`).

    Its mistakes are put on the field to correct, before the model's check constraint would name itself."""

    class Meta:
        model = CasualtyFigure
        fields = FIGURE_FIELDS
        labels = {"actor": "Whose forces", "min": "Least", "max": "Most"}
        help_texts = {"actor": "Only for the group “forces”", "max": "Empty: no upper bound"}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("actor") is not None and cleaned.get("group") != CasualtyGroup.FORCES:
            self.add_error("actor", "Only forces belong to an actor: clear it, or choose the group "
                                    f"“{CasualtyGroup.FORCES.label}”.")
        if cleaned.get("min") is None and cleaned.get("max") is None and not {"min", "max"} & set(self.errors):
            self.add_error("min", "Give the least, the most or both (tick “Delete” to drop the figure).")
        check_ranges(self, [("min", "max", "Count")])
        return cleaned


class ClaimFigureForm(CasualtyFigureForm):
    """A figure row of the claim edit page: the actor is picked with the page's other actor pickers."""

    class Meta(CasualtyFigureForm.Meta):
        widgets = {"actor": actor_picker(many=False)}


ClaimFigureFormSet = forms.formset_factory(ClaimFigureForm, extra=1, can_delete=True)


def figure_rows(claim: Claim) -> list[dict]:
    """The rows the figure formset starts from: the claim's figures; for a claim with totals but no figures
    (made before figures existed, or by hand), its totals as one figure of each kind."""
    rows = [{"kind": f.kind, "group": f.group, "actor": f.actor_id, "min": f.min, "max": f.max}
            for f in claim.figures.all()] if claim.pk else []
    if rows or not claim.pk:
        return rows
    actor = claim.casualty_actor_id if claim.casualty_group == CasualtyGroup.FORCES else None
    for kind, low, high in ((CasualtyKind.KILLED, claim.fatalities_min, claim.fatalities_max),
                            (CasualtyKind.INJURED, claim.injured_min, claim.injured_max)):
        if low is not None or high is not None:
            rows.append({"kind": kind, "group": claim.casualty_group, "actor": actor, "min": low, "max": high})
    return rows


class ClaimForm(VersionedModelForm):
    """A claim's fields, with its casualty figures by group as a formset inside it (`figures`).

    The claim's killed and injured totals are the sums of its figures, so they are not fields of their own. The
    figures are sent to the service only when a row changed, so saving a claim whose figures were left alone
    never rewrites them; a post without the formset's management form (an older client) leaves them alone too.
    """

    FIGURES_PREFIX = "figures"

    class Meta:
        model = Claim
        fields = [
            "claimant", "kind", "perpetrators", "targets", "negated", "hypothetical", "credibility", "review_status",
            "analyst_note",
        ]
        widgets = {
            "claimant": actor_picker(many=False),
            "perpetrators": actor_picker(),
            "targets": actor_picker(),
            "analyst_note": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {"credibility": "Credibility (Admiralty 1–6)", "analyst_note": "Note"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        posted = self.is_bound and f"{self.FIGURES_PREFIX}-TOTAL_FORMS" in self.data
        self.figures = ClaimFigureFormSet(self.data if posted else None, prefix=self.FIGURES_PREFIX,
                                          initial=figure_rows(self.instance))

    @property
    def media(self):
        return super().media + self.figures.media

    def full_clean(self):
        super().full_clean()
        if self.is_bound and self.figures.is_bound and not self.figures.is_valid():
            self.add_error(None, "Correct the casualty figures marked below.")

    def figures_edited(self) -> bool:
        return self.figures.is_bound and self.figures.has_changed()

    def service_data(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        if self.figures_edited():
            data["figures"] = [{name: row.cleaned_data[name] for name in FIGURE_FIELDS}
                               for row in self.figures.forms if row.cleaned_data and not row.cleaned_data["DELETE"]]
        return data

    def conflict_values(self, name: str, current: Claim) -> tuple[str, str, str]:
        """For a stale save's table: the label, the analyst's value and the stored one of a part that is not a
        field (`figures`)."""
        def text(figures):
            return "; ".join(figure_text(kind=f["kind"], group=f["group"], actor=f["actor"], low=f["min"],
                                         high=f["max"]) for f in figures) or "—"
        stored = [{"kind": f.kind, "group": f.group, "actor": f.actor, "min": f.min, "max": f.max}
                  for f in current.figures.select_related("actor__parent__parent")]
        return "Casualty figures", text(self.service_data()[name]), text(stored)


class ClaimLinkForm(forms.Form):
    """Link this claim to another one; the other claim is picked from the search results shown."""

    other_claim = forms.ModelChoiceField(
        queryset=Claim.objects.all(), widget=forms.HiddenInput,
        error_messages={"required": "Choose the claim to link to.", "invalid_choice": "That claim no longer exists."},
    )
    relation = forms.ChoiceField(choices=LinkRelation.choices, widget=forms.RadioSelect)
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), max_length=2000,
                             help_text="Why the two claims contradict or corroborate each other.")


class ClaimMoveForm(forms.Form):
    incident = forms.ModelChoiceField(
        queryset=Incident.objects.all(), widget=forms.HiddenInput,
        error_messages={"required": "Choose the incident to move the claim to.",
                        "invalid_choice": "That incident no longer exists."},
    )


REASON_REQUIRED = {"required": "Say why: the reason is kept in the history."}


def reason_field(help_text: str) -> forms.CharField:
    return forms.CharField(max_length=2000, widget=forms.Textarea(attrs={"rows": 2}), help_text=help_text,
                           error_messages=REASON_REQUIRED)


class ConfirmedForm(forms.Form):
    """A form of an action shown first as a preview; `confirmed` is posted by the preview's button."""

    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    @property
    def is_confirmed(self) -> bool:
        return self.data.get("confirmed") in ("1", "true", "True", "on")

    def preview_ready(self) -> bool:
        """Everything but the reason is valid: the preview can be shown."""
        self.is_valid()
        return not (set(self.errors) - {"reason"})


class IncidentMergeForm(ConfirmedForm):
    sources = forms.ModelMultipleChoiceField(
        queryset=Incident.objects.all(), widget=forms.MultipleHiddenInput,
        error_messages={"required": "Choose at least one incident to merge into this one."},
    )
    reason = reason_field("Why these are one event, e.g. “same shelling of Goris reported by both sides”.")


class ClaimUnlinkForm(forms.Form):
    reason = reason_field("Why the two claims are not linked after all.")


class IncidentSplitForm(ConfirmedForm):
    claims = forms.ModelMultipleChoiceField(
        queryset=Claim.objects.none(), widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Tick the claims to split off into a new incident."},
    )
    title = forms.CharField(max_length=500, required=False, help_text="Title of the new incident")
    event_type = forms.ChoiceField(required=False, label="Event type of the new incident")
    sub_event_type = forms.ChoiceField(
        required=False, label="Sub-event type of the new incident",
        choices=[("", "None"), *SUB_EVENT_TYPE_CHOICES],
        help_text="Used with a new event type; it must belong to that type.",
    )
    reason = reason_field("Why these claims are about another event.")

    def __init__(self, *args, incident: Incident, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["claims"].queryset = incident.claims.select_related("claimant", "article__publisher").order_by("pk")
        same = incident.get_event_type_display()
        if incident.sub_event_type:
            same = f"{same}: {incident.sub_event_type}"
        self.fields["event_type"].choices = [("", f"Same as this incident ({same})"), *EventType.choices]
        self.incident = incident

    def clean_claims(self):
        claims = self.cleaned_data["claims"]
        if len(claims) >= self.incident.claims.count():
            raise forms.ValidationError(
                "Leave at least one claim in the incident; splitting off all of them changes nothing.")
        return claims


class ActorMergeForm(forms.Form):
    target = forms.ModelChoiceField(
        queryset=Actor.objects.all(), widget=forms.HiddenInput,
        error_messages={"required": "Choose the actor to keep.", "invalid_choice": "That actor no longer exists."},
    )


class LocationMergeForm(forms.Form):
    target = forms.ModelChoiceField(
        queryset=Location.objects.all(), widget=forms.HiddenInput,
        error_messages={"required": "Choose the place to keep.", "invalid_choice": "That place no longer exists."},
    )


class UndoForm(forms.Form):
    reason = forms.CharField(required=False, max_length=2000, label="Why (optional)")


class IncidentPairForm(forms.Form):
    """A suggested duplicate pair, to merge (b into a) or to keep apart."""

    incident_a = forms.ModelChoiceField(queryset=Incident.objects.all(), widget=forms.HiddenInput)
    incident_b = forms.ModelChoiceField(queryset=Incident.objects.all(), widget=forms.HiddenInput)


class IncidentReviewForm(VersionedModelForm):
    """The incident page's quick review decision."""

    class Meta:
        model = Incident
        fields = ["review_status"]


class ClaimReviewForm(VersionedModelForm):
    """A claim card's quick grading: credibility (Admiralty 1–6) and review status."""

    class Meta:
        model = Claim
        fields = ["credibility", "review_status"]


class TickedIncidentsForm(forms.Form):
    """The incidents ticked in the list, which its bulk actions apply to."""

    incidents = forms.ModelMultipleChoiceField(
        queryset=Incident.objects.all(), widget=forms.MultipleHiddenInput,
        error_messages={"required": "Tick at least one incident in the list first.",
                        "invalid_choice": "One of the ticked incidents no longer exists; reload the list."},
    )


class BulkReviewForm(TickedIncidentsForm):
    """The list's bulk action: one review status for the ticked incidents."""

    review_status = forms.ChoiceField(choices=ReviewStatus.choices)


class BulkCredibilityForm(TickedIncidentsForm):
    """The list's other bulk action: one credibility (Admiralty 1–6) for every claim of the ticked incidents."""

    credibility = forms.TypedChoiceField(choices=Credibility.choices, coerce=int,
                                         error_messages={"required": "Choose a credibility."})


class SavedSearchForm(forms.Form):
    name = forms.CharField(max_length=120, error_messages={"required": "Give the search a name."})
    query = forms.CharField(required=False, max_length=4000, widget=forms.HiddenInput)
