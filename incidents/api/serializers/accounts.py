"""Serializers of an incident's roll-up by side and its accounts (each side's claimants, independent sources)."""
from rest_framework import serializers

from incidents.accounts import account_links, incident_accounts
from incidents.api.serializers.records import ActorRefSerializer
from incidents.describe import account_sentence


class GroupFigureSerializer(serializers.Serializer):
    claim = serializers.IntegerField(help_text="Id of the claim giving the figure")
    claimant = serializers.CharField(help_text="Who gives it")
    min = serializers.IntegerField(allow_null=True, help_text="Fewest dead it counts")
    max = serializers.IntegerField(allow_null=True, help_text="Most dead it counts; empty: no upper bound")


class GroupRollupSerializer(serializers.Serializer):
    """One group's rolled-up fatalities (domain.md "Counting casualties"): rival figures span low..high."""

    group = serializers.CharField(help_text="forces, civilians or unknown")
    actor_id = serializers.IntegerField(allow_null=True, help_text="The side whose forces (group forces)")
    label = serializers.CharField(help_text="Whose dead, in words")
    low = serializers.IntegerField(allow_null=True, help_text="Low estimate")
    best = serializers.IntegerField(allow_null=True, help_text="Best estimate: the most specific figure")
    high = serializers.IntegerField(allow_null=True, help_text="High estimate; empty: no upper bound")
    best_claim = serializers.IntegerField(allow_null=True, help_text="Id of the claim the best figure comes from")
    note = serializers.CharField(help_text="How the range was reached")
    figures = GroupFigureSerializer(many=True, help_text="Each claim's figure for this group")


class AccountSerializer(serializers.Serializer):
    """One account: a side's claimants (or the independent sources) and what they say in one line."""

    key = serializers.CharField(help_text="side-<actor id>, or independent")
    name = serializers.CharField(help_text="The side, or 'Independent sources'")
    side = ActorRefSerializer(allow_null=True, help_text="The side's actor; empty for independent sources")
    claimants = serializers.ListField(child=serializers.CharField(), help_text="Who speaks in this account")
    claims = serializers.ListField(child=serializers.IntegerField(), help_text="Ids of its claims")
    perpetrators = serializers.ListField(child=serializers.CharField(), help_text="Who did it, by its account")
    victims = serializers.ListField(child=serializers.CharField(), help_text="To whom")
    places = serializers.ListField(child=serializers.CharField(), help_text="Where (contested places by all names)")
    fatalities = GroupRollupSerializer(many=True, help_text="The dead it counts, by group")
    summary = serializers.CharField(help_text="Its account in one sentence")


class AccountLinkSerializer(serializers.Serializer):
    """The links of one relation between two accounts, counted once per pair of accounts."""

    first = serializers.CharField(help_text="Key of one account")
    second = serializers.CharField(help_text="Key of the other (the same key: within one account)")
    relation = serializers.CharField(help_text="contradicts or corroborates")
    links = serializers.ListField(child=serializers.IntegerField(), help_text="Ids of the claim links")
    reasons = serializers.ListField(child=serializers.CharField(), help_text="Their distinct reasons")


def accounts_data(incident) -> tuple[list[dict], list[dict]]:
    """The incident's accounts and links between accounts, as the serializers above read them."""
    claims = list(incident.claims.all())
    accounts = incident_accounts(claims)
    links = {link.pk: link for claim in claims for link in (*claim.links_as_a.all(), *claim.links_as_b.all())}
    rows = [{
        "key": a.key, "name": a.name, "side": a.side, "claimants": a.claimants, "claims": [c.pk for c in a.claims],
        "perpetrators": [actor.name for actor in a.doers], "victims": a.victims, "places": a.places,
        "fatalities": [group.as_json() for group in a.fatalities.groups], "summary": account_sentence(a, incident),
    } for a in accounts]
    pairs = [{"first": p.first.key, "second": p.second.key, "relation": p.relation,
              "links": [link.pk for link in p.links], "reasons": p.reasons}
             for p in account_links(accounts, sorted(links.values(), key=lambda link: link.pk))]
    return rows, pairs
