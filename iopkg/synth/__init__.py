"""Synthetic data: generate agreements for every municipality, their plan, and their Turtle text."""
