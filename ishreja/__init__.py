"""Ishreja: work plans and reports of Uzbekistan's information-library centres."""
