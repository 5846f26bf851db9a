"""The console: server-rendered pages over the four services' APIs, for people.

The public registers need no sign-in. Signed in, each role sees its own business through the
services, called with the user's own token: the console holds no data and decides nothing about
access (the services do); it reads the token's claims only to choose the menu.
"""
