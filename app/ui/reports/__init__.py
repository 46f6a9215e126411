"""The Reports area and the in-app PDF preview."""
