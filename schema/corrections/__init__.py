"""Community corrections in the GraphQL schema: supervised persons and check-ins."""
