"""Platform-neutral conversation logic: typed messages in, reply values out."""
