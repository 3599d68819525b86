"""Org units, accounts, activation, sign-in, sessions and the second factor."""
