"""Entry point of the frozen bundle: the same ``branchdesk`` command."""

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()  # Windows: child processes re-enter here
    if sys.argv[1:2] == ["--sound-probe"]:  # doctor's audio check, in a child process
        from app.ui.setup.sound_probe import main as probe

        sys.exit(probe())
    from app.cli import main

    sys.exit(main())
