"""Live sessions across laptops: the host serves a group session over WebSockets and teams
join it by code.

The host runs the one authoritative ``GroupSession``; teams send their hand-ins and receive
each month's results. ``protocol`` holds the messages, ``room`` who may do what, ``journal``
the host's append-only record, ``server`` the host and ``client`` the team's side.
"""
