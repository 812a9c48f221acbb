"""Reading input files and normalising their text."""
