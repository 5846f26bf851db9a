"""Event handlers of the federation service: an event in, a command on the domain."""

from shared.bus import Handlers

handlers = Handlers()
