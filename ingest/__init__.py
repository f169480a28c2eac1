"""Reading articles into the domain: readers, the spaCy pipeline, and the ingest service."""
