"""The REST API of the knowledge base (serializers, views, routes); see urls.py for the endpoints."""
