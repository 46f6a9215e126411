"""Tests of services/counting."""
