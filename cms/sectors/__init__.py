"""Sectors: the eight fast-track sectors of the model, as translatable reference data."""
