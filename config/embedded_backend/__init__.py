"""A PostgreSQL database backend that starts the embedded server the first time Django connects."""
