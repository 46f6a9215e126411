"""Tests of services/organisation."""
