"""Calendar feeds (iCalendar) of boards and members, and the ``/calendar`` chat command."""
