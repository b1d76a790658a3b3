"""The Uploads page of an upload scope."""
