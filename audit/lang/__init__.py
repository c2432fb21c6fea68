"""Language-specific text handling: language codes and script normalization."""

from __future__ import annotations

from audit.lang.codes import base_language, flores200_code, is_known_language, iso639_3_codes

__all__ = ["base_language", "flores200_code", "is_known_language", "iso639_3_codes"]
