"""Connections: who is connected to whom, of which kind, in which state, and what that lets them see.

The core owns connections; plugins declare kinds (``connection_kinds`` hook), open and close
connections through :mod:`cms.connections.actions`, ask :mod:`cms.connections.selectors`
(``are_connected``, ``sees``), and react through ``on_connection_activated``,
``on_connection_changed`` and ``on_connection_closed``.
"""
