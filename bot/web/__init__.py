"""Board Clerk's one web server (aiohttp): health, calendar feeds and the chat platforms' webhooks.

``build_web_app`` makes the ``aiohttp.web.Application``; each route group
registers itself with a ``register(app, ...)`` function (``bot.web.health``,
``bot.web.calendar_routes``, ``bot.slack.http``), and ``bot.web.server.serve``
runs it until SIGTERM or Ctrl-C.
"""
