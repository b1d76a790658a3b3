"""Small reusable widgets of the shell: info bars and the page state view."""
