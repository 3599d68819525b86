"""People's mediation in the GraphQL schema: disputes, parties and field visits."""
