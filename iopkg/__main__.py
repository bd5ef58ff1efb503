"""Run the command-line interface with ``python -m iopkg``."""

from iopkg.cli import main

if __name__ == "__main__":
    main()
