"""Tests of services/demo."""
