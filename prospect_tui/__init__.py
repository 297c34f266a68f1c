"""Prospect: calling sprints for salespeople who put prospecting off."""

__version__ = "0.1.0"
