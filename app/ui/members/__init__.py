"""The Members area."""
