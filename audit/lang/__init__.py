"""Language helpers shared by checks and scorers: Arabic normalization, numbers, scripts."""
