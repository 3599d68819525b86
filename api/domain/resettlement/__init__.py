"""Resettlement of released prisoners (安置帮教): the prison's notice, meeting
the person, the assistance period with its contacts and help."""
