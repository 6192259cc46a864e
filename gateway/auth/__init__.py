"""Who is calling: bearer JWT verification, the dev token minter and the request guard."""
