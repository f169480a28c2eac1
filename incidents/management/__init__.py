"""Management commands of the incident domain."""
