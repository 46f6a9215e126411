"""Tests of services/board."""
