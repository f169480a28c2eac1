"""The domain: incidents, claims, actors, places, articles and publishers."""
