"""The office holder's privacy rights: who read their file, and a download of all their data."""
