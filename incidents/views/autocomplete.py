"""The actor and place pickers of the edit forms: Select2 autocompletes (django-autocomplete-light) that search
names and aliases as the analyst types, instead of a select listing every actor in the knowledge base."""
from dal import autocomplete
from django.utils.decorators import method_decorator

from incidents import selectors
from incidents.views.access import analyst_required
from incidents.views.editing import picker_search


@method_decorator(analyst_required, name="dispatch")
class ActorAutocomplete(autocomplete.Select2QuerySetView):
    paginate_by = 20

    def get_queryset(self):
        return selectors.actor_choices(search=picker_search(self.request))

    def get_result_label(self, actor) -> str:
        details = ", ".join(part for part in (actor.get_kind_display(), actor.country_code) if part)
        return f"{actor.name} ({details})" if details else actor.name


@method_decorator(analyst_required, name="dispatch")
class LocationAutocomplete(autocomplete.Select2QuerySetView):
    paginate_by = 20

    def get_queryset(self):
        return selectors.location_choices(search=picker_search(self.request))

    def get_result_label(self, location) -> str:
        return str(location) + (f", {location.admin1}" if location.admin1 else "")
