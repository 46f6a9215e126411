"""Use cases and rules in plain Python: no Qt, no widgets."""
