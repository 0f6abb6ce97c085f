"""The access matrix: every URL of the portal, as every role, inside and outside the user's territory."""
