"""Board Clerk in Slack: bolt listeners that translate Slack payloads and render replies.

Entry points: ``build_app`` (a configured ``slack_bolt.App``) and
``start_slack`` (the running adapter, with its notifier for reminders).
"""
