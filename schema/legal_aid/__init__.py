"""Legal aid in the GraphQL schema: requests, eligibility, history and hardship standards."""
