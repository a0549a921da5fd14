"""The Slack edge: create_app(settings, coach), its listeners, and serving (HTTP or Socket Mode)."""
