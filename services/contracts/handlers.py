"""Event handlers of the contracts service: an event in, a command on the domain."""

from shared.bus import Handlers

handlers = Handlers()
