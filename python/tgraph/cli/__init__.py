"""The command-line tools: tg-opt and tg-run."""
