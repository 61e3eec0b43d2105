"""The repairs screens: the workshop (workshop_page.py) and their words (words.py)."""
