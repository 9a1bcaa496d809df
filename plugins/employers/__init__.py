"""Employers: consent-based sector matching of employers with talents, the talent pool, CV views."""
