"""The viewer's in-app inbox: listing, marking read, and live delivery of new notifications."""
