"""People's profiles: the viewer's own profile, other people's public profiles, and saving one's own."""
