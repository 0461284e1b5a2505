"""opsdesk: an internal operations service (async handlers over sync client libraries)."""
