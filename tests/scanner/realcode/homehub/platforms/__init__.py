"""Integrations, imported on demand by homehub.loader."""
