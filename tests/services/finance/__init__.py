"""Tests of services/finance."""
