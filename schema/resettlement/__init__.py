"""Resettlement (安置帮教) in the GraphQL schema."""
