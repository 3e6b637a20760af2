"""Microsoft Teams through the Microsoft 365 Agents SDK: the only place that imports it."""
