"""Reusable pieces the screens are built from."""
