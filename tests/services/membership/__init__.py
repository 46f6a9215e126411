"""Tests of services/membership."""
