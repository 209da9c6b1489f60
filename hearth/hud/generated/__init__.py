"""Code generated from the HUD HMIS CSV specification."""
