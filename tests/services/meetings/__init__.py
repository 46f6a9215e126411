"""Tests of services/meetings."""
