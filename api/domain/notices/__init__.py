"""Notices: their texts, the outbox, reminders, push subscriptions and keys."""
