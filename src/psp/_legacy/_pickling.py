"""psp 0.1.0.dev0's ``psp._pickling``: what its pickles call is in ``psp._base.pickling`` now."""

from psp._base.pickling import _rebuild as _rebuild
