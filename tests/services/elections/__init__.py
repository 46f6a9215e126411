"""Tests of services/elections."""
