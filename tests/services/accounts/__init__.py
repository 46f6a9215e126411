"""Tests of services/accounts."""
