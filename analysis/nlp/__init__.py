"""NLP stages: pipeline loading, paragraphs, actors, quotes and speakers (one module per stage)."""
