#!/usr/bin/env python3
"""Runs Debian 12's wapiti 3.0.4 with its -x (exclude) bug mended in this process only.

wapiti 3.0.4 turns each -x pattern into a regular expression ending in `\\Z(?ms)`; Python 3.11 refuses
global flags that are not at the start ("global flags not at the start of the expression"), so any -x
crashes the crawl. The same translation with the flags in front; the installed package is left as it is.
"""

import re
import sys

import wapitiCore.net.crawler as crawler
from wapitiCore.main.wapiti import wapiti_main


def wildcard_translate(pattern):
    return re.compile("(?ms)" + "".join(".*" if c == "*" else re.escape(c) for c in pattern) + r"\Z")


crawler.wildcard_translate = wildcard_translate
sys.argv[0] = "wapiti"
sys.exit(wapiti_main())
