"""The connection overview page (a profile selected in the sidebar)."""
