"""The REST API (DRF): meetings, people and bulletins, the CSV export and the OpenAPI schema."""
