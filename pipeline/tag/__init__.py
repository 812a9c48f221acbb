"""tag stage."""
