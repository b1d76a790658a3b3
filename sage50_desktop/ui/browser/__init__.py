"""The scope (data set) page of a download scope."""
