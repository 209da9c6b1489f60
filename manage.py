#!/usr/bin/env python
"""Django's manage.py, for tools that expect it; `hearth` is the same command."""

from hearth.cli import main

if __name__ == "__main__":
    main()
