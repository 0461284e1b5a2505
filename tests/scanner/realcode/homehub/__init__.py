"""homehub: a small home automation hub (devices, plugins, a web API)."""
