"""Bilingual extraction of ASEAN environment cooperation areas, meetings and commitments from bulletins."""

__version__ = "0.1.0"
