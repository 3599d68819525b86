"""What every area of the schema shares: the context, paging, ids, errors, guards and limits."""
