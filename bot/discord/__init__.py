"""Board Clerk on Discord: slash commands, DMs and mentions, buttons, and reminders as DMs.

Only this package (and the rest of ``bot/``) imports discord.py; it
translates Discord events into ``IncomingMessage``s and renders ``Reply``s.
"""
