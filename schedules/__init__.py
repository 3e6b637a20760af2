"""Reminder planning and the scheduler that sends what is due."""
