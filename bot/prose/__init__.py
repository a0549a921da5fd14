"""Reading text: words, money, the pay components and the figures in prose.

Both parsers stand on this package (guides for their targets and thresholds, offers for
everything), so "$192K", "sign-on" and "RSUs" mean one thing everywhere.
"""
