"""Language helpers shared by checks and scorers: Arabic normalization, numbers, scripts,
and what the checks know about each target language (``profiles``)."""
