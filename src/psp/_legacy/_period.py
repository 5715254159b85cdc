"""psp 0.1.0.dev0's ``psp._period``: its public names, wherever they live now."""

from psp._namespace import *  # noqa: F403
