"""Recompute every incident's stored search vector with its wider contents (names, places, article text)."""
from django.db import migrations


def refresh_vectors(apps, schema_editor):
    # The vector expression reads today's columns; this step needs nothing a later migration changes.
    from incidents.search import incident_search_vectors_update

    Incident = apps.get_model("incidents", "Incident")
    incident_search_vectors_update(incident_ids=Incident.objects.values_list("pk", flat=True))


class Migration(migrations.Migration):
    dependencies = [("incidents", "0002_roles")]
    operations = [migrations.RunPython(refresh_vectors, migrations.RunPython.noop)]
