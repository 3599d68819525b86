"""Org units, accounts, sign-in, sessions and two-step sign-in in the GraphQL schema."""
