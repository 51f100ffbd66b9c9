"""Corrections: people's judgments of stances and quotes, stored in a database, applied to the
tables at query time, and exported as gold (see model, store, service, apply, gold)."""
