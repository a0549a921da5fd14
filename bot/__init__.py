"""Leverage: a Slack bot that coaches people through job-offer negotiation.

The flow, one package per stage, each importing only the ones above it in this list:

    errors, config   the exception tree; settings read once from the environment
    prose/           reading text: words, money, places, the component table, figures
    guides/          guide text -> Guide (pure); a folder -> guides + problems (the only
                     file I/O), its cache, lint
    offers/          pasted text -> offers (pure)
    index/           what someone typed -> the guide they mean (the only rapidfuzz user)
    scoring          offer x guide x band -> Assessment (pure)
    store/           the database: event claims, conversation state, misses, workspaces
    coach/           a question or command -> a typed Reply; the one command table
    live             the Coach that follows its guides folder (reload without restart)
    render/          Reply -> Block Kit, terminal text, JSON shapes; the button protocol
    slack/           create_app(settings, coach), listeners, delivery, serving
    chat, cli        the terminal edge: the only code that prints
    testing/         fakes of Slack for tests and benchmarks (nothing above imports it)
"""

__version__ = "0.1.0"
