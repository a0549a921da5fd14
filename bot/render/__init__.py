"""Replies -> what people see: Block Kit for Slack, text for the terminal, JSON for scripts."""
