"""Stand-ins for Slack, for tests and benchmarks: the Web API fake (slack_fake), the Socket
Mode fake (socket_fake) and signed requests as Slack sends them (requests).

Nothing in the running bot imports this package (the architecture test places it above
everything else).
"""
